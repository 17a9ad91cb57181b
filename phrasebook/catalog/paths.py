"""Where locale files are: the built-in folder, overlay folders, and the language folders in them.

The built-in locales ship inside the package (``phrasebook/locales`` in a wheel; the source tree's
``locales/`` in a checkout), found next to the code as babel finds its locale data, never from
the working directory. Overlay folders come from ``load(paths=...)`` or ``PHRASEBOOK_PATH``.
A locale root holds one folder per language code (``de/``), each with some of the files named
below, and optionally a ``sources.toml``; a single language folder may be given instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from ..errors import LocaleDataError

__all__ = [
    "ENV_PATH",
    "LANGUAGE_FILE",
    "LOCALE_FILES",
    "PHRASES_FILE",
    "SIGNALS_FILE",
    "TONE_FILE",
    "builtin_root",
    "installed_builtins",
    "language_dirs",
    "overlay_roots",
    "untranslated",
]

PHRASES_FILE = "phrases.toml"
LANGUAGE_FILE = "language.toml"
TONE_FILE = "tone.toml"
SIGNALS_FILE = "signals.toml"
LOCALE_FILES = (LANGUAGE_FILE, PHRASES_FILE, TONE_FILE, SIGNALS_FILE)
"""The files a language folder may hold."""

ENV_PATH = "PHRASEBOOK_PATH"


def builtin_root() -> Path:
    """Return the folder of built-in locales: inside the installed package, else the checkout's.

    (No ``importlib.resources``: it costs start-up time for the same answer on a file-system
    install.)
    """
    here = Path(__file__).resolve().parent.parent
    packaged = here / "locales"
    if packaged.is_dir():
        return packaged
    return here.parent / "locales"


def installed_builtins() -> bool:
    """True when the built-in locales are an installed package's data, not a checkout's files.

    Tools that write locale files refuse to edit an installed package.
    """
    return builtin_root().parent.name == "phrasebook"


def overlay_roots(paths: Iterable[str | os.PathLike[str]] | None) -> tuple[Path, ...]:
    """Return the overlay folders: ``paths`` when given, else those in ``PHRASEBOOK_PATH``."""
    if paths is None:
        env = os.environ.get(ENV_PATH, "")
        paths = [p for p in env.split(os.pathsep) if p.strip()]
    return tuple(Path(p) for p in paths)


_ENTRY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*phrase[ \t]*\]\]", re.MULTILINE)
_TODO_LINE = re.compile(r"^[ \t]*todo[ \t]*=[ \t]*true\b", re.MULTILINE)


def untranslated(path: Path) -> bool:
    """True for a scaffold from ``new-locale`` in which every entry is still to do.

    A cheap scan of the text, so that finding the languages parses none of them.
    """
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False
    entries = len(_ENTRY_HEADER.findall(text))
    return entries > 0 and len(_TODO_LINE.findall(text)) >= entries


def _holds_locale_files(folder: Path) -> bool:
    """True when ``folder`` holds a locale file; an unreadable one is an error, not no file."""
    found = False
    for name in LOCALE_FILES:
        path = folder / name
        if path.is_file():
            found = True
        elif os.path.lexists(path):
            try:
                path.stat()
            except OSError as exc:
                raise LocaleDataError(f"cannot read: {exc.strerror or exc}", path=path) from None
            raise LocaleDataError("is not a file", path=path)
    return found


def language_dirs(root: Path) -> dict[str, Path]:
    """Map language code to folder for a locale root, or for a single language folder.

    Folders whose phrases are all still to do (fresh scaffolds) are left out.
    """
    if _holds_locale_files(root):
        folders = {root.resolve().name.lower(): root}
    else:
        try:
            children = sorted(root.iterdir())
        except OSError as exc:
            raise LocaleDataError(
                f"cannot read locale folder: {exc.strerror or exc}", path=root
            ) from None
        folders = {
            child.name.lower(): child
            for child in children
            if child.is_dir() and _holds_locale_files(child)
        }
    return {
        code: folder
        for code, folder in folders.items()
        if not ((folder / PHRASES_FILE).is_file() and untranslated(folder / PHRASES_FILE))
    }
