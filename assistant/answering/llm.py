"""Language-model backends through llama-index's LLM classes, chosen by `settings.llm_backend`.

- `ollama`: llama_index.llms.ollama.Ollama (production: an Ollama server on the local network)
- `openai`: llama_index.llms.openai_like.OpenAILike (any OpenAI-compatible server: vLLM, llama.cpp, LM Studio …)
- `embedded`: llama_index.llms.llama_cpp.LlamaCPP with a GGUF file on disk (optional extra `embedded`)
- `extractive`: no model at all

Every failure (server down, timeout, unknown model, missing package, empty output) surfaces as
`LLMUnavailable` with a German message; the answering service then falls back to the extractive answer.
The llama-index modules are imported lazily: they are slow to import and not needed without a model.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import httpx

from ..config import Settings
from ..errors import UserFacingError

if TYPE_CHECKING:
    from llama_index.core.llms import LLM

log = logging.getLogger(__name__)

BACKENDS = ("extractive", "ollama", "openai", "embedded")


class LLMUnavailable(UserFacingError):
    """The configured language model cannot answer now; the message (German) says why."""


def openai_base(url: str) -> str:
    """OpenAI-compatible servers serve under /v1; a bare host:port gets it appended."""
    url = url.rstrip("/")
    return url if urlparse(url).path not in ("", "/") else url + "/v1"


def seconds_text(seconds: float) -> str:
    """Seconds the German way: 2 → "2", 0.5 → "0,5"."""
    return f"{seconds:g}".replace(".", ",")


def answer_timeout_text(seconds: float) -> str:
    return (f"Das Sprachmodell hat die Antwort nicht innerhalb von {seconds_text(seconds)} s fertiggestellt "
            "(Zeitlimit für die ganze Antwort, JCA_LLM_TIMEOUT_S).")


def _describe(exc: BaseException, settings: Settings, timeout_s: float | None = None) -> str:
    """A German reason for a backend failure, for logs and the operator-facing fallback reason.

    `timeout_s` is the timeout that was in force (the probe's or the answer's), so a timeout names it.
    """
    name = type(exc).__name__
    text = str(exc)
    if isinstance(exc, LLMUnavailable):
        return exc.message
    if isinstance(exc, httpx.TimeoutException) or "timeout" in name.lower() or "timed out" in text.lower():
        if timeout_s is not None:
            return (f"Der Sprachmodell-Server hat nicht innerhalb von {seconds_text(timeout_s)} s auf die "
                    "Erreichbarkeitsprüfung geantwortet (JCA_LLM_PROBE_TIMEOUT_S).")
        return answer_timeout_text(settings.llm_timeout_s)
    if isinstance(exc, (httpx.ConnectError, ConnectionError)) or "connect" in name.lower():
        return f"Der Sprachmodell-Server unter {settings.llm_base_url} ist nicht erreichbar."
    status = getattr(exc, "status_code", None)
    if status == 404 or "not found" in text.lower():
        return f"Das Modell „{settings.llm_model}“ ist auf dem Server nicht vorhanden."
    if status in (401, 403):
        return "Der Sprachmodell-Server hat die Anmeldung abgelehnt (Zugangsschlüssel prüfen)."
    return f"Das Sprachmodell hat einen Fehler gemeldet ({name})."


# --- reachability --------------------------------------------------------------------------------


def probe(settings: Settings, deadline: float | None = None) -> None:
    """Fail fast (short timeout) when the backend cannot answer; raises LLMUnavailable.

    `deadline` (time.monotonic()) is the answer's overall deadline; the probe never runs past it.
    """
    backend = settings.llm_backend
    timeout = min(settings.llm_probe_timeout_s, settings.llm_timeout_s)
    if deadline is not None:
        timeout = max(0.0, min(timeout, deadline - time.monotonic()))
    try:
        if backend == "ollama":
            r = httpx.get(settings.llm_base_url.rstrip("/") + "/api/tags", timeout=timeout)
            if r.status_code != 200:
                raise LLMUnavailable(f"Der Server unter {settings.llm_base_url} antwortet nicht wie ein "
                                     f"Ollama-Server (HTTP {r.status_code}).")
            names = {m.get("name") or m.get("model") for m in r.json().get("models", [])}
            wanted = settings.llm_model
            if wanted not in names and f"{wanted}:latest" not in names:
                raise LLMUnavailable(f"Das Modell „{wanted}“ ist auf dem Ollama-Server nicht vorhanden "
                                     f"(„ollama pull {wanted}“ ausführen).")
        elif backend == "openai":
            headers = {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
            r = httpx.get(openai_base(settings.llm_base_url) + "/models", timeout=timeout, headers=headers)
            if r.status_code in (401, 403):
                raise LLMUnavailable("Der Sprachmodell-Server hat die Anmeldung abgelehnt (Zugangsschlüssel prüfen).")
            # other statuses: some servers do not list models; the chat request will tell
        elif backend == "embedded":
            path = settings.llm_gguf_path
            if path is None or not path.is_file():
                raise LLMUnavailable(f"Die Modelldatei (GGUF) „{path or '–'}“ wurde nicht gefunden "
                                     "(Einstellung JCA_LLM_GGUF_PATH).")
            _import_llama_cpp()
        else:
            raise LLMUnavailable("Es ist kein Sprachmodell eingestellt.")
    except LLMUnavailable:
        raise
    except (httpx.HTTPError, ValueError, OSError) as exc:
        raise LLMUnavailable(_describe(exc, settings, timeout)) from exc


# --- the llama-index LLM -------------------------------------------------------------------------


def _import_llama_cpp() -> Any:
    try:
        from llama_index.llms.llama_cpp import LlamaCPP
    except ImportError as exc:
        raise LLMUnavailable(
            "Das eingebettete Sprachmodell ist nicht installiert. Bitte die Erweiterung installieren: "
            "pip install 'jobcenter-assistent[embedded]' (llama-index-llms-llama-cpp)."
        ) from exc
    return LlamaCPP


_embedded_lock = threading.Lock()
_embedded: dict[str, Any] = {}  # a GGUF model is loaded once per process


def make_llm(settings: Settings) -> LLM:
    """The llama-index LLM for the configured backend (not for `extractive`)."""
    backend = settings.llm_backend
    if backend == "ollama":
        from llama_index.llms.ollama import Ollama

        return Ollama(model=settings.llm_model, base_url=settings.llm_base_url.rstrip("/"),
                      request_timeout=settings.llm_timeout_s, temperature=settings.llm_temperature,
                      context_window=settings.llm_context_window,
                      additional_kwargs={"num_predict": settings.llm_max_tokens})
    if backend == "openai":
        from llama_index.llms.openai_like import OpenAILike

        return OpenAILike(model=settings.llm_model, api_base=openai_base(settings.llm_base_url),
                          api_key=settings.llm_api_key or "not-needed", is_chat_model=True,
                          context_window=settings.llm_context_window, max_tokens=settings.llm_max_tokens,
                          temperature=settings.llm_temperature, timeout=settings.llm_timeout_s, max_retries=0)
    if backend == "embedded":
        LlamaCPP = _import_llama_cpp()
        path = str(settings.llm_gguf_path or "")
        with _embedded_lock:
            if path not in _embedded:
                _embedded[path] = LlamaCPP(model_path=path, temperature=settings.llm_temperature,
                                           max_new_tokens=settings.llm_max_tokens,
                                           context_window=settings.llm_context_window, verbose=False)
            return _embedded[path]
    raise LLMUnavailable("Es ist kein Sprachmodell eingestellt.")


def prepare(settings: Settings) -> LLM:
    """The backend's client, built before the answer's deadline starts: importing llama-index (seconds on a
    busy machine) or loading a GGUF file once per process is not the model's answer time."""
    try:
        return make_llm(settings)
    except LLMUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001 - a missing package or a bad setting: fall back
        log.info("LLM backend %s could not be set up: %r", settings.llm_backend, exc)
        raise LLMUnavailable(_describe(exc, settings)) from exc


