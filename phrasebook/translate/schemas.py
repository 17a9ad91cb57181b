"""The JSON Schemas of the locale files (``phrasebook schema``), generated from the models.

The same pydantic models validate the files when they are loaded, so an editor that checks a
file against these schemas (Taplo, Even Better TOML) agrees with the loader.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..catalog.schema import LanguageFile, PhraseFile
from ..catalog.sources import GuideFile
from ..tone.schema import RuleFile

__all__ = ["SCHEMA_MODELS", "json_schemas"]

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "phrases": PhraseFile,
    "language": LanguageFile,
    "tone": RuleFile,
    "sources": GuideFile,
}
"""The model behind each kind of file, by the name ``phrasebook schema --file`` takes."""


def json_schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schema of every kind of locale file, by name."""
    result = {}
    for name, model in SCHEMA_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"phrasebook {name}.toml"
        result[name] = schema
    return result
