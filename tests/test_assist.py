"""Agent assist: `phrasebook.suggest`, its types, the playbook, and the signal rules as data."""

from __future__ import annotations

import dataclasses
import tomllib
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

import phrasebook
from phrasebook import Channel, Intent, Register
from phrasebook.assist import store
from phrasebook.catalog.paths import builtin_root
from phrasebook.errors import LocaleDataError, PhrasebookError, UnknownNameError
from phrasebook.translate.validate import validate_paths

from .conftest import SHIPPED, TWO_REGISTERS

# The signal ids the issue names, exactly.
SIGNALS = {"anger", "abuse", "threat", "escalation-external", "manager", "repeat", "waiting",
           "delivery", "defect", "billing", "gratitude", "confusion"}
PLAYBOOK = builtin_root() / "playbook.toml"


def playbook() -> store.Playbook:  # type: ignore[name-defined]
    return store.playbook(phrasebook.load([]).catalog)


def steps_of(message: str, lang: str, **kwargs: object) -> list[str]:
    return [step.intent.value for step in phrasebook.suggest(message, lang, **kwargs).steps]  # type: ignore[arg-type]


# --- the API ------------------------------------------------------------------------------------

def test_the_issue_example() -> None:
    found = phrasebook.suggest("Das ist das dritte Mal, dass ich anrufe! Ich will Ihren "
                               "Vorgesetzten sprechen!", "de")
    assert isinstance(found, phrasebook.Suggestion)
    assert found.ids == ("repeat", "manager")
    assert found.address is Register.FORMAL
    assert found.register is Register.FORMAL  # the agent's: the default, not the customer's
    assert [s.intent for s in found.steps] == [Intent.APOLOGIZE, Intent.HAND_OFF]
    apology, hand_off = found.steps
    assert apology.phrases[0].id == "apologize.repeat-contact"
    assert hand_off.phrases[0].id == "hand-off.manager"
    assert all(p.lang == "de" and p.register in (Register.FORMAL, Register.NEUTRAL)
               for step in found.steps for p in step.phrases)
    assert "tr-angry-customers#3.3" in hand_off.sources


def test_types_are_exported_typed_and_immutable() -> None:
    assert {"suggest", "Suggestion", "Signal", "Step"} <= set(phrasebook.__all__)
    found = phrasebook.suggest("Where is my parcel? It still hasn't arrived.", "en")
    signal, step = found.signals[0], found.steps[0]
    assert isinstance(signal, phrasebook.Signal) and isinstance(step, phrasebook.Step)
    for value in (found, signal, step):
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.lang = "x"  # type: ignore[misc, union-attr]
    assert isinstance(step.phrases, tuple) and isinstance(found.signals, tuple)


def test_book_method_and_function_agree() -> None:
    book = phrasebook.load()
    text = "I've been on hold for an hour and nobody has called back."
    assert book.suggest(text, "en") == phrasebook.suggest(text, "en")


@pytest.mark.parametrize("text", [
    "Das ist eine Unverschämtheit, Ihr Kollege hat nicht zurückgerufen!",
    unicodedata.normalize("NFD", "Das ist eine Unverschämtheit, Ihr Kollege hat nicht "
                                 "zurückgerufen!"),
    "Sehr geehrte Damen und Herren,\r\n\r\nüber 😡😡 zwei Wochen gewartet, das ist eine "
    "Unverschämtheit.\r\nMfG",
])
def test_offsets_index_the_callers_string(text: str) -> None:
    found = phrasebook.suggest(text, "de")
    assert found.signals
    for signal in found.signals:
        assert text[signal.start:signal.end] == signal.match
    assert list(found.signals) == sorted(found.signals)


def test_offsets_through_mtavruli_and_latin_georgian() -> None:
    for text in ("ᲡᲐᲓ ᲐᲠᲘᲡ ᲩᲔᲛᲘ ᲨᲔᲙᲕᲔᲗᲐ?!!! 10 დღის წინ უნდა მოსულიყო.",
                 "kartidan orjer chamomechra 15.99 lari, shegidzliat naxot?"):
        found = phrasebook.suggest(text, "ka")
        assert found.signals
        assert all(text[s.start:s.end] == s.match for s in found.signals)


def test_positions_are_one_based_lines_and_columns() -> None:
    found = phrasebook.suggest("Hello.\nThis is ridiculous.", "en")
    assert found.signals[0].match == "is ridiculous"
    assert found.positions()[0] == (2, 6)
    assert found.to_json()["signals"][0]["line"] == 2


