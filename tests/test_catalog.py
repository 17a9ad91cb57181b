"""Loading locale folders: lazy parsing, inheritance, overlays, and errors with path and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import phrasebook
from phrasebook import LocaleDataError, PhrasebookError, Register
from phrasebook.catalog.paths import builtin_root
from phrasebook.catalog.store import Catalog

from .conftest import LANGS

ENTRY = """
[[phrase]]
id = "thank.patience"
text = "{text}"
source = "tr-angry-customers#3.4"
"""

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_builtins_are_the_language_folders(book: phrasebook.Phrasebook) -> None:
    folders = sorted(p.name for p in builtin_root().iterdir() if (p / "phrases.toml").is_file())
    assert [lang.code for lang in book.languages()] == folders == list(LANGS)


def test_languages_are_parsed_only_when_asked() -> None:
    catalog = Catalog(builtin_root())
    book = phrasebook.Phrasebook(catalog)
    first = book.language_phrases("de")
    assert book.language_phrases("de") is first
    assert catalog.language("de") is first


def test_load_is_cached() -> None:
    assert phrasebook.load() is phrasebook.load()
    assert phrasebook.load([]) is phrasebook.load([])


def test_translations_inherit_source_channels_and_note_from_english(
        book: phrasebook.Phrasebook) -> None:
    english = {p.id: p for p in book.language_phrases("en").phrases}
    for code in LANGS:
        for phrase in book.language_phrases(code).phrases:
            base = english[phrase.id]
            assert phrase.source, phrase.id
            assert phrase.channels, phrase.id
            if phrase.note is None:
                assert base.note is None, (code, phrase.id)


def test_an_entry_that_overrides_keeps_its_own(make_tree: MakeTree) -> None:
    root = make_tree({"de/phrases.toml": """
        [[phrase]]
        id = "thank.patience"
        formal = "Danke, dass Sie so geduldig waren."
        informal = "Danke, dass du so geduldig warst."
        channels = ["email"]
        note = "Eigene Notiz."
        """})
    book = phrasebook.load([root])
    ours = [p for p in book.phrases("thank", "de") if p.id == "thank.patience"]
    english = book.phrase("thank.patience", "en")
    assert {p.register for p in ours} == {Register.FORMAL, Register.INFORMAL}
    assert all(p.channels == (phrasebook.Channel.EMAIL,) for p in ours)
    assert all(p.note == "Eigene Notiz." for p in ours)
    assert all(p.source == english.source for p in ours)


def test_overlay_adds_and_replaces(make_tree: MakeTree) -> None:
    root = make_tree({
        "en/phrases.toml": ENTRY.format(text="Thanks a lot for waiting.")
        + ENTRY.replace("thank.patience", "thank.company-extra").format(text="Cheers."),
    })
    book = phrasebook.load([root])
    texts = {p.id: p.text for p in book.phrases("thank", "en")}
    assert texts["thank.patience"] == "Thanks a lot for waiting."
    assert texts["thank.company-extra"] == "Cheers."
    builtin = {p.id: p.text for p in phrasebook.load([]).phrases("thank", "en")}
    assert builtin["thank.patience"] != "Thanks a lot for waiting."
    assert "thank.company-extra" not in builtin


def test_overlay_replaces_one_register_and_keeps_the_other(make_tree: MakeTree,
                                                          book: phrasebook.Phrasebook) -> None:
    root = make_tree({"de/phrases.toml": """
        [[phrase]]
        id = "thank.patience"
        formal = "Herzlichen Dank für Ihre Geduld."
        """})
    overlay = phrasebook.load([root])
    texts = {p.register: p.text for p in overlay.phrases("thank", "de")
             if p.id == "thank.patience"}
    builtin = {p.register: p.text for p in book.phrases("thank", "de") if p.id == "thank.patience"}
    assert texts[Register.FORMAL] == "Herzlichen Dank für Ihre Geduld."
    assert texts[Register.INFORMAL] == builtin[Register.INFORMAL]


def test_overlay_can_be_a_single_language_folder(make_tree: MakeTree) -> None:
    root = make_tree({"en/phrases.toml": ENTRY.format(text="Thank you kindly.")})
    book = phrasebook.load([root / "en"])
    assert "Thank you kindly." in [p.text for p in book.phrases("thank", "en")]


def test_env_variable_adds_overlays(make_tree: MakeTree, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree({"en/phrases.toml": ENTRY.format(text="Thanks from the environment.")})
    monkeypatch.setenv("PHRASEBOOK_PATH", str(root))
    book = phrasebook.load()
    assert "Thanks from the environment." in [p.text for p in book.phrases("thank", "en")]


@pytest.mark.parametrize(
    ("content", "line", "fragment"),
    [
        (ENTRY.format(text="ok") + ENTRY.replace("source", "sorce").format(text="x"), 9,
         "unknown key 'sorce' (allowed: id, text, formal, informal, source, channels, note, "
         "allow, reason, en_hash, todo); did you mean 'source'?"),
        (ENTRY.format(text="ok").replace("text =", 'register = "neutral"\ntext ='), 3,
         "'register' is no longer a key"),
        (ENTRY.format(text="ok").replace("thank.patience", "thnak.patience"), 2,
         "String should match pattern"),
        (ENTRY.format(text="ok") + ENTRY.format(text="again"), 6,
         "duplicate phrase 'thank.patience': first defined on line 1, again on line 6"),
        ("[[phrase]]\nid = = 1\n", 2, "TOML syntax"),
        (ENTRY.format(text="ok").replace('text = "ok"\n', ""), 1, "missing text"),
        (ENTRY.format(text="ok") + "\n[[phrases]]\nid = 1\n", 6, "did you mean 'phrase'?"),
        (ENTRY.format(text="ok").replace('source = "tr-angry-customers#3.4"',
                                         'todo = "yes"'), 4, "todo: Input should be a valid"),
    ],
)
def test_broken_overlay_names_path_and_line(
    make_tree: MakeTree, content: str, line: int, fragment: str
) -> None:
    root = make_tree({"en/phrases.toml": content})
    with pytest.raises(LocaleDataError) as info:
        phrasebook.load([root])
    error = info.value
    assert error.path == str(root / "en" / "phrases.toml")
    assert error.line == line, str(error)
    assert fragment in str(error)
    assert str(error).startswith(f"{root / 'en' / 'phrases.toml'}:{line}")


def test_every_problem_of_a_broken_file_is_carried(make_tree: MakeTree) -> None:
    broken = (ENTRY.format(text="ok").replace("source", "sorce")
              + ENTRY.replace("thank.patience", "thank.again").format(text="x")
              .replace("text =", "txt ="))
    root = make_tree({"en/phrases.toml": broken})
    with pytest.raises(LocaleDataError) as info:
        phrasebook.load([root])
    assert len(info.value.problems) >= 2
    assert "and 2 more errors" in str(info.value) or "and 1 more error" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xff\xfe[[phrase]]", "not UTF-8"),
        (b"[[phrase]]\x00\x01", "binary"),
    ],
)
def test_unreadable_bytes_are_one_clear_error(
    make_tree: MakeTree, data: bytes, fragment: str
) -> None:
    root = make_tree({"en/phrases.toml": data})
    with pytest.raises(LocaleDataError, match=fragment):
        phrasebook.load([root])


def test_bom_and_crlf_are_accepted(make_tree: MakeTree) -> None:
    text = ENTRY.format(text="Thanks, with a BOM.").replace("\n", "\r\n")
    root = make_tree({"en/phrases.toml": b"\xef\xbb\xbf" + text.encode()})
    book = phrasebook.load([root])
    assert "Thanks, with a BOM." in [p.text for p in book.phrases("thank", "en")]


def test_empty_overlay_file_adds_nothing(make_tree: MakeTree) -> None:
    root = make_tree({"en/phrases.toml": ""})
    book = phrasebook.load([root])
    assert len(book.phrases("thank", "en")) == len(phrasebook.load([]).phrases("thank", "en"))


def test_missing_overlay_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PhrasebookError, match="No such file or directory"):
        phrasebook.load([tmp_path / "nowhere"])


def test_same_phrase_in_two_overlays_is_an_error(make_tree: MakeTree, tmp_path: Path) -> None:
    first = make_tree({"en/phrases.toml": ENTRY.format(text="One.")})
    second = tmp_path / "second" / "en"
    second.mkdir(parents=True)
    (second / "phrases.toml").write_text(ENTRY.format(text="Two."), encoding="utf-8")
    with pytest.raises(LocaleDataError, match="two overlays"):
        phrasebook.load([first, second.parent])


def test_overlay_may_add_a_new_language_with_its_language_file(make_tree: MakeTree) -> None:
    root = make_tree({
        "fr/language.toml": 'registers = ["formal", "informal"]\nstatus = "draft"\n',
        "fr/phrases.toml": ENTRY.replace("text =", "formal =").format(
            text="Merci de votre patience."),
    })
    book = phrasebook.load([root])
    assert "fr" in [lang.code for lang in book.languages()]
    assert book.phrases("thank", "fr-FR")[0].text == "Merci de votre patience."
    assert [lang.english_name for lang in book.languages() if lang.code == "fr"] == ["French"]


def test_a_new_language_without_language_file_is_refused(make_tree: MakeTree) -> None:
    root = make_tree({"fr/phrases.toml": ENTRY.format(text="Merci.")})
    with pytest.raises(LocaleDataError, match=r"language 'fr' is not defined: add language\.toml"):
        phrasebook.load([root])


def test_register_texts_in_a_one_register_language_are_refused(make_tree: MakeTree) -> None:
    root = make_tree({"en/phrases.toml": ENTRY.replace("text =", "formal =").format(text="x")})
    with pytest.raises(LocaleDataError, match="en has one register"):
        phrasebook.load([root])


def test_broken_template_in_an_overlay_is_refused_when_loaded(make_tree: MakeTree) -> None:
    root = make_tree({"en/phrases.toml": ENTRY.format(text="Thanks {name.__class__}")})
    with pytest.raises(LocaleDataError, match="not a plain name") as info:
        phrasebook.load([root])
    assert info.value.line == 3


def test_overlay_citing_an_unknown_guide_is_refused(make_tree: MakeTree) -> None:
    root = make_tree({"en/phrases.toml": ENTRY.format(text="x").replace(
        "tr-angry-customers#3.4", "acme-voice#1")})
    with pytest.raises(LocaleDataError, match="unknown guide 'acme-voice'"):
        phrasebook.load([root])
