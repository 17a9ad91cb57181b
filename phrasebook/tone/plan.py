"""Which rules run for a requested register, and which of their patterns a text can match.

A register rule for the formal register does not run when the formal register is asked for,
so each register gets its own `RulePlan`. The plan indexes every sequence pattern by the rarest
word its match requires: a text's words give the bits it holds, and one pass over those bits
finds every pattern that could match, so a clean reply costs a few dictionary lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .compiled import CompiledRule
from .compiler import candidates, index_by_anchor

__all__ = ["RulePlan"]


@dataclass(frozen=True)
class RulePlan:
    """The rules that run for one requested register, with one index over all their patterns."""

    sequences: tuple[CompiledRule, ...]
    others: tuple[CompiledRule, ...]  # caps and regex rules
    anchors: int
    by_anchor: dict[int, tuple[int, ...]]  # bit: rule << 16 | pattern, for each pattern
    unanchored: tuple[int, ...]

    @classmethod
    def build(cls, rules: list[CompiledRule]) -> RulePlan:
        """Index ``rules``: each sequence pattern under each bit of its rarest required word."""
        sequences = [rule for rule in rules if rule.sequences is not None]
        anchors, by_anchor, unanchored = index_by_anchor(
            (position << 16 | index, bits)
            for position, rule in enumerate(sequences)
            if rule.sequences is not None
            for index, bits in enumerate(rule.sequences.required))
        return cls(tuple(sequences), tuple(r for r in rules if r.sequences is None
                                           and r.entry.kind != "sequence"),
                   anchors, by_anchor, unanchored)

    def sequences_due(self, union: int) -> list[tuple[CompiledRule, list[re.Pattern[str]]]]:
        """The sequence rules that could match a text holding ``union``, and those patterns."""
        if not union & self.anchors and not self.unanchored:
            return []
        found = candidates(union, self.anchors, self.by_anchor, self.unanchored)
        grouped: dict[int, list[int]] = {}
        for pair in sorted(found):
            grouped.setdefault(pair >> 16, []).append(pair & 0xFFFF)
        due = []
        for position, indexes in grouped.items():
            rule = self.sequences[position]
            assert rule.sequences is not None
            singles = rule.sequences.singles(indexes, union)
            if singles:
                due.append((rule, singles))
        return due
