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
import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import cast

from ..errors import LocaleDataError
from ..model import Register
from .caps import caps_pair
from .compiled import CompiledRule, Suggest, compile_regex, merge_findings, quick_regex
from .compiler import CompiledPattern, compile_patterns
from .fold import fold, fold_pattern
from .matchers import rule_spans
from .patterns import parse_pattern
from .plan import RulePlan
from .prepared import PIECES, PIECES_WRITTEN, PreparedText, fold_piece, is_word, signature_of
from .report import ToneReport
from .schema import RuleEntry, RuleFile
from .tokens import merge_spans, quoted_spans
from .words import Classifier, UnknownClassError

__all__ = ["MAX_FINDINGS", "LanguageRules"]

MAX_FINDINGS = 1000
"""A report holds at most this many findings and says it was truncated."""

_MASK = operator.itemgetter(0)  # of a (mask, signature) pair
_SIGNATURE = operator.itemgetter(1)
_CLAUSE_END = re.compile("[|#]")
_QUOTES = re.compile("[“„«»‹\"‚'‘]")


@dataclass(frozen=True)
class LanguageRules:
    """The compiled rules of one language."""

    code: str
    entries: tuple[RuleEntry, ...]
    default_register: Register
    _rules: tuple[CompiledRule, ...] = field(repr=False)
    _classifier: Classifier = field(repr=False)
    _reported: CompiledPattern | None = field(repr=False)
    _reported_before: CompiledPattern | None = field(repr=False)
    _exact: dict[str, list[tuple[int, str]]] = field(repr=False)
    _exact_bits: int = field(repr=False)
    _exact_cache: dict[tuple[str, str], str] = field(default_factory=dict, repr=False,
                                                     compare=False)
    _written: dict[str, tuple[int, str]] = field(default_factory=dict, repr=False,
                                                 compare=False)
    _plans: dict[Register, RulePlan] = field(default_factory=dict, repr=False, compare=False)

    def _plan(self, reg: Register) -> RulePlan:
        """The rules that run when ``reg`` is asked for, built on first use per register."""
        plan = self._plans.get(reg)
        if plan is None:
            plan = RulePlan.build([rule for rule in self._rules if rule.entry.register is not reg])
            plan = self._plans.setdefault(reg, plan)
        return plan

    def _written_signature(self, piece: str) -> tuple[int, str]:
        """The mask and signature of a piece as written (``Sie``), cached by that form."""
        word = fold_piece(piece)
        found = self._classifier.signature(word)
        forms = self._exact.get(word)
        if forms:
            mask = found[0]
            for bit, form in forms:
                if piece != form:
                    mask &= ~bit
            if mask != found[0]:
                found = (mask, signature_of(mask, self._classifier.is_clause_word(word)))
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
                rules_out.append(CompiledRule(entry, compiled(entry.patterns, sentence),
                                       compiled(entry.unless, sentence), after))
            elif entry.kind == "regex":
                rules_out.append(CompiledRule(
                    entry, unless_sentence=after,
                    regex=compile_regex(entry.patterns, entry.case_sensitive),
                    quick=quick_regex(entry.patterns, entry.case_sensitive),
                    unless_regex=(compile_regex(entry.unless, entry.case_sensitive)
                                  if entry.unless else None)))
            else:
                rules_out.append(CompiledRule(
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
              waive: frozenset[str] = frozenset(), suggest: Suggest | None = None
              ) -> ToneReport:
        """Check ``text``; ``register`` None means the default register.

        Findings of the rules in ``waive`` are left out (a phrasing's waivers); ``suggest``
        gives each finding's suggestions (none without it).
        """
        reg = register or self.default_register
        folded = fold(text)
        exact_done = folded.starts is None
        if exact_done:
            # Offsets unchanged: the words as written are looked up, so =Word atoms are
            # decided with the word (and cached), never in a second pass.
            pieces = PIECES_WRITTEN.findall(text)
            table = self._written
            written: Callable[[str], tuple[int, str]] = self._written_signature
        else:
            pieces = PIECES.findall(folded.folded)
            table = self._classifier.signatures
            written = self._classifier.signature
        # One lookup per piece, in C (map); the few pieces not seen before are classified.
        known = cast("list[tuple[int, str]]", list(map(table.get, pieces)))
        try:
            union = functools.reduce(operator.or_, map(_MASK, known), 0)
        except TypeError:  # a piece not seen before (None): classify the new ones
            known = [entry or written(piece) for entry, piece in zip(known, pieces, strict=True)]
            union = functools.reduce(operator.or_, map(_MASK, known), 0)
        plan = self._plan(reg)
        due, reads_masked = plan.sequences_due(union)
        lowered = folded.folded
        for rule, quick, as_written in plan.first_tests:
            if quick is None:
                if caps_pair(text):
                    due.append((rule, []))
            elif quick.search(text if as_written else lowered):
                due.append((rule, []))
        if waive:
            due = [row for row in due if row[0].entry.rule not in waive]
        if not due:
            return ToneReport(self.code, reg, (), text, False)
        prepared = PreparedText(folded, pieces, "".join(map(_SIGNATURE, known)))
        if not exact_done and self._exact and union & self._exact_bits:
            self._fix_exact(prepared)
        # Run once on the text as it is; only when something is found are quotations and
        # reported speech looked for, masked, and the rules run again. A pattern that matches
        # a quoted word (a negated element) needs the masks first.
        if reads_masked:
            self._mask(prepared, union)
            found = self._run_all(due, prepared, union)
        else:
            found = self._run_all(due, prepared, union)
            if found and self._mask(prepared, union):
                # Masking only takes words away from the patterns: a rule that found nothing
                # finds nothing now, unless masking silenced one of its exceptions.
                hit = {id(rule) for rule, _, _ in found}
                due = [row for row in due if id(row[0]) in hit
                       or row[0].unless is not None or row[0].unless_sentence is not None]
                found = self._run_all(due, prepared, union)
        spans: dict[str, list[tuple[int, int, CompiledRule]]] = {}
        for rule, start, end in found:
            spans.setdefault(rule.entry.rule, []).append((start, end, rule))
        findings = [finding for rule_spans in spans.values()
                    for finding in merge_findings(rule_spans, text, reg, suggest)]
        findings.sort()
        truncated = len(findings) > MAX_FINDINGS
        return ToneReport(self.code, reg, tuple(findings[:MAX_FINDINGS]), text, truncated)

    def _run_all(self, due: list[tuple[CompiledRule, list[re.Pattern[str]]]],
                 text: PreparedText, union: int) -> list[tuple[CompiledRule, int, int]]:
        found: list[tuple[CompiledRule, int, int]] = []
        for rule, singles in due:
            found += [(rule, start, end)
                      for start, end in rule_spans(rule, text, union, singles)]
            if len(found) > MAX_FINDINGS:
                break
        return found

    def _mask(self, text: PreparedText, union: int) -> bool:
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

    def _fix_exact(self, text: PreparedText) -> None:
        """Take the =Word bits from words not written exactly so (``sie`` for ``=Sie``)."""
        text.replace_words(self._exact_fixes(text))

    def _exact_fixes(self, text: PreparedText) -> dict[int, str]:
        """Signatures without the =Word bits of words not written exactly so (``sie``)."""
        words = [p for p in text.pieces if is_word(p)]
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
                fixed = signature_of(mask, self._classifier.is_clause_word(word))
                if len(cache) < 4096:
                    cache[key] = fixed
            fixes[index] = fixed
        return fixes

    def _reported_spans(self, text: PreparedText) -> list[tuple[int, int]]:
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
