"""The tone engine: a language's rules, compiled once, run over any text.

The engine does no I/O and knows nothing of catalogues: it is given a validated rule file
(read by `phrasebook.catalog`) and the language's default register, and returns a `ToneReport`.

A check folds the text and splits it into words and boundaries with one regular expression; each
word's tests come from the classifier's cache. When no rule can match (some required word is
missing, no capitals, no punctuation run) the check stops there: most clean replies cost one scan
and a dict lookup per word. Otherwise the words' signatures are joined and each possible rule's
compiled expression runs over them (`phrasebook.tone.compiler`). Quotations and reported speech
are masked first; offsets into the caller's text are computed only for what is found. Findings
of one rule that touch are merged, and a report stops at `MAX_FINDINGS`.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import cast

from ..errors import LocaleDataError
from ..model import Register
from .compiler import CompiledPattern, compile_patterns
from .fold import FoldedText, fold, fold_pattern
from .patterns import parse_pattern
from .report import ToneFinding, ToneReport
from .schema import RuleEntry, RuleFile
from .tokens import merge_spans, quoted_spans
from .words import Classifier, UnknownClassError

__all__ = ["MAX_FINDINGS", "LanguageRules"]

MAX_FINDINGS = 1000
"""A report holds at most this many findings and says it was truncated."""

# Words (and numbers such as 1.5 or 12:30) and the boundaries of sentences and clauses.
_PIECES = re.compile(r"\w+(?:['\-]\w+)*|[.!?…]+(?!\w)|\n|[,;:](?!\d)|[()\[\]–—]")
_WORDS = re.compile(r"\w+(?:['\-]\w+)*")  # the words of _PIECES, alone
# _PIECES of the text as written, where the typographic apostrophe is not yet folded to '.
_PIECES_WRITTEN = re.compile(
    r"\w+(?:['’\-]\w+)*|[.!?…]+(?!\w)|\n|[,;:](?!\d)|[()\[\]–—]")
_STOPS = frozenset(".!?…\n")
_LONG_SIGNATURE = 4096  # signatures at least this long are indexed (see _Text._index)
_WORD_MARK = re.compile("<")
_STOP_MARK = re.compile("#")
_MASK = operator.itemgetter(0)  # of a (mask, signature) pair
_SIGNATURE = operator.itemgetter(1)
_CLAUSE_END = re.compile("[|#]")
_QUOTES = re.compile("[“„«»‹\"‚'‘]")
_RIGHT_EDGE = r"(?:(?!\w)|(?<!\w))"
_LEFT_EDGE = r"(?:(?<!\w)|(?!\w))"
_BLANKS = re.compile(r"[ \t]*")


_ASCII_CAPS = re.compile("[A-Z]{2}")


def _caps_pair(text: str) -> bool:
    """True when ``text`` has two capital letters in a row (a word in capitals may be there)."""
    if text.isascii():
        return _ASCII_CAPS.search(text) is not None
    return _two_capitals().search(text) is not None


@functools.cache
def _two_capitals() -> re.Pattern[str]:
    """Two capital letters in a row, of any script."""
    return re.compile(f"{_capitals()}{{2}}")


@functools.cache
def _capitals() -> str:
    """A character class of every capital letter (from Unicode data)."""
    return "[" + re.escape("".join(chr(c) for c in range(0x10000) if chr(c).isupper())) + "]"


@functools.cache
def _caps_word() -> re.Pattern[str]:
    """A word in capitals with at least two capital letters, built on first use.

    Any script (from Unicode data); digits, hyphens and apostrophes are allowed inside.
    """
    capitals = _capitals()
    inner = f"(?:{capitals}|[\\d'’.-])"
    return re.compile(f"(?<![\\w'’-]){inner}*{capitals}{inner}*{capitals}{inner}*(?![\\w'’-])")


# What a register rule's message says was asked for, in place of "{requested}".
_REQUESTED = {
    Register.FORMAL: "the formal register",
    Register.INFORMAL: "the informal register",
    Register.NEUTRAL: "the neutral register (no direct address)",
}

# Two letters in a row between two words in capitals: a word not in capitals, which ends a run.
_LOWER_WORD = re.compile(r"[^\W\d_]{2}")


@dataclass(frozen=True)
class _Rule:
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
        entry = self.entry
        message = entry.message
        if "{requested}" in message:
            message = message.replace("{requested}", _REQUESTED[requested])
        return ToneFinding(start=start, end=end, rule=entry.rule, severity=entry.severity,
                           match=original[start:end], message=message,
                           hint=entry.hint.value if entry.hint else None)


@dataclass
class _Text:
    """One text prepared for matching; offsets are computed on first need."""

    folded: FoldedText
    pieces: list[str]
    signature: str
    quoted: list[tuple[int, int]] = field(default_factory=list)  # merged, original coordinates
    _spans: list[tuple[int, int]] | None = None  # each word's span in the original text
    _starts: list[int] | None = None  # each word's start in the original text
    # In a long text, where each word's "<" and each sentence's "#" sit in the signature, so
    # offsets are found by bisection instead of counting from the start (linear, not quadratic).
    _words_at: list[int] | None = None
    _stops_at: list[int] | None = None

    def spans(self) -> list[tuple[int, int]]:
        """Each word's span in the original text."""
        if self._spans is None:
            folded = self.folded
            found = [m.span() for m in _WORDS.finditer(folded.folded)]
            if folded.starts is not None:
                span = folded.span
                found = [span(start, end) for start, end in found]
            self._spans = found
        return self._spans

    def _index(self) -> tuple[list[int], list[int]] | None:
        if len(self.signature) < _LONG_SIGNATURE:
            return None
        if self._words_at is None or self._stops_at is None:
            signature = self.signature
            self._words_at = [m.start() for m in _WORD_MARK.finditer(signature)]
            self._stops_at = [m.start() for m in _STOP_MARK.finditer(signature)]
        return self._words_at, self._stops_at

    def tokens(self, start: int, end: int) -> tuple[int, int]:
        """The word range ``[first, last)`` a signature match ``[start, end)`` covers."""
        index = self._index()
        if index is not None:
            words = index[0]
            return bisect.bisect_left(words, start), bisect.bisect_left(words, end)
        signature = self.signature
        first = signature.count("<", 0, start)
        return first, first + signature.count("<", start, end)

    def word_position(self, index: int) -> int:
        """The signature offset of word ``index`` (the signature's length past the last)."""
        marks = self._index()
        if marks is not None:
            words = marks[0]
            return words[index] if index < len(words) else len(self.signature)
        return _nth(self.signature, "<", index)

    def word_at(self, original_start: int) -> int:
        """The word whose span starts at or before ``original_start``."""
        if self._starts is None:
            self._starts = [start for start, _ in self.spans()]
        return max(0, bisect.bisect_right(self._starts, original_start) - 1)

    def sentence_of(self, position: int) -> int:
        """The number of the sentence a signature offset lies in."""
        index = self._index()
        if index is not None:
            return bisect.bisect_left(index[1], position)
        return self.signature.count("#", 0, position)

    def replace_words(self, replacements: dict[int, str]) -> None:
        """Give the words at these indexes other signatures (a clause word keeps its ``|``)."""
        if not replacements:
            return
        parts = re.split("(<[^>]*>)", self.signature)
        for word, index in enumerate(range(1, len(parts), 2)):
            if word in replacements:
                parts[index] = replacements[word].removeprefix("|")
        self.signature = "".join(parts)
        self._words_at = self._stops_at = None

    def in_quote(self, start: int, end: int) -> bool:
        """True when the original span overlaps a quotation or reported speech."""
        index = bisect.bisect_left(self.quoted, (end, 0)) - 1
        return index >= 0 and self.quoted[index][1] > start


