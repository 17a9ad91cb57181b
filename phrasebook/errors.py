"""The errors phrasebook raises, and `Problem`, one located finding about input.

Every error renders as one line: where (``path:line`` when a file is involved), what is wrong,
what is allowed and, when one is close, a suggestion. The CLI prints that line and exits 2.

A `Problem` is one thing wrong (or worth a look) at one place in a file; the locale reader
collects them, ``phrasebook validate`` prints them, and a `LocaleDataError` carries them when a
file cannot be loaded. The "did you mean" suffix is made in one place, `did_you_mean`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = [
    "LocaleDataError",
    "PhrasebookError",
    "Problem",
    "RenderError",
    "Severity",
    "UnknownNameError",
    "UnsupportedLanguageError",
    "closest",
    "counted",
    "did_you_mean",
]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to ``word``, or None when none is close.

    >>> closest("empathise", ["empathize", "thank"])
    'empathize'
    """
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, choices: Iterable[str], suggestion: str | None = None) -> str:
    """Return ``"; did you mean 'x'?"`` for the choice closest to ``word``, or ``""``.

    ``suggestion`` overrides the search (an empty string means: suggest nothing).

    >>> did_you_mean("formel", ["formal", "informal"])
    "; did you mean 'formal'?"
    >>> did_you_mean("xyz", ["formal"])
    ''
    """
    near = closest(word, choices) if suggestion is None else suggestion
    return f"; did you mean {near!r}?" if near else ""


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """Return ``count`` with its noun in the right number: ``1 error``, ``2 errors``.

    ``plural`` is for a noun that does not just add an "s".

    >>> counted(1, "error"), counted(3, "entry", "entries"), counted(0, "id")
    ('1 error', '3 entries', '0 ids')
    """
    noun = singular if count == 1 else (plural or singular + "s")
    return f"{count} {noun}"


class Severity(StrEnum):
    """How bad a problem or a tone finding is: ``error`` must be fixed, ``warning`` looked at."""

    ERROR = "error"
    WARNING = "warning"


def _location(path: str | None, line: int | None, column: int | None) -> str | None:
    if path is None:
        return None
    where = path
    if line:
        where += f":{line}"
        if column:
            where += f":{column}"
    return where


@dataclass(frozen=True)
class Problem:
    """One problem in a file: ``path:line[:column]: severity: message``.

    >>> str(Problem("de/phrases.toml", 12, None, Severity.ERROR, "unknown key 'registr'"))
    "de/phrases.toml:12: error: unknown key 'registr'"
    """

    path: str
    line: int | None = None
    column: int | None = None
    severity: Severity = Severity.ERROR
    message: str = ""

    @property
    def location(self) -> str:
        """``path[:line[:column]]``."""
        return _location(self.path, self.line, self.column) or self.path

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order by file, line, column (problems without a line first), then severity."""
        return (self.path, self.line or 0, self.column or 0, self.severity.value, self.message)

    def __str__(self) -> str:
        """Render the one-line form."""
        return f"{self.location}: {self.severity.value}: {self.message}"

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict with the same fields."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
        }


class PhrasebookError(Exception):
    """Base class of every error phrasebook raises on bad input.

    ``path``, ``line`` and ``column`` say where the problem is when it is in a file.

    >>> str(PhrasebookError("bad thing", path="x.toml", line=3))
    'x.toml:3: bad thing'
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    @property
    def location(self) -> str | None:
        """``path[:line[:column]]``, or None when the error is not about a file."""
        return _location(self.path, self.line, self.column)

    def __str__(self) -> str:
        """Render the one-line message, prefixed with the location when known."""
        where = self.location
        return f"{where}: {self.message}" if where else self.message


class UnknownNameError(PhrasebookError, ValueError):
    """A name (intent, register, channel, language, rule) that is not one of the allowed ones.

    ``kind`` is what was looked up, ``value`` what was given, ``choices`` what is allowed and
    ``suggestion`` the closest allowed value, if any.
    """

    def __init__(
        self,
        kind: str,
        value: str,
        choices: Iterable[str],
        *,
        suggestion: str | None = None,
        path: str | Path | None = None,
        line: int | None = None,
    ) -> None:
        self.kind = kind
        self.value = value
        self.choices = tuple(choices)
        self.suggestion = suggestion if suggestion is not None else closest(value, self.choices)
        hint = did_you_mean(value, self.choices, self.suggestion or "")
        message = f"unknown {kind} {value!r} (choose from {', '.join(self.choices)}){hint}"
        super().__init__(message, path=path, line=line)


    @classmethod
    def unknown_id(cls, phrase_id: str, lang: str, ids: Iterable[str]) -> UnknownNameError:
        """The error for a phrase id that ``lang`` does not have, naming the closest ids."""
        known = sorted(ids)
        error = cls("phrase id", phrase_id, known)
        near = difflib.get_close_matches(phrase_id, known, n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
        error.message = (f"{lang} has no phrasing {phrase_id!r} ({counted(len(known), 'id')})"
                         f"{hint}")
        error.args = (error.message,)
        return error


class UnsupportedLanguageError(UnknownNameError):
    """A valid language that phrasebook does not ship (yet), or a tag that names no language.

    >>> str(UnsupportedLanguageError.not_shipped("fr", "French", ["de", "en"]))
    "language 'fr' (French) is not shipped (choose from de, en)"
    """

    @classmethod
    def not_shipped(cls, tag: str, name: str, choices: Iterable[str]) -> UnsupportedLanguageError:
        """The error for a valid language tag that phrasebook has no phrasings for."""
        error = cls("language", tag, choices, suggestion="")
        offered = ", ".join(error.choices)
        error.message = f"language {tag!r} ({name}) is not shipped (choose from {offered})"
        error.args = (error.message,)
        return error


class LocaleDataError(PhrasebookError):
    """Locale files that cannot be loaded: unreadable, not TOML, or not valid.

    ``problems`` holds every error found (at least one); the message is the first, with a count
    of the others, so the error stays one line.

    >>> error = LocaleDataError.from_problems([Problem("a.toml", 2, None, Severity.ERROR, "x"),
    ...                                        Problem("a.toml", 9, None, Severity.ERROR, "y")])
    >>> str(error)
    "a.toml:2: x (and 1 more error; run 'phrasebook validate a.toml')"
    """

    problems: tuple[Problem, ...] = ()

    @classmethod
    def from_problems(cls, problems: Sequence[Problem]) -> LocaleDataError:
        """The error for the errors among ``problems`` (which must hold at least one)."""
        errors = tuple(p for p in problems if p.severity is Severity.ERROR) or tuple(problems)
        first = errors[0]
        message = first.message
        if len(errors) > 1:
            more = len(errors) - 1
            message += (f" (and {counted(more, 'more error')}; "
                        f"run 'phrasebook validate {first.path}')")
        error = cls(message, path=first.path, line=first.line, column=first.column)
        error.problems = errors
        return error

    def as_problem(self) -> Problem:
        """Return the error as a `Problem` (for an error raised about one place)."""
        return Problem(self.path or "", self.line, self.column, Severity.ERROR, self.message)


class RenderError(PhrasebookError):
    """A template that cannot be rendered: bad syntax, a missing value or a value of a bad type."""
