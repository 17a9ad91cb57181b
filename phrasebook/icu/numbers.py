"""Numbers as ICU formats them, from babel's CLDR data: styles, skeletons, digits and plurals.

A number is rounded once, half-even like ICU, to the digits its style shows; that rounded value
is both what is printed and what the plural rules see, so "1.0 items" never becomes "1.0 item".

babel's CLDR data is used throughout (patterns, symbols, currency digits and symbols); the
printing of a rounded number from a pattern is done here, because babel's own formatter departs
from CLDR and ICU in three places (see `_render`, the one place that works around them):

- it removes pairs of apostrophes from its output as if they were pattern quotes, so the Swiss
  group separator vanishes from millions (``de-CH``: "1000000" instead of "1'000'000");
- it prints the ASCII hyphen for a negative number, not the locale's minus sign (Bokmål's
  U+2212 "−");
- it has no minimum grouping digits (CLDR ``minimumGroupingDigits``), so Georgian "1234" gets
  a separator ICU does not print.

>>> from babel import Locale
>>> format_number(1000000, Locale.parse("de_CH"), parse_style(None))[0]
"1'000'000"
>>> format_number(-5, Locale.parse("nb"), parse_style(None))[0]
'−5'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation, localcontext
from typing import Literal

from babel import Locale
from babel.core import get_global
from babel.numbers import (
    NumberPattern,
    get_currency_name,
    get_currency_precision,
    get_currency_symbol,
    list_currencies,
)

__all__ = [
    "Number",
    "NumberStyle",
    "StyleError",
    "format_number",
    "known_currency",
    "parse_style",
    "to_decimal",
]

Number = Decimal | int | float

# A float has at most 309 integer digits; larger Decimals are refused rather than printed.
_MAX_DIGITS = 400
# ICU's NumberFormatter rounds to at most 6 fraction digits unless a skeleton says otherwise.
_SKELETON_FRACTION = (0, 6)
_MAX_FRACTION = 20

# CLDR minimumGroupingDigits, which babel does not ship: the locales (and the regional locales
# under them, through CLDR's parent chain) that print a grouping separator only when at least
# this many digits stand before it; all others are 1. ka: "1234" but "12 345". The table was
# checked against ICU 78.2 (CLDR 48, in Node 20.20) for every locale babel knows.
_MIN_GROUPING = {
    "be": 2, "bg": 2, "ee": 3, "es": 2, "es_419": 1, "et": 2, "hu": 2, "hy": 2, "ia": 2,
    "ie": 2, "it": 2, "ka": 2, "lv": 2, "pl": 2, "pt_AO": 1, "pt_PT": 2, "ru_UA": 2, "sl": 2,
    "sq": 2,
}

_FRACTION = re.compile(r"^\.(0*)(#*)$")
_SCALE = re.compile(r"^scale/(\d{1,6}(?:\.\d{1,6})?)$")
_SKELETON_HELP = (
    "percent (or %), currency/EUR, scale/100 (or %x100), precision-integer (or .), "
    ".00 / .0# (fraction digits), group-off (or ,_)"
)


class StyleError(ValueError):
    """A number style or skeleton phrasebook does not know (the template checker reports it)."""


@dataclass(frozen=True)
class NumberStyle:
    """How one ``{x, number, …}`` argument is printed.

    ``kind`` picks the CLDR pattern; ``currency`` is the ISO code a skeleton names (None: the
    value brings its own); ``fraction`` the (min, max) fraction digits (None: the pattern's, or
    the currency's); ``scale`` a multiplier applied first; ``grouping`` whether digits are
    grouped.
    """

    kind: Literal["decimal", "percent", "currency"] = "decimal"
    currency: str | None = None
    fraction: tuple[int, int] | None = None
    scale: Decimal = Decimal(1)
    grouping: bool = True


@functools.lru_cache(maxsize=256)
def parse_style(style: str | None) -> NumberStyle:
    """Return the `NumberStyle` of an ICU argument style, or raise `StyleError`.

    The styles are ICU MessageFormat's ``integer``, ``percent`` (multiplies by 100) and
    ``currency`` (the value is an ``(amount, "EUR")`` pair), and skeletons after ``::``.

    >>> parse_style("::currency/EUR .00").currency
    'EUR'
    >>> parse_style("percentage")
    Traceback (most recent call last):
    ...
    phrasebook.icu.numbers.StyleError: unknown number style 'percentage' (use integer, ...)
    """
    if style is None:
        return NumberStyle()
    text = style.strip()
    if text == "integer":
        return NumberStyle(fraction=(0, 0))
    if text == "percent":
        return NumberStyle(kind="percent", scale=Decimal(100))
    if text == "currency":
        return NumberStyle(kind="currency")
    if text.startswith("::"):
        return _parse_skeleton(text[2:])
    raise StyleError(f"unknown number style {text!r} (use integer, percent, currency or a "
                     "::skeleton)")


def _parse_skeleton(skeleton: str) -> NumberStyle:
    kind: Literal["decimal", "percent", "currency"] = "decimal"
    currency = None
    fraction: tuple[int, int] | None = None
    scale = Decimal(1)
    grouping = True
    tokens = skeleton.split()
    if not tokens:
        raise StyleError(f"empty number skeleton (supported: {_SKELETON_HELP})")
    for token in tokens:
        fraction_match = _FRACTION.match(token)
        scale_match = _SCALE.match(token)
        if token in ("percent", "%"):
            kind = "percent"
        elif token == "%x100":
            kind, scale = "percent", Decimal(100)
        elif token.startswith("currency/"):
            code = token.partition("/")[2]
            if code not in _currencies():
                raise StyleError(f"unknown currency {code!r} in skeleton ::{skeleton} (use an "
                                 "ISO 4217 code such as EUR)")
            kind, currency = "currency", code
        elif scale_match:
            scale = Decimal(scale_match.group(1))
        elif token in ("precision-integer", "."):
            fraction = (0, 0)
        elif fraction_match:
            low = len(fraction_match.group(1))
            high = low + len(fraction_match.group(2))
            if high > _MAX_FRACTION:
                raise StyleError(f"{token!r}: at most {_MAX_FRACTION} fraction digits")
            fraction = (low, high)
        elif token in ("group-off", ",_"):
            grouping = False
        else:
            raise StyleError(f"unsupported skeleton token {token!r} in ::{skeleton} "
                             f"(supported: {_SKELETON_HELP})")
    if fraction is None and kind != "currency":
        fraction = _SKELETON_FRACTION
    return NumberStyle(kind, currency, fraction, scale, grouping)


@functools.cache
def _currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def known_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency CLDR knows.

    >>> known_currency("EUR"), known_currency("EURO")
    (True, False)
    """
    return code in _currencies()


def to_decimal(value: Number) -> Decimal:
    """Return ``value`` as a finite Decimal (a float by its shortest repr), or raise ValueError.

    >>> to_decimal(0.1)
    Decimal('0.1')
    """
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a finite number")
    if number.adjusted() >= _MAX_DIGITS:
        raise ValueError(f"{value!r} is too large to print")
    return number


def _rounded(number: Decimal, fraction: tuple[int, int], keep: bool) -> Decimal:
    """Round half-even to ``fraction`` digits; trailing zeros shown only for a Decimal's own."""
    low, high = fraction
    rounded = number.quantize(Decimal(1).scaleb(-high), rounding=ROUND_HALF_EVEN)
    exponent = int(number.as_tuple().exponent)
    own = max(0, -exponent) if keep else 0
    natural = max(0, -int(rounded.normalize().as_tuple().exponent))
    digits = min(high, max(low, natural, own))
    return rounded.quantize(Decimal(1).scaleb(-digits))


def _pattern(locale: Locale, kind: str) -> NumberPattern:
    if kind == "percent":
        pattern: NumberPattern = locale.percent_formats[None]
    elif kind == "currency":
        pattern = locale.currency_formats["standard"]
    else:
        pattern = locale.decimal_formats[None]
    return pattern


def format_number(value: Number, locale: Locale, style: NumberStyle,
                  currency: str | None = None, *, offset: int = 0) -> tuple[str, Decimal]:
    """Print ``value`` in ``locale``'s CLDR format; return the text and the rounded value.

    The rounded value (with the fraction digits shown) is what plural rules must see. A
    Decimal keeps the fraction digits it carries, up to the style's maximum (``1.0`` stays
    "1.0"); a float or an int shows what is needed. ``offset`` is subtracted first (a plural's
    ``offset:``). Raises ValueError for a value that is not finite or too large.

    >>> from babel import Locale
    >>> format_number(Decimal("1.0"), Locale.parse("en"), parse_style(None))
    ('1.0', Decimal('1.0'))
    >>> format_number(1234.5, Locale.parse("de"), parse_style("::currency/EUR"))[0].split()
    ['1.234,50', '€']
    """
    code = style.currency or currency
    number = to_decimal(value)
    with localcontext() as context:
        context.prec = 2 * _MAX_DIGITS
        number = (number - offset) * style.scale
        if style.fraction is not None:
            fraction = style.fraction
        elif code is not None:
            fraction = (get_currency_precision(code),) * 2
        else:
            fraction = _pattern(locale, style.kind).frac_prec
        try:
            shown = _rounded(number, fraction, keep=isinstance(value, Decimal))
        except InvalidOperation:
            raise ValueError(f"{value!r} is too large to print") from None
    return _render(_pattern(locale, style.kind), shown, locale, code, style.grouping), shown


def _min_grouping(locale: Locale) -> int:
    parents: Mapping[str, str] = get_global("parent_exceptions")
    name = str(locale)
    while True:
        if name in _MIN_GROUPING:
            return _MIN_GROUPING[name]
        if name in parents:
            name = parents[name]
        elif "_" in name:
            name = name.rpartition("_")[0]
        else:
            return 1


def _group(digits: str, sizes: tuple[int, int], minimum: int, symbol: str) -> str:
    primary, secondary = sizes
    secondary = secondary if secondary > 0 else primary
    if primary <= 0 or len(digits) < primary + minimum:
        return digits
    groups = [digits[-primary:]]
    digits = digits[:-primary]
    while len(digits) > secondary:
        groups.append(digits[-secondary:])
        digits = digits[:-secondary]
    if digits:
        groups.append(digits)
    return symbol.join(reversed(groups))


def _symbols(locale: Locale) -> Mapping[str, str]:
    """The locale's number symbols in Latin digits (the numbering system phrasebook prints)."""
    symbols: Mapping[str, str] = locale.number_symbols["latn"]
    return symbols


_SIGNS = {"-": "minusSign", "+": "plusSign", "%": "percentSign", "‰": "perMille"}


def _affix(text: str, locale: Locale, code: str | None) -> str:
    """Expand a CLDR pattern affix: quotes, and the minus, plus, percent and currency signs."""
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "'":
            end = text.find("'", i + 1)
            end = len(text) if end < 0 else end
            out.append(text[i + 1:end] or "'")
            i = end + 1
            continue
        if char == "¤":
            width = len(text[i:]) - len(text[i:].lstrip("¤"))
            if code is not None:
                if width == 1:
                    out.append(get_currency_symbol(code, locale))
                elif width == 2:
                    out.append(code)
                else:
                    out.append(get_currency_name(code, locale=locale))
            i += width
            continue
        out.append(_symbols(locale)[_SIGNS[char]] if char in _SIGNS else char)
        i += 1
    return "".join(out)


def _spaced(symbol_side: str, number_side: str) -> bool:
    """CLDR's root currencySpacing: a no-break space between a letter-like symbol and a digit."""
    if not symbol_side or not number_side:
        return False
    category = unicodedata.category(symbol_side)
    return not category.startswith(("S", "Z")) and number_side.isdigit()


def _render(pattern: NumberPattern, shown: Decimal, locale: Locale, code: str | None,
            grouping: bool) -> str:
    # The one place that works around babel's formatter (see the module docstring): the
    # digits, groups and signs are assembled here from babel's data, never passed through
    # babel's quote removal, with the locale's minus sign and CLDR's minimum grouping digits.
    negative = shown.is_signed()
    integer, _, fraction = f"{abs(shown):f}".partition(".")
    integer = integer.zfill(pattern.int_prec[0])
    if grouping:
        integer = _group(integer, pattern.grouping, _min_grouping(locale),
                         _symbols(locale)["group"])
    number = integer + (_symbols(locale)["decimal"] + fraction if fraction else "")
    prefix = _affix(pattern.prefix[negative], locale, code)
    suffix = _affix(pattern.suffix[negative], locale, code)
    if code is not None:
        if pattern.prefix[negative].endswith("¤") and _spaced(prefix[-1:], number[:1]):
            prefix += "\xa0"
        if pattern.suffix[negative].startswith("¤") and _spaced(suffix[:1], number[-1:]):
            suffix = "\xa0" + suffix
    return prefix + number + suffix
