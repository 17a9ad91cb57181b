"""The ``check`` command: the tone of replies, from text, files or standard input."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..book import load
from .common import ExitCode, print_json
from .inputs import language_arg, read_inputs

__all__ = ["add_command"]


def cmd_check(args: argparse.Namespace) -> int:
    """Check texts' tone; exit 1 when anything is found."""
    book = load()
    lang = language_arg(book, args.lang)
    reports = [(item, book.check(item.text, lang, register=args.register))
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
    chk.add_argument("--lang", "-l", required=True,
                     help="language of the text: a tag (de, de-AT) or an Accept-Language header")
    chk.add_argument("--register", "-r",
                     help="address form the text should use: formal, informal or neutral "
                          "(default: formal where the language has both)")
    chk.add_argument("--format", "-f", choices=formats, default="text",
                     help="text (path:line:column: severity rule …) or json")
    chk.set_defaults(run=cmd_check)
