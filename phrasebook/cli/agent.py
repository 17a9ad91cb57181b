"""The agents' commands: ``show`` and ``list``."""

from __future__ import annotations

import argparse
import re
import warnings
from decimal import Decimal, InvalidOperation
from typing import Any

from ..book import Phrasebook, load
from ..errors import PhrasebookError, UnknownNameError, counted
from ..model import Channel, Phrase, Register
from .common import ExitCode, print_json
from .inputs import language_arg

__all__ = ["add_commands"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_INTEGER = re.compile(r"^[+-]?[0-9]+$")


def assignment(text: str) -> tuple[str, str]:
    """A ``--set`` value: ``NAME=VALUE`` (``minutes=3``, ``agent_name=Eva``).

    >>> assignment("agent_name=Eva Nováková")
    ('agent_name', 'Eva Nováková')
    """
    name, equals, value = text.partition("=")
    name = name.strip()
    if not equals or not _NAME.match(name):
        raise argparse.ArgumentTypeError(
            f"expected NAME=VALUE (minutes=3, agent_name=Eva), not {text!r}"
        )
    return name, value


def _values(book: Phrasebook, lang: str, shown: list[Phrase],
            assignments: list[tuple[str, str]]) -> dict[str, Any]:
    """The ``--set`` values, numbers where a phrasing formats the placeholder as one.

    A name no phrasing of the language uses is an error with a close match, so a typo does not
    pass silently; a name that only the phrasings not shown use is fine (an agent may pass the
    same values to every ``show``).
    """
    if not assignments:
        return {}
    from ..icu import number_placeholders, placeholders

    known = sorted({name for phrase in book.language_phrases(lang).phrases
                    for name in placeholders(phrase.text)})
    numeric = {name for phrase in shown for name in number_placeholders(phrase.text)}
    values: dict[str, Any] = {}
    for name, value in assignments:
        if name not in known:
            raise UnknownNameError("placeholder", name, known)
        values[name] = _number(name, value) if name in numeric else value
    return values


def _number(name: str, value: str) -> int | Decimal:
    """``value`` as an int, or a Decimal for a fraction (``1.5``); a usage error otherwise."""
    text = value.strip()
    if _INTEGER.match(text):
        return int(text)
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise PhrasebookError(
            f"--set {name}={value}: {{{name}}} takes a number (3, 1.5), not {value!r}"
        )
    return number


def _phrase_lines(text: str, phrase: Phrase, gloss: str | None, gloss_lang: str | None
                  ) -> list[str]:
    channels = ", ".join(c.value for c in phrase.channels)
    lines = [f"  {text}"]
    if gloss_lang is not None:
        lines.append(f"    {gloss_lang}: {gloss if gloss is not None else '(no gloss)'}")
    lines.append(f"    {phrase.id} · {phrase.register.value} · {channels} · {phrase.source}")
    if phrase.note:
        lines.append(f"    note: {phrase.note}")
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    """Print the phrasings of one intent in one language, optionally with glosses.

    Text output shows each phrasing rendered with the ``--set`` values, and a placeholder
    without a value readably (``{minutes} minut``); JSON keeps the template in ``text`` and
    adds ``rendered`` when values are given.
    """
    book = load()
    lang = language_arg(book, args.lang)
    found = book.phrases(args.intent, lang, register=args.register, channel=args.channel)
    gloss_lang = book.resolve_language(args.gloss).code if args.gloss else None
    if gloss_lang is not None and gloss_lang == book.resolve_language(lang).code:
        warnings.warn(f"--gloss {args.gloss}: that is the language shown, so no glosses are added",
                      stacklevel=1)
        gloss_lang = None
    glosses = [book.gloss(p, gloss_lang) if gloss_lang else None for p in found]
    values = _values(book, lang, found, args.set or [])

    from ..icu import placeholders, preview  # the template parser, only when showing

    def shown(phrase: Phrase | None) -> str | None:
        return preview(phrase.text, phrase.lang, **values) if phrase is not None else None

    if args.format == "json":
        rows = []
        for phrase, gloss in zip(found, glosses, strict=True):
            row = phrase.to_json()
            if values:
                row["rendered"] = shown(phrase)
                row["missing"] = sorted(placeholders(phrase.text) - values.keys())
            if gloss_lang is not None:
                row["gloss"] = gloss.text if gloss else None
                if values:
                    row["gloss_rendered"] = shown(gloss)
            rows.append(row)
        print_json(rows)
        return ExitCode.OK
    if not found:
        filters = " and ".join(f"--{name} {value}" for name, value in
                               (("register", args.register), ("channel", args.channel)) if value)
        warnings.warn(f"no {args.intent} phrasings in {lang} match {filters}", stacklevel=1)
        return ExitCode.OK
    first = found[0]
    from ..languages import language_info

    info = language_info(book.resolve_language(first.lang).code)
    print(f"{first.intent.value} · {info.english_name} ({info.native_name}) · "
          f"{counted(len(found), 'phrasing')}")
    unfilled = sorted({name for phrase in found for name in placeholders(phrase.text)}
                      - values.keys())
    if unfilled:
        names = ", ".join(f"{{{name}}}" for name in unfilled)
        print(f"placeholders: {names} (fill in with --set NAME=VALUE)")
    print()
    for phrase, gloss in zip(found, glosses, strict=True):
        print("\n".join(_phrase_lines(shown(phrase) or "", phrase, shown(gloss), gloss_lang)))
        print()
    return ExitCode.OK


def cmd_list(args: argparse.Namespace) -> int:
    """Print the languages with their names, the intents, and counts per language."""
    book = load()
    intents = book.intents()
    rows: list[dict[str, Any]] = []
    for language in book.languages():
        data = book.catalog.language(language.code)
        counts = {i.value: len(data.by_intent[i]) for i in intents}
        rows.append({
            "code": language.code,
            "name": language.english_name,
            "native_name": language.native_name,
            "phrases": len(data.phrases),
            "per_intent": counts,
        })
    if args.format == "json":
        print_json({"languages": rows, "intents": [i.value for i in intents]})
        return ExitCode.OK
    width = max(len(i.value) for i in intents)
    header = f"{'':{width}}  " + "  ".join(f"{r['code']:>4}" for r in rows)
    print("Languages:")
    for row in rows:
        name = f"{row['name']} ({row['native_name']})"
        print(f"  {row['code']:<4} {name}: {counted(row['phrases'], 'phrasing')}")
    print("\nPhrasings per intent:")
    print("  " + header)
    for intent in intents:
        cells = "  ".join(f"{r['per_intent'][intent.value]:>4}" for r in rows)
        print(f"  {intent.value:<{width}}  {cells}")
    return ExitCode.OK


def add_commands(sub: Any, formats: list[str]) -> None:
    """Add the agents' subcommands to the CLI's subparsers."""
    show = sub.add_parser(
        "show", help="phrasings of one intent in one language",
        description="Show the phrasings of one intent in one language, with their ids, "
                    "registers, channels and sources. Placeholders are filled in with --set; "
                    "those without a value are shown as {name}.",
    )
    show.add_argument("intent", metavar="INTENT", help="acknowledge, paraphrase, empathize, …")
    show.add_argument("--lang", "-l", required=True,
                      help="language tag (de, de-AT, nb-NO) or an Accept-Language header")
    show.add_argument("--gloss", "-g", metavar="LANG",
                      help="also show each phrasing in this language")
    show.add_argument("--register", "-r",
                      help=", ".join(r.value for r in Register) + " (neutral phrasings fit any)")
    show.add_argument("--channel", "-c", help=", ".join(c.value for c in Channel))
    show.add_argument("--set", "-s", action="append", type=assignment, metavar="NAME=VALUE",
                      help="fill in a placeholder (repeatable): --set minutes=3 "
                           "--set agent_name=Eva")
    show.add_argument("--format", "-f", choices=formats, default="text",
                      help="text (rendered for reading) or json (templates, plus the rendered "
                           "text with --set)")
    show.set_defaults(run=cmd_show)

    lst = sub.add_parser("list", help="languages, intents and counts")
    lst.add_argument("--format", "-f", choices=formats, default="text", help="text or json")
    lst.set_defaults(run=cmd_list)
