"""Model backends against small fake servers on 127.0.0.1, and the fallback when no server answers.

These are protocol checks, not model tests: the fake servers speak the parts of the Ollama API
(`GET /api/tags`, `POST /api/show`, `POST /api/chat` streaming NDJSON) and of the OpenAI API
(`GET /v1/models`, `POST /v1/chat/completions` streaming SSE) that the llama-index clients use, and
answer with canned text. They show that requests are well-formed (model, German system prompt,
numbered sources), that streamed deltas arrive as growing partial answers, that the checks run on
the finished text, and that every kind of failure ends in the extractive answer with a notice.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assistant.answering import llm, prompts
from assistant.answering.service import answer, answer_stream
from assistant.answering.types import AnswerMode
from assistant.catalog import StoredUnit
from assistant.config import Settings
from assistant.model import Audience, Unit
from assistant.retrieval.query import analyse_query
from assistant.retrieval.retriever import Hit, RetrievalResult
from conftest import free_port

MODEL = "testmodel:7b"


@dataclass
class Scenario:
    """What the fake server answers; `requests` records (method, path, json body) of every request."""

    chunks: list[str] = field(default_factory=lambda: ["Der Regelbedarf beträgt ", "563 Euro [1]. ",
                                                       "Sonst gilt nichts [7]."])
    models: list[str] = field(default_factory=lambda: [MODEL])
    chat_status: int = 200
    chunk_delay_s: float = 0.0  # pause before each streamed chunk (a slow model)
    tags_delay_s: float = 0.0  # pause before answering the reachability probe
    requests: list[tuple[str, str, dict]] = field(default_factory=list)


def _handler(scenario: Scenario) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def _body(self) -> dict:
            n = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(n) if n else b""
            return json.loads(raw) if raw else {}

        def _json(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def handle(self) -> None:
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):  # the client gave up on a slow answer
                pass

        def do_GET(self) -> None:  # noqa: N802
            scenario.requests.append(("GET", self.path, {}))
            time.sleep(scenario.tags_delay_s)
            if self.path == "/api/tags":
                self._json(200, {"models": [{"name": m, "model": m, "size": 1} for m in scenario.models]})
            elif self.path == "/v1/models":
                self._json(200, {"object": "list", "data": [{"id": m, "object": "model"} for m in scenario.models]})
            else:
                self._json(404, {"error": "not found"})

        def do_POST(self) -> None:  # noqa: N802
            body = self._body()
            scenario.requests.append(("POST", self.path, body))
            if self.path == "/api/show":
                self._json(200, {"modelinfo": {"llama.context_length": 8192}, "details": {}})
            elif self.path == "/api/chat":
                if body.get("model") not in scenario.models or scenario.chat_status != 200:
                    self._json(scenario.chat_status if scenario.chat_status != 200 else 404,
                               {"error": f"model \"{body.get('model')}\" not found, try pulling it first"})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.end_headers()
                for chunk in scenario.chunks:
                    time.sleep(scenario.chunk_delay_s)
                    line = {"model": body["model"], "created_at": "2026-01-01T00:00:00Z",
                            "message": {"role": "assistant", "content": chunk}, "done": False}
                    self.wfile.write(json.dumps(line).encode() + b"\n")
                    self.wfile.flush()
                done = {"model": body["model"], "created_at": "2026-01-01T00:00:01Z",
                        "message": {"role": "assistant", "content": ""}, "done": True, "done_reason": "stop",
                        "prompt_eval_count": 100, "eval_count": len(scenario.chunks)}
                self.wfile.write(json.dumps(done).encode() + b"\n")
            elif self.path == "/v1/chat/completions":
                if scenario.chat_status != 200:
                    self._json(scenario.chat_status, {"error": {"message": "boom", "type": "server_error"}})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                pieces = [{"role": "assistant", "content": ""}] + [{"content": c} for c in scenario.chunks]
                for i, delta in enumerate(pieces):
                    time.sleep(scenario.chunk_delay_s if i else 0.0)
                    chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0,
                             "model": body.get("model"),
                             "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                    self.wfile.write(b"data: " + json.dumps(chunk).encode() + b"\n\n")
                    self.wfile.flush()
                last = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 0,
                        "model": body.get("model"), "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(b"data: " + json.dumps(last).encode() + b"\n\ndata: [DONE]\n\n")
            else:
                self._json(404, {"error": "not found"})

    return Handler


@contextmanager
def fake_server(scenario: Scenario) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(scenario))
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --- a fixed retrieval result, so these tests need no index -------------------------------------

ANLAGE = ("gültig ab | Regelbedarfsstufe 1 | Regelbedarfsstufe 2\n1. Januar 2025 | 563 | 506\n"
          "1. Januar 2026 | 563 | 506")
ABS3 = ("(3) Von dem Einkommen ist ein weiterer Betrag abzusetzen. Dieser beläuft sich auf 20 Prozent "
        "des Teils, der 100 Euro übersteigt.")
ABS1A = ("(1a) Der Regelbedarf wird in Höhe der jeweiligen Regelbedarfsstufe entsprechend § 28 des Zwölften Buches "
         "anerkannt.")  # the SGB II sentence that refers to the SGB XII table (answers quote SGB XII only then)


class FixedRetriever:
    """Stands in for Retriever: always the same two public units, flagged relevant."""

    def __init__(self, relevant: bool = True) -> None:
        self.relevant = relevant
        self.questions: list[str] = []

    def retrieve(self, question: str, audience: Audience | str = Audience.CITIZEN, k: int = 10,
                 as_of: str | None = None, *, asked: str | None = None) -> RetrievalResult:
        self.questions.append(question)
        units = [
            StoredUnit("a", Unit("SGB XII", "Anlage", ANLAGE, section="Anlage", link="https://example.org/anlage"),
                       "law", "public", "2025-12-22", 1),
            StoredUnit("b", Unit("SGB II", "§ 11b Abs. 3", ABS3, section="§ 11b", link="https://example.org/11b"),
                       "law", "public", "2025-12-22", 2),
            StoredUnit("c", Unit("SGB II", "§ 20 Abs. 1a", ABS1A, section="§ 20", link="https://example.org/20"),
                       "law", "public", "2025-12-22", 3),
        ]
        hits = [Hit(su, 1.0 - i / 10) for i, su in enumerate(units)]
        return RetrievalResult(question, Audience(audience), hits, self.relevant, 0.9,
                               query=analyse_query(question, asked))


QUESTION = "Wie hoch ist der Regelbedarf für eine alleinstehende Person im Jahr 2026?"


def settings_for(backend: str, url: str, **kw: object) -> Settings:
    values: dict[str, object] = {"llm_timeout_s": 5, "llm_probe_timeout_s": 1, **kw}
    return Settings(llm_backend=backend, llm_model=MODEL, llm_base_url=url, **values)


# --- Ollama --------------------------------------------------------------------------------------


def test_ollama_protocol_streams_and_checks() -> None:
    scenario = Scenario()
    with fake_server(scenario) as url:
        s = settings_for("ollama", url)
        parts = list(answer_stream(QUESTION, "citizen", retriever=FixedRetriever(), settings=s))
    partial, final = parts[:-1], parts[-1]
    assert partial and all(not p.complete for p in partial)
    assert [len(p.text) for p in partial] == sorted(len(p.text) for p in partial)  # growing text
    assert final.complete and final.mode is AnswerMode.GENERATED
    assert "563 Euro [1]" in final.text and "[7]" not in final.text
    assert final.checks.removed_citations == (7,)
    assert final.checks.unsupported == ()
    assert [s.number for s in final.sources] == [1]  # only cited sources are carried
    assert final.sources[0].citation == "Anlage SGB XII"
    assert any("2026" in h for h in final.sources[0].highlights)
    assert prompts.NOTICE_CITIZEN in final.notice and not final.fallback_reason

    chat = [b for m, p, b in scenario.requests if p == "/api/chat"]
    assert len(chat) == 1 and chat[0]["model"] == MODEL and chat[0]["stream"] is True
    system, user = chat[0]["messages"][0], chat[0]["messages"][-1]
    assert system["role"] == "system" and "ausschließlich" in system["content"] and "Einfache" in system["content"]
    assert "[1] Anlage SGB XII (Stand 2025-12-22):" in user["content"]
    assert "[2] § 11b Abs. 3 SGB II (Stand 2025-12-22):" in user["content"]
    assert QUESTION in user["content"]


def test_ollama_unsupported_figure_is_flagged() -> None:
    scenario = Scenario(chunks=["Sie bekommen 600 Euro im Monat [1] ", "und 20 Prozent Freibetrag [2]."])
    with fake_server(scenario) as url:
        a = answer(QUESTION, "staff", retriever=FixedRetriever(), settings=settings_for("ollama", url))
    assert a.mode is AnswerMode.GENERATED
    assert a.checks.unsupported == ("600 Euro",)  # 20 Prozent is in § 11b Abs. 3, cited as [2]
    assert "unbelegt" in a.notice and "600 Euro" in a.notice
    assert not a.checks.ok


def test_ollama_history_reaches_prompt_and_retrieval() -> None:
    scenario = Scenario()
    retriever = FixedRetriever()
    history = [{"role": "user", "content": "Wie hoch ist der Regelbedarf?"},
               {"role": "assistant", "content": "563 Euro [1]."}]
    with fake_server(scenario) as url:
        answer("Und für Kinder?", "citizen", history, retriever=retriever, settings=settings_for("ollama", url))
    assert retriever.questions == ["Wie hoch ist der Regelbedarf? Und für Kinder?"]
    messages = next(b for m, p, b in scenario.requests if p == "/api/chat")["messages"]
    assert [m["role"] for m in messages] == ["system", "user", "assistant", "user"]
    assert messages[2]["content"] == "563 Euro."  # old citation numbers removed


def test_ollama_unknown_model_falls_back() -> None:
    scenario = Scenario(models=["other:1b"])
    with fake_server(scenario) as url:
        a = answer(QUESTION, "citizen", retriever=FixedRetriever(), settings=settings_for("ollama", url))
    assert a.mode is AnswerMode.EXTRACTIVE and a.complete
    assert prompts.NOTICE_FALLBACK in a.notice
    assert MODEL in a.fallback_reason
    assert not any(p == "/api/chat" for _, p, _ in scenario.requests)


def test_ollama_chat_error_after_probe_falls_back() -> None:
    """The probe passes but the chat request fails (model unloaded meanwhile): still an answer."""
    scenario = Scenario(chat_status=500)
    with fake_server(scenario) as url:
        a = answer(QUESTION, "citizen", retriever=FixedRetriever(), settings=settings_for("ollama", url))
    assert a.mode is AnswerMode.EXTRACTIVE and prompts.NOTICE_FALLBACK in a.notice
    assert "563" in a.text


def test_ollama_empty_output_falls_back() -> None:
    scenario = Scenario(chunks=["", "<think>überlege</think>"])
    with fake_server(scenario) as url:
        a = answer(QUESTION, "citizen", retriever=FixedRetriever(), settings=settings_for("ollama", url))
    assert a.mode is AnswerMode.EXTRACTIVE and prompts.NOTICE_FALLBACK in a.notice


def test_backend_down_still_answers() -> None:
    port = free_port()
    for backend in ("ollama", "openai"):
        a = answer(QUESTION, "citizen", retriever=FixedRetriever(),
                   settings=settings_for(backend, f"http://127.0.0.1:{port}"))
        assert a.mode is AnswerMode.EXTRACTIVE and a.complete
        assert prompts.NOTICE_FALLBACK in a.notice and prompts.NOTICE_CITIZEN in a.notice
        assert "nicht erreichbar" in a.fallback_reason
        assert "563" in a.text and "[1]" in a.text


def test_embedded_without_model_file_falls_back(tmp_path) -> None:
    a = answer(QUESTION, "staff", retriever=FixedRetriever(),
               settings=settings_for("embedded", "", llm_gguf_path=tmp_path / "fehlt.gguf"))
    assert a.mode is AnswerMode.EXTRACTIVE and "GGUF" in a.fallback_reason


def test_refusal_calls_no_model() -> None:
    scenario = Scenario()
    with fake_server(scenario) as url:
        a = answer("Wie wird das Wetter morgen?", "citizen", retriever=FixedRetriever(relevant=False),
                   settings=settings_for("ollama", url))
    assert a.mode is AnswerMode.REFUSED and a.refused and not a.sources
    assert "Jobcenter vor Ort" in a.text
    assert scenario.requests == []


# --- OpenAI-compatible ---------------------------------------------------------------------------


def test_openai_protocol_streams_and_checks() -> None:
    scenario = Scenario()
    with fake_server(scenario) as url:
        s = settings_for("openai", url, llm_api_key="geheim")
        parts = list(answer_stream(QUESTION, "staff", retriever=FixedRetriever(), settings=s))
    final = parts[-1]
    assert len(parts) > 2 and not parts[0].complete
    assert final.mode is AnswerMode.GENERATED and final.complete
    assert final.text.startswith("Der Regelbedarf beträgt 563 Euro [1].")
    assert final.checks.removed_citations == (7,)
    assert prompts.NOTICE_CITIZEN not in final.notice  # staff
    chat = [b for m, p, b in scenario.requests if p == "/v1/chat/completions"]
    assert len(chat) == 1 and chat[0]["model"] == MODEL and chat[0]["stream"] is True
    assert chat[0]["messages"][0]["role"] == "system" and "Fachkräfte" in chat[0]["messages"][0]["content"]


def test_openai_server_error_falls_back() -> None:
    scenario = Scenario(chat_status=500)
    with fake_server(scenario) as url:
        a = answer(QUESTION, "staff", retriever=FixedRetriever(), settings=settings_for("openai", url))
    assert a.mode is AnswerMode.EXTRACTIVE and prompts.NOTICE_FALLBACK in a.notice
    assert a.fallback_reason


def test_openai_base_url() -> None:
    assert llm.openai_base("http://h:8000") == "http://h:8000/v1"
    assert llm.openai_base("http://h:8000/v1/") == "http://h:8000/v1"


@pytest.mark.parametrize("backend", ["ollama", "openai"])
def test_probe_reports_unreachable_in_german(backend: str) -> None:
    with pytest.raises(llm.LLMUnavailable, match="nicht erreichbar"):
        llm.probe(settings_for(backend, f"http://127.0.0.1:{free_port()}"))


# --- deadlines (issue 15, item 4) -----------------------------------------------------------------

SLOW_CHUNKS = [f"Wort{i} " for i in range(12)] + ["563 Euro [1]."]  # one token a second: 13 s in all


@pytest.mark.parametrize("backend", ["ollama", "openai"])
def test_slow_model_meets_one_overall_deadline(backend: str) -> None:
    """JCA_LLM_TIMEOUT_S bounds the whole answer, not each read: a model streaming one token a second
    is cut off after the timeout and the extractive answer follows, its reason naming that timeout."""
    scenario = Scenario(chunks=SLOW_CHUNKS, chunk_delay_s=1.0)
    with fake_server(scenario) as url:
        s = settings_for(backend, url, llm_timeout_s=3)
        start = time.monotonic()
        parts = list(answer_stream(QUESTION, "citizen", retriever=FixedRetriever(), settings=s))
        seconds = time.monotonic() - start
    final, partial = parts[-1], [p for p in parts if not p.complete and p.mode is AnswerMode.GENERATED]
    assert seconds < 12, seconds  # old code: about 16 s (each read within 3 s), then a generated answer
    assert 1 <= len(partial) <= 4, len(partial)  # tokens streamed until the deadline (old code: all 13)
    assert final.complete and final.mode is AnswerMode.EXTRACTIVE
    assert prompts.NOTICE_FALLBACK in final.notice and "563" in final.text
    assert "3 s" in final.fallback_reason and "Antwort" in final.fallback_reason


def test_slow_probe_reason_names_the_probe_timeout() -> None:
    """The probe (here 0.5 s) times out: the stated reason gives 0,5 s, not the answer timeout (30 s)."""
    scenario = Scenario(tags_delay_s=2.0)
    with fake_server(scenario) as url:
        s = settings_for("ollama", url, llm_timeout_s=30, llm_probe_timeout_s=0.5)
        start = time.monotonic()
        a = answer(QUESTION, "citizen", retriever=FixedRetriever(), settings=s)
        seconds = time.monotonic() - start
    assert a.mode is AnswerMode.EXTRACTIVE and seconds < 2.0
    assert "0,5 s" in a.fallback_reason and "30" not in a.fallback_reason
    assert not any(p == "/api/chat" for _, p, _ in scenario.requests)
