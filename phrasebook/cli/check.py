"""The ``check`` command: the tone of replies, from text, files or standard input."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..book import load
from .common import ExitCode, UsageError, error_line, print_json
from .inputs import language_arg, read_inputs

__all__ = ["add_command"]


def cmd_check(args: argparse.Namespace) -> int:
    """Check texts' tone; exit 1 when anything is found."""
    if args.input is not None:
        if args.files or args.text:
            raise UsageError(error_line("--input reads a file of records; give no FILE or "
                                        "--text with it"))
        if args.format == "json":
            raise UsageError(error_line("--format json is for single texts; with --input use "
                                        "--format jsonl (one JSON line per record)"))
        from .batch import audit

        return audit(args)
    if args.format == "jsonl":
        raise UsageError(error_line("--format jsonl is for --input (one line per record)"))
    if args.lang is None:
        raise UsageError(error_line("the following arguments are required: --lang/-l"))
    book = load()
    lang = language_arg(book, args.lang)
    reports = [(item, book.check(item.text, lang, register=args.register,
                                 channel=args.channel))
               for item in read_inputs(args, "check")]
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
            if args.suggest:
                from ..icu import preview  # the template parser, only when showing

                for suggestion in finding.suggestions:
                    shown = preview(suggestion.text, report.lang)
                    print(f"    instead: {shown}  [{suggestion.id}]")
    if not found:
        first = reports[0][1]
        print(f"clean ({first.lang}, {first.register.value})", file=sys.stderr)
    return ExitCode.FINDINGS if found else ExitCode.OK


def add_command(sub: Any, formats: list[str]) -> None:
    """Add ``check`` to the CLI's subparsers."""
    chk = sub.add_parser(
        "check", help="check the tone of texts or files (exit 1 on findings)",
        description="Check the tone of replies: files (several allowed, '-' for standard "
                    "input), literal text with --text, or standard input when neither is given.",
    )
    chk.add_argument("files", nargs="*", metavar="FILE",
                     help="files to check; '-' reads standard input")
    chk.add_argument("--text", "-t", action="append", metavar="TEXT",
                     help="check this text (repeatable)")
    chk.add_argument("--lang", "-l",
                     help="language of the text: a tag (de, de-AT) or an Accept-Language header "
                          "(required, except with --input and --lang-field)")
    chk.add_argument("--register", "-r",
                     help="address form the text should use: formal, informal or neutral "
                          "(default: formal where the language has both)")
    chk.add_argument("--channel", "-c", help="channel of the reply (phone, chat, email): the "
                                              "suggestions fit it")
    chk.add_argument("--suggest", "-s", action="store_true",
                     help="print the phrasings to use instead under each finding (JSON always "
                          "carries them)")
    chk.add_argument("--format", "-f", choices=[*formats, "jsonl"], default="text",
                     help="text (path:line:column: severity rule …), json, or jsonl with "
                          "--input (one line per record)")
    batch = chk.add_argument_group(
        "auditing a file of replies",
        "With --input, every record of a JSON Lines or CSV file is checked, findings are "
        "streamed in input order, and a summary per language and rule ends the run.")
    batch.add_argument("--input", "-i", metavar="FILE",
                       help="JSON Lines (.jsonl) or CSV (.csv) records; '-' reads standard input")
    batch.add_argument("--input-format", choices=["jsonl", "csv"],
                       help="the records' format, when the file name does not tell")
    batch.add_argument("--text-field", default="text", metavar="NAME",
                       help="the field holding the reply (default: text)")
    batch.add_argument("--lang-field", metavar="NAME",
                       help="the field holding each record's language (else --lang for all)")
    batch.add_argument("--register-field", metavar="NAME",
                       help="the field holding each record's register (else --register)")
    batch.add_argument("--jobs", "-j", type=int, default=1, metavar="N",
                       help="worker processes (default 1); output stays in input order")
    chk.set_defaults(run=cmd_check)
