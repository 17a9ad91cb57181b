"""The tone engine: a language's rules, compiled once, run over any text.

The engine does no I/O and knows nothing of catalogues: it is given a validated rule file
(read by `phrasebook.catalog`) and the language's default register, and returns a `ToneReport`.

A check folds the text, looks each word up in the classifier's cache and, when no word can start
any sequence pattern, stops there: most clean replies cost one tokenising scan and a few dict
lookups. Otherwise it splits the text into clauses and sentences, masks quotations and reported
speech, and runs each sequence rule whose first element some word satisfies, from those words
only. Findings of one rule that touch are merged; a report stops at `MAX_FINDINGS`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..errors import LocaleDataError
from ..model import Register
from .fold import FoldedText, fold, fold_pattern
from .patterns import Pattern, parse_pattern
from .report import ToneFinding, ToneReport
from .schema import RuleEntry, RuleFile
from .tokens import Tokens, masked_tokens, merge_spans, quoted_spans, tokenize
from .words import Classifier, UnknownClassError

__all__ = ["MAX_FINDINGS", "LanguageRules"]

MAX_FINDINGS = 1000
"""A report holds at most this many findings and says it was truncated."""

_WORDS = re.compile(r"\d+(?:[.,:/]\d+)+|\w+(?:['’\-]\w+)*")
_RIGHT_EDGE = r"(?:(?!\w)|(?<!\w))"
_LEFT_EDGE = r"(?:(?<!\w)|(?!\w))"


@functools.cache
def _upper_pair() -> re.Pattern[str]:
    """Two capital letters in a row, in any script (built on first use, from Unicode data)."""
    capitals = "".join(chr(c) for c in range(0x10000) if chr(c).isupper())
    return re.compile(f"[{re.escape(capitals)}]{{2}}")


_CAPS_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass(frozen=True)
class _Element:
    bits: int
    negated: bool
    optional: bool
    gap: int
    exact_bits: int = 0  # bits that stand for =Word atoms: the word as written must match
    exact: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Sequence:
    source: str
    elements: tuple[_Element, ...]
    at_start: bool
    at_end: bool

    @property
    def first_bits(self) -> int:
        return self.elements[0].bits


@dataclass
class _Text:
    """One text prepared for matching: folded, tokenised, masked (built only when needed)."""

    folded: FoldedText
    tokens: Tokens
    masks: list[int]
    originals: list[str]  # each token as written
    spans: list[tuple[int, int]]  # each token's span in the original text
    quoted: list[tuple[int, int]] = field(default_factory=list)  # merged, original coordinates
    masked: frozenset[int] = frozenset()
    _by_bit: dict[int, list[int]] | None = None

    def scopes(self, sentence: bool) -> tuple[int, ...]:
        return self.tokens.sentences if sentence else self.tokens.clauses

    def candidates(self, bits: int) -> list[int]:
        """The tokens having any of ``bits``, in order (from an index built once per text)."""
        if self._by_bit is None:
            index: dict[int, list[int]] = {}
            for position, mask in enumerate(self.masks):
                while mask:
                    low = mask & -mask
                    index.setdefault(low, []).append(position)
                    mask ^= low
            self._by_bit = index
        found: list[int] = []
        remaining = bits
        lists = []
        while remaining:
            low = remaining & -remaining
            remaining ^= low
            if low in self._by_bit:
                lists.append(self._by_bit[low])
        if len(lists) == 1:
            return lists[0]
        for positions in lists:
            found.extend(positions)
        return sorted(set(found))

    def in_quote(self, start: int, end: int) -> bool:
        """True when the original span overlaps a quotation or reported speech."""
        index = bisect.bisect_left(self.quoted, (end, 0)) - 1
        return index >= 0 and self.quoted[index][1] > start

    def token_at(self, original_start: int) -> int:
        starts = [s for s, _ in self.spans]
        return max(0, bisect.bisect_right(starts, original_start) - 1)


def _test(element: _Element, text: _Text, index: int) -> bool:
    if index in text.masked:
        return element.negated
    hit = text.masks[index] & element.bits
    if hit and element.exact_bits and not hit & ~element.exact_bits:
        hit = text.originals[index] in element.exact
    return bool(hit) != element.negated


def _match_at(seq: _Sequence, text: _Text, start: int, scopes: tuple[int, ...]) -> int:
    """The end (exclusive) of a match of ``seq`` starting at token ``start``, or -1."""
    count = len(text.masks)
    scope = scopes[start]
    elements = seq.elements

    def step(position: int, token: int) -> int:
        if position == len(elements):
            if seq.at_end and token < count and scopes[token] == scope:
                return -1
            return token
        element = elements[position]
        if element.gap:
            for skip in range(element.gap + 1):
                here = token + skip
                if skip and (here - 1 >= count or scopes[here - 1] != scope):
                    break
                found = step(position + 1, here)
                if found >= 0:
                    return found
            return -1
        if token < count and scopes[token] == scope and _test(element, text, token):
            found = step(position + 1, token + 1)
            if found >= 0:
                return found
        if element.optional:
            return step(position + 1, token)
        return -1

    if seq.at_start and start > 0 and scopes[start - 1] == scope:
        return -1
    return step(0, start)


def _merge_ranges(ranges: list[tuple[int, int]], sentences: tuple[int, ...]
                  ) -> list[tuple[int, int]]:
    """Merge token ranges that overlap or touch within a sentence: a run becomes one finding."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] and sentences[start] == sentences[merged[-1][0]]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_BLANKS = re.compile(r"[ \t]*")


