"""``phrasebook confirm``: record that translations match the current English text."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..catalog.checks import english_entries
from ..catalog.paths import PHRASES_FILE
from ..errors import PhrasebookError, did_you_mean
from ..model import english_hash
from .edit import EditableFile
from .po import read_valid

__all__ = ["confirm"]


def confirm(locales: Path, lang: str, ids: Iterable[str] | None = None) -> int:
    """Stamp translations of ``lang`` with the hash of the current English; return the count.

    Run it after checking (or updating) translations that ``validate`` reports as outdated.
    ``ids`` limits it to those phrase ids.
    """
    path = locales / lang / PHRASES_FILE
    read = read_valid(path)
    english = english_entries([read_valid(locales / "en" / PHRASES_FILE)])
    wanted = set(ids or ())
    present = {located.entry.id for located in read}
    unknown = sorted(wanted - present)
    if unknown:
        raise PhrasebookError(f"{path}: no entry with id {unknown[0]!r}"
                              + did_you_mean(unknown[0], present))
    file = EditableFile.open(path)
    changed = 0
    for located in read:
        entry = located.entry
        if entry.todo or entry.id not in english or (wanted and entry.id not in wanted):
            continue
        changed += file.set(located.index, "en_hash", english_hash(english[entry.id].first_text))
    if changed:
        file.save()
    return changed
