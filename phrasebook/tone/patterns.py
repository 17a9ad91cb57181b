r"""Sequence patterns: what a rule looks for, token by token, written as a short string.

A pattern is a space-separated list of elements, each matching one token of the folded text
(lower case, Turkish i folded, Georgian Mtavruli folded to Mkhedruli), within one clause or one
sentence:

==================  =========================================================================
``nicht``           the token ``nicht``
``garantier*``      a token starting with ``garantier``; ``*bar`` one ending with ``bar``
``=Sie``            the token ``Sie`` exactly as written (case-sensitive)
``/\w+amıyor\w*/``  a token the regular expression matches whole (no spaces inside)
``@we-cannot``      a token of the word class ``we-cannot`` (``[words.we-cannot]``)
``a|b|@c``          any of these
``!nicht``          one token that is not ``nicht``
``leider?``         an optional token
``...``             up to 4 tokens of anything; ``..8`` up to 8
``^`` / ``$``       the start / the end of the clause (or sentence), as the first / last element
==================  =========================================================================

Parsing is strict: every error names the element and what is allowed, so ``validate`` can put
it on the pattern's line.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

from .fold import fold_pattern

__all__ = ["Atom", "Element", "Pattern", "PatternError", "parse_pattern"]

MAX_GAP = 12
DEFAULT_GAP = 4
_LITERAL = re.compile(r"^[\w'’.-]+$")
_CLASS = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class PatternError(ValueError):
    """A pattern that does not parse."""


@dataclass(frozen=True)
class Atom:
    """One test of a token: ``kind`` is literal, prefix, suffix, exact, regex or class."""

    kind: str
    value: str


@dataclass(frozen=True)
class Element:
    """One position of a pattern: alternatives of atoms, or a gap of up to ``gap`` tokens."""

    atoms: tuple[Atom, ...] = ()
    negated: bool = False
    optional: bool = False
    gap: int = 0

    @property
    def is_gap(self) -> bool:
        """True for a gap (``...`` or ``..N``)."""
        return not self.atoms


@dataclass(frozen=True)
class Pattern:
    """A parsed sequence pattern."""

    source: str
    elements: tuple[Element, ...]
    at_start: bool = False
    at_end: bool = False

    @property
    def classes(self) -> frozenset[str]:
        """The word classes the pattern refers to."""
        return frozenset(a.value for e in self.elements for a in e.atoms if a.kind == "class")


def _atom(text: str, source: str) -> Atom:
    if text.startswith("@"):
        name = text[1:]
        if not _CLASS.match(name):
            raise PatternError(f"{source!r}: {text!r} is not a word class name "
                               "(lower case letters, digits and '-')")
        return Atom("class", name)
    if len(text) >= 2 and text.startswith("/") and text.endswith("/"):
        body = text[1:-1]
        try:
            re.compile(body)
        except re.error as exc:
            raise PatternError(f"{source!r}: /{body}/ is not a valid regular expression: "
                               f"{exc}") from None
        return Atom("regex", fold_pattern(body))
    if text.startswith("="):
        if not _LITERAL.match(text[1:]):
            raise PatternError(f"{source!r}: {text!r}: '=' takes a word written as it is")
        return Atom("exact", text[1:])
    if text.endswith("*") and len(text) > 1:
        kind, value = "prefix", text[:-1]
    elif text.startswith("*") and len(text) > 1:
        kind, value = "suffix", text[1:]
    else:
        kind, value = "literal", text
    if not _LITERAL.match(value):
        raise PatternError(
            f"{source!r}: {text!r} is not a word, word*, *word, =Word, /regex/ or @class"
        )
    return Atom(kind, fold_pattern(value).replace("’", "'"))


def _alternatives(body: str) -> list[str]:
    """Split ``a|/b|c/|d`` at the bars that are not inside a ``/regex/``."""
    parts: list[str] = []
    current = ""
    in_regex = False
    for char in body:
        if char == "/" and (in_regex or not current):
            in_regex = not in_regex
        if char == "|" and not in_regex:
            parts.append(current)
            current = ""
            continue
        current += char
    parts.append(current)
    return parts


def _element(text: str, source: str) -> Element:
    if text == "...":
        return Element(gap=DEFAULT_GAP)
    if text.startswith("..") and text[2:].isdigit():
        size = int(text[2:])
        if not 1 <= size <= MAX_GAP:
            raise PatternError(f"{source!r}: gap {text!r} must be ..1 to ..{MAX_GAP}")
        return Element(gap=size)
    negated = text.startswith("!") and len(text) > 1
    body = text[1:] if negated else text
    optional = body.endswith("?") and len(body) > 1 and not body.endswith("/?")
    if optional:
        body = body[:-1]
    if negated and optional:
        raise PatternError(f"{source!r}: {text!r} cannot be both negated and optional")
    parts = _alternatives(body)
    if any(not part for part in parts):
        raise PatternError(f"{source!r}: {text!r} has an empty alternative")
    atoms = tuple(_atom(part, source) for part in parts)
    return Element(atoms=atoms, negated=negated, optional=optional)


@functools.lru_cache(maxsize=8192)
def parse_pattern(source: str) -> Pattern:
    """Parse a sequence pattern, raising `PatternError` with what is wrong.

    >>> p = parse_pattern("^ no ..3 @reassure?")
    >>> p.at_start, len(p.elements), p.elements[1].gap
    (True, 3, 3)
    """
    parts = source.split()
    at_start = bool(parts) and parts[0] == "^"
    at_end = bool(parts) and parts[-1] == "$" and len(parts) > 1
    body = parts[1 if at_start else 0 : -1 if at_end else None]
    if not body:
        raise PatternError(f"{source!r}: an empty pattern")
    if "^" in body or "$" in body:
        raise PatternError(f"{source!r}: ^ and $ go only at the start and the end")
    elements = tuple(_element(part, source) for part in body)
    first, last = elements[0], elements[-1]
    if first.is_gap or first.optional or first.negated:
        raise PatternError(f"{source!r}: a pattern starts with a word to look for, not with "
                           "a gap, an optional or a negated element")
    if last.is_gap:
        raise PatternError(f"{source!r}: a pattern does not end with a gap")
    for left, right in itertools.pairwise(elements):
        if left.is_gap and right.is_gap:
            raise PatternError(f"{source!r}: two gaps in a row")
    return Pattern(source, elements, at_start, at_end)
