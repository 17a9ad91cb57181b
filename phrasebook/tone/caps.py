"""Shouting in capitals: runs of words in capitals, and one long word in capitals for emphasis.

The ``caps`` rule of a ``tone.toml`` sets how many words or letters make a run loud, which
words are acronyms (``ignore``) and which capitals are codes (``codes``: order numbers,
``USB-C PD``). A code or a one-letter word neither counts nor ends a run; an acronym ends it; a
word of two or more letters not in capitals ends it too. The character classes come from
Unicode data, so every script with capitals is covered (Georgian Mtavruli included).
"""

from __future__ import annotations

import functools
import re

from .compiled import CompiledRule
from .prepared import PreparedText

__all__ = ["caps_pair", "caps_spans"]

_ASCII_CAPS = re.compile("[A-Z]{2}")
# Two letters in a row between two words in capitals: a word not in capitals, which ends a run.
_LOWER_WORD = re.compile(r"[^\W\d_]{2}")
_KINDS_CACHED = 4096  # words in capitals whose kind a rule remembers


def caps_pair(text: str) -> bool:
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


def caps_spans(rule: CompiledRule, text: PreparedText) -> list[tuple[int, int]]:
    """The spans of the original text that ``rule`` (a ``caps`` rule) finds loud."""
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
            if not heading and loud and (entry.quoted or not text.in_quote(start, end)):
                spans.append((start, end))
            run.clear()

    # What each word in capitals is: its letters, 0 for one that neither counts nor breaks a
    # run (one letter, or a code with digits: AB-1234), -1 for an acronym. Cached per rule.
    kinds = rule.caps_kinds

    def kind_of(token: str) -> int:
        kind = kinds.get(token)
        if kind is None:
            if len(kinds) >= _KINDS_CACHED:
                kinds.clear()
            kind = kinds[token] = _caps_kind(rule, token)
        return kind

    # First, whether anything can be loud: enough words that count, or one long enough for
    # emphasis. Most texts with capitals hold only acronyms and codes, and stop here.
    counted = 0
    for word in _caps_word().finditer(original):
        kind = kind_of(word.group())
        if kind > 0:
            counted += 1
            if counted >= entry.min_words or (entry.emphasis_letters
                                              and kind >= entry.emphasis_letters):
                break
    else:
        return spans
    previous = 0
    lower_word = _LOWER_WORD.search
    for word in _caps_word().finditer(original):
        token = word.group()
        cached = kinds.get(token)
        kind = kind_of(token) if cached is None else cached
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


def _caps_kind(rule: CompiledRule, token: str) -> int:
    """A word in capitals: its letters; 0 if it neither counts nor breaks a run; -1, an acronym."""
    letters = sum(c.isalpha() for c in token)
    if letters < 2 or any(c.isdigit() for c in token):
        return 0
    parts = token.replace("’", "'").split("-")
    if (token in rule.ignore or all(p in rule.ignore or len(p) <= 1 for p in parts)
            or (rule.codes is not None and rule.codes.fullmatch(token.rstrip(".")))):
        return -1
    return letters
