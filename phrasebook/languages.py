"""Language tags: parsing, aliases and matching against the shipped languages, thin over babel.

Everything here asks babel and CLDR: which tags are valid, that ``no`` means Norwegian Bokmål
(``LOCALE_ALIASES``), that Nynorsk's parent is Norwegian (``parent_exceptions``), which language a
country code such as ``cz`` or ``ge`` most likely meant (territory language data), and the names
of languages.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from dataclasses import dataclass

from babel.core import LOCALE_ALIASES, Locale, UnknownLocaleError, get_global
from babel.languages import get_territory_language_info

from .errors import UnsupportedLanguageError, closest

__all__ = ["Language", "LanguageMatch", "language_info", "match_language", "parse_tag"]


@dataclass(frozen=True)
class Language:
    """A shipped language: its code and its names, from CLDR."""

    code: str
    native_name: str
    english_name: str


@dataclass(frozen=True)
class LanguageMatch:
    """The shipped language a tag resolved to, and a notice when it is not the one asked for."""

    code: str
    notice: str | None = None


@functools.lru_cache(maxsize=64)
def language_info(code: str) -> Language:
    """Return the code with its native and English names.

    >>> language_info("de")
    Language(code='de', native_name='Deutsch', english_name='German')
    """
    locale = Locale.parse(code)
    return Language(
        code=code,
        native_name=locale.get_display_name(locale) or code,
        english_name=locale.get_display_name("en") or code,
    )


@functools.lru_cache(maxsize=512)
def parse_tag(tag: str) -> Locale | None:
    """Parse a BCP 47 or POSIX tag in any case (``de-AT``, ``de_AT``, ``DE-at``); None if invalid.

    >>> parse_tag("DE-at")
    Locale('de', territory='AT')
    """
    text = tag.strip().replace("-", "_")
    if not text or not all(part.isalnum() for part in text.split("_")):
        return None
    parts = text.split("_")
    parts[0] = parts[0].lower()
    for i in range(1, len(parts)):
        parts[i] = parts[i].title() if len(parts[i]) == 4 else parts[i].upper()
    try:
        return Locale.parse("_".join(parts))
    except (UnknownLocaleError, ValueError, TypeError):
        return None


def _candidates(locale: Locale) -> list[str]:
    """Language codes to try for a parsed tag, most specific first, via CLDR aliases/parents."""
    language = locale.language
    found = [language]
    alias = LOCALE_ALIASES.get(language)
    if alias:
        found.append(alias.split("_")[0])
    parent = get_global("parent_exceptions").get(language)
    if parent:
        found.append(parent)
        parent_alias = LOCALE_ALIASES.get(parent)
        if parent_alias:
            found.append(parent_alias.split("_")[0])
    return found


def _territory_guess(tag: str, available: Collection[str]) -> str | None:
    """The shipped language most spoken in the country a mistaken tag names (``cz`` -> cs)."""
    code = tag.strip().upper()
    if len(code) != 2 or not code.isalpha():
        return None
    info = get_territory_language_info(code)
    ranked = sorted(info.items(), key=lambda kv: -float(kv[1].get("population_percent", 0)))
    for language, _ in ranked:
        if language in available:
            return language
    return None


@functools.lru_cache(maxsize=512)
def _match(tag: str, available: frozenset[str]) -> LanguageMatch:
    locale = parse_tag(tag)
    offered = sorted(available)
    if locale is None:
        suggestion = _territory_guess(tag, available) or closest(tag.strip().lower(), offered)
        raise UnsupportedLanguageError("language", tag, offered, suggestion=suggestion)
    candidates = _candidates(locale)
    for rank, code in enumerate(candidates):
        if code in available:
            notice = None
            if rank > 0 and code != LOCALE_ALIASES.get(locale.language, "").split("_")[0]:
                asked = locale.get_display_name("en") or tag
                notice = (
                    f"{asked} ({tag}) is not shipped; using {language_info(code).english_name} "
                    f"({code}), the closest language"
                )
            return LanguageMatch(code=code, notice=notice)
    name = locale.get_display_name("en") or tag
    raise UnsupportedLanguageError.not_shipped(tag, name, offered)


def match_language(tag: str, available: Collection[str]) -> LanguageMatch:
    """Resolve ``tag`` to one of the ``available`` language codes.

    Region and script fall back to the base language; ``no`` and ``no-NO`` mean ``nb``; ``nn``
    gets ``nb`` with a notice. An invalid tag raises `UnsupportedLanguageError` with a
    suggestion (``cz`` -> ``cs``); a valid language that is not shipped raises it too.

    >>> match_language("nb-NO", {"nb", "en"}).code
    'nb'
    >>> match_language("nn", {"nb", "en"}).notice is not None
    True
    """
    return _match(tag, frozenset(available))
