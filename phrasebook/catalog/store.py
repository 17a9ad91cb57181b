"""`Catalog`: the locale folders of one phrasebook, each language read once and indexed.

Built-in languages are parsed on first use, under a lock; the result is immutable and shared by
all threads. Overlay folders are read and checked when the catalogue is made, so a broken overlay
fails at once and never leaves a half-loaded catalogue.

Merging: an overlay's text for an ``(id, register)`` replaces the built-in one; a neutral text
replaces both register variants and the other way round; new ids add to the language. A
translation inherits ``source``, ``channels`` and ``note`` from the English entry of its id.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

from pydantic import BaseModel

from ..errors import LocaleDataError, Problem, Severity
from ..model import Channel, Intent, Phrase, Register, intent_of
from .checks import english_entries, entry_problems
from .facts import LanguageFacts, merge_facts
from .paths import (
    LANGUAGE_FILE,
    PHRASES_FILE,
    SIGNALS_FILE,
    TONE_FILE,
    language_dirs,
)
from .reader import PhrasesRead, read_document, read_phrases
from .schema import LanguageFile, PhraseEntry
from .sources import SOURCES_FILE, Citations

if TYPE_CHECKING:
    from ..tone.schema import RuleFile

__all__ = ["ALL_CHANNELS", "Catalog", "LanguagePhrases"]

ALL_CHANNELS = (Channel.PHONE, Channel.CHAT, Channel.EMAIL)
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class LanguagePhrases:
    """All phrasings of one language, in file order, indexed by intent and by id."""

    code: str
    phrases: tuple[Phrase, ...]
    by_intent: Mapping[Intent, tuple[Phrase, ...]] = field(repr=False)
    by_id: Mapping[str, tuple[Phrase, ...]] = field(repr=False)

    @classmethod
    def build(cls, code: str, phrases: Iterable[Phrase]) -> LanguagePhrases:
        """Index ``phrases`` by intent and id."""
        ordered = tuple(phrases)
        intents: dict[Intent, list[Phrase]] = {intent: [] for intent in Intent}
        ids: dict[str, list[Phrase]] = {}
        for phrase in ordered:
            intents[phrase.intent].append(phrase)
            ids.setdefault(phrase.id, []).append(phrase)
        return cls(
            code=code,
            phrases=ordered,
            by_intent=MappingProxyType({k: tuple(v) for k, v in intents.items()}),
            by_id=MappingProxyType({k: tuple(v) for k, v in ids.items()}),
        )


def _phrase(entry: PhraseEntry, base: PhraseEntry | None, code: str, register: Register,
            text: str) -> Phrase:
    """A phrasing from a validated entry, inheriting what it does not say from English."""
    inherited = base if base is not None else entry
    return Phrase.model_construct(
        id=entry.id,
        intent=intent_of(entry.id),
        lang=code,
        register=register,
        text=text,
        source=entry.source or inherited.source or "",
        channels=entry.channels or inherited.channels or ALL_CHANNELS,
        note=entry.note if entry.note is not None else inherited.note,
        allow=entry.allow,
        reason=entry.reason,
    )


def merge_texts(reads: Iterable[PhrasesRead]) -> dict[str, dict[Register, PhraseEntry]]:
    """Merge the entries of a language's files (built-in first) into id -> register -> entry."""
    merged: dict[str, dict[Register, PhraseEntry]] = {}
    for read in reads:
        for located in read:
            entry = located.entry
            if entry.todo:
                continue
            slot = merged.setdefault(entry.id, {})
            registers = entry.texts()
            if Register.NEUTRAL in registers or Register.NEUTRAL in slot:
                slot.clear()
            for register in registers:
                slot[register] = entry
    return merged


