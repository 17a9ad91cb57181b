"""The command line: ``phrasebook COMMAND …`` (or ``python -m phrasebook``).

Each subcommand is one small function that returns an exit code: 0 success, 1 findings or
invalid data, 2 bad usage or input. Errors are one line on stderr, ``phrasebook: error: …``,
never a traceback: argparse's usage errors, phrasebook's errors, files that cannot be read or
written, and output the terminal cannot show (standard output is held and checked while a
command runs, `HeldOutput`).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import warnings
from collections.abc import Callable, Sequence
from typing import IO

from ..errors import PhrasebookError
from . import agent, assist, check, translators
from .common import (
    PROG,
    ExitCode,
    HeldOutput,
    Parser,
    UnshowableOutput,
    UsageError,
    error_line,
)

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
    assist.add_command(sub, formats)
    translators.add_commands(sub, formats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    _escape_errors(sys.stderr)
    held = HeldOutput(sys.stdout)
    sys.stdout = held
    args: argparse.Namespace | None = None
    try:
        try:
            args = build_parser().parse_args(argv)
            code = _run(args)
        except SystemExit as exc:  # --help and --version print and exit 0
            code = int(exc.code or 0)
        except UsageError as exc:
            print(exc, file=sys.stderr)
            code = ExitCode.USAGE
        held.release()
    except UnshowableOutput as exc:
        print(error_line(_unshowable_message(exc.char, held.target_encoding, args)),
              file=sys.stderr)
        code = ExitCode.USAGE
    except BrokenPipeError:  # the reader went away (| head): not an error
        _discard(held.target)
        code = ExitCode.OK
    finally:
        sys.stdout = held.target
    return code


def _unshowable_message(char: str, encoding: str, args: argparse.Namespace | None) -> str:
    if 0xDC80 <= ord(char) <= 0xDCFF:  # a byte of an argument that was not UTF-8 (PEP 383)
        return (f"cannot print the byte 0x{ord(char) - 0xDC00:02x}: an argument or file name "
                "is not UTF-8 text")
    json = (", or use --format json (it escapes what cannot be shown)"
            if getattr(args, "format", None) == "text" else "")
    return (f"standard output's encoding ({encoding}) cannot show {char!r} (U+{ord(char):04X}): "
            f"use a UTF-8 terminal or set PYTHONIOENCODING=utf-8{json}")


def _discard(stream: IO[str]) -> None:
    """Point ``stream`` at the null device, so that flushing it at exit does not fail again."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def _escape_errors(stream: IO[str]) -> None:
    """Make ``stream`` escape what it cannot show, so that an error line never fails."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; its errors become one line on standard error."""
    run: Callable[..., int] = args.run
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            code = run(args)
        # One note per message: a language resolved twice (by check and its suggestions)
        # is said once.
        for message in dict.fromkeys(str(warning.message) for warning in caught):
            print(f"{PROG}: note: {message}", file=sys.stderr)
        return code
    except UsageError as exc:
        print(exc, file=sys.stderr)
    except PhrasebookError as exc:
        print(error_line(str(exc)), file=sys.stderr)
    except BrokenPipeError:
        raise
    except OSError as exc:  # a file the command was asked to write or read
        where = f"{exc.filename}: " if exc.filename else ""
        print(error_line(f"{where}{exc.strerror or exc}"), file=sys.stderr)
    except KeyboardInterrupt:
        return 130
    return ExitCode.USAGE
