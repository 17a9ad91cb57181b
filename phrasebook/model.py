"""The vocabulary of phrasebook: intents, registers, channels, and `Phrase`.

``Phrase`` is what the library hands out: one phrasing in one language and register, with the
intent its id names and the guide section it cites. It is frozen. The schema of the locale files
that phrasings are read from is `phrasebook.catalog.schema`.
"""

from __future__ import annotations

import unicodedata
import warnings
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from .errors import UnknownNameError

__all__ = [
    "Channel",
    "Intent",
    "Phrase",
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
    try:
        return enum(value)  # the canonical spelling ("formal"): no string work
    except ValueError:
        pass
    text = str(value).strip().lower().replace("_", "-")
    try:
        return enum(text)
    except ValueError:
        raise UnknownNameError(kind, str(value), [m.value for m in enum]) from None


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

        def render(self, **values: Any) -> str:
            """Fill the phrasing's placeholders, with the language's plural rules and numbers.

            >>> p = Phrase(id="hand-off.wait", intent="hand-off", lang="de", register="formal",
            ...            text="Etwa {minutes, plural, one {# Minute} other {# Minuten}}.",
            ...            source="tr-angry-customers#2.4")
            >>> p.render(minutes=5)
            'Etwa 5 Minuten.'
            """
            from .icu import render

            return render(self.text, self.lang, **values)

        def to_json(self) -> dict[str, Any]:
            """Return a JSON-ready dict (enums as their string values)."""
            return self.model_dump(mode="json")
