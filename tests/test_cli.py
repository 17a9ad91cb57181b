"""The agents' commands, run in-process through ``main(argv)``, plus a few subprocess runs."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import LANGS, run_subprocess

Cli = Callable[..., Any]


def test_show_text_is_readable(cli: Cli) -> None:
    result = cli("show", "empathize", "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("empathize · German (Deutsch) · ")
    line = "empathize.why-upset · formal · phone, chat, email · nb-rude-customers#2.1"
    assert line in result.stdout
    assert "Sie" in result.stdout


def test_show_json_rows_have_the_promised_fields(cli: Cli) -> None:
    result = cli("show", "hand-off", "--lang", "tr", "--register", "informal", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows
    for row in rows:
        assert {"id", "intent", "lang", "register", "text", "source"} <= set(row)
        assert row["intent"] == "hand-off" and row["lang"] == "tr"
        assert row["register"] in {"informal", "neutral"}


def test_show_channel_filter(cli: Cli) -> None:
    result = cli("show", "acknowledge", "--lang", "en", "-c", "phone", "-f", "json")
    rows = json.loads(result.stdout)
    assert rows and all("phone" in row["channels"] for row in rows)


def test_list_text_and_json(cli: Cli) -> None:
    text = cli("list")
    assert text.returncode == 0
    assert "Deutsch" in text.stdout and "ქართული" in text.stdout
    data = json.loads(cli("list", "--format", "json").stdout)
    assert [row["code"] for row in data["languages"]] == list(LANGS)
    assert data["intents"][0] == "acknowledge"
    for row in data["languages"]:
        assert row["phrases"] == sum(row["per_intent"].values()) > 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("show", "empathise", "--lang", "de"), "did you mean 'empathize'?"),
        (("show", "thank", "--lang", "de", "--register", "formel"), "did you mean 'formal'?"),
        (("show", "thank", "--lang", "de", "--channel", "fone"), "choose from phone, chat, email"),
        (("show", "thank", "--lang", "fr"), f"not shipped (choose from {', '.join(LANGS)})"),
        (("show", "thank", "--lang", "cz"), "did you mean 'cs'?"),
        (("show", "thank"), "required"),
        (("shwo",), "invalid choice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli: Cli, args: tuple[str, ...], fragment: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert fragment in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_broken_overlay_from_environment_exits_2(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "phrases.toml").write_text("[[phrase]]\nid = = 2\n", encoding="utf-8")
    result = cli("show", "thank", "--lang", "en", env={"PHRASEBOOK_PATH": str(tmp_path)})
    assert result.returncode == 2
    assert f"{tmp_path / 'en' / 'phrases.toml'}:2:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_version(cli: Cli) -> None:
    result = cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("phrasebook ")


# --- as a separate process, the way a user starts it ---------------------------------------------

def test_subprocess_show_and_check() -> None:
    shown = run_subprocess("show", "empathize", "--lang", "de")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("empathize · German (Deutsch) · ")
    checked = run_subprocess("check", "--lang", "de", "--text", "Das ist nicht möglich!!")
    assert checked.returncode == 1 and "refusal" in checked.stdout


def test_subprocess_bad_input_is_one_line() -> None:
    result = run_subprocess("show", "thank", "--lang", "cz")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        f"phrasebook: error: unknown language 'cz' (choose from {', '.join(LANGS)}); "
        "did you mean 'cs'?"]


# --- check reads files, like ruff and vale -------------------------------------------------------

def test_check_reads_files_and_names_them(cli: Cli, tmp_path: Path) -> None:
    first = tmp_path / "reply.txt"
    first.write_text("Hello Sam,\nsorry, that is impossible.\n", encoding="utf-8")
    second = tmp_path / "other.txt"
    second.write_text("Thanks for waiting.\n", encoding="utf-8")
    result = cli("check", "--lang", "en", str(first), str(second))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{first}:2:") for line in lines)
    assert f"{first}:2:16: error refusal \"impossible\"" in result.stdout
    clean = cli("check", "--lang", "en", str(second))
    assert clean.returncode == 0 and clean.stdout == ""


def test_check_json_carries_path_line_and_column(cli: Cli, tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text("Hi,\nCalm down.\n", encoding="utf-8")
    data = json.loads(cli("check", "--lang", "en", "-f", "json", str(reply)).stdout)
    (finding,) = [f for f in data["findings"] if f["rule"] == "dismissive"]
    assert (finding["path"], finding["line"], finding["column"]) == (str(reply), 2, 1)


def test_check_stdin_dash_among_files(cli: Cli, tmp_path: Path) -> None:
    reply = tmp_path / "reply.txt"
    reply.write_text("All good.\n", encoding="utf-8")
    result = cli("check", "--lang", "en", str(reply), "-", stdin="It's your fault.")
    assert result.returncode == 1 and result.stdout.startswith("-:1:")


def test_check_a_missing_file_says_how_to_pass_text(cli: Cli) -> None:
    result = cli("check", "--lang", "en", "reply.txt")
    assert result.returncode == 2
    assert "reply.txt: no such file; to check literal text, pass --text" in result.stderr


def test_check_at_a_terminal_without_input_explains(monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    from phrasebook.cli import main

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(sys, "stdin", Terminal())
    assert main(["check", "--lang", "en"]) == 2
    assert "no text to check: give files" in capsys.readouterr().err
