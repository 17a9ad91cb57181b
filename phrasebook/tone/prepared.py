"""A text prepared for matching: its pieces, its signature, and offsets found on demand.

The engine splits a folded text into *pieces* (words, numbers, and the boundaries of sentences
and clauses) and joins each piece's signature from the word classifier into one string, which
the compiled patterns run over (`phrasebook.tone.compiler`). `PreparedText` maps a match in that
signature back to words and to offsets into the caller's string, computing each table only when
a rule has found something. In a long text those lookups are bisections over an index of the
signature's marks, so a check stays linear in the text's length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .fold import FoldedText
from .words import Classifier

__all__ = ["PIECES", "PIECES_WRITTEN", "PreparedText", "fold_piece", "is_word", "nth",
           "signature_of"]

PIECES = re.compile(r"\w+(?:['\-]\w+)*|[.!?…]+(?!\w)|\n|[,;:](?!\d)|[()\[\]–—]")
"""Words (and numbers such as 1.5 or 12:30) and the boundaries of sentences and clauses."""

PIECES_WRITTEN = re.compile(r"\w+(?:['’\-]\w+)*|[.!?…]+(?!\w)|\n|[,;:](?!\d)|[()\[\]–—]")
"""`PIECES` of the text as written, where the typographic apostrophe is not yet folded."""

_WORDS = re.compile(r"\w+(?:['\-]\w+)*")  # the words of PIECES, alone
_LONG_SIGNATURE = 4096  # signatures at least this long are indexed (see PreparedText._index)
_WORD_MARK = re.compile("<")
_STOP_MARK = re.compile("#")


@dataclass
class PreparedText:
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
        return nth(self.signature, "<", index)

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


def nth(text: str, char: str, index: int) -> int:
    """The offset of the ``index``-th (0-based) ``char`` in ``text`` (its length if none)."""
    position = -1
    for _ in range(index + 1):
        position = text.find(char, position + 1)
        if position < 0:
            return len(text)
    return position


def fold_piece(piece: str) -> str:
    """A piece of NFC text folded as `fold` folds whole texts (same length)."""
    if "İ" in piece or "ı" in piece:
        piece = piece.replace("İ", "i").replace("ı", "i")
    piece = piece.lower()
    return piece.replace("’", "'") if "’" in piece else piece


def is_word(piece: str) -> bool:
    """True when a piece is a word or number, not a boundary."""
    return piece[0].isalnum() or piece[0] == "_"


def signature_of(mask: int, clause_word: bool) -> str:
    """The signature of a word with the class bits ``mask`` (``|`` first for a clause word)."""
    chars = []
    index = 0
    while mask:
        if mask & 1:
            chars.append(Classifier.char(index))
        mask >>= 1
        index += 1
    return ("|" if clause_word else "") + "<" + "".join(chars) + ">"
