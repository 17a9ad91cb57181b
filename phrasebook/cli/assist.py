"""The ``suggest`` command: what a customer's message carries, and the agent's next steps.

A message comes as literal text (an argument that is not a file, or ``--text``), from files, or
from standard input, as for ``check``. Text output marks each signal's words in the message (in
colour on a terminal, unless ``NO_COLOR`` is set; with ``[…]{signal}`` otherwise), then lists
the steps with their phrasings; ``--gloss en`` adds the same phrasings in English.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path
from typing import IO, Any

from ..book import Phrasebook, load
from ..errors import PhrasebookError
from ..model import Channel, Register
from .common import ExitCode, print_json
from .inputs import language_arg, read_inputs

__all__ = ["add_command"]

# A single word with a file extension or a folder in it is a file name, not a message: a missing
# one is an error, as for ``check``, rather than a message with no signals.
_FILE_NAME = re.compile(r"[^\s]*[\\/][^\s]*|[^\s/\\]+\.[A-Za-z][A-Za-z0-9]{0,4}")

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
# One colour per signal, in the playbook's order (most urgent first): red for the urgent ones.
_COLOURS = ("\033[1;31m", "\033[1;31m", "\033[1;35m", "\033[1;35m", "\033[1;33m", "\033[1;36m",
            "\033[1;36m", "\033[1;34m", "\033[1;34m", "\033[1;34m", "\033[1;32m", "\033[1;32m")


def colour_wanted(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    target = getattr(stream, "target", stream)  # the CLI holds stdout while a command runs
    isatty = getattr(target, "isatty", None)
    return bool(isatty and isatty())


class _Style:
    """ANSI styles, or none."""

    def __init__(self, on: bool, signals: tuple[str, ...]) -> None:
        self.on = on
        self._colours = {s: _COLOURS[i % len(_COLOURS)] for i, s in enumerate(signals)}

    def signal(self, text: str, signal: str) -> str:
        return f"{self._colours.get(signal, _BOLD)}{text}{_RESET}" if self.on else text

    def bold(self, text: str) -> str:
        return f"{_BOLD}{text}{_RESET}" if self.on else text

    def dim(self, text: str) -> str:
        return f"{_DIM}{text}{_RESET}" if self.on else text


def _marked(text: str, spans: list[tuple[int, int, str]], style: _Style) -> str:
    """``text`` with each signal's stretch highlighted (or bracketed and labelled)."""
    out = []
    cursor = 0
    merged: list[list[Any]] = []  # [start, end, [signals]]; overlapping stretches are one
    for start, end, signal in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(signal)
        else:
            merged.append([start, end, [signal]])
    for start, end, signals in merged:
        out.append(text[cursor:start])
        piece = text[start:end]
        if style.on:
            out.append(style.signal(piece, signals[0]))
        else:
            out.append(f"[{piece}]{{{','.join(dict.fromkeys(signals))}}}")
        cursor = end
    out.append(text[cursor:])
    return "".join(out)


def _print_text(name: str | None, book: Phrasebook, suggestion: Any, gloss: str | None,
                style: _Style, descriptions: dict[str, str]) -> None:
    from ..icu import preview  # the template parser, only when showing

    header = f"{name}: " if name else ""
    where = suggestion.lang
    if suggestion.address is not None:  # a language with two registers
        where += f", customer: {suggestion.address.value}"
    if not suggestion.signals:
        print(f"{header}no signals ({where}): answer the message as it is")
        return
    print(style.bold(f"{header}Signals ({where})"))
    for signal, (line, column) in zip(suggestion.signals, suggestion.positions(), strict=True):
        where = f"{line}:{column}"
        print(f"  {where:<7} {style.signal(f'{signal.id:<20}', signal.id)} "
              f"“{signal.match}”")
    ids = suggestion.ids
    if gloss is not None:
        for signal_id in ids:
            print(style.dim(f"  {signal_id}: {descriptions.get(signal_id, '')}"))
    print()
    spans = [(s.start, s.end, s.id) for s in suggestion.signals]
    for text_line in _marked(suggestion.text, spans, style).splitlines() or [""]:
        print(f"  {text_line}")
    print()
    print(style.bold(f"Steps ({suggestion.register.value})"))
    for number, step in enumerate(suggestion.steps, start=1):
        print(f"  {number}. {style.bold(step.intent.value)} · for {', '.join(step.signals)} · "
              f"{', '.join(step.sources)}")
        for phrase in step.phrases:
            print(f"     {preview(phrase.text, phrase.lang)}")
            if gloss is not None:
                glossed = book.gloss(phrase, gloss)
                shown = preview(glossed.text, glossed.lang) if glossed else "(no gloss)"
                print(style.dim(f"       {gloss}: {shown}"))
            print(style.dim(f"       {phrase.id} · {phrase.register.value}"))
        for note in step.notes:
            print(style.dim(f"     note: {note}"))


