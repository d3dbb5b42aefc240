"""Answers with numbered citations: language-model generation with checks, or the extractive fallback.

Entry points: `service.answer` and `service.answer_stream`.
"""
