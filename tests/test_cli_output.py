"""What the agents' commands print: ``show`` rendered for reading, output a terminal can show."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest

import phrasebook
from phrasebook.cli.common import HeldOutput, UnshowableOutput
from phrasebook.icu import placeholders, preview

from .conftest import LANGS, run_cli, run_subprocess

Cli = Callable[..., Any]

WAIT = "Někdo z kolegů se vám bude věnovat zhruba za {minutes} minut."


# --- show renders the phrasings ----------------------------------------------------------------

def phrasing_lines(stdout: str) -> list[str]:
    """The phrasings ``show`` printed (indented by two), without glosses and details (four)."""
    return [line[2:] for line in stdout.splitlines()
            if line.startswith("  ") and not line.startswith("   ")]


def test_show_renders_with_set_values(cli: Cli) -> None:
    result = cli("show", "hand-off", "--lang", "cs", "--register", "formal",
                 "--set", "minutes=3", "--set", "agent_name=Eva")
    assert result.returncode == 0, result.stderr
    assert "  Někdo z kolegů se vám bude věnovat zhruba za 3 minuty.\n" in result.stdout
    assert "  Tady Eva, vedoucí týmu." in result.stdout
    assert not [text for text in phrasing_lines(result.stdout) if "{minutes" in text]


def test_show_without_values_is_readable(cli: Cli, book: phrasebook.Phrasebook) -> None:
    result = cli("show", "hand-off", "--lang", "cs", "--register", "formal")
    assert result.returncode == 0, result.stderr
    assert f"  {WAIT}\n" in result.stdout
    texts = phrasing_lines(result.stdout)
    found = book.phrases("hand-off", "cs", register="formal")
    assert len(texts) == len(found)
    assert not [text for text in texts if "plural," in text or "#" in text]
    names = sorted({name for phrase in found for name in placeholders(phrase.text)})
    listed = ", ".join(f"{{{name}}}" for name in names)
    assert f"placeholders: {listed} (fill in with --set NAME=VALUE)" in result.stdout


def test_show_json_keeps_the_template(cli: Cli, book: phrasebook.Phrasebook) -> None:
    plain = json.loads(cli("show", "hand-off", "--lang", "cs", "-r", "formal", "-f", "json").stdout)
    wait = next(row for row in plain if row["id"] == "hand-off.wait-minutes"
                and row["register"] == "formal")
    assert wait["text"] == book.phrase("hand-off.wait-minutes", "cs").text
    assert "{minutes, plural," in wait["text"] and "rendered" not in wait
    filled = json.loads(cli("show", "hand-off", "--lang", "cs", "-r", "formal", "-f", "json",
                            "--set", "minutes=1.5", "--set", "team=IT").stdout)
    wait = next(row for row in filled if row["id"] == "hand-off.wait-minutes"
                and row["register"] == "formal")
    assert "{minutes, plural," in wait["text"]
    assert wait["rendered"] == "Někdo z kolegů se vám bude věnovat zhruba za 1,5 minuty."
    assert wait["missing"] == []
    intro = next(row for row in filled if row["id"] == "hand-off.manager-intro")
    assert intro["missing"] == ["agent_name"]
    assert intro["rendered"].startswith("Tady {agent_name}, ")


def test_show_set_keeps_text_values_as_written(cli: Cli) -> None:
    result = cli("show", "hand-off", "--lang", "en", "--set", "order_id=001234", "--set",
                 "minutes=1500")
    assert "001234" in result.stdout  # an id is text, never a number to group
    assert "1,500 minutes" in result.stdout


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("minutes", "argument --set/-s: expected NAME=VALUE"),
        ("=3", "argument --set/-s: expected NAME=VALUE"),
        ("minuts=3", "unknown placeholder 'minuts' (choose from agent_name, minutes, "
                     "order_id, team); did you mean 'minutes'?"),
        ("minutes=soon", "--set minutes=soon: {minutes} takes a number"),
        ("minutes=nan", "{minutes} takes a number"),
    ],
)
def test_bad_set_is_one_usage_line(cli: Cli, value: str, fragment: str) -> None:
    result = cli("show", "hand-off", "--lang", "cs", "--set", value)
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("phrasebook: error: ") and fragment in line


def test_set_for_a_placeholder_not_shown_is_fine(cli: Cli) -> None:
    result = cli("show", "thank", "--lang", "de", "--set", "agent_name=Eva", "--set", "team=IT")
    assert result.returncode == 0, result.stderr


def test_gloss_in_the_language_shown_is_left_out(cli: Cli) -> None:
    result = cli("show", "thank", "--lang", "de", "--gloss", "de")
    assert result.returncode == 0
    assert "\n    de: " not in result.stdout
    lines = phrasing_lines(result.stdout)
    assert lines and len(lines) == len(set(lines))
    assert "no glosses" in result.stderr
    glossed = cli("show", "thank", "--lang", "de", "--gloss", "en", "--set", "minutes=2")
    assert "\n    en: Thank you for your patience.\n" in glossed.stdout


def test_preview_shows_every_placeholder_of_every_phrasing(book: phrasebook.Phrasebook) -> None:
    for lang in LANGS:
        for phrase in book.language_phrases(lang).phrases:
            shown = preview(phrase.text, phrase.lang)
            for name in placeholders(phrase.text):
                assert f"{{{name}}}" in shown, (lang, phrase.id, shown)
            assert "plural," not in shown and "select," not in shown, (phrase.id, shown)


# --- a terminal that cannot show a script: one line, never a traceback -------------------------

@pytest.mark.parametrize(
    "args",
    [
        ("show", "apologize", "--lang", "ka"),
        ("show", "thank", "--lang", "de", "--gloss", "ka"),
        ("list",),
        ("coverage",),
        ("check", "--lang", "ka", "--text", "შენ ხარ დამნაშავე!!"),
        ("show", "--help"),
    ],
)
def test_ascii_terminal_gets_one_error_line(args: tuple[str, ...]) -> None:
    result = run_subprocess(*args, env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("phrasebook: error: standard output's encoding (ascii) cannot show ")
    assert "PYTHONIOENCODING=utf-8" in line


def test_ascii_terminal_gets_escaped_json() -> None:
    result = run_subprocess("show", "apologize", "--lang", "ka", "--format", "json",
                            env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.isascii() and "\\u10" in result.stdout
    rows = json.loads(result.stdout)
    assert rows[0]["text"] == phrasebook.load().phrases("apologize", "ka")[0].text


def test_a_latin1_terminal_shows_german_and_refuses_czech() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    env.pop("PHRASEBOOK_PATH", None)
    german = subprocess.run([sys.executable, "-m", "phrasebook", "show", "thank", "--lang", "de"],
                            capture_output=True, env=env, timeout=120)
    assert german.returncode == 0, german.stderr
    assert "Vielen Dank für Ihre Geduld." in german.stdout.decode("latin-1")
    czech = run_subprocess("show", "thank", "--lang", "cs", env={"PYTHONIOENCODING": "latin-1"})
    assert czech.returncode == 2 and czech.stdout == ""
    assert "encoding (iso8859-1) cannot show" in czech.stderr


def test_errors_with_unshowable_text_are_escaped() -> None:
    result = run_subprocess("show", "ქართული", "--lang", "ka",
                            env={"PYTHONIOENCODING": "ascii:strict"})
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("phrasebook: error: unknown intent '\\u10e5")


def test_short_version_flag_is_version(cli: Cli) -> None:
    short, long = cli("-V"), cli("--version")
    assert short.returncode == long.returncode == 0
    assert short.stdout == long.stdout == f"phrasebook {phrasebook.__version__}\n"


def test_held_output_streams_past_its_limit_and_refuses_what_it_cannot_show(
        monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    target = io.TextIOWrapper(raw, encoding="ascii")
    held = HeldOutput(target)
    monkeypatch.setattr(HeldOutput, "HOLD", 10)
    held.write("short\n")
    assert raw.getvalue() == b""
    held.write("longer than ten\n")
    assert held.streaming
    held.write("and on\n")
    target.flush()
    assert raw.getvalue() == b"short\nlonger than ten\nand on\n"
    with pytest.raises(UnshowableOutput) as info:
        held.write("Grüße\n")
    assert info.value.char == "ü"


def test_a_close_language_notice_is_said_once() -> None:
    result = run_cli("check", "--lang", "sk", "--text", "To nejde.")
    assert result.stderr.count("Slovak (sk) is not shipped; using Czech (cs)") == 1