def _merge_findings(spans: list[tuple[int, int, _Rule]], original: str) -> list[ToneFinding]:
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
        findings.append(rule.finding(original, start, end))
        start, end, rule = next_start, next_end, next_rule
    findings.append(rule.finding(original, start, end))
    return findings


@dataclass(frozen=True)
class _Rule:
    entry: RuleEntry
    sequences: tuple[_Sequence, ...] = ()
    unless: tuple[_Sequence, ...] = ()
    unless_sentence: tuple[_Sequence, ...] = ()
    regex: re.Pattern[str] | None = None
    unless_regex: re.Pattern[str] | None = None
    ignore: frozenset[str] = frozenset()

    @property
    def first_bits(self) -> int:
        bits = 0
        for seq in self.sequences:
            bits |= seq.first_bits
        return bits

    def finding(self, original: str, start: int, end: int) -> ToneFinding:
        entry = self.entry
        return ToneFinding(start=start, end=end, rule=entry.rule, severity=entry.severity,
                           match=original[start:end], message=entry.message,
                           hint=entry.hint.value if entry.hint else None)


def _compile_sequence(pattern: Pattern, classifier: Classifier) -> _Sequence:
    elements = []
    for element in pattern.elements:
        bits = exact_bits = 0
        exact: set[str] = set()
        for atom in element.atoms:
            bit = classifier.bit(atom)
            bits |= bit
            if atom.kind == "exact":
                exact.add(atom.value)
                exact_bits |= bit
        other = 0
        for atom in element.atoms:
            if atom.kind != "exact":
                other |= classifier.bit(atom)
        elements.append(_Element(bits, element.negated, element.optional, element.gap,
                                 exact_bits & ~other, frozenset(exact)))
    return _Sequence(pattern.source, tuple(elements), pattern.at_start, pattern.at_end)


