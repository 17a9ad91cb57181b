"""The phrasings themselves: depth, alignment, provenance, placeholders, spelling, no copying.

Which languages, registers and guides there are comes from the locale files: a new language
folder is tested as soon as it exists (the content minimums apply once it is shipped).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import phrasebook
from phrasebook import Intent, Register
from phrasebook.icu import placeholders
from phrasebook.translate.coverage import MINIMUM

from .conftest import LANGS, ONE_REGISTER, ROOT, SHIPPED, TWO_REGISTERS, registers_of

GUIDES = ROOT.parent / "shared" / "guides"
# Hunspell dictionaries (Debian's names) for the languages that have one.
HUNSPELL = {"de": "de_DE", "cs": "cs_CZ", "tr": "tr_TR", "nb": "nb_NO", "en": "en_US"}
HUNSPELL_DIRS = (Path("/usr/share/hunspell"), Path("/usr/share/myspell"))
INSTALL_HINT = ("apt-get install hunspell hunspell-de-de hunspell-cs hunspell-tr hunspell-no "
                "hunspell-en-us; .ci/run installs them")
# Correct words the Debian dictionaries do not know: inflected forms, compounds, loanwords.
SPELLING_ALLOWLIST = {
    "de": {"dranbleiben"},  # in Duden; Hunspell's de_DE lacks it
    "cs": {"e"},  # "e-mail": Hunspell splits at the hyphen
    "tr": {"faturandaki", "bildiriminiz", "hattayım", "siparişinizdeki", "siparişinle",
           "talebinle", "umuyordun"},  # regular forms Hunspell's tr_TR lacks
    "nb": {"kollegaen", "chatten", "e", "fakturaen", "leveringsdatoen", "noe"},
    "en": set(),
}


def english(book: phrasebook.Phrasebook) -> dict[str, phrasebook.Phrase]:
    return {p.id: p for p in book.language_phrases("en").phrases}


@pytest.mark.parametrize("lang", SHIPPED)
@pytest.mark.parametrize("intent", list(Intent))
def test_depth_per_register(book: phrasebook.Phrasebook, lang: str, intent: Intent) -> None:
    for register in registers_of(lang):
        found = book.phrases(intent, lang, register=register)
        distinct = {p.text for p in found}
        assert len(distinct) >= MINIMUM, (lang, intent.value, register.value, len(distinct))


@pytest.mark.parametrize("lang", LANGS)
def test_alignment_with_english(book: phrasebook.Phrasebook, lang: str) -> None:
    base = english(book)
    ids = {p.id for p in book.language_phrases(lang).phrases}
    assert ids <= set(base), sorted(ids - set(base))
    if lang in SHIPPED:
        assert ids == set(base), sorted(set(base) - ids)


@pytest.mark.parametrize("lang", TWO_REGISTERS)
def test_register_variants_come_in_pairs(book: phrasebook.Phrasebook, lang: str) -> None:
    variants: dict[str, set[Register]] = {}
    for phrase in book.language_phrases(lang).phrases:
        variants.setdefault(phrase.id, set()).add(phrase.register)
    for phrase_id, registers in variants.items():
        assert registers in ({Register.NEUTRAL}, {Register.FORMAL, Register.INFORMAL}), phrase_id


@pytest.mark.parametrize("lang", ONE_REGISTER)
def test_one_register_languages_are_neutral(book: phrasebook.Phrasebook, lang: str) -> None:
    assert {p.register for p in book.language_phrases(lang).phrases} == {Register.NEUTRAL}


@pytest.mark.parametrize("lang", LANGS)
def test_placeholder_parity(book: phrasebook.Phrasebook, lang: str) -> None:
    base = english(book)
    for phrase in book.language_phrases(lang).phrases:
        assert placeholders(phrase.text) == placeholders(base[phrase.id].text), phrase.id


@pytest.mark.parametrize("lang", LANGS)
def test_no_grammatical_ending_on_a_placeholder(book: phrasebook.Phrasebook, lang: str) -> None:
    glued = re.compile(r"\}['’]?\w|\w\{(?!\w+, ?(?:plural|select))")
    for phrase in book.language_phrases(lang).phrases:
        simple = re.sub(r"\{\w+, ?(?:plural|select)ordinal?.*", "", phrase.text)
        assert not glued.search(simple), (phrase.id, phrase.text)


@pytest.mark.parametrize("lang", LANGS)
def test_every_phrasing_cites_a_guide_section(book: phrasebook.Phrasebook, lang: str) -> None:
    citations = book.catalog.citations()
    for phrase in book.language_phrases(lang).phrases:
        assert citations.problem(phrase.source) is None, (phrase.id, phrase.source)


def test_every_guide_is_cited(book: phrasebook.Phrasebook) -> None:
    cited = {p.source.split("#")[0] for lang in LANGS
             for p in book.language_phrases(lang).phrases}
    assert cited == set(book.catalog.citations().guides)


@pytest.mark.parametrize("lang", SHIPPED)
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


def _missing(what: str) -> None:
    """Fail in CI, skip elsewhere: a spelling check that cannot run is not a pass."""
    message = f"{what} ({INSTALL_HINT})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.mark.parametrize("lang", [code for code in LANGS if code in HUNSPELL])
def test_spelling(book: phrasebook.Phrasebook, lang: str) -> None:
    hunspell = shutil.which("hunspell")
    if hunspell is None:
        _missing("hunspell is not installed")
    dictionary = HUNSPELL[lang]
    if not any((folder / f"{dictionary}.dic").is_file() for folder in HUNSPELL_DIRS):
        _missing(f"the Hunspell dictionary {dictionary} is not installed")
    texts = [p.render(minutes=2, team="", order_id="", agent_name="")
             for p in book.language_phrases(lang).phrases]
    result = subprocess.run([str(hunspell), "-d", dictionary, "-l"], input="\n".join(texts),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    unknown = {word.lower() for word in result.stdout.split()}
    allowed = SPELLING_ALLOWLIST.get(lang, set())
    assert unknown <= allowed, sorted(unknown - allowed)


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
