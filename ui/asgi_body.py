"""Reading a request body in an ASGI middleware and handing it on unchanged (for the guards in front of Gradio)."""

from __future__ import annotations


async def read_body(receive, limit: int) -> tuple[bytes, bool]:
    """The whole body, or (b"", True) as soon as it grows beyond `limit` bytes."""
    body, more = b"", True
    while more:
        message = await receive()
        body += message.get("body", b"")
        more = message.get("more_body", False)
        if len(body) > limit:
            return b"", True
    return body, False


def replay(body: bytes, receive):
    """A `receive` that yields the already read body first, then whatever the connection sends."""
    sent = False

    async def again() -> dict:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return again
