"""`Playbook`: ``playbook.toml`` read through the catalogue's reader, checked, and indexed.

Loading reads the file with `phrasebook.catalog.reader.read_document` and refuses it whole
(a `LocaleDataError` carrying every error, each with ``path:line``) when anything is wrong:
the schema, or a check of `phrasebook.assist.checks` (unknown signals, phrasings that are not
in English). Citations are checked by ``phrasebook validate``, as for phrasings.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..catalog.reader import read_document
from ..catalog.schema import PhraseEntry
from ..errors import LocaleDataError, Severity
from ..model import Intent
from .checks import playbook_problems
from .schema import PlaybookFile, StepEntry

__all__ = ["Playbook", "load_playbook"]


@dataclass(frozen=True)
class Playbook:
    """The signals, most urgent first, and the steps each one calls for.

    >>> book = Playbook.of(PlaybookFile.model_validate({
    ...     "order": [i.value for i in Intent],
    ...     "signal": [{"id": "gratitude", "description": "Thanks."}],
    ...     "step": [{"signal": "gratitude", "intent": "thank", "phrases": ["thank.patience"],
    ...               "sources": ["tr-angry-customers#3.4"]}]}))
    >>> book.signals, book.steps["gratitude"][0].intent
    (('gratitude',), <Intent.THANK: 'thank'>)
    """

    signals: tuple[str, ...]
    descriptions: Mapping[str, str] = field(repr=False)
    order: tuple[Intent, ...] = field(repr=False)
    max_phrases: int = 3
    steps: Mapping[str, tuple[StepEntry, ...]] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, data: PlaybookFile) -> Playbook:
        """Index a validated playbook file."""
        steps: dict[str, list[StepEntry]] = {s.id: [] for s in data.signal}
        for step in data.step:
            steps.setdefault(step.signal, []).append(step)
        return cls(
            signals=tuple(s.id for s in data.signal),
            descriptions=MappingProxyType({s.id: s.description for s in data.signal}),
            order=data.order,
            max_phrases=data.max_phrases,
            steps=MappingProxyType({k: tuple(v) for k, v in steps.items()}),
        )


def load_playbook(path: Path, english: Mapping[str, PhraseEntry] | None = None) -> Playbook:
    """Read and check the playbook at ``path``; raise `LocaleDataError` on any error.

    ``english`` (the English entries by id) lets the check find phrasings that do not exist.
    """
    read = read_document(path, PlaybookFile)
    data = read.valid()
    errors = [p for p in playbook_problems(read, english, None) if p.severity is Severity.ERROR]
    if errors:
        raise LocaleDataError.from_problems(errors)
    return Playbook.of(data)
