"""Errors whose message (German) is meant for the user; anything else is a bug."""


class UserFacingError(Exception):
    """An error caused by input or environment, with a plain German message for the user."""

    refused_input = True  # the CLI's exit code: 2 for refused input, 1 for a service or run that failed

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidDocumentError(UserFacingError):
    """A file that cannot be ingested: empty, corrupt, encrypted, wrong format, too large."""

    def __init__(self, filename: str, reason: str) -> None:
        super().__init__(f"Die Datei „{filename}“ kann nicht aufgenommen werden: {reason}")
        self.filename = filename
        self.reason = reason


class ReplacementRefused(InvalidDocumentError):
    """A new version that would change a document fundamentally (kind, visibility, most of a law's units)
    and was not confirmed by the editor (CLI --confirm-replace, the confirmation box in the Redaktion)."""


class IngestCancelled(UserFacingError):
    """The editor cancelled a running ingestion; the document being ingested was left as it was."""
