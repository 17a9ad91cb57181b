"""Messages say what happened: the register asked for, one error prefix, help for every option,
grammatical counts, and one spelling of English."""

from __future__ import annotations

import argparse
import ast
import re
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import phrasebook
from phrasebook import Register
from phrasebook.catalog.paths import builtin_root
from phrasebook.cli import build_parser
from phrasebook.errors import UnknownNameError, counted

from .conftest import ROOT, SHIPPED

Cli = Callable[..., Any]


# --- register messages name the register that was asked for ----------------------------------

@pytest.mark.parametrize("lang", SHIPPED)
def test_register_messages_name_the_requested_register(book: phrasebook.Phrasebook,
                                                        lang: str) -> None:
    rules = [r for r in book.catalog.rules(lang).rule if r.rule == "register"]
    if not book.facts(lang).two_registers:
        assert rules == [], f"{lang} has one register but register rules"
        return
    assert {r.register for r in rules} == {Register.FORMAL, Register.INFORMAL}
    checked = 0
    for entry in rules:
        for requested in Register:
            if requested is entry.register:
                continue
            for example in entry.flags:
                report = book.check(example, lang, register=requested)
                messages = [f.message for f in report.findings if f.rule == "register"]
                assert messages, (lang, requested, example)
                for message in messages:
                    assert f"the {requested.value} register" in message, (lang, requested,
                                                                         message)
                    others = [r for r in Register if r is not requested]
                    assert not any(f"the {r.value} register" in message for r in others), message
                    assert "{requested}" not in message
                    checked += 1
    assert checked


def test_cli_register_message_names_neutral(cli: Cli) -> None:
    result = cli("check", "--lang", "de", "--register", "neutral", "--text",
                 "Können Sie mir Ihre Bestellnummer geben?")
    assert result.returncode == 1
    assert "the neutral register" in result.stdout
    assert "the informal register" not in result.stdout


# --- one error prefix ------------------------------------------------------------------------

@pytest.mark.parametrize(
    "args",
    [
        (),
        ("shwo",),
        ("--bogus",),
        ("show",),
        ("show", "thank", "--lang", "de", "--format", "xml"),
        ("show", "thank", "--lang", "de", "--unknown"),
        ("show", "thank", "--lang", "de", "--set", "minutes"),
        ("show", "thnak", "--lang", "de"),
        ("check", "--lang", "de", "--text", "x", "--register", "formel"),
        ("validate", "--format", "yaml"),
        ("schema", "--file", "nope"),
        ("new-locale",),
        ("export", "--lang", "de", "-o", "/nonexistent-folder/de.po"),
        ("import-po", "/nonexistent-folder/de.po"),
    ],
)
def test_every_error_has_the_same_prefix(cli: Cli, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("phrasebook: error: "), lines[0]
    assert "Traceback" not in result.stderr


def test_usage_errors_name_the_command_help(cli: Cli) -> None:
    result = cli("show", "thank")
    assert result.stderr.strip().endswith("(see 'phrasebook show --help')")


# --- help for every command and option ---------------------------------------------------------

def parsers(parser: argparse.ArgumentParser, path: str = "phrasebook"
            ) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from parsers(sub, f"{path} {name}")


def test_every_command_and_option_has_help() -> None:
    root = build_parser()
    missing = []
    found = 0
    for path, parser in parsers(root):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                described = {choice.dest: choice.help for choice in action._choices_actions}
                missing += [f"{path} {name}" for name in action.choices
                            if not described.get(name)]
                continue
            found += 1
            if not action.help or action.help == argparse.SUPPRESS:
                missing.append(f"{path} {'/'.join(action.option_strings) or action.dest}")
    assert found > 30
    assert not missing, missing


# --- counts ----------------------------------------------------------------------------------

def test_counted() -> None:
    assert counted(1, "error") == "1 error"
    assert counted(0, "error") == "0 errors"
    assert counted(1, "entry", "entries") == "1 entry"
    assert counted(2, "entry", "entries") == "2 entries"


def test_list_counts_one_phrasing(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "fr"
    folder.mkdir()
    (folder / "language.toml").write_text('registers = ["formal", "informal"]\n'
                                          'status = "draft"\n', encoding="utf-8")
    (folder / "phrases.toml").write_text('[[phrase]]\nid = "thank.patience"\n'
                                         'formal = "Merci de votre patience."\n',
                                         encoding="utf-8")
    result = cli("list", env={"PHRASEBOOK_PATH": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "French (français): 1 phrasing\n" in result.stdout
    shown = cli("show", "thank", "--lang", "fr", env={"PHRASEBOOK_PATH": str(tmp_path)})
    assert " · 1 phrasing\n" in shown.stdout


def test_unknown_id_counts_grammatically() -> None:
    assert "(1 id)" in str(UnknownNameError.unknown_id("thank.x", "fr", ["thank.patience"]))
    assert "(2 ids)" in str(UnknownNameError.unknown_id("thank.x", "fr", ["thank.a", "thank.b"]))


# --- one spelling: -ize ----------------------------------------------------------------------

# British -ise spellings of verbs the project writes with -ize (apologize, the intent's name).
_ISE = re.compile(
    r"\b(?:apolog|capital|categor|character|critic|custom|emphas|empath|final|initial|local|"
    r"minim|normal|optim|organ|personal|priorit|real|recogn|serial|special|standard|summar|"
    r"tokeni|util|visual)is(?:e|es|ed|ing|ation|ations)\b",
    re.IGNORECASE,
)


def _docstring_nodes(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def user_facing_english() -> Iterator[tuple[str, str]]:
    """(where, text) of the English users read: docs, messages in code, notes, rule messages."""
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "phrasebook").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = _docstring_nodes(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in docstrings):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value
    locales = builtin_root()
    for path in sorted(locales.glob("*/phrases.toml")):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("phrase", []):
            yield f"{path.relative_to(locales)} {entry['id']}", entry.get("note") or ""
    for path in sorted([*locales.glob("*/tone.toml"), *locales.glob("*/signals.toml")]):
        for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("rule", []):
            yield f"{path.relative_to(locales)} {entry['rule']}", entry.get("message", "")


def test_user_facing_english_spells_ize() -> None:
    texts = list(user_facing_english())
    assert len(texts) > 500
    found = [(where, match.group()) for where, text in texts for match in _ISE.finditer(text)]
    assert not found, found
