"""The tone engine: a language's rules, compiled once, run over any text.

The engine does no I/O and knows nothing of catalogues: it is given validated rules (read by
`phrasebook.catalog`) and the language's default register, and returns a `ToneReport`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..model import Register
from .fold import FoldedText, fold, fold_pattern
from .report import ToneFinding, ToneReport
from .schema import RuleEntry, compile_pattern, word_initial, wrap_word_edges

__all__ = ["LanguageRules"]

_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@functools.cache
def _upper_pair() -> re.Pattern[str]:
    """Two capital letters in a row, in any script (built on first use, from Unicode data)."""
    capitals = "".join(chr(c) for c in range(0x10000) if chr(c).isupper())
    return re.compile(f"[{re.escape(capitals)}]{{2}}")


@dataclass(frozen=True)
class _CompiledRule:
    entry: RuleEntry
    regex: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    ignore: frozenset[str] = frozenset()

    def find(self, text: FoldedText) -> list[ToneFinding]:
        if self.regex is None:
            return self._find_caps(text.original)
        subject = text.original if self.entry.case_sensitive else text.folded
        found = []
        excluded: list[tuple[int, int]] | None = None
        cursor = 0  # matches come in order, so the exclusions are walked once: linear time
        for match in self.regex.finditer(subject):
            if match.end() == match.start():
                continue
            if self.unless is not None:
                if excluded is None:
                    excluded = [m.span() for m in self.unless.finditer(subject)
                                if m.end() > m.start()]
                while cursor < len(excluded) and excluded[cursor][1] <= match.start():
                    cursor += 1
                # Exceptions do not overlap each other, so the first one not yet passed is the
                # only one that can overlap this match.
                if cursor < len(excluded) and excluded[cursor][0] < match.end():
                    continue
            start, end = (
                match.span() if self.entry.case_sensitive else text.span(*match.span())
            )
            found.append(self._finding(text.original, start, end))
        return found

    def _find_caps(self, text: str) -> list[ToneFinding]:
        if _upper_pair().search(text) is None:
            return []  # no word has two capitals in a row: nothing can be shouting
        found = []
        run: list[re.Match[str]] = []
        for word in _WORD.finditer(text):
            token = word.group()
            if token.isupper():
                if sum(c.isalpha() for c in token) < 2:
                    continue  # one-letter words ("I", "A") neither count nor break a run
                if not any(c.isdigit() for c in token) and token.upper() not in self.ignore:
                    run.append(word)
                    continue
            else:
                letters = len(token) if token.isalpha() else sum(c.isalpha() for c in token)
                if letters < 2 and not any(c.isdigit() for c in token):
                    continue  # one-letter words neither count nor break a run
            if len(run) >= self.entry.min_words:
                found.append(self._finding(text, run[0].start(), run[-1].end()))
            run = []
        if len(run) >= self.entry.min_words:
            found.append(self._finding(text, run[0].start(), run[-1].end()))
        return found

    def _finding(self, text: str, start: int, end: int) -> ToneFinding:
        entry = self.entry
        return ToneFinding(
            start=start,
            end=end,
            rule=entry.rule,
            severity=entry.severity,
            match=text[start:end],
            message=entry.message,
            hint=entry.hint.value if entry.hint else None,
        )


@dataclass(frozen=True)
class LanguageRules:
    """The compiled tone rules of one language."""

    code: str
    entries: tuple[RuleEntry, ...]
    default_register: Register
    _compiled: tuple[_CompiledRule, ...] = field(repr=False)
    _prefilter: dict[Register, re.Pattern[str] | None] = field(repr=False)

    @classmethod
    def build(cls, code: str, entries: tuple[RuleEntry, ...],
              default_register: Register = Register.NEUTRAL) -> LanguageRules:
        """Compile ``entries``; patterns are validated already by the schema.

        ``default_register`` is what `check` assumes when it is given no register: formal for
        a language with T-V address (from its ``language.toml``), else neutral.
        """
        compiled = tuple(
            _CompiledRule(
                entry=e,
                regex=compile_pattern(e.patterns, e.case_sensitive) if e.patterns else None,
                unless=compile_pattern(e.unless, e.case_sensitive) if e.unless else None,
                ignore=frozenset(w.upper() for w in e.ignore),
            )
            for e in entries
        )
        prefilter: dict[Register, re.Pattern[str] | None] = {}
        for register in Register:
            folded = [
                fold_pattern(p)
                for c in compiled
                if c.regex is not None and not c.entry.case_sensitive and _applies(c, register)
                for p in c.entry.patterns
            ]
            fast = [p for p in folded if word_initial(p)]
            slow = [p for p in folded if not word_initial(p)]
            parts = []
            if fast:
                parts.append(wrap_word_edges("|".join(f"(?:{p})" for p in fast), True))
            if slow:
                parts.append(wrap_word_edges("|".join(f"(?:{p})" for p in slow)))
            prefilter[register] = re.compile("|".join(parts)) if parts else None
        return cls(code, entries, default_register, compiled, prefilter)

    @property
    def rule_ids(self) -> frozenset[str]:
        """Every rule id this language defines."""
        return frozenset(e.rule for e in self.entries)

    def check(self, text: str, register: Register | None = None,
              waive: frozenset[str] = frozenset()) -> ToneReport:
        """Check ``text``; ``register`` None means the default register.

        Findings of the rules in ``waive`` are left out (a phrasing's waivers).
        """
        reg = register or self.default_register
        folded = fold(text)
        prefilter = self._prefilter[reg]
        pattern_hit = prefilter is None or prefilter.search(folded.folded) is not None
        findings: set[ToneFinding] = set()
        for rule in self._compiled:
            if not _applies(rule, reg) or rule.entry.rule in waive:
                continue
            if rule.regex is not None and not rule.entry.case_sensitive and not pattern_hit:
                continue
            findings.update(rule.find(folded))
        return ToneReport(self.code, reg, tuple(sorted(findings)), text)


def _applies(rule: _CompiledRule, register: Register) -> bool:
    marks = rule.entry.register
    return marks is None or marks is not register
