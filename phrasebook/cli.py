"""The command line: ``phrasebook show|list|check|validate|… ARGS`` (or ``python -m phrasebook``).

Each subcommand is one small function that returns an exit code: 0 success, 1 findings or
invalid data, 2 bad usage or input. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, NoReturn

from .book import Phrasebook, load
from .errors import PhrasebookError
from .model import Channel, Phrase, Register

__all__ = ["ExitCode", "main"]

PROG = "phrasebook"


class ExitCode(IntEnum):
    """The CLI's exit codes."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: error: {message} (see --help)")


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, keeping non-ASCII text readable."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _phrase_lines(phrase: Phrase, gloss: Phrase | None, gloss_lang: str | None) -> list[str]:
    channels = ", ".join(c.value for c in phrase.channels)
    lines = [f"  {phrase.text}"]
    if gloss_lang is not None:
        lines.append(f"    {gloss_lang}: {gloss.text if gloss else '(no gloss)'}")
    lines.append(f"    {phrase.id} · {phrase.register.value} · {channels} · {phrase.source}")
    if phrase.note:
        lines.append(f"    note: {phrase.note}")
    return lines


def _language_arg(book: Phrasebook, value: str) -> str:
    """A --lang value: a tag, or an Accept-Language header (``de-CH, de;q=0.9``)."""
    if "," in value or ";" in value or value.strip() == "*":
        return book.negotiate(value)
    return value


def cmd_show(args: argparse.Namespace) -> int:
    """Print the phrasings of one intent in one language, optionally with glosses."""
    book = load()
    lang = _language_arg(book, args.lang)
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
    from .languages import language_info

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


def _read_check_text(args: argparse.Namespace) -> str:
    if args.text is not None and args.text != "-":
        return str(args.text)
    data = sys.stdin.buffer.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PhrasebookError(
            f"standard input is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset "
            f"{exc.start})"
        ) from None


def cmd_check(args: argparse.Namespace) -> int:
    """Check a text's tone; exit 1 when anything is found."""
    book = load()
    from .tone import check

    text = _read_check_text(args)
    report = check(text, _language_arg(book, args.lang), register=args.register, book=book)
    if args.format == "json":
        data = report.to_json()
        for finding, row in zip(report.findings, data["findings"], strict=True):
            row["line"], row["column"] = finding.position(text)
        print_json(data)
    else:
        for finding in report.findings:
            line, column = finding.position(text)
            hint = f" (try: {finding.hint})" if finding.hint else ""
            print(f"{line}:{column} {finding.severity.value} {finding.rule} "
                  f"{json.dumps(finding.match, ensure_ascii=False)}: {finding.message}{hint}")
        if report.ok:
            print(f"clean ({report.lang}, {report.register.value})", file=sys.stderr)
    return ExitCode.FINDINGS if report.findings else ExitCode.OK


def _build_parser() -> _Parser:
    parser = _Parser(prog=PROG, description="The right words for a tense customer conversation.")
    from . import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    formats = ["text", "json"]

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

    chk = sub.add_parser("check", help="check a text's tone (exit 1 on findings)")
    chk.add_argument("--lang", "-l", required=True, help="language of the text")
    chk.add_argument("--register", "-r", help="address form the text should use")
    chk.add_argument("--format", "-f", choices=formats, default="text")
    chk.add_argument("text", nargs="?", metavar="TEXT", help="the text; '-' or none reads stdin")
    chk.set_defaults(run=cmd_check)

    from .cli_translators import add_commands

    add_commands(sub, formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = run(args)
        for warning in caught:
            print(f"{PROG}: note: {warning.message}", file=sys.stderr)
        return code
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return ExitCode.USAGE
    except PhrasebookError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except BrokenPipeError:
        return ExitCode.OK
    except KeyboardInterrupt:
        return 130
