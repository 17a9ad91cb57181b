"""The schemas of the locale files a translator edits: ``phrases.toml``, ``language.toml``.

The models reject unknown keys and wrong types (TOML's own types: a string where a boolean is
wanted is an error, never coerced). They are the JSON Schemas too (``phrasebook schema``), so an
editor and the loader judge a file alike. The tone rules' schema belongs to the tone engine
(`phrasebook.tone.schema`), the guides' to `phrasebook.catalog.sources`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictStr,
    StringConstraints,
    field_validator,
    model_validator,
)

from ..model import Channel, Intent, Register, intent_of

__all__ = [
    "LanguageFile",
    "PhraseEntry",
    "PhraseFile",
    "RegionVariant",
    "Status",
    "phrase_id_pattern",
]

_SLUG = r"[a-z0-9]+(?:[-_.][a-z0-9]+)*"


def phrase_id_pattern() -> str:
    """The regular expression a phrase id matches: a known intent, a dot, a slug.

    >>> bool(re.match(phrase_id_pattern(), "thank.patience"))
    True
    >>> bool(re.match(phrase_id_pattern(), "thnak.patience"))
    False
    """
    intents = "|".join(re.escape(intent.value) for intent in Intent)
    return rf"^(?:{intents})\.{_SLUG}$"


PhraseId = Annotated[
    StrictStr,
    Field(
        description="<intent>.<slug>: names a meaning shared by every language",
        examples=["empathize.frustration"],
        pattern=phrase_id_pattern(),
    ),
]
Source = Annotated[
    StrictStr,
    Field(
        description="The guide section the phrasing is drawn from: <guide-id>#<section>; "
        "a translation inherits the English entry's source when it gives none",
        examples=["tr-angry-customers#2.2"],
        pattern=r"^[a-z][a-z0-9-]*#[A-Za-z0-9.-]+$",
    ),
]
Text = Annotated[StrictStr, Field(min_length=1, description="ICU MessageFormat text")]
RuleName = Annotated[StrictStr, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]


class PhraseEntry(BaseModel):
    """One ``[[phrase]]`` table of a ``phrases.toml`` file, as a translator writes it.

    A phrasing that addresses nobody in a marked way has one ``text``; one that does has a
    ``formal`` and an ``informal`` text (languages with T-V address). ``source``, ``channels``
    and ``note`` are inherited from the English entry of the same id unless given.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        # What the validators below check, said to JSON Schema too, so an editor agrees.
        json_schema_extra={
            "anyOf": [{"required": ["text"]}, {"required": ["formal"]},
                      {"required": ["informal"]}],
            "not": {"anyOf": [{"required": ["text", "formal"]},
                              {"required": ["text", "informal"]}]},
            "dependentRequired": {"allow": ["reason"], "reason": ["allow"]},
            "if": {"required": ["reason"]},
            "then": {"properties": {"allow": {"minItems": 1}}},
        },
    )

    id: PhraseId
    text: Text | None = Field(default=None, description="The neutral text (no marked address)")
    formal: Text | None = Field(default=None, description="The text in the formal register")
    informal: Text | None = Field(default=None, description="The text in the informal register")
    source: Source | None = None
    channels: tuple[Channel, ...] | None = Field(
        default=None,
        min_length=1,
        json_schema_extra={"uniqueItems": True},
        description="Where the phrasing fits (phone, chat, email); inherited from English, "
        "all channels when English gives none",
    )
    note: StrictStr | None = Field(
        default=None, description="Guidance for agents and translators; inherited from English"
    )
    allow: tuple[RuleName, ...] = Field(
        default=(), description="Tone rules waived for this phrasing (needs a reason)"
    )
    reason: StrictStr | None = Field(
        default=None, pattern=r"\S", description="Why the tone rules in allow are waived"
    )
    en_hash: Annotated[StrictStr, StringConstraints(pattern=r"^[0-9a-f]{8}$")] | None = Field(
        default=None,
        description="Hash of the English text this translation was made from (written by the "
        "tools: new-locale, import-po, confirm)",
    )
    todo: StrictBool = Field(
        default=False, description="Not translated yet: ignored when loading (new-locale)"
    )

    @field_validator("id")
    @classmethod
    def _id_names_an_intent(cls, value: str) -> str:
        intent_of(value)
        return value

    @field_validator("channels")
    @classmethod
    def _channels_unique(cls, value: tuple[Channel, ...] | None) -> tuple[Channel, ...] | None:
        if value is not None and len(set(value)) != len(value):
            raise ValueError("a channel is listed twice")
        return value

    @model_validator(mode="after")
    def _texts_and_waivers(self) -> PhraseEntry:
        if self.text is not None and (self.formal is not None or self.informal is not None):
            raise ValueError("give either text (neutral) or formal/informal texts, not both")
        if self.text is None and self.formal is None and self.informal is None:
            raise ValueError("missing text: give text (neutral) or formal and informal")
        if self.allow and not (self.reason and self.reason.strip()):
            raise ValueError("a waiver (allow) needs a reason")
        if self.reason is not None and not self.allow:
            raise ValueError("reason is given but nothing is waived (allow is empty)")
        return self

    @property
    def first_text(self) -> str:
        """The entry's neutral text, else its formal one, else its informal one."""
        return next(iter(self.texts().values()))

    def texts(self) -> dict[Register, str]:
        """The entry's texts by register, in the order neutral, formal, informal."""
        found = {
            Register.NEUTRAL: self.text,
            Register.FORMAL: self.formal,
            Register.INFORMAL: self.informal,
        }
        return {register: text for register, text in found.items() if text is not None}


