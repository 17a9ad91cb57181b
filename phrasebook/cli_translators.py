"""The translators' commands: validate, coverage, new-locale, schema, export, import-po, confirm.

Kept apart from ``cli.py`` so the everyday commands (``show``, ``check``) import none of this.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .book import load
from .cli import print_json as _print_json

__all__ = ["add_commands", "schemas"]


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate locale folders or files; exit 1 when any error is found."""
    from .validate import summary, validate_paths

    paths = [Path(p) for p in args.paths] if args.paths else None
    problems = validate_paths(paths)
    for problem in problems:
        print(problem)
    counts = summary(problems)
    verdict = "invalid" if counts["errors"] else "valid"
    print(f"{verdict}: {counts['errors']} errors, {counts['warnings']} warnings", file=sys.stderr)
    return 1 if counts["errors"] else 0


def cmd_coverage(args: argparse.Namespace) -> int:
    """Print intents x languages x registers with counts, gaps and stale entries."""
    from .coverage import MINIMUM, coverage

    report = coverage(load())
    if args.format == "json":
        _print_json({"minimum": MINIMUM, "languages": [c.to_json() for c in report]})
    else:
        for lang in report:
            regs = [r.value for r in lang.registers]
            print(f"{lang.code}  {lang.name}")
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
        print(f"! marks a cell under the minimum of {MINIMUM} phrasings.")
    gaps = any(not lang.complete for lang in report)
    return 1 if args.strict and gaps else 0


def cmd_new_locale(args: argparse.Namespace) -> int:
    """Scaffold a locale folder from the English base."""
    from .scaffold import new_locale

    folder = new_locale(args.code, Path(args.dest) if args.dest else None)
    print(f"created {folder}/ (phrases.toml with every entry to do, tone.toml to fill in)")
    print(f"next: translate, then 'phrasebook validate {folder}' and 'phrasebook coverage'")
    return 0


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas of the locale files, generated from the pydantic models."""
    from .model import PhraseFile
    from .tone_rules import ToneFile

    result = {}
    for name, model in (("phrases", PhraseFile), ("tone", ToneFile)):
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"phrasebook {name}.toml"
        result[name] = schema
    return result


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of phrases.toml (or tone.toml)."""
    _print_json(schemas()[args.file])
    return 0


def _locales(args: argparse.Namespace) -> Path:
    from .catalog import builtin_root

    return Path(args.locales) if args.locales else builtin_root()


def cmd_export(args: argparse.Namespace) -> int:
    """Write a language as a PO file."""
    from .po import export_po

    code = load().resolve_language(args.lang).code if not args.locales else args.lang
    data = export_po(_locales(args), code)
    if args.output and args.output != "-":
        Path(args.output).write_bytes(data)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_import_po(args: argparse.Namespace) -> int:
    """Write a PO file's translations back into the TOML files."""
    from .po import import_po

    result = import_po(Path(args.file), _locales(args))
    print(f"{result.path}: {result.updated} updated, {result.added} added")
    return 0


def cmd_confirm(args: argparse.Namespace) -> int:
    """Mark translations as made from the current English text."""
    from .po import confirm

    code = load().resolve_language(args.lang).code if not args.locales else args.lang
    changed = confirm(_locales(args), code, args.ids or None)
    print(f"{changed} entries confirmed")
    return 0


def add_commands(sub: Any, formats: list[str]) -> None:
    """Add the translators' subcommands to the CLI's subparsers."""
    val = sub.add_parser("validate", help="check locale folders or files (exit 1 if invalid)")
    val.add_argument("paths", nargs="*", metavar="PATH", help="folders or files; default: built-in")
    val.set_defaults(run=cmd_validate)

    cov = sub.add_parser("coverage", help="counts per language, intent and register; gaps")
    cov.add_argument("--format", "-f", choices=formats, default="text")
    cov.add_argument("--strict", action="store_true", help="exit 1 when anything is missing")
    cov.set_defaults(run=cmd_coverage)

    new = sub.add_parser("new-locale", help="scaffold a language folder from English")
    new.add_argument("code", metavar="CODE", help="CLDR language code, e.g. pl")
    new.add_argument("--dest", help="parent folder (default: ./locales)")
    new.set_defaults(run=cmd_new_locale)

    sch = sub.add_parser("schema", help="JSON Schema of the locale files")
    sch.add_argument("--file", choices=["phrases", "tone"], default="phrases")
    sch.set_defaults(run=cmd_schema)

    exp = sub.add_parser("export", help="write a language as a gettext PO file")
    exp.add_argument("--format", choices=["po"], default="po")
    exp.add_argument("--lang", "-l", required=True)
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.add_argument("--locales", help="locales folder (default: the built-in one)")
    exp.set_defaults(run=cmd_export)

    imp = sub.add_parser("import-po", help="write a PO file's translations into the TOML files")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--locales", help="locales folder (default: the built-in one)")
    imp.set_defaults(run=cmd_import_po)

    con = sub.add_parser("confirm", help="mark translations as current with the English text")
    con.add_argument("--lang", "-l", required=True)
    con.add_argument("ids", nargs="*", metavar="ID", help="only these phrase ids")
    con.add_argument("--locales", help="locales folder (default: the built-in one)")
    con.set_defaults(run=cmd_confirm)

