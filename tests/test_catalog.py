"""Loading locale folders: lazy parsing, overlays, and errors that name path and line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import phrasebook
from phrasebook import LocaleDataError, PhrasebookError
from phrasebook.catalog import Catalog

from .conftest import LANGS

ENTRY = """
[[phrase]]
id = "thank.patience"
register = "neutral"
text = "{text}"
source = "tr-angry-customers#3.4"
"""

MakeTree = Callable[[dict[str, str | bytes]], Path]


def test_builtins_ship_all_six_languages(book: phrasebook.Phrasebook) -> None:
    assert [lang.code for lang in book.languages()] == list(LANGS)


def test_each_language_is_parsed_only_when_asked(locales_dir: Path) -> None:
    catalog = Catalog(locales_dir)
    assert catalog._cache == {}
    catalog.language("de")
    assert list(catalog._cache) == ["de"]
    assert catalog.language("de") is catalog.language("de")


def test_load_is_cached() -> None:
    assert phrasebook.load() is phrasebook.load()
    assert phrasebook.load([]) is phrasebook.load([])


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
        (ENTRY.format(text="ok") + ENTRY.replace("register", "registr").format(text="x"), 9,
         "unknown key 'registr' (allowed: id, register, text, source, channels, note, allow, "
         "reason, en_hash, todo); did you mean 'register'?"),
        (ENTRY.format(text="ok").replace('"neutral"', '"nuetral"'), 3, "did you mean 'neutral'?"),
        (ENTRY.format(text="ok").replace("thank.patience", "thnak.patience"), 2,
         "did you mean 'thank'?"),
        (ENTRY.format(text="ok") + ENTRY.format(text="again"), 7,
         "duplicate phrase 'thank.patience' (neutral); first defined on line 1"),
        ("[[phrase]]\nid = = 1\n", 2, "TOML syntax"),
        (ENTRY.format(text="ok").replace('text = "ok"\n', ""), 1, "missing required key 'text'"),
        (ENTRY.format(text="ok") + "\n[[phrases]]\nid = 1\n", 7, "did you mean 'phrase'?"),
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


def test_overlay_may_add_a_new_language(make_tree: MakeTree) -> None:
    root = make_tree({"fr/phrases.toml": ENTRY.format(text="Merci de votre patience.")})
    book = phrasebook.load([root])
    assert "fr" in [lang.code for lang in book.languages()]
    assert book.phrases("thank", "fr-FR")[0].text == "Merci de votre patience."
    assert [lang.english_name for lang in book.languages() if lang.code == "fr"] == ["French"]
