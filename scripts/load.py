"""Load test: N concurrent citizen sessions against a running app on this machine, for a bounded time.

    .venv/bin/python scripts/load.py --users 8 --duration 30 [--url http://127.0.0.1:7860]
    .venv/bin/python scripts/load.py --users 32 --url http://127.0.0.1:7861 --url http://127.0.0.1:7862 \
        --pid 111 --pid 222     # several UI workers: sessions spread over them, as a sticky proxy would

Each user is a thread with its own session (Gradio's queue protocol spoken directly, or gradio_client), asking questions from ../shared/eval/dev.jsonl
round-robin (each user starts at a different question). Reports throughput (answers/s), p50/p95 latency,
errors (an exception or a technical-error answer) and lost requests (sent without a final answer by the end).
Only loopback addresses are accepted: this is not a tool to load anybody else's server.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import statistics
import sys
import threading
import time
from collections import Counter
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from urllib.parse import urlparse

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"
ERROR_TEXT = "technischer Fehler"


def loopback_url(url: str) -> str:
    parsed = urlparse(url)
    host = parsed.hostname or ""
    if parsed.scheme not in ("http", "https"):
        raise SystemExit(f"Nur http(s)-Adressen: {url}")
    try:
        ok = ipaddress.ip_address(host).is_loopback
    except ValueError:
        ok = host == "localhost"
    if not ok:
        raise SystemExit(f"Lasttest nur gegen diesen Rechner (127.0.0.1/::1/localhost), nicht gegen {host!r}.")
    return url.rstrip("/") + "/"


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc (0 without a pid)."""
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (0 without a pid)."""
    if not pid:
        return 0.0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load_questions(path: Path) -> list[str]:
    questions = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            questions.append(json.loads(line)["question"])  # all asked as a citizen would
    if not questions:
        raise SystemExit(f"Keine Fragen in {path}")
    return questions


def _text(message: dict) -> str:
    content = message.get("content") if isinstance(message, dict) else message
    if isinstance(content, list):
        return " ".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content)


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.errors: Counter[str] = Counter()
        self.sent = 0
        self.answered = 0

    def add_sent(self) -> None:
        with self.lock:
            self.sent += 1

    def add_answer(self, seconds: float) -> None:
        with self.lock:
            self.answered += 1
            self.latencies.append(seconds)

    def add_error(self, kind: str) -> None:
        with self.lock:
            self.errors[kind] += 1


def citizen_endpoint(url: str, api_name: str = "frage") -> tuple[int, int]:
    """(fn_index, number of inputs) of the citizen app's question handler, from the app's own config."""
    import httpx

    config = httpx.get(url + "config", timeout=30).json()
    for index, dependency in enumerate(config["dependencies"]):
        if dependency.get("api_name") == api_name:
            return dependency.get("id", index), len(dependency["inputs"])
    raise SystemExit(f"Kein Endpunkt /{api_name} unter {url}")


def raw_user(n: int, url: str, questions: list[str], stop_at: float, stats: Stats, timeout: float,
             endpoint: tuple[int, int]) -> None:
    """A citizen session speaking Gradio's queue protocol (sse_v3) directly over one kept-alive connection.

    gradio_client costs about as much CPU per answer as the server (a new TLS context per request, threads
    polling every 50 ms); on a two-core machine the load generator then takes half the cores it measures.
    """
    import secrets

    import httpx

    fn_index, inputs = endpoint
    session = secrets.token_hex(8)
    i = n * 7
    with httpx.Client(base_url=url, timeout=httpx.Timeout(timeout + 30, connect=10)) as client:
        while time.monotonic() < stop_at:
            question = questions[i % len(questions)]
            i += 1
            stats.add_sent()
            start = time.perf_counter()
            try:
                joined = client.post("gradio_api/queue/join", json={
                    "data": [question] + [None] * (inputs - 1), "fn_index": fn_index, "session_hash": session,
                    "event_data": None, "trigger_id": None})
                joined.raise_for_status()
                event_id = joined.json()["event_id"]
                final = None
                with client.stream("GET", "gradio_api/queue/data", params={"session_hash": session}) as events:
                    for line in events.iter_lines():
                        if not line.startswith("data:"):
                            continue
                        message = json.loads(line[5:])
                        if message.get("event_id") == event_id and message.get("msg") == "process_completed":
                            final = message
                            break
                        if time.monotonic() > stop_at + timeout:
                            break
            except (httpx.HTTPError, ValueError, KeyError) as exc:
                stats.add_error(type(exc).__name__)
                continue
            if final is None:
                stats.add_error("timeout")
                break
            elapsed = time.perf_counter() - start
            messages = (final.get("output") or {}).get("data", [None])[0] if final.get("success", True) else None
            if not isinstance(messages, list) or not messages:
                stats.add_error("no answer")
                continue
            if ERROR_TEXT in _text(messages[-1]):
                stats.add_error("technical error answer")
                continue
            stats.add_answer(elapsed)


def user(n: int, url: str, questions: list[str], stop_at: float, stats: Stats, timeout: float) -> None:
    from gradio_client import Client

    try:
        client = Client(url, verbose=False)
    except Exception as exc:  # noqa: BLE001
        stats.add_error(f"connect: {type(exc).__name__}")
        return
    i = n * 7  # each user starts elsewhere in the list
    try:
        while time.monotonic() < stop_at:
            question = questions[i % len(questions)]
            i += 1
            stats.add_sent()
            start = time.perf_counter()
            job = client.submit(question, api_name="/frage")
            try:
                remaining = max(0.1, stop_at - time.monotonic() + timeout)
                messages, *_ = job.result(timeout=remaining)
            except (FutureTimeout, TimeoutError):
                stats.add_error("timeout")
                break  # counted as lost: sent, no final answer
            except Exception as exc:  # noqa: BLE001
                stats.add_error(type(exc).__name__)
                continue
            elapsed = time.perf_counter() - start
            if not isinstance(messages, list) or not messages:
                stats.add_error("no answer")  # e.g. a warning instead of an answer
                continue
            if ERROR_TEXT in _text(messages[-1]):
                stats.add_error("technical error answer")
                continue
            stats.add_answer(elapsed)
    finally:
        try:
            client.close()
        except Exception:  # noqa: BLE001
            pass


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Lasttest der Bürgerinfo (nur gegen 127.0.0.1).")
    parser.add_argument("--url", action="append", help="Adresse der laufenden App (nur Loopback); mehrmals: "
                        "mehrere Worker, die Sitzungen reihum verteilt (Standard http://127.0.0.1:7860)")
    parser.add_argument("--users", type=int, default=8, help="gleichzeitige Sitzungen")
    parser.add_argument("--duration", type=float, default=30.0, help="Dauer in Sekunden")
    parser.add_argument("--timeout", type=float, default=60.0, help="Wartezeit auf offene Antworten nach Ablauf")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    parser.add_argument("--client", choices=("raw", "gradio"), default="raw",
                        help="raw: Gradios Warteschlangen-Protokoll direkt (wenig CPU); gradio: gradio_client")
    parser.add_argument("--pid", type=int, action="append",
                        help="Prozessnummer des Servers: meldet dessen CPU-Zeit je Antwort (hängt kaum von "
                             "anderer Last auf dem Rechner ab, anders als Durchsatz und Latenz)")
    args = parser.parse_args(argv)
    urls = [loopback_url(u) for u in (args.url or ["http://127.0.0.1:7860"])]
    pids = args.pid or []
    if args.users < 1 or args.duration <= 0:
        raise SystemExit("--users ≥ 1 und --duration > 0")
    questions = load_questions(args.questions)

    stats = Stats()
    cpu_before = sum(server_cpu_seconds(p) for p in pids)
    rss_before = [server_rss_mb(p) for p in pids]
    start = time.monotonic()
    stop_at = start + args.duration
    if args.client == "raw":
        endpoints = {u: citizen_endpoint(u) for u in urls}
        threads = [threading.Thread(target=raw_user, args=(n, urls[n % len(urls)], questions, stop_at, stats,
                                                           args.timeout, endpoints[urls[n % len(urls)]]),
                                    daemon=True) for n in range(args.users)]
    else:
        threads = [threading.Thread(target=user, args=(n, urls[n % len(urls)], questions, stop_at, stats, args.timeout),
                                    daemon=True) for n in range(args.users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.1, stop_at - time.monotonic() + args.timeout + 10))
    wall = time.monotonic() - start
    errors = sum(stats.errors.values())
    lost = stats.sent - stats.answered - (errors - stats.errors.get("timeout", 0))
    result = {
        "users": args.users, "workers": len(urls), "duration_s": args.duration, "wall_s": round(wall, 1), "sent": stats.sent,
        "answered": stats.answered, "throughput_per_s": round(stats.answered / wall, 2),
        "p50_s": round(percentile(stats.latencies, 0.5), 2), "p95_s": round(percentile(stats.latencies, 0.95), 2),
        "max_s": round(max(stats.latencies), 2) if stats.latencies else None,
        "mean_s": round(statistics.fmean(stats.latencies), 2) if stats.latencies else None,
        "errors": errors, "error_kinds": dict(stats.errors), "lost": lost,
    }
    if pids:
        cpu = sum(server_cpu_seconds(p) for p in pids) - cpu_before
        result["server_cpu_ms_per_answer"] = round(cpu / max(stats.answered, 1) * 1000, 1)
        result["server_rss_mb"] = [[round(b), round(server_rss_mb(p))] for b, p in zip(rss_before, pids)]
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"Sitzungen {result['users']}, Dauer {result['duration_s']:.0f} s (gesamt {result['wall_s']} s)")
        print(f"gesendet {result['sent']}, beantwortet {result['answered']}, "
              f"Durchsatz {result['throughput_per_s']} Antworten/s")
        print(f"Latenz p50 {result['p50_s']} s, p95 {result['p95_s']} s, max {result['max_s']} s")
        print(f"Fehler {result['errors']} {result['error_kinds'] or ''}, verloren {result['lost']}")
        if pids:
            rss = ", ".join(f"{b}/{a}" for b, a in result["server_rss_mb"])
            print(f"Server-CPU je Antwort {result['server_cpu_ms_per_answer']} ms, "
                  f"Speicher (RSS) vorher/nachher je Worker {rss} MB")
    return 0 if errors == 0 and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