def _pump(settings: Settings, messages: Sequence[tuple[str, str]], out: queue.Queue,
          stop: threading.Event, model: LLM | None) -> None:
    """Worker thread: read the model's stream into `out` until done, failed or told to stop."""
    from llama_index.core.llms import ChatMessage, MessageRole

    roles = {"system": MessageRole.SYSTEM, "user": MessageRole.USER, "assistant": MessageRole.ASSISTANT}
    try:
        llm = model if model is not None else make_llm(settings)
        chat = [ChatMessage(role=roles[role], content=content) for role, content in messages]
        stream = llm.stream_chat(chat)
        try:
            for response in stream:
                if stop.is_set():
                    break
                out.put(("delta", response.delta or ""))
        finally:
            close = getattr(stream, "close", None)
            if close is not None:
                close()  # closes the HTTP response of an abandoned answer
        out.put(("done", None))
    except BaseException as exc:  # noqa: BLE001 - handed to the consumer, which decides
        out.put(("error", exc))


def stream_chat(settings: Settings, messages: Sequence[tuple[str, str]],
                deadline: float | None = None, model: LLM | None = None) -> Iterator[str]:
    """Stream the reply to (role, content) messages as text deltas; any failure raises LLMUnavailable.

    One deadline (time.monotonic(); default: now + JCA_LLM_TIMEOUT_S, once `model` is built) bounds the whole
    answer, however
    steadily a slow server trickles tokens: the client's own timeout only bounds each read. The stream is
    read in a worker thread so that waiting for the next token can stop at the deadline.
    """
    if model is None and deadline is None:
        model = prepare(settings)
    deadline = deadline if deadline is not None else time.monotonic() + settings.llm_timeout_s
    out: queue.Queue = queue.Queue()
    stop = threading.Event()
    threading.Thread(target=_pump, args=(settings, messages, out, stop, model), daemon=True,
                     name="llm-stream").start()
    produced = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            try:
                kind, value = out.get(timeout=remaining) if remaining > 0 else out.get_nowait()
            except queue.Empty:
                log.info("LLM backend %s missed the answer deadline (%s s)", settings.llm_backend,
                         settings.llm_timeout_s)
                raise LLMUnavailable(answer_timeout_text(settings.llm_timeout_s)) from None
            if kind == "delta":
                if value:
                    produced = True
                    yield value
            elif kind == "done":
                break
            else:
                exc = value
                if isinstance(exc, LLMUnavailable):
                    raise exc
                log.info("LLM backend %s failed: %r", settings.llm_backend, exc)
                raise LLMUnavailable(_describe(exc, settings)) from exc
        if not produced:
            raise LLMUnavailable("Das Sprachmodell hat keine Antwort geliefert.")
    finally:
        stop.set()  # the worker stops at its next token (or its read timeout)