def _compile_regex(patterns: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    parts = [p if case_sensitive else fold_pattern(p) for p in patterns]
    joined = "|".join(f"(?:{p})" for p in parts)
    return re.compile(f"{_LEFT_EDGE}(?:{joined}){_RIGHT_EDGE}")


@dataclass(frozen=True)
class LanguageRules:
    """The compiled rules of one language."""

    code: str
    entries: tuple[RuleEntry, ...]
    default_register: Register
    _rules: tuple[_Rule, ...] = field(repr=False)
    _classifier: Classifier = field(repr=False)
    _reported: tuple[_Sequence, ...] = field(repr=False)
    _reported_before: tuple[_Sequence, ...] = field(repr=False)
    _clause_words: frozenset[str] = field(repr=False)
    _start_bits: dict[Register, int] = field(repr=False)

    @classmethod
    def build(cls, code: str, rules: RuleFile | Iterable[RuleEntry],
              default_register: Register = Register.NEUTRAL) -> LanguageRules:
        """Compile a rule file (or bare rules); raise `LocaleDataError` on an unknown class.

        ``default_register`` is what `check` assumes when it is given no register: formal for
        a language with T-V address (from its ``language.toml``), else neutral.
        """
        data = rules if isinstance(rules, RuleFile) else RuleFile.model_construct(
            words={}, clause_words=(), reported=(), reported_before=(), rule=tuple(rules))
        parsed = {
            source: parse_pattern(source)
            for entry in data.rule if entry.kind == "sequence"
            for source in (*entry.patterns, *entry.unless, *entry.unless_sentence)
        }
        parsed.update({
            source: parse_pattern(source)
            for entry in data.rule for source in entry.unless_sentence
        })
        parsed.update({source: parse_pattern(source)
                       for source in (*data.reported, *data.reported_before)})
        try:
            classifier = Classifier(data.words, parsed.values())
        except UnknownClassError as exc:
            raise LocaleDataError(f"{code} rules: {exc}") from None

        def sequences(sources: Iterable[str]) -> tuple[_Sequence, ...]:
            return tuple(_compile_sequence(parsed[s], classifier) for s in sources)

        compiled = []
        for entry in data.rule:
            if entry.kind == "sequence":
                compiled.append(_Rule(entry, sequences(entry.patterns), sequences(entry.unless),
                                      sequences(entry.unless_sentence)))
            elif entry.kind == "regex":
                compiled.append(_Rule(
                    entry, unless_sentence=sequences(entry.unless_sentence),
                    regex=_compile_regex(entry.patterns, entry.case_sensitive),
                    unless_regex=(_compile_regex(entry.unless, entry.case_sensitive)
                                  if entry.unless else None)))
            else:
                compiled.append(_Rule(entry, unless_sentence=sequences(entry.unless_sentence),
                                      ignore=frozenset(w.upper() for w in entry.ignore)))
        start_bits = {}
        for register in Register:
            bits = 0
            for rule in compiled:
                if _applies(rule.entry, register):
                    bits |= rule.first_bits
            start_bits[register] = bits
        clause_words = frozenset(fold_pattern(w).lower() for w in data.clause_words)
        return cls(code, tuple(data.rule), default_register, tuple(compiled), classifier,
                   sequences(data.reported), sequences(data.reported_before), clause_words,
                   start_bits)

    @property
    def rule_ids(self) -> frozenset[str]:
        """Every rule id this language defines."""
        return frozenset(e.rule for e in self.entries)

    # --- checking ---------------------------------------------------------------------------

    def check(self, text: str, register: Register | None = None,
              waive: frozenset[str] = frozenset()) -> ToneReport:
        """Check ``text``; ``register`` None means the default register.

        Findings of the rules in ``waive`` are left out (a phrasing's waivers).
        """
        reg = register or self.default_register
        folded = fold(text)
        mask = self._classifier.mask
        union = 0
        for word in _WORDS.findall(folded.folded):
            union |= mask(word.replace("’", "'"))
        sequence_hit = bool(union & self._start_bits[reg])
        prepared: _Text | None = None
        spans: dict[str, list[tuple[int, int, _Rule]]] = {}
        count = 0
        for rule in self._rules:
            entry = rule.entry
            if not _applies(entry, reg) or entry.rule in waive:
                continue
            if entry.kind == "sequence" and not (sequence_hit and union & rule.first_bits):
                continue
            if entry.kind == "caps" and _upper_pair().search(text) is None:
                continue
            if entry.kind == "regex" and rule.regex is not None and not rule.regex.search(
                    text if entry.case_sensitive else folded.folded):
                continue
            if prepared is None:
                prepared = self._prepare(folded)
            found = self._run(rule, prepared)
            spans.setdefault(entry.rule, []).extend((s, e, rule) for s, e in found)
            count += len(found)
            if count > MAX_FINDINGS:
                break
        findings = [finding for rule_spans in spans.values()
                    for finding in _merge_findings(rule_spans, text)]
        findings.sort()
        truncated = len(findings) > MAX_FINDINGS
        return ToneReport(self.code, reg, tuple(findings[:MAX_FINDINGS]), text, truncated)

    def _prepare(self, folded: FoldedText) -> _Text:
        tokens = tokenize(folded.folded, self._clause_words)
        mask = self._classifier.mask
        original = folded.original
        spans = [folded.span(s, e) for s, e in zip(tokens.starts, tokens.ends, strict=True)]
        text = _Text(folded, tokens, [mask(word) for word in tokens.words],
                     [original[s:e] for s, e in spans], spans)
        quoted = quoted_spans(original)
        if quoted:
            text.quoted = merge_spans(quoted)
            text.masked = masked_tokens([s for s, _ in spans], text.quoted)
        reported = self._reported_spans(text) if self._reported or self._reported_before else []
        if reported:
            text.quoted = merge_spans(text.quoted + reported)
            text.masked = masked_tokens([s for s, _ in spans], text.quoted)
        return text

    def _reported_spans(self, text: _Text) -> list[tuple[int, int]]:
        """Original-text spans of reported speech: after a frame to the end of its sentence, or
        from the start of the sentence to a frame that follows what it reports."""
        found = []
        sentences = text.tokens.sentences
        first_of: dict[int, int] = {}
        last_of: dict[int, int] = {}
        for index, sentence in enumerate(sentences):
            first_of.setdefault(sentence, index)
            last_of[sentence] = index
        for start, end in self._matches(self._reported, text, sentence=True):
            if end < len(sentences) and sentences[end] == sentences[start]:
                found.append((text.spans[end][0], text.spans[last_of[sentences[end]]][1]))
        for start, _ in self._matches(self._reported_before, text, sentence=True):
            first = first_of[sentences[start]]
            if first < start:
                found.append((text.spans[first][0], text.spans[start - 1][1]))
        return found

    def _run(self, rule: _Rule, text: _Text) -> list[tuple[int, int]]:
        entry = rule.entry
        if entry.kind == "sequence":
            spans = self._run_sequences(rule, text)
        elif entry.kind == "regex":
            spans = self._run_regex(rule, text)
        else:
            spans = self._run_caps(rule, text)
        if rule.unless_sentence and spans:
            blocked = {text.tokens.sentences[start]
                       for start, _ in self._matches(rule.unless_sentence, text, sentence=True)}
            if blocked:
                spans = [(s, e) for s, e in spans
                         if text.tokens.sentences[text.token_at(s)] not in blocked]
        return spans

    def _matches(self, sequences: tuple[_Sequence, ...], text: _Text, sentence: bool
                 ) -> list[tuple[int, int]]:
        """Token ranges ``(first, end)`` matched by any of ``sequences``."""
        scopes = text.scopes(sentence)
        found = []
        for seq in sequences:
            for start in text.candidates(seq.first_bits):
                if start in text.masked:
                    continue
                end = _match_at(seq, text, start, scopes)
                if end > start:
                    found.append((start, end))
        return found

    def _run_sequences(self, rule: _Rule, text: _Text) -> list[tuple[int, int]]:
        sentence = rule.entry.scope == "sentence"
        matches = self._matches(rule.sequences, text, sentence)
        if not matches:
            return []
        if rule.unless:
            exceptions = sorted(self._matches(rule.unless, text, sentence))
            starts = [s for s, _ in exceptions]
            kept = []
            for start, end in matches:
                index = bisect.bisect_left(starts, end) - 1
                if any(exceptions[i][1] > start for i in range(max(0, index - 3), index + 1)):
                    continue
                kept.append((start, end))
            matches = kept
        return [(text.spans[start][0], text.spans[end - 1][1])
                for start, end in _merge_ranges(matches, text.tokens.sentences)]

    def _run_regex(self, rule: _Rule, text: _Text) -> list[tuple[int, int]]:
        assert rule.regex is not None
        entry = rule.entry
        folded = text.folded
        subject = folded.original if entry.case_sensitive else folded.folded
        excluded = ([m.span() for m in rule.unless_regex.finditer(subject) if m.end() > m.start()]
                    if rule.unless_regex is not None else [])
        cursor = 0
        spans = []
        for match in rule.regex.finditer(subject):
            if match.end() == match.start():
                continue
            while cursor < len(excluded) and excluded[cursor][1] <= match.start():
                cursor += 1
            if cursor < len(excluded) and excluded[cursor][0] < match.end():
                continue
            start, end = match.span() if entry.case_sensitive else folded.span(*match.span())
            if not entry.quoted and text.quoted and text.in_quote(start, end):
                continue
            spans.append((start, end))
        return spans

    def _run_caps(self, rule: _Rule, text: _Text) -> list[tuple[int, int]]:
        entry = rule.entry
        original = text.folded.original
        spans: list[tuple[int, int]] = []
        run: list[tuple[int, int, int]] = []  # (start, end, letters) of each word in the run

        def close() -> None:
            if run:
                letters = sum(w[2] for w in run)
                longest = max(w[2] for w in run)
                start, end = run[0][0], run[-1][1]
                heading = (entry.headings and len(run) == 1
                           and original.startswith(":", end)
                           and (start == 0 or original[start - 1] == "\n"))
                if not heading and (
                        (len(run) >= entry.min_words and letters >= entry.min_letters)
                        or (entry.emphasis_letters and longest >= entry.emphasis_letters)):
                    if entry.quoted or not text.in_quote(start, end):
                        spans.append((start, end))
                run.clear()

        for word in _CAPS_WORD.finditer(original):
            token = word.group()
            letters = sum(c.isalpha() for c in token)
            if not token.isupper():
                if letters >= 2 or any(c.isdigit() for c in token):
                    close()  # one-letter words neither count nor break a run
                continue
            if letters < 2 or any(c.isdigit() for c in token):
                continue  # one-letter words and codes (AB-1234) neither count nor break a run
            parts = token.replace("’", "'").split("-")
            if token in rule.ignore or all(p in rule.ignore or len(p) <= 1 for p in parts):
                close()
                continue
            run.append((word.start(), word.end(), letters))
        close()
        return spans


def _applies(entry: RuleEntry, register: Register) -> bool:
    marks = entry.register
    return marks is None or marks is not register
