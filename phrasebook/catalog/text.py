"""Reading a locale file's text and TOML, and placing problems on a ``path:line``.

The standard library's ``tomllib`` gives no positions for values, so problems found after
parsing are placed by scanning the text for the table header of the offending entry and the
key inside it. Every failure becomes a `Problem` (or a `LocaleDataError` carrying it); nothing
else escapes.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..errors import LocaleDataError, Problem, Severity, did_you_mean

__all__ = [
    "MAX_FILE_BYTES",
    "SourceText",
    "parse_toml",
    "read_model",
    "read_text",
    "validation_problems",
]

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Locale files larger than this are refused rather than parsed."""

M = TypeVar("M", bound=BaseModel)

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")


@dataclass(frozen=True)
class SourceText:
    """The decoded text of a locale file and the positions of its array-of-tables entries."""

    path: Path
    text: str
    lines: tuple[str, ...]

    @functools.cached_property
    def _headers(self) -> dict[str, list[int]]:
        """The 1-based lines of every ``[[table]]`` header, per table name (computed once)."""
        found: dict[str, list[int]] = {}
        for number, line in enumerate(self.lines, start=1):
            if "[[" in line:
                match = _HEADER.match(line)
                if match:
                    found.setdefault(match.group(1), []).append(number)
        return found

    def entry_line(self, table: str, index: int) -> int | None:
        """Return the 1-based line of the ``index``-th ``[[table]]`` header, if present."""
        lines = self._headers.get(table, [])
        return lines[index] if 0 <= index < len(lines) else None

    def key_line(self, table: str, index: int, key: str) -> int | None:
        """Return the line where ``key`` is set inside the ``index``-th ``[[table]]`` entry."""
        start = self.entry_line(table, index)
        if start is None:
            return None
        key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=.]")
        for number in range(start + 1, len(self.lines) + 1):
            line = self.lines[number - 1]
            if _HEADER.match(line) or _TABLE.match(line):
                break
            if key_re.match(line):
                return number
        return start

    def top_key_line(self, key: str) -> int | None:
        """Return the line of a top-level key or table named ``key``."""
        key_re = re.compile(rf"^\s*(\[\[?\s*)?[\"']?{re.escape(key)}[\"']?\s*(\]\]?|=|\.)")
        for number, line in enumerate(self.lines, start=1):
            if key_re.match(line):
                return number
        return None

    def locate(self, loc: Sequence[int | str]) -> int | None:
        """Return the best line for a pydantic error location such as ``('phrase', 3, 'id')``."""
        if not loc:
            return None
        table = str(loc[0])
        if len(loc) >= 2 and isinstance(loc[1], int):
            if len(loc) >= 3:
                return self.key_line(table, loc[1], str(loc[2]))
            return self.entry_line(table, loc[1])
        return self.top_key_line(table)


def read_text(path: Path) -> SourceText:
    """Read ``path`` as UTF-8 (a BOM is accepted), refusing binary, huge or unreadable files."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise LocaleDataError(
                f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB; "
                "a locale file should be a few hundred KiB at most",
                path=path,
            )
        data = path.read_bytes()
    except LocaleDataError:
        raise
    except OSError as exc:
        raise LocaleDataError(f"cannot read file: {exc.strerror or exc}", path=path) from None
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise LocaleDataError("binary data (a NUL byte): expected UTF-8 TOML text", path=path,
                              line=line)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LocaleDataError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8",
            path=path,
            line=line,
        ) from None
    return SourceText(path=path, text=text, lines=tuple(text.splitlines()))


def parse_toml(source: SourceText) -> dict[str, Any]:
    """Parse the TOML text of ``source``; a syntax error becomes a located `LocaleDataError`."""
    try:
        return tomllib.loads(source.text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = column = None
        if match:
            line, column = int(match.group(1)), int(match.group(2))
            message = message[: match.start()].strip()
        raise LocaleDataError(
            f"TOML syntax: {message[:1].lower()}{message[1:]}", path=source.path, line=line,
            column=column,
        ) from None


def _describe(error: Any, model: type[BaseModel], loc: tuple[int | str, ...]) -> str:
    kind = error["type"]
    names = [str(part) for part in loc if not isinstance(part, int)]
    field = names[-1] if names else "file"
    if len(loc) == 2 and isinstance(loc[1], int):  # about a whole entry, not one of its keys
        return str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc)
        if str(loc[-1]) == "register" and "formal" in allowed:
            return ("'register' is no longer a key: write formal = \"…\" and informal = "
                    "\"…\" in one entry, or text = \"…\" for a neutral phrasing")
        if str(loc[-1]) == "intent" and "id" in allowed:
            return ("'intent' is not a key: an entry's intent is the first part of its id "
                    "(id = \"thank.patience\" is a thank phrasing)")
        hint = did_you_mean(str(loc[-1]), allowed)
        return f"unknown key {str(loc[-1])!r} (allowed: {', '.join(allowed)}){hint}"
    if kind == "missing":
        return f"missing required key {field!r}"
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(str(error.get("input", "")), choices)
        return f"{field}: {error['input']!r} is not one of {', '.join(choices)}{hint}"
    message = str(error["msg"])
    message = message.removeprefix("Value error, ")
    return f"{field}: {message}"


def _allowed_keys(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    current: type[BaseModel] = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(str(part))
        if field is None:
            break
        inner = _model_inside(field.annotation)
        if inner is None:
            break
        current = inner
    return list(current.model_fields)


def _model_inside(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_inside(arg)
        if found is not None:
            return found
    return None


def validation_problems(
    source: SourceText,
    model: type[BaseModel],
    exc: ValidationError,
    prefix: tuple[int | str, ...] = (),
) -> list[Problem]:
    """Turn a pydantic ``ValidationError`` into one located error per problem, in file order.

    ``prefix`` is prepended to each error's location, for a part validated on its own (one
    entry validated as its model, reported as ``("phrase", 3, ...)``).
    """
    ranked = []
    for error in exc.errors():
        loc = (*prefix, *error["loc"])
        problem = Problem(str(source.path), source.locate(loc), None, Severity.ERROR,
                          _describe(error, model, loc))
        # In file order by entry; within an entry a misspelt key first, since it usually
        # explains the "missing" key that comes with it.
        entry_line = source.locate(loc[:2]) or 0
        ranked.append((entry_line, error["type"] != "extra_forbidden", problem.line or 0, problem))
    ranked.sort(key=lambda row: row[:3])
    return [row[3] for row in ranked]


def read_model(path: Path, model: type[M]) -> tuple[M, SourceText]:
    """Read, parse and validate ``path`` as ``model``; raise the first problem as an error.

    The returned `SourceText` lets callers place their own later checks on a line.
    """
    source = read_text(path)
    data = parse_toml(source)
    try:
        return model.model_validate(data), source
    except ValidationError as exc:
        raise LocaleDataError.from_problems(validation_problems(source, model, exc)) from None
