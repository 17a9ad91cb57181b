"""The schema of rule files (``locales/<code>/tone.toml``) and its compilation into matchers.

A rule is data: an id, a severity, a message, patterns (or the built-in ``caps`` detector),
exceptions, and examples it must flag and must pass. Only the two kinds of rule are code.
"""

from __future__ import annotations

import functools
import importlib
import re
import warnings
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Severity
from ..model import Intent, Register
from .fold import fold_pattern

__all__ = [
    "RuleEntry",
    "RuleFile",
    "compile_pattern",
    "word_initial",
    "wrap_word_edges",
]


# A group holding a quantifier, itself quantified: the shape of catastrophic backtracking.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[*+{]")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")

RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", examples=["refusal"])]


_RIGHT_EDGE = r"(?:(?!\w)|(?<!\w))"
# Where every match starts with a word character, the left edge is "a word starts here": the
# engine then rejects the other positions before trying any alternative, several times faster
# than the general edge, which must try every alternative after each space or punctuation mark.
_WORD_START = r"(?<!\w)(?=\w)"
_GENERAL_LEFT_EDGE = r"(?:(?<!\w)|(?!\w))"


def wrap_word_edges(pattern: str, word_initial: bool = False) -> str:
    """Anchor ``pattern`` at word edges where it starts or ends with a word character.

    >>> bool(re.search(wrap_word_edges("nicht"), "nichts"))
    False
    >>> bool(re.search(wrap_word_edges("!!"), "Hallo!!"))
    True
    """
    left = _WORD_START if word_initial else _GENERAL_LEFT_EDGE
    return f"{left}(?:{pattern}){_RIGHT_EDGE}"


def _first_chars(items: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters a parsed regular expression can start with; None when unknown."""
    c = importlib.import_module("re._constants")  # the parser's vocabulary (internal API)

    if not items:
        return None
    op, av = items[0]
    if op is c.LITERAL:
        return {chr(av)}
    if op is c.SUBPATTERN:
        return _first_chars(list(av[-1]))
    if op is c.BRANCH:
        found: set[str] = set()
        for branch in av[1]:
            chars = _first_chars(list(branch))
            if chars is None:
                return None
            found |= chars
        return found
    if op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[0] >= 1:
        return _first_chars(list(av[2]))
    if op is c.IN:
        found = set()
        for kind, value in av:
            if kind is c.LITERAL:
                found.add(chr(value))
            elif kind is c.RANGE and chr(value[0]).isalnum() and chr(value[1]).isalnum():
                found.add(chr(value[0]))
            else:
                return None
        return found
    return None


@functools.lru_cache(maxsize=4096)
def word_initial(pattern: str) -> bool:
    """True when every match of ``pattern`` starts with a word character.

    >>> word_initial("(?:kann|können) nicht"), word_initial("!!"), word_initial("a?b")
    (True, False, False)
    """
    try:
        parser = importlib.import_module("re._parser")
        chars = _first_chars(list(parser.parse(pattern)))
    except Exception:  # an internal API: when in doubt, take the general, always-correct edge
        return False
    return bool(chars) and all(ch.isalnum() or ch == "_" for ch in chars or ())


def compile_pattern(patterns: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    """Compile a rule's patterns into one word-edge-anchored regular expression."""
    parts = [p if case_sensitive else fold_pattern(p) for p in patterns]
    joined = "|".join(f"(?:{p})" for p in parts)
    return re.compile(wrap_word_edges(joined, all(word_initial(p) for p in parts)))


# "register" shadows ABC.register, which these models never use (see phrasebook.model).
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message='Field name "register"', category=UserWarning)

    class RuleEntry(BaseModel):
        """One ``[[rule]]`` table of a ``tone.toml`` file."""

        model_config = ConfigDict(frozen=True, extra="forbid")

        rule: RuleId = Field(description="The finding's rule id, e.g. refusal, blame, register")
        severity: Severity = Severity.ERROR
        message: str = Field(min_length=1, description="English: what is wrong, what to do instead")
        hint: Intent | None = Field(default=None, description="The intent that says it better")
        source: str | None = Field(default=None, description="The guide section behind the rule")
        kind: Literal["pattern", "caps"] = "pattern"
        patterns: tuple[str, ...] = Field(default=(), description="Regular expressions (folded)")
        unless: tuple[str, ...] = Field(default=(), description="Matches overlapping these pass")
        register: Register | None = Field(
            default=None, description="With rule = 'register': the register the patterns mark"
        )
        case_sensitive: bool = False
        ignore: tuple[str, ...] = Field(default=(), description="caps: words that are not shouting")
        min_words: int = Field(default=2, ge=2, description="caps: all-caps words in a row to flag")
        flags: tuple[str, ...] = Field(min_length=1, description="Sentences the rule must flag")
        passes: tuple[str, ...] = Field(min_length=1, description="Sentences it must not flag")

        @field_validator("patterns", "unless")
        @classmethod
        def _valid_regexes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
            for pattern in value:
                if _BACKREFERENCE.search(pattern):
                    raise ValueError(f"pattern {pattern!r} uses a backreference")
                if _NESTED_QUANTIFIER.search(pattern):
                    raise ValueError(
                        f"pattern {pattern!r} nests quantifiers (slow on some input); simplify it"
                    )
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise ValueError(
                    f"pattern {pattern!r} is not a valid regular expression: {exc}"
                ) from None
            return value

        @model_validator(mode="after")
        def _kind_fits(self) -> RuleEntry:
            if self.kind == "pattern" and not self.patterns:
                raise ValueError("a pattern rule needs patterns")
            if self.kind == "caps" and (self.patterns or self.unless):
                raise ValueError("a caps rule takes no patterns or unless")
            if (self.rule == "register") != (self.register is not None):
                raise ValueError("register is set exactly on rules with rule = 'register'")
            if self.register is Register.NEUTRAL:
                raise ValueError("a register rule marks formal or informal, not neutral")
            return self


class RuleFile(BaseModel):
    """The whole of a rule file (``tone.toml``): a list of ``[[rule]]`` tables."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: tuple[RuleEntry, ...] = Field(default=(), description="The tone rules")
