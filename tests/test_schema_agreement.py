"""The JSON Schemas in docs/schema/ and the loader judge locale files alike.

An editor (Taplo, Even Better TOML) checks files against the committed schemas; phrasebook loads
them through its reader. Every shipped file and a table of broken ones go through both, and the
verdicts must agree, except for the checks JSON Schema cannot say (listed last, and in
`phrasebook.translate.schemas`).
"""

from __future__ import annotations

import json
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from phrasebook.catalog.paths import builtin_root
from phrasebook.catalog.reader import read_document, read_phrases
from phrasebook.translate.schemas import SCHEMA_MODELS

from .conftest import ROOT

KIND_OF_FILE = {f"{kind}.toml": kind for kind in SCHEMA_MODELS}  # phrases.toml: "phrases", …


def schema(kind: str) -> dict[str, Any]:
    """The committed schema of ``kind``: what editors check files against."""
    path = ROOT / "docs" / "schema" / f"{kind}.schema.json"
    if not path.is_file():
        pytest.fail(f"{path} is missing: phrasebook schema --file {kind} > {path}")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def loader_accepts(kind: str, path: Path) -> bool:
    read = read_phrases(path) if kind == "phrases" else read_document(path, SCHEMA_MODELS[kind])
    return not read.errors


def schema_accepts(kind: str, path: Path) -> bool:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema(kind)).is_valid(data)


def verdicts(kind: str, text: str, tmp_path: Path) -> tuple[bool, bool]:
    path = tmp_path / "file.toml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return loader_accepts(kind, path), schema_accepts(kind, path)


@pytest.mark.parametrize("kind", sorted(SCHEMA_MODELS))
def test_schemas_are_valid_json_schema(kind: str) -> None:
    jsonschema.Draft202012Validator.check_schema(schema(kind))


def shipped_files() -> list[Any]:
    root = builtin_root()
    files = sorted(p for p in root.rglob("*.toml") if p.name in KIND_OF_FILE)
    return [pytest.param(KIND_OF_FILE[p.name], p, id=str(p.relative_to(root))) for p in files]


@pytest.mark.parametrize(("kind", "path"), shipped_files())
def test_every_shipped_file_passes_both(kind: str, path: Path) -> None:
    assert loader_accepts(kind, path), path
    assert schema_accepts(kind, path), path


def test_every_kind_of_file_is_shipped() -> None:
    assert {param.values[0] for param in shipped_files()} == set(SCHEMA_MODELS)


P = '[[phrase]]\nid = "thank.x"\n'
R = '[[rule]]\nrule = "x"\nmessage = "m"\nflags = ["a"]\npasses = ["b"]\n'
L = 'registers = ["formal", "informal"]\nstatus = "shipped"\n'
G = '[[guide]]\nid = "acme-voice"\ntitle = "ACME"\nsections = ["1"]\n'

