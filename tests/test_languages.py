"""Language tags, aliases, negotiation, fallback, glosses and region variants."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import phrasebook
from phrasebook import LanguageNotice, PhrasebookError, UnsupportedLanguageError
from phrasebook.languages import (
    MAX_HEADER_CHARS,
    MAX_HEADER_RANGES,
    match_language,
    negotiate,
    parse_accept_language,
)

from .conftest import LANGS
from .conftest import SHIPPED as SHIPPED_CODES

Cli = Callable[..., Any]
SHIPPED = set(SHIPPED_CODES)


@pytest.mark.parametrize(
    ("tag", "code"),
    [
        ("de", "de"), ("de-AT", "de"), ("de_AT", "de"), ("DE-at", "de"), ("de-Latn-CH", "de"),
        ("no", "nb"), ("nb-NO", "nb"), ("no-NO", "nb"), ("NO_no", "nb"), ("nb", "nb"),
        ("tr-TR", "tr"), ("ka_GE", "ka"), ("cs-CZ", "cs"), ("en-GB", "en"),
    ],
)
def test_tags_resolve_to_shipped_languages(tag: str, code: str) -> None:
    match = match_language(tag, SHIPPED)
    assert match.code == code
    assert match.notice is None


def test_nynorsk_gets_bokmal_with_a_notice(book: phrasebook.Phrasebook) -> None:
    match = match_language("nn", SHIPPED)
    assert match.code == "nb"
    assert match.notice and "Nynorsk" in match.notice
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = book.phrases("thank", "nn-NO")
    assert found and all(p.lang == "nb" for p in found)
    assert [w.category for w in caught] == [LanguageNotice]


@pytest.mark.parametrize(("tag", "suggestion"), [("cz", "cs"), ("ge", "ka"), ("dk", None)])
def test_common_mistakes_get_suggestions(tag: str, suggestion: str | None) -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        match_language(tag, SHIPPED)
    assert info.value.suggestion == suggestion


def test_valid_but_unshipped_language_names_the_offer() -> None:
    with pytest.raises(UnsupportedLanguageError) as info:
        match_language("fr-CA", SHIPPED)
    assert "French" in str(info.value)
    assert ", ".join(sorted(SHIPPED)) in str(info.value)


@pytest.mark.parametrize("tag", ["", "   ", "-", "de--", "12", "x" * 300, "de;q=1"])
def test_garbage_tags_raise_phrasebook_errors(tag: str) -> None:
    with pytest.raises(PhrasebookError):
        match_language(tag, SHIPPED)


@pytest.mark.parametrize(
    ("header", "best"),
    [
        ("de-CH,de;q=0.9,en;q=0.8", "de"),
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "en"),
        ("fr, nb-NO;q=0.4, tr;q=0.5", "tr"),
        ("fr;q=1.0, no;q=0.2", "nb"),
        ("*", "en"),
        ("fr, es", "en"),
        ("", "en"),
        (";;;,,, q=0.3", "en"),
        ("de;q=0, cs", "cs"),
        ("ka;q=abc, cs;q=0.1", "cs"),
        ("tr;q=0.5, ka;q=0.5", "tr"),
        # a named language beats the wildcard, whatever the order (issue 13, item 6)
        ("*, de", "de"),
        ("*;q=0.9, de;q=0.5", "de"),
        # q=0 refuses: never the answer, by wildcard or fallback; the next on offer is
        ("en;q=0, *", "cs"),
        ("en;q=0", "cs"),
        ("no;q=0, *", "en"),
        ("de-CH;q=0, de", "de"),  # refuses Swiss German only (RFC 4647 prefix matching)
        # close languages from CLDR's language matching, after every named language
        ("sk", "cs"), ("sk-SK, fr;q=0.5", "cs"), ("da-DK", "nb"), ("gsw-CH", "de"), ("lb", "de"),
        ("sk, en;q=0.5", "en"), ("gsw, en", "en"),
        ("sv", "en"), ("rm", "en"), ("ku", "en"),
        ("cs;q=0, sk", "en"), ("nb;q=0, nn", "en"),
        # a header that refuses everything on offer is disregarded
        ("fr, *;q=0", "en"),
    ],
)
def test_negotiate(book: phrasebook.Phrasebook, header: str, best: str) -> None:
    assert book.negotiate(header) == best


def test_parse_accept_language_drops_refused_and_malformed() -> None:
    assert parse_accept_language("de;q=0, en;q=0.5, x y, cs;q=2") == ["en"]
    assert parse_accept_language("de;q=0.5000, cs;q=nan, tr;q=1.0, ka;q=0.001, ü") == [
        "tr", "ka"]
    assert negotiate("ja", {"de"}, default="de") == "de"


@pytest.mark.parametrize(("header", "refused"), [
    ("en;q=0, *", {"en"}), ("en;q=0", {"en"}), ("EN;q=0.000, fr", {"en"}),
    ("nb;q=0, nn, no-NO;q=0.5", {"nb"}), ("no;q=0, da", {"nb"}), ("cs;q=0, sk, *;q=0.1", {"cs"}),
    ("de;q=0, gsw, lb, *", {"de"}), ("en;q=0, de;q=0, *", {"en", "de"}),
])
@pytest.mark.parametrize("default", ["en", "de", "cs"])
def test_a_refused_language_is_never_the_answer(header: str, refused: set[str],
                                                default: str) -> None:
    assert negotiate(header, SHIPPED, default=default) not in refused


@pytest.mark.parametrize(("tag", "code"), [("sk", "cs"), ("sk-SK", "cs"), ("da", "nb"),
                                           ("gsw", "de"), ("lb-LU", "de"), ("nn-NO", "nb")])
def test_close_languages_from_cldr_answer_with_a_notice(tag: str, code: str) -> None:
    match = match_language(tag, SHIPPED)
    assert match.code == code
    assert match.notice and f"({code}), the closest language" in match.notice


@pytest.mark.parametrize("tag", ["sv", "rm", "ku", "is", "pl", "fo"])
def test_languages_cldr_does_not_call_close_are_not_shipped(tag: str) -> None:
    with pytest.raises(UnsupportedLanguageError, match="is not shipped"):
        match_language(tag, SHIPPED)


def test_long_headers_are_cut_at_a_whole_entry() -> None:
    huge = "fr;q=0.5, " * 100_000 + "de"  # 1 MB; de is far past the cut
    assert len(huge) > 1_000_000
    assert negotiate(huge, SHIPPED) == "en"
    assert len(parse_accept_language(huge)) == MAX_HEADER_RANGES
    assert negotiate("tr, " + "x" * 1_000_000, SHIPPED) == "tr"
    assert negotiate("ka-GE;q=0.9," * 90_000, SHIPPED) == "ka"
    # a cut inside "cs;q=0.5" must not leave a refusal "cs;q=0" behind
    header = "cs" + " " * (MAX_HEADER_CHARS - len("cs,cs;q=0")) + ",cs;q=0.5"
    assert len(header) > MAX_HEADER_CHARS
    assert header[:MAX_HEADER_CHARS].endswith(",cs;q=0")
    assert negotiate(header, SHIPPED) == "cs"
    assert parse_accept_language(header) == ["cs"]


def test_negotiate_checks_its_default(book: phrasebook.Phrasebook) -> None:
    for default in ("fr", "xx", "nn"):
        with pytest.raises(UnsupportedLanguageError) as info:
            book.negotiate("de", default=default)
        assert f"default language {default!r}" in str(info.value)
        assert ", ".join(LANGS) in str(info.value)
    with pytest.raises(UnsupportedLanguageError, match="did you mean 'nb'"):
        negotiate("de", SHIPPED, default="nn")
    assert negotiate("ja", SHIPPED, default="DE-at") == "de"
    assert book.negotiate(";;", default="tr") == "tr"


def test_a_header_given_as_a_tag_says_to_negotiate(book: phrasebook.Phrasebook) -> None:
    with pytest.raises(UnsupportedLanguageError,
                       match=r"Accept-Language header.*negotiate.*gives 'de'"):
        book.phrases("thank", "fr-CH, de;q=0.9")
    assert book.phrases("thank", book.negotiate("fr-CH, de;q=0.9"))[0].lang == "de"


def test_fallback_is_explicit(book: phrasebook.Phrasebook) -> None:
    with pytest.raises(UnsupportedLanguageError):
        book.phrases("thank", "fr")
    found = book.phrases("thank", "fr", fallback="en")
    assert found and all(p.lang == "en" for p in found)
    assert book.phrases("thank", "de", fallback="en")[0].lang == "de"


def test_register_the_language_lacks(book: phrasebook.Phrasebook, make_tree: Callable[..., Path]
                                     ) -> None:
    assert book.phrases("thank", "nb", register="formal") == book.phrases("thank", "nb")
    root = make_tree({"fr/language.toml": 'registers = ["formal", "informal"]\nstatus = "draft"',
                      "fr/phrases.toml": """
        [[phrase]]
        id = "thank.patience"
        formal = "Formal only."
        """})
    overlay = phrasebook.load([root])
    with pytest.raises(PhrasebookError, match="no informal phrasings"):
        overlay.phrases("thank", "fr", register="informal")


def test_glosses_pair_ids(book: phrasebook.Phrasebook) -> None:
    for phrase in book.phrases("apologize", "ka", register="informal"):
        gloss = book.gloss(phrase, "en")
        assert gloss is not None and gloss.id == phrase.id and gloss.lang == "en"
    de_formal = book.phrases("empathize", "de", register="formal")[0]
    cs = book.gloss(de_formal, "cs")
    assert cs is not None and cs.register in {phrasebook.Register.FORMAL,
                                              phrasebook.Register.NEUTRAL}


def test_swiss_german_writes_ss(book: phrasebook.Phrasebook, make_tree: Callable[..., Path]
                                ) -> None:
    assert phrasebook.render("Grüße und {n, plural, one {# Gruß} other {# Grüße}}", "de-CH",
                             n=2) == "Grüsse und 2 Grüsse"
    assert phrasebook.render("Grüße", "de-DE") == "Grüße"
    root = make_tree({"de/phrases.toml": """
        [[phrase]]
        id = "thank.patience"
        formal = "Vielen Dank, dass Sie so geduldig gewartet haben. Grüße!"
        """})
    overlay = phrasebook.load([root])
    swiss = [p for p in overlay.phrases("thank", "de-CH") if p.id == "thank.patience"]
    assert {p.lang for p in swiss} == {"de-CH"}
    assert any(p.text.endswith("Grüsse!") for p in swiss)
    assert all("ß" not in p.text for p in overlay.phrases("thank", "de_ch"))


# --- the CLI ----------------------------------------------------------------------------------

def test_cli_lang_accepts_a_header(cli: Cli) -> None:
    result = cli("show", "thank", "--lang", "fr-CH, fr;q=0.9, nb;q=0.5", "--format", "json")
    assert result.returncode == 0
    assert '"lang": "nb"' in result.stdout


def test_cli_gloss(cli: Cli) -> None:
    import json

    rows = json.loads(cli("show", "thank", "--lang", "tr", "--gloss", "en", "-f", "json").stdout)
    assert rows and all(isinstance(row["gloss"], str) and row["gloss"] for row in rows)
    text = cli("show", "thank", "--lang", "ka", "--gloss", "en").stdout
    assert "    en: " in text


@pytest.mark.parametrize(
    ("lang", "fragment"),
    [("cz", "did you mean 'cs'?"), ("ge", "did you mean 'ka'?"), ("fr", "French")],
)
def test_cli_bad_languages_exit_2(cli: Cli, lang: str, fragment: str) -> None:
    result = cli("show", "thank", "--lang", lang)
    assert result.returncode == 2 and fragment in result.stderr


def test_cli_nynorsk_notice(cli: Cli) -> None:
    result = cli("show", "thank", "--lang", "nn")
    assert result.returncode == 0
    assert "note: Norwegian Nynorsk (nn) is not shipped" in result.stderr


@pytest.mark.parametrize(("name", "code"), [
    ("german", "de"), ("Deutsch", "de"), ("norwegian", "nb"), ("türkçe", "tr"),
    ("ქართული", "ka"), ("Czech", "cs"),
])
def test_a_language_name_suggests_its_code(name: str, code: str) -> None:
    with pytest.raises(phrasebook.UnsupportedLanguageError) as caught:
        phrasebook.load().phrases("empathize", name)
    assert str(caught.value).endswith(f"did you mean {code!r}?")
