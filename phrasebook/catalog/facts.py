"""`LanguageFacts`: what a language's ``language.toml`` files say, merged over overlays.

The built-in ``locales/<code>/language.toml`` (or an overlay's, for a language the built-ins lack)
defines the language: the registers it distinguishes and its status. Overlays may add regional
variants. Nothing else in phrasebook decides how many registers a language has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..errors import LocaleDataError
from ..model import Register
from .paths import LANGUAGE_FILE
from .schema import LanguageFile, RegionVariant, Status

__all__ = ["LanguageFacts", "merge_facts"]


@dataclass(frozen=True)
class LanguageFacts:
    """The registers, status and regional variants of one language.

    >>> facts = LanguageFacts("de", (Register.FORMAL, Register.INFORMAL), Status.SHIPPED)
    >>> facts.two_registers, facts.default_register.value
    (True, 'formal')
    """

    code: str
    registers: tuple[Register, ...]
    status: Status
    regions: Mapping[str, RegionVariant] = field(default_factory=dict)

    @property
    def two_registers(self) -> bool:
        """True when the language distinguishes formal and informal address."""
        return Register.FORMAL in self.registers

    @property
    def default_register(self) -> Register:
        """Formal where the language has T-V address, else neutral."""
        return Register.FORMAL if self.two_registers else Register.NEUTRAL

    @property
    def shipped(self) -> bool:
        """True when the language is complete (content minimums apply)."""
        return self.status is Status.SHIPPED


def merge_facts(code: str, files: Sequence[tuple[Path, LanguageFile]],
                folder: Path | None = None) -> LanguageFacts:
    """Merge the ``language.toml`` files of ``code``, built-in first.

    Exactly one of them defines the language (registers and status); the others may add
    regions. Raises `LocaleDataError` when none or two define it.
    """
    defined: tuple[Path, LanguageFile] | None = None
    regions: dict[str, RegionVariant] = {}
    for path, data in files:
        if data.registers is not None:
            if defined is not None:
                raise LocaleDataError(
                    f"{code} is already defined by {defined[0]}; an overlay's {LANGUAGE_FILE} "
                    "may only add regions", path=path,
                )
            defined = (path, data)
        regions.update(data.regions)
    if defined is None:
        where = files[-1][0] if files else (folder / LANGUAGE_FILE if folder else None)
        raise LocaleDataError(
            f"language {code!r} is not defined: add {LANGUAGE_FILE} with registers "
            '(["formal", "informal"] or ["neutral"]) and status ("draft" or "shipped")',
            path=where,
        )
    data = defined[1]
    assert data.registers is not None and data.status is not None
    return LanguageFacts(code, data.registers, data.status, MappingProxyType(regions))
