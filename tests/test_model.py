"""The typed model and the locale-file schema: enums, phrase entries, what the schema rejects."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from phrasebook import Channel, Intent, Phrase, Register, UnknownNameError
from phrasebook.catalog.schema import LanguageFile, PhraseEntry, PhraseFile
from phrasebook.model import coerce, intent_of

GOOD = {
    "id": "empathize.frustration",
    "formal": "Ich verstehe, dass Sie das ärgert.",
    "informal": "Ich verstehe, dass dich das ärgert.",
    "source": "de-six-ways#2",
}


def test_intent_values_are_exactly_the_seven() -> None:
    assert [i.value for i in Intent] == [
        "acknowledge", "paraphrase", "empathize", "apologize", "set-boundary", "hand-off", "thank",
    ]
    assert Intent.SET_BOUNDARY == "set-boundary"


@pytest.mark.parametrize("text", ["set-boundary", "SET_BOUNDARY", " Set-Boundary "])
def test_coerce_accepts_spellings(text: str) -> None:
    assert coerce(Intent, text, "intent") is Intent.SET_BOUNDARY


def test_coerce_suggests_close_match() -> None:
    with pytest.raises(UnknownNameError) as info:
        coerce(Intent, "empathise", "intent")
    assert info.value.suggestion == "empathize"
    assert "did you mean 'empathize'?" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_good_entry_validates_and_gives_its_texts_by_register() -> None:
    entry = PhraseEntry.model_validate(GOOD)
    assert entry.channels is None  # inherited from English when loaded
    assert list(entry.texts()) == [Register.FORMAL, Register.INFORMAL]
    assert intent_of(entry.id) is Intent.EMPATHIZE
    neutral = PhraseEntry.model_validate({"id": "thank.x", "text": "Danke."})
    assert neutral.texts() == {Register.NEUTRAL: "Danke."}


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"registr": "formal"}, "extra_forbidden"),
        ({"id": "empathise.frustration"}, "string_pattern_mismatch"),
        ({"id": "Empathize Frustration"}, "string_pattern_mismatch"),
        ({"source": "somewhere"}, "string_pattern_mismatch"),
        ({"formal": ""}, "string_too_short"),
        ({"text": "Danke."}, "not both"),
        ({"channels": ["fax"]}, "enum"),
        ({"channels": []}, "too_short"),
        ({"channels": ["chat", "chat"]}, "listed twice"),
        ({"allow": ["refusal"]}, "needs a reason"),
        ({"allow": ["refusal"], "reason": "  "}, "string_pattern_mismatch"),
        ({"reason": "no waiver"}, "nothing is waived"),
        ({"todo": "yes"}, "bool_type"),
        ({"todo": 1}, "bool_type"),
        ({"formal": 3}, "string_type"),
    ],
)
def test_bad_entries_are_rejected(change: dict[str, object], fragment: str) -> None:
    data = {**GOOD, **change}
    with pytest.raises(ValidationError) as info:
        PhraseEntry.model_validate(data)
    assert fragment in repr(info.value.errors())


def test_an_entry_needs_a_text() -> None:
    with pytest.raises(ValidationError, match="missing text"):
        PhraseEntry.model_validate({"id": "thank.x"})


def test_unknown_top_level_key_is_rejected() -> None:
    with pytest.raises(ValidationError):
        PhraseFile.model_validate({"phrases": [GOOD]})


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ({"registers": ["formal", "informal"], "status": "shipped"}, True),
        ({"registers": ["informal", "formal"], "status": "draft"}, True),
        ({"registers": ["neutral"], "status": "shipped"}, True),
        ({"regions": {"CH": {"name": "Swiss", "replace": {"ß": "ss"}}}}, True),
        ({"registers": ["formal"], "status": "shipped"}, False),
        ({"registers": ["neutral", "formal"], "status": "shipped"}, False),
        ({"registers": ["neutral"]}, False),
        ({"status": "done", "registers": ["neutral"]}, False),
        ({"regions": {"ch": {"name": "x"}}}, False),
        ({"regions": {"CH": {"name": "x", "replace": {"": "y"}}}}, False),
    ],
)
def test_language_file(data: dict[str, object], ok: bool) -> None:
    if ok:
        LanguageFile.model_validate(data)
    else:
        with pytest.raises(ValidationError):
            LanguageFile.model_validate(data)


def test_phrases_are_frozen() -> None:
    phrase = Phrase(id="thank.x", intent="thank", lang="de", register="formal", text="Danke.",
                    source="de-six-ways#2")
    with pytest.raises(ValidationError):
        phrase.text = "changed"  # type: ignore[misc]
    assert phrase.intent is Intent.THANK
    assert phrase.to_json()["register"] == "formal"
    assert Channel.EMAIL in phrase.channels
