"""The command line: ``phrasebook COMMAND …`` (or ``python -m phrasebook``).

Each subcommand is one small function that returns an exit code: 0 success, 1 findings or
invalid data, 2 bad usage or input. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Sequence

from ..errors import PhrasebookError
from . import agent, check, translators
from .common import PROG, ExitCode, Parser, UsageError

__all__ = ["main"]


def build_parser() -> Parser:
    """The parser of every command."""
    from .. import __version__

    parser = Parser(prog=PROG, description="The right words for a tense customer conversation.")
    parser.add_argument("-V", "--version", action="version", version=f"{PROG} {__version__}",
                        help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    sub.required = True
    formats = ["text", "json"]
    agent.add_commands(sub, formats)
    check.add_command(sub, formats)
    translators.add_commands(sub, formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    try:
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help and --version print and exit 0
            return int(exc.code or 0)
        run: Callable[..., int] = args.run
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = run(args)
        for warning in caught:
            print(f"{PROG}: note: {warning.message}", file=sys.stderr)
        return code
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return ExitCode.USAGE
    except PhrasebookError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except BrokenPipeError:
        return ExitCode.OK
    except KeyboardInterrupt:
        return 130
