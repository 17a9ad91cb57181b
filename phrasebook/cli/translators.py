"""The translators' commands: validate, coverage, new-locale, schema, export, import-po, confirm.

Each imports its tool from `phrasebook.translate` when it runs, so the agents' commands (``show``,
``check``) import none of this.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..book import load
from ..errors import PhrasebookError, counted
from ..model import Register, coerce
from .common import ExitCode, print_json

__all__ = ["add_commands", "schemas"]


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate locale folders or files; exit 1 when any error is found."""
    from ..translate.validate import counts, validate_paths

    paths = [Path(p) for p in args.paths] if args.paths else None
    problems = validate_paths(paths)
    errors, warnings = counts(problems)
    if args.format == "json":
        print_json({"problems": [p.to_json() for p in problems], "errors": errors,
                    "warnings": warnings})
    else:
        for problem in problems:
            print(problem)
        verdict = "invalid" if errors else "valid"
        print(f"{verdict}: {counted(errors, 'error')}, {counted(warnings, 'warning')}",
              file=sys.stderr)
    return ExitCode.FINDINGS if errors else ExitCode.OK


def cmd_coverage(args: argparse.Namespace) -> int:
    """Print intents x languages x registers with counts, gaps and stale entries."""
    from ..translate.coverage import MINIMUM, coverage

    report = coverage(load().catalog)
    if args.format == "json":
        print_json({"minimum": MINIMUM, "languages": [c.to_json() for c in report]})
    else:
        for lang in report:
            regs = [r.value for r in lang.registers]
            print(f"{lang.code}  {lang.name} ({lang.status.value})")
            print("  " + f"{'intent':<14}" + "".join(f"{r:>10}" for r in regs))
            for intent, row in lang.cells.items():
                cells = "".join(
                    f"{row[r]:>9}{'!' if row[r] < MINIMUM else ' '}" for r in regs
                )
                print(f"  {intent:<14}{cells}")
            for label, items in (("missing", lang.missing), ("outdated", lang.outdated),
                                 ("to do", lang.todo)):
                if items:
                    shown = ", ".join(items[:8]) + (" …" if len(items) > 8 else "")
                    print(f"  {label} ({len(items)}): {shown}")
            print()
        print(f"! marks a cell under the minimum of {MINIMUM} phrasings "
              "(the minimum applies to shipped languages).")
    gaps = any(not lang.complete for lang in report if lang.status.value == "shipped")
    return ExitCode.FINDINGS if args.strict and gaps else ExitCode.OK


def cmd_new_locale(args: argparse.Namespace) -> int:
    """Scaffold a locale folder from the English base."""
    from ..translate.scaffold import new_locale

    registers = tuple(coerce(Register, r, "register") for r in args.registers.split(","))
    folder = new_locale(args.code, Path(args.dest) if args.dest else None, registers)
    print(f"created {folder}/ (language.toml, phrases.toml with every entry to do, "
          "tone.toml to fill in)")
    print(f"next: translate, then 'phrasebook validate {folder}' and 'phrasebook coverage'")
    return ExitCode.OK


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas of the locale files, generated from the pydantic models."""
    from ..translate.schemas import json_schemas

    return json_schemas()


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of one kind of locale file."""
    print_json(schemas()[args.file])
    return ExitCode.OK


def _locales(args: argparse.Namespace, writes: bool) -> Path:
    """The locales folder a tool works on: ``--locales``, else the built-in one.

    A tool that writes refuses the built-in folder of an installed package.
    """
    from ..catalog.paths import builtin_root, installed_builtins

    if args.locales:
        return Path(args.locales)
    if writes and installed_builtins():
        raise PhrasebookError(
            f"the built-in locales are part of an installed package ({builtin_root()}); pass "
            "--locales DIR (a copy, or a checkout's locales/) or run from a checkout"
        )
    return builtin_root()


def cmd_export(args: argparse.Namespace) -> int:
    """Write a language as a PO file."""
    from ..translate.po import export_po

    code = load().resolve_language(args.lang).code if not args.locales else args.lang
    data = export_po(_locales(args, writes=False), code)
    if args.output and args.output != "-":
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return ExitCode.OK


def cmd_import_po(args: argparse.Namespace) -> int:
    """Write a PO file's translations back into the TOML files."""
    from ..translate.po import import_po

    result = import_po(Path(args.file), _locales(args, writes=True))
    print(f"{result.path}: {result.updated} updated, {result.added} added")
    return ExitCode.OK


def cmd_confirm(args: argparse.Namespace) -> int:
    """Mark translations as made from the current English text."""
    from ..translate.confirm import confirm

    locales = _locales(args, writes=True)
    code = load().resolve_language(args.lang).code if not args.locales else args.lang
    changed = confirm(locales, code, args.ids or None)
    print(f"{counted(changed, 'entry', 'entries')} confirmed")
    return ExitCode.OK


def add_commands(sub: Any, formats: list[str]) -> None:
    """Add the translators' subcommands to the CLI's subparsers."""
    val = sub.add_parser("validate", help="check locale folders or files (exit 1 if invalid)")
    val.add_argument("paths", nargs="*", metavar="PATH",
                     help="locale folders or files (default: the built-in locales)")
    val.add_argument("--format", "-f", choices=formats, default="text",
                     help="text (path:line: severity: message) or json")
    val.set_defaults(run=cmd_validate)

    cov = sub.add_parser("coverage", help="counts per language, intent and register; gaps")
    cov.add_argument("--format", "-f", choices=formats, default="text", help="text or json")
    cov.add_argument("--strict", action="store_true",
                     help="exit 1 when a shipped language has gaps")
    cov.set_defaults(run=cmd_coverage)

    new = sub.add_parser("new-locale", help="scaffold a language folder from English")
    new.add_argument("code", metavar="CODE", help="CLDR language code, e.g. pl")
    new.add_argument("--dest", help="parent folder (default: ./locales)")
    new.add_argument("--registers", default="formal,informal",
                     help="the address forms the language distinguishes: formal,informal "
                          "(default) or neutral")
    new.set_defaults(run=cmd_new_locale)

    sch = sub.add_parser("schema", help="JSON Schema of the locale files")
    sch.add_argument("--file", choices=["phrases", "language", "tone", "signals", "sources",
                                        "playbook"],
                     default="phrases", help="which file's schema (default: phrases)")
    sch.set_defaults(run=cmd_schema)

    exp = sub.add_parser("export", help="write a language as a gettext PO file")
    exp.add_argument("--format", choices=["po"], default="po", help="po (the only format)")
    exp.add_argument("--lang", "-l", required=True, help="the language to export")
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.add_argument("--locales", help="locales folder (default: the built-in one)")
    exp.set_defaults(run=cmd_export)

    imp = sub.add_parser("import-po", help="write a PO file's translations into the TOML files")
    imp.add_argument("file", metavar="FILE", help="the PO file")
    imp.add_argument("--locales", help="locales folder to write (default: the checkout's)")
    imp.set_defaults(run=cmd_import_po)

    con = sub.add_parser("confirm", help="mark translations as current with the English text")
    con.add_argument("--lang", "-l", required=True, help="the language to confirm")
    con.add_argument("ids", nargs="*", metavar="ID", help="only these phrase ids")
    con.add_argument("--locales", help="locales folder to write (default: the checkout's)")
    con.set_defaults(run=cmd_confirm)
