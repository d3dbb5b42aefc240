"""Process-wide settings on this machine: torch and BLAS threads, bf16 support."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from functools import lru_cache


def cpu_count() -> int:
    """CPUs this process may run on (respects taskset/cgroup affinity, unlike os.cpu_count())."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@lru_cache(maxsize=1)
def cpu_flags() -> frozenset[str]:
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def bf16_native() -> bool:
    """The CPU has bf16 instructions (AVX512-BF16 or AMX); elsewhere bf16 is emulated and slow."""
    flags = cpu_flags()
    return "avx512_bf16" in flags or "amx_bf16" in flags


def matmul_gflops(dtype_name: str, rows: int = 1024, inner: int = 384, outer: int = 1536, repeats: int = 6,
                  wall: bool = False) -> float:
    """GFLOP/s of a linear layer in the given dtype: per CPU-second (a busy machine counts less), or per
    wall-clock second with all of torch's threads (`wall`, the machine's limit when it is quiet)."""
    import torch

    dtype = getattr(torch, dtype_name)
    a, w = torch.randn(rows, inner, dtype=dtype), torch.randn(outer, inner, dtype=dtype)
    with torch.inference_mode():
        for _ in range(2):
            torch.nn.functional.linear(a, w)
        clock = time.perf_counter if wall else time.process_time
        start = clock()
        for _ in range(repeats):
            torch.nn.functional.linear(a, w)
        seconds = max(clock() - start, 1e-9)
    return 2 * rows * inner * outer * repeats / seconds / 1e9


@lru_cache(maxsize=4)
def bf16_faster(inner: int = 384, outer: int = 1536, margin: float = 1.15) -> bool:
    """bf16 only where it measurably beats float32 here: AVX512-BF16 in /proc/cpuinfo is not enough (on some
    virtual CPUs bf16 GEMMs run slower than float32 ones)."""
    if not bf16_native():
        return False
    return matmul_gflops("bfloat16", inner=inner, outer=outer) > margin * matmul_gflops("float32", inner=inner, outer=outer)


@lru_cache(maxsize=1)
def configure_torch(threads: int = 0) -> int:
    """torch's intra-op threads (0 = one per usable CPU) and a single inter-op thread; returns the count."""
    import torch

    from .config import get_settings

    n = threads or get_settings().torch_threads or cpu_count()
    torch.set_num_threads(n)
    # oneDNN keeps a primitive per input shape (up to 1,024); queries come in ever new (batch, length) shapes,
    # so a long-running server grew by ~260 MB. Without the cache RSS stays flat at the same speed (measured
    # with 300 random query batches: 99 vs 104 CPU-s). Read at the first forward pass, so setting it here works.
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", str(get_settings().onednn_cache_capacity))
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:  # already set, or parallel work has started
        pass
    return n


@contextlib.contextmanager
def torch_threads(threads: int) -> Iterator[None]:
    """torch's intra-op threads set to `threads` for the block (0: unchanged). The setting is process-wide:
    callers hold the lock that keeps other torch work out while it applies."""
    import torch

    before = torch.get_num_threads()
    if not threads or threads == before:
        yield
        return
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def configure_blas(threads: int) -> int:
    """The BLAS threads of the numpy/scipy libraries already loaded (Settings.blas_threads; 0 = one per usable
    CPU). The searches multiply one query vector with a few thousand unit vectors, far too little work to
    share out; with threads, 32 concurrent requests spent 56 ms per product waiting on each other instead of
    0.1 ms (measured on this machine)."""
    from threadpoolctl import threadpool_limits

    n = threads or cpu_count()
    threadpool_limits(limits=n, user_api="blas")
    return n
