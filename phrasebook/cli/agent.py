"""The agents' commands: ``show``, ``list`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..book import Phrasebook, load
from ..errors import PhrasebookError
from ..model import Channel, Phrase, Register
from .common import ExitCode, print_json

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


@dataclass(frozen=True)
class CheckInput:
    """One text to check and the name its findings are reported under."""

    name: str
    text: str


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = "standard input" if name == "-" else name
        raise PhrasebookError(
            f"{where} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line})"
        ) from None


def check_inputs(args: argparse.Namespace) -> list[CheckInput]:
    """The texts ``check`` reads: ``--text`` values, files, and ``-`` for standard input.

    With neither, standard input is read; at a terminal that would wait for typing, so the
    command says how to give text instead.
    """
    inputs = [CheckInput("<text>", text) for text in args.text or ()]
    for name in args.files:
        if name == "-":
            inputs.append(CheckInput("-", _decode(sys.stdin.buffer.read(), "-")))
            continue
        path = Path(name)
        if not path.is_file():
            what = "a folder" if path.is_dir() else "no such file"
            raise PhrasebookError(f"{name}: {what}; to check literal text, pass --text "
                                  f"{json.dumps(name, ensure_ascii=False)}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PhrasebookError(f"{name}: cannot read: {exc.strerror or exc}") from None
        inputs.append(CheckInput(name, _decode(data, name)))
    if not inputs:
        if sys.stdin.isatty():
            raise PhrasebookError(
                "no text to check: give files (phrasebook check --lang de reply.txt), "
                "--text \"…\", or pipe text in (echo \"…\" | phrasebook check --lang de)"
            )
        inputs.append(CheckInput("-", _decode(sys.stdin.buffer.read(), "-")))
    return inputs


def cmd_check(args: argparse.Namespace) -> int:
    """Check texts' tone; exit 1 when anything is found."""
    book = load()
    lang = _language_arg(book, args.lang)
    reports = [(item, book.check(item.text, lang, register=args.register))
               for item in check_inputs(args)]
    found = any(report.findings for _, report in reports)
    if args.format == "json":
        first = reports[0][1]
        rows = []
        for item, report in reports:
            for row in report.to_json()["findings"]:
                rows.append({"path": item.name, **row})
        print_json({"lang": first.lang, "register": first.register.value,
                    "truncated": any(report.truncated for _, report in reports),
                    "findings": rows})
        return ExitCode.FINDINGS if found else ExitCode.OK
    for item, report in reports:
        for finding, (line, column) in zip(report.findings, report.positions(), strict=True):
            hint = f" (try: {finding.hint})" if finding.hint else ""
            print(f"{item.name}:{line}:{column}: {finding.severity.value} {finding.rule} "
                  f"{json.dumps(finding.match, ensure_ascii=False)}: {finding.message}{hint}")
    if not found:
        first = reports[0][1]
        print(f"clean ({first.lang}, {first.register.value})", file=sys.stderr)
    return ExitCode.FINDINGS if found else ExitCode.OK


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

    chk = sub.add_parser(
        "check", help="check the tone of texts or files (exit 1 on findings)",
        description="Check the tone of replies: files (several allowed, '-' for standard "
                    "input), literal text with --text, or standard input when neither is given.",
    )
    chk.add_argument("files", nargs="*", metavar="FILE",
                     help="files to check; '-' reads standard input")
    chk.add_argument("--text", "-t", action="append", metavar="TEXT",
                     help="check this text (repeatable)")
    chk.add_argument("--lang", "-l", required=True,
                     help="language of the text: a tag (de, de-AT) or an Accept-Language header")
    chk.add_argument("--register", "-r",
                     help="address form the text should use: formal, informal or neutral "
                          "(default: formal where the language has both)")
    chk.add_argument("--format", "-f", choices=formats, default="text",
                     help="text (path:line:column: severity rule …) or json")
    chk.set_defaults(run=cmd_check)
