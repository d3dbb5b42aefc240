"""Gradio's temporary copies of uploads (the web app's side; the core keeps ours in assistant/uploads.py)."""

from __future__ import annotations

from pathlib import Path

from assistant.uploads import safe_upload_name

__all__ = ["discard_gradio_upload", "safe_upload_name"]


def discard_gradio_upload(path: str | Path) -> None:
    """Delete Gradio's temporary copy of an upload (and its folder if empty); nothing outside Gradio's folder."""
    from .security import is_inside_upload_folder

    if not is_inside_upload_folder(path):
        return
    try:
        p = Path(path).resolve()
        p.unlink()
        if not any(p.parent.iterdir()):
            p.parent.rmdir()
    except OSError:
        pass
