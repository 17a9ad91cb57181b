"""Language tags: parsing, aliases, matching and Accept-Language negotiation, thin over babel.

Everything here asks babel and CLDR: which tags are valid, that ``no`` means Norwegian Bokmål
(``LOCALE_ALIASES``), that Nynorsk's parent is Norwegian (``parent_exceptions``), which language a
country code such as ``cz`` or ``ge`` most likely meant (territory language data), and the names
of languages. The one table of our own, `_CLOSE_LANGUAGES`, is copied from CLDR's language
matching data, which babel does not ship.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection
from dataclasses import dataclass

from babel.core import LOCALE_ALIASES, Locale, UnknownLocaleError, get_global
from babel.languages import get_territory_language_info

from .errors import UnsupportedLanguageError, closest, did_you_mean

__all__ = [
    "MAX_HEADER_CHARS",
    "MAX_HEADER_RANGES",
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


# Close languages from CLDR's language matching data (supplemental/languageInfo.xml,
# <languageMatching type="written_new">), which ICU's LocaleMatcher and langcodes use: a tag in
# one of these languages gets the other, with a notice, when its own is not on offer. Kept are
# the pairs whose other side is a built-in language, and of them the two-way pairs (languages
# whose readers understand each other) and the one-way pairs as close as a regional variant
# (distance 4). Left out on purpose: one-way fallbacks to a contact language (rm -> de 20,
# ku -> tr 30, and the many "-> en"), which ICU would also take: answering a customer in a
# language they did not ask for is the app's decision (``fallback=``), not ours. sv -> nb is not
# in CLDR (distance 80, unrelated), so Swedish gets nothing. nn -> nb (20) comes from CLDR's
# parent locales, in `_candidates`.
_CLOSE_LANGUAGES = {
    # desired: (supported, CLDR distance)
    "da": ("nb", 8),  # <languageMatch desired="da" supported="nb" distance="8"/>
    "sk": ("cs", 20),  # <languageMatch desired="cs" supported="sk" distance="20"/> (both ways)
    "gsw": ("de", 4),  # <languageMatch desired="gsw" supported="de" distance="4" oneway="true"/>
    "lb": ("de", 4),  # <languageMatch desired="lb" supported="de" distance="4" oneway="true"/>
}


def _candidates(locale: Locale) -> list[str]:
    """Language codes to try for a parsed tag, most specific first.

    The language, its CLDR alias (``no`` -> nb), its CLDR parent (``nn`` -> no -> nb), then a
    close language (`_CLOSE_LANGUAGES`).
    """
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
    close = _CLOSE_LANGUAGES.get(language)
    if close:
        found.append(close[0])
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


def _name_guess(tag: str, available: Collection[str]) -> str | None:
    """The shipped language a language *name* means, in English or in itself (CLDR names).

    ``german``, ``Deutsch``, ``norwegian`` and ``türkçe`` name de, de, nb and tr.
    """
    name = tag.strip().casefold()
    if len(name) < 4:
        return None
    for code in sorted(available):
        for shown_in in ("en", code):
            try:
                names = Locale.parse(shown_in).languages
            except (UnknownLocaleError, ValueError):
                continue
            for named, display in names.items():
                if display.casefold() == name:
                    found = _lookup(named, frozenset(available))
                    if found is not None and found.code == code:
                        return code
    return None


def suggest_language(tag: str, available: Collection[str]) -> str | None:
    """Suggest a language for a mistaken tag.

    A language name (``german`` -> de, from CLDR's names), the language of the country the tag
    names (``cz`` -> cs), else the closest code.

    >>> suggest_language("ge", {"ka", "de"})
    'ka'
    >>> suggest_language("German", {"ka", "de"})
    'de'
    """
    return (_name_guess(tag, available) or _territory_guess(tag, available)
            or closest(tag.strip().lower(), sorted(available)))


def _looks_like_a_header(tag: str) -> bool:
    return "," in tag or ";" in tag or tag.strip() == "*"


@functools.lru_cache(maxsize=1024)
def _lookup(tag: str, available: frozenset[str]) -> LanguageMatch | None:
    """The shipped language ``tag`` resolves to, or None; never raises, never suggests."""
    if tag.strip().lower() in available:
        return LanguageMatch(code=tag.strip().lower())
    locale = parse_tag(tag)
    if locale is None:
        return None
    alias = LOCALE_ALIASES.get(locale.language, "").split("_")[0]
    for rank, code in enumerate(_candidates(locale)):
        if code in available:
            notice = None
            if rank > 0 and code != alias:
                asked = locale.get_display_name("en") or tag
                notice = (
                    f"{asked} ({tag}) is not shipped; using {language_info(code).english_name} "
                    f"({code}), the closest language"
                )
            territory = locale.territory if rank == 0 else None
            return LanguageMatch(code=code, notice=notice, territory=territory)
    return None


@functools.lru_cache(maxsize=512)
def _match(tag: str, available: frozenset[str]) -> LanguageMatch:
    found = _lookup(tag, available)
    if found is not None:
        return found
    offered = sorted(available)
    if _looks_like_a_header(tag):
        error = UnsupportedLanguageError("language", tag, offered, suggestion="")
        error.message = (f"{tag!r} is an Accept-Language header, not a language tag: "
                         f"negotiate it first (Phrasebook.negotiate gives "
                         f"{negotiate(tag, available, _fallback(available))!r})")
        error.args = (error.message,)
        raise error
    locale = parse_tag(tag)
    if locale is None:
        suggestion = suggest_language(tag, available)
        raise UnsupportedLanguageError("language", tag, offered, suggestion=suggestion)
    name = locale.get_display_name("en") or tag
    raise UnsupportedLanguageError.not_shipped(tag, name, offered)


def match_language(tag: str, available: Collection[str]) -> LanguageMatch:
    """Resolve ``tag`` to one of the ``available`` language codes.

    Region and script fall back to the base language; ``no`` and ``no-NO`` mean ``nb``. A
    close language (CLDR's language matching: ``nn`` and ``da`` -> nb, ``sk`` -> cs, ``gsw``
    and ``lb`` -> de) answers with a notice. An invalid tag raises `UnsupportedLanguageError`
    with a suggestion (``cz`` -> ``cs``); a valid language that is not shipped raises it too,
    and so does an Accept-Language header (say so, and what `negotiate` gives for it).

    >>> match_language("nb-NO", {"nb", "en"}).code
    'nb'
    >>> match_language("sk", {"cs", "en"}).notice
    'Slovak (sk) is not shipped; using Czech (cs), the closest language'
    """
    return _match(tag, frozenset(available))


# An Accept-Language header is read up to this many characters (cut after the last whole
# entry) and this many entries; browsers send a handful. Parsing the rest would only cost
# time: a 1 MB header is answered from its first 4 KiB.
MAX_HEADER_CHARS = 4096
MAX_HEADER_RANGES = 64

_RANGE = re.compile(r"^(?:\*|[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*)$")
_QVALUE = re.compile(r"^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$")


@dataclass(frozen=True)
class _Range:
    tag: str
    quality: float
    index: int


def _ranges(header: str) -> list[_Range]:
    """The well-formed language ranges of a header, in header order, q=0 ones included."""
    text = str(header)
    if len(text) > MAX_HEADER_CHARS:
        text = text[: text.rfind(",", 0, MAX_HEADER_CHARS + 1) + 1]
    found: list[_Range] = []
    for index, part in enumerate(text.split(",", MAX_HEADER_RANGES)[:MAX_HEADER_RANGES]):
        tag, *params = (piece.strip() for piece in part.split(";"))
        if not _RANGE.match(tag):
            continue
        quality: float | None = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                value = value.strip()
                quality = float(value) if _QVALUE.match(value) else None
        if quality is not None:
            found.append(_Range(tag, quality, index))
    return found


def parse_accept_language(header: str) -> list[str]:
    """Return the tags of an HTTP Accept-Language header, best first; malformed parts dropped.

    Tags with ``q=0`` are refused by the client and left out; equal weights keep their order.
    Only the first `MAX_HEADER_CHARS` characters and `MAX_HEADER_RANGES` entries are read.

    >>> parse_accept_language("de-CH, fr;q=0.9, en;q=0.8, *;q=0.1, ;;, x1;q=abc")
    ['de-CH', 'fr', 'en', '*']
    """
    accepted = [r for r in _ranges(header) if r.quality > 0]
    return [r.tag for r in sorted(accepted, key=lambda r: (-r.quality, r.index))]


def _refused(tag: str, available: frozenset[str]) -> set[str]:
    """The offered languages a ``q=0`` range refuses: the ones it names (``no`` names nb).

    As in RFC 4647 a range refuses what it is a prefix of, so ``de-CH;q=0`` refuses Swiss
    German only, not the German phrasebook offers.
    """
    parts = _canonical_parts(tag)
    if parts is None or len(parts) != 1:
        return set()
    language = parts[0]
    alias = LOCALE_ALIASES.get(language, "").split("_")[0]
    return {code for code in (language, alias) if code in available}


def _fallback(available: Collection[str]) -> str:
    return "en" if "en" in available or not available else sorted(available)[0]


def _checked_default(default: str, available: frozenset[str]) -> str:
    found = _lookup(str(default), available) if available else None
    if found is not None and found.notice is None:
        return found.code
    offered = sorted(available)
    suggestion = found.code if found is not None else suggest_language(str(default), available)
    error = UnsupportedLanguageError("default language", str(default), offered,
                                     suggestion=suggestion or "")
    error.message = (f"default language {default!r} is not on offer (choose from "
                     f"{', '.join(offered) or 'nothing'})"
                     + did_you_mean(str(default), offered, suggestion or ""))
    error.args = (error.message,)
    raise error


def negotiate(header: str, available: Collection[str], default: str = "en") -> str:
    """Return the best of ``available`` for an Accept-Language ``header``.

    Entries are taken best q first (equal q in header order). A named language that is on
    offer (region and script dropped, ``no`` -> nb) beats everything; then a close language
    (``sk`` -> cs, see `match_language`); then ``*``, which means ``default``. ``q=0``
    refuses a language: it is never chosen, by a name, a close language, ``*`` or the
    fallback; ``*;q=0`` refuses every language not named. A header that matches nothing gives
    ``default``, or the first language on offer the header does not refuse; one that refuses
    everything on offer is disregarded (``default``), as RFC 9110 allows. Malformed entries are
    ignored and the header is read up to `MAX_HEADER_CHARS` / `MAX_HEADER_RANGES`; the header
    never makes it raise. ``default`` must be on offer: else `UnsupportedLanguageError`, naming
    what is and a close match.

    >>> negotiate("fr-CH, fr;q=0.9, nb-NO;q=0.8, de;q=0.7", {"de", "en", "nb"})
    'nb'
    >>> negotiate("*, de", {"de", "en"}), negotiate("en;q=0, *", {"de", "en"})
    ('de', 'de')
    >>> negotiate("garbage;;q=x", {"de", "en"})
    'en'
    """
    offered = frozenset(available)
    fallback = _checked_default(default, offered)
    ranges = _ranges(header)
    refused: set[str] = set()
    for entry in ranges:
        if entry.quality == 0 and entry.tag != "*":
            refused |= _refused(entry.tag, offered)
    anything_else = not any(r.tag == "*" and r.quality == 0 for r in ranges)
    wanted = sorted((r for r in ranges if r.quality > 0), key=lambda r: (-r.quality, r.index))
    close = None
    for entry in wanted:
        found = None if entry.tag == "*" else _lookup(entry.tag, offered)
        if found is None or found.code in refused:
            continue
        if found.notice is None:
            return found.code
        close = close or found.code
    if close is not None:
        return close
    if not anything_else:
        return fallback  # every language on offer is refused: the header is disregarded
    for code in (fallback, *sorted(offered)):
        if code not in refused:
            return code
    return fallback