def _json(name: str, book: Phrasebook, suggestion: Any, gloss: str | None) -> dict[str, Any]:
    row: dict[str, Any] = {"path": name, **suggestion.to_json()}
    if gloss is not None:
        for step, data in zip(suggestion.steps, row["steps"], strict=True):
            for phrase, phrase_data in zip(step.phrases, data["phrases"], strict=True):
                glossed = book.gloss(phrase, gloss)
                phrase_data["gloss"] = glossed.text if glossed else None
    return row


def cmd_suggest(args: argparse.Namespace) -> int:
    """Read customers' messages and print their signals and the steps that answer them."""
    book = load()
    lang = language_arg(book, args.lang)
    texts = list(args.text or [])
    files = []
    for item in args.inputs:
        # An argument is a file when one exists by that name, '-' standard input, else text.
        if item == "-" or Path(item).is_file():
            files.append(item)
        elif _FILE_NAME.fullmatch(item):
            raise PhrasebookError(f"{item}: no such file; to read it as the message, pass "
                                  f"--text {json.dumps(item, ensure_ascii=False)}")
        else:
            texts.append(item)
    inputs = read_inputs(argparse.Namespace(text=texts, files=files), "suggest")
    gloss = book.resolve_language(args.gloss).code if args.gloss else None
    results = [(item, book.suggest(item.text, lang, register=args.register,
                                   channel=args.channel)) for item in inputs]
    if args.format == "json":
        rows = [_json(item.name, book, found, gloss) for item, found in results]
        print_json(rows[0] if len(rows) == 1 else rows)
        return ExitCode.OK
    from ..assist import store

    playbook = store.playbook(book.catalog)
    style = _Style(colour_wanted(sys.stdout), playbook.signals)
    for index, (item, found) in enumerate(results):
        if index:
            print()
        name = item.name if len(results) > 1 or item.name != "<text>" else None
        _print_text(name, book, found, gloss, style, dict(playbook.descriptions))
    return ExitCode.OK


def add_command(sub: Any, formats: list[str]) -> None:
    """Add ``suggest`` to the CLI's subparsers."""
    cmd = sub.add_parser(
        "suggest", help="what a customer's message carries, and the next steps with phrasings",
        description="Read customers' messages: the signals in each (anger, abuse, threat, "
                    "manager, repeat, waiting, delivery, …) with their words marked, the "
                    "customer's address form, and the steps that answer them, with phrasings. "
                    "Give the message as text, files ('-' for standard input), or pipe it in.",
    )
    cmd.add_argument("inputs", nargs="*", metavar="TEXT|FILE",
                     help="a message, or a file holding one ('-' reads standard input)")
    cmd.add_argument("--text", "-t", action="append", metavar="TEXT",
                     help="a message (repeatable), even one that names a file")
    cmd.add_argument("--lang", "-l", required=True,
                     help="language of the message: a tag (de, de-AT) or an Accept-Language "
                          "header")
    cmd.add_argument("--register", "-r",
                     help="the agent's register for the phrasings: "
                          f"{', '.join(r.value for r in Register)} (default: formal where the "
                          "language has both)")
    cmd.add_argument("--channel", "-c", help=", ".join(c.value for c in Channel))
    cmd.add_argument("--gloss", "-g", metavar="LANG",
                     help="also show each phrasing in this language, and what each signal is")
    cmd.add_argument("--format", "-f", choices=formats, default="text",
                     help="text (marked message and steps) or json")
    cmd.set_defaults(run=cmd_suggest)
