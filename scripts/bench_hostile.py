"""Crafted inputs against the parsers: every file must finish within its time budget or be refused.

    python scripts/bench_hostile.py [--budget 5]

Prints one line per file (seconds, peak memory growth, outcome) and exits 1 when a file exceeds the
budget or ends in anything but a parsed document or a German refusal (InvalidDocumentError). The files
are generated, not shipped. This is a benchmark, not a unit test: tests/test_hostile.py checks the
outcomes of the same files without timing them.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.config import Settings  # noqa: E402
from assistant.errors import InvalidDocumentError  # noqa: E402
from assistant.sources import parse_file  # noqa: E402
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from hostile_inputs import hostile_files  # noqa: E402


def _parse_one(path: str, queue: multiprocessing.Queue) -> None:
    start = time.perf_counter()
    try:
        doc = parse_file(Path(path), settings=Settings())
        outcome = f"parsed, {len(doc.units)} units"
    except InvalidDocumentError as exc:
        outcome = f"refused: {exc.reason}"
    except Exception as exc:  # noqa: BLE001 - that is what the benchmark looks for
        outcome = f"CRASH {type(exc).__name__}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put((time.perf_counter() - start, peak, outcome))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=5.0, help="seconds per file")
    parser.add_argument("--kill-after", type=float, default=60.0, help="stop a file after this many seconds")
    args = parser.parse_args()
    failed = 0
    ctx = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in hostile_files():
            path = Path(tmp) / name
            path.write_bytes(data)
            queue = ctx.Queue()
            proc = ctx.Process(target=_parse_one, args=(str(path), queue))
            proc.start()
            proc.join(args.kill_after)
            if proc.is_alive():
                proc.kill()
                proc.join()
                seconds, peak, outcome = args.kill_after, float("nan"), "TIMEOUT (stopped)"
            else:
                seconds, peak, outcome = queue.get() if not queue.empty() else (0.0, float("nan"), "no result")
            bad = seconds > args.budget or outcome.startswith(("CRASH", "TIMEOUT", "no result"))
            failed += bad
            print(f"{'FAIL' if bad else 'ok  '} {seconds:7.2f} s  peak {peak:6.0f} MB  {name:30} "
                  f"{len(data) / 1e6:6.1f} MB  {outcome[:90]}", flush=True)
            path.unlink()
    print("all files within budget" if not failed else f"{failed} file(s) over budget or crashed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