def _nth(text: str, char: str, index: int) -> int:
    """The offset of the ``index``-th (0-based) ``char`` in ``text`` (its length if none)."""
    position = -1
    for _ in range(index + 1):
        position = text.find(char, position + 1)
        if position < 0:
            return len(text)
    return position


def _fold_piece(piece: str) -> str:
    """A piece of NFC text folded as `fold` folds whole texts (same length)."""
    if "İ" in piece or "ı" in piece:
        piece = piece.replace("İ", "i").replace("ı", "i")
    piece = piece.lower()
    return piece.replace("’", "'") if "’" in piece else piece


def _is_word(piece: str) -> bool:
    return piece[0].isalnum() or piece[0] == "_"


def _compile_regex(patterns: tuple[str, ...], case_sensitive: bool, edges: bool = True
                   ) -> re.Pattern[str]:
    parts = [p if case_sensitive else fold_pattern(p) for p in patterns]
    joined = "|".join(f"(?:{p})" for p in parts)
    return re.compile(f"{_LEFT_EDGE}(?:{joined}){_RIGHT_EDGE}" if edges else joined)


def _merge_findings(spans: list[tuple[int, int, _Rule]], original: str, requested: Register
                    ) -> list[ToneFinding]:
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


@dataclass(frozen=True)
class _Plan:
    """The rules that run for one requested register, with one index over all their patterns.

    A text's words give the bits it holds; the index maps each pattern's rarest required word
    to the pattern, so one pass over those bits finds every pattern that could match.
    """

    sequences: tuple[_Rule, ...]
    others: tuple[_Rule, ...]  # caps and regex rules
    anchors: int
    by_anchor: dict[int, tuple[int, ...]]  # bit: rule << 16 | pattern, for each pattern
    unanchored: tuple[int, ...]

    @classmethod
    def build(cls, rules: list[_Rule]) -> _Plan:
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

    def sequences_due(self, union: int) -> list[tuple[_Rule, list[re.Pattern[str]]]]:
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


