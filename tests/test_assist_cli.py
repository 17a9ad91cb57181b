"""``phrasebook suggest``: text, files and standard input; marks, colour, glosses and JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from phrasebook.cli import assist

from .conftest import run_subprocess

Cli = Callable[..., Any]
ISSUE = "Das ist das dritte Mal, dass ich anrufe! Ich will Ihren Vorgesetzten sprechen!"


def test_the_issue_example_marks_the_signals_and_lists_the_steps(cli: Cli) -> None:
    result = cli("suggest", "--lang", "de", ISSUE)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Signals (de, customer: formal)" in out
    assert "[dritte Mal]{repeat}" in out and "[Vorgesetzten]{manager}" in out
    assert out.index("1. apologize") < out.index("2. hand-off")
    assert "apologize.repeat-contact · formal" in out
    assert "\033[" not in out  # not a terminal: no colour


def test_gloss_shows_the_english_beside_each_phrasing(cli: Cli) -> None:
    out = cli("suggest", "--lang", "de", "--gloss", "en", ISSUE).stdout
    assert "en: I'm sorry you've had to contact us again about this." in out
    assert "manager: Asks for a manager" in out


def test_json_with_gloss_register_and_channel(cli: Cli) -> None:
    result = cli("suggest", "--lang", "de", "--format", "json", "--gloss", "en",
                 "--register", "informal", "--channel", "chat", ISSUE)
    data = json.loads(result.stdout)
    assert data["path"] == "<text>" and data["register"] == "informal"
    assert data["channel"] == "chat" and data["address"] == "formal"
    assert [s["id"] for s in data["signals"]] == ["repeat", "manager"]
    phrase = data["steps"][0]["phrases"][0]
    assert phrase["register"] in ("informal", "neutral") and phrase["gloss"]


def test_files_and_standard_input(cli: Cli, tmp_path: Path) -> None:
    message = tmp_path / "message.txt"
    message.write_text("Where is my parcel? It never arrived.\n", encoding="utf-8")
    result = cli("suggest", "--lang", "en", "--format", "json", str(message), "-",
                 stdin="Thank you, it works now!")
    rows = json.loads(result.stdout)
    assert [row["path"] for row in rows] == [str(message), "-"]
    assert {s["id"] for s in rows[0]["signals"]} == {"delivery"}
    assert {s["id"] for s in rows[1]["signals"]} == {"gratitude"}
    text = cli("suggest", "--lang", "en", str(message), "-", stdin="Hello").stdout
    assert f"{message}: Signals (en)" in text and "-: no signals (en)" in text


def test_piped_input_without_arguments(cli: Cli) -> None:
    result = cli("suggest", "--lang", "nb", stdin="Jeg vil snakke med sjefen din.")
    assert "[sjefen]{manager}" in result.stdout


def test_a_calm_message_says_so(cli: Cli) -> None:
    result = cli("suggest", "--lang", "en", "--text", "What time do you open?")
    assert result.returncode == 0
    assert result.stdout.strip() == "no signals (en): answer the message as it is"


@pytest.mark.parametrize(("args", "fragment"), [
    (("suggest", "--lang", "xx", "hello"), "phrasebook: error:"),
    (("suggest", "hello"), "--lang"),
    (("suggest", "--lang", "en", "--register", "formel", "hi"), "did you mean 'formal'?"),
    (("suggest", "--lang", "de", "missing.txt"), "missing.txt: no such file; to read it as "
                                                 "the message, pass --text \"missing.txt\""),
    (("suggest", "--lang", "de", "notes/angry"), "notes/angry: no such file"),
])
def test_bad_usage_is_one_line_and_exit_2(cli: Cli, args: tuple[str, ...],
                                          fragment: str) -> None:
    result = cli(*args)
    assert result.returncode == 2
    assert fragment in result.stderr and len(result.stderr.strip().splitlines()) == 1


class _Terminal:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(("tty", "no_color", "expected"), [
    (True, None, True), (True, "1", False), (False, None, False), (True, "", True),
])
def test_colour_only_on_a_terminal_and_never_with_no_color(
        monkeypatch: pytest.MonkeyPatch, tty: bool, no_color: str | None,
        expected: bool) -> None:
    if no_color is None:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", no_color)
    assert assist.colour_wanted(_Terminal(tty)) is expected  # type: ignore[arg-type]


def test_colour_highlights_the_words(monkeypatch: pytest.MonkeyPatch, cli: Cli) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(assist, "colour_wanted", lambda stream: True)
    out = cli("suggest", "--lang", "en", "This is ridiculous.").stdout
    assert "\033[" in out and "[is ridiculous]" not in out and "is ridiculous\033[0m" in out


def test_subprocess_in_a_real_interpreter() -> None:
    result = run_subprocess("suggest", "--lang", "tr", "--format", "json",
                            "BU NE BİÇİM HİZMET!!! HALA KARGOM YOK")
    assert result.returncode == 0, result.stderr
    ids = [s["id"] for s in json.loads(result.stdout)["signals"]]
    assert {"abuse", "anger", "delivery"} <= set(ids)
    assert sys.executable


def test_templates_show_readably_as_show_does(cli: Cli) -> None:
    out = cli("suggest", "--lang", "de", ISSUE).stdout
    assert "{minutes} Minuten dranbleiben" in out
    assert "plural" not in out
