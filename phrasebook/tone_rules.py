"""The schema of ``locales/<code>/tone.toml`` and its compilation into matchers.

A rule is data: an id, a severity, a message, patterns (or the built-in ``caps`` detector),
exceptions, and examples it must flag and must pass. Only the two kinds of rule are code.
"""

from __future__ import annotations

import re
import warnings
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .model import Intent, Register
from .textfold import fold_pattern

__all__ = ["RuleEntry", "Severity", "ToneFile", "compile_pattern", "wrap_word_edges"]


class Severity(StrEnum):
    """How bad a finding is: ``error`` must be fixed, ``warning`` deserves a second look."""

    ERROR = "error"
    WARNING = "warning"


# A group holding a quantifier, itself quantified: the shape of catastrophic backtracking.
_NESTED_QUANTIFIER = re.compile(r"\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[*+{]")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")

RuleId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$", examples=["refusal"])]


def wrap_word_edges(pattern: str) -> str:
    """Anchor ``pattern`` at word edges where it starts or ends with a word character.

    >>> bool(re.search(wrap_word_edges("nicht"), "nichts"))
    False
    >>> bool(re.search(wrap_word_edges("!!"), "Hallo!!"))
    True
    """
    return rf"(?:(?<!\w)|(?!\w))(?:{pattern})(?:(?!\w)|(?<!\w))"


def compile_pattern(patterns: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    """Compile a rule's patterns into one word-edge-anchored regular expression."""
    parts = [p if case_sensitive else fold_pattern(p) for p in patterns]
    joined = "|".join(f"(?:{p})" for p in parts)
    return re.compile(wrap_word_edges(joined))


# "register" shadows ABC.register, which these models never use (see model.py).
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
                    raise ValueError(f"pattern {pattern!r} is not a valid regular expression: {exc}")
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


class ToneFile(BaseModel):
    """The whole of a ``tone.toml`` file: a list of ``[[rule]]`` tables."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule: tuple[RuleEntry, ...] = Field(default=(), description="The tone rules")
