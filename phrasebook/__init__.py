"""phrasebook: the right words for a tense customer conversation, in six languages.

>>> import phrasebook
>>> book = phrasebook.load()
>>> book.phrases("empathize", "de", register="formal")[0].lang
'de'

The tone engine, agent assist and the renderer are imported only when first used, so
``import phrasebook`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .book import LanguageNotice, Phrasebook, load
from .errors import (
    LocaleDataError,
    PhrasebookError,
    Problem,
    RenderError,
    Severity,
    UnknownNameError,
    UnsupportedLanguageError,
)
from .languages import Language
from .model import Channel, Intent, Phrase, Register

if TYPE_CHECKING:
    from .assist.result import Signal, Step, Suggestion
    from .tone.report import ToneFinding, ToneReport

__all__ = [
    "Channel",
    "Intent",
    "Language",
    "LanguageNotice",
    "LocaleDataError",
    "Phrase",
    "Phrasebook",
    "PhrasebookError",
    "Problem",
    "Register",
    "RenderError",
    "Severity",
    "Signal",
    "Step",
    "Suggestion",
    "ToneFinding",
    "ToneReport",
    "UnknownNameError",
    "UnsupportedLanguageError",
    "__version__",
    "check",
    "load",
    "render",
    "suggest",
]

__version__ = "0.2.0"


def check(text: str, lang: str, *, register: Register | str | None = None,
          channel: Channel | str | None = None) -> ToneReport:
    """Check ``text`` against the tone rules of ``lang``; see `Phrasebook.check`.

    >>> [f.rule for f in check("That is impossible.", "en").findings]
    ['refusal']
    """
    return load().check(text, lang, register=register, channel=channel)


def suggest(message: str, lang: str, *, register: Register | str | None = None,
            channel: Channel | str | None = None) -> Suggestion:
    """Read a customer's message: signals, address form, next steps; see `Phrasebook.suggest`.

    >>> s = suggest("This is the third time I'm calling. Get me your manager.", "en")
    >>> s.ids, [step.intent.value for step in s.steps]
    (('repeat', 'manager'), ['apologize', 'hand-off'])
    """
    return load().suggest(message, lang, register=register, channel=channel)


def render(template: str, lang: str, /, **values: Any) -> str:
    """Render an ICU MessageFormat template in ``lang``; see `phrasebook.icu.render`.

    >>> render("{n, plural, one {# Minute} other {# Minuten}}", "de", n=1500)
    '1.500 Minuten'
    """
    return load().render(template, lang, **values)


def __getattr__(name: str) -> Any:
    """Import the report types on first use (``from phrasebook import ToneReport``)."""
    if name in ("ToneFinding", "ToneReport"):
        from .tone import report

        return getattr(report, name)
    if name in ("Signal", "Step", "Suggestion"):
        from .assist import result

        return getattr(result, name)
    raise AttributeError(f"module 'phrasebook' has no attribute {name!r}")
