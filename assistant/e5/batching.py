"""Micro-batching: single items from many threads, computed together as one batch by one worker thread.

While the worker computes a batch, new requests queue up; the next batch takes all of them (up to
`max_batch`), after waiting at most `wait_s` for more to arrive. Each caller gets its own result back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class MicroBatcher(Generic[T, R]):
    def __init__(self, compute: Callable[[list[T]], Sequence[R]], wait_s: float = 0.003, max_batch: int = 64,
                 name: str = "micro-batcher") -> None:
        if max_batch < 1:
            raise ValueError("max_batch must be at least 1")
        self._compute = compute
        self._wait_s = max(0.0, wait_s)
        self._max_batch = max_batch
        self._name = name
        self._queue: queue.Queue[tuple[T, Future[R]]] = queue.Queue()
        self._start_lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self.batches = 0  # counters for tests and the benchmark
        self.items = 0

    def submit(self, item: T) -> Future[R]:
        future: Future[R] = Future()
        self._ensure_worker()
        self._queue.put((item, future))
        return future

    def __call__(self, item: T) -> R:
        return self.submit(item).result()

    def _ensure_worker(self) -> None:
        if self._worker is not None and self._worker.is_alive():
            return
        with self._start_lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._worker.start()

    def _collect(self) -> list[tuple[T, Future[R]]]:
        batch = [self._queue.get()]
        while len(batch) < self._max_batch:
            try:
                batch.append(self._queue.get(timeout=self._wait_s) if self._wait_s else self._queue.get_nowait())
            except queue.Empty:
                break
        return batch

    def _run(self) -> None:
        while True:
            batch = self._collect()
            live = [(item, f) for item, f in batch if f.set_running_or_notify_cancel()]
            if not live:
                continue
            try:
                results = self._compute([item for item, _ in live])
                if len(results) != len(live):
                    raise RuntimeError(f"{self._name}: {len(results)} results for {len(live)} items")
            except BaseException as exc:  # the callers see the error; the worker goes on
                for _, future in live:
                    future.set_exception(exc)
                continue
            self.batches += 1
            self.items += len(live)
            for (_, future), result in zip(live, results):
                future.set_result(result)
