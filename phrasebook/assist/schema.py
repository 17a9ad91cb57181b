"""The schema of ``locales/playbook.toml``: the signals, and the steps each one calls for.

The playbook is one file for every language: it declares the signal ids (the ids a language's
``signals.toml`` rules report), in order of priority, and maps each signal to steps: an intent,
the phrasings that fit it best (phrase ids, the same in every language) and the guide sections
behind it. ``order`` says in which order the steps are taken when several signals call for
them. The signal rules themselves are rule files (`phrasebook.tone.schema.RuleFile`).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..catalog.schema import PhraseId, Source
from ..model import Intent

__all__ = ["PLAYBOOK_FILE", "PlaybookFile", "SignalEntry", "StepEntry"]

PLAYBOOK_FILE = "playbook.toml"
"""The playbook's file name, beside the language folders (like ``sources.toml``)."""

SignalId = Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9-]*$", examples=["anger"])]


class SignalEntry(BaseModel):
    """One ``[[signal]]`` table: a signal id and what it means."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: SignalId = Field(description="The id signal rules report, e.g. anger, manager")
    description: StrictStr = Field(min_length=1, description="English: what the signal is")


class StepEntry(BaseModel):
    """One ``[[step]]`` table: what a signal calls for, with which phrasings, and why."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    signal: SignalId = Field(description="The signal that calls for this step")
    intent: Intent = Field(description="What the agent does: acknowledge, empathize, …")
    phrases: tuple[PhraseId, ...] = Field(
        default=(),
        description="The phrasings that fit best, best first (ids of this step's intent); "
                    "none means the intent's phrasings in catalogue order",
    )
    sources: tuple[Source, ...] = Field(min_length=1,
                                        description="The guide sections behind the step")
    note: StrictStr | None = Field(default=None,
                                   description="English guidance for the agent")


class PlaybookFile(BaseModel):
    """The whole of ``playbook.toml``."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    order: tuple[Intent, ...] = Field(
        min_length=1, description="Every intent once, in the order steps are taken"
    )
    max_phrases: int = Field(default=3, ge=1, le=10,
                             description="Phrasings offered per step at most")
    signal: tuple[SignalEntry, ...] = Field(
        min_length=1, description="The signals, the most urgent first"
    )
    step: tuple[StepEntry, ...] = Field(default=(), description="What each signal calls for")
