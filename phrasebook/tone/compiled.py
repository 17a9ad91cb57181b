"""One rule entry compiled for matching, and the findings its matches become.

A `CompiledRule` holds what the engine runs for one entry of a ``tone.toml``: the compiled
sequence patterns and antipatterns (`phrasebook.tone.compiler`), or the regular expressions of a
``regex`` rule, or the settings of the ``caps`` detector. `merge_findings` turns one rule's
spans into findings, one per run of spans that touch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Register
from .compiler import CompiledPattern
from .fold import fold_pattern
from .report import ToneFinding
from .schema import RuleEntry

__all__ = ["CompiledRule", "compile_regex", "merge_findings"]

# What a register rule's message says was asked for, in place of "{requested}".
_REQUESTED = {
    Register.FORMAL: "the formal register",
    Register.INFORMAL: "the informal register",
    Register.NEUTRAL: "the neutral register (no direct address)",
}
_RIGHT_EDGE = r"(?:(?!\w)|(?<!\w))"
_LEFT_EDGE = r"(?:(?<!\w)|(?!\w))"
_BLANKS = re.compile(r"[ \t]*")


@dataclass(frozen=True)
class CompiledRule:
    """A rule entry with what its kind needs compiled (the other fields stay None or empty)."""

    entry: RuleEntry
    sequences: CompiledPattern | None = None
    unless: CompiledPattern | None = None
    unless_sentence: CompiledPattern | None = None
    regex: re.Pattern[str] | None = None
    quick: re.Pattern[str] | None = None  # regex without word edges: a cheap first test
    unless_regex: re.Pattern[str] | None = None
    ignore: frozenset[str] = frozenset()
    codes: re.Pattern[str] | None = None  # caps: codes in capitals that are not shouting

    def finding(self, original: str, start: int, end: int, requested: Register) -> ToneFinding:
        """The finding for ``original[start:end]``, its message naming the requested register."""
        entry = self.entry
        message = entry.message
        if "{requested}" in message:
            message = message.replace("{requested}", _REQUESTED[requested])
        return ToneFinding(start=start, end=end, rule=entry.rule, severity=entry.severity,
                           match=original[start:end], message=message,
                           hint=entry.hint.value if entry.hint else None)


def compile_regex(patterns: tuple[str, ...], case_sensitive: bool, edges: bool = True
                  ) -> re.Pattern[str]:
    """One expression for a regex rule's patterns, folded unless case-sensitive.

    With ``edges`` a match must start and end at a word boundary (or at a non-word character).
    """
    parts = [p if case_sensitive else fold_pattern(p) for p in patterns]
    joined = "|".join(f"(?:{p})" for p in parts)
    return re.compile(f"{_LEFT_EDGE}(?:{joined}){_RIGHT_EDGE}" if edges else joined)


def merge_findings(spans: list[tuple[int, int, CompiledRule]], original: str,
                   requested: Register) -> list[ToneFinding]:
    """One finding per run of one rule's spans that overlap or have only spaces between them.

    ("!?!?" and "!! !!" are one finding each.) A run keeps the message of the rule entry that
    found its first span.
    """
    if not spans:
        return []
    ordered = sorted(spans, key=lambda row: (row[0], row[1]))
    findings = []
    start, end, rule = ordered[0]
    for next_start, next_end, next_rule in ordered[1:]:
        if next_start <= end or _BLANKS.fullmatch(original, end, next_start):
            end = max(end, next_end)
            continue
        findings.append(rule.finding(original, start, end, requested))
        start, end, rule = next_start, next_end, next_rule
    findings.append(rule.finding(original, start, end, requested))
    return findings
