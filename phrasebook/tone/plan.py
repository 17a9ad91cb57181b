"""Which rules run for a requested register, and which of their patterns a text can match.

A register rule for the formal register does not run when the formal register is asked for,
so each register gets its own `RulePlan`. The plan indexes every sequence pattern by the rarest
word its match requires, together with the other words it requires: a text's words give the
bits it holds, and one pass over those bits finds every pattern whose required words are all
there, so a clean reply costs a few dictionary lookups and bit tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .compiled import CompiledRule
from .compiler import index_by_anchor

__all__ = ["RulePlan"]

# One indexed pattern: its rule's position in the plan, its index among the rule's patterns,
# and the bits of each further element its match requires (any one bit of each must be there).
_Entry = tuple[int, int, tuple[int, ...]]


@dataclass(frozen=True)
class RulePlan:
    """The rules that run for one requested register, with one index over all their patterns."""

    sequences: tuple[CompiledRule, ...]
    others: tuple[CompiledRule, ...]  # caps and regex rules
    anchors: int  # every indexed bit: a text holding none of them runs no sequence rule
    by_anchor: dict[int, tuple[_Entry, ...]]  # bit: the patterns whose rarest word has it
    unanchored: tuple[_Entry, ...]  # the patterns with no required word (nothing further)
    # `others` with their first test: (rule, its quick expression or None for caps, whether
    # the expression reads the text as written rather than folded)
    first_tests: tuple[tuple[CompiledRule, re.Pattern[str] | None, bool], ...] = ()

    @classmethod
    def build(cls, rules: list[CompiledRule]) -> RulePlan:
        """Index ``rules``: each sequence pattern under each bit of its rarest required word."""
        sequences = [rule for rule in rules if rule.sequences is not None]
        anchors, by_anchor, unanchored = index_by_anchor(
            ((position, index, required[1:]), required)
            for position, rule in enumerate(sequences)
            if rule.sequences is not None
            for index, required in enumerate(rule.sequences.required))
        others = tuple(r for r in rules if r.sequences is None and r.entry.kind != "sequence")
        first_tests = tuple((rule, None if rule.entry.kind == "caps" else rule.quick,
                             rule.entry.case_sensitive) for rule in others
                            if rule.entry.kind == "caps" or rule.quick is not None)
        return cls(tuple(sequences), others, anchors, by_anchor, unanchored, first_tests)

    def sequences_due(self, union: int
                      ) -> tuple[list[tuple[CompiledRule, list[re.Pattern[str]]]], bool]:
        """The sequence rules that could match a text holding ``union``, with those patterns.

        A pattern could match when each element its match requires has a bit in ``union``;
        rules come in plan order and each rule's patterns in their file order. The flag is
        True when one of the patterns can match a quoted word (`CompiledPattern.reads_masked`).
        """
        present = union & self.anchors
        if not present and not self.unanchored:
            return [], False
        hits: dict[int, set[int]] = {}
        for position, index, _ in self.unanchored:
            hits.setdefault(position, set()).add(index)
        by_anchor = self.by_anchor
        while present:
            bit = present & -present
            present ^= bit
            for position, index, rest in by_anchor[bit]:
                for element_bits in rest:
                    if not union & element_bits:
                        break
                else:
                    found = hits.get(position)
                    if found is None:
                        hits[position] = {index}
                    else:
                        found.add(index)
        sequences = self.sequences
        due = []
        reads_masked = False
        for position in sorted(hits):
            compiled = sequences[position].sequences
            assert compiled is not None
            indexes = hits[position]
            if compiled.reads_masked and not reads_masked:
                reads_masked = not compiled.reads_masked.isdisjoint(indexes)
            due.append((sequences[position], compiled.compiled(sorted(indexes))))
        return due, reads_masked
