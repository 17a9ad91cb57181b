"""The docs quote the data: every example phrasing in docs/intents.md is the shipped text."""

from __future__ import annotations

import re
from pathlib import Path

import phrasebook

ROOT = Path(__file__).resolve().parent.parent
INTENTS = ROOT / "docs" / "intents.md"
_EXAMPLE = re.compile(r"^\*\*Example: `([\w.-]+)`\*\*")
_ROW = re.compile(r"^\| [^|]+ \(`(\w+)`\) \| (\w+)[^|]* \| (.+?) \| `")


def example_rows() -> list[tuple[str, str, str, str]]:
    """(phrase id, language, register, quoted text) of every row of the example tables."""
    rows = []
    current = None
    for line in INTENTS.read_text(encoding="utf-8").splitlines():
        if found := _EXAMPLE.match(line):
            current = found.group(1)
        elif current and (row := _ROW.match(line)):
            rows.append((current, row.group(1), row.group(2), row.group(3)))
    return rows


def test_intents_examples_quote_the_shipped_phrasings() -> None:
    book = phrasebook.load()
    rows = example_rows()
    assert len(rows) >= 7 * 6, "the example tables of docs/intents.md were not found"
    wrong = [(pid, lang, reg, text, book.phrase(pid, lang, register=reg).text)
             for pid, lang, reg, text in rows
             if book.phrase(pid, lang, register=reg).text != text]
    assert not wrong, wrong
