"""``phrasebook coverage``: how complete each language is, per intent and register.

Counts distinct ids per intent and register (a neutral phrasing counts for every register),
against the minimum; lists ids missing from English, outdated translations and entries still to
do. The minimum applies to shipped languages; a draft one is reported as such.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..catalog.schema import PhraseEntry, Status
from ..catalog.store import Catalog
from ..languages import language_info
from ..model import Intent, Register, english_hash, intent_of

__all__ = ["MINIMUM", "LanguageCoverage", "coverage"]

MINIMUM = 8
"""Distinct phrasings wanted per intent and register in a shipped language."""


@dataclass(frozen=True)
class LanguageCoverage:
    """One language's counts per intent and register, and what is missing or outdated."""

    code: str
    name: str
    status: Status
    registers: tuple[Register, ...]
    cells: dict[str, dict[str, int]]
    missing: tuple[str, ...]
    outdated: tuple[str, ...]
    todo: tuple[str, ...]
    under_minimum: tuple[tuple[str, str, int], ...] = field(default=())

    @property
    def complete(self) -> bool:
        """True when nothing is missing, outdated, to do or (if shipped) under the minimum."""
        return not (self.missing or self.outdated or self.todo or self.under_minimum)

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "code": self.code,
            "name": self.name,
            "status": self.status.value,
            "registers": [r.value for r in self.registers],
            "cells": self.cells,
            "missing": list(self.missing),
            "outdated": list(self.outdated),
            "todo": list(self.todo),
            "under_minimum": [
                {"intent": i, "register": r, "count": n} for i, r, n in self.under_minimum
            ],
            "complete": self.complete,
        }


def _entries(catalog: Catalog, code: str) -> list[PhraseEntry]:
    """The entries of a language across built-ins and overlays (later ids replace earlier)."""
    merged: dict[str, PhraseEntry] = {}
    for folder in catalog.language_dirs(code):
        read = catalog.phrases_read(folder)
        read.raise_for_errors()
        for located in read:
            merged[located.entry.id] = located.entry
    return list(merged.values())


def coverage(catalog: Catalog, minimum: int = MINIMUM) -> list[LanguageCoverage]:
    """Return the coverage of every language of ``catalog`` against its English base."""
    english = {phrase_id: entry.first_text for phrase_id, entry in catalog.english().items()}
    result = []
    for code in catalog.codes:
        facts = catalog.facts(code)
        entries = _entries(catalog, code)
        done = [e for e in entries if not e.todo]
        cells: dict[str, dict[str, int]] = {}
        under = []
        for intent in Intent:
            row = {}
            for register in facts.registers:
                row[register.value] = sum(
                    1 for e in done
                    if intent_of(e.id) is intent
                    and (register in e.texts() or Register.NEUTRAL in e.texts())
                )
                if facts.shipped and row[register.value] < minimum:
                    under.append((intent.value, register.value, row[register.value]))
            cells[intent.value] = row
        present = {e.id for e in done}
        outdated = sorted(
            e.id for e in done
            if code != "en" and e.en_hash is not None and e.id in english
            and e.en_hash != english_hash(english[e.id])
        )
        result.append(LanguageCoverage(
            code=code,
            name=language_info(code).english_name,
            status=facts.status,
            registers=facts.registers,
            cells=cells,
            missing=tuple(sorted(set(english) - present)) if code != "en" else (),
            outdated=tuple(outdated),
            todo=tuple(sorted(e.id for e in entries if e.todo)),
            under_minimum=tuple(under),
        ))
    return result