class PhraseFile(BaseModel):
    """The whole of a ``phrases.toml`` file: a list of ``[[phrase]]`` tables."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    phrase: tuple[PhraseEntry, ...] = Field(default=(), description="The phrasings")


class Status(StrEnum):
    """Where a language stands: ``draft`` while it is translated, ``shipped`` when complete."""

    DRAFT = "draft"
    SHIPPED = "shipped"


Territory = Annotated[StrictStr, StringConstraints(pattern=r"^(?:[A-Z]{2}|[0-9]{3})$")]


class RegionVariant(BaseModel):
    """How one region writes the language differently (Swiss Standard German: ß -> ss)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: StrictStr = Field(min_length=1, description="The variant's name")
    replace: dict[StrictStr, StrictStr] = Field(
        default_factory=dict, description="Strings to replace in the phrasings, e.g. ß -> ss",
        json_schema_extra={"propertyNames": {"minLength": 1}},
    )

    @field_validator("replace")
    @classmethod
    def _no_empty_keys(cls, value: dict[str, str]) -> dict[str, str]:
        if "" in value:
            raise ValueError("an empty string cannot be replaced")
        return value

    def apply(self, text: str) -> str:
        """Write ``text`` in this region's spelling.

        >>> RegionVariant(name="Swiss", replace={"ß": "ss"}).apply("Grüße")
        'Grüsse'
        """
        for old, new in self.replace.items():
            text = text.replace(old, new)
        return text


class LanguageFile(BaseModel):
    """``locales/<code>/language.toml``: the facts about a language that are not phrasings.

    A folder whose ``language.toml`` gives ``registers`` defines a language; an overlay folder
    for a language defined elsewhere may add ``regions`` and nothing else.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        # What the validators below check, said to JSON Schema too, so an editor agrees.
        json_schema_extra={"dependentRequired": {"registers": ["status"],
                                                 "status": ["registers"]}},
    )

    registers: tuple[Register, ...] | None = Field(
        default=None,
        description='The address forms the language distinguishes in customer service: '
        '["formal", "informal"] (Sie/du, vy/ty, siz/sen) or ["neutral"] (one form)',
        json_schema_extra={"anyOf": [
            {"type": "array", "items": {"enum": [Register.FORMAL.value, Register.INFORMAL.value]},
             "minItems": 2, "maxItems": 2, "uniqueItems": True},
            {"const": [Register.NEUTRAL.value]},
        ]},
    )
    status: Status | None = Field(
        default=None,
        description="draft while the translation is in progress; shipped when it meets the "
        "content minimums",
    )
    regions: dict[Territory, RegionVariant] = Field(
        default_factory=dict, description="Regional variants, by CLDR territory code (CH)"
    )

    @field_validator("registers")
    @classmethod
    def _two_or_one(cls, value: tuple[Register, ...] | None) -> tuple[Register, ...] | None:
        if value is None:
            return value
        if set(value) == {Register.FORMAL, Register.INFORMAL} and len(value) == 2:
            return (Register.FORMAL, Register.INFORMAL)
        if value == (Register.NEUTRAL,):
            return value
        raise ValueError('registers must be ["formal", "informal"] or ["neutral"]')

    @model_validator(mode="after")
    def _status_with_registers(self) -> LanguageFile:
        if (self.registers is None) != (self.status is None):
            raise ValueError("a language is defined by registers and status together; an "
                             "overlay's language.toml gives neither (only regions)")
        return self
