"""Running one compiled rule over a prepared text: the spans it finds, in original offsets.

Sequence rules run their patterns over the text's signature, drop matches an antipattern
overlaps and join matches on neighbouring words of one sentence; regex rules run over the
folded (or, case-sensitive, the original) text; the caps detector is `phrasebook.tone.caps`. A
rule's ``unless_sentence`` antipatterns then drop every span in a sentence they match.
Quotations and reported speech were masked in the signature beforehand (the engine's job); a
regex or caps rule skips spans inside them unless it is marked ``quoted``.
"""

from __future__ import annotations

import bisect
import itertools
import re

from .caps import caps_spans
from .compiled import CompiledRule
from .prepared import PreparedText

__all__ = ["rule_spans"]


def rule_spans(rule: CompiledRule, text: PreparedText, union: int,
               singles: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """What ``rule`` finds in ``text`` (``singles``: the sequence patterns that can match)."""
    kind = rule.entry.kind
    if kind == "sequence":
        spans = _sequence_spans(rule, text, union, singles)
    elif kind == "regex":
        spans = _regex_spans(rule, text)
    else:
        spans = caps_spans(rule, text)
    if rule.unless_sentence is not None and spans:
        blocked = {text.sentence_of(m.start())
                   for m in rule.unless_sentence.regex.finditer(text.signature)}
        if blocked:
            spans = [(start, end) for start, end in spans
                     if text.sentence_of(text.word_position(text.word_at(start)))
                     not in blocked]
    return spans


def _sequence_spans(rule: CompiledRule, text: PreparedText, union: int,
                    singles: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    # Only the patterns whose words are all in the text run, each on its own.
    signature = text.signature
    matches = [m.span() for regex in singles
               for m in regex.finditer(signature) if m.end() > m.start()]
    if not matches:
        return []
    unless = rule.unless.matching(union) if rule.unless is not None else []
    if unless:
        matches = _without_exceptions(matches, unless, signature)
    # A run of matches on neighbouring words of one sentence is one finding.
    runs: list[list[int]] = []
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


def _without_exceptions(matches: list[tuple[int, int]], unless: list[re.Pattern[str]],
                        signature: str) -> list[tuple[int, int]]:
    """The matches that no antipattern match overlaps."""
    exceptions = [m.span() for regex in unless for m in regex.finditer(signature)]
    # An antipattern may start inside a match: look for it from each match too, up to the end
    # of the match's sentence (not the match's end, where "$" would hold).
    for start, end in matches:
        stop = signature.find("#", end)
        stop = len(signature) if stop < 0 else stop + 1
        for regex in unless:
            found = regex.search(signature, start, stop)
            if found is not None and found.start() < end:
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
    return kept


def _regex_spans(rule: CompiledRule, text: PreparedText) -> list[tuple[int, int]]:
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
