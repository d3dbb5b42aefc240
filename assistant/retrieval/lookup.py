"""Resolve exact references to the active units that carry them."""

from __future__ import annotations

from collections import defaultdict

from ..catalog import StoredUnit
from ..model import Audience
from .references import Reference

__all__ = ["UnitLookup"]


class UnitLookup:
    def __init__(self, units: list[StoredUnit]) -> None:
        self._by_label: dict[tuple[str, str], list[StoredUnit]] = defaultdict(list)
        self._by_section: dict[tuple[str, str], list[StoredUnit]] = defaultdict(list)
        self._by_doc: dict[str, list[StoredUnit]] = defaultdict(list)
        for su in units:
            self._by_label[(su.unit.doc, su.unit.label)].append(su)
            if su.unit.section:
                self._by_section[(su.unit.doc, su.unit.section)].append(su)
            self._by_doc[su.unit.doc].append(su)

    def resolve(self, ref: Reference, audience: Audience) -> list[StoredUnit]:
        if not ref.label:
            hits = self._by_doc.get(ref.doc, [])[:1]
        else:
            hits = self._by_label.get((ref.doc, ref.label)) or self._by_section.get((ref.doc, ref.label)) or []
            if not hits and ref.section:  # "§ 22 Abs. 9" that does not exist: fall back to the section
                hits = self._by_section.get((ref.doc, ref.section), [])
        return [su for su in hits if audience.may_see(su.visibility)]
