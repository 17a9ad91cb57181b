"""gettext interop: ``export`` (a language as a PO file) and ``import-po`` (back into TOML).

A PO message per text: ``msgctxt`` is the phrase id (``id|formal`` and ``id|informal`` for the
two texts of a language with T-V address), ``msgid`` the English text, ``msgstr`` the
translation, the English note as a translator comment, the guide citation as the reference, and
the ``fuzzy`` flag on translations whose English text has changed since. Importing writes back
into the TOML file in place (tomlkit): comments, order and formatting stay, and an unedited round
trip changes no byte.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.pofile import PoFileError, read_po, write_po

from .. import __version__
from ..catalog.checks import english_entries
from ..catalog.facts import LanguageFacts, merge_facts
from ..catalog.paths import LANGUAGE_FILE, PHRASES_FILE
from ..catalog.reader import LocatedEntry, PhrasesRead, read_document, read_phrases
from ..catalog.schema import LanguageFile, PhraseEntry
from ..errors import PhrasebookError
from ..icu import placeholders, template_problem
from ..languages import language_info
from ..model import Register, english_hash
from .edit import EditableFile

__all__ = ["ImportResult", "export_po", "import_po", "language_facts", "read_valid"]

TEXT_KEY = {Register.NEUTRAL: "text", Register.FORMAL: "formal", Register.INFORMAL: "informal"}
CONFLICTING = {"text": ("formal", "informal"), "formal": ("text",), "informal": ("text",)}


def read_valid(path: Path) -> PhrasesRead:
    """Read a phrases file that the tools are about to use; raise if it has errors."""
    if not path.is_file():
        raise PhrasebookError(f"{path} does not exist; start one with 'phrasebook new-locale'")
    read = read_phrases(path)
    read.raise_for_errors()
    return read


def language_facts(locales: Path, lang: str) -> LanguageFacts:
    """The facts of ``lang`` from ``locales/<lang>/language.toml`` (the built-in one else)."""
    from ..catalog.paths import builtin_root

    files: list[tuple[Path, LanguageFile]] = []
    for folder in (builtin_root() / lang, locales / lang):
        path = folder / LANGUAGE_FILE
        if path.is_file() and all(p.resolve() != path.resolve() for p, _ in files):
            read = read_document(path, LanguageFile)
            read.raise_for_errors()
            assert read.model is not None
            if read.model.registers is not None:
                files = [(path, read.model)]
            else:
                files.append((path, read.model))
    return merge_facts(lang, files, locales / lang)


def _contexts(entry: PhraseEntry | None, phrase_id: str, facts: LanguageFacts
              ) -> list[tuple[str, Register]]:
    neutral = entry is not None and not entry.todo and entry.text is not None
    if not facts.two_registers or neutral:
        return [(phrase_id, Register.NEUTRAL)]
    return [(f"{phrase_id}|{r.value}", r) for r in (Register.FORMAL, Register.INFORMAL)]


def export_po(locales: Path, lang: str) -> bytes:
    """Return a PO file for ``lang`` from the folders under ``locales``."""
    english = read_valid(locales / "en" / PHRASES_FILE)
    entries = {located.entry.id: located.entry for located in
               read_valid(locales / lang / PHRASES_FILE)}
    facts = language_facts(locales, lang)
    now = datetime.now(UTC)
    name = language_info(lang).english_name
    catalog = PoCatalog(
        locale=Locale.parse(lang),
        project="phrasebook",
        version=__version__,
        copyright_holder="phrasebook contributors",
        msgid_bugs_address="",
        last_translator="phrasebook contributors",
        language_team=f"{name} translators of phrasebook",
        creation_date=now,
        revision_date=now,
        fuzzy=False,
        header_comment=(
            f"# {name} phrasings of phrasebook, exported from {lang}/{PHRASES_FILE}.\n"
            "# Translate msgstr; clear 'fuzzy' once a translation fits the current English.\n"
            f"# Import with: phrasebook import-po {lang}.po"
        ),
    )
    catalog.msgid_bugs_address = ""  # babel fills in "EMAIL@ADDRESS" for an empty argument
    for located in english:
        base = located.entry
        entry = entries.get(base.id)
        texts = entry.texts() if entry is not None and not entry.todo else {}
        for context, register in _contexts(entry, base.id, facts):
            translation = texts.get(register, "")
            fuzzy = bool(translation and entry is not None and entry.en_hash is not None
                         and entry.en_hash != english_hash(base.first_text))
            note = (entry.note if entry is not None and entry.note else base.note) or ""
            message = catalog.add(
                base.first_text,
                translation,
                # babel writes a location without a line number as the bare reference
                locations=[((entry.source if entry and entry.source else base.source) or "",
                            None)],  # type: ignore[list-item]
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


@dataclass(frozen=True)
class _Edit:
    phrase_id: str
    register: Register
    text: str
    fuzzy: bool
    base: PhraseEntry


def _parse_context(context: str | None, where: str) -> tuple[str, Register]:
    if not context:
        raise PhrasebookError(f"{where}: a PO message has no msgctxt (the phrase id)")
    phrase_id, _, register = context.partition("|")
    if not register:
        return phrase_id, Register.NEUTRAL
    if register not in (Register.FORMAL.value, Register.INFORMAL.value):
        raise PhrasebookError(f"{where}: msgctxt {context!r}: unknown register {register!r}")
    return phrase_id, Register(register)


def _read_po(po_path: Path) -> PoCatalog:
    try:
        with po_path.open("rb") as handle:
            return read_po(handle, abort_invalid=True)
    except OSError as exc:
        raise PhrasebookError(f"{po_path}: cannot read: {exc.strerror or exc}") from None
    except PoFileError as exc:
        raise PhrasebookError(f"{po_path}: not a valid PO file: {exc}") from None
    except Exception as exc:  # babel raises plain errors on some malformed input
        raise PhrasebookError(f"{po_path}: not a valid PO file: {exc}") from None


def _edits(catalog: PoCatalog, po_path: Path, english: dict[str, PhraseEntry]) -> list[_Edit]:
    """Every translated message of the PO file, checked; raises on the first bad one."""
    edits = []
    for message in catalog:
        if not message.id or not message.string:
            continue
        where = f"{po_path}:{message.lineno}"
        phrase_id, register = _parse_context(message.context, where)
        base = english.get(phrase_id)
        if base is None:
            raise PhrasebookError(f"{where}: id {phrase_id!r} is not in the English base")
        translation = str(message.string)
        problem = template_problem(translation)
        if problem:
            raise PhrasebookError(f"{where}: {problem}")
        ours, theirs = placeholders(translation), placeholders(base.first_text)
        if ours != theirs:
            raise PhrasebookError(
                f"{where}: placeholders {sorted(ours)} differ from English {sorted(theirs)}"
            )
        edits.append(_Edit(phrase_id, register, translation, bool(message.fuzzy), base))
    return edits


def import_po(po_path: Path, locales: Path) -> ImportResult:
    """Write the translations of a PO file back into ``locales/<lang>/phrases.toml``.

    Every message is checked first (known id, a template that parses, the English placeholders);
    nothing is written unless all are good.
    """
    catalog = _read_po(po_path)
    if catalog.locale is None:
        raise PhrasebookError(f"{po_path}: the PO header names no Language")
    lang = str(catalog.locale)
    path = locales / lang / PHRASES_FILE
    read = read_valid(path)
    english = english_entries([read_valid(locales / "en" / PHRASES_FILE)])
    edits = _edits(catalog, po_path, english)
    located_by_id: dict[str, LocatedEntry] = {located.entry.id: located for located in read}
    file = EditableFile.open(path)
    updated: set[str] = set()
    added: dict[str, dict[str, str | bool | list[str]]] = {}
    for edit in edits:
        stamp = None if edit.fuzzy else english_hash(edit.base.first_text)
        key = TEXT_KEY[edit.register]
        located = located_by_id.get(edit.phrase_id)
        if located is None:
            fields = added.setdefault(edit.phrase_id, {"id": edit.phrase_id})
            fields[key] = edit.text
            if stamp:
                fields["en_hash"] = stamp
            continue
        entry, index = located.entry, located.index
        changed = file.set(index, key, edit.text)
        for other in CONFLICTING[key]:  # e.g. the scaffold's English stand-in in text
            changed |= file.remove(index, other)
        if entry.todo:
            changed |= file.remove(index, "todo")
        # A non-fuzzy message is the translator's word that it fits the current English; an
        # untracked entry (no en_hash) starts being tracked only when it is edited.
        if stamp and entry.en_hash != stamp and (changed or entry.en_hash is not None):
            changed |= file.set(index, "en_hash", stamp)
        if changed:
            updated.add(edit.phrase_id)
    for fields in added.values():
        en_hash = fields.pop("en_hash", None)
        if en_hash is not None:
            fields["en_hash"] = en_hash
        file.append(fields)
    if updated or added:
        file.save()
    return ImportResult(path, len(updated), len(added))
