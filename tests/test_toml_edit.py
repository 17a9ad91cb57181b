"""Format-preserving edits of locale files."""

from __future__ import annotations

import tomllib

from phrasebook.toml_edit import append_entry, remove_key, set_key, toml_value

TEXT = '''# A comment that must stay.
[[phrase]]
id = "thank.a"   # trailing comment
text = """
Two
lines"""
channels = ["phone",
  "chat"]

# --- next section ---

[[phrase]]
id = "thank.b"
text = 'literal'
'''


def test_set_key_replaces_multiline_values_and_keeps_everything_else() -> None:
    out = set_key(TEXT, "phrase", 0, "text", toml_value("One line"))
    out = set_key(out, "phrase", 0, "channels", toml_value(["email"]))
    data = tomllib.loads(out)
    assert data["phrase"][0]["text"] == "One line"
    assert data["phrase"][0]["channels"] == ["email"]
    assert data["phrase"][1] == {"id": "thank.b", "text": "literal"}
    assert "# A comment that must stay." in out and "# trailing comment" in out
    assert "# --- next section ---" in out


def test_set_key_adds_a_missing_key_inside_the_entry() -> None:
    out = set_key(TEXT, "phrase", 1, "en_hash", toml_value("0123abcd"))
    assert tomllib.loads(out)["phrase"][1]["en_hash"] == "0123abcd"
    out = set_key(TEXT, "phrase", 0, "en_hash", toml_value("0123abcd"))
    data = tomllib.loads(out)
    assert data["phrase"][0]["en_hash"] == "0123abcd" and "en_hash" not in data["phrase"][1]


def test_crlf_is_preserved() -> None:
    crlf = TEXT.replace("\n", "\r\n")
    out = set_key(crlf, "phrase", 1, "text", toml_value("x"))
    assert "\r\n" in out and "\n" not in out.replace("\r\n", "")
    assert tomllib.loads(out)["phrase"][1]["text"] == "x"


def test_remove_key_and_append_entry() -> None:
    out = remove_key(TEXT, "phrase", 1, "text")
    assert "text" not in tomllib.loads(out)["phrase"][1]
    assert remove_key(TEXT, "phrase", 1, "nothing") == TEXT
    added = append_entry(TEXT, "phrase", {"id": "thank.c", "todo": True, "channels": ["chat"]})
    assert tomllib.loads(added)["phrase"][2] == {"id": "thank.c", "todo": True,
                                                 "channels": ["chat"]}
    assert added.startswith(TEXT)


def test_toml_value_escapes() -> None:
    tricky = 'quote " backslash \\ newline \n tab \t unicode ş ქ'
    assert tomllib.loads(f"v = {toml_value(tricky)}")["v"] == tricky