def test_a_calm_message_has_no_signals_and_no_steps() -> None:
    found = phrasebook.suggest("Could you tell me your opening hours on Saturday?", "en")
    assert found.signals == () and found.steps == ()


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("en", "I'm not angry, just confused.", {"confusion"}),
    ("en", "My manager asked me to call about our invoice.", set()),
    ("en", "Your app showed me a 'security threat' warning.", set()),
    ("en", "Thanks for nothing.", {"anger"}),
    ("en", "No rush, whenever you can.", set()),
    ("de", "Meine Vorgesetzte hat gesagt, ich soll mich bei euch melden.", set()),
    ("de", "Ich bin nicht sauer, ich verstehe nur nicht, was das ist.", {"confusion"}),
    ("tr", "Kızgın değilim, sadece kafam karıştı.", {"confusion"}),
    ("cs", "Nezlobím se, jen vůbec nechápu, proč to tak je.", {"confusion"}),
    ("nb", "Jeg er ikke sint, bare forvirret.", {"confusion"}),
    ("ka", "არა, არ ვარ გაბრაზებული, უბრალოდ დაბნეული ვარ.", {"confusion"}),
])
def test_hard_negatives(lang: str, text: str, expected: set[str]) -> None:
    assert set(phrasebook.suggest(text, lang).ids) == expected


def test_abuse_and_threat_put_the_boundary_first() -> None:
    found = phrasebook.suggest("You useless idiots. I know where your office is. This is "
                               "ridiculous and my parcel never arrived.", "en")
    assert {"abuse", "threat", "anger", "delivery"} <= set(found.ids)
    assert found.steps[0].intent is Intent.SET_BOUNDARY
    assert found.steps[0].phrases[0].id == "set-boundary.threats"  # the threat, most urgent
    assert {"threat", "abuse"} <= set(found.steps[0].signals)


def test_anger_is_acknowledged_and_empathised_before_the_facts() -> None:
    steps = steps_of("I'm furious, the kettle I bought is broken.", "en")
    assert steps == ["acknowledge", "empathize", "paraphrase", "apologize"]


def test_topic_signals_bring_their_paraphrase_and_apology() -> None:
    found = phrasebook.suggest("You charged me twice and my parcel still hasn't arrived.", "en")
    ids = [p.id for step in found.steps for p in step.phrases]
    for topic in ("late-delivery", "billing-error"):
        assert f"paraphrase.{topic}" in ids and f"apologize.{topic}" in ids
    paraphrase = next(s for s in found.steps if s.intent is Intent.PARAPHRASE)
    assert [p.id for p in paraphrase.phrases] == ["paraphrase.late-delivery",
                                                  "paraphrase.billing-error"]  # one step


def test_confusion_gratitude_and_repeat() -> None:
    found = phrasebook.suggest("I don't understand what this letter means.", "en",
                               channel="chat")
    assert [p.id for p in found.steps[0].phrases] == ["paraphrase.make-sure",
                                                      "paraphrase.expectations"]
    assert steps_of("Thank you so much, it works now!", "en") == ["thank"]
    repeat = phrasebook.suggest("This is the third time I've written to you.", "en")
    assert repeat.steps[0].phrases[0].id == "apologize.repeat-contact"


def test_register_and_channel_choose_the_phrasings() -> None:
    text = "Ich warte seit drei Wochen auf mein Geld!"
    informal = phrasebook.suggest(text, "de", register="informal", channel="email")
    assert informal.register is Register.INFORMAL and informal.channel is Channel.EMAIL
    phrases = [p for step in informal.steps for p in step.phrases]
    assert phrases and all(p.register in (Register.INFORMAL, Register.NEUTRAL) for p in phrases)
    assert all(Channel.EMAIL in p.channels for p in phrases)
    by_phone = phrasebook.suggest("Get me your manager now.", "en", channel="phone")
    assert by_phone.steps[-1].phrases[0].id == "hand-off.manager"
    by_email = phrasebook.suggest("Get me your manager now.", "en", channel="email")
    assert "hand-off.manager" not in [p.id for p in by_email.steps[-1].phrases]  # phone, chat


def test_a_regional_tag_gets_regional_phrasings() -> None:
    found = phrasebook.suggest("Das ist eine Unverschämtheit!", "de-CH")
    texts = " ".join(p.text for step in found.steps for p in step.phrases)
    assert found.lang == "de" and "ß" not in texts


