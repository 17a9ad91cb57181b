"""Every CLI command, run as a user would: a subprocess, its output and its exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from .conftest import LANGS

Cli = Callable[..., CompletedProcess[str]]


def test_show_text_is_readable(cli: Cli) -> None:
    result = cli("show", "empathize", "--lang", "de")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("empathize · German (Deutsch) · ")
    assert "de-six-ways#" in result.stdout or "#" in result.stdout
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
        (("show", "thank", "--lang", "fr"), "not shipped (choose from cs, de, en, ka, nb, tr)"),
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
