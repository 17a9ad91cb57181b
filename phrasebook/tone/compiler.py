"""Compiling sequence patterns into regular expressions over a text's token signature.

A text is matched as a *signature*: one ``<…>`` per token holding a character for every test
the token passes (its bits in `phrasebook.tone.words.Classifier`), ``|`` where a clause ends
and ``#`` where a sentence ends. A pattern element becomes "a token holding one of these
characters", a gap "up to N tokens", the scope "do not cross ``|``" (clause) or "do not cross
``#``" (sentence). The matching itself then runs in the regular expression engine, in C, and
every construct is bounded, so a match costs at most a few steps per token.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from .patterns import Element, Pattern
from .words import Classifier

__all__ = ["CompiledPattern", "candidates", "compile_patterns", "index_by_anchor",
           "required_bits"]

_TOKEN = "<[^>]*>"
K = TypeVar("K")  # what `index_by_anchor` files under each bit


def _chars(bits: int, classifier: Classifier) -> str:
    return "".join(re.escape(classifier.char(index)) for index in _indexes(bits))


def _indexes(bits: int) -> list[int]:
    found = []
    index = 0
    while bits:
        if bits & 1:
            found.append(index)
        bits >>= 1
        index += 1
    return found


def _element(element: Element, classifier: Classifier, sentence: bool, first: bool) -> str:
    join = "" if first or not sentence else r"\|*"
    if element.is_gap:
        unit = rf"(?:\|*{_TOKEN})" if sentence else f"(?:{_TOKEN})"
        return f"{unit}{{0,{element.gap}}}"
    bits = 0
    for atom in element.atoms:
        bits |= classifier.bit(atom)
    chars = _chars(bits, classifier)
    token = f"<(?![^>]*[{chars}])[^>]*>" if element.negated else f"<[^>]*[{chars}][^>]*>"
    body = f"{join}{token}"
    return f"(?:{body})?" if element.optional else body


def _pattern(pattern: Pattern, classifier: Classifier, sentence: bool) -> str:
    parts = [_element(e, classifier, sentence, i == 0) for i, e in enumerate(pattern.elements)]
    regex = "".join(parts)
    if pattern.at_start:
        regex = (r"(?<![>|])\|*" if sentence else r"(?<!>)") + regex
    if pattern.at_end:
        regex += r"(?=\|*(?:#|$))" if sentence else r"(?![<])"
    return regex


def _specificity(element: Element) -> tuple[int, int]:
    """How rare a token passing ``element`` is likely to be.

    Plain words count over classes and regular expressions, long words over short ones.
    """
    plain = all(atom.kind in ("literal", "exact", "prefix") for atom in element.atoms)
    shortest = min(len(atom.value) for atom in element.atoms)
    return (1 if plain else 0, shortest if plain else 0)


def required_bits(pattern: Pattern, classifier: Classifier) -> tuple[int, ...]:
    """The bits a text must hold for ``pattern`` to match.

    One per mandatory element, the element most likely to be missing first (so a check usually
    stops after one test).
    """
    required = []
    for element in pattern.elements:
        if element.is_gap or element.optional or element.negated:
            continue
        bits = 0
        for atom in element.atoms:
            bits |= classifier.bit(atom)
        required.append((_specificity(element), bits))
    required.sort(key=lambda row: row[0], reverse=True)
    return tuple(bits for _, bits in required)


def index_by_anchor(entries: Iterable[tuple[K, tuple[int, ...]]]
                    ) -> tuple[int, dict[int, tuple[K, ...]], tuple[K, ...]]:
    """Index keys by the bits of their first required element (``required_bits``).

    ``entries`` are (key, required bits) pairs. Returns every first element's bits together,
    the keys under each bit, and the keys with no required element (always candidates).
    """
    anchors = 0
    by_anchor: dict[int, list[K]] = {}
    unanchored = []
    for key, bits in entries:
        if not bits:
            unanchored.append(key)
            continue
        first = bits[0]
        anchors |= first
        while first:
            bit = first & -first
            by_anchor.setdefault(bit, []).append(key)
            first ^= bit
    return anchors, {bit: tuple(keys) for bit, keys in by_anchor.items()}, tuple(unanchored)


def candidates(union: int, anchors: int, by_anchor: dict[int, tuple[int, ...]],
               unanchored: tuple[int, ...]) -> set[int]:
    """The keys of an `index_by_anchor` index a text whose words hold ``union`` could match."""
    present = union & anchors
    found = set(unanchored)
    while present:
        bit = present & -present
        found.update(by_anchor[bit])
        present ^= bit
    return found


@dataclass(frozen=True)
class CompiledPattern:
    """Sequence patterns of one rule, as one regular expression over signatures.

    ``regex`` holds every pattern; `matching` gives the patterns a text could match, each as
    its own expression (compiled on first use), so a text runs only those.
    """

    required: tuple[tuple[int, ...], ...]  # per pattern: the bits a text must hold
    anchors: int  # the first required bits of every pattern: none present, nothing matches
    sources: tuple[str, ...] = ()  # per pattern: its regular expression
    by_anchor: dict[int, tuple[int, ...]] = field(default_factory=dict)  # bit: patterns
    unanchored: tuple[int, ...] = ()  # patterns with no required word: always candidates
    # Patterns with a negated element, which a quoted (masked) word passes: they can match
    # only once quotations are masked, so the engine masks before it runs them.
    reads_masked: frozenset[int] = frozenset()
    _singles: dict[int, re.Pattern[str]] = field(default_factory=dict, compare=False,
                                                  repr=False)

    @functools.cached_property
    def regex(self) -> re.Pattern[str]:
        """Every pattern as one expression (compiled on first use: most rules never need it)."""
        return re.compile("|".join(f"(?:{source})" for source in self.sources))

    def possible(self, union: int) -> bool:
        """True when a text whose tokens hold ``union`` could match one of the patterns."""
        if not union & self.anchors and not self.unanchored:
            return False
        for bits in self.required:
            for element_bits in bits:
                if not union & element_bits:
                    break
            else:
                return True
        return False

    def singles(self, indexes: list[int], union: int) -> list[re.Pattern[str]]:
        """Of the patterns at ``indexes``, those whose required words are all in ``union``."""
        required = self.required
        return self.compiled([index for index in indexes
                              if all(union & bits for bits in required[index])])

    def compiled(self, indexes: list[int]) -> list[re.Pattern[str]]:
        """The patterns at ``indexes``, each its own expression (compiled on first use)."""
        singles = self._singles
        found = []
        for index in indexes:
            single = singles.get(index)
            if single is None:
                single = singles[index] = re.compile(self.sources[index])
            found.append(single)
        return found

    def matching(self, union: int) -> list[re.Pattern[str]]:
        """The patterns a text whose tokens hold ``union`` could match, compiled."""
        if not union & self.anchors and not self.unanchored:
            return []
        found = candidates(union, self.anchors, self.by_anchor, self.unanchored)
        return self.singles(sorted(found), union)


def compile_patterns(patterns: list[Pattern], classifier: Classifier, sentence: bool
                     ) -> CompiledPattern | None:
    """Compile ``patterns`` (one rule's, or its exceptions) into one regular expression."""
    if not patterns:
        return None
    sources = tuple(_pattern(p, classifier, sentence) for p in patterns)
    required = tuple(required_bits(p, classifier) for p in patterns)
    anchors, by_anchor, unanchored = index_by_anchor(enumerate(required))
    reads_masked = frozenset(index for index, p in enumerate(patterns)
                             if any(e.negated for e in p.elements))
    return CompiledPattern(required, anchors, sources, by_anchor, unanchored, reads_masked)
