"""Curated answers ("Häufige Fragen"): reviewed entries tied to the exact law units they cite."""
