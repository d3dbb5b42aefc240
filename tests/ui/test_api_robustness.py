"""Malformed calls to the running app's Gradio API over raw HTTP: 4xx or a handled error event, never a 500.

The server is the in-process uvicorn server of tests/ui/test_ui.py (its module-scoped `server` fixture).
After the abuse the app still answers a normal citizen question.
"""

from __future__ import annotations

import json
import re
import uuid

import httpx
import pytest

from ui.app import MAX_TURNS

from test_ui import Server, _text, server  # noqa: F401  (server: the fixture, re-used)

TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"/[^\"]+\.py\", line \d+")
JOIN = "/gradio_api/queue/join"


def _session() -> str:
    return uuid.uuid4().hex[:10]


def _citizen_fn(server: Server, api_name: str = "frage") -> int:
    for fn_index, fn in server.core.blocks["/"].fns.items():
        if fn.api_name == api_name:
            return fn_index
    raise AssertionError(f"no citizen handler {api_name}")


def _events(url: str, session_hash: str, timeout: float = 60.0) -> list[dict]:
    """The SSE messages of one session until its event completes (or the stream closes)."""
    messages: list[dict] = []
    with httpx.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session_hash},
                      timeout=timeout) as response:
        assert response.status_code < 500, response.read()
        for line in response.iter_lines():
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            messages.append(msg)
            if msg.get("msg") in ("process_completed", "close_stream", "unexpected_error"):
                break
    return messages


def _assert_handled(response: httpx.Response, url: str | None = None, session_hash: str | None = None) -> list[dict]:
    """A 4xx, or a 200 whose event completes (successfully or with an error message) without a traceback."""
    body = response.text
    assert response.status_code < 500, (response.status_code, body[:2000])
    assert not TRACEBACK.search(body), body[:2000]
    if response.status_code == 200 and url and session_hash:
        events = _events(url, session_hash)
        dump = json.dumps(events, ensure_ascii=False)
        assert not TRACEBACK.search(dump), dump[:3000]
        assert any(e.get("msg") == "process_completed" for e in events), dump[:3000]
        return events
    return []


def _post(url: str, **kwargs) -> httpx.Response:
    return httpx.post(url + JOIN, timeout=30, **kwargs)


def test_invalid_json_and_missing_fields_are_client_errors(server: Server) -> None:
    fn = _citizen_fn(server)
    cases = [
        dict(content=b"{not json", headers={"content-type": "application/json"}),
        dict(content=b"", headers={"content-type": "application/json"}),
        dict(content=b"\xff\xfe\x00garbage", headers={"content-type": "application/json"}),
        dict(content=b"data=1", headers={"content-type": "application/x-www-form-urlencoded"}),
        dict(json=[]),
        dict(json="just a string"),
        dict(json={}),
        dict(json={"fn_index": fn}),  # no data, no session_hash
        dict(json={"data": ["Frage", None]}),  # no fn_index, no session_hash
        dict(json={"data": "keine Liste", "fn_index": fn, "session_hash": _session()}),
        dict(json={"data": ["Frage", None], "fn_index": "null", "session_hash": _session()}),
        dict(json={"data": ["Frage", None], "fn_index": fn, "session_hash": 12345}),
        dict(json={"data": ["Frage", None], "fn_index": [fn], "session_hash": _session()}),
        dict(json={"data": None, "fn_index": fn, "session_hash": _session(), "trigger_id": "x"}),
    ]
    for kwargs in cases:
        response = _post(server.url, **kwargs)
        assert 400 <= response.status_code < 500, (kwargs, response.status_code, response.text[:500])
        assert not TRACEBACK.search(response.text), response.text[:2000]


# Regression: gradio 6.31 looks up `fns[body.fn_index]` unchecked, so an unknown fn_index used to end in a
# KeyError and a bare HTTP 500; ui/guard.py now answers 422 before Gradio sees the call.
@pytest.mark.parametrize("fn_index", [-1, -999, 9999, 2**31])
def test_unknown_or_negative_fn_index(server: Server, fn_index: int) -> None:
    session = _session()
    response = _post(server.url, json={"data": ["Was ist Bürgergeld?", None], "fn_index": fn_index,
                                       "session_hash": session, "event_data": None, "trigger_id": None})
    assert not TRACEBACK.search(response.text), response.text[:2000]
    _assert_handled(response, server.url, session)