@dataclass(frozen=True)
class LanguageRules:
    """The compiled rules of one language."""

    code: str
    entries: tuple[RuleEntry, ...]
    default_register: Register
    _rules: tuple[_Rule, ...] = field(repr=False)
    _classifier: Classifier = field(repr=False)
    _reported: CompiledPattern | None = field(repr=False)
    _reported_before: CompiledPattern | None = field(repr=False)
    _exact: dict[str, list[tuple[int, str]]] = field(repr=False)
    _exact_bits: int = field(repr=False)
    _exact_cache: dict[tuple[str, str], str] = field(default_factory=dict, repr=False,
                                                     compare=False)
    _written: dict[str, tuple[int, str]] = field(default_factory=dict, repr=False,
                                                 compare=False)
    _plans: dict[Register, _Plan] = field(default_factory=dict, repr=False, compare=False)

    def _plan(self, reg: Register) -> _Plan:
        """The rules that run when ``reg`` is asked for, built on first use per register."""
        plan = self._plans.get(reg)
        if plan is None:
            plan = _Plan.build([rule for rule in self._rules if rule.entry.register is not reg])
            plan = self._plans.setdefault(reg, plan)
        return plan

    def _written_signature(self, piece: str) -> tuple[int, str]:
        """The mask and signature of a piece as written (``Sie``), cached by that form."""
        word = _fold_piece(piece)
        found = self._classifier.signature(word)
        forms = self._exact.get(word)
        if forms:
            mask = found[0]
            for bit, form in forms:
                if piece != form:
                    mask &= ~bit
            if mask != found[0]:
                found = (mask, _signature_of(mask, self._classifier.is_clause_word(word)))
        if len(self._written) >= 200_000:
            self._written.clear()
        self._written[piece] = found
        return found

    @classmethod
    def build(cls, code: str, rules: RuleFile | Iterable[RuleEntry],
              default_register: Register = Register.NEUTRAL) -> LanguageRules:
        """Compile a rule file (or bare rules); raise `LocaleDataError` on an unknown class.

        ``default_register`` is what `check` assumes when it is given no register: formal for
        a language with T-V address (from its ``language.toml``), else neutral.
        """
        data = rules if isinstance(rules, RuleFile) else RuleFile.model_construct(
            words={}, clause_words=(), reported=(), reported_before=(), rule=tuple(rules))
        sources = [s for entry in data.rule for s in entry.unless_sentence]
        sources += [s for entry in data.rule if entry.kind == "sequence"
                    for s in (*entry.patterns, *entry.unless)]
        sources += [*data.reported, *data.reported_before]
        clause_words = [fold_pattern(w).lower() for w in data.clause_words]
        try:
            classifier = Classifier(data.words, [parse_pattern(s) for s in sources],
                                    clause_words)
        except UnknownClassError as exc:
            raise LocaleDataError(f"{code} rules: {exc}") from None

        def compiled(patterns: Iterable[str], sentence: bool) -> CompiledPattern | None:
            return compile_patterns([parse_pattern(p) for p in patterns], classifier, sentence)

        rules_out = []
        for entry in data.rule:
            sentence = entry.scope == "sentence"
            after = compiled(entry.unless_sentence, True)
            if entry.kind == "sequence":
                rules_out.append(_Rule(entry, compiled(entry.patterns, sentence),
                                       compiled(entry.unless, sentence), after))
            elif entry.kind == "regex":
                rules_out.append(_Rule(
                    entry, unless_sentence=after,
                    regex=_compile_regex(entry.patterns, entry.case_sensitive),
                    quick=_compile_regex(entry.patterns, entry.case_sensitive, edges=False),
                    unless_regex=(_compile_regex(entry.unless, entry.case_sensitive)
                                  if entry.unless else None)))
            else:
                rules_out.append(_Rule(
                    entry, unless_sentence=after,
                    ignore=frozenset(w.upper() for w in entry.ignore),
                    codes=re.compile("|".join(f"(?:{c})" for c in entry.codes))
                    if entry.codes else None))
        exact = classifier.exact_words
        exact_bits = 0
        for forms in exact.values():
            for bit, _ in forms:
                exact_bits |= bit
        parse_pattern.cache_clear()  # the parsed patterns are compiled now; free them
        return cls(code, tuple(data.rule), default_register, tuple(rules_out), classifier,
                   compiled(data.reported, True), compiled(data.reported_before, True),
                   exact, exact_bits)

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
        exact_done = folded.starts is None
        if exact_done:
            # Offsets unchanged: the words as written are looked up, so =Word atoms are
            # decided with the word (and cached), never in a second pass.
            pieces = _PIECES_WRITTEN.findall(text)
            table = self._written
            written: Callable[[str], tuple[int, str]] = self._written_signature
        else:
            pieces = _PIECES.findall(folded.folded)
            table = self._classifier.signatures
            written = self._classifier.signature
        # One lookup per piece, in C (map); the few pieces not seen before are classified.
        entries = list(map(table.get, pieces))
        if None in entries:
            entries = [entry or written(piece) for entry, piece in zip(entries, pieces,
                                                                      strict=True)]
        known = cast("list[tuple[int, str]]", entries)
        union = functools.reduce(operator.or_, map(_MASK, known), 0)
        plan = self._plan(reg)
        due = plan.sequences_due(union)
        for rule in plan.others:
            if rule.entry.kind == "caps":
                if _caps_pair(text):
                    due.append((rule, []))
            elif rule.quick is not None and rule.quick.search(
                    text if rule.entry.case_sensitive else folded.folded):
                due.append((rule, []))
        if waive:
            due = [row for row in due if row[0].entry.rule not in waive]
        if not due:
            return ToneReport(self.code, reg, (), text, False)
        prepared = _Text(folded, pieces, "".join(map(_SIGNATURE, known)))
        if not exact_done and self._exact and union & self._exact_bits:
            self._fix_exact(prepared)
        # Run once on the text as it is; only when something is found are quotations and
        # reported speech looked for, masked, and the rules run again.
        found = self._run_all(due, prepared, union)
        if found and self._mask(prepared, union):
            found = self._run_all(due, prepared, union)
        spans: dict[str, list[tuple[int, int, _Rule]]] = {}
        for rule, start, end in found:
            spans.setdefault(rule.entry.rule, []).append((start, end, rule))
        findings = [finding for rule_spans in spans.values()
                    for finding in _merge_findings(rule_spans, text, reg)]
        findings.sort()
        truncated = len(findings) > MAX_FINDINGS
        return ToneReport(self.code, reg, tuple(findings[:MAX_FINDINGS]), text, truncated)

    def _run_all(self, due: list[tuple[_Rule, list[re.Pattern[str]]]], text: _Text, union: int
                 ) -> list[tuple[_Rule, int, int]]:
        found: list[tuple[_Rule, int, int]] = []
        for rule, singles in due:
            found += [(rule, start, end)
                      for start, end in self._run(rule, text, union, singles)]
            if len(found) > MAX_FINDINGS:
                break
        return found

    def _mask(self, text: _Text, union: int) -> bool:
        """Mask quotations and reported speech in ``text``; True when anything was masked."""
        original = text.folded.original
        quoted = merge_spans(quoted_spans(original)) if _QUOTES.search(original) else []
        text.quoted = quoted
        if any(c is not None and c.possible(union)
               for c in (self._reported, self._reported_before)):
            reported = self._reported_spans(text)
            if reported:
                text.quoted = merge_spans(quoted + reported)
        if not text.quoted:
            return False
        starts = [start for start, _ in text.spans()]
        masked: set[int] = set()
        for q_start, q_end in text.quoted:
            masked.update(range(bisect.bisect_left(starts, q_start),
                                bisect.bisect_left(starts, q_end)))
        if masked:
            text.replace_words({i: "<>" for i in masked})
        return True

    def _fix_exact(self, text: _Text) -> None:
        """Take the =Word bits from words not written exactly so (``sie`` for ``=Sie``)."""
        text.replace_words(self._exact_fixes(text))

    def _exact_fixes(self, text: _Text) -> dict[int, str]:
        """Signatures without the =Word bits of words not written exactly so (``sie``)."""
        words = [p for p in text.pieces if _is_word(p)]
        fixes: dict[int, str] = {}
        candidates = [i for i, w in enumerate(words) if w in self._exact]
        if not candidates:
            return fixes
        spans = text.spans()
        original = text.folded.original
        cache = self._exact_cache
        for index in candidates:
            start, end = spans[index]
            key = (words[index], original[start:end])
            fixed = cache.get(key)
            if fixed is None:
                word, written = key
                mask, _ = self._classifier.signature(word)
                for bit, form in self._exact[word]:
                    if written != form:
                        mask &= ~bit
                fixed = _signature_of(mask, self._classifier.is_clause_word(word))
                if len(cache) < 4096:
                    cache[key] = fixed
            fixes[index] = fixed
        return fixes

    def _reported_spans(self, text: _Text) -> list[tuple[int, int]]:
        """Original-text spans of reported speech.

        After a frame to the end of its clause, or from the start of the sentence to a frame
        that follows what it reports.
        """
        found: list[tuple[int, int]] = []
        signature = text.signature
        for compiled, before in ((self._reported, False), (self._reported_before, True)):
            if compiled is None:
                continue
            for match in compiled.regex.finditer(signature):
                sentence_start = signature.rfind("#", 0, match.start()) + 1
                if before:
                    lo, hi = text.tokens(sentence_start, match.start())
                else:
                    # A frame that ends its clause ("Sie schreiben, dass …") reports the next.
                    after = match.end() + 1 if signature.startswith("|", match.end()) \
                        else match.end()
                    clause_end = _CLAUSE_END.search(signature, after)
                    lo, hi = text.tokens(match.end(), clause_end.start() if clause_end
                                         else len(signature))
                if hi > lo:
                    spans = text.spans()
                    found.append((spans[lo][0], spans[hi - 1][1]))
        return found

    def _run(self, rule: _Rule, text: _Text, union: int, singles: list[re.Pattern[str]]
             ) -> list[tuple[int, int]]:
        entry = rule.entry
        if entry.kind == "sequence":
            spans = self._run_sequences(rule, text, union, singles)
        elif entry.kind == "regex":
            spans = self._run_regex(rule, text)
        else:
            spans = self._run_caps(rule, text)
        if rule.unless_sentence is not None and spans:
            blocked = {text.sentence_of(m.start())
                       for m in rule.unless_sentence.regex.finditer(text.signature)}
            if blocked:
                kept = []
                for start, end in spans:
                    index = text.word_at(start)
                    position = text.word_position(index)
                    if text.sentence_of(position) not in blocked:
                        kept.append((start, end))
                spans = kept
        return spans

    def _run_sequences(self, rule: _Rule, text: _Text, union: int,
                       singles: list[re.Pattern[str]]) -> list[tuple[int, int]]:
        # Only the patterns whose words are all in the text run, each on its own.
        signature = text.signature
        matches = [m.span() for regex in singles
                   for m in regex.finditer(signature) if m.end() > m.start()]
        if not matches:
            return []
        unless = rule.unless.matching(union) if rule.unless is not None else []
        if unless:
            exceptions = [m.span() for regex in unless for m in regex.finditer(signature)]
            # an antipattern may start inside a match: look for it from each match too
            for start, end in matches:
                for regex in unless:
                    found = regex.search(signature, start, end)
                    if found is not None:
                        exceptions.append(found.span())
            exceptions.sort()
            starts = [start for start, _ in exceptions]
            reach = list(itertools.accumulate((end for _, end in exceptions), max))
            kept = []
            for start, end in matches:
                index = bisect.bisect_left(starts, end) - 1  # exceptions starting before end
                if index >= 0 and reach[index] > start:
                    continue
                kept.append((start, end))
            matches = kept
        # A run of matches on neighbouring words of one sentence is one finding.
        runs: list[list[int]] = []
        signature = text.signature
        for start, end in sorted(matches):
            first, last = text.tokens(start, end)
            if last <= first:
                continue
            if runs and first <= runs[-1][1] and "#" not in signature[runs[-1][2]:start]:
                runs[-1][1] = max(runs[-1][1], last)
                runs[-1][2] = max(runs[-1][2], end)
            else:
                runs.append([first, last, end])
        spans = text.spans()
        return [(spans[first][0], spans[last - 1][1]) for first, last, _ in runs]

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
                loud = ((len(run) >= entry.min_words and letters >= entry.min_letters)
                        or (entry.emphasis_letters and longest >= entry.emphasis_letters))
                if (not heading and loud
                        and (entry.quoted or not text.in_quote(start, end))):
                    spans.append((start, end))
                run.clear()

        # What each distinct word in capitals is: its letters, 0 for one that neither counts
        # nor breaks a run (one letter, or a code with digits: AB-1234), -1 for an acronym.
        kinds: dict[str, int] = {}
        previous = 0
        lower_word = _LOWER_WORD.search
        for word in _caps_word().finditer(original):
            token = word.group()
            kind = kinds.get(token)
            if kind is None:
                kind = kinds[token] = self._caps_kind(rule, token)
            # A word of two or more letters that is not in capitals ends the run.
            start = word.start()
            if lower_word(original, previous, start):
                close()
            previous = word.end()
            if kind == 0:
                continue
            if kind < 0:
                close()
                continue
            run.append((start, previous, kind))
        close()
        return spans

    @staticmethod
    def _caps_kind(rule: _Rule, token: str) -> int:
        letters = sum(c.isalpha() for c in token)
        if letters < 2 or any(c.isdigit() for c in token):
            return 0
        parts = token.replace("’", "'").split("-")
        if (token in rule.ignore or all(p in rule.ignore or len(p) <= 1 for p in parts)
                or (rule.codes is not None and rule.codes.fullmatch(token.rstrip(".")))):
            return -1
        return letters


def _signature_of(mask: int, clause_word: bool) -> str:
    chars = []
    index = 0
    while mask:
        if mask & 1:
            chars.append(Classifier.char(index))
        mask >>= 1
        index += 1
    return ("|" if clause_word else "") + "<" + "".join(chars) + ">"
