"""How complete each language is: intents x registers with counts, gaps and stale entries."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .book import Phrasebook
from .catalog import PHRASES_FILE
from .errors import LocaleDataError
from .languages import language_info
from .model import Intent, PhraseEntry, Register, english_hash, intent_of
from .tone import rules_for
from .validate import read_entries

__all__ = ["MINIMUM", "LanguageCoverage", "coverage"]

MINIMUM = 6
"""Phrasings wanted per intent and register."""


@dataclass(frozen=True)
class LanguageCoverage:
    """One language's counts per intent and register, and what is missing or outdated."""

    code: str
    name: str
    registers: tuple[Register, ...]
    cells: dict[str, dict[str, int]]
    missing: tuple[str, ...]
    outdated: tuple[str, ...]
    todo: tuple[str, ...]
    under_minimum: tuple[tuple[str, str, int], ...] = field(default=())

    @property
    def complete(self) -> bool:
        """True when nothing is missing, outdated, to do or under the minimum."""
        return not (self.missing or self.outdated or self.todo or self.under_minimum)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "code": self.code,
            "name": self.name,
            "registers": [r.value for r in self.registers],
            "cells": self.cells,
            "missing": list(self.missing),
            "outdated": list(self.outdated),
            "todo": list(self.todo),
            "under_minimum": [
                {"intent": i, "register": r, "count": n} for i, r, n in self.under_minimum
            ],
        }


def _entries(book: Phrasebook, code: str) -> list[PhraseEntry]:
    """The entries of a language across built-ins and overlays (later ones replace)."""
    merged: dict[tuple[str, Register], PhraseEntry] = {}
    for folder in book.catalog.language_dirs(code):
        read = read_entries(folder / PHRASES_FILE)
        read.raise_first_error()
        for _, entry in read.entries:
            merged[(entry.id, entry.register)] = entry
    return list(merged.values())


def _registers(book: Phrasebook, code: str, entries: list[PhraseEntry]) -> tuple[Register, ...]:
    try:
        two = rules_for(code, book).has_registers
    except LocaleDataError:
        two = any(e.register is not Register.NEUTRAL for e in entries)
    return (Register.FORMAL, Register.INFORMAL) if two else (Register.NEUTRAL,)


def coverage(book: Phrasebook, minimum: int = MINIMUM) -> list[LanguageCoverage]:
    """Return the coverage of every language of ``book`` against its English base."""
    english = {e.id: e.text for e in _entries(book, "en") if not e.todo}
    result = []
    for code in book.catalog.codes:
        entries = _entries(book, code)
        registers = _registers(book, code, entries)
        done = [e for e in entries if not e.todo]
        cells: dict[str, dict[str, int]] = {}
        under = []
        for intent in Intent:
            row = {}
            for register in registers:
                row[register.value] = len({
                    e.id for e in done
                    if intent_of(e.id) is intent
                    and (e.register is register or e.register is Register.NEUTRAL
                         or register is Register.NEUTRAL)
                })
                if row[register.value] < minimum:
                    under.append((intent.value, register.value, row[register.value]))
            cells[intent.value] = row
        present = {e.id for e in done}
        outdated = sorted({
            e.id for e in done
            if code != "en" and e.en_hash is not None and e.id in english
            and e.en_hash != english_hash(english[e.id])
        })
        result.append(LanguageCoverage(
            code=code,
            name=language_info(code).english_name,
            registers=registers,
            cells=cells,
            missing=tuple(sorted(set(english) - present)) if code != "en" else (),
            outdated=tuple(outdated),
            todo=tuple(sorted({e.id for e in entries if e.todo})),
            under_minimum=tuple(under),
        ))
    return result
