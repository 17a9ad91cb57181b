"""Rendering ICU MessageFormat templates with CLDR plural rules and number formats from babel.

Templates are parsed by ``pyicumessageformat`` (quoting, nesting and plural syntax are its
job) and formatted here; numbers are printed by `phrasebook.icu.numbers`. Values are inserted
literally: a value is never parsed as a template, and a regional spelling (`respell`) touches
only a template's own text. Argument names must be plain identifiers, so attribute or index
access (``{name.__class__}``, ``{a[0]}``) is rejected when a template is checked, and so is a
number style or skeleton that is not supported.

>>> render("{n, plural, one {# den} few {# dny} other {# dní}}", "cs", n=3)
'3 dny'
>>> render("{n, plural, one {# Minute} other {# Minuten}}", "de", n=1500)
'1.500 Minuten'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale
from pyicumessageformat import Parser

from ..errors import RenderError
from .numbers import Number, StyleError, format_number, known_currency, parse_style, to_decimal

__all__ = [
    "number_placeholders",
    "placeholders",
    "preview",
    "render",
    "render_for_locale",
    "respell",
    "template_problem",
]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SUPPORTED = {None, "number", "plural", "select", "selectordinal"}
_PLURAL_KEYS = ("zero", "one", "two", "few", "many", "other")
_parser = Parser({"allow_tags": False, "strict": False})

Node = str | dict[str, Any]


@functools.lru_cache(maxsize=2048)
def _parse(template: str) -> tuple[Node, ...]:
    try:
        ast = _parser.parse(template)
    except SyntaxError as exc:
        raise RenderError(f"bad template syntax: {exc.msg or exc}") from None
    except Exception as exc:  # the parser raises plain exceptions for some input
        raise RenderError(f"bad template syntax: {exc}") from None
    nodes = tuple(ast)
    _check_nodes(nodes)
    return nodes


def _walk(nodes: tuple[Node, ...] | list[Node]) -> list[dict[str, Any]]:
    found = []
    for node in nodes:
        if isinstance(node, dict):
            found.append(node)
            for option in (node.get("options") or {}).values():
                found.extend(_walk(option))
    return found


def _exact(key: str) -> Decimal | None:
    """The number of an ``=N`` plural key, None for a category keyword or a bad number."""
    if not key.startswith("="):
        return None
    try:
        number = Decimal(key[1:])
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _check_nodes(nodes: tuple[Node, ...]) -> None:
    for node in _walk(nodes):
        name = str(node.get("name", ""))
        if not _NAME.match(name):
            raise RenderError(
                f"placeholder {{{name}}} is not a plain name: attribute and index access are "
                "not allowed"
            )
        kind = node.get("type")
        if kind not in _SUPPORTED and not node.get("hash"):
            raise RenderError(
                f"placeholder {{{name}}}: argument type {kind!r} is not supported "
                "(use number, plural, select or selectordinal)"
            )
        if kind == "number" and not node.get("hash"):
            try:
                parse_style(node.get("format"))
            except StyleError as exc:
                raise RenderError(f"placeholder {{{name}}}: {exc}") from None
        if kind in {"plural", "select", "selectordinal"} and "other" not in node["options"]:
            raise RenderError(f"placeholder {{{name}}}: {kind} needs an 'other' case")
        if kind in {"plural", "selectordinal"}:
            for key in node["options"]:
                if key not in _PLURAL_KEYS and _exact(key) is None:
                    raise RenderError(
                        f"placeholder {{{name}}}: {key!r} is not a CLDR plural category "
                        f"({', '.join(_PLURAL_KEYS)}) or =<number>"
                    )


def template_problem(template: str) -> str | None:
    """Return why ``template`` cannot be rendered, or None when it is fine.

    Loading and ``phrasebook validate`` report it, so an unsupported number style is an error
    before anything is rendered.

    >>> template_problem("Hello {name.__class__}")
    'placeholder {name.__class__} is not a plain name: attribute and index access are not allowed'
    >>> template_problem("{share, number, percentage}")
    "placeholder {share}: unknown number style 'percentage' (use integer, percent, ...)"
    """
    try:
        _parse(template)
    except RenderError as exc:
        return exc.message
    return None


def placeholders(template: str) -> frozenset[str]:
    """Return the argument names a template uses.

    >>> sorted(placeholders("{order_id}: {minutes, plural, one {# minute} other {# minutes}}"))
    ['minutes', 'order_id']
    """
    return frozenset(str(node["name"]) for node in _walk(_parse(template)))


def number_placeholders(template: str) -> frozenset[str]:
    """Return the argument names a template formats as numbers (number, plural, ordinal).

    >>> sorted(number_placeholders("{team}: {minutes, plural, one {# minute} other {# minutes}}"))
    ['minutes']
    """
    return frozenset(str(node["name"]) for node in _walk(_parse(template))
                     if node.get("type") in {"number", "plural", "selectordinal"})


@functools.lru_cache(maxsize=2048)
def _pieces(template: str) -> tuple[tuple[bool, str], ...]:
    """The template's source cut into (is literal text, source text) pieces, losslessly."""
    tokens: list[dict[str, str]] = []
    _parser.parse(template, tokens)
    return tuple((token["type"] == "text", token["text"]) for token in tokens)


