"""Format-preserving edits of ``phrases.toml`` files, with tomlkit.

Translators' files carry comments, ordering and spacing that a parse-and-dump round trip through
``tomllib`` would destroy. tomlkit keeps every byte it is not asked to change; this module adds
what tomlkit leaves to the caller: a byte-order mark, and CRLF line ends on the lines it writes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table
from tomlkit.toml_document import TOMLDocument

from ..errors import LocaleDataError

__all__ = ["EditableFile"]

BOM = "\ufeff"
Value = str | bool | Sequence[str]


@dataclass
class EditableFile:
    """A TOML file opened for editing: ``doc`` is tomlkit's document; `save` writes it back."""

    path: Path
    doc: TOMLDocument
    bom: bool
    crlf: bool

    @classmethod
    def open(cls, path: Path) -> EditableFile:
        """Open ``path`` (already validated by the reader) for editing."""
        try:
            raw = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise LocaleDataError(f"cannot read file: {exc}", path=path) from None
        text = raw.removeprefix(BOM)
        return cls(path, tomlkit.parse(text), raw.startswith(BOM), "\r\n" in text)

    @classmethod
    def new(cls, path: Path, header: str) -> EditableFile:
        """A new file at ``path`` that starts with the comment block ``header``."""
        doc = tomlkit.document()
        for line in header.rstrip("\n").split("\n"):
            doc.add(tomlkit.comment(line.removeprefix("# ").removeprefix("#")))
        doc.add(tomlkit.nl())
        return cls(path, doc, bom=False, crlf=False)

    def entries(self, table: str = "phrase") -> AoT | None:
        """The array of ``[[table]]`` entries, or None when the file has none."""
        found = self.doc.get(table)
        return found if isinstance(found, AoT) else None

    def set(self, index: int, key: str, value: Value, table: str = "phrase") -> bool:
        """Set ``key`` of the ``index``-th entry; return True when that changed the file."""
        entries = self.entries(table)
        assert entries is not None
        entry: Table = entries[index]
        current = entry.get(key)
        if current is not None and _plain(current) == _plain(value):
            return False
        entry[key] = value
        return True

    def remove(self, index: int, key: str, table: str = "phrase") -> bool:
        """Remove ``key`` from the ``index``-th entry; return True when it was there."""
        entries = self.entries(table)
        assert entries is not None
        entry: Table = entries[index]
        if key not in entry:
            return False
        del entry[key]
        return True

    def append(self, fields: Mapping[str, Value], comments: Sequence[str] = (),
               table: str = "phrase") -> None:
        """Append a ``[[table]]`` entry with ``fields`` in order, after ``comments``."""
        entry = tomlkit.table()
        for comment in comments:
            entry.add(tomlkit.comment(comment))
        for key, value in fields.items():
            entry.add(key, value)
        entries = self.entries(table)
        if entries is None:
            self.doc.add(table, tomlkit.aot())
            entries = self.entries(table)
            assert entries is not None
        entries.append(entry)

    def text(self) -> str:
        """The file's text as it would be saved."""
        text = tomlkit.dumps(self.doc)
        if self.crlf:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        return (BOM if self.bom else "") + text

    def save(self) -> None:
        """Write the file back."""
        self.path.write_bytes(self.text().encode("utf-8"))


def _plain(value: Any) -> Any:
    """A tomlkit item (or a plain value) as a plain Python value, for comparison."""
    unwrap = getattr(value, "unwrap", None)
    plain = unwrap() if callable(unwrap) else value
    return list(plain) if isinstance(plain, tuple | list) else plain
