"""The domain vocabulary: documents, citable units and their citations, audiences."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum


__all__ = ["Audience", "Citation", "DocKind", "Document", "DocumentVersion", "Unit", "UnitRole", "Visibility"]


class Visibility(StrEnum):
    PUBLIC = "public"
    INTERNAL = "internal"


class Audience(StrEnum):
    """Who asks. The one rule of what each audience may see is `visible`; every filter derives from it."""

    CITIZEN = "citizen"
    STAFF = "staff"
    EDITOR = "editor"

    @classmethod
    def coerce(cls, value: Audience | str) -> Audience:
        """The audience of a member or its value (`"citizen"`); raises ValueError for anything else."""
        return value if isinstance(value, cls) else cls(value)

    @property
    def is_citizen(self) -> bool:
        """Citizens get plain-language texts in their own language (and see public units only)."""
        return self is Audience.CITIZEN

    @property
    def visible(self) -> frozenset[Visibility]:
        """The visibilities this audience may read: citizens the public units, staff and editors all."""
        return frozenset({Visibility.PUBLIC}) if self.is_citizen else frozenset(Visibility)

    def may_see(self, visibility: str) -> bool:
        return visibility in self.visible


class DocKind(StrEnum):
    LAW = "law"
    GUIDELINE = "guideline"
    OTHER = "other"


class UnitRole(StrEnum):
    """What a unit is within its document; only `text` is the operative content."""

    TEXT = "text"  # an Absatz of a law, a Randzeichen of guidance, a section of another document
    CHANGELOG = "changelog"  # "Wesentliche Änderungen" of a guideline
    LAW_QUOTE = "law_quote"  # the law text quoted at the top of a guideline
    PREAMBLE = "preamble"  # guideline text before the first Randzeichen


@dataclass(frozen=True)
class Unit:
    """The smallest thing a citation points to.

    `label` is the label within the document (`§ 22 Abs. 1`, `Rz. 21.27`, `Anlage`,
    or a heading path for other documents); `section` is the enclosing section
    (`§ 22`, `Anlage`) used for section-level grouping.
    """

    doc: str
    label: str
    text: str
    section: str = ""
    title: str = ""
    breadcrumb: tuple[str, ...] = ()
    role: UnitRole = UnitRole.TEXT
    page: int | None = None
    link: str = ""
    footnotes: str = ""
    order: int = 0

    @property
    def content_hash(self) -> str:
        payload = "\x1f".join(
            [self.doc, self.label, self.section, self.title, " > ".join(self.breadcrumb),
             self.role, str(self.page or ""), self.link, self.footnotes, self.text]
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def unit_id(self) -> str:
        """Chroma id: the content hash, so identical text in two versions shares one vector."""
        return self.content_hash[:32]


@dataclass(frozen=True, kw_only=True)
class DocumentVersion:
    """What describes one version of a document, the one shape wherever a version is held: as parsed
    (`Document`, with its units) and as the catalog stores it (`catalog.VersionInfo`)."""

    name: str  # canonical name: "SGB II", "FW § 21"
    kind: DocKind
    title: str
    stand: str  # ISO date (YYYY-MM-DD) read from the document
    stand_text: str  # as the document states it, e.g. "zuletzt geändert durch Art. 8 G v. 22.12.2025"
    visibility: Visibility = Visibility.PUBLIC
    source: str = ""  # file path or URL it came from
    sha256: str = ""
    link: str = ""  # link to the document as a whole
    notes: tuple[str, ...] = ()  # e.g. pending amendments


@dataclass(frozen=True, kw_only=True)
class Document(DocumentVersion):
    """One source file in one version, with the units parsed from it."""

    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Citation:
    """A citable place, written the one way users read it (`str()`):
    `§ 11b Abs. 3 SGB II`, `FW § 21 SGB II, Rz. 21.27`, `KdU-Richtlinie Beispielkreis, 2. Mietobergrenzen`."""

    doc: str  # canonical document name
    kind: str  # DocKind
    label: str = ""  # the unit's label within the document; "" for the document as a whole

    def __str__(self) -> str:
        doc, label = self.doc, self.label
        if self.kind == DocKind.LAW:
            return f"{label} {doc}" if label else doc
        if self.kind == DocKind.GUIDELINE:  # the Fachliche Weisungen of the Bundesagentur explain the SGB II
            return f"{doc} SGB II, {label}" if label else f"{doc} SGB II"
        return f"{doc}, {label}" if label else doc
