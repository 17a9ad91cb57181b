"""`phrasebook validate`: a table of broken files and the exact line each error must name."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from phrasebook.validate import validate_paths

Cli = Callable[..., CompletedProcess[str]]

GOOD = '''\
[[phrase]]
id = "thank.patience"
register = "formal"
text = "Vielen Dank für Ihre Geduld."
source = "tr-angry-customers#3.4"
'''


def entry(**fields: str) -> str:
    body = {"id": '"thank.information"', "register": '"formal"',
            "text": '"Vielen Dank für die Informationen."', "source": '"tr-angry-customers#3.4"'}
    body.update(fields)
    lines = [f"{k} = {v}" for k, v in body.items() if v != "-"]
    return "\n[[phrase]]\n" + "\n".join(lines) + "\n"


# (content of de/phrases.toml, expected "line: severity: fragment")
CASES = [
    (GOOD + entry(registr='"formal"'), "12: error: unknown key 'registr'"),
    (GOOD + entry(register='"formel"'), "9: error: register: 'formel' is not one of formal, "
     "informal, neutral; did you mean 'formal'?"),
    (GOOD + entry(id='"thank.informaton"'), "8: error: id 'thank.informaton' is not in the "
     "English base; did you mean 'thank.information'?"),
    (GOOD + entry(id='"thnak.information"'), "8: error: id: unknown intent 'thnak'"),
    (GOOD + entry(text='""'), "10: error: text: String should have at least 1 character"),
    (GOOD + entry(text='" Vielen Dank für die Informationen."'), "10: error: stray whitespace"),
    (GOOD + entry(text='"Vielen  Dank für die Informationen."'), "10: error: stray whitespace"),
    (GOOD + entry(text='"Vielen Dank fu\u0308r die Informationen."'), "10: error: text is not in "
     "Unicode NFC"),
    (GOOD + entry(text='"Danke für {name}."'), "10: error: placeholders ['name'] differ from "
     "English []"),
    (GOOD + entry(text='"Danke {x.y}."'), "10: error: placeholder {x.y} is not a plain name"),
    (GOOD + entry(text='"Das ist leider nicht möglich."'), "10: error: tone: refusal 'nicht "
     "möglich'"),
    (GOOD + entry(text='"Kannst du mir die Nummer geben?"'), "10: error: tone: register"),
    (GOOD + entry(allow='["refusal"]'), "7: error: a waiver (allow) needs a reason"),
    (GOOD + entry(allow='["refusl"]', reason='"x"'), "12: error: waiver of unknown rule "
     "'refusl'; did you mean 'refusal'?"),
    (GOOD + entry(channels='["fax"]'), "12: error: channels: 'fax' is not one of phone, chat, "
     "email"),
    (GOOD + entry(source='"somewhere"'), "11: error: source: String should match pattern"),
    (GOOD + entry(en_hash='"00000000"'), "12: warning: outdated: the English text of "
     "'thank.information' changed"),
    (GOOD + GOOD, "6: error: duplicate phrase 'thank.patience' (formal); first defined on line 1"),
    (GOOD + entry(id='"thank.patience"', register='"neutral"'), "7: error: 'thank.patience' has a "
     "neutral entry and a formal or informal one"),
    (GOOD + "\n[[phrase]]\nid = = 3\n", "8:6: error: TOML syntax: invalid value"),
    (GOOD + "\n[[phrases]]\nid = 3\n", "7: error: unknown key 'phrases'"),
    (GOOD + entry(text="3"), "10: error: text: Input should be a valid string"),
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
    problems = [p for p in validate_paths([root]) if p.severity == "error"]
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


def test_builtins_are_valid() -> None:
    problems = validate_paths()
    assert [str(p) for p in problems if p.severity == "error"] == []
    assert [str(p) for p in problems] == [], "built-ins have warnings"


def test_cli_validate_exit_codes(cli: Cli, make_tree: Callable[..., Path], tmp_path: Path
                                 ) -> None:
    assert cli("validate").returncode == 0
    root = make_tree({"de/phrases.toml": GOOD + entry(registr='"formal"')})
    result = cli("validate", str(root))
    assert result.returncode == 1
    assert f"{root / 'de' / 'phrases.toml'}:12: error: unknown key 'registr'" in result.stdout
    assert "Traceback" not in result.stderr
    missing = cli("validate", str(tmp_path / "nope"))
    assert missing.returncode == 2 and "no such file or folder" in missing.stderr
    assert cli("validate", str(root / "de" / "phrases.toml")).returncode == 1
