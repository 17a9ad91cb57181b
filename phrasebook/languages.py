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

__all__ = [
    "Language",
    "LanguageMatch",
    "language_info",
    "match_language",
    "negotiate",
    "parse_accept_language",
    "parse_tag",
    "suggest_language",
]


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
    territory: str | None = None


@functools.lru_cache(maxsize=64)
def language_info(code: str) -> Language:
    """Return the code with its native and English names (the code itself if CLDR lacks it).

    >>> language_info("de")
    Language(code='de', native_name='Deutsch', english_name='German')
    """
    locale = parse_tag(code)
    if locale is None:
        return Language(code=code, native_name=code, english_name=code)
    return Language(
        code=code,
        native_name=locale.get_display_name(locale) or code,
        english_name=locale.get_display_name("en") or code,
    )


def _canonical_parts(tag: str) -> list[str] | None:
    text = tag.strip().replace("-", "_")
    parts = text.split("_")
    if not text or not all(part.isalnum() and part.isascii() for part in parts):
        return None
    parts[0] = parts[0].lower()
    for i in range(1, len(parts)):
        parts[i] = parts[i].title() if len(parts[i]) == 4 else parts[i].upper()
    return parts


@functools.lru_cache(maxsize=512)
def parse_tag(tag: str) -> Locale | None:
    """Parse a BCP 47 or POSIX tag in any case (``de-AT``, ``de_AT``, ``DE-at``); None if invalid.

    A region or script CLDR has no data for falls back to the base language (``no-NO`` -> no).

    >>> parse_tag("DE-at")
    Locale('de', territory='AT')
    >>> parse_tag("no-NO")
    Locale('no')
    """
    parts = _canonical_parts(tag)
    if parts is None or not 2 <= len(parts[0]) <= 3 or not parts[0].isalpha():
        return None
    for length in range(len(parts), 0, -1):
        try:
            return Locale.parse("_".join(parts[:length]))
        except (UnknownLocaleError, ValueError, TypeError):
            continue
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
    official = [
        (float(data.get("population_percent") or 0), language)
        for language, data in info.items()
        if str(data.get("official_status") or "").endswith("official")
    ]
    for _, language in sorted(official, reverse=True):
        if language in available:
            return language
    return None


def suggest_language(tag: str, available: Collection[str]) -> str | None:
    """Suggest a language for a mistaken tag.

    The language of the country the tag names (``cz`` -> cs), else the closest code.

    >>> suggest_language("ge", {"ka", "de"})
    'ka'
    """
    return _territory_guess(tag, available) or closest(tag.strip().lower(), sorted(available))


@functools.lru_cache(maxsize=512)
def _match(tag: str, available: frozenset[str]) -> LanguageMatch:
    if tag.strip().lower() in available:
        return LanguageMatch(code=tag.strip().lower())
    locale = parse_tag(tag)
    offered = sorted(available)
    if locale is None:
        suggestion = suggest_language(tag, available)
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
            territory = locale.territory if rank == 0 else None
            return LanguageMatch(code=code, notice=notice, territory=territory)
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


def parse_accept_language(header: str) -> list[str]:
    """Return the tags of an HTTP Accept-Language header, best first; malformed parts dropped.

    Tags with ``q=0`` are refused by the client and left out; equal weights keep their order.

    >>> parse_accept_language("de-CH, fr;q=0.9, en;q=0.8, *;q=0.1, ;;, x;q=abc")
    ['de-CH', 'fr', 'en', '*']
    """
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(str(header).split(",")):
        pieces = [p.strip() for p in part.split(";")]
        tag = pieces[0]
        if not tag or not all(c.isalnum() or c in "-_*" for c in tag):
            continue
        quality = 1.0
        try:
            for param in pieces[1:]:
                key, _, value = param.partition("=")
                if key.strip().lower() == "q":
                    quality = float(value)
        except ValueError:
            continue
        if not 0 < quality <= 1:
            continue
        weighted.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(header: str, available: Collection[str], default: str = "en") -> str:
    """Return the best of ``available`` for an Accept-Language ``header``; never raises.

    ``*`` accepts anything, which is answered with ``default``; so is a header that matches
    nothing.

    >>> negotiate("fr-CH, fr;q=0.9, nb-NO;q=0.8, de;q=0.7", {"de", "en", "nb"})
    'nb'
    >>> negotiate("garbage;;q=x", {"de", "en"})
    'en'
    """
    for tag in parse_accept_language(header):
        if tag == "*":
            return default
        try:
            return match_language(tag, available).code
        except UnsupportedLanguageError:
            continue
    return default
