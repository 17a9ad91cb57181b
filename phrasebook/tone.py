"""The tone checker: one engine for every language, rules from ``locales/<code>/tone.toml``.

>>> report = check("Das ist leider nicht möglich.", "de")
>>> [(f.rule, f.match) for f in report.findings]
[('refusal', 'nicht möglich')]
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

from .book import Phrasebook, load
from .catalog import Catalog
from .errors import LocaleDataError, PhrasebookError
from .locale_files import read_model
from .model import Phrase, Register, coerce
from .textfold import FoldedText, fold, fold_pattern
from .tone_rules import (
    RuleEntry,
    Severity,
    ToneFile,
    compile_pattern,
    word_initial,
    wrap_word_edges,
)

__all__ = ["LanguageRules", "ToneFinding", "ToneReport", "check", "check_phrase", "rules_for"]

TONE_FILE = "tone.toml"
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@functools.cache
def _upper_pair() -> re.Pattern[str]:
    """Two capital letters in a row, in any script (built on first use, from Unicode data)."""
    capitals = "".join(chr(c) for c in range(0x10000) if chr(c).isupper())
    return re.compile(f"[{re.escape(capitals)}]{{2}}")


@dataclass(frozen=True, order=True)
class ToneFinding:
    """One problem in a text: which rule, where (offsets into the caller's string), and why."""

    start: int
    end: int
    rule: str
    severity: Severity
    match: str
    message: str
    hint: str | None = None

    def position(self, text: str) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of the finding's start in ``text``."""
        line = text.count("\n", 0, self.start) + 1
        column = self.start - (text.rfind("\n", 0, self.start) + 1) + 1
        return line, column

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "message": self.message,
            "hint": self.hint,
        }


@dataclass(frozen=True)
class ToneReport:
    """The findings for one text, sorted by position; empty when the text is clean."""

    lang: str
    register: Register
    findings: tuple[ToneFinding, ...] = ()

    @property
    def ok(self) -> bool:
        """True when nothing was found."""
        return not self.findings

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict: ``{"lang", "register", "findings": [...]}``."""
        return {
            "lang": self.lang,
            "register": self.register.value,
            "findings": [f.to_json() for f in self.findings],
        }


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
    _compiled: tuple[_CompiledRule, ...] = field(repr=False)
    _prefilter: dict[Register, re.Pattern[str] | None] = field(repr=False)

    @classmethod
    def build(cls, code: str, entries: tuple[RuleEntry, ...]) -> LanguageRules:
        """Compile ``entries``; patterns are validated already by the schema."""
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
        return cls(code, entries, compiled, prefilter)

    @property
    def has_registers(self) -> bool:
        """True when the language distinguishes formal and informal address."""
        return any(e.rule == "register" for e in self.entries)

    @property
    def default_register(self) -> Register:
        """Formal where the language has T-V distinction, else neutral."""
        return Register.FORMAL if self.has_registers else Register.NEUTRAL

    @property
    def rule_ids(self) -> frozenset[str]:
        """Every rule id this language defines."""
        return frozenset(e.rule for e in self.entries)

    def check(self, text: str, register: Register | None = None) -> ToneReport:
        """Check ``text``; ``register`` None means the language's default register."""
        reg = register or self.default_register
        folded = fold(text)
        prefilter = self._prefilter[reg]
        pattern_hit = prefilter is None or prefilter.search(folded.folded) is not None
        findings: set[ToneFinding] = set()
        for rule in self._compiled:
            if not _applies(rule, reg):
                continue
            if rule.regex is not None and not rule.entry.case_sensitive and not pattern_hit:
                continue
            findings.update(rule.find(folded))
        return ToneReport(self.code, reg, tuple(sorted(findings)))


def _applies(rule: _CompiledRule, register: Register) -> bool:
    marks = rule.entry.register
    return marks is None or marks is not register


_rules_cache: weakref.WeakKeyDictionary[Catalog, dict[str, LanguageRules]] = (
    weakref.WeakKeyDictionary()
)
_rules_lock = threading.Lock()


def _read_rules(catalog: Catalog, code: str) -> LanguageRules:
    entries: list[RuleEntry] = []
    for folder in catalog.language_dirs(code):
        path = folder / TONE_FILE
        if path.is_file():
            parsed, _ = read_model(path, ToneFile)
            entries.extend(parsed.rule)
    if not entries:
        raise LocaleDataError(f"no tone rules for {code!r}: add locales/{code}/{TONE_FILE}")
    return LanguageRules.build(code, tuple(entries))


def rules_for(lang: str, book: Phrasebook | None = None) -> LanguageRules:
    """Return the compiled tone rules of ``lang`` (read and compiled once per phrasebook)."""
    book = book or load()
    code = book.resolve_language(lang).code
    with _rules_lock:
        per_catalog = _rules_cache.setdefault(book.catalog, {})
        rules = per_catalog.get(code)
        if rules is None:
            rules = _read_rules(book.catalog, code)
            per_catalog[code] = rules
        return rules


def check(
    text: str,
    lang: str,
    *,
    register: Register | str | None = None,
    book: Phrasebook | None = None,
) -> ToneReport:
    """Check ``text`` against the tone rules of ``lang``.

    ``register`` is the address form the text should use; None means the language's default
    (formal where the language has T-V distinction). Offsets in the findings index ``text``
    itself, whatever normalisation happened inside.

    >>> {f.rule for f in check("Kannst du mir die Nummer geben?", "de", register="formal").findings}
    {'register'}
    """
    if not isinstance(text, str):
        raise PhrasebookError(f"text must be a string, not {type(text).__name__}")
    reg = coerce(Register, register, "register") if register is not None else None
    return rules_for(lang, book).check(text, reg)


def check_phrase(phrase: Phrase, book: Phrasebook | None = None) -> ToneReport:
    """Check a phrasing in its own register, dropping findings of the rules it waives."""
    report = check(phrase.text, phrase.lang, register=phrase.register, book=book)
    kept = tuple(f for f in report.findings if f.rule not in phrase.allow)
    return ToneReport(report.lang, report.register, kept)
