"""Suggestions with every finding, and ``check --input``: auditing files of replies."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import phrasebook
from phrasebook.model import Intent, Register

from .conftest import run_cli, run_subprocess

# --- suggestions ---------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "lang", "register", "rule"), [
    ("That is impossible.", "en", None, "refusal"),
    ("Das ist leider nicht möglich.", "de", "informal", "refusal"),
    ("Kendi hatanız.", "tr", "formal", "blame"),
    ("Roe deg ned.", "nb", None, "dismissive"),
])
def test_findings_carry_phrasings_of_their_hint(text: str, lang: str, register: str | None,
                                                rule: str) -> None:
    book = phrasebook.load()
    report = book.check(text, lang, register=register)
    finding = next(f for f in report.findings if f.rule == rule)
    assert finding.hint is not None
    assert 1 <= len(finding.suggestions) <= phrasebook.book.MAX_SUGGESTIONS
    for suggestion in finding.suggestions:
        phrase = book.phrase(suggestion.id, lang, register=report.register)
        assert phrase.intent is Intent(finding.hint)
        assert suggestion.text == phrase.text
        assert suggestion.register in (report.register, Register.NEUTRAL)
        assert book.check_phrase(phrase).ok, suggestion


def test_suggestions_put_the_requested_register_and_general_phrasings_first() -> None:
    book = phrasebook.load()
    finding = book.check("Das geht nicht.", "de", register="informal").findings[0]
    assert finding.suggestions[0].register is Register.INFORMAL
    situations = {p.id.partition(".")[2] for p in book.phrases("paraphrase", "de")}
    general = [s for s in finding.suggestions if s.id.partition(".")[2] not in situations]
    assert finding.suggestions[:len(general)] == tuple(general), "a general apology comes first"


@pytest.mark.parametrize("lang", ["cs", "de", "en", "ka", "nb", "tr"])
def test_no_suggestion_waives_the_rule_it_replaces(lang: str) -> None:
    book = phrasebook.load()
    waived = [p for p in book.phrases("apologize", lang) if "refusal" in p.allow]
    assert waived, "a waived apology exists, so the test can fail"
    report = book.check({"cs": "To nejde.", "de": "Das geht nicht.", "en": "That is impossible.",
                         "ka": "ეს შეუძლებელია.", "nb": "Det er umulig.",
                         "tr": "Bu mümkün değil."}[lang], lang)
    refusal = next(f for f in report.findings if f.rule == "refusal")
    assert len(refusal.suggestions) == phrasebook.book.MAX_SUGGESTIONS
    for suggestion in refusal.suggestions:
        assert "refusal" not in book.phrase(suggestion.id, lang).allow, suggestion.id


def test_an_apology_for_one_situation_comes_after_the_general_ones() -> None:
    book = phrasebook.load()
    finding = book.check("Das geht nicht.", "de", register="formal").findings[0]
    assert "apologize.repeat-contact" not in [s.id for s in finding.suggestions]


def test_suggestions_fit_the_channel() -> None:
    book = phrasebook.load()
    for channel in ("phone", "chat", "email"):
        finding = book.check("Calm down.", "en", channel=channel).findings[0]
        assert finding.suggestions
        for suggestion in finding.suggestions:
            assert channel in {c.value for c in book.phrase(suggestion.id, "en").channels}


def test_check_suggest_prints_them_and_json_carries_them() -> None:
    result = run_cli("check", "--lang", "en", "--suggest", "--text", "That is impossible.")
    assert result.returncode == 1
    assert "    instead: " in result.stdout and "[apologize." in result.stdout
    data = json.loads(run_cli("check", "--lang", "en", "--format", "json",
                              "--text", "That is impossible.").stdout)
    assert data["findings"][0]["suggestions"][0]["id"].startswith("apologize.")


# --- check --input -------------------------------------------------------------------------

RECORDS = [
    {"text": "That is impossible.", "lang": "en"},
    "this line is not JSON",
    {"text": "Danke für Ihre Geduld.", "lang": "de"},
    {"lang": "de"},
    {"text": "Hello", "lang": "xx"},
    {"text": "Kannst du mir die Nummer schicken?", "lang": "de", "register": "formal"},
    {"text": "Vi kan ikke refundere frakten.", "lang": "nb"},
]


def write_jsonl(path: Path, records: list[object]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_input_jsonl_streams_findings_and_skips_bad_records(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "replies.jsonl", RECORDS)
    result = run_cli("check", "--input", str(path), "--lang-field", "lang",
                     "--register-field", "register", "--format", "jsonl")
    assert result.returncode == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["input_line"] for row in rows] == [1, 2, 3, 4, 5, 6, 7]
    assert [bool(row.get("error")) for row in rows] == [False, True, False, True, True, False,
                                                        False]
    assert rows[0]["findings"][0]["rule"] == "refusal"
    assert rows[2]["findings"] == []
    assert rows[5]["register"] == "formal" and rows[5]["findings"][0]["rule"] == "register"
    for line in (2, 4, 5):
        assert f"replies.jsonl:{line}: skipped: " in result.stderr
    assert "7 records read, 4 checked, 3 skipped" in result.stderr


def test_input_text_output_names_file_and_line_and_sums_up(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "replies.jsonl", RECORDS)
    result = run_cli("check", "--input", str(path), "--lang-field", "lang")
    assert f"{path}:1: error refusal \"impossible\"" in result.stdout
    assert f"{path}:7: error refusal" in result.stdout
    lines = result.stdout.splitlines()
    summary = lines[next(i for i, line in enumerate(lines) if "records read" in line):]
    assert summary[0] == "7 records read, 4 checked, 3 skipped"
    table = {line.split()[0]: line.split()[1:] for line in summary[2:]}
    assert set(table) == {"en", "de", "nb"}
    assert table["en"][:2] == ["1", "1"] and table["de"][:2] == ["2", "1"]


def test_input_csv_with_one_language_for_all(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "reply"])
        writer.writerow(["a1", "Das ist unmöglich."])
        writer.writerow(["a2", "Vielen Dank,\nich prüfe das sofort."])  # a multi-line cell
        writer.writerow(["a3", "Beruhigen Sie sich."])
    result = run_cli("check", "--input", str(path), "--lang", "de", "--text-field", "reply",
                     "--format", "jsonl")
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["input_line"] for row in rows] == [2, 3, 5]
    assert [[f["rule"] for f in row["findings"]] for row in rows] == [["refusal"], [],
                                                                      ["dismissive"]]


def test_input_csv_without_the_text_column_says_which_columns_there_are(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    result = run_cli("check", "--input", str(path), "--lang", "en")
    assert "no column 'text' (columns: id, body)" in result.stderr


def test_jobs_keep_the_input_order(tmp_path: Path) -> None:
    records = [{"text": t, "lang": lang} for _ in range(300) for t, lang in [
        ("That is impossible.", "en"), ("Thanks for waiting.", "en"),
        ("Roe deg ned!!", "nb"), ("Kartın arkasındaki kodu yazın.", "tr")]]
    path = write_jsonl(tmp_path / "many.jsonl", records)
    one = run_subprocess("check", "--input", str(path), "--lang-field", "lang",
                         "--format", "jsonl", "--jobs", "1")
    two = run_subprocess("check", "--input", str(path), "--lang-field", "lang",
                         "--format", "jsonl", "--jobs", "2")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == len(records)


@pytest.mark.parametrize(("args", "message"), [
    (["--input", "{path}"], "--input needs --lang"),
    (["--input", "{path}", "--lang", "en", "--jobs", "0"], "--jobs must be 1 or more"),
    (["--input", "{path}", "--lang", "en", "--text", "x"], "give no FILE or --text"),
    (["--lang", "en", "--format", "jsonl", "--text", "x"], "--format jsonl is for --input"),
    (["--input", "{other}", "--lang", "en"], "cannot tell the format"),
    (["--input", "{missing}", "--lang", "en"], "no such file"),
])
def test_input_usage_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    path = write_jsonl(tmp_path / "r.jsonl", RECORDS[:1])
    other = tmp_path / "r.txt"
    other.write_text("x", encoding="utf-8")
    filled = [a.format(path=path, other=other, missing=tmp_path / "none.jsonl") for a in args]
    result = run_cli("check", *filled)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr
    assert result.stderr.startswith("phrasebook: error: ")


def test_input_from_standard_input(tmp_path: Path) -> None:
    data = "\n".join(json.dumps(r) for r in RECORDS[:1]) + "\n"
    result = run_cli("check", "--input", "-", "--lang-field", "lang", "--format", "jsonl",
                     stdin=data)
    assert json.loads(result.stdout.splitlines()[0])["findings"][0]["rule"] == "refusal"


def test_progress_shows_on_a_terminal_only(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess
    import sys

    records = [{"text": "Thanks for waiting.", "lang": "en"}] * 20_000
    path = write_jsonl(tmp_path / "many.jsonl", records)
    command = [sys.executable, "-m", "phrasebook", "check", "--input", str(path), "--lang",
               "en", "--format", "jsonl"]
    quiet = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "\r" not in quiet.stderr and "phrasebook: checked" not in quiet.stderr
    master, slave = pty.openpty()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=slave) as proc:
        os.close(slave)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        proc.wait(timeout=120)
    os.close(master)
    assert b"\rphrasebook: checked " in seen and b"%" in seen


def test_input_with_format_json_is_refused_for_jsonl() -> None:
    result = run_cli("check", "--input", "-", "--lang", "en", "--format", "json", stdin="{}\n")
    assert result.returncode == 2
    assert "--format jsonl" in result.stderr and result.stdout == ""


def test_a_misnamed_field_names_the_record_fields_and_an_audit_of_nothing_fails(
        tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "replies.jsonl", [{"text": "Hi", "lang": "en"}] * 2)
    result = run_cli("check", "--input", str(path), "--lang-field", "language")
    assert result.returncode == 2
    assert ("skipped: no language (field 'language'); the record has 'text', 'lang'; "
            "did you mean 'lang'?") in result.stderr
    assert "2 records read, 0 checked, 2 skipped" in result.stdout
    assert "no record of" in result.stderr.splitlines()[-1]


def test_a_register_without_phrasings_of_the_hint_gives_no_suggestions_not_an_error() -> None:
    book = phrasebook.load()
    apologies = book.phrases("apologize", "ka")
    assert not any(p.register is Register.NEUTRAL for p in apologies)
    report = book.check("ეს შეუძლებელია.", "ka", register="neutral")
    refusal = next(f for f in report.findings if f.rule == "refusal")
    assert refusal.suggestions == ()
