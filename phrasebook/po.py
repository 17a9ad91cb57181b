"""gettext interop (``export``, ``import-po``) and ``confirm``, which marks translations current.

A PO message per phrasing: ``msgctxt`` is the phrase id (``id|formal`` and ``id|informal`` where
a language gives an id two register variants), ``msgid`` the English text, ``msgstr`` the
translation, translator comments from the notes, the guide citation as the reference, and the
``fuzzy`` flag on translations whose English text has changed since. Importing writes back into
the TOML files in place: comments, order and formatting stay, and an unedited round trip changes
no byte.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.pofile import read_po, write_po

from . import __version__
from .catalog import PHRASES_FILE
from .errors import PhrasebookError
from .model import PhraseEntry, Register, english_hash
from .rendering import placeholders, template_problem
from .toml_edit import append_entry, remove_key, set_key, toml_value
from .tone import TONE_FILE, LanguageRules
from .validate import read_entries

__all__ = ["ImportResult", "confirm", "export_po", "import_po"]

BOM = "\ufeff"


def _read(path: Path) -> tuple[str, list[tuple[int, PhraseEntry]]]:
    read = read_entries(path)
    read.raise_first_error()
    raw = path.read_bytes().decode("utf-8")
    return raw, read.entries


def _two_registers(folder: Path, entries: list[tuple[int, PhraseEntry]], code: str) -> bool:
    if (folder / TONE_FILE).is_file():
        from .locale_files import read_model
        from .tone_rules import ToneFile

        parsed, _ = read_model(folder / TONE_FILE, ToneFile)
        if parsed.rule:
            return LanguageRules.build(code, parsed.rule).has_registers
    return any(e.register is not Register.NEUTRAL for _, e in entries)


def _contexts(phrase_id: str, variants: dict[Register, PhraseEntry], two: bool) -> list[
        tuple[str, Register | None]]:
    if not two or Register.NEUTRAL in variants:
        return [(phrase_id, None)]
    return [(f"{phrase_id}|{r.value}", r) for r in (Register.FORMAL, Register.INFORMAL)]


def export_po(locales: Path, lang: str) -> bytes:
    """Return a PO file for ``lang`` from the folders under ``locales``."""
    english_path = locales / "en" / PHRASES_FILE
    folder = locales / lang
    if not (folder / PHRASES_FILE).is_file():
        raise PhrasebookError(f"no {PHRASES_FILE} for {lang!r} in {locales}")
    _, english = _read(english_path)
    _, entries = _read(folder / PHRASES_FILE)
    by_id: dict[str, dict[Register, PhraseEntry]] = {}
    for _, entry in entries:
        by_id.setdefault(entry.id, {})[entry.register] = entry
    two = _two_registers(folder, entries, lang)
    now = datetime.now(UTC)
    catalog = PoCatalog(
        locale=Locale.parse(lang),
        project="phrasebook",
        version=__version__,
        copyright_holder="phrasebook contributors",
        msgid_bugs_address="",
        last_translator="phrasebook export",
        language_team=f"{lang} translators of phrasebook",
        creation_date=now,
        revision_date=now,
        fuzzy=False,
    )
    for _, base in english:
        variants = by_id.get(base.id, {})
        for context, register in _contexts(base.id, variants, two):
            variant = variants.get(register or Register.NEUTRAL) or (
                next(iter(variants.values())) if register is None and variants else None
            )
            translated = variant is not None and not variant.todo
            fuzzy = bool(translated and variant and variant.en_hash is not None
                         and variant.en_hash != english_hash(base.text))
            note = (variant.note if variant and variant.note else base.note) or ""
            message = catalog.add(
                base.text,
                variant.text if translated and variant else "",
                # babel writes a location without a line number as the bare reference
                locations=[(base.source, None)],  # type: ignore[list-item]
                user_comments=[note] if note else [],
                flags=["fuzzy"] if fuzzy else [],
                context=context,
            )
            if message is not None:
                message.flags.discard("python-brace-format")  # ICU, not Python str.format
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=False)
    return buffer.getvalue()


@dataclass(frozen=True)
class ImportResult:
    """What an import changed: the file, and how many entries were updated or added."""

    path: Path
    updated: int
    added: int


def _parse_context(context: str | None) -> tuple[str, Register | None]:
    if not context:
        raise PhrasebookError("a PO message has no msgctxt (the phrase id)")
    phrase_id, _, register = context.partition("|")
    if register:
        try:
            return phrase_id, Register(register)
        except ValueError:
            raise PhrasebookError(f"msgctxt {context!r}: unknown register {register!r}") from None
    return phrase_id, None


def import_po(po_path: Path, locales: Path) -> ImportResult:
    """Write the translations of a PO file back into ``locales/<lang>/phrases.toml``.

    Every message is checked first (known id, a template that parses, the English placeholders);
    nothing is written unless all are good.
    """
    try:
        with po_path.open("rb") as handle:
            catalog = read_po(handle)
    except OSError as exc:
        raise PhrasebookError(f"{po_path}: cannot read: {exc.strerror or exc}") from None
    except Exception as exc:  # babel raises plain errors on malformed PO
        raise PhrasebookError(f"{po_path}: not a valid PO file: {exc}") from None
    if catalog.locale is None:
        raise PhrasebookError(f"{po_path}: the PO header names no Language")
    lang = str(catalog.locale)
    path = locales / lang / PHRASES_FILE
    if not path.is_file():
        raise PhrasebookError(f"{path} does not exist; start one with 'phrasebook new-locale'")
    raw, entries = _read(path)
    bom = raw.startswith(BOM)
    text = raw.removeprefix(BOM)
    _, english = _read(locales / "en" / PHRASES_FILE)
    english_by_id = {e.id: e for _, e in english}
    index_of = {(e.id, e.register): i for i, e in entries}
    ids = {e.id: i for i, e in entries}
    edits: list[tuple[int | None, PhraseEntry | None, str, Register | None, bool, PhraseEntry]] = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        phrase_id, register = _parse_context(message.context)
        where = f"{po_path}:{message.lineno}"
        base = english_by_id.get(phrase_id)
        if base is None:
            raise PhrasebookError(f"{where}: id {phrase_id!r} is not in the English base")
        translation = str(message.string)
        problem = template_problem(translation)
        if problem:
            raise PhrasebookError(f"{where}: {problem}")
        if placeholders(translation) != placeholders(base.text):
            raise PhrasebookError(
                f"{where}: placeholders {sorted(placeholders(translation))} differ from English "
                f"{sorted(placeholders(base.text))}"
            )
        index = ids.get(phrase_id) if register is None else index_of.get((phrase_id, register))
        current = next((e for i, e in entries if i == index), None)
        edits.append((index, current, translation, register, message.fuzzy, base))
    updated = added = 0
    for index, current, translation, register, fuzzy, base in edits:
        stamp = None if fuzzy else english_hash(base.text)
        if index is None or current is None:
            fields: dict[str, str | bool | list[str]] = {
                "id": base.id,
                "register": (register or Register.NEUTRAL).value,
                "text": translation,
                "source": base.source,
                "channels": [c.value for c in base.channels],
            }
            if stamp:
                fields["en_hash"] = stamp
            text = append_entry(text, "phrase", fields)
            added += 1
            continue
        before = text
        edited = current.text != translation or current.todo
        if current.text != translation:
            text = set_key(text, "phrase", index, "text", toml_value(translation))
        if current.todo:
            text = remove_key(text, "phrase", index, "todo")
        # A non-fuzzy message is the translator's word that it fits the current English; an
        # untracked entry (no en_hash) starts being tracked only when it is edited.
        if stamp and current.en_hash != stamp and (edited or current.en_hash is not None):
            text = set_key(text, "phrase", index, "en_hash", toml_value(stamp))
        updated += text != before
    if updated or added:
        path.write_bytes(((BOM if bom else "") + text).encode("utf-8"))
    return ImportResult(path, updated, added)


def confirm(locales: Path, lang: str, ids: list[str] | None = None) -> int:
    """Record that translations of ``lang`` match the current English; return how many changed.

    Run it after checking (or updating) translations that ``validate`` reports as outdated.
    ``ids`` limits it to those phrase ids.
    """
    path = locales / lang / PHRASES_FILE
    if not path.is_file():
        raise PhrasebookError(f"{path} does not exist")
    raw, entries = _read(path)
    _, english = _read(locales / "en" / PHRASES_FILE)
    english_text = {e.id: e.text for _, e in english}
    if ids:
        unknown = sorted(set(ids) - {e.id for _, e in entries})
        if unknown:
            raise PhrasebookError(f"{path}: no entries with ids {', '.join(unknown)}")
    bom = raw.startswith(BOM)
    text = raw.removeprefix(BOM)
    changed = 0
    for index, entry in entries:
        if entry.todo or entry.id not in english_text or (ids and entry.id not in ids):
            continue
        stamp = english_hash(english_text[entry.id])
        if entry.en_hash != stamp:
            text = set_key(text, "phrase", index, "en_hash", toml_value(stamp))
            changed += 1
    if changed:
        path.write_bytes(((BOM if bom else "") + text).encode("utf-8"))
    return changed
