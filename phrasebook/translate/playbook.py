"""``phrasebook validate`` and the playbook: which playbook to check, and the signals it declares.

The playbook (``playbook.toml``) sits beside the language folders, like ``sources.toml``. It is
checked when its folder or the file itself is validated (and with the built-ins); a language's
``signals.toml`` is held to the playbook beside it, else to the built-in one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..assist.checks import playbook_problems
from ..assist.schema import PLAYBOOK_FILE, PlaybookFile
from ..catalog.paths import builtin_root
from ..catalog.reader import read_document
from ..catalog.schema import PhraseEntry
from ..catalog.sources import Citations
from ..errors import Problem

__all__ = ["playbook_beside", "playbook_file_problems", "playbook_targets"]


def playbook_targets(named: list[Path]) -> list[Path]:
    """The playbooks to check: named ones, and those in named locale folders."""
    found: dict[Path, Path] = {}
    for path in named:
        candidate = path / PLAYBOOK_FILE if path.is_dir() else path
        if candidate.name == PLAYBOOK_FILE and candidate.is_file():
            found.setdefault(candidate.resolve(), candidate)
    return list(found.values())


def playbook_file_problems(path: Path, english: Mapping[str, PhraseEntry],
                           citations: Citations) -> list[Problem]:
    """Every problem of the playbook at ``path``: its schema, then what the schema cannot say."""
    read = read_document(path, PlaybookFile)
    return [*read.problems, *playbook_problems(read, english, citations)]


def playbook_beside(folder: Path) -> tuple[str, ...]:
    """The signal ids of the playbook beside a language folder, else of the built-in one.

    Empty when neither can be read (the playbook's own problems say why).
    """
    for path in (folder.parent / PLAYBOOK_FILE, builtin_root() / PLAYBOOK_FILE):
        if path.is_file():
            model = read_document(path, PlaybookFile).model
            if model is not None:
                return tuple(signal.id for signal in model.signal)
    return ()
