"""``check --input FILE``: audit a file of replies (JSON Lines or CSV), streaming, across cores.

Every record is one reply with its text, language and (optionally) register. Records are read
one at a time, checked in order (in ``--jobs`` worker processes when asked), and written as
they come, so a log of millions of replies needs no more memory than a few thousand. A record
that cannot be checked (not JSON, no text, an unknown language or register) is reported with
its line number and skipped: one bad line never stops an audit.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..book import Phrasebook, load
from ..errors import PhrasebookError, UnknownNameError, counted, did_you_mean
from .common import PROG, ExitCode

__all__ = ["INPUT_FORMATS", "Record", "audit", "read_records"]

INPUT_FORMATS = ("jsonl", "csv")
_CHUNK = 256  # records sent to a worker at a time


@dataclass(frozen=True)
class Record:
    """One input record: its line, and either its fields or why it cannot be read."""

    line: int
    text: str | None = None
    lang: str | None = None
    register: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class _Fields:
    text: str
    lang: str | None  # the field holding the language; None: every record is in ``default``
    register: str | None
    default_lang: str | None
    default_register: str | None


def _field(row: dict[str, Any], name: str | None, default: str | None, what: str
           ) -> tuple[str | None, str | None]:
    """A record's value of field ``name`` (or ``default``), or why it has none."""
    if name is None:
        return default, None
    value = row.get(name)
    if value is None or value == "":
        return (default, None) if default is not None or what == "register" else (
            None, f"no {what} (field {name!r}){_fields_hint(name, row)}")
    if not isinstance(value, str):
        return None, f"field {name!r} is not a string"
    return value, None


def _fields_hint(name: str, row: dict[str, Any]) -> str:
    """``; the record has: …`` with a close match to ``name`` among the record's fields."""
    if name in row or not row:
        return ""
    return f"; the record has {', '.join(map(repr, row))}{did_you_mean(name, row)}"


def _record(line: int, row: object, fields: _Fields) -> Record:
    if not isinstance(row, dict):
        return Record(line, problem="not a JSON object")
    text = row.get(fields.text)
    if text is None:
        return Record(line, problem=f"no text (field {fields.text!r})"
                                    f"{_fields_hint(fields.text, row)}")
    if not isinstance(text, str):
        return Record(line, problem=f"field {fields.text!r} is not a string")
    lang, problem = _field(row, fields.lang, fields.default_lang, "language")
    if problem:
        return Record(line, problem=problem)
    register, problem = _field(row, fields.register, fields.default_register, "register")
    if problem:
        return Record(line, problem=problem)
    return Record(line, text, lang, register)


def read_records(stream: IO[str], input_format: str, fields: _Fields) -> Iterator[Record]:
    """The records of ``stream``, in order, each with its line number (1-based)."""
    if input_format == "csv":
        reader = csv.DictReader(stream)
        if reader.fieldnames is None or fields.text not in reader.fieldnames:
            yield Record(1, problem=f"the CSV header has no column {fields.text!r}"
                         + (f" (columns: {', '.join(reader.fieldnames)})"
                            if reader.fieldnames else ""))
            return
        start = reader.line_num + 1
        for row in reader:
            yield _record(start, row, fields)
            start = reader.line_num + 1
        return
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Record(number, problem=f"not JSON ({exc.msg})")
            continue
        yield _record(number, row, fields)


# --- checking: the same code in this process or in a worker ---------------------------------

_BOOK: Phrasebook | None = None


def _worker_start() -> None:
    global _BOOK
    _BOOK = load()


def _check(record: Record) -> dict[str, Any]:
    """The JSON line of one record's findings, or ``{"input_line", "error"}``."""
    book = _BOOK if _BOOK is not None else load()
    if record.problem is not None:
        return {"input_line": record.line, "error": record.problem}
    assert record.text is not None and record.lang is not None
    try:
        report = book.check(record.text, record.lang, register=record.register)
    except UnknownNameError as exc:  # the record's language or register; broken data raises
        return {"input_line": record.line, "error": str(exc)}
    return {"input_line": record.line, **report.to_json()}


def _checked(records: Iterable[Record], jobs: int) -> Iterator[dict[str, Any]]:
    if jobs <= 1:
        _worker_start()
        yield from map(_check, records)
        return
    context = multiprocessing.get_context("spawn" if sys.platform == "darwin" else None)
    with context.Pool(jobs, initializer=_worker_start) as pool:
        yield from pool.imap(_check, records, chunksize=_CHUNK)


# --- the command ------------------------------------------------------------------------------

