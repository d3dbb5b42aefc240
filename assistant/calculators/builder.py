"""Collects the steps, citations and Stände of one calculation while it runs."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .law import FigureMissing, LawUnit
from .model import Calculation, Message, Step


class Builder:
    def __init__(self, kind: str, title: Message) -> None:
        self.kind = kind
        self.title = title
        self.steps: list[Step] = []
        self.notes: list[Message] = []
        self.outlook: list[Message] = []
        self.citations: list[str] = []
        self.stands: dict[str, str] = {}

    def cite(self, *units: LawUnit) -> str:
        for unit in units:
            if unit.citation not in self.citations:
                self.citations.append(unit.citation)
                self.stands[unit.citation] = unit.stand
        return " / ".join(u.citation for u in units)

    def step(self, key: str, *units: LawUnit, **params: Any) -> None:
        self.steps.append(Step(Message(key, params), self.cite(*units) if units else ""))

    def note(self, key: str, *units: LawUnit, **params: Any) -> None:
        self.cite(*units)
        self.notes.append(Message(key, params))

    def explain(self, key: str, *units: LawUnit, **params: Any) -> None:
        """A line of "what this means for you", shown right after the result."""
        self.cite(*units)
        self.outlook.append(Message(key, params))

    def done(self, result_key: str, value: Decimal | None = None, values: dict[str, Decimal] | None = None,
             **params: Any) -> Calculation:
        return Calculation(
            kind=self.kind, title_message=self.title, steps=tuple(self.steps),
            result_message=Message(result_key, params), citations=tuple(self.citations), computable=True,
            value=value, values=dict(values or {}), stands=dict(self.stands), notes=tuple(self.notes),
            outlook=tuple(self.outlook),
        )

    def failed(self, exc: FigureMissing) -> Calculation:
        """"nicht berechenbar": the steps so far, the rule that lacks its figure, and the reason."""
        if exc.citation and exc.citation not in self.citations:
            self.citations.append(exc.citation)
        return Calculation(
            kind=self.kind, title_message=self.title, steps=tuple(self.steps),
            result_message=Message("not_computable", {"reason": exc.reason}), citations=tuple(self.citations),
            computable=False, stands=dict(self.stands), notes=tuple(self.notes),
        )
