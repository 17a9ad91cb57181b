"""Finding locale folders, reading each language's phrases once, and indexing them.

The built-in locales ship inside the package (``phrasebook/locales`` in a wheel; the source tree's
``locales/`` in a checkout). Overlay folders, from ``load(paths=...)`` or ``PHRASEBOOK_PATH``, add
or replace phrasings: an overlay entry with the same ``(id, register)`` as a built-in one replaces
it. Overlays are read and validated when the catalogue is made, so a broken overlay fails at once
and never leaves a half-loaded catalogue; built-in languages are parsed on first use, under a lock,
and the result is immutable and shared by all threads.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .errors import LocaleDataError
from .locale_files import read_model
from .model import Intent, Phrase, PhraseFile

__all__ = ["PHRASES_FILE", "Catalog", "LanguagePhrases", "builtin_root", "overlay_roots"]

PHRASES_FILE = "phrases.toml"
ENV_PATH = "PHRASEBOOK_PATH"


def builtin_root() -> Path:
    """Return the folder of built-in locales: inside the installed package, else the checkout's.

    The wheel carries them as ``phrasebook/locales``; an editable install or a checkout reads the
    source tree's ``locales/``. Found next to the code, as babel finds its locale data, never
    from the working directory (and without importing ``importlib.resources``, which costs
    start-up time for the same answer on a file-system install).
    """
    here = Path(__file__).resolve().parent
    packaged = here / "locales"
    if packaged.is_dir():
        return packaged
    return here.parent / "locales"


def overlay_roots(paths: Iterable[str | os.PathLike[str]] | None) -> tuple[Path, ...]:
    """Return the overlay folders: ``paths`` when given, else those in ``PHRASEBOOK_PATH``."""
    if paths is None:
        env = os.environ.get(ENV_PATH, "")
        paths = [p for p in env.split(os.pathsep) if p.strip()]
    return tuple(Path(p) for p in paths)


_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*phrase[ \t]*\]\]", re.MULTILINE)
_TODO_LINE = re.compile(r"^[ \t]*todo[ \t]*=[ \t]*true\b", re.MULTILINE)


def _untranslated(path: Path) -> bool:
    """True for a scaffold from ``new-locale`` in which every entry is still to do.

    A cheap scan of the text, so that finding the languages parses none of them.
    """
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    entries = len(_ENTRY_HEADER.findall(text))
    return entries > 0 and len(_TODO_LINE.findall(text)) >= entries


def _has_phrases(folder: Path) -> bool:
    """True when ``folder`` holds a phrases file.

    A file that is there but unreadable (a dangling link, a symlink loop) is an error rather
    than silently no language.
    """
    path = folder / PHRASES_FILE
    if path.is_file():
        return True
    if os.path.lexists(path):
        try:
            path.stat()
        except OSError as exc:
            raise LocaleDataError(f"cannot read: {exc.strerror or exc}", path=path) from None
        raise LocaleDataError("is not a file", path=path)
    return False


def _language_dirs(root: Path) -> dict[str, Path]:
    """Map language code to folder for a locale root, or for a single language folder.

    Folders whose phrases are all still to do (fresh scaffolds) are left out.
    """
    if _has_phrases(root):
        if _untranslated(root / PHRASES_FILE):
            return {}
        return {root.resolve().name.lower(): root}
    try:
        children = sorted(root.iterdir())
    except OSError as exc:
        raise LocaleDataError(
            f"cannot read locale folder: {exc.strerror or exc}", path=root
        ) from None
    return {
        child.name.lower(): child
        for child in children
        if child.is_dir() and _has_phrases(child) and not _untranslated(child / PHRASES_FILE)
    }


@dataclass(frozen=True)
class LanguagePhrases:
    """All phrasings of one language, in file order, indexed by intent."""

    code: str
    phrases: tuple[Phrase, ...]
    by_intent: Mapping[Intent, tuple[Phrase, ...]] = field(repr=False)

    @classmethod
    def build(cls, code: str, phrases: Iterable[Phrase]) -> LanguagePhrases:
        """Index ``phrases`` by intent."""
        ordered = tuple(phrases)
        index: dict[Intent, list[Phrase]] = {intent: [] for intent in Intent}
        for phrase in ordered:
            index[phrase.intent].append(phrase)
        frozen = {intent: tuple(items) for intent, items in index.items()}
        return cls(code=code, phrases=ordered, by_intent=MappingProxyType(frozen))


def read_phrases(path: Path, code: str) -> list[tuple[Phrase, int | None]]:
    """Read one ``phrases.toml`` and return its phrases with their lines.

    Raises `LocaleDataError` on the first problem, including a repeated ``(id, register)``.
    """
    parsed, source = read_model(path, PhraseFile)
    seen: dict[tuple[str, str], int | None] = {}
    result = []
    for index, entry in enumerate(parsed.phrase):
        if entry.todo:
            continue  # scaffolded, not translated yet
        line = source.entry_line("phrase", index)
        key = (entry.id, entry.register.value)
        if key in seen:
            raise LocaleDataError(
                f"duplicate phrase {entry.id!r} ({entry.register.value}); "
                f"first defined on line {seen[key]}",
                path=path,
                line=line,
            )
        seen[key] = line
        result.append((Phrase.from_entry(entry, code), line))
    return result


class Catalog:
    """The locale folders of one `Phrasebook`: built-ins plus overlays, parsed lazily."""

    def __init__(self, builtin: Path, overlays: tuple[Path, ...] = ()) -> None:
        self._roots = (builtin, *overlays)
        self._builtin_dirs = _language_dirs(builtin) if builtin.is_dir() else {}
        self._lock = threading.Lock()
        self._cache: dict[str, LanguagePhrases] = {}
        # Overlays are small and explicitly asked for: read them now, so a broken one fails here.
        self._overlay_files: dict[str, list[list[tuple[Phrase, int | None, Path]]]] = {}
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
            folders = _language_dirs(root)
            self._overlay_dirs.append(folders)
            for code, folder in folders.items():
                path = folder / PHRASES_FILE
                rows = [(p, line, path) for p, line in read_phrases(path, code)]
                self._overlay_files.setdefault(code, []).append(rows)
        self._check_overlay_conflicts()
        self.codes: tuple[str, ...] = tuple(sorted({*self._builtin_dirs, *self._overlay_files}))

    def _check_overlay_conflicts(self) -> None:
        for files in self._overlay_files.values():
            owner: dict[tuple[str, str], tuple[Path, int | None]] = {}
            for rows in files:
                for phrase, line, path in rows:
                    key = (phrase.id, phrase.register.value)
                    if key in owner and owner[key][0] != path:
                        first, first_line = owner[key]
                        raise LocaleDataError(
                            f"phrase {phrase.id!r} ({phrase.register.value}) is defined by two "
                            f"overlays; the other is {first}:{first_line}",
                            path=path,
                            line=line,
                        )
                    owner[key] = (path, line)

    @property
    def roots(self) -> tuple[Path, ...]:
        """The locale folders, built-in first."""
        return self._roots

    def language_dirs(self, code: str) -> list[Path]:
        """The folders holding files for ``code``, built-in first, then overlays in order."""
        found = []
        if code in self._builtin_dirs:
            found.append(self._builtin_dirs[code])
        for folders in self._overlay_dirs:
            if code in folders:
                found.append(folders[code])
        return found

    def language(self, code: str) -> LanguagePhrases:
        """Return the phrases of ``code``, parsing its files on first use (thread-safe)."""
        cached = self._cache.get(code)
        if cached is not None:
            return cached
        with self._lock:
            cached = self._cache.get(code)
            if cached is None:
                cached = self._read_language(code)
                self._cache[code] = cached
            return cached

    def _read_language(self, code: str) -> LanguagePhrases:
        merged: dict[tuple[str, str], Phrase] = {}
        if code in self._builtin_dirs:
            for phrase, _ in read_phrases(self._builtin_dirs[code] / PHRASES_FILE, code):
                merged[(phrase.id, phrase.register.value)] = phrase
        for rows in self._overlay_files.get(code, []):
            for phrase, _, _ in rows:
                merged[(phrase.id, phrase.register.value)] = phrase
        return LanguagePhrases.build(code, merged.values())