@pytest.mark.parametrize(("lang", "text", "address"), [
    ("de", "Können Sie mir bitte helfen?", Register.FORMAL),
    ("de", "Kannst du mir bitte helfen?", Register.INFORMAL),
    ("de", "Mein Paket ist nicht angekommen.", Register.NEUTRAL),
    ("tr", "Paramı iade etmedin, kendine dikkat et.", Register.INFORMAL),
    ("cs", "Můžete mi prosím říct, kde je můj balík?", Register.FORMAL),
    ("en", "Can you help me?", None),
    ("nb", "Kan du hjelpe meg?", None),
])
def test_the_customers_address_form(lang: str, text: str, address: Register | None) -> None:
    assert phrasebook.suggest(text, lang).address is address


@pytest.mark.parametrize(("call", "error"), [
    (lambda: phrasebook.suggest(None, "en"), PhrasebookError),  # type: ignore[arg-type]
    (lambda: phrasebook.suggest("x", "fr"), phrasebook.UnsupportedLanguageError),
    (lambda: phrasebook.suggest("x", "en", register="formel"), UnknownNameError),
    (lambda: phrasebook.suggest("x", "en", channel="fax"), UnknownNameError),
])
def test_bad_input_raises_one_clear_error(call: Callable[[], object], error: type) -> None:
    with pytest.raises(error):
        call()


def test_json_is_complete() -> None:
    data = phrasebook.suggest("I've been waiting two weeks for my refund!!!", "en").to_json()
    assert set(data) == {"lang", "register", "channel", "address", "signals", "steps"}
    assert {s["id"] for s in data["signals"]} >= {"waiting", "abuse"}
    assert set(data["steps"][0]) == {"intent", "signals", "sources", "notes", "phrases"}
    assert set(data["steps"][0]["phrases"][0]) == {"id", "text", "register"}


# --- the playbook and the signal rules as data -------------------------------------------------

def test_the_playbook_declares_exactly_the_issues_signals() -> None:
    assert set(playbook().signals) == SIGNALS


def test_the_playbook_maps_signals_as_the_issue_requires() -> None:
    steps = playbook().steps

    def step(signal: str, intent: str) -> phrasebook.assist.schema.StepEntry:  # type: ignore[name-defined]
        return next(s for s in steps[signal] if s.intent.value == intent)

    assert {"tr-angry-customers#3.2", "cs-difficult-customer#7"} <= set(
        step("abuse", "set-boundary").sources)
    assert "nb-rude-customers#warning" in step("threat", "set-boundary").sources
    assert "tr-angry-customers#3.3" in step("manager", "hand-off").sources
    assert step("repeat", "apologize").phrases == ("apologize.repeat-contact",)
    for signal, topic in (("delivery", "late-delivery"), ("defect", "defective-product"),
                          ("billing", "billing-error"), ("waiting", "long-wait")):
        assert step(signal, "paraphrase").phrases[0] == f"paraphrase.{topic}"
        assert step(signal, "apologize").phrases[0] == f"apologize.{topic}"
    assert "de-six-ways#2" in step("anger", "acknowledge").sources
    assert step("anger", "empathize")
    assert step("gratitude", "thank")
    assert step("confusion", "paraphrase").phrases == ("paraphrase.make-sure",
                                                       "paraphrase.expectations")
    order = list(playbook().order)
    assert order[0] is Intent.SET_BOUNDARY
    assert order.index(Intent.ACKNOWLEDGE) < order.index(Intent.EMPATHIZE) < order.index(
        Intent.PARAPHRASE)


@pytest.mark.parametrize("lang", SHIPPED)
def test_every_language_has_rules_for_every_signal(locales_dir: Path, lang: str) -> None:
    data = tomllib.loads((locales_dir / lang / "signals.toml").read_text(encoding="utf-8"))
    assert {rule["rule"] for rule in data["rule"]} - {"register"} == SIGNALS


@pytest.mark.parametrize("lang", SHIPPED)
def test_signal_rules_fire_on_their_flags_and_not_on_their_passes(locales_dir: Path,
                                                                 lang: str) -> None:
    assert [str(p) for p in validate_paths([locales_dir / lang / "signals.toml"])] == []


def test_the_playbook_validates() -> None:
    assert [str(p) for p in validate_paths([PLAYBOOK])] == []


# --- validation and loading of broken data -----------------------------------------------------