def respell(template: str, spell: Callable[[str], str]) -> str:
    """Apply a regional spelling to the literal text of ``template`` only.

    Argument names, plural and select keys and number styles are left alone, and values are
    filled in later, so they are never respelled. A template that does not parse is respelled
    whole (rendering it fails anyway).

    >>> respell("Grüße, {name}! {g, select, groß {Groß} other {Klein}}",
    ...         lambda text: text.replace("ß", "ss"))
    'Grüsse, {name}! {g, select, groß {Gross} other {Klein}}'
    """
    try:
        pieces = _pieces(template)
    except Exception:  # the parser's own errors; the template checker reports them
        return spell(template)
    return "".join(spell(text) if literal else text for literal, text in pieces)


def _numeric(value: Any, name: str) -> Number:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise RenderError(f"value for {{{name}}} must be a number, not {type(value).__name__}")
    return value


def _print(value: Number, locale: Locale, name: str, style: str | None = None,
           offset: int = 0) -> tuple[str, Decimal]:
    """Print a number argument; return the text and the value as shown (for plural rules)."""
    number_style = parse_style(style)
    currency = None
    if number_style.kind == "currency" and number_style.currency is None:
        if not (isinstance(value, tuple) and len(value) == 2 and isinstance(value[1], str)):
            raise RenderError(
                f"value for {{{name}}} (currency) must be an (amount, 'EUR') pair, or name the "
                f"currency in the template: {{{name}, number, ::currency/EUR}}"
            )
        value, currency = value
        if not known_currency(currency):
            raise RenderError(f"value for {{{name}}}: unknown currency {currency!r} (use an "
                              "ISO 4217 code such as EUR)")
    number = _numeric(value, name)
    try:
        return format_number(number, locale, number_style, currency, offset=offset)
    except ValueError as exc:
        raise RenderError(f"cannot render {{{name}}}: {exc}") from None


def _format(
    nodes: tuple[Node, ...] | list[Node],
    locale: Locale,
    values: Mapping[str, Any],
    hash_text: str | None = None,
    readable: bool = False,
) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        name = str(node["name"])
        if node.get("hash"):
            out.append(hash_text if hash_text is not None else "#")
            continue
        kind = node.get("type")
        if name not in values:
            if not readable:
                raise RenderError(f"missing value for {{{name}}}")
            if kind in {"plural", "selectordinal", "select"}:  # the other case; # as {name}
                hashed = hash_text if kind == "select" else f"{{{name}}}"
                out.append(_format(node["options"]["other"], locale, values, hashed, readable))
            else:
                out.append(f"{{{name}}}")
            continue
        value = values[name]
        if kind is None:
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                out.append(_print(value, locale, name)[0])
            else:
                out.append(str(value))
        elif kind == "number":
            out.append(_print(value, locale, name, node.get("format"))[0])
        elif kind in {"plural", "selectordinal"}:
            number = _numeric(value, name)
            try:
                exact = to_decimal(number)
            except ValueError as exc:
                raise RenderError(f"cannot render {{{name}}}: {exc}") from None
            options = node["options"]
            chosen = next((branch for key, branch in options.items() if _exact(key) == exact),
                          None)
            # The category is CLDR's for the number as shown (n - offset, rounded like `#`).
            text, shown = _print(number, locale, name, offset=node.get("offset", 0))
            if chosen is None:
                rule = locale.plural_form if kind == "plural" else locale.ordinal_form
                chosen = options.get(rule(shown), options["other"])
            out.append(_format(chosen, locale, values, text, readable))
        else:  # select
            options = node["options"]
            out.append(_format(options.get(str(value), options["other"]), locale, values,
                               hash_text, readable))
    return "".join(out)


def render_for_locale(template: str, locale: Locale, values: Mapping[str, Any]) -> str:
    """Render ``template`` for a parsed babel ``locale``."""
    return _format(_parse(template), locale, values)


def preview(template: str, lang: str, /, **values: Any) -> str:
    """Render ``template`` with the values given, showing the others readably.

    A missing value shows as ``{name}``; a plural or select without its value shows its
    ``other`` case, with ``#`` as ``{name}``. This is for people reading a template (the CLI's
    ``show``), not for sending: `render` refuses a missing value.

    >>> preview("Za {minutes, plural, one {# minutu} few {# minuty} other {# minut}}.", "cs")
    'Za {minutes} minut.'
    >>> preview("{agent_name}: {minutes, plural, one {# Minute} other {# Minuten}}", "de",
    ...         minutes=1)
    '{agent_name}: 1 Minute'
    """
    from ..languages import parse_tag

    locale = parse_tag(lang)
    if locale is None:
        raise RenderError(f"unknown language tag {lang!r}")
    return _format(_parse(template), locale, values, readable=True)


def render(template: str, lang: str, /, **values: Any) -> str:
    """Render an ICU MessageFormat ``template`` in language ``lang`` with ``values``.

    Numbers use the language's CLDR format, rounded half-even as ICU does; plurals its CLDR
    plural rules, applied to the number as shown (``Decimal("1.0")`` is "1.0 items"). A value
    is inserted as it is, never parsed as a template. Raises `RenderError` for bad syntax, a
    disallowed placeholder or number style, a missing value (naming it), or a number that is
    not finite (NaN, infinity).

    >>> render("{g, select, female {Ráda} other {Rád}} vám pomohu.", "cs", g="female")
    'Ráda vám pomohu.'
    >>> render("Hallo {name}", "de", name="{x.__class__}")
    'Hallo {x.__class__}'
    >>> render("{n, plural, =1 {exactly one} other {# items}}", "en", n=1.0)
    'exactly one'
    """
    from ..languages import parse_tag

    locale = parse_tag(lang)
    if locale is None:
        raise RenderError(f"unknown language tag {lang!r}")
    return render_for_locale(template, locale, values)
