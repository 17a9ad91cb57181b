"""Rendering ICU MessageFormat templates with CLDR plural rules and number formats from babel.

Templates are parsed by ``pyicumessageformat`` (quoting, nesting and plural syntax are its
job) and formatted here. Values are inserted literally: a value is never parsed as a template.
Argument names must be plain identifiers, so attribute or index access (``{name.__class__}``,
``{a[0]}``) is rejected when a template is checked.

>>> render("{n, plural, one {# den} few {# dny} other {# dní}}", "cs", n=3)
'3 dny'
>>> render("{n, plural, one {# Minute} other {# Minuten}}", "de", n=1500)
'1.500 Minuten'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal, localcontext
from typing import Any

from babel import Locale
from babel.numbers import format_decimal, format_percent
from pyicumessageformat import Parser

from .errors import RenderError

__all__ = ["placeholders", "render", "render_for_locale", "template_problem"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_SUPPORTED = {None, "number", "plural", "select", "selectordinal"}
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
        if kind in {"plural", "select", "selectordinal"} and "other" not in node["options"]:
            raise RenderError(f"placeholder {{{name}}}: {kind} needs an 'other' case")


def template_problem(template: str) -> str | None:
    """Return why ``template`` cannot be rendered, or None when it is fine.

    >>> template_problem("Hello {name.__class__}")
    'placeholder {name.__class__} is not a plain name: attribute and index access are not allowed'
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


def _number(value: Any, locale: Locale, name: str) -> Decimal | int | float:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise RenderError(f"value for {{{name}}} must be a number, not {type(value).__name__}")
    return value


def _format_number(value: Decimal | int | float, locale: Locale, style: str | None) -> str:
    # babel quantizes in the current decimal context, whose default precision (28 digits)
    # fails on large values such as 1e25; a float needs at most ~330 digits.
    try:
        with localcontext() as context:
            context.prec = 400
            if style == "percent":
                return format_percent(value, locale=locale)
            if style == "integer":
                return format_decimal(round(value), locale=locale)
            return format_decimal(value, locale=locale)
    except (ArithmeticError, ValueError) as exc:
        raise RenderError(f"cannot format the number {value!r}: {exc}") from None


def _format(
    nodes: tuple[Node, ...] | list[Node],
    locale: Locale,
    values: Mapping[str, Any],
    hash_value: Decimal | int | float | None = None,
) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
            continue
        name = str(node["name"])
        if node.get("hash"):
            out.append(_format_number(hash_value if hash_value is not None else 0, locale, None))
            continue
        if name not in values:
            raise RenderError(f"missing value for {{{name}}}")
        value = values[name]
        kind = node.get("type")
        if kind is None:
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                out.append(_format_number(value, locale, None))
            else:
                out.append(str(value))
        elif kind == "number":
            out.append(_format_number(_number(value, locale, name), locale, node.get("format")))
        elif kind in {"plural", "selectordinal"}:
            number = _number(value, locale, name)
            shown = number - node.get("offset", 0)
            options = node["options"]
            exact = f"={number}"
            if exact in options:
                chosen = options[exact]
            else:
                rule = locale.plural_form if kind == "plural" else locale.ordinal_form
                chosen = options.get(rule(shown), options["other"])
            out.append(_format(chosen, locale, values, shown))
        else:  # select
            options = node["options"]
            out.append(_format(options.get(str(value), options["other"]), locale, values))
    return "".join(out)


def render_for_locale(template: str, locale: Locale, values: Mapping[str, Any]) -> str:
    """Render ``template`` for a parsed babel ``locale``."""
    return _format(_parse(template), locale, values)


def render(template: str, lang: str, /, **values: Any) -> str:
    """Render an ICU MessageFormat ``template`` in language ``lang`` with ``values``.

    Numbers use the language's CLDR format; plurals its CLDR plural rules. A value is inserted
    as it is, never parsed as a template. Raises `RenderError` for bad syntax, a disallowed
    placeholder, or a missing value (naming it).

    >>> render("{g, select, female {Ráda} other {Rád}} vám pomohu.", "cs", g="female")
    'Ráda vám pomohu.'
    >>> render("Hallo {name}", "de", name="{x.__class__}")
    'Hallo {x.__class__}'
    """
    from .languages import parse_tag

    locale = parse_tag(lang)
    if locale is None:
        raise RenderError(f"unknown language tag {lang!r}")
    return render_for_locale(template, locale, values)