# (kind, file text, whether it is valid): both must say the same.
TABLE = [
    ("phrases", P + 'text = "Thanks."\n', True),
    ("phrases", P + 'formal = "Danke."\ninformal = "Danke dir."\n', True),
    ("phrases", P + 'text = "a"\nallow = ["blame"]\nreason = "the guide says so"\n', True),
    ("phrases", "", True),
    ("phrases", P.replace("thank.", "thnak.") + 'text = "a"\n', False),  # unknown intent
    ("phrases", P.replace("thank.x", "thank") + 'text = "a"\n', False),  # no slug
    ("phrases", P.replace("thank.x", "thank.X") + 'text = "a"\n', False),
    ("phrases", P + 'text = "a"\nchannels = ["chat", "chat"]\n', False),  # duplicate channel
    ("phrases", P + 'text = "a"\nchannels = ["fax"]\n', False),
    ("phrases", P + 'text = "a"\nchannels = []\n', False),
    ("phrases", P + 'text = "a"\nallow = ["blame"]\n', False),  # allow without reason
    ("phrases", P + 'text = "a"\nreason = "x"\n', False),  # reason without allow
    ("phrases", P + 'text = "a"\nallow = []\nreason = "x"\n', False),
    ("phrases", P + 'text = "a"\nallow = ["blame"]\nreason = " "\n', False),
    ("phrases", P + 'text = "a"\nallow = ["Blame"]\nreason = "x"\n', False),
    ("phrases", P + 'text = "a"\nformal = "b"\n', False),  # text and a register text
    ("phrases", P, False),  # no text at all
    ("phrases", P + 'text = ""\n', False),
    ("phrases", P + 'text = "a"\ntodo = "yes"\n', False),
    ("phrases", P + 'text = "a"\nen_hash = "xyz"\n', False),
    ("phrases", P + 'text = "a"\nsource = "no-section"\n', False),
    ("phrases", P + 'text = "a"\nsorce = "de-six-ways#2"\n', False),
    ("phrases", P + 'text = "a"\nregister = "formal"\n', False),
    ("phrases", P + 'text = "a"\nnote = 1\n', False),
    ("phrases", 'phrase = 3\n', False),
    ("phrases", '[[entry]]\nid = "thank.x"\ntext = "a"\n', False),
    ("language", L, True),
    ("language", 'registers = ["informal", "formal"]\nstatus = "draft"\n', True),
    ("language", 'registers = ["neutral"]\nstatus = "shipped"\n', True),
    ("language", '[regions.CH]\nname = "Swiss"\nreplace = { "ß" = "ss" }\n', True),
    ("language", '[regions.419]\nname = "Latin America"\n', True),
    ("language", 'registers = ["formal"]\nstatus = "shipped"\n', False),
    ("language", 'registers = ["formal", "formal"]\nstatus = "shipped"\n', False),
    ("language", 'registers = ["neutral", "formal"]\nstatus = "shipped"\n', False),
    ("language", 'registers = []\nstatus = "shipped"\n', False),
    ("language", 'registers = ["neutral"]\n', False),  # registers without status
    ("language", 'status = "draft"\n', False),  # status without registers
    ("language", 'registers = ["neutral"]\nstatus = "done"\n', False),
    ("language", '[regions.ch]\nname = "Swiss"\n', False),  # not a territory code
    ("language", '[regions.CHE]\nname = "Swiss"\n', False),
    ("language", '[regions.CH]\nname = "Swiss"\nreplace = { "" = "ss" }\n', False),
    ("language", '[regions.CH]\nname = ""\n', False),
    ("language", '[regions.CH]\n', False),
    ("language", L + 'default = "formal"\n', False),
    ("sources", G, True),
    ("sources", G.replace("acme-voice", "ACME"), False),
    ("sources", G.replace('title = "ACME"', 'title = ""'), False),
    ("sources", G.replace('["1"]', "[]"), False),
    ("sources", G + 'url = "https://example.com"\n', False),
    ("tone", R + 'patterns = ["nicht möglich"]\n', True),
    ("tone", R + 'kind = "caps"\nignore = ["DHL"]\n', True),
    ("tone", R + 'kind = "caps"\ncodes = ["[A-Z]{2}[0-9]{4}"]\n', True),
    ("tone", R + 'kind = "regex"\npatterns = ["!!+"]\ncase_sensitive = true\n', True),
    ("tone", R.replace('"x"', '"register"', 1) + 'register = "informal"\npatterns = ["du"]\n',
     True),
    ("tone", '[words.t-pronoun]\nwords = ["du", "dich"]\n', True),
    ("tone", '[words.neg]\nstem = "ye"\naffixes = [["me", "ma"], ["z"]]\n', True),
    ("tone", R, False),  # a sequence rule without patterns
    ("tone", R + 'patterns = []\n', False),
    ("tone", R + 'kind = "regex"\n', False),
    ("tone", R + 'kind = "caps"\npatterns = ["a"]\n', False),
    ("tone", R + 'kind = "caps"\nunless = ["a"]\n', False),
    ("tone", R + 'patterns = ["a"]\ncodes = ["A"]\n', False),  # codes are for caps
    ("tone", R + 'patterns = ["a"]\ncase_sensitive = true\n', False),  # only regex rules
    ("tone", R.replace('"x"', '"register"', 1) + 'patterns = ["du"]\n', False),
    ("tone", R + 'register = "formal"\npatterns = ["du"]\n', False),
    ("tone", R.replace('"x"', '"register"', 1) + 'register = "neutral"\npatterns = ["du"]\n',
     False),
    ("tone", R.replace('flags = ["a"]', "flags = []") + 'patterns = ["a"]\n', False),
    ("tone", R + 'patterns = ["a"]\nseverity = "fatal"\n', False),
    ("tone", R + 'patterns = ["a"]\nhint = "thanks"\n', False),
    ("tone", R + 'patterns = ["a"]\nscope = "paragraph"\n', False),
    ("tone", R + 'kind = "caps"\nmin_words = 1\n', False),
    ("tone", R + 'patterns = ["a"]\npatern = "b"\n', False),
    ("tone", '[words.x]\n', False),  # a class with no members
    ("tone", '[words.x]\nstem = "a"\n', False),  # a stem without affixes
    ("tone", '[words.x]\nwords = ["a"]\naffixes = [["b"]]\n', False),  # affixes without a stem
    ("tone", '[words.X]\nwords = ["a"]\n', False),  # a class name in capitals
]

# What only the loader can check (JSON Schema cannot say it); `phrasebook validate` reports it.
LOADER_ONLY = [
    ("phrases", P + 'text = "a"\n' + P + 'text = "b"\n'),  # the same id twice
    ("tone", R + 'patterns = ["a("]\n'),  # tone pattern syntax
    ("tone", R + 'kind = "regex"\npatterns = ["(a+)+"]\n'),  # a regular expression too slow
    ("tone", '[words.x]\nwords = ["two words"]\n'),  # a member that is not one token
]


@pytest.mark.parametrize(("kind", "text", "valid"), TABLE)
def test_loader_and_schema_agree(kind: str, text: str, valid: bool, tmp_path: Path) -> None:
    loader, schema_verdict = verdicts(kind, text, tmp_path)
    assert loader is valid, f"the loader {'rejects' if valid else 'accepts'} it"
    assert schema_verdict is valid, f"the schema {'rejects' if valid else 'accepts'} it"


@pytest.mark.parametrize(("kind", "text"), LOADER_ONLY)
def test_what_only_the_loader_checks(kind: str, text: str, tmp_path: Path) -> None:
    assert verdicts(kind, text, tmp_path) == (False, True)
