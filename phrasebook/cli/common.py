"""What every command shares: the argument parser, exit codes, and output helpers."""

from __future__ import annotations

import argparse
import json
import sys
from enum import IntEnum
from typing import Any, NoReturn

__all__ = ["PROG", "ExitCode", "Parser", "UsageError", "print_json"]

PROG = "phrasebook"


class ExitCode(IntEnum):
    """The CLI's exit codes."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class UsageError(Exception):
    """Bad usage: printed as one line, exit 2."""


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        """Raise the error as a `UsageError` instead of printing usage and exiting."""
        raise UsageError(f"{self.prog}: error: {message} (see --help)")


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, keeping non-ASCII text readable."""
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
