"""Jobcenter-Assistent: retrieval-augmented answers on SGB II law and guidelines, with exact citations."""

__version__ = "0.1.0"
