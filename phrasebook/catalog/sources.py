"""The guides phrasings cite, and their sections, from ``sources.toml`` beside the language folders.

The built-in ``locales/sources.toml`` lists the five source guides; a company overlay may declare
its own sources (a brand-voice guide, say) in its own ``sources.toml``, and its phrasings may then
cite them. A ``source`` is ``<guide-id>#<section>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictStr

from ..errors import did_you_mean

__all__ = ["SOURCES_FILE", "Citations", "Guide", "GuideFile"]

SOURCES_FILE = "sources.toml"


class Guide(BaseModel):
    """One citable source: its id, title, language, kind and sections."""

    # Built on first use: loading the built-in phrasings never reads sources.toml.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: StrictStr = Field(pattern=r"^[a-z][a-z0-9-]*$", description="e.g. de-six-ways")
    title: StrictStr = Field(min_length=1)
    language: StrictStr | None = Field(default=None, description="The guide's language code")
    kind: StrictStr | None = Field(default=None, description="What kind of text it is")
    sections: tuple[StrictStr, ...] = Field(min_length=1, description="Citable section names")


class GuideFile(BaseModel):
    """The whole of a ``sources.toml`` file."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    guide: tuple[Guide, ...] = ()


@dataclass(frozen=True)
class Citations:
    """The guides a set of locale folders may cite, by id, and where each was declared.

    >>> c = Citations.of([Guide(id="de-six-ways", title="t", sections=("1", "2"))])
    >>> c.problem("de-six-ways#2") is None
    True
    >>> c.problem("de-six-ways#7")
    "de-six-ways has no section '7' (sections: 1, 2)"
    """

    guides: Mapping[str, Guide] = field(default_factory=dict)
    files: Mapping[str, Path] = field(default_factory=dict)

    @classmethod
    def of(cls, guides: Iterable[Guide], path: Path | None = None) -> Citations:
        """Citations for ``guides`` (declared in ``path``, if known)."""
        listed = tuple(guides)
        files = {g.id: path for g in listed} if path is not None else {}
        return cls({g.id: g for g in listed}, files)

    def merged(self, other: Citations) -> Citations:
        """These citations plus ``other``'s (an overlay's guide of the same id replaces ours)."""
        return Citations({**self.guides, **other.guides}, {**self.files, **other.files})

    def problem(self, source: str) -> str | None:
        """Return why ``source`` is not a valid citation, or None."""
        guide_id, _, section = source.partition("#")
        if guide_id not in self.guides:
            hint = did_you_mean(guide_id, self.guides)
            return f"unknown guide {guide_id!r} (guides: {', '.join(self.guides)}){hint}"
        guide = self.guides[guide_id]
        if section not in guide.sections:
            sections = ", ".join(guide.sections)
            return f"{guide_id} has no section {section!r} (sections: {sections})"
        return None
