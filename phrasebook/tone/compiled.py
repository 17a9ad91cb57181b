"""One rule entry compiled for matching, and the findings its matches become.

A `CompiledRule` holds what the engine runs for one entry of a ``tone.toml``: the compiled
sequence patterns and antipatterns (`phrasebook.tone.compiler`), or the regular expressions of a
``regex`` rule, or the settings of the ``caps`` detector. `merge_findings` turns one rule's
spans into findings, one per run of spans that touch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Register
from .compiler import CompiledPattern
from .fold import fold_pattern
from .report import SuggestedPhrase, ToneFinding
from .schema import RuleEntry

__all__ = ["CompiledRule", "Suggest", "compile_regex", "merge_findings", "necessary_part",
           "quick_regex"]

Suggest = Callable[[str, str, Register], tuple[SuggestedPhrase, ...]]
"""Gives the phrasings a finding offers: ``suggest(hint, rule, requested register)``."""

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
    quick: re.Pattern[str] | None = None  # a cheap first test (`quick_regex`)
    unless_regex: re.Pattern[str] | None = None
    ignore: frozenset[str] = frozenset()
    codes: re.Pattern[str] | None = None  # caps: codes in capitals that are not shouting
    # caps: what each word in capitals seen so far is (`phrasebook.tone.caps`), a cache
    caps_kinds: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    def finding(self, original: str, start: int, end: int, requested: Register,
                suggest: Suggest | None = None) -> ToneFinding:
        """The finding for ``original[start:end]``, its message naming the requested register.

        ``suggest`` gives its suggestions when the rule has a hint.
        """
        entry = self.entry
        message = entry.message
        if "{requested}" in message:
            message = message.replace("{requested}", _REQUESTED[requested])
        hint = entry.hint.value if entry.hint else None
        return ToneFinding(start, end, entry.rule, entry.severity, original[start:end], message,
                           hint, suggest(hint, entry.rule, requested) if suggest and hint else ())


def compile_regex(patterns: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    """One expression for a regex rule's patterns, folded unless case-sensitive.

    A match must start and end at a word boundary (or at a non-word character).
    """
    parts = [p if case_sensitive else fold_pattern(p) for p in patterns]
    joined = "|".join(f"(?:{p})" for p in parts)
    return re.compile(f"{_LEFT_EDGE}(?:{joined}){_RIGHT_EDGE}")


def quick_regex(patterns: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    r"""A cheap first test for a regex rule: it finds something wherever the rule could match.

    Each pattern loses what it begins with that only narrows where a match starts: lookbehind
    assertions and optional groups (``(?<![\w,;:] )(?:leider,? )?nein`` becomes ``nein``). What
    is left matches wherever the whole pattern does, so a text it finds nothing in cannot match,
    and the engine's scan can start from a literal instead of testing every position.
    """
    parts = [necessary_part(p if case_sensitive else fold_pattern(p)) for p in patterns]
    return re.compile("|".join(f"(?:{p})" for p in parts))


def necessary_part(pattern: str) -> str:
    """``pattern`` without its leading lookbehinds and optional groups (see `quick_regex`)."""
    while pattern.startswith("("):
        end = _group_end(pattern)
        if end is None:
            break
        if pattern.startswith(("(?<!", "(?<=")):
            pattern = pattern[end:]
            continue
        if end < len(pattern) and pattern[end] in "?*":
            rest = end + 1
            if rest < len(pattern) and pattern[rest] in "?+":  # lazy or possessive
                rest += 1
            pattern = pattern[rest:]
            continue
        break
    return pattern


def _group_end(pattern: str) -> int | None:
    """The offset just past the group that opens ``pattern`` (None if it never closes)."""
    depth = 0
    index = 0
    length = len(pattern)
    while index < length:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":  # a character class: parentheses inside are literal
            index += 1
            if index < length and pattern[index] == "^":
                index += 1
            if index < length and pattern[index] == "]":
                index += 1
            while index < length and pattern[index] != "]":
                index += 2 if pattern[index] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def merge_findings(spans: list[tuple[int, int, CompiledRule]], original: str,
                   requested: Register, suggest: Suggest | None = None) -> list[ToneFinding]:
    """One finding per run of one rule's spans that overlap or have only spaces between them.

    ("!?!?" and "!! !!" are one finding each.) A run keeps the message of the rule entry that
    found its first span; ``suggest`` gives the findings' suggestions.
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
        findings.append(rule.finding(original, start, end, requested, suggest))
        start, end, rule = next_start, next_end, next_rule
    findings.append(rule.finding(original, start, end, requested, suggest))
    return findings
