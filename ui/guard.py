"""Rejects queue calls that name no existing event handler before Gradio sees them.

Gradio 6.31 looks the handler up without a check (`fns[body.fn_index]`), so an unknown or negative
fn_index ends in a KeyError and an HTTP 500. This ASGI middleware answers such calls with a plain 422.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .asgi_body import read_body, replay

QUEUE_JOIN = "/gradio_api/queue/join"
MAX_BODY = 4 * 1024 * 1024


class QueueJoinGuard:
    def __init__(self, app, blocks: Mapping[str, Any]) -> None:
        self.app = app
        self.blocks = blocks

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "POST" or not path.endswith(QUEUE_JOIN):
            await self.app(scope, receive, send)
            return
        body, too_big = await read_body(receive, MAX_BODY)
        if too_big:
            await _reply(send, 413, "Die Anfrage ist zu groß.")
            return
        blocks = self.blocks.get(path[: -len(QUEUE_JOIN)] or "/")
        if blocks is not None and not self._known(blocks, body):
            await _reply(send, 422, "Unbekannte Funktion.")
            return
        await self.app(scope, replay(body, receive), send)

    @staticmethod
    def _known(blocks: Any, body: bytes) -> bool:
        try:
            fn_index = json.loads(body).get("fn_index")
        except (ValueError, AttributeError):
            return True  # malformed bodies are Gradio's to refuse (it answers 4xx)
        if fn_index is None or not isinstance(fn_index, int):
            return True
        return fn_index in blocks.fns


async def _reply(send, status: int, detail: str) -> None:
    payload = json.dumps({"detail": detail}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
