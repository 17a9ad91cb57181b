"""Where a command's texts come from: ``--text`` values, files, or standard input."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from ..book import Phrasebook
from ..errors import PhrasebookError

__all__ = ["TextInput", "language_arg", "read_inputs"]


@dataclass(frozen=True)
class TextInput:
    """One text to read and the name its results are reported under."""

    name: str
    text: str


def language_arg(book: Phrasebook, value: str) -> str:
    """A --lang value: a tag, or an Accept-Language header (``de-CH, de;q=0.9``)."""
    if "," in value or ";" in value or value.strip() == "*":
        return book.negotiate(value)
    return value


def decode(data: bytes, name: str) -> str:
    """``data`` read from ``name`` as UTF-8 text (a BOM is dropped), or a one-line error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = "standard input" if name == "-" else name
        raise PhrasebookError(
            f"{where} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line})"
        ) from None


def read_inputs(args: argparse.Namespace, command: str) -> list[TextInput]:
    """The texts a command reads: ``--text`` values, files, and ``-`` for standard input.

    With neither, standard input is read; at a terminal that would wait for typing, so the
    command says how to give text instead.
    """
    inputs = [TextInput("<text>", text) for text in args.text or ()]
    for name in args.files:
        if name == "-":
            inputs.append(TextInput("-", decode(sys.stdin.buffer.read(), "-")))
            continue
        path = Path(name)
        if not path.is_file():
            what = "a folder" if path.is_dir() else "no such file"
            raise PhrasebookError(f"{name}: {what}; to {command} literal text, pass --text "
                                  f"{json.dumps(name, ensure_ascii=False)}")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise PhrasebookError(f"{name}: cannot read: {exc.strerror or exc}") from None
        inputs.append(TextInput(name, decode(data, name)))
    if not inputs:
        if sys.stdin.isatty():
            raise PhrasebookError(
                f"no text to {command}: give files (phrasebook {command} --lang de reply.txt), "
                f"--text \"…\", or pipe text in (echo \"…\" | phrasebook {command} --lang de)"
            )
        inputs.append(TextInput("-", decode(sys.stdin.buffer.read(), "-")))
    return inputs
