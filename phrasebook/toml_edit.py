"""Small, format-preserving edits to ``[[phrase]]`` entries of a TOML file.

Translators' files carry comments, ordering and spacing that a parse-and-dump round trip would
destroy. The tools (``import-po``, ``confirm``) only ever set one key of one entry, or append an
entry, so they edit the text in place: every byte they do not mean to change stays as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

__all__ = ["append_entry", "entry_spans", "remove_key", "set_key", "toml_value"]

_HEADER = re.compile(r"^\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?")


def toml_value(value: str | bool | Sequence[str]) -> str:
    r"""Render a string, boolean or list of strings as a TOML value.

    >>> print(toml_value('Say "hi"'))
    "Say \"hi\""
    >>> toml_value(["refusal"])
    '["refusal"]'
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"


def entry_spans(lines: Sequence[str], table: str) -> list[tuple[int, int]]:
    """Return ``(first, end)`` line indexes (0-based, end exclusive) of each ``[[table]]``."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, line in enumerate(lines):
        match = _HEADER.match(line)
        if match is None:
            continue
        if start is not None:
            spans.append((start, index))
            start = None
        if line.lstrip().startswith("[[") and match.group(1) == table:
            start = index
    if start is not None:
        spans.append((start, len(lines)))
    return spans


def _value_end(line: str, begin: int) -> int | None:
    """Index just past a single-line TOML value starting at ``begin``; None if it spans lines."""
    if line.startswith(('"""', "'''"), begin):
        delimiter = line[begin : begin + 3]
        close = line.find(delimiter, begin + 3)
        return None if close < 0 else close + 3
    if line.startswith('"', begin):
        index = begin + 1
        while index < len(line):
            if line[index] == "\\":
                index += 2
                continue
            if line[index] == '"':
                return index + 1
            index += 1
        return None
    if line.startswith("'", begin):
        close = line.find("'", begin + 1)
        return None if close < 0 else close + 1
    if line.startswith("[", begin):
        depth = 0
        index = begin
        while index < len(line):
            char = line[index]
            if char in "\"'":
                end = _value_end(line, index)
                if end is None:
                    return None
                index = end
                continue
            if char == "[":
                depth += 1
            elif char == "]":
                depth -= 1
                if depth == 0:
                    return index + 1
            index += 1
        return None
    match = re.compile(r"[^\s#]+").match(line, begin)
    return match.end() if match else begin


def _find_key(
    text: str, table: str, index: int, key: str
) -> tuple[str, list[str], int, int, tuple[int, re.Match[str]] | None]:
    """Split ``text`` into lines and find ``key`` in the ``index``-th ``[[table]]`` entry.

    Returns the newline in use, the lines, the entry's span, and the key's line index with the
    match of ``key =`` (None when the entry does not set the key).
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    first, end = entry_spans(lines, table)[index]
    key_re = re.compile(rf"^(\s*)([\"']?){re.escape(key)}\2(\s*=\s*)")
    for number in range(first + 1, end):
        match = key_re.match(lines[number])
        if match is not None:
            return newline, lines, first, end, (number, match)
    return newline, lines, first, end, None


def set_key(text: str, table: str, index: int, key: str, value: str) -> str:
    r"""Set ``key`` to the TOML ``value`` in the ``index``-th ``[[table]]`` entry of ``text``.

    The key's line keeps its indentation and any trailing comment; a missing key is added after
    the entry's last key line. Multi-line values are replaced whole.

    >>> set_key('[[phrase]]\ntext = "a"  # keep\n', "phrase", 0, "text", '"b"')
    '[[phrase]]\ntext = "b"  # keep\n'
    """
    newline, lines, first, end, found = _find_key(text, table, index, key)
    if found is not None:
        number, match = found
        line = lines[number]
        value_end = _value_end(line, match.end())
        if value_end is not None:
            lines[number] = line[: match.end()] + value + line[value_end:]
            return newline.join(lines)
        # A multi-line string or array: replace through the line that closes it.
        delimiter = line[match.end() : match.end() + 3]
        closer = delimiter if delimiter in ('"""', "'''") else "]"
        last = number + 1
        while last < end and closer not in lines[last]:
            last += 1
        lines[number : last + 1] = [line[: match.end()] + value]
        return newline.join(lines)
    insert_at = first + 1
    for number in range(first + 1, end):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            insert_at = number + 1
    lines.insert(insert_at, f"{key} = {value}")
    return newline.join(lines)


def remove_key(text: str, table: str, index: int, key: str) -> str:
    r"""Remove the single-line ``key = …`` of the ``index``-th ``[[table]]`` entry, if present.

    >>> remove_key('[[phrase]]\nid = "a"\ntodo = true\n', "phrase", 0, "todo")
    '[[phrase]]\nid = "a"\n'
    """
    newline, lines, _, _, found = _find_key(text, table, index, key)
    if found is not None:
        del lines[found[0]]
    return newline.join(lines)


def append_entry(text: str, table: str, fields: Mapping[str, str | bool | Sequence[str]]) -> str:
    r"""Append a ``[[table]]`` entry with ``fields`` (in order) at the end of ``text``.

    >>> append_entry('[[phrase]]\nid = "a"\n', "phrase", {"id": "b"})
    '[[phrase]]\nid = "a"\n\n[[phrase]]\nid = "b"\n'
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    body = newline.join(f"{key} = {toml_value(value)}" for key, value in fields.items())
    prefix = text
    if prefix and not prefix.endswith(newline):
        prefix += newline
    if prefix:
        prefix += newline
    return f"{prefix}[[{table}]]{newline}{body}{newline}"
