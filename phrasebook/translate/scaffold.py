"""``phrasebook new-locale``: a new language folder made from the English base.

The folder gets a ``language.toml`` (status ``draft``), a ``phrases.toml`` with every English
entry still to do (the English text as a stand-in, its note as a comment, the hash of the English
it was made from), and a commented ``tone.toml`` template.
"""

from __future__ import annotations

from pathlib import Path

from babel.localedata import locale_identifiers

from ..catalog.checks import english_entries
from ..catalog.paths import LANGUAGE_FILE, PHRASES_FILE, TONE_FILE, builtin_root
from ..errors import PhrasebookError, UnsupportedLanguageError
from ..languages import language_info, parse_tag, suggest_language
from ..model import Register, english_hash
from .edit import EditableFile
from .po import read_valid

__all__ = ["new_locale"]

PHRASES_HEADER = """\
# {english} ({native}) phrasings for phrasebook, scaffolded from the English base.
#
# Every entry is marked `todo = true` and still holds the English text. Translate it: write
# `text = "…"` for a phrasing that addresses nobody in a marked way, or `formal = "…"` and
# `informal = "…"` (delete `text`) where the language's two address forms differ; then delete
# `todo = true`. `source`, `channels` and `note` come from English unless you set them here.
# Entries still to do are ignored when loading, and `phrasebook coverage` lists them.
# Format: docs/locale-format.md. Review checklist: docs/translating.md.
"""

LANGUAGE_TEMPLATE = """\
# {english} ({native}): the facts about the language that are not phrasings.
# See docs/locale-format.md.

# The address forms the language distinguishes in customer service: ["formal", "informal"]
# (like Sie/du, vy/ty) or ["neutral"] (one form, like English).
registers = {registers}

# draft while the translation is in progress; shipped when it meets the content minimums
# ('phrasebook coverage').
status = "draft"
"""

TONE_TEMPLATE = """\
# Tone rules for {english} ({native}). See docs/tone.md and docs/locale-format.md.
#
# Give the rules refusal, blame, overpromise, dismissive and shouting (and register, if the
# language has formal and informal address), each with `flags` and `passes` examples.
"""


def _language_code(code: str) -> str:
    locale = parse_tag(code)
    if locale is None:
        known = sorted({identifier.split("_")[0] for identifier in locale_identifiers()})
        raise UnsupportedLanguageError(
            "language code", code, ["a CLDR language code such as fr, pl, uk"],
            suggestion=suggest_language(code, known) or "",
        )
    if locale.territory or locale.script:
        raise PhrasebookError(
            f"{code!r} names a regional variant; locale folders are per language: use "
            f"{locale.language!r}"
        )
    return locale.language


def new_locale(code: str, dest: Path | None = None,
               registers: tuple[Register, ...] = (Register.FORMAL, Register.INFORMAL)) -> Path:
    """Scaffold ``dest/<code>/`` from the English base and return the folder.

    The code is checked against CLDR (``cz`` raises with the suggestion ``cs``); an existing
    folder is never overwritten.
    """
    language = _language_code(code)
    root = dest if dest is not None else Path("locales")
    folder = root / language
    if folder.exists():
        raise PhrasebookError(f"{folder} already exists; edit it, or choose another --dest")
    english = english_entries([read_valid(builtin_root() / "en" / PHRASES_FILE)])
    info = language_info(language)
    names = {"english": info.english_name, "native": info.native_name}
    phrases = EditableFile.new(folder / PHRASES_FILE, PHRASES_HEADER.format(**names))
    for entry in english.values():
        comments = [f"English note: {entry.note}"] if entry.note else []
        phrases.append({"id": entry.id, "text": entry.first_text,
                        "en_hash": english_hash(entry.first_text), "todo": True}, comments)
    listed = "[" + ", ".join(f'"{r.value}"' for r in registers) + "]"
    folder.mkdir(parents=True)
    phrases.save()
    (folder / LANGUAGE_FILE).write_text(
        LANGUAGE_TEMPLATE.format(registers=listed, **names), encoding="utf-8")
    (folder / TONE_FILE).write_text(TONE_TEMPLATE.format(**names), encoding="utf-8")
    return folder
