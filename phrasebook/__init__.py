"""phrasebook: the right words for a tense customer conversation, in six languages.

>>> import phrasebook
>>> book = phrasebook.load()
>>> book.phrases("empathize", "de", register="formal")[0].lang
'de'

The tone checker and the renderer are imported only when first used, so ``import phrasebook``
stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .book import LanguageNotice, Phrasebook, load
from .errors import (
    LocaleDataError,
    PhrasebookError,
    RenderError,
    UnknownNameError,
    UnsupportedLanguageError,
)
from .languages import Language
from .model import Channel, Intent, Phrase, Register

if TYPE_CHECKING:
    from .tone import ToneReport

__all__ = [
    "Channel",
    "Intent",
    "Language",
    "LanguageNotice",
    "LocaleDataError",
    "Phrase",
    "Phrasebook",
    "PhrasebookError",
    "Register",
    "RenderError",
    "UnknownNameError",
    "UnsupportedLanguageError",
    "__version__",
    "check",
    "load",
    "render",
]

__version__ = "0.1.0"


def check(text: str, lang: str, *, register: Register | str | None = None) -> ToneReport:
    """Check ``text`` against the tone rules of ``lang``; see `phrasebook.tone.check`.

    >>> [f.rule for f in check("That is impossible.", "en").findings]
    ['refusal']
    """
    from .tone import check as check_tone

    return check_tone(text, lang, register=register)


def render(template: str, lang: str, /, **values: Any) -> str:
    """Render an ICU MessageFormat template; see `phrasebook.rendering.render`.

    >>> render("{n, plural, one {# Minute} other {# Minuten}}", "de", n=1500)
    '1.500 Minuten'
    """
    from .rendering import render as render_template

    return render_template(template, lang, **values)
