"""The one reader of locale files: every problem collected, each with ``path:line``.

Loading, ``validate``, ``coverage``, the PO tools and scaffolding all read files through
`read_document` (any locale file into its model) and `read_phrases` (a ``phrases.toml``, keeping
each valid entry with its line even when others are broken). Nothing here raises on bad input:
callers decide whether a problem is fatal (`DocumentRead.raise_for_errors`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import LocaleDataError, Problem, Severity
from .schema import PhraseEntry, PhraseFile
from .text import SourceText, parse_toml, read_text, validation_problems

__all__ = ["DocumentRead", "LocatedEntry", "PhrasesRead", "read_document", "read_phrases"]

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class DocumentRead(Generic[M]):
    """One file read into its model: ``model`` is None when the file has errors."""

    path: Path
    source: SourceText | None
    model: M | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems of severity error."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def raise_for_errors(self) -> None:
        """Raise a `LocaleDataError` carrying every error, if there is any."""
        if self.errors:
            raise LocaleDataError.from_problems(self.errors)

    def valid(self) -> M:
        """The model, or a `LocaleDataError` carrying every error."""
        self.raise_for_errors()
        if self.model is None:
            raise LocaleDataError("cannot be read", path=self.path)
        return self.model

    def problem(self, message: str, line: int | None = None,
                severity: Severity = Severity.ERROR) -> Problem:
        """A problem in this file."""
        return Problem(str(self.path), line, None, severity, message)


def _load(path: Path) -> tuple[SourceText | None, dict[str, Any] | None, Problem | None]:
    try:
        source = read_text(path)
        return source, parse_toml(source), None
    except LocaleDataError as exc:
        return None, None, exc.as_problem()


def read_document(path: Path, model: type[M]) -> DocumentRead[M]:
    """Read, parse and validate ``path`` as ``model``, collecting every problem."""
    source, data, failure = _load(path)
    if failure is not None or source is None or data is None:
        return DocumentRead(path, source, None, (failure,) if failure else ())
    try:
        return DocumentRead(path, source, model.model_validate(data), ())
    except ValidationError as exc:
        return DocumentRead(path, source, None, tuple(validation_problems(source, model, exc)))


@dataclass(frozen=True)
class LocatedEntry:
    """A valid ``[[phrase]]`` entry, its index among the file's entries, and its line."""

    entry: PhraseEntry
    index: int
    line: int | None


@dataclass(frozen=True)
class PhrasesRead(DocumentRead[PhraseFile]):
    """A ``phrases.toml`` read: its valid entries with their lines, and every problem."""

    entries: tuple[LocatedEntry, ...] = ()

    def key_line(self, located: LocatedEntry, key: str) -> int | None:
        """The line where ``key`` is set in an entry (the entry's header when it is not)."""
        if self.source is None:
            return located.line
        return self.source.key_line("phrase", located.index, key) or located.line

    def at(self, located: LocatedEntry, key: str, message: str,
           severity: Severity = Severity.ERROR) -> Problem:
        """A problem about ``key`` of an entry, placed on the key's line."""
        return self.problem(message, self.key_line(located, key), severity)

    def __iter__(self) -> Iterator[LocatedEntry]:
        """Iterate over the valid entries in file order."""
        return iter(self.entries)


def read_phrases(path: Path) -> PhrasesRead:
    """Read a ``phrases.toml``: every valid entry with its line, and every problem.

    A repeated id is a problem on the second entry, naming the first one's line.
    """
    source, data, failure = _load(path)
    if failure is not None or source is None or data is None:
        return PhrasesRead(path, source, None, (failure,) if failure else ())
    problems: list[Problem] = []
    try:
        model: PhraseFile | None = PhraseFile.model_validate(data)
        assert model is not None
        valid = list(enumerate(model.phrase))
    except ValidationError as exc:
        # Report every problem of the file, and keep each entry that is valid on its own.
        model = None
        problems += validation_problems(source, PhraseFile, exc)
        raw = data.get("phrase", [])
        valid = []
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            try:
                valid.append((index, PhraseEntry.model_validate(item)))
            except ValidationError:
                continue
    entries: list[LocatedEntry] = []
    first_line: dict[str, int | None] = {}
    for index, entry in valid:
        line = source.entry_line("phrase", index)
        if entry.id in first_line:
            problems.append(Problem(
                str(path), line, None, Severity.ERROR,
                f"duplicate phrase {entry.id!r}: first defined on line {first_line[entry.id]}, "
                f"again on line {line}; give each id one entry (formal and informal texts "
                "go in the same entry)",
            ))
            continue
        first_line[entry.id] = line
        entries.append(LocatedEntry(entry, index, line))
    ordered = tuple(sorted(problems, key=Problem.sort_key))
    return PhrasesRead(path, source, model, ordered, tuple(entries))
