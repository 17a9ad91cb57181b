"""Tokens, sentences, clauses and quotations of a folded text.

Sequence rules match tokens within a clause or a sentence, never across one; quoted text (the
customer's own words in quotation marks) and reported speech are not the agent's voice and are
masked, so no rule fires on them.

- A *token* is a word (letters and digits, with inner apostrophes and hyphens: ``can't``,
  ``e-mail``, ``USB-C``) or a number (``1.5``, ``12:30``).
- A *sentence* ends at ``.``, ``!``, ``?`` or ``…`` followed by a space or the end, and at every
  line break (a greeting line is a sentence of its own).
- A *clause* ends where the sentence does and at ``,`` ``;`` ``:`` brackets and dashes, and
  before a clause word of the language (``but``, ``aber``: ``clause_words`` in ``tone.toml``).
- A *quotation* is text between a pair of quotation marks on one paragraph: “…” „…“ „…” «…»
  »…« ‹…› "…" ‚…‘ and '…' (a single quote only where it cannot be an apostrophe).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Tokens", "masked_tokens", "merge_spans", "quoted_spans", "tokenize"]

_TOKENS = re.compile(
    r"(?P<num>\d+(?:[.,:/]\d+)+)"
    r"|(?P<word>\w+(?:['’\-]\w+)*)"
    r"|(?P<stop>[.!?…]+(?=[\s\"'”“»«›)\]]|$)|\n)"
    r"|(?P<clause>[,;:()\[\]–—]|(?<=\s)-(?=\s))"
)
_PAIRS = {"“": "”", "„": "“”", "«": "»", "»": "«", "‹": "›", "\"": "\"", "‚": "‘’", "'": "'",
          "‘": "’"}
_OPENERS = re.compile("[“„«»‹\"‚'‘]")


@dataclass(frozen=True)
class Tokens:
    """The tokens of a folded text with their spans, and their clause and sentence numbers."""

    words: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    clauses: tuple[int, ...]
    sentences: tuple[int, ...]

    def __len__(self) -> int:
        """The number of tokens."""
        return len(self.words)


def tokenize(folded: str, clause_words: frozenset[str] = frozenset()) -> Tokens:
    """Split ``folded`` into tokens, numbering clauses and sentences.

    >>> t = tokenize("no, we can't. ok")
    >>> t.words, t.clauses, t.sentences
    (('no', 'we', "can't", 'ok'), (0, 1, 1, 2), (0, 0, 0, 1))
    """
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    clauses: list[int] = []
    sentences: list[int] = []
    clause = sentence = 0
    pending_clause = pending_sentence = False
    for match in _TOKENS.finditer(folded):
        kind = match.lastgroup
        if kind == "stop":
            pending_sentence = True
            continue
        if kind == "clause":
            pending_clause = True
            continue
        word = match.group().replace("’", "'")
        if words:
            if pending_sentence:
                sentence += 1
                clause += 1
            elif pending_clause or word in clause_words:
                clause += 1
        pending_clause = pending_sentence = False
        words.append(word)
        starts.append(match.start())
        ends.append(match.end())
        clauses.append(clause)
        sentences.append(sentence)
    return Tokens(tuple(words), tuple(starts), tuple(ends), tuple(clauses), tuple(sentences))


def _apostrophe(text: str, index: int) -> bool:
    """True when the single quote at ``index`` sits between letters (don't, sipariş'in)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()


def quoted_spans(text: str, limit: int = 400) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of quotations in ``text`` (marks included), in order.

    A quotation closes within ``limit`` characters and the same paragraph, or is not one.

    >>> quoted_spans('You wrote „unmöglich“ and "never".')
    [(10, 21), (26, 33)]
    """
    found: list[tuple[int, int]] = []
    position = 0
    while True:
        match = _OPENERS.search(text, position)
        if match is None:
            return found
        start = match.start()
        opener = match.group()
        if opener in "'‘’" and (_apostrophe(text, start)
                                or (start > 0 and text[start - 1].isalnum())):
            position = start + 1
            continue
        closers = _PAIRS[opener]
        end = _closing(text, start + 1, closers, opener, limit)
        if end is None:
            position = start + 1
            continue
        found.append((start, end + 1))
        position = end + 1


def _closing(text: str, begin: int, closers: str, opener: str, limit: int) -> int | None:
    stop = min(len(text), begin + limit)
    index = begin
    while index < stop:
        char = text[index]
        if char == "\n" and text.startswith("\n", index + 1):
            return None  # a blank line: the quotation never closed
        if char in closers and index > begin:
            if opener in "'‘" and _apostrophe(text, index):
                index += 1
                continue
            return index
        index += 1
    return None


def merge_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort ``spans`` and merge the ones that overlap.

    >>> merge_spans([(5, 9), (0, 2), (8, 12)])
    [(0, 2), (5, 12)]
    """
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def masked_tokens(starts: Sequence[int], spans: list[tuple[int, int]]) -> frozenset[int]:
    """The indexes of the tokens whose start lies inside one of the merged, sorted ``spans``."""
    if not spans:
        return frozenset()
    inside: set[int] = set()
    cursor = 0
    for index, start in enumerate(starts):
        while cursor < len(spans) and spans[cursor][1] <= start:
            cursor += 1
        if cursor < len(spans) and spans[cursor][0] <= start:
            inside.add(index)
    return frozenset(inside)
