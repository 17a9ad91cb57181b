"""Querying: intents, registers, channels, tags, and the errors for bad names."""

from __future__ import annotations

import pytest

import phrasebook
from phrasebook import Channel, Intent, Register, UnknownNameError, UnsupportedLanguageError

from .conftest import LANGS, SHIPPED


def test_languages_have_cldr_names(book: phrasebook.Phrasebook) -> None:
    names = {lang.code: (lang.native_name, lang.english_name) for lang in book.languages()}
    assert names["de"] == ("Deutsch", "German")
    assert names["ka"] == ("ქართული", "Georgian")
    assert names["nb"][1] == "Norwegian Bokmål"
    assert names["cs"] == ("čeština", "Czech")


def test_intents_in_conversation_order(book: phrasebook.Phrasebook) -> None:
    assert book.intents() == list(Intent)


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("intent", list(Intent))
def test_every_language_has_every_intent(
    book: phrasebook.Phrasebook, lang: str, intent: Intent
) -> None:
    found = book.phrases(intent, lang)
    assert found
    assert all(p.intent is intent and p.lang == lang for p in found)


@pytest.mark.parametrize("tag", ["de", "DE", "de-DE", "de_DE", "de-at", "DE_at"])
def test_tags_are_case_and_separator_insensitive(book: phrasebook.Phrasebook, tag: str) -> None:
    assert book.phrases("empathize", tag) == book.phrases("empathize", "de")


def test_enum_and_string_arguments_agree(book: phrasebook.Phrasebook) -> None:
    assert book.phrases(Intent.HAND_OFF, "tr", register=Register.FORMAL) == book.phrases(
        "hand-off", "tr", register="formal"
    )


@pytest.mark.parametrize("register", ["formal", "informal"])
def test_register_filter_keeps_register_and_neutral(
    book: phrasebook.Phrasebook, register: str
) -> None:
    found = book.phrases("empathize", "de", register=register)
    assert found
    assert {p.register.value for p in found} <= {register, "neutral"}
    assert register in {p.register.value for p in found}


def test_neutral_languages_answer_any_register(book: phrasebook.Phrasebook) -> None:
    assert book.phrases("thank", "nb", register="formal") == book.phrases("thank", "nb")


def test_channel_filter(book: phrasebook.Phrasebook) -> None:
    phone = book.phrases("acknowledge", "en", channel=Channel.PHONE)
    email = book.phrases("acknowledge", "en", channel="email")
    assert phone and all(Channel.PHONE in p.channels for p in phone)
    assert all(Channel.EMAIL in p.channels for p in email)
    assert phone != email


@pytest.mark.parametrize(
    ("kwargs", "suggestion"),
    [
        ({"intent": "empathise", "lang": "de"}, "empathize"),
        ({"intent": "thank", "lang": "de", "register": "formel"}, "formal"),
        ({"intent": "thank", "lang": "de", "channel": "emial"}, "email"),
    ],
)
def test_unknown_names_raise_with_suggestion(
    book: phrasebook.Phrasebook, kwargs: dict[str, str], suggestion: str
) -> None:
    intent = kwargs.pop("intent")
    lang = kwargs.pop("lang")
    with pytest.raises(UnknownNameError) as info:
        book.phrases(intent, lang, **kwargs)
    assert info.value.suggestion == suggestion


def test_unknown_language_is_a_phrasebook_error(book: phrasebook.Phrasebook) -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        book.phrases("thank", "fr")
    assert "not shipped" in str(info.value)
    assert ", ".join(LANGS) in str(info.value)
    assert not isinstance(info.value, KeyError)


def test_returned_lists_do_not_change_the_catalogue(book: phrasebook.Phrasebook) -> None:
    first = book.phrases("thank", "en")
    first.clear()
    assert book.phrases("thank", "en")
