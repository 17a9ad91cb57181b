"""The source guides and their citable sections, from ``locales/sources.toml``."""

from __future__ import annotations

import functools

from pydantic import BaseModel, ConfigDict, Field

from .catalog import builtin_root
from .errors import closest
from .locale_files import read_model

__all__ = ["SOURCES_FILE", "Guide", "GuideFile", "citation_problem", "guides"]

SOURCES_FILE = "sources.toml"


class Guide(BaseModel):
    """One source guide: its citation id, title, language, kind and sections."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z]{2,3}-[a-z0-9-]+$")
    title: str
    language: str
    kind: str
    sections: tuple[str, ...] = Field(min_length=1)


class GuideFile(BaseModel):
    """The whole of ``sources.toml``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    guide: tuple[Guide, ...]


@functools.lru_cache(maxsize=1)
def guides() -> dict[str, Guide]:
    """Return the guides by id.

    >>> guides()["de-six-ways"].sections
    ('1', '2', '3', '4', '5', '6')
    """
    parsed, _ = read_model(builtin_root() / SOURCES_FILE, GuideFile)
    return {guide.id: guide for guide in parsed.guide}


def citation_problem(source: str) -> str | None:
    """Return why ``source`` is not a valid citation, or None.

    >>> citation_problem("tr-angry-customers#2.2") is None
    True
    >>> citation_problem("de-six-ways#7")
    "de-six-ways has no section '7' (sections: 1, 2, 3, 4, 5, 6)"
    """
    guide_id, _, section = source.partition("#")
    known = guides()
    if guide_id not in known:
        near = closest(guide_id, known)
        hint = f"; did you mean {near!r}?" if near else ""
        return f"unknown guide {guide_id!r} (guides: {', '.join(known)}){hint}"
    guide = known[guide_id]
    if section not in guide.sections:
        return f"{guide_id} has no section {section!r} (sections: {', '.join(guide.sections)})"
    return None
