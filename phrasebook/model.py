"""The vocabulary of phrasebook: intents, registers, channels and the phrase models.

``PhraseEntry`` and ``PhraseFile`` are the schema of ``locales/<code>/phrases.toml``: they reject
unknown keys and wrong types. ``Phrase`` is what the library hands out: an entry plus the
language it belongs to and the intent its id names. All models are frozen.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import UnknownNameError

__all__ = [
    "Channel",
    "Intent",
    "Phrase",
    "PhraseEntry",
    "PhraseFile",
    "Register",
    "coerce",
    "english_hash",
    "intent_of",
]


class Intent(StrEnum):
    """What a phrasing does in the conversation."""

    ACKNOWLEDGE = "acknowledge"
    PARAPHRASE = "paraphrase"
    EMPATHIZE = "empathize"
    APOLOGIZE = "apologize"
    SET_BOUNDARY = "set-boundary"
    HAND_OFF = "hand-off"
    THANK = "thank"


class Register(StrEnum):
    """How a phrasing addresses the customer.

    ``formal`` is the V-form (Sie, vy, siz, თქვენ), ``informal`` the T-form (du, ty, sen, შენ).
    ``neutral`` addresses nobody in a marked way, or belongs to a language with one register in
    customer service (English, Norwegian Bokmål); a neutral phrasing fits any requested register.
    """

    FORMAL = "formal"
    INFORMAL = "informal"
    NEUTRAL = "neutral"


class Channel(StrEnum):
    """Where a phrasing is used: spoken on the phone, typed in a chat, written in an e-mail."""

    PHONE = "phone"
    CHAT = "chat"
    EMAIL = "email"


E = TypeVar("E", bound=StrEnum)


def coerce(enum: type[E], value: E | str, kind: str) -> E:
    """Turn ``value`` into a member of ``enum``, or raise `UnknownNameError` with a suggestion.

    Strings are matched case-insensitively, with ``_`` read as ``-``.

    >>> coerce(Intent, "SET_BOUNDARY", "intent")
    <Intent.SET_BOUNDARY: 'set-boundary'>
    """
    if isinstance(value, enum):
        return value
    text = str(value).strip().lower().replace("_", "-")
    try:
        return enum(text)
    except ValueError:
        raise UnknownNameError(kind, str(value), [m.value for m in enum]) from None


_SLUG = r"[a-z0-9]+(?:[-_.][a-z0-9]+)*"
_ID_RE = re.compile(rf"^[a-z-]+\.{_SLUG}$")
_SOURCE_RE = re.compile(r"^[a-z]{2,3}-[a-z0-9-]+#[A-Za-z0-9.]+$")

PhraseId = Annotated[
    str,
    Field(
        description="<intent>.<slug>: names a meaning shared by every language",
        examples=["empathize.frustration"],
        pattern=_ID_RE.pattern,
    ),
]
Source = Annotated[
    str,
    Field(
        description="The guide section the phrasing is drawn from: <guide-id>#<section>",
        examples=["tr-angry-customers#2.2"],
        pattern=_SOURCE_RE.pattern,
    ),
]
Text = Annotated[str, Field(min_length=1, description="ICU MessageFormat text")]


def english_hash(text: str) -> str:
    """Return the short hash that ties a translation to the English text it was made from.

    >>> english_hash("Thank you for your patience.")
    '6b5e8849'
    """
    import hashlib  # only the translator tools need it; keep it off the start-up path

    normalized = unicodedata.normalize("NFC", text)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:8]


def intent_of(phrase_id: str) -> Intent:
    """Return the intent a phrase id names (the part before the first dot).

    >>> intent_of("hand-off.manager")
    <Intent.HAND_OFF: 'hand-off'>
    """
    return coerce(Intent, phrase_id.split(".", 1)[0], "intent")


# pydantic warns that a field named "register" shadows ABC.register; the field is what we mean,
# and ABC registration is never used on these models.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message='Field name "register"', category=UserWarning)

    class PhraseEntry(BaseModel):
        """One ``[[phrase]]`` table of a ``phrases.toml`` file, as a translator writes it."""

        model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

        id: PhraseId
        # An explicit Field: without one, pydantic would take the inherited ABC ``register``
        # method as this field's default and make the key optional.
        register: Register = Field(description="formal, informal or neutral (see Register)")
        text: Text
        source: Source
        channels: tuple[Channel, ...] = Field(
            default=(Channel.PHONE, Channel.CHAT, Channel.EMAIL),
            min_length=1,
            description="Where the phrasing fits; all channels when omitted",
        )
        note: str | None = Field(default=None, description="Guidance for agents and translators")
        allow: tuple[str, ...] = Field(
            default=(), description="Tone rules waived for this phrasing (needs a reason)"
        )
        reason: str | None = Field(
            default=None, description="Why the tone rules in allow are waived"
        )
        en_hash: str | None = Field(
            default=None,
            pattern=r"^[0-9a-f]{8}$",
            description="Hash of the English text this translation was made from (written by "
            "the tools: new-locale, import-po, confirm)",
        )
        todo: bool = Field(
            default=False, description="Not translated yet: ignored when loading (new-locale)"
        )

        @field_validator("id")
        @classmethod
        def _id_names_an_intent(cls, value: str) -> str:
            intent_of(value)
            return value

        @field_validator("channels")
        @classmethod
        def _channels_unique(cls, value: tuple[Channel, ...]) -> tuple[Channel, ...]:
            if len(set(value)) != len(value):
                raise ValueError("a channel is listed twice")
            return value

        @model_validator(mode="after")
        def _waiver_has_reason(self) -> PhraseEntry:
            if self.allow and not (self.reason and self.reason.strip()):
                raise ValueError("a waiver (allow) needs a reason")
            if self.reason is not None and not self.allow:
                raise ValueError("reason is given but nothing is waived (allow is empty)")
            return self


    class PhraseFile(BaseModel):
        """The whole of a ``phrases.toml`` file: a list of ``[[phrase]]`` tables."""

        model_config = ConfigDict(frozen=True, extra="forbid")

        phrase: tuple[PhraseEntry, ...] = Field(default=(), description="The phrasings")


    class Phrase(BaseModel):
        """A phrasing as the library hands it out: what to say, to whom, and where it comes from.

        >>> p = Phrase(id="thank.patience", intent="thank", lang="en", register="neutral",
        ...            text="Thank you for your patience.", source="tr-angry-customers#3.4")
        >>> p.intent, p.register
        (<Intent.THANK: 'thank'>, <Register.NEUTRAL: 'neutral'>)
        """

        model_config = ConfigDict(frozen=True, extra="forbid")

        id: str
        intent: Intent
        lang: str
        register: Register = Field(description="formal, informal or neutral")
        text: str
        source: str
        channels: tuple[Channel, ...] = (Channel.PHONE, Channel.CHAT, Channel.EMAIL)
        note: str | None = None
        allow: tuple[str, ...] = ()
        reason: str | None = None

        @classmethod
        def from_entry(cls, entry: PhraseEntry, lang: str) -> Phrase:
            """Build the public phrase from a validated file entry."""
            return cls.model_construct(
                id=entry.id,
                intent=intent_of(entry.id),
                lang=lang,
                register=entry.register,
                text=entry.text,
                source=entry.source,
                channels=entry.channels,
                note=entry.note,
                allow=entry.allow,
                reason=entry.reason,
            )

        def render(self, **values: Any) -> str:
            """Fill the phrasing's placeholders, with the language's plural rules and numbers.

            >>> p = Phrase(id="hand-off.wait", intent="hand-off", lang="de", register="formal",
            ...            text="Etwa {minutes, plural, one {# Minute} other {# Minuten}}.",
            ...            source="tr-angry-customers#2.4")
            >>> p.render(minutes=5)
            'Etwa 5 Minuten.'
            """
            from .rendering import render

            return render(self.text, self.lang, **values)

        def to_json(self) -> dict[str, Any]:
            """Return a JSON-ready dict (enums as their string values)."""
            return self.model_dump(mode="json")
