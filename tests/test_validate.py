"""`phrasebook validate`: a table of broken files and the exact line each problem must name."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from phrasebook.translate.validate import validate_paths

from .conftest import LANGS, SHIPPED

Cli = Callable[..., Any]

GOOD = '''\
[[phrase]]
id = "thank.patience"
formal = "Vielen Dank für Ihre Geduld."
informal = "Danke für deine Geduld."
'''


def entry(**fields: str) -> str:
    body = {"id": '"thank.information"', "formal": '"Vielen Dank für die Informationen."',
            "informal": '"Danke für die Infos."'}
    body.update(fields)
    lines = [f"{k} = {v}" for k, v in body.items() if v != "-"]
    return "\n[[phrase]]\n" + "\n".join(lines) + "\n"


# (content of de/phrases.toml, expected "line: severity: fragment"); the entry starts on line 6
CASES = [
    (GOOD + entry(sorce='"x"'), "10: error: unknown key 'sorce'"),
    (GOOD + entry(register='"formal"'), "10: error: 'register' is no longer a key"),
    (GOOD + entry(intent='"thank"'), "10: error: 'intent' is not a key: an entry's intent is "
     "the first part of its id"),
    (GOOD + entry(id='"thank.informaton"'), "7: error: 'thank.informaton' has no source: cite "
     "the guide section it adapts (source = \"<guide>#<section>\"), or add the id to English; "
     "did you mean 'thank.information'?"),
    (GOOD + entry(id='"thnak.information"'), "7: error: id: String should match pattern"),
    (GOOD + entry(formal='""'), "8: error: formal: String should have at least 1 character"),
    (GOOD + entry(formal='" Vielen Dank für die Informationen."'), "8: error: stray whitespace"),
    (GOOD + entry(informal='"Danke  für die Infos."'), "9: error: stray whitespace"),
    (GOOD + entry(formal='"Vielen Dank fu\u0308r die Informationen."'), "8: error: text is not "
     "in Unicode NFC"),
    (GOOD + entry(formal='"Danke für {name}."'), "8: error: placeholders ['name'] differ from "
     "English []"),
    (GOOD + entry(formal='"Danke {x.y}."'), "8: error: placeholder {x.y} is not a plain name"),
    (GOOD + entry(id='"apologize.late-delivery"', formal='"Bestellung Nr.{order_id}s Lieferung '
                  'tut mir leid."'), "8: warning: placeholder {order_id} is glued to 's'"),
    (GOOD + entry(id='"apologize.late-delivery"', informal='"Sorry, Bestellung{order_id} kam '
                  'zu spät."'), "9: warning: placeholder {order_id} is glued to 'Bestellung'"),
    (GOOD + entry(formal='"Das ist leider nicht möglich."'), "8: error: tone: refusal 'nicht "
     "möglich'"),
    (GOOD + entry(formal='"Kannst du mir die Nummer geben?"'), "8: error: tone: register"),
    (GOOD + entry(allow='["refusal"]'), "6: error: a waiver (allow) needs a reason"),
    (GOOD + entry(allow='["refusl"]', reason='"x"'), "10: error: waiver of unknown rule "
     "'refusl'; did you mean 'refusal'?"),
    (GOOD + entry(channels='["fax"]'), "10: error: channels: 'fax' is not one of phone, chat, "
     "email"),
    (GOOD + entry(source='"somewhere"'), "10: error: source: String should match pattern"),
    (GOOD + entry(source='"de-six-ways#7"'), "10: error: de-six-ways has no section '7'"),
    (GOOD + entry(en_hash='"00000000"'), "10: warning: outdated: the English text of "
     "'thank.information' changed"),
    (GOOD + entry(todo='"yes"'), "10: error: todo: Input should be a valid boolean"),
    (GOOD + GOOD, "5: error: duplicate phrase 'thank.patience': first defined on line 1, "
     "again on line 5"),
    (GOOD + entry(text='"Danke."'), "6: error: give either text (neutral) or formal/informal"),
    (GOOD + entry(informal="-"), "8: warning: 'thank.information' has a formal text but no "
     "informal one"),
    (GOOD + "\n[[phrase]]\nid = = 3\n", "7:6: error: TOML syntax: invalid value"),
    (GOOD + "\n[[phrases]]\nid = 3\n", "6: error: unknown key 'phrases'"),
    (GOOD + entry(formal="3"), "8: error: formal: Input should be a valid string"),
]


@pytest.mark.parametrize(("content", "expected"), CASES)
def test_broken_file_names_the_line(make_tree: Callable[..., Path], content: str,
                                    expected: str) -> None:
    root = make_tree({"de/phrases.toml": content})
    path = root / "de" / "phrases.toml"
    problems = [str(p) for p in validate_paths([root / "de"])]
    prefix = f"{path}:{expected.split(':', 1)[0]}"
    wanted = expected.split(": ", 1)[1]
    matching = [p for p in problems if p.startswith(prefix + ":") or p.startswith(prefix + " ")]
    assert any(wanted in p for p in matching), "\n".join(problems)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xff\xfe\x00b", "binary data"),
        (b"id = \"\xe9\"", "not UTF-8"),
        (b"", None),
        (b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(), None),
    ],
)
def test_any_bytes_give_lines_not_tracebacks(make_tree: Callable[..., Path], data: bytes,
                                             fragment: str | None) -> None:
    root = make_tree({"de/phrases.toml": data})
    problems = [p for p in validate_paths([root]) if p.severity.value == "error"]
    if fragment is None:
        assert problems == []
    else:
        assert len(problems) == 1 and fragment in problems[0].message


def test_tone_rule_examples_are_validated(make_tree: Callable[..., Path]) -> None:
    rule = textwrap.dedent('''\
        [[rule]]
        rule = "refusal"
        message = "m"
        patterns = ["unmöglich"]
        flags = ["Das geht nicht."]
        passes = ["Gern."]
        ''')
    root = make_tree({"de/tone.toml": rule, "de/phrases.toml": GOOD})
    problems = [str(p) for p in validate_paths([root])]
    assert any(p.startswith(f"{root / 'de' / 'tone.toml'}:5: error: rule 'refusal' does not "
                            "flag its example") for p in problems), problems


def test_a_global_regex_flag_is_a_line_not_a_traceback(make_tree: Callable[..., Path],
                                                        cli: Cli) -> None:
    # Each pattern compiles alone, but the rule's patterns are joined into one expression,
    # where "(?i)" is an error: validate must say so, at the rule's line, as for any pattern.
    rule = textwrap.dedent('''\
        [[rule]]
        rule = "shouting"
        message = "m"
        kind = "regex"
        patterns = ["(?i)[!?]{2,}"]
        flags = ["Nein!!"]
        passes = ["Gern."]
        ''')
    root = make_tree({"de/tone.toml": rule, "de/phrases.toml": GOOD})
    result = cli("validate", str(root))
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{root / 'de' / 'tone.toml'}:1: error: pattern '(?i)[!?]{{2,}}' sets a global flag" \
        in result.stdout


def test_builtins_are_valid() -> None:
    problems = validate_paths()
    assert [str(p) for p in problems if p.severity.value == "error"] == []
    # A draft language may still lack tone rules; a shipped one has no warnings at all.
    drafts = [code for code in LANGS if code not in SHIPPED]
    assert [str(p) for p in problems if Path(p.path).parent.name not in drafts] == []


@pytest.mark.parametrize(
    ("files", "target", "fragment"),
    [
        ({"de/phrases.toml": GOOD, "README.md": "# hello"}, "README.md", "not a locale file"),
        ({"empty/notes.txt": "x"}, "empty", "no locale files here"),
        ({"de/phrases.toml": GOOD}, "nowhere", "no such file or folder"),
        ({"de/phrases.toml": "[[phrase]\n"}, "de/phrases.toml", "TOML syntax"),
        ({"de/language.toml": 'registers = ["formal"]\nstatus = "shipped"\n',
          "de/phrases.toml": GOOD}, "de", "registers must be"),
    ],
)
def test_what_is_not_a_valid_locale_file_is_an_error(
        make_tree: Callable[..., Path], cli: Cli, files: dict[str, str], target: str,
        fragment: str) -> None:
    root = make_tree(files)
    result = cli("validate", str(root / target))
    assert result.returncode == 1, result.stdout
    assert fragment in result.stdout
    assert f"{root / target}" in result.stdout


def test_cli_validate_exit_codes_and_json(cli: Cli, make_tree: Callable[..., Path]) -> None:
    assert cli("validate").returncode == 0
    root = make_tree({"de/phrases.toml": GOOD + entry(sorce='"x"')})
    result = cli("validate", str(root))
    assert result.returncode == 1
    assert f"{root / 'de' / 'phrases.toml'}:10: error: unknown key 'sorce'" in result.stdout
    assert "invalid: 1 error, 0 warnings" in result.stderr
    data = json.loads(cli("validate", "--format", "json", str(root)).stdout)
    assert data["errors"] == 1
    (problem,) = data["problems"]
    assert problem["line"] == 10 and problem["severity"] == "error"
    assert problem["path"] == str(root / "de" / "phrases.toml")
    assert cli("validate", str(root / "de" / "phrases.toml")).returncode == 1


def test_a_company_overlay_validates_without_warnings(make_tree: Callable[..., Path]) -> None:
    root = make_tree({
        "sources.toml": '''
            [[guide]]
            id = "acme-voice"
            title = "ACME brand voice"
            sections = ["greeting", "closing"]
            ''',
        "de/phrases.toml": '''
            [[phrase]]
            id = "thank.acme-loyalty"
            formal = "Danke, dass Sie ACME seit Jahren die Treue halten."
            informal = "Danke, dass du ACME seit Jahren die Treue hältst."
            source = "acme-voice#closing"
            ''',
    })
    assert [str(p) for p in validate_paths([root])] == []