class Catalog:
    """The locale folders of one `Phrasebook`: built-ins plus overlays, parsed lazily."""

    def __init__(self, builtin: Path, overlays: tuple[Path, ...] = ()) -> None:
        self._builtin = builtin
        self._roots = (builtin, *overlays)
        self._builtin_dirs = language_dirs(builtin) if builtin.is_dir() else {}
        self._lock = threading.RLock()
        self._phrases: dict[str, LanguagePhrases] = {}
        self._facts: dict[str, LanguageFacts] = {}
        self._rules: dict[tuple[str, str], RuleFile] = {}
        self._reads: dict[Path, PhrasesRead] = {}
        self._english: dict[str, PhraseEntry] | None = None
        self._citations: Citations | None = None
        self._overlay_dirs: list[dict[str, Path]] = []
        for root in overlays:
            try:
                root.stat()
            except OSError as exc:
                raise LocaleDataError(
                    f"cannot read overlay folder: {exc.strerror or exc}", path=root
                ) from None
            if not root.is_dir():
                raise LocaleDataError("overlay is not a folder", path=root)
            self._overlay_dirs.append(language_dirs(root))
        self.codes: tuple[str, ...] = tuple(
            sorted({*self._builtin_dirs, *(c for dirs in self._overlay_dirs for c in dirs)})
        )
        if overlays:
            self._check_overlays(overlays)

    # --- where things are -------------------------------------------------------------------

    @property
    def roots(self) -> tuple[Path, ...]:
        """The locale folders, built-in first."""
        return self._roots

    @property
    def builtin(self) -> Path:
        """The built-in locale folder."""
        return self._builtin

    def language_dirs(self, code: str) -> list[Path]:
        """The folders holding files for ``code``, built-in first, then overlays in order."""
        found = [self._builtin_dirs[code]] if code in self._builtin_dirs else []
        found += [folders[code] for folders in self._overlay_dirs if code in folders]
        return found

    def is_builtin(self, folder: Path) -> bool:
        """True for a language folder of the built-in locales."""
        return folder in self._builtin_dirs.values()

    # --- reading ------------------------------------------------------------------------------

    def phrases_read(self, folder: Path) -> PhrasesRead:
        """The read of ``folder``'s phrases file (read once; empty when there is none)."""
        path = folder / PHRASES_FILE
        with self._lock:
            read = self._reads.get(path)
            if read is None:
                read = (read_phrases(path) if path.is_file()
                        else PhrasesRead(path, None, None, ()))
                self._reads[path] = read
            return read

    def _documents(self, code: str, name: str, model: type[M]) -> list[tuple[Path, M]]:
        """The file ``name`` of each of ``code``'s folders that has one, read and valid."""
        found = []
        for folder in self.language_dirs(code):
            path = folder / name
            if path.is_file():
                found.append((path, read_document(path, model).valid()))
        return found

    def english(self) -> dict[str, PhraseEntry]:
        """The English entries by id, overlays merged: what translations inherit from."""
        with self._lock:
            if self._english is None:
                reads = [self.phrases_read(folder) for folder in self.language_dirs("en")]
                for read in reads:
                    read.raise_for_errors()
                self._english = english_entries(reads)
            return self._english

    def citations(self) -> Citations:
        """The guides the catalogue's phrasings may cite: built-in ones plus overlays' own."""
        with self._lock:
            if self._citations is None:
                from .sources import GuideFile  # built when a catalogue has overlays

                merged = Citations()
                for root in self._roots:
                    path = root / SOURCES_FILE
                    if path.is_file():
                        guides = read_document(path, GuideFile).valid().guide
                        merged = merged.merged(Citations.of(guides, path))
                self._citations = merged
            return self._citations

    def facts(self, code: str) -> LanguageFacts:
        """The facts about ``code`` from its ``language.toml`` files (read once)."""
        with self._lock:
            facts = self._facts.get(code)
            if facts is None:
                files = self._documents(code, LANGUAGE_FILE, LanguageFile)
                folders = self.language_dirs(code)
                facts = merge_facts(code, files, folders[0] if folders else None)
                self._facts[code] = facts
            return facts

    def language(self, code: str) -> LanguagePhrases:
        """Return the phrases of ``code``, parsing its files on first use (thread-safe)."""
        cached = self._phrases.get(code)
        if cached is not None:
            return cached
        with self._lock:
            cached = self._phrases.get(code)
            if cached is None:
                cached = self._read_language(code)
                self._phrases[code] = cached
            return cached

    def _read_language(self, code: str) -> LanguagePhrases:
        facts = self.facts(code)
        reads = [self.phrases_read(folder) for folder in self.language_dirs(code)]
        for read in reads:
            read.raise_for_errors()
        english = self.english() if code != "en" else {}
        problems = [
            problem
            for read in reads
            for located in read
            for problem in entry_problems(read, located, facts=facts, english=english,
                                          citations=None, templates=False)
            if problem.severity is Severity.ERROR
        ]
        if problems:
            raise LocaleDataError.from_problems(problems)
        phrases = [
            _phrase(entry, english.get(phrase_id), code, register, entry.texts()[register])
            for phrase_id, slot in merge_texts(reads).items()
            for register, entry in slot.items()
        ]
        return LanguagePhrases.build(code, phrases)

    def rules(self, code: str, file: str = TONE_FILE) -> RuleFile:
        """The rule files of ``code`` named ``file`` (tone or signals), merged, read once."""
        key = (code, file)
        with self._lock:
            rules = self._rules.get(key)
            if rules is None:
                from ..tone.schema import RuleFile, merge_rule_files  # only checks need them

                rules = merge_rule_files([data for _, data in
                                          self._documents(code, file, RuleFile)])
                self._rules[key] = rules
            return rules

    # --- overlays -----------------------------------------------------------------------------

    def _check_overlays(self, overlays: tuple[Path, ...]) -> None:
        """Read every file of every overlay now, and raise if anything is wrong in them."""
        from ..tone.schema import RuleFile
        from .sources import GuideFile

        problems: list[Problem] = []
        for root in overlays:
            path = root / SOURCES_FILE
            if path.is_file():
                problems += read_document(path, GuideFile).problems
        for folders in self._overlay_dirs:
            for folder in folders.values():
                for name in (LANGUAGE_FILE,):
                    if (folder / name).is_file():
                        problems += read_document(folder / name, LanguageFile).problems
                for name in (TONE_FILE, SIGNALS_FILE):
                    if (folder / name).is_file():
                        problems += read_document(folder / name, RuleFile).problems
                problems += self.phrases_read(folder).problems
        if any(p.severity is Severity.ERROR for p in problems):
            raise LocaleDataError.from_problems(problems)
        citations = self.citations()
        english = self.english()
        owner: dict[tuple[str, Register], tuple[Path, int | None]] = {}
        for folders in self._overlay_dirs:
            for code, folder in folders.items():
                try:
                    facts = self.facts(code)
                except LocaleDataError as exc:
                    problems.append(exc.as_problem())
                    continue
                read = self.phrases_read(folder)
                for located in read:
                    problems += entry_problems(
                        read, located, facts=facts, english=english if code != "en" else {},
                        citations=citations, templates=True,
                    )
                    for register in located.entry.texts():
                        key = (f"{code}:{located.entry.id}", register)
                        if key in owner and owner[key][0] != read.path:
                            first, first_line = owner[key]
                            problems.append(read.problem(
                                f"phrase {located.entry.id!r} ({register.value}) is defined by "
                                f"two overlays; the other is {first}:{first_line}",
                                located.line,
                            ))
                        owner[key] = (read.path, located.line)
        if any(p.severity is Severity.ERROR for p in problems):
            raise LocaleDataError.from_problems(problems)
