"""Case folding and normalization for matching, with a map back to the caller's offsets.

Tone rules match text that is NFC-normalized and lower-cased, with the Turkish letters ``İ``,
``I``, ``ı`` and ``i`` all folded to ``i`` (so "İMKANSIZ", "IMKANSIZ" and "imkansız" match one
pattern) and Georgian Mtavruli folded to Mkhedruli (Python's ``str.lower`` knows that pair).
Folding can change the length of the text; `FoldedText` keeps, for every folded character, the
span of the original characters it came from, so findings point into the caller's string.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["FoldedText", "fold", "fold_pattern"]

# Dotted capital I and dotless small i fold to plain i before lower-casing; capital I then
# lower-cases to i as well. One character each, so offsets are unchanged.
# The typographic apostrophe (’) folds to ' so that "can’t" and "can't" are one word.


class FoldedText(NamedTuple):
    """Folded text for matching, and how to map its offsets back to the original.

    A named tuple rather than a frozen dataclass: one is made per check, and a tuple is made
    several times faster.
    """

    original: str
    folded: str
    # starts[i] / ends[i]: the original span of folded[i]; None when the offsets are identical.
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the folded text to the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            position = self.starts[start] if start < len(self.starts) else len(self.original)
            return position, position
        return self.starts[start], self.ends[end - 1]


def _fold_chars(text: str) -> str:
    if "İ" in text or "ı" in text:
        text = text.replace("İ", "i").replace("ı", "i")
    text = text.lower()
    return text.replace("’", "'") if "’" in text else text


def _chunks(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into spans that normalize independently: a starter and its marks."""
    bounds = []
    start = 0
    for index in range(1, len(text)):
        char = text[index]
        if unicodedata.combining(char) == 0 and not ("\u1160" <= char <= "\u11ff"):
            bounds.append((start, index))
            start = index
    if text:
        bounds.append((start, len(text)))
    return bounds


def fold(text: str) -> FoldedText:
    """Fold ``text`` for matching, keeping a map to the original offsets.

    >>> f = fold("İMKANSIZ")
    >>> f.folded
    'imkansiz'
    >>> f.span(0, 3)
    (0, 3)
    """
    if text.isascii():
        return FoldedText(text, text.lower())
    if unicodedata.is_normalized("NFC", text):
        folded = _fold_chars(text)
        if len(folded) == len(text):
            return FoldedText(text, folded)
        pieces = [(i, i + 1) for i in range(len(text))]
    else:
        pieces = _chunks(text)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for start, end in pieces:
        piece = _fold_chars(unicodedata.normalize("NFC", text[start:end]))
        out.append(piece)
        starts.extend([start] * len(piece))
        ends.extend([end] * len(piece))
    return FoldedText(text, "".join(out), tuple(starts), tuple(ends))


_ESCAPE = re.compile(r"\\(?:N\{[^}]*\}|.)", re.DOTALL)


def fold_pattern(pattern: str) -> str:
    r"""Fold a regular expression like text, leaving escapes (``\W``, ``\S``) untouched.

    >>> print(fold_pattern(r"İmkansız\W"))
    imkansiz\W
    """
    pattern = unicodedata.normalize("NFC", pattern)
    out = []
    last = 0
    for match in _ESCAPE.finditer(pattern):
        out.append(_fold_chars(pattern[last : match.start()]))
        out.append(match.group())
        last = match.end()
    out.append(_fold_chars(pattern[last:]))
    return "".join(out)
