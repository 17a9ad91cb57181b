"""What every command shares: the argument parser, exit codes, and output helpers."""

from __future__ import annotations

import argparse
import codecs
import io
import json
import sys
from enum import IntEnum
from typing import IO, Any, NoReturn

__all__ = [
    "PROG",
    "ExitCode",
    "HeldOutput",
    "Parser",
    "UnshowableOutput",
    "UsageError",
    "error_line",
    "print_json",
    "unshowable",
]

PROG = "phrasebook"


class ExitCode(IntEnum):
    """The CLI's exit codes."""

    OK = 0
    FINDINGS = 1
    USAGE = 2


class UsageError(Exception):
    """Bad usage: printed as one line, exit 2."""


def error_line(message: str) -> str:
    """The one line every error is printed as.

    >>> error_line("unknown intent 'x'")
    "phrasebook: error: unknown intent 'x'"
    """
    return f"{PROG}: error: {message}"


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, with the same prefix as every error."""

    def error(self, message: str) -> NoReturn:
        """Raise the error as a `UsageError` instead of printing usage and exiting."""
        raise UsageError(error_line(f"{message} (see '{self.prog} --help')"))


def _encoding(stream: IO[str]) -> str:
    """The codec's canonical name for what ``stream`` writes (UTF-8 when it does not say)."""
    name = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def unshowable(text: str, encoding: str) -> str | None:
    """The first character of ``text`` that ``encoding`` cannot write, or None.

    >>> unshowable("Danke", "ascii") is None, unshowable("გმადლობთ", "ascii")
    (True, 'გ')
    """
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        return exc.object[exc.start]
    except LookupError:
        return None
    return None


class UnshowableOutput(Exception):
    """Output that standard output cannot write (a script its encoding lacks)."""

    def __init__(self, char: str) -> None:
        super().__init__(char)
        self.char = char


class HeldOutput(io.StringIO):
    """Standard output, held while a command runs and checked before anything is written.

    A terminal that cannot show a script (``PYTHONIOENCODING=ascii``, a Latin-1 console) gets
    one clear error line (`UnshowableOutput`) instead of a traceback. Up to `HOLD` characters are
    held, so that a command's output is written whole or not at all; a command that prints more
    (an audit of a large file) streams from then on. Bytes written to ``.buffer`` (a PO file) go
    straight through: their encoding is their own.
    """

    HOLD = 1 << 20

    def __init__(self, target: IO[str]) -> None:
        super().__init__()
        self.target = target
        self.target_encoding = _encoding(target)
        self.raw_target: IO[bytes] | None = getattr(target, "buffer", None)
        self.streaming = False

    @property
    def buffer(self) -> IO[bytes]:  # type: ignore[override]
        """The target's byte stream: bytes are not held."""
        if self.raw_target is None:
            raise io.UnsupportedOperation("standard output takes no bytes here")
        return self.raw_target

    def write(self, text: str) -> int:
        """Check ``text`` and hold it (or, once streaming, write it through)."""
        char = unshowable(text, self.target_encoding)
        if char is not None:
            raise UnshowableOutput(char)
        if self.streaming:
            return self.target.write(text)
        written = super().write(text)
        if self.tell() > self.HOLD:
            self.release()
            self.streaming = True
        return written

    def flush(self) -> None:
        """Flush the target once streaming; held output waits for `release`."""
        if self.streaming:
            self.target.flush()

    def release(self) -> None:
        """Write what is held to the target."""
        held = self.getvalue()
        self.seek(0)
        self.truncate()
        if held:
            self.target.write(held)
        self.target.flush()


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON, keeping non-ASCII text readable where it can be shown.

    Where standard output cannot show a character, JSON's own escapes are used: the same data.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    encoding = getattr(sys.stdout, "target_encoding", None) or _encoding(sys.stdout)
    if unshowable(text, encoding) is not None:
        text = json.dumps(data, ensure_ascii=True, indent=2)
    sys.stdout.write(text + "\n")