def _playbook(step: str = "", order: str = '"set-boundary", "acknowledge", "empathize", '
              '"paraphrase", "apologize", "hand-off", "thank"') -> str:
    return (f"order = [{order}]\n\n"
            '[[signal]]\nid = "anger"\ndescription = "Anger."\n\n'
            '[[step]]\nsignal = "anger"\nintent = "empathize"\n'
            'phrases = ["empathize.why-upset"]\nsources = ["nb-rude-customers#2.1"]\n' + step)


@pytest.mark.parametrize(("content", "expected"), [
    (_playbook('\n[[step]]\nsignal = "angr"\nintent = "thank"\nsources = '
               '["tr-angry-customers#3.4"]\n'),
     "playbook.toml:14: error: unknown signal 'angr' (signals: anger); did you mean 'anger'?"),
    (_playbook('\n[[step]]\nsignal = "anger"\nintent = "thank"\nphrases = '
               '["empathize.why-upset"]\nsources = ["tr-angry-customers#3.4"]\n'),
     "playbook.toml:16: error: 'empathize.why-upset' is not a thank phrasing"),
    (_playbook('\n[[step]]\nsignal = "anger"\nintent = "thank"\nphrases = '
               '["thank.patiense"]\nsources = ["tr-angry-customers#3.4"]\n'),
     "playbook.toml:16: error: no phrasing 'thank.patiense' in English; did you mean "
     "'thank.patience'?"),
    (_playbook('\n[[step]]\nsignal = "anger"\nintent = "thank"\nsources = '
               '["tr-angry-customers#9.9"]\n'),
     "playbook.toml:16: error: sources: tr-angry-customers has no section '9.9'"),
    (_playbook(order='"thank"'), "playbook.toml:1: error: order lists every intent exactly once"),
    (_playbook().replace('intent = "empathize"', 'intent = "empathise"'),
     "playbook.toml:9: error: intent: 'empathise' is not one of"),
])
def test_a_broken_playbook_names_the_line(make_tree: Callable[..., Path], content: str,
                                          expected: str) -> None:
    root = make_tree({"playbook.toml": content, "en/language.toml": 'registers = ["neutral"]\n'
                      'status = "draft"\n'})
    problems = [str(p) for p in validate_paths([root / "playbook.toml"])]
    assert any(p.endswith(expected) or expected in p for p in problems), problems


def test_loading_refuses_a_broken_playbook(make_tree: Callable[..., Path]) -> None:
    from phrasebook.assist.playbook import load_playbook

    root = make_tree({"playbook.toml": _playbook('\n[[step]]\nsignal = "angr"\n'
                                                 'intent = "thank"\nsources = '
                                                 '["tr-angry-customers#3.4"]\n')})
    with pytest.raises(LocaleDataError, match=r"playbook.toml:14: unknown signal 'angr'"):
        load_playbook(root / "playbook.toml")


def test_a_signal_file_with_an_unknown_signal_names_the_line(make_tree: Callable[..., Path]
                                                            ) -> None:
    root = make_tree({"de/signals.toml": '''
        [[rule]]
        rule = "angr"
        message = "Anger."
        patterns = ["wütend"]
        flags = ["Ich bin wütend."]
        passes = ["Ich bin froh."]
        '''})
    problems = [str(p) for p in validate_paths([root / "de" / "signals.toml"])]
    assert any(p.endswith("signals.toml:2: error: unknown signal 'angr' (signals: threat, "
                          "abuse, escalation-external, manager, anger, repeat, delivery, "
                          "defect, billing, waiting, confusion, gratitude); did you mean "
                          "'anger'?") for p in problems), problems


def test_a_signal_rule_whose_example_does_not_fire_names_the_line(
        make_tree: Callable[..., Path]) -> None:
    root = make_tree({"de/signals.toml": '''
        [[rule]]
        rule = "anger"
        message = "Anger."
        patterns = ["wütend"]
        flags = ["Ich bin sauer."]
        passes = ["Ich bin froh."]
        '''})
    problems = [str(p) for p in validate_paths([root / "de" / "signals.toml"])]
    assert any("signals.toml:5: error: rule 'anger' does not flag its example" in p
               for p in problems), problems


@pytest.mark.parametrize("lang", [code for code in TWO_REGISTERS if code in SHIPPED])
def test_address_rules_in_signal_files_are_not_signals(locales_dir: Path, lang: str) -> None:
    rules = store.signal_rules(phrasebook.load([]).catalog, lang)
    assert "register" not in rules.signals.rule_ids
    assert rules.address
