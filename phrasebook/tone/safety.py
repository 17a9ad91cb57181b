r"""Regular expressions that cannot backtrack catastrophically.

A rule file is data anyone can overlay, and a guardrail runs it on text anyone can send, so a
pattern that backtracks exponentially (``(a+)+``) or polynomially (``\\w*\\w*x``) on some input
must be refused when the rules are read, not discovered in production. `regex_problem` reads a
pattern with Python's own parser and refuses:

- backreferences;
- a repeat inside a repeat (``(a+)+``, ``(\\w+\\s?)*``);
- a repeated alternation whose branches can start alike (``(a|ab)*``);
- two unbounded repeats in a row that can match the same characters (``\w*\w*``);
- for a pattern run over the whole text (``kind = "regex"``): an unbounded repeat with more
  pattern after it (``[^.]*nicht``), which costs a scan of the rest of the text at every
  position where it fails; write a bounded gap instead (``[^.]{0,30}nicht``);
- a global inline flag (``(?i)``), which is an error once the patterns are joined.

Token patterns (``/…/`` in a sequence rule) only ever see one token of at most 64 characters, so
the last rule does not apply to them.
"""

from __future__ import annotations

import functools
import importlib
import re
from typing import Any

__all__ = ["regex_problem"]

_c = importlib.import_module("re._constants")  # the parser's vocabulary (an internal API)
_parser = importlib.import_module("re._parser")

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))
_ANY = "any"


def _chars(items: list[tuple[Any, Any]]) -> set[Any] | str:
    """A rough set of what ``items`` can start with ("any" when it could be anything)."""
    for op, av in items:
        if op is _c.LITERAL:
            return {("lit", av)}
        if op is _c.IN:
            found: set[Any] = set()
            for kind, value in av:
                if kind is _c.LITERAL:
                    found.add(("lit", value))
                elif kind is _c.CATEGORY:
                    found.add(("cat", str(value)))
                else:
                    return _ANY
            return found
        if op is _c.SUBPATTERN:
            return _chars(list(av[-1]))
        if op in _REPEATS:
            inner = _chars(list(av[2]))
            if av[0] >= 1:
                return inner
            return _ANY  # an optional item: what follows it can start the match too
        if op is _c.BRANCH:
            merged: set[Any] = set()
            for branch in av[1]:
                chars = _chars(list(branch))
                if chars == _ANY:
                    return _ANY
                merged |= chars  # type: ignore[arg-type]
            return merged
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        return _ANY
    return set()


def _overlap(a: set[Any] | str, b: set[Any] | str) -> bool:
    if a == _ANY or b == _ANY:
        return True
    assert isinstance(a, set) and isinstance(b, set)
    if a & b:
        return True
    categories = {v for k, v in a | b if k == "cat"}
    # A literal and a category can overlap (a letter is a word character): be cautious.
    return bool(categories) and bool(a) and bool(b)


def _has_repeat(items: list[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op in _REPEATS and av[1] > 1:
            return True
        if op is _c.SUBPATTERN and _has_repeat(list(av[-1])):
            return True
        if op is _c.BRANCH and any(_has_repeat(list(b)) for b in av[1]):
            return True
    return False


def _ambiguous(items: list[tuple[Any, Any]]) -> bool:
    """True when an alternation in ``items`` has an empty branch or branches that start alike."""
    for op, av in items:
        if op is _c.BRANCH:
            branches = [list(b) for b in av[1]]
            if any(not b for b in branches):
                return True
            starts = [_chars(b) for b in branches]
            for i, left in enumerate(starts):
                if any(_overlap(left, right) for right in starts[i + 1:]):
                    return True
            if any(_ambiguous(b) for b in branches):
                return True
        elif op is _c.SUBPATTERN and _ambiguous(list(av[-1])):
            return True
    return False


def _min_width(items: list[tuple[Any, Any]], state: Any) -> int:
    return int(_parser.SubPattern(state, items).getwidth()[0])


def _check(items: list[tuple[Any, Any]], full_text: bool = False, state: Any = None
           ) -> str | None:
    previous_unbounded: set[Any] | str | None = None
    for position, (op, av) in enumerate(items):
        if op is _c.GROUPREF or op is _c.GROUPREF_EXISTS:
            return "uses a backreference"
        if op in _REPEATS:
            low, high, body = av
            body = list(body)
            if high > 1 and (_has_repeat(body) or av[2].getwidth()[0] == 0):
                return "nests a repeat inside a repeat (slow on some input); simplify it"
            if high > 1 and _ambiguous(body):
                return ("repeats alternatives that can start alike (slow on some input); "
                        "simplify it")
            problem = _check(body, full_text, state)
            if problem:
                return problem
            if high == _c.MAXREPEAT:
                rest = items[position + 1:]
                if full_text and rest and _min_width(rest, state) > 0:
                    return ("has an unbounded repeat with more pattern after it (slow on long "
                            "text); bound it, e.g. {0,30}")
                chars = _chars(body)
                if previous_unbounded is not None and _overlap(previous_unbounded, chars):
                    return ("has two unbounded repeats in a row that can match the same "
                            "characters (slow on some input); bound or merge them")
                previous_unbounded = chars
                continue
            if low > 0:
                previous_unbounded = None
            continue
        if op is _c.SUBPATTERN:
            problem = _check(list(av[-1]), full_text, state)
            if problem:
                return problem
        elif op is _c.BRANCH:
            for branch in av[1]:
                problem = _check(list(branch), full_text, state)
                if problem:
                    return problem
        elif op in (_c.ASSERT, _c.ASSERT_NOT):
            problem = _check(list(av[1]), full_text, state)
            if problem:
                return problem
            continue
        elif op is _c.AT:
            continue
        previous_unbounded = None
    return None


_GLOBAL_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.ASCII | re.LOCALE


@functools.lru_cache(maxsize=4096)
def regex_problem(pattern: str, full_text: bool = True) -> str | None:
    r"""Return why ``pattern`` is not a safe regular expression, or None.

    ``full_text`` is False for a token pattern, which sees one short token only.

    >>> regex_problem(r"nicht (?:leider )?möglich") is None
    True
    >>> regex_problem(r"(a+)+b")
    'nests a repeat inside a repeat (slow on some input); simplify it'
    >>> regex_problem(r"[^.]*nicht")[:47]
    'has an unbounded repeat with more pattern after'
    >>> regex_problem(r"\w*\w*x", full_text=False)[:40]
    'has two unbounded repeats in a row that '
    """
    try:
        parsed = _parser.parse(pattern)
    except Exception as exc:  # re.error, and the odd OverflowError for huge repeats
        return f"is not a valid regular expression: {exc}"
    if parsed.state.flags & _GLOBAL_FLAGS:
        # Patterns are joined into one expression, where a global flag is an error.
        return ("sets a global flag such as (?i): patterns already match lower-cased text; "
                "write them in lower case, or scope the flag as (?i:...)")
    return _check(list(parsed), full_text, parsed.state)
