"""The phrasings themselves: depth, alignment, provenance, placeholders, spelling, no copying."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

import phrasebook
from phrasebook import Intent, Register
from phrasebook.rendering import placeholders
from phrasebook.sources import citation_problem

from .conftest import LANGS, ROOT

TWO_REGISTERS = ("de", "cs", "tr", "ka")
MINIMUM = 6
GUIDES = ROOT.parent / "shared" / "guides"
HUNSPELL = {"de": "de_DE", "cs": "cs_CZ", "tr": "tr_TR", "nb": "nb_NO", "en": "en_US"}
# Correct words the Debian dictionaries do not know: inflected forms, compounds, loanwords.
SPELLING_ALLOWLIST = {
    "de": set(),
    "cs": {"e"},  # "e-mail": Hunspell splits at the hyphen
    "tr": {"faturandaki", "bildiriminiz", "hattayım", "siparişinizdeki", "siparişinle",
           "talebinle"},
    "nb": {"kollegaen", "chatten", "e", "fakturaen", "leveringsdatoen", "noe"},
    "en": set(),
}


def english(book: phrasebook.Phrasebook) -> dict[str, phrasebook.Phrase]:
    return {p.id: p for p in book.language_phrases("en").phrases}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("intent", list(Intent))
def test_depth_per_register(book: phrasebook.Phrasebook, lang: str, intent: Intent) -> None:
    registers = (Register.FORMAL, Register.INFORMAL) if lang in TWO_REGISTERS else (None,)
    for register in registers:
        found = book.phrases(intent, lang, register=register)
        distinct = {p.text for p in found}
        assert len(distinct) >= MINIMUM, (lang, intent.value, register, len(distinct))


def test_roughly_four_hundred_phrasings(book: phrasebook.Phrasebook) -> None:
    total = sum(len(book.language_phrases(lang).phrases) for lang in LANGS)
    assert total >= 400


@pytest.mark.parametrize("lang", LANGS)
def test_alignment_with_english(book: phrasebook.Phrasebook, lang: str) -> None:
    base = english(book)
    ids = {p.id for p in book.language_phrases(lang).phrases}
    assert ids == set(base), (sorted(set(base) - ids), sorted(ids - set(base)))


@pytest.mark.parametrize("lang", TWO_REGISTERS)
def test_register_variants_come_in_pairs(book: phrasebook.Phrasebook, lang: str) -> None:
    variants: dict[str, set[Register]] = {}
    for phrase in book.language_phrases(lang).phrases:
        variants.setdefault(phrase.id, set()).add(phrase.register)
    for phrase_id, registers in variants.items():
        assert registers in ({Register.NEUTRAL}, {Register.FORMAL, Register.INFORMAL}), phrase_id


@pytest.mark.parametrize("lang", ("en", "nb"))
def test_one_register_languages_are_neutral(book: phrasebook.Phrasebook, lang: str) -> None:
    assert {p.register for p in book.language_phrases(lang).phrases} == {Register.NEUTRAL}


@pytest.mark.parametrize("lang", LANGS)
def test_placeholder_parity(book: phrasebook.Phrasebook, lang: str) -> None:
    base = english(book)
    for phrase in book.language_phrases(lang).phrases:
        assert placeholders(phrase.text) == placeholders(base[phrase.id].text), phrase.id


def test_placeholders_in_use(book: phrasebook.Phrasebook) -> None:
    used = set().union(*(placeholders(p.text) for p in english(book).values()))
    assert {"agent_name", "order_id", "team", "minutes"} <= used


@pytest.mark.parametrize("lang", LANGS)
def test_no_grammatical_ending_on_a_placeholder(book: phrasebook.Phrasebook, lang: str) -> None:
    glued = re.compile(r"\}['’]?\w|\w\{(?!\w+, ?(?:plural|select))")
    for phrase in book.language_phrases(lang).phrases:
        simple = re.sub(r"\{\w+, ?(?:plural|select)ordinal?.*", "", phrase.text)
        assert not glued.search(simple), (phrase.id, phrase.text)


@pytest.mark.parametrize("lang", LANGS)
def test_every_phrasing_cites_a_guide_section(book: phrasebook.Phrasebook, lang: str) -> None:
    for phrase in book.language_phrases(lang).phrases:
        assert citation_problem(phrase.source) is None, (phrase.id, phrase.source)


def test_every_guide_is_cited(book: phrasebook.Phrasebook) -> None:
    cited = {p.source.split("#")[0] for lang in LANGS
             for p in book.language_phrases(lang).phrases}
    assert cited == {"tr-angry-customers", "de-six-ways", "ka-unhappy-customers",
                     "cs-difficult-customer", "nb-rude-customers"}


@pytest.mark.parametrize("lang", LANGS)
def test_channels_and_variety(book: phrasebook.Phrasebook, lang: str) -> None:
    phrases = book.language_phrases(lang).phrases
    phone_only = [p for p in phrases if p.channels == (phrasebook.Channel.PHONE,)]
    assert phone_only, "short spoken forms for the phone"
    assert any(phrasebook.Channel.EMAIL in p.channels for p in phrases)


def test_no_sir_in_norwegian_and_english(book: phrasebook.Phrasebook) -> None:
    for lang, words in (("nb", r"\b(sir|frue)\b"), ("en", r"\b(sir|ma'am|madam)\b")):
        for phrase in book.language_phrases(lang).phrases:
            assert not re.search(words, phrase.text, re.IGNORECASE), phrase.text


def test_czech_does_not_assume_gender(book: phrasebook.Phrasebook) -> None:
    # Past-tense or short-adjective forms that agree with one gender, for "you" or "I".
    gendered = re.compile(
        r"\b(?:měl|měla|byl|byla|mohl|mohla|chtěl|chtěla|rád|ráda|sám|sama|musel|musela"
        r"|čekal|čekala|dostal|dostala|zaplatil|zaplatila|objednal|objednala|obdržel|obdržela"
        r"|napsal|napsala|volal|volala|kontaktoval|kontaktovala|spokojen|spokojena)\s+"
        r"(?:jste|jsi|jsem)\b|\b(?:jste|jsi|jsem)\s+(?:měl|měla|byl|byla|mohl|mohla|musel|"
        r"musela|čekal|čekala|dostal|dostala|rád|ráda)\b",
        re.IGNORECASE,
    )
    for phrase in book.language_phrases("cs").phrases:
        if "select" in phrase.text:
            continue
        assert not gendered.search(phrase.text), (phrase.id, phrase.text)


@pytest.mark.parametrize("lang", sorted(HUNSPELL))
def test_spelling(book: phrasebook.Phrasebook, lang: str) -> None:
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        message = ("hunspell is not installed (apt-get install hunspell hunspell-de-de "
                   "hunspell-cs hunspell-tr hunspell-no hunspell-en-us); .ci/run installs it")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    texts = [p.render(minutes=2, team="", order_id="", agent_name="")
             for p in book.language_phrases(lang).phrases]
    result = subprocess.run([hunspell, "-d", HUNSPELL[lang], "-l"], input="\n".join(texts),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    unknown = {word.lower() for word in result.stdout.split()}
    assert unknown <= SPELLING_ALLOWLIST[lang], sorted(unknown - SPELLING_ALLOWLIST[lang])


def _guide_sentences() -> list[str]:
    sentences = []
    for path in sorted(GUIDES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 8]
    return sentences


def test_no_guide_text_beyond_a_phrasing() -> None:
    if not GUIDES.is_dir():
        pytest.skip(f"the source guides are not beside the checkout ({GUIDES})")
    sentences = _guide_sentences()
    assert sentences
    tracked = [p for p in ROOT.rglob("*") if p.is_file() and ".git" not in p.parts
               and ".venv" not in p.parts and p.suffix in {".toml", ".md", ".py", ".json"}]
    for path in tracked:
        content = path.read_text(encoding="utf-8", errors="replace")
        copied = [s for s in sentences if s in content]
        assert not copied, f"{path} copies guide text: {copied[0][:80]!r}"
