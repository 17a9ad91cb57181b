"""Translator tools: coverage, new-locale, schema, PO round trip, confirm and stale entries."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po

import phrasebook
from phrasebook.catalog.reader import read_phrases
from phrasebook.catalog.store import Catalog
from phrasebook.cli.translators import schemas
from phrasebook.model import Register, english_hash
from phrasebook.translate.confirm import confirm
from phrasebook.translate.coverage import MINIMUM, coverage
from phrasebook.translate.po import export_po, import_po
from phrasebook.translate.validate import validate_paths

from .conftest import LANGS, ROOT, SHIPPED, TWO_REGISTERS, registers_of

Cli = Callable[..., Any]
TRANSLATIONS = [code for code in LANGS if code != "en"]
# A language no locale folder has yet, for scaffolding tests.
NEW = next(code for code in ("pl", "fr", "es", "it", "pt", "sv") if code not in LANGS)


@pytest.fixture
def locales(tmp_path: Path, locales_dir: Path) -> Path:
    """A writable copy of the built-in locales."""
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir, copy)
    return copy


def po_catalog(data: bytes) -> Any:
    return read_po(io.BytesIO(data))


def write_catalog(catalog: Any, path: Path) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog)


# --- coverage ---------------------------------------------------------------------------------

def test_coverage_counts_every_cell(book: phrasebook.Phrasebook) -> None:
    report = {c.code: c for c in coverage(book.catalog)}
    assert sorted(report) == sorted(LANGS)
    for code, lang in report.items():
        assert lang.registers == registers_of(code)
        if code in SHIPPED:
            assert lang.complete, (code, lang.missing, lang.outdated, lang.under_minimum)
            for row in lang.cells.values():
                assert all(count >= MINIMUM for count in row.values())


def test_coverage_reports_gaps_and_outdated(make_tree: Callable[..., Path]) -> None:
    root = make_tree({"de/phrases.toml": '''
        [[phrase]]
        id = "thank.patience"
        formal = "Danke für Ihre Geduld, wirklich."
        en_hash = "00000000"
        '''})
    de = next(c for c in coverage(phrasebook.load([root]).catalog) if c.code == "de")
    assert de.outdated == ("thank.patience",)
    assert not de.complete


def test_cli_coverage(cli: Cli) -> None:
    text = cli("coverage")
    assert text.returncode == 0 and "acknowledge" in text.stdout
    data = json.loads(cli("coverage", "--format", "json").stdout)
    assert data["minimum"] == MINIMUM
    for row in data["languages"]:
        assert row["registers"] == [r.value for r in registers_of(row["code"])]
        assert set(row["cells"]["thank"]) == set(row["registers"])
        if row["status"] == "shipped":
            assert row["missing"] == [] and row["under_minimum"] == []
    assert cli("coverage", "--strict").returncode == 0


# --- new-locale and a draft language -----------------------------------------------------------

def test_new_locale_scaffold_validates_and_is_ignored(tmp_path: Path, cli: Cli) -> None:
    result = cli("new-locale", NEW, "--dest", str(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / NEW
    assert sorted(p.name for p in folder.iterdir()) == ["language.toml", "phrases.toml",
                                                         "tone.toml"]
    problems = validate_paths([folder])
    assert [p.message for p in problems] == ["no tone rules yet: phrasings are not tone-checked"]
    book = phrasebook.load([tmp_path])
    assert NEW not in [lang.code for lang in book.languages()]
    listing = cli("list", "--format", "json", env={"PHRASEBOOK_PATH": str(tmp_path)})
    assert NEW not in [row["code"] for row in json.loads(listing.stdout)["languages"]]


def test_draft_language_through_the_po_round_trip(locales: Path, tmp_path: Path) -> None:
    from phrasebook.translate.scaffold import new_locale

    new_locale(NEW, locales)
    catalog = po_catalog(export_po(locales, NEW))
    contexts = [m.context for m in catalog if m.id]
    assert "thank.patience|formal" in contexts and "thank.patience|informal" in contexts
    # Stand-ins for a translator's words: the test is about the tools, not the language.
    translated = {"thank.patience|formal": "Formal thanks for your patience.",
                  "thank.patience|informal": "Informal thanks for your patience."}
    for message in catalog:
        if message.context in translated:
            message.string = translated[message.context]
    po = tmp_path / f"{NEW}.po"
    write_catalog(catalog, po)
    assert import_po(po, locales).updated == 1
    errors = [str(p) for p in validate_paths([locales / NEW]) if p.severity.value == "error"]
    assert errors == []
    book = phrasebook.Phrasebook(Catalog(locales))
    assert NEW in book.catalog.codes
    assert book.facts(NEW).status.value == "draft"
    assert book.phrase("thank.patience", NEW, register="informal").text == (
        "Informal thanks for your patience.")
    draft = next(c for c in coverage(book.catalog) if c.code == NEW)
    assert draft.status.value == "draft" and draft.under_minimum == ()
    assert len(draft.missing) == len(book.language_phrases("en").phrases) - 1


@pytest.mark.parametrize(("code", "fragment"), [("cz", "did you mean 'cs'?"),
                                                 ("zzzz", "unknown language code"),
                                                 ("de-AT", "regional variant")])
def test_new_locale_rejects_bad_codes(tmp_path: Path, cli: Cli, code: str, fragment: str) -> None:
    result = cli("new-locale", code, "--dest", str(tmp_path))
    assert result.returncode == 2 and fragment in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_locale_never_overwrites(tmp_path: Path, cli: Cli) -> None:
    assert cli("new-locale", NEW, "--dest", str(tmp_path)).returncode == 0
    again = cli("new-locale", NEW, "--dest", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr


# --- schema -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(schemas()))
def test_committed_schema_is_in_sync(name: str) -> None:
    committed = json.loads((ROOT / "docs" / "schema" / f"{name}.schema.json").read_text())
    assert committed == schemas()[name], f"run: phrasebook schema --file {name} > docs/schema/…"


def test_schema_forbids_unknown_keys(cli: Cli) -> None:
    schema = json.loads(cli("schema").stdout)
    entry = schema["$defs"]["PhraseEntry"]
    assert entry["additionalProperties"] is False
    assert entry["required"] == ["id"]


# --- PO ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_po_export_is_accepted_by_msgfmt(locales: Path, tmp_path: Path, lang: str) -> None:
    po = tmp_path / f"{lang}.po"
    po.write_bytes(export_po(locales, lang))
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (apt-get install gettext)"
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    catalog = read_po(po.open("rb"))
    assert str(catalog.locale) == lang
    messages = [m for m in catalog if m.id]
    assert messages and all(m.context and m.locations for m in messages)
    header = po.read_text(encoding="utf-8")
    for placeholder in ("EMAIL@ADDRESS", "FIRST AUTHOR", "FULL NAME", "ORGANIZATION", "YEAR"):
        assert placeholder not in header


@pytest.mark.parametrize("lang", TWO_REGISTERS)
def test_po_structure(locales: Path, book: phrasebook.Phrasebook, lang: str) -> None:
    data = export_po(locales, lang)
    assert b"python-brace-format" not in data  # ICU MessageFormat, not Python's str.format
    catalog = po_catalog(data)
    by_context = {m.context: m for m in catalog if m.id}
    for phrase in book.language_phrases(lang).phrases:
        context = phrase.id if phrase.register is Register.NEUTRAL else (
            f"{phrase.id}|{phrase.register.value}")
        message = by_context[context]
        assert message.string == phrase.text
        assert message.id == book.phrase(phrase.id, "en").text
        assert message.locations == [(phrase.source, None)]


def test_po_round_trip_changes_no_byte(locales: Path, tmp_path: Path) -> None:
    for lang in TRANSLATIONS:
        before = (locales / lang / "phrases.toml").read_bytes()
        po = tmp_path / f"{lang}.po"
        po.write_bytes(export_po(locales, lang))
        result = import_po(po, locales)
        assert (result.updated, result.added) == (0, 0)
        assert (locales / lang / "phrases.toml").read_bytes() == before


def test_po_import_writes_edits_in_place(locales: Path, tmp_path: Path) -> None:
    catalog = po_catalog(export_po(locales, "de"))
    message = next(m for m in catalog if m.context == "thank.patience|formal")
    message.string = "Herzlichen Dank für Ihre Geduld."
    po = tmp_path / "de.po"
    write_catalog(catalog, po)
    path = locales / "de" / "phrases.toml"
    before = path.read_text(encoding="utf-8").splitlines()
    assert import_po(po, locales).updated == 1
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed and len(changed) == 1
    assert changed[0][1] == 'formal = "Herzlichen Dank für Ihre Geduld."'
    book = phrasebook.Phrasebook(Catalog(locales))
    assert book.phrase("thank.patience", "de").text == "Herzlichen Dank für Ihre Geduld."


def test_po_import_keeps_crlf_and_bom(locales: Path, tmp_path: Path) -> None:
    path = locales / "de" / "phrases.toml"
    original = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + original.replace("\n", "\r\n").encode("utf-8"))
    catalog = po_catalog(export_po(locales, "de"))
    message = next(m for m in catalog if m.context == "thank.patience|informal")
    message.string = "Vielen Dank für deine Geduld!"
    po = tmp_path / "de.po"
    write_catalog(catalog, po)
    assert import_po(po, locales).updated == 1
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert 'informal = "Vielen Dank für deine Geduld!"' in data.decode("utf-8-sig")


def test_po_import_rejects_bad_placeholders(locales: Path, tmp_path: Path) -> None:
    catalog = po_catalog(export_po(locales, "de"))
    target = next(m for m in catalog if m.context and m.context.startswith("hand-off.wait"))
    target.string = "Bitte warten Sie {minuten} Minuten."
    po = tmp_path / "de.po"
    write_catalog(catalog, po)
    before = (locales / "de" / "phrases.toml").read_bytes()
    with pytest.raises(phrasebook.PhrasebookError, match="placeholders"):
        import_po(po, locales)
    assert (locales / "de" / "phrases.toml").read_bytes() == before


def test_cli_export_and_import(cli: Cli, locales: Path, tmp_path: Path) -> None:
    po = tmp_path / "tr.po"
    assert cli("export", "--format", "po", "--lang", "tr", "--locales", str(locales), "-o",
               str(po)).returncode == 0
    result = cli("import-po", str(po), "--locales", str(locales))
    assert result.returncode == 0 and "0 updated, 0 added" in result.stdout
    bad = tmp_path / "bad.po"
    bad.write_bytes(b"\xff\xfe garbage\nmsgid\n")
    failed = cli("import-po", str(bad), "--locales", str(locales))
    assert failed.returncode == 2
    assert failed.stdout == ""
    assert len(failed.stderr.strip().splitlines()) == 1, failed.stderr
    assert failed.stderr.startswith("phrasebook: error: ")


# --- stale translations -----------------------------------------------------------------------

def test_every_builtin_translation_records_its_english(book: phrasebook.Phrasebook,
                                                       locales_dir: Path) -> None:
    english = {p.id: p.text for p in book.language_phrases("en").phrases}
    for lang in TRANSLATIONS:
        for located in read_phrases(locales_dir / lang / "phrases.toml"):
            entry = located.entry
            assert entry.en_hash == english_hash(english[entry.id]), (lang, entry.id)


def test_changed_english_marks_translations_outdated(locales: Path) -> None:
    path = locales / "en" / "phrases.toml"
    text = path.read_text(encoding="utf-8")
    original = "Thank you for your patience."
    assert original in text
    path.write_text(text.replace(original, "Thank you so much for your patience."),
                    encoding="utf-8")
    problems = [p for p in validate_paths([locales]) if "outdated" in p.message]
    assert {Path(p.path).parent.name for p in problems} == set(SHIPPED) - {"en"}
    assert all(p.severity.value == "warning" and p.line for p in problems)
    assert b"#, fuzzy" in export_po(locales, "de")
    assert confirm(locales, "de", ["thank.patience"]) == 1
    remaining = [p for p in validate_paths([locales / "de"]) if "outdated" in p.message]
    assert remaining == []


def test_an_evaluation_case_names_the_line_of_its_header(tmp_path: Path) -> None:
    from phrasebook.translate.evaluate import read_cases

    corpus = tmp_path / "dev.toml"
    corpus.write_text('# two cases\n\n[[case]]\ntext = "Nein."\nexpect = ["refusal"]\n'
                      'spans = [["refusal", "Nein"]]\n\n[[case]]  # clean\ntext = "Gern."\n'
                      'expect = []\n', encoding="utf-8")
    assert [case.source for case in read_cases(corpus)] == [f"{corpus}:3", f"{corpus}:8"]
