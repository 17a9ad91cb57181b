"""The checks of a phrase entry that loading an overlay and ``validate`` share.

Loading refuses an overlay entry that fails one of these; ``phrasebook validate`` runs them on
every file and adds the translator-facing checks (tone, whitespace, placeholders, staleness).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..errors import Problem, Severity, did_you_mean
from ..model import Register
from .facts import LanguageFacts
from .reader import LocatedEntry, PhrasesRead
from .schema import PhraseEntry
from .sources import Citations

__all__ = ["english_entries", "entry_problems"]


def english_entries(reads: Iterable[PhrasesRead]) -> dict[str, PhraseEntry]:
    """The English entries by id (later files replace earlier ones), leaving out to-dos."""
    merged: dict[str, PhraseEntry] = {}
    for read in reads:
        for located in read:
            if not located.entry.todo:
                merged[located.entry.id] = located.entry
    return merged


def entry_problems(
    read: PhrasesRead,
    located: LocatedEntry,
    *,
    facts: LanguageFacts,
    english: Mapping[str, PhraseEntry],
    citations: Citations | None,
    templates: bool,
) -> Iterator[Problem]:
    """The problems of one entry that make it unusable: register, source and template.

    ``english`` is the base a translation inherits from (empty for English itself);
    ``citations`` None skips the citation check; ``templates`` parses every text.
    """
    entry = located.entry
    if entry.todo:
        return
    texts = entry.texts()
    registers = " and ".join(r.value for r in facts.registers)
    for register in texts:
        if register is not Register.NEUTRAL and not facts.two_registers:
            yield read.at(located, register.value,
                          f"{facts.code} has one register ({registers}): write the text as "
                          f"text = \"…\", not {register.value} = \"…\"")
    if facts.two_registers and Register.NEUTRAL not in texts and len(texts) == 1:
        (only,) = texts
        other = Register.INFORMAL if only is Register.FORMAL else Register.FORMAL
        yield read.at(located, only.value,
                      f"{entry.id!r} has a {only.value} text but no {other.value} one",
                      Severity.WARNING)
    base = english.get(entry.id)
    if entry.source is None and (base is None or base.source is None):
        yield read.at(located, "id",
                      f"{entry.id!r} has no source: cite the guide section it adapts "
                      "(source = \"<guide>#<section>\")"
                      + (", or add the id to English" if english else "")
                      + did_you_mean(entry.id, english))
    elif entry.source is not None and citations is not None:
        problem = citations.problem(entry.source)
        if problem:
            yield read.at(located, "source", problem)
    if templates:
        from ..icu import template_problem  # the parser is not needed to load built-ins

        for register, text in texts.items():
            problem = template_problem(text)
            if problem:
                key = "text" if register is Register.NEUTRAL else register.value
                yield read.at(located, key, problem)
