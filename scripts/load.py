"""Load test: N concurrent citizen sessions against a running app on this machine, for a bounded time.

    .venv/bin/python scripts/load.py --users 8 --duration 30 [--url http://127.0.0.1:7860]

Each user is a thread with its own gradio_client session, asking questions from ../shared/eval/dev.jsonl
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
    parser.add_argument("--url", default="http://127.0.0.1:7860", help="Adresse der laufenden App (nur Loopback)")
    parser.add_argument("--users", type=int, default=8, help="gleichzeitige Sitzungen")
    parser.add_argument("--duration", type=float, default=30.0, help="Dauer in Sekunden")
    parser.add_argument("--timeout", type=float, default=60.0, help="Wartezeit auf offene Antworten nach Ablauf")
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--json", action="store_true", help="Ergebnis als JSON ausgeben")
    args = parser.parse_args(argv)
    url = loopback_url(args.url)
    if args.users < 1 or args.duration <= 0:
        raise SystemExit("--users ≥ 1 und --duration > 0")
    questions = load_questions(args.questions)

    stats = Stats()
    start = time.monotonic()
    stop_at = start + args.duration
    threads = [threading.Thread(target=user, args=(n, url, questions, stop_at, stats, args.timeout), daemon=True)
               for n in range(args.users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=max(0.1, stop_at - time.monotonic() + args.timeout + 10))
    wall = time.monotonic() - start
    errors = sum(stats.errors.values())
    lost = stats.sent - stats.answered - (errors - stats.errors.get("timeout", 0))
    result = {
        "users": args.users, "duration_s": args.duration, "wall_s": round(wall, 1), "sent": stats.sent,
        "answered": stats.answered, "throughput_per_s": round(stats.answered / wall, 2),
        "p50_s": round(percentile(stats.latencies, 0.5), 2), "p95_s": round(percentile(stats.latencies, 0.95), 2),
        "max_s": round(max(stats.latencies), 2) if stats.latencies else None,
        "mean_s": round(statistics.fmean(stats.latencies), 2) if stats.latencies else None,
        "errors": errors, "error_kinds": dict(stats.errors), "lost": lost,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
    else:
        print(f"Sitzungen {result['users']}, Dauer {result['duration_s']:.0f} s (gesamt {result['wall_s']} s)")
        print(f"gesendet {result['sent']}, beantwortet {result['answered']}, "
              f"Durchsatz {result['throughput_per_s']} Antworten/s")
        print(f"Latenz p50 {result['p50_s']} s, p95 {result['p95_s']} s, max {result['max_s']} s")
        print(f"Fehler {result['errors']} {result['error_kinds'] or ''}, verloren {result['lost']}")
    return 0 if errors == 0 and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
