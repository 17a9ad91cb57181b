"""Which tests a token passes: every atom and word class of a language, as one bit mask.

Each distinct test in a language's rules (a literal, a prefix, a suffix, a token regex, a word
class) gets a bit. `Classifier.mask` answers, for a folded token, which bits it has; a pattern
element is then one ``&`` of two integers, and whole rules are skipped when no token of a text
has the bits their patterns start with. Masks are cached per token, so a word seen before costs
one dict lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .ends import first_chars, last_chars
from .fold import fold_pattern
from .patterns import Atom, Pattern, parse_pattern
from .schema import WordClass

__all__ = ["MAX_REGEX_TOKEN", "Classifier", "UnknownClassError"]

MAX_REGEX_TOKEN = 64
"""Tokens longer than this are never tested against regular expressions (no word is)."""
_CACHE_LIMIT = 200_000
_BOUNDARIES: dict[str, tuple[int, str]] = {
    **{mark: (0, "#") for mark in (".", "!", "?", "…", "\n", "...", "!!", "??", "?!", "!?")},
    **{mark: (0, "|") for mark in (",", ";", ":", "(", ")", "[", "]", "–", "—", "-")},
}


class UnknownClassError(ValueError):
    """A pattern names a word class the rules do not define."""


@dataclass
class _Tables:
    literal: dict[str, int] = field(default_factory=dict)
    prefix: dict[str, int] = field(default_factory=dict)
    suffix: dict[str, int] = field(default_factory=dict)
    regexes: list[tuple[re.Pattern[str], int]] = field(default_factory=list)
    excluded: dict[str, int] = field(default_factory=dict)

    def add(self, atom: Atom, bit: int) -> None:
        if atom.kind in ("literal", "exact"):
            key = atom.value.lower() if atom.kind == "exact" else atom.value
            self.literal[key] = self.literal.get(key, 0) | bit
        elif atom.kind == "prefix":
            self.prefix[atom.value] = self.prefix.get(atom.value, 0) | bit
        elif atom.kind == "suffix":
            self.suffix[atom.value] = self.suffix.get(atom.value, 0) | bit
        elif atom.kind == "regex":
            self.regexes.append((re.compile(atom.value), bit))


class Classifier:
    """The bits of every test a language's patterns use, and each token's mask."""

    def __init__(self, classes: Mapping[str, WordClass], patterns: Iterable[Pattern],
                 clause_words: Iterable[str] = ()) -> None:
        self._clause_words = frozenset(clause_words)
        self.signatures: dict[str, tuple[int, str]] = dict(_BOUNDARIES)
        """The cache of `signature`: piece -> (mask, signature); boundaries preset."""
        self._tables = _Tables()
        self._bits: dict[Atom, int] = {}
        self._classes = dict(classes)
        self._class_bits: dict[str, int] = {}
        self._implies: dict[int, int] = {}  # a class inside a class: inner bit -> outer bits
        self._cache: dict[str, int] = {}
        # The token expressions by the characters a match can start and end with
        # (`_regexes_for`).
        self._edges: list[tuple[re.Pattern[str], int, frozenset[str] | None,
                                frozenset[str] | None]] = []
        self._edges_for = -1
        self._by_edges: dict[str, tuple[tuple[re.Pattern[str], int], ...]] = {}
        for pattern in patterns:
            for element in pattern.elements:
                for atom in element.atoms:
                    self.bit(atom)
        self._prefix_lengths = sorted({len(p) for p in self._tables.prefix}, reverse=True)
        self._suffix_lengths = sorted({len(s) for s in self._tables.suffix}, reverse=True)

    def is_clause_word(self, token: str) -> bool:
        """True when ``token`` starts a new clause (``but``, ``aber``)."""
        return token in self._clause_words

    @staticmethod
    def char(index: int) -> str:
        """The character that stands for bit ``index`` in a token signature."""
        return chr(0xE000 + index)

    @property
    def exact_words(self) -> dict[str, list[tuple[int, str]]]:
        """Folded words that ``=Word`` atoms test, with their bit and the form they want."""
        found: dict[str, list[tuple[int, str]]] = {}
        for atom, bit in self._bits.items():
            if atom.kind == "exact":
                found.setdefault(atom.value.lower(), []).append((bit, atom.value))
        return found

    def signature(self, token: str) -> tuple[int, str]:
        """The token's mask and its signature ``<…>`` (``|<…>`` for a clause word)."""
        found = self.signatures.get(token)
        if found is not None:
            return found
        if not (token[0].isalnum() or token[0] == "_"):
            return (0, "#" if token[0] in ".!?…\n" else "|")
        mask = self.mask(token)
        chars = []
        bits = mask
        while bits:  # one step per set bit, lowest first
            low = bits & -bits
            chars.append(chr(0xDFFF + low.bit_length()))
            bits ^= low
        prefix = "|" if token in self._clause_words else ""
        found = (mask, f"{prefix}<{''.join(chars)}>")
        if len(self.signatures) >= _CACHE_LIMIT:
            self.signatures.clear()
            self.signatures.update(_BOUNDARIES)
        self.signatures[token] = found
        return found

    def _new_bit(self) -> int:
        return 1 << (len(self._bits) + len(self._class_bits))

    def bit(self, atom: Atom) -> int:
        """The bit of ``atom`` (a word class's bit for ``@name``), assigned on first use."""
        if atom.kind == "class":
            return self._class_bit(atom.value, ())
        found = self._bits.get(atom)
        if found is None:
            found = self._new_bit()
            self._bits[atom] = found
            self._tables.add(atom, found)
        return found

    def _class_bit(self, name: str, seen: tuple[str, ...]) -> int:
        if name in seen:
            raise UnknownClassError(f"word class @{name} contains itself")
        found = self._class_bits.get(name)
        if found is not None:
            return found
        if name not in self._classes:
            raise UnknownClassError(f"unknown word class @{name} (defined: "
                                    f"{', '.join(sorted(self._classes)) or 'none'})")
        found = self._new_bit()
        self._class_bits[name] = found
        definition = self._classes[name]
        for member in definition.words:
            for atom in parse_pattern(member).elements[0].atoms:
                if atom.kind == "class":
                    inner = self._class_bit(atom.value, (*seen, name))
                    self._implies[inner] = self._implies.get(inner, 0) | found
                else:
                    self._tables.add(atom, found)
        grammar = definition.grammar_regex()
        if grammar is not None:
            self._tables.regexes.append((re.compile(grammar), found))
        for word in definition.except_:
            key = fold_pattern(word).lower()  # folded as tokens are (Turkish ı is i)
            self._tables.excluded[key] = self._tables.excluded.get(key, 0) | found
        return found

    def _regexes_for(self, first: str, last: str) -> tuple[tuple[re.Pattern[str], int], ...]:
        """The token expressions a word from ``first`` to ``last`` could fully match.

        (See `first_chars` and `last_chars`.)
        """
        regexes = self._tables.regexes
        if self._edges_for != len(regexes):
            self._edges = [(regex, bit, first_chars(regex.pattern), last_chars(regex.pattern))
                           for regex, bit in regexes]
            self._by_edges.clear()
            self._edges_for = len(regexes)
        key = first + last
        found = self._by_edges.get(key)
        if found is None:
            found = tuple((regex, bit) for regex, bit, starts, ends in self._edges
                          if (starts is None or first in starts)
                          and (ends is None or last in ends))
            if len(self._by_edges) < 16384:
                self._by_edges[key] = found
        return found

    def mask(self, token: str) -> int:
        """The bits of every test the folded ``token`` passes."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        tables = self._tables
        bits = tables.literal.get(token, 0)
        size = len(token)
        for length in self._prefix_lengths:
            if length <= size:
                bits |= tables.prefix.get(token[:length], 0)
        for length in self._suffix_lengths:
            if length < size:
                bits |= tables.suffix.get(token[-length:], 0)
        if size <= MAX_REGEX_TOKEN and tables.regexes:
            for regex, bit in self._regexes_for(token[0], token[-1]):
                if not bits & bit and regex.fullmatch(token):
                    bits |= bit
        bits &= ~tables.excluded.get(token, 0)
        changed = bool(self._implies)
        while changed:
            changed = False
            for inner, outer in self._implies.items():
                if bits & inner and (bits & outer) != outer:
                    bits |= outer
                    changed = True
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[token] = bits
        return bits
