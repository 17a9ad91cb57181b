"""The typed model: enums, phrase entries, and what the schema rejects."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from phrasebook import Channel, Intent, Phrase, Register, UnknownNameError
from phrasebook.model import PhraseEntry, PhraseFile, coerce, intent_of

GOOD = {
    "id": "empathize.frustration",
    "register": "formal",
    "text": "Ich verstehe, dass Sie das ärgert.",
    "source": "de-six-ways#2",
}


def test_intent_values_are_exactly_the_seven() -> None:
    assert [i.value for i in Intent] == [
        "acknowledge", "paraphrase", "empathize", "apologize", "set-boundary", "hand-off", "thank",
    ]
    assert Intent.SET_BOUNDARY == "set-boundary"
    assert Intent.HAND_OFF.value == "hand-off"


def test_register_and_channel_values() -> None:
    assert {r.value for r in Register} == {"formal", "informal", "neutral"}
    assert {"phone", "chat", "email"} <= {c.value for c in Channel}


@pytest.mark.parametrize("text", ["set-boundary", "SET_BOUNDARY", " Set-Boundary "])
def test_coerce_accepts_spellings(text: str) -> None:
    assert coerce(Intent, text, "intent") is Intent.SET_BOUNDARY


def test_coerce_suggests_close_match() -> None:
    with pytest.raises(UnknownNameError) as info:
        coerce(Intent, "empathise", "intent")
    assert info.value.suggestion == "empathize"
    assert "did you mean 'empathize'?" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_good_entry_validates_with_default_channels() -> None:
    entry = PhraseEntry.model_validate(GOOD)
    assert entry.register is Register.FORMAL
    assert entry.channels == (Channel.PHONE, Channel.CHAT, Channel.EMAIL)
    assert intent_of(entry.id) is Intent.EMPATHIZE


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"registr": "formal"}, "extra_forbidden"),
        ({"register": "formel"}, "enum"),
        ({"id": "empathise.frustration"}, "empathise"),
        ({"id": "Empathize Frustration"}, "string_pattern_mismatch"),
        ({"source": "somewhere"}, "string_pattern_mismatch"),
        ({"text": ""}, "string_too_short"),
        ({"channels": ["fax"]}, "enum"),
        ({"channels": []}, "too_short"),
        ({"channels": ["chat", "chat"]}, "listed twice"),
        ({"allow": ["refusal"]}, "needs a reason"),
        ({"allow": ["refusal"], "reason": "  "}, "needs a reason"),
        ({"reason": "no waiver"}, "nothing is waived"),
    ],
)
def test_bad_entries_are_rejected(change: dict[str, object], fragment: str) -> None:
    data = {**GOOD, **change}
    with pytest.raises(ValidationError) as info:
        PhraseEntry.model_validate(data)
    assert fragment in repr(info.value.errors())


def test_missing_text_is_rejected() -> None:
    data = {k: v for k, v in GOOD.items() if k != "text"}
    with pytest.raises(ValidationError):
        PhraseEntry.model_validate(data)


def test_unknown_top_level_key_is_rejected() -> None:
    with pytest.raises(ValidationError):
        PhraseFile.model_validate({"phrases": [GOOD]})


def test_models_are_frozen() -> None:
    entry = PhraseEntry.model_validate(GOOD)
    phrase = Phrase.from_entry(entry, "de")
    with pytest.raises(ValidationError):
        phrase.text = "changed"  # type: ignore[misc]
    assert phrase.intent is Intent.EMPATHIZE
    assert phrase.to_json()["register"] == "formal"