class _Progress:
    """A one-line progress report on a terminal's standard error; silent otherwise."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.shown = sys.stderr.isatty()
        self.started = self.last = time.monotonic()

    def update(self, done: int) -> None:
        now = time.monotonic()
        if not self.shown or now - self.last < 0.2:
            return
        self.last = now
        rate = done / max(now - self.started, 1e-9)
        share = f" {100 * done / self.total:5.1f} %" if self.total else ""
        sys.stderr.write(f"\r{PROG}: checked {done:,} records{share} ({rate:,.0f}/s)")
        sys.stderr.flush()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _open(name: str) -> tuple[IO[str], int | None]:
    """The input as text, and its number of lines when it is a file (for the progress bar)."""
    if name == "-":
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline=""), None
    path = Path(name)
    if not path.is_file():
        raise PhrasebookError(f"{name}: {'a folder' if path.is_dir() else 'no such file'}")
    total = None
    if sys.stderr.isatty():
        with path.open("rb") as raw:
            total = sum(block.count(b"\n") for block in iter(lambda: raw.read(1 << 20), b""))
    return path.open(encoding="utf-8-sig", newline="", errors="strict"), total


def _input_format(args: argparse.Namespace) -> str:
    if args.input_format:
        return str(args.input_format)
    suffix = Path(args.input).suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json") or args.input == "-":
        return "jsonl"
    raise PhrasebookError(f"{args.input}: cannot tell the format from the name; pass "
                          f"--input-format {' or '.join(INPUT_FORMATS)}")


def audit(args: argparse.Namespace) -> int:
    """Run ``check --input``: stream findings, then print a summary per language and rule."""
    if args.lang_field is None and args.lang is None:
        raise PhrasebookError("--input needs --lang (one language for every record) or "
                              "--lang-field (the field that holds each record's language)")
    if args.jobs < 1:
        raise PhrasebookError(f"--jobs must be 1 or more, not {args.jobs}")
    fields = _Fields(args.text_field, args.lang_field, args.register_field, args.lang,
                     args.register)
    input_format = _input_format(args)
    stream, total = _open(args.input)
    name = "standard input" if args.input == "-" else args.input
    progress = _Progress(total)
    per_rule: Counter[tuple[str, str]] = Counter()
    per_lang: Counter[str] = Counter()
    flagged: Counter[str] = Counter()
    done = skipped = 0
    jsonl = args.format == "jsonl"
    out = sys.stdout
    try:
        with stream:
            for result in _checked(read_records(stream, input_format, fields), args.jobs):
                done += 1
                progress.update(done)
                if "error" in result:
                    skipped += 1
                    progress.close()
                    print(f"{PROG}: warning: {name}:{result['input_line']}: skipped: "
                          f"{result['error']}", file=sys.stderr)
                    if jsonl:
                        out.write(json.dumps(result, ensure_ascii=False) + "\n")
                    continue
                lang = result["lang"]
                per_lang[lang] += 1
                if result["findings"]:
                    flagged[lang] += 1
                for finding in result["findings"]:
                    per_rule[(lang, finding["rule"])] += 1
                if jsonl:
                    out.write(json.dumps(result, ensure_ascii=False) + "\n")
                    continue
                where = f"{name}:{result['input_line']}"
                for finding in result["findings"]:
                    out.write(f"{where}: {finding['severity']} {finding['rule']} "
                              f"{json.dumps(finding['match'], ensure_ascii=False)}: "
                              f"{finding['message']}\n")
    except UnicodeDecodeError as exc:
        raise PhrasebookError(f"{name} is not UTF-8 text (after {done:,} records: {exc.reason})"
                              ) from None
    finally:
        progress.close()
    summary = _summary(done, skipped, per_lang, flagged, per_rule)
    print(summary, file=sys.stderr if jsonl else sys.stdout)
    if skipped and skipped == done:
        raise PhrasebookError(f"no record of {name} could be checked (see the warnings above)")
    return ExitCode.FINDINGS if per_rule else ExitCode.OK


def _summary(done: int, skipped: int, per_lang: Counter[str], flagged: Counter[str],
             per_rule: Counter[tuple[str, str]]) -> str:
    lines = [f"{counted(done, 'record')} read, {done - skipped:,} checked, {skipped:,} skipped"]
    rules = sorted({rule for _, rule in per_rule})
    if per_lang:
        header = f"{'lang':<6}{'records':>9}{'flagged':>9}" + "".join(f"{r:>13}" for r in rules)
        lines.append(header)
        for lang in sorted(per_lang):
            cells = "".join(f"{per_rule[(lang, r)]:>13,}" for r in rules)
            lines.append(f"{lang:<6}{per_lang[lang]:>9,}{flagged[lang]:>9,}{cells}")
    return "\n".join(lines)
