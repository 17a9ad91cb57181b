r"""Which characters a regular expression's match can start and end with.

A word class's members and affix grammars are regular expressions a new word is tested against
one by one (`phrasebook.tone.words.Classifier`). Most of them can only match a word that ends in
one of a few letters (a Turkish person ending, a Czech verb ending) or starts with one of a few
(a list of stems followed by any ending), so the classifier tries only those that can start
with the word's first character and end with its last. `first_chars` and `last_chars` read a
pattern with Python's own parser and answer conservatively: None ("could be any character")
for whatever they do not follow.

>>> sorted(last_chars(r"\w+(?:sa|se)n[iuü]z|\w+s[iuü]n"))
['n', 'z']
>>> sorted(first_chars(r"(?:gör|bul)\w*"))
['b', 'g']
>>> last_chars(r"\w+") is None
True
"""

from __future__ import annotations

import functools
import importlib
from typing import Any

__all__ = ["first_chars", "last_chars"]

_c = importlib.import_module("re._constants")  # the parser's vocabulary (an internal API)
_parser = importlib.import_module("re._parser")

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_MAX_RANGE = 64  # a character range wider than this counts as "anything"


class _Anything(Exception):
    """Raised inside the walk when a match could start or end with any character."""


def _item(op: Any, av: Any, forward: bool) -> tuple[set[str], bool]:
    """The first (``forward``) or last characters of one parsed item, and if it can be empty."""
    if op is _c.LITERAL:
        return {chr(av)}, False
    if op is _c.IN:
        found: set[str] = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                found.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] <= _MAX_RANGE:
                found.update(chr(code) for code in range(value[0], value[1] + 1))
            else:  # a negated class, a category such as \w, a wide range
                raise _Anything
        return found, False
    if op is _c.SUBPATTERN:
        add_flags = av[1]
        if add_flags & _c.SRE_FLAG_IGNORECASE:
            raise _Anything
        return _sequence(list(av[-1]), forward)
    if op is _c.BRANCH:
        found = set()
        empty = False
        for branch in av[1]:
            chars, can_be_empty = _sequence(list(branch), forward)
            found |= chars
            empty = empty or can_be_empty
        return found, empty
    if op in _REPEATS:
        low, _high, items = av
        chars, can_be_empty = _sequence(list(items), forward)
        return chars, can_be_empty or low == 0
    if op in _ZERO_WIDTH:
        return set(), True
    raise _Anything  # ANY (.), backreferences, conditionals, …


def _sequence(items: list[tuple[Any, Any]], forward: bool) -> tuple[set[str], bool]:
    """The first or last characters of a sequence of items.

    They are those of each item up to the first one (from the front, or from the back for the
    last characters) that cannot be empty.
    """
    found: set[str] = set()
    for op, av in (items if forward else reversed(items)):
        chars, can_be_empty = _item(op, av, forward)
        found |= chars
        if not can_be_empty:
            return found, False
    return found, True


def _edge_chars(pattern: str, forward: bool) -> frozenset[str] | None:
    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & _c.SRE_FLAG_IGNORECASE:
            return None
        chars, can_be_empty = _sequence(list(parsed), forward)
    except Exception:  # _Anything, or a pattern the parser refuses
        return None
    return None if can_be_empty else frozenset(chars)


@functools.lru_cache(maxsize=4096)
def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a full match of ``pattern`` can start with; None for any (or unknown)."""
    return _edge_chars(pattern, forward=True)


@functools.lru_cache(maxsize=4096)
def last_chars(pattern: str) -> frozenset[str] | None:
    """The characters a full match of ``pattern`` can end with; None for any (or unknown)."""
    return _edge_chars(pattern, forward=False)
