"""Regional spelling variants, as data: ``locales/<code>/regions.toml``.

Swiss Standard German writes "ss" for "ß"; that is a fact about a region's orthography, kept
beside the language's phrasings rather than in code::

    [CH]
    name = "Swiss Standard German"
    replace = { "ß" = "ss" }
"""

from __future__ import annotations

import functools
from typing import Annotated

from babel import Locale
from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints

from .catalog import builtin_root
from .locale_files import read_model

__all__ = ["REGIONS_FILE", "RegionFile", "RegionVariant", "apply_variant", "region_variant"]

REGIONS_FILE = "regions.toml"

Territory = Annotated[str, StringConstraints(pattern=r"^(?:[A-Z]{2}|[0-9]{3})$")]


class RegionVariant(BaseModel):
    """How one region writes the language differently."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1, description="The variant's name, e.g. Swiss Standard German")
    replace: dict[str, str] = Field(
        default_factory=dict, description="Strings to replace in rendered text, e.g. ß -> ss"
    )

    def apply(self, text: str) -> str:
        """Write ``text`` in this region's spelling."""
        for old, new in self.replace.items():
            text = text.replace(old, new)
        return text


class RegionFile(RootModel[dict[Territory, RegionVariant]]):
    """The whole of a ``regions.toml`` file: one table per territory code."""


@functools.lru_cache(maxsize=64)
def region_variant(language: str, territory: str | None) -> RegionVariant | None:
    """Return the variant for ``language`` in ``territory``, if the locale data defines one.

    >>> region_variant("de", "CH").replace
    {'ß': 'ss'}
    >>> region_variant("de", "AT") is None
    True
    """
    if not territory:
        return None
    path = builtin_root() / language / REGIONS_FILE
    if not path.is_file():
        return None
    parsed, _ = read_model(path, RegionFile)
    return parsed.root.get(territory)


def apply_variant(text: str, locale: Locale) -> str:
    """Apply the regional spelling of ``locale`` to ``text`` (unchanged where there is none).

    >>> apply_variant("Grüße", Locale.parse("de_CH"))
    'Grüsse'
    """
    variant = region_variant(locale.language, locale.territory)
    return text if variant is None else variant.apply(text)
