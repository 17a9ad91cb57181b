"""The docs quote the data: every example phrasing in docs/intents.md is the shipped text."""

from __future__ import annotations

import doctest
import re
import shlex
from pathlib import Path

import pytest

import phrasebook

from .conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
INTENTS = ROOT / "docs" / "intents.md"
_EXAMPLE = re.compile(r"^\*\*Example: `([\w.-]+)`\*\*")
_ROW = re.compile(r"^\| [^|]+ \(`(\w+)`\) \| (\w+)[^|]* \| (.+?) \| `")


def example_rows() -> list[tuple[str, str, str, str]]:
    """(phrase id, language, register, quoted text) of every row of the example tables."""
    rows = []
    current = None
    for line in INTENTS.read_text(encoding="utf-8").splitlines():
        if found := _EXAMPLE.match(line):
            current = found.group(1)
        elif current and (row := _ROW.match(line)):
            rows.append((current, row.group(1), row.group(2), row.group(3)))
    return rows


def test_intents_examples_quote_the_shipped_phrasings() -> None:
    book = phrasebook.load()
    rows = example_rows()
    assert len(rows) >= 7 * 6, "the example tables of docs/intents.md were not found"
    wrong = [(pid, lang, reg, text, book.phrase(pid, lang, register=reg).text)
             for pid, lang, reg, text in rows
             if book.phrase(pid, lang, register=reg).text != text]
    assert not wrong, wrong


# --- docs/overlays.md: the worked example, run in a fresh folder ---------------------------------

OVERLAYS = ROOT / "docs" / "overlays.md"
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(kind: str) -> list[tuple[int, str]]:
    """(line, body) of every fenced block of ``kind`` in docs/overlays.md."""
    text = OVERLAYS.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(2)) for m in _BLOCK.finditer(text)
            if m.group(1) == kind]


def write_example_files(folder: Path) -> list[str]:
    """Write each TOML block under the path its first line names (``# acme/de/phrases.toml``)."""
    written = []
    for _, body in blocks("toml"):
        first, _, content = body.partition("\n")
        name = first.removeprefix("# ").strip()
        assert first.startswith("# ") and "/" in name, f"a TOML block without a path: {first}"
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(content, encoding="utf-8")
        written.append(name)
    return written


def commands() -> list[tuple[int, str, str]]:
    """(line, command, expected output) of every ``$ …`` line of the console blocks."""
    found = []
    for line, body in blocks("console"):
        for number, chunk in enumerate(re.split(r"^\$ ", body, flags=re.MULTILINE)):
            if chunk:
                command, _, output = chunk.partition("\n")
                found.append((line + number, command, output))
    return found


def test_overlay_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = write_example_files(tmp_path)
    assert {"acme/sources.toml", "acme/de/phrases.toml", "acme/de/tone.toml",
            "acme/de/language.toml", "broken/de/phrases.toml"} <= set(written)
    checker = doctest.OutputChecker()
    ran = 0
    for line, command, expected in commands():
        words = shlex.split(command)
        env = {}
        while "=" in words[0]:
            name, _, value = words.pop(0).partition("=")
            env[name] = value
        assert words[0] == "phrasebook", command
        result = run_cli(*words[1:], env=env, cwd=tmp_path)
        got = result.stdout + result.stderr
        assert checker.check_output(expected, got, doctest.ELLIPSIS), (
            f"docs/overlays.md:{line}: $ {command}\nexpected:\n{expected}\ngot:\n{got}")
        ran += 1
    assert ran >= 4
    monkeypatch.chdir(tmp_path)
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict[str, object] = {}
    sessions = blocks("pycon")
    for line, body in sessions:  # one session, as a reader types it: names carry over
        test = parser.get_doctest(body, globs, "overlays.md", str(OVERLAYS), line)
        runner.run(test, clear_globs=False)
        globs = test.globs
    results = runner.summarize(verbose=False)
    assert len(sessions) >= 2 and results.attempted >= 6
    assert results.failed == 0, "docs/overlays.md: see the doctest report above"


def test_overlay_example_passes_validate_without_warnings(tmp_path: Path) -> None:
    write_example_files(tmp_path)
    from phrasebook.translate.validate import validate_paths

    assert [str(p) for p in validate_paths([tmp_path / "acme"])] == []
    assert [p.severity.value for p in validate_paths([tmp_path / "broken"])] == ["error"]
