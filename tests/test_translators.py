"""Translator tools: coverage, new-locale, schema, PO round trip, confirm and stale entries."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest
from babel.messages.pofile import read_po, write_po

import phrasebook
from phrasebook.cli_translators import schemas
from phrasebook.coverage import coverage
from phrasebook.model import english_hash
from phrasebook.po import confirm, export_po, import_po
from phrasebook.validate import validate_paths

from .conftest import LANGS, ROOT

Cli = Callable[..., CompletedProcess[str]]


@pytest.fixture
def locales(tmp_path: Path, locales_dir: Path) -> Path:
    """A writable copy of the built-in locales."""
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir, copy)
    return copy


# --- coverage ---------------------------------------------------------------------------------

def test_coverage_counts_every_cell(book: phrasebook.Phrasebook) -> None:
    report = {c.code: c for c in coverage(book)}
    assert sorted(report) == list(LANGS)
    assert [r.value for r in report["de"].registers] == ["formal", "informal"]
    assert [r.value for r in report["nb"].registers] == ["neutral"]
    for lang in report.values():
        assert lang.complete, (lang.code, lang.missing, lang.outdated, lang.under_minimum)
        for row in lang.cells.values():
            assert all(count >= 6 for count in row.values())


def test_coverage_reports_gaps_and_outdated(make_tree: Callable[..., Path],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_tree({"de/phrases.toml": '''
        [[phrase]]
        id = "thank.patience"
        register = "formal"
        text = "Danke für Ihre Geduld, wirklich."
        source = "tr-angry-customers#3.4"
        en_hash = "00000000"
        '''})
    book = phrasebook.load([root])
    de = next(c for c in coverage(book) if c.code == "de")
    assert de.outdated == ("thank.patience",)
    assert not de.complete


def test_cli_coverage(cli: Cli) -> None:
    text = cli("coverage")
    assert text.returncode == 0 and "acknowledge" in text.stdout and "formal" in text.stdout
    data = json.loads(cli("coverage", "--format", "json").stdout)
    assert data["minimum"] == 6
    de = next(row for row in data["languages"] if row["code"] == "de")
    assert set(de["cells"]["thank"]) == {"formal", "informal"}
    assert de["missing"] == [] and de["under_minimum"] == []
    assert cli("coverage", "--strict").returncode == 0


# --- new-locale -------------------------------------------------------------------------------

def test_new_locale_scaffold_validates_and_is_ignored(tmp_path: Path, cli: Cli) -> None:
    result = cli("new-locale", "pl", "--dest", str(tmp_path))
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "pl"
    problems = validate_paths([folder])
    assert [p for p in problems if p.severity == "error"] == []
    book = phrasebook.load([tmp_path])
    assert "pl" not in [lang.code for lang in book.languages()]
    listing = cli("list", "--format", "json", env={"PHRASEBOOK_PATH": str(tmp_path)})
    assert "pl" not in [row["code"] for row in json.loads(listing.stdout)["languages"]]
    coverage_json = cli("coverage", "-f", "json", env={"PHRASEBOOK_PATH": str(tmp_path)})
    assert coverage_json.returncode == 0


def test_translated_scaffold_entries_load(tmp_path: Path, cli: Cli) -> None:
    assert cli("new-locale", "pl", "--dest", str(tmp_path)).returncode == 0
    path = tmp_path / "pl" / "phrases.toml"
    text = path.read_text(encoding="utf-8")
    first = text.index("\ntodo = true\n")
    text = text[:first] + text[first + len("\ntodo = true"):]
    path.write_text(text, encoding="utf-8")
    book = phrasebook.load([tmp_path])
    assert "pl" in [lang.code for lang in book.languages()]
    assert len(book.phrases("acknowledge", "pl")) == 1


@pytest.mark.parametrize(("code", "fragment"), [("cz", "did you mean 'cs'?"),
                                                 ("zzzz", "unknown language code"),
                                                 ("de-AT", "regional variant")])
def test_new_locale_rejects_bad_codes(tmp_path: Path, cli: Cli, code: str, fragment: str) -> None:
    result = cli("new-locale", code, "--dest", str(tmp_path))
    assert result.returncode == 2 and fragment in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_locale_never_overwrites(tmp_path: Path, cli: Cli) -> None:
    assert cli("new-locale", "pl", "--dest", str(tmp_path)).returncode == 0
    again = cli("new-locale", "pl", "--dest", str(tmp_path))
    assert again.returncode == 2 and "already exists" in again.stderr


# --- schema -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["phrases", "tone"])
def test_committed_schema_is_in_sync(name: str) -> None:
    committed = json.loads((ROOT / "docs" / "schema" / f"{name}.schema.json").read_text())
    assert committed == schemas()[name], "run: phrasebook schema --file NAME > docs/schema/…"


def test_schema_forbids_unknown_keys_and_requires_register(cli: Cli) -> None:
    schema = json.loads(cli("schema").stdout)
    entry = schema["$defs"]["PhraseEntry"]
    assert entry["additionalProperties"] is False
    assert set(entry["required"]) == {"id", "register", "text", "source"}


# --- PO ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["de", "tr", "nb", "ka", "cs"])
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
    assert messages and all(m.context for m in messages)
    assert all(m.locations for m in messages)


def test_po_structure(locales: Path) -> None:
    import io

    catalog = read_po(io.BytesIO(export_po(locales, "de")))
    by_context = {m.context: m for m in catalog if m.id}
    english = {p.id: p for p in phrasebook.load([]).language_phrases("en").phrases}
    formal = by_context["thank.patience|formal"]
    assert formal.id == english["thank.patience"].text
    assert "Ihre" in str(formal.string)
    assert formal.locations == [(english["thank.patience"].source, None)]
    assert "python-brace-format" not in formal.flags


def test_po_round_trip_changes_no_byte(locales: Path, tmp_path: Path) -> None:
    for lang in ("de", "tr", "ka", "cs", "nb"):
        before = (locales / lang / "phrases.toml").read_bytes()
        po = tmp_path / f"{lang}.po"
        po.write_bytes(export_po(locales, lang))
        result = import_po(po, locales)
        assert (result.updated, result.added) == (0, 0)
        assert (locales / lang / "phrases.toml").read_bytes() == before


def test_po_import_writes_edits_in_place(locales: Path, tmp_path: Path) -> None:
    import io

    catalog = read_po(io.BytesIO(export_po(locales, "de")))
    message = catalog.get(next(m.id for m in catalog if m.context == "thank.patience|formal"),
                          context="thank.patience|formal")
    message.string = "Herzlichen Dank für Ihre Geduld."
    po = tmp_path / "de.po"
    with po.open("wb") as handle:
        write_po(handle, catalog)
    path = locales / "de" / "phrases.toml"
    before = path.read_text(encoding="utf-8").splitlines()
    assert import_po(po, locales).updated == 1
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == 'text = "Herzlichen Dank für Ihre Geduld."'
    book = phrasebook.load([locales / "de"])
    assert "Herzlichen Dank für Ihre Geduld." in [p.text for p in book.phrases("thank", "de")]


def test_po_import_rejects_bad_placeholders(locales: Path, tmp_path: Path) -> None:
    import io

    catalog = read_po(io.BytesIO(export_po(locales, "de")))
    target = next(m for m in catalog if m.context and m.context.startswith("hand-off.wait"))
    target.string = "Bitte warten Sie {minuten} Minuten."
    po = tmp_path / "de.po"
    with po.open("wb") as handle:
        write_po(handle, catalog)
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
    bad.write_bytes(b"\xff\xfe garbage")
    failed = cli("import-po", str(bad), "--locales", str(locales))
    assert failed.returncode == 2 and "Traceback" not in failed.stderr


# --- stale translations -----------------------------------------------------------------------

def test_every_builtin_translation_records_its_english(book: phrasebook.Phrasebook,
                                                       locales_dir: Path) -> None:
    from phrasebook.validate import read_entries

    english = {p.id: p.text for p in book.language_phrases("en").phrases}
    for lang in LANGS:
        if lang == "en":
            continue
        for _, entry in read_entries(locales_dir / lang / "phrases.toml").entries:
            assert entry.en_hash == english_hash(english[entry.id]), (lang, entry.id)


def test_changed_english_marks_translations_outdated(locales: Path, tmp_path: Path) -> None:
    path = locales / "en" / "phrases.toml"
    text = path.read_text(encoding="utf-8")
    original = "Thank you for your patience."
    assert original in text
    path.write_text(text.replace(original, "Thank you so much for your patience."),
                    encoding="utf-8")
    problems = [p for p in validate_paths([locales]) if "outdated" in p.message]
    assert {Path(p.path).parent.name for p in problems} == {"de", "tr", "ka", "cs", "nb"}
    assert all(p.severity == "warning" and p.line for p in problems)
    po = export_po(locales, "de")
    assert b"#, fuzzy" in po
    assert confirm(locales, "de", ["thank.patience"]) == 2
    remaining = [p for p in validate_paths([locales / "de"]) if "outdated" in p.message]
    assert remaining == []
