"""The agents' commands: ``show`` and ``list``."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..book import load
from ..model import Channel, Phrase, Register
from .common import ExitCode, print_json
from .inputs import language_arg

__all__ = ["add_commands"]


def _phrase_lines(phrase: Phrase, gloss: Phrase | None, gloss_lang: str | None) -> list[str]:
    channels = ", ".join(c.value for c in phrase.channels)
    lines = [f"  {phrase.text}"]
    if gloss_lang is not None:
        lines.append(f"    {gloss_lang}: {gloss.text if gloss else '(no gloss)'}")
    lines.append(f"    {phrase.id} · {phrase.register.value} · {channels} · {phrase.source}")
    if phrase.note:
        lines.append(f"    note: {phrase.note}")
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    """Print the phrasings of one intent in one language, optionally with glosses."""
    book = load()
    lang = language_arg(book, args.lang)
    found = book.phrases(args.intent, lang, register=args.register, channel=args.channel)
    gloss_lang = book.resolve_language(args.gloss).code if args.gloss else None
    glosses = [book.gloss(p, gloss_lang) if gloss_lang else None for p in found]
    if args.format == "json":
        rows = []
        for phrase, gloss in zip(found, glosses, strict=True):
            row = phrase.to_json()
            if gloss_lang is not None:
                row["gloss"] = gloss.text if gloss else None
            rows.append(row)
        print_json(rows)
        return ExitCode.OK
    if not found:
        print("No phrasings match.", file=sys.stderr)
        return ExitCode.OK
    first = found[0]
    from ..languages import language_info

    info = language_info(book.resolve_language(first.lang).code)
    print(f"{first.intent.value} · {info.english_name} ({info.native_name}) · "
          f"{len(found)} phrasing{'s' if len(found) != 1 else ''}\n")
    for phrase, gloss in zip(found, glosses, strict=True):
        print("\n".join(_phrase_lines(phrase, gloss, gloss_lang)))
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
        print(f"  {row['code']:<4} {name}: {row['phrases']} phrasings")
    print("\nPhrasings per intent:")
    print("  " + header)
    for intent in intents:
        cells = "  ".join(f"{r['per_intent'][intent.value]:>4}" for r in rows)
        print(f"  {intent.value:<{width}}  {cells}")
    return ExitCode.OK


def add_commands(sub: Any, formats: list[str]) -> None:
    """Add the agents' subcommands to the CLI's subparsers."""
    show = sub.add_parser("show", help="phrasings of one intent in one language")
    show.add_argument("intent", metavar="INTENT", help="acknowledge, paraphrase, empathize, …")
    show.add_argument("--lang", "-l", required=True,
                      help="language tag (de, de-AT, nb-NO) or an Accept-Language header")
    show.add_argument("--gloss", "-g", help="also show each phrasing in this language")
    show.add_argument("--register", "-r", help=", ".join(r.value for r in Register))
    show.add_argument("--channel", "-c", help=", ".join(c.value for c in Channel))
    show.add_argument("--format", "-f", choices=formats, default="text")
    show.set_defaults(run=cmd_show)

    lst = sub.add_parser("list", help="languages, intents and counts")
    lst.add_argument("--format", "-f", choices=formats, default="text")
    lst.set_defaults(run=cmd_list)
