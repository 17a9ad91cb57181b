"""The JSON Schemas of the locale files (``phrasebook schema``), generated from the models.

The same pydantic models validate the files when they are loaded, so an editor that checks a
file against these schemas (Taplo, Even Better TOML) agrees with the loader. What a model's
validators check beyond field types is said to JSON Schema too: in the model's
``json_schema_extra`` where the model is the catalogue's, and below for the rule files' models.
Two kinds of check stay the loader's alone, because JSON Schema cannot say them: an id given
twice in one file, and the syntax of tone patterns and regular expressions (``phrasebook
validate`` reports both with ``path:line``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..assist.schema import PlaybookFile
from ..catalog.paths import builtin_root
from ..catalog.schema import LanguageFile, PhraseFile
from ..catalog.sources import GuideFile
from ..tone.schema import RuleFile
from .playbook import playbook_beside

__all__ = ["SCHEMA_MODELS", "json_schemas"]

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "phrases": PhraseFile,
    "language": LanguageFile,
    "tone": RuleFile,
    "signals": RuleFile,
    "sources": GuideFile,
    "playbook": PlaybookFile,
}
"""The model behind each kind of file, by the name ``phrasebook schema --file`` takes."""


def _required(*keys: str) -> dict[str, Any]:
    return {"required": list(keys)}


def _non_empty(key: str) -> dict[str, Any]:
    """The key is given and is a non-empty list."""
    return {"required": [key], "properties": {key: {"minItems": 1}}}


def _is(key: str, value: Any) -> dict[str, Any]:
    return {"required": [key], "properties": {key: {"const": value}}}


# The checks of `phrasebook.tone.schema`'s model validators (RuleEntry._kind_fits,
# WordClass._grammar), by the model's name in "$defs".
_RULE_FILE_CHECKS: dict[str, list[dict[str, Any]]] = {
    "RuleEntry": [
        # A caps rule takes no patterns or unless; the other kinds need patterns, and take no
        # codes.
        {"if": _is("kind", "caps"),
         "then": {"not": {"anyOf": [_non_empty("patterns"), _non_empty("unless")]}},
         "else": {"allOf": [_non_empty("patterns"), {"not": _non_empty("codes")}]}},
        # case_sensitive is for regex rules.
        {"if": _is("case_sensitive", True), "then": _is("kind", "regex")},
        # register is set exactly on rules with rule = "register", and is formal or informal.
        {"if": _is("rule", "register"), "then": _required("register"),
         "else": {"not": _required("register")}},
        {"properties": {"register": {"not": {"const": "neutral"}}}},
    ],
    "WordClass": [
        # An affix grammar needs both stem and affixes; a class needs words or a grammar.
        {"if": _required("stem"), "then": _non_empty("affixes")},
        {"if": _non_empty("affixes"), "then": _required("stem")},
        {"anyOf": [_non_empty("words"), _required("stem")]},
    ],
}


def _closed_keys(node: Any) -> None:
    """Forbid keys outside ``patternProperties`` (a dict whose keys pydantic checks)."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _closed_keys(value)
    elif isinstance(node, list):
        for value in node:
            _closed_keys(value)


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every kind of locale file, by name."""
    result = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema()
        if model is RuleFile:
            for definition, checks in _RULE_FILE_CHECKS.items():
                schema["$defs"][definition]["allOf"] = checks
        _closed_keys(schema)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"phrasebook {name}.toml"
        result[name] = schema
    _signal_ids(result["signals"])
    return result


def _signal_ids(schema: dict[str, Any]) -> None:
    """List the rule ids a signals.toml may use, for editors.

    They are the built-in playbook's signals, and ``register`` for the address forms customers
    use.
    """
    rule = schema["$defs"]["RuleEntry"]["properties"]["rule"]
    rule.pop("pattern", None)
    rule.pop("examples", None)
    rule["enum"] = [*playbook_beside(builtin_root() / "en"), "register"]
    rule["description"] = ("The signal the rule finds (one of the signals of playbook.toml), "
                           "or register for an address form")
