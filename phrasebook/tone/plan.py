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
        by_anchor: dict[int, list[int]] = {}
        unanchored = []
        anchors = 0
        for position, rule in enumerate(sequences):
            assert rule.sequences is not None
            for index, bits in enumerate(rule.sequences.required):
                if not bits:
                    unanchored.append(position << 16 | index)
                    continue
                first = bits[0]
                anchors |= first
                while first:
                    bit = first & -first
                    by_anchor.setdefault(bit, []).append(position << 16 | index)
                    first ^= bit
        return cls(tuple(sequences), tuple(r for r in rules if r.sequences is None
                                           and r.entry.kind != "sequence"),
                   anchors, {bit: tuple(v) for bit, v in by_anchor.items()}, tuple(unanchored))

    def sequences_due(self, union: int) -> list[tuple[CompiledRule, list[re.Pattern[str]]]]:
        """The sequence rules that could match a text holding ``union``, and those patterns."""
        present = union & self.anchors
        if not present and not self.unanchored:
            return []
        candidates = set(self.unanchored)
        by_anchor = self.by_anchor
        while present:
            bit = present & -present
            candidates.update(by_anchor[bit])
            present ^= bit
        grouped: dict[int, list[int]] = {}
        for pair in sorted(candidates):
            grouped.setdefault(pair >> 16, []).append(pair & 0xFFFF)
        due = []
        for position, indexes in grouped.items():
            rule = self.sequences[position]
            assert rule.sequences is not None
            singles = rule.sequences.singles(indexes, union)
            if singles:
                due.append((rule, singles))
        return due