def test_wrong_types_in_data_give_a_handled_event(server: Server) -> None:
    fn = _citizen_fn(server)
    for data in ([12345, None], [None, None], [{"a": 1}, None], [["Liste"], "kein Zustand"], [], ["nur eins"],
                 ["Frage", None, "zu viel", 1, 2]):
        session = _session()
        response = _post(server.url, json={"data": data, "fn_index": fn, "session_hash": session,
                                           "event_data": None, "trigger_id": None})
        _assert_handled(response, server.url, session)


def test_huge_question_is_refused_without_a_crash(server: Server) -> None:
    fn = _citizen_fn(server)
    session = _session()
    question = "Wie hoch ist der Regelbedarf? " * (2_000_000 // 30)  # ~2 MB
    response = _post(server.url, json={"data": [question, None], "fn_index": fn, "session_hash": session,
                                       "event_data": None, "trigger_id": None})
    events = _assert_handled(response, server.url, session)
    if response.status_code == 200:
        done = [e for e in events if e.get("msg") == "process_completed"][-1]
        text = json.dumps(done, ensure_ascii=False)
        assert len(text) < 200_000, "the huge question is echoed back"


def test_overlong_chat_history_does_not_crash(server: Server) -> None:
    """A forged, huge chat state in the request (the server keeps the state itself) and many turns in one session."""
    fn = _citizen_fn(server)
    forged = {"messages": [{"role": "user", "content": "x" * 1000}] * 5000,
              "history": [["Frage " * 200, "Antwort " * 500]] * 2000, "last": None}
    session = _session()
    response = _post(server.url, json={"data": ["Wie hoch ist der Regelbedarf?", forged], "fn_index": fn,
                                       "session_hash": session, "event_data": None, "trigger_id": None})
    _assert_handled(response, server.url, session)

    client = server.client("/")
    questions = ["Wie hoch ist der Regelbedarf?", "Und für Kinder?", "Was ist mit der Miete?",
                 "Wie viel Vermögen darf ich haben?", "Und beim Auto?", "Muss ich umziehen?"] * 2
    messages = None
    for q in questions:
        messages, *_ = client.predict(q, api_name="/frage")
    assert isinstance(messages, list) and messages
    assert len(messages) <= 2 * MAX_TURNS + 2  # the kept conversation is bounded
    assert _text(messages[-1])


def test_unknown_routes_are_4xx(server: Server) -> None:
    for method, path in [("GET", "/does-not-exist"), ("GET", "/gradio_api/unknown"), ("GET", "/gradio_api/queue/join"),
                         ("GET", "/gradio_api/queue/data"), ("GET", "/gradio_api/queue/data?session_hash="),
                         ("POST", "/gradio_api/queue/unknown"), ("GET", "/dateien/abc/x.pdf"),
                         ("GET", "/dateien/-1/x.pdf"), ("GET", "/gradio_api/file=/etc/passwd"),
                         ("GET", "/gradio_api/file=../../users.toml"), ("DELETE", "/"), ("PUT", JOIN),
                         ("GET", "/mitarbeitende/gradio_api/does-not-exist"), ("GET", "/%00"),
                         ("GET", "/" + "a" * 5000)]:
        if path.startswith("/gradio_api/queue/data"):
            with httpx.stream(method, server.url + path, timeout=10) as response:  # an event stream or an error
                status = response.status_code
                body = response.read().decode(errors="replace") if status != 200 else ""
            assert status < 500 and not TRACEBACK.search(body), (path, status, body[:500])
            continue
        else:
            response = httpx.request(method, server.url + path, timeout=10)
            status, body = response.status_code, response.text
        assert 400 <= status < 500, (method, path, status, body[:500])
        assert not TRACEBACK.search(body), body[:2000]


def test_app_still_answers_after_the_abuse(server: Server) -> None:
    assert httpx.get(server.url + "/healthz", timeout=10).text == "ok"
    client = server.client("/")
    messages, sources, *_ = client.predict("Wie hoch ist der Regelbedarf für eine alleinstehende Person?",
                                           api_name="/frage")
    assert re.search(r"\[\d\]", _text(messages[-1])) and "jca-source" in sources
