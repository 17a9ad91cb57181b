"""``new-locale``: a new language folder made from the English base, every entry to do."""

from __future__ import annotations

from pathlib import Path

from babel.localedata import locale_identifiers

from .catalog import PHRASES_FILE, builtin_root
from .errors import PhrasebookError, UnsupportedLanguageError
from .languages import language_info, parse_tag, suggest_language
from .model import english_hash
from .toml_edit import append_entry
from .tone import TONE_FILE
from .validate import read_entries

__all__ = ["new_locale"]

PHRASES_HEADER = """\
# {english} ({native}) phrasings for phrasebook, scaffolded from the English base.
#
# Every entry is marked `todo = true` and still holds the English text. Translate `text`, set
# `register` (formal / informal / neutral; a language with formal and informal address gives
# each id both variants: copy the entry), adapt `note` if useful, then delete `todo = true`.
# Entries still to do are ignored when loading, and `phrasebook coverage` lists them.
# Format: docs/locale-format.md. Review checklist: docs/translating.md.
"""

TONE_TEMPLATE = """\
# Tone rules for {english} ({native}). See docs/tone.md and docs/locale-format.md.
#
# Give the rules refusal, blame, overpromise, dismissive and shouting (and register, if the
# language has formal and informal address), each with `flags` and `passes` examples, e.g.:
#
# [[rule]]
# rule = "refusal"
# severity = "error"
# message = "A flat refusal shuts the conversation down; say what you can do instead."
# hint = "apologize"
# source = "tr-angry-customers#2.5"
# patterns = ['…']
# flags = ["…"]
# passes = ["…"]
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


def new_locale(code: str, dest: Path | None = None) -> Path:
    """Scaffold ``dest/<code>/`` from the English base and return the folder.

    The code is checked against CLDR (``cz`` raises with the suggestion ``cs``); an existing
    folder is never overwritten.
    """
    language = _language_code(code)
    root = dest if dest is not None else Path("locales")
    folder = root / language
    if folder.exists():
        raise PhrasebookError(f"{folder} already exists; edit it, or choose another --dest")
    english = read_entries(builtin_root() / "en" / PHRASES_FILE)
    info = language_info(language)
    text = PHRASES_HEADER.format(english=info.english_name, native=info.native_name)
    for _, entry in english.entries:
        fields: dict[str, str | bool | list[str]] = {
            "id": entry.id,
            "register": "neutral",
            "text": entry.text,
            "source": entry.source,
            "channels": [c.value for c in entry.channels],
        }
        if entry.note:
            fields["note"] = entry.note
        if entry.allow:
            fields["allow"] = list(entry.allow)
            fields["reason"] = entry.reason or ""
        fields["en_hash"] = english_hash(entry.text)
        fields["todo"] = True
        text = append_entry(text, "phrase", fields)
    folder.mkdir(parents=True)
    (folder / PHRASES_FILE).write_text(text, encoding="utf-8")
    (folder / TONE_FILE).write_text(
        TONE_TEMPLATE.format(english=info.english_name, native=info.native_name), encoding="utf-8"
    )
    return folder
