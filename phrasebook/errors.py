"""The errors phrasebook raises: one base class, one subclass per kind of mistake.

Every error renders as one line: what is wrong, where (``path:line`` when a file is involved),
what is allowed and, when one is close, a suggestion. The CLI prints that line and exits 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "LocaleDataError",
    "PhrasebookError",
    "RenderError",
    "UnknownNameError",
    "UnsupportedLanguageError",
    "closest",
]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """Return the choice closest to ``word``, or None when none is close.

    >>> closest("empathise", ["empathize", "thank"])
    'empathize'
    """
    matches = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


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
        if self.path is None:
            return None
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

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
        hint = f"; did you mean {self.suggestion!r}?" if self.suggestion else ""
        message = f"unknown {kind} {value!r} (choose from {', '.join(self.choices)}){hint}"
        super().__init__(message, path=path, line=line)


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
    """A locale file that cannot be read, parsed or validated."""


class RenderError(PhrasebookError):
    """A template that cannot be rendered: bad syntax or a missing value."""
