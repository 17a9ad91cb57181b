"""`Phrasebook`, the object apps query, and `load`, which makes (and caches) one.

A `Phrasebook` answers every runtime question over one `Catalog`: which languages, which
phrasings (`phrases`, `phrase`), the tone of a text (`check`), what a customer's message calls
for (`suggest`) and rendering (`render`), with each language's rules compiled once and regional
spellings applied once.
"""

from __future__ import annotations

import hashlib
import os
import threading
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .catalog.facts import LanguageFacts
from .catalog.paths import TONE_FILE, builtin_root, overlay_roots
from .catalog.store import Catalog, LanguagePhrases
from .errors import (
    LocaleDataError,
    PhrasebookError,
    UnknownNameError,
    UnsupportedLanguageError,
)
from .languages import Language, LanguageMatch, language_info, match_language, negotiate
from .model import Channel, Intent, Phrase, Register, coerce

if TYPE_CHECKING:
    from .assist.result import Suggestion
    from .tone.engine import LanguageRules
    from .tone.report import SuggestedPhrase, ToneReport

__all__ = ["MAX_SUGGESTIONS", "LanguageNotice", "Phrasebook", "load"]

MAX_SUGGESTIONS = 3
"""At most this many phrasings are suggested for one finding."""


class LanguageNotice(UserWarning):
    """Warned when a tag is answered by a close language rather than its own (``nn`` -> nb)."""


class Phrasebook:
    """The phrasings of every shipped language, plus any overlays, ready to query.

    Make one with `load`. Languages are parsed when first asked for; the object is immutable
    once made and safe to share between threads.

    >>> book = load()
    >>> book.phrases("thank", "en")[0].id
    'thank.information'
    """

    def __init__(self, catalog: Catalog) -> None:
        self._catalog = catalog
        self._variants: dict[tuple[str, str], LanguagePhrases] = {}
        self._tone: dict[str, LanguageRules] = {}
        self._turns: dict[tuple[str, str, str, str], int] = {}
        self._suggested: dict[tuple[str, str, str, Register, Channel | None],
                              tuple[SuggestedPhrase, ...]] = {}
        self._lock = threading.Lock()

    @property
    def catalog(self) -> Catalog:
        """The locale folders behind this phrasebook."""
        return self._catalog

    def languages(self) -> list[Language]:
        """Return the shipped languages with their native and English names (from CLDR).

        >>> next(lang for lang in load().languages() if lang.code == "de")
        Language(code='de', native_name='Deutsch', english_name='German')
        """
        return [language_info(code) for code in self._catalog.codes]

    def intents(self) -> list[Intent]:
        """Return every intent, in conversation order.

        >>> load().intents()[0]
        <Intent.ACKNOWLEDGE: 'acknowledge'>
        """
        return list(Intent)

    def resolve_language(self, lang: str) -> LanguageMatch:
        """Return the shipped language ``lang`` names (``de-AT`` -> ``de``, ``no`` -> ``nb``).

        Raises `UnsupportedLanguageError` naming the shipped languages when none fits.
        """
        return match_language(str(lang), self._catalog.codes)

    def negotiate(self, accept_language: str, default: str = "en") -> str:
        """Return the best shipped language for an HTTP Accept-Language header.

        q-values are honoured and ``q=0`` refuses a language; a named language beats a close
        one (``sk`` -> cs) and ``*``; ``*`` and a header that matches nothing give ``default``
        (unless refused); malformed parts are ignored (see `phrasebook.languages.negotiate`).
        The header never makes it raise; a ``default`` that is not shipped raises
        `UnsupportedLanguageError`.

        >>> load().negotiate("fr-CH, fr;q=0.9, no;q=0.8, en;q=0.5")
        'nb'
        >>> load().negotiate("*, de")
        'de'
        """
        return negotiate(accept_language, self._catalog.codes, default)

    def language_phrases(self, lang: str) -> LanguagePhrases:
        """Return every phrasing of a language (parsing it on first use).

        A tag with a region that spells the language differently (``de-CH``) gets the
        phrasings in that spelling, with ``lang`` set to the tag (``de-CH``).
        """
        match = self.resolve_language(lang)
        if match.notice:
            warnings.warn(match.notice, LanguageNotice, stacklevel=3)
        data = self._catalog.language(match.code)
        if match.territory is None:
            return data
        return self._variant(data, match.territory)

    def facts(self, lang: str) -> LanguageFacts:
        """Return what the language's ``language.toml`` says: registers, status, regions.

        >>> load().facts("de").registers
        (<Register.FORMAL: 'formal'>, <Register.INFORMAL: 'informal'>)
        """
        return self._catalog.facts(self.resolve_language(lang).code)

    def _variant(self, data: LanguagePhrases, territory: str) -> LanguagePhrases:
        variant = self._catalog.facts(data.code).regions.get(territory)
        if variant is None:
            return data
        key = (data.code, territory)
        with self._lock:
            cached = self._variants.get(key)
            if cached is None:
                tag = f"{data.code}-{territory}"
                from .icu import respell  # the template's text only, never its syntax

                changed = [
                    phrase.model_copy(update={"text": respell(phrase.text, variant.apply),
                                              "lang": tag})
                    for phrase in data.phrases
                ]
                cached = LanguagePhrases.build(tag, changed)
                self._variants[key] = cached
            return cached

    def gloss(self, phrase: Phrase, lang: str) -> Phrase | None:
        """Return the same phrasing (same id) in ``lang``, for an agent's understanding.

        The same register is preferred, then neutral, then any; None when ``lang`` lacks the id.

        >>> book = load()
        >>> tr = book.phrases("thank", "tr", register="formal")[0]
        >>> book.gloss(tr, "en").id == tr.id
        True
        """
        candidates = [p for p in self.language_phrases(lang).by_intent[phrase.intent]
                      if p.id == phrase.id]
        for wanted in (phrase.register, Register.NEUTRAL):
            for candidate in candidates:
                if candidate.register is wanted:
                    return candidate
        return candidates[0] if candidates else None

    def phrases(
        self,
        intent: Intent | str,
        lang: str,
        *,
        register: Register | str | None = None,
        channel: Channel | str | None = None,
        fallback: str | None = None,
    ) -> list[Phrase]:
        """Return the phrasings of ``intent`` in ``lang``, in catalogue order.

        ``register`` keeps phrasings in that register plus neutral ones (a neutral phrasing fits
        any register); None keeps all. ``channel`` keeps phrasings tagged for that channel.
        ``fallback`` names a language to answer in when ``lang`` is not shipped; each phrase
        keeps its real ``lang``.

        >>> book = load()
        >>> sorted({p.register.value for p in book.phrases("empathize", "de", register="formal")})
        ['formal', 'neutral']
        """
        wanted = coerce(Intent, intent, "intent")
        reg = coerce(Register, register, "register") if register is not None else None
        chan = coerce(Channel, channel, "channel") if channel is not None else None
        try:
            data = self.language_phrases(lang)
        except UnsupportedLanguageError:
            if fallback is None:
                raise
            data = self.language_phrases(fallback)
        candidates = data.by_intent[wanted]
        found = [
            p
            for p in candidates
            if (reg is None or p.register is reg or p.register is Register.NEUTRAL)
            and (chan is None or chan in p.channels)
        ]
        if not found and candidates and reg is not None:
            registers = sorted({p.register.value for p in candidates})
            if not any(p.register is reg or p.register is Register.NEUTRAL for p in candidates):
                raise PhrasebookError(
                    f"{data.code} has no {reg.value} phrasings for {wanted.value} "
                    f"(it has: {', '.join(registers)})"
                )
        return found


    def phrase(self, phrase_id: str, lang: str, *, register: Register | str | None = None
               ) -> Phrase:
        """Return one phrasing by its id, in ``lang`` and ``register``.

        ``register`` None means the language's default (formal where it has T-V address); a
        neutral phrasing answers any register. An unknown id raises `UnknownNameError` naming
        the closest ids.

        >>> load().phrase("thank.patience", "de", register="informal").text
        'Vielen Dank für deine Geduld.'
        """
        data = self.language_phrases(lang)
        found = data.by_id.get(phrase_id)
        if not found:
            raise UnknownNameError.unknown_id(phrase_id, data.code, data.by_id)
        wanted = (coerce(Register, register, "register") if register is not None
                  else self._catalog.facts(self.resolve_language(lang).code).default_register)
        for candidate in (wanted, Register.NEUTRAL):
            for phrase in found:
                if phrase.register is candidate:
                    return phrase
        registers = ", ".join(p.register.value for p in found)
        raise PhrasebookError(f"{phrase_id!r} in {data.code} has no {wanted.value} text "
                              f"(it has: {registers})")

    def pick(
        self,
        intent: Intent | str,
        lang: str,
        *,
        register: Register | str | None = None,
        channel: Channel | str | None = None,
        seed: str | int | None = None,
    ) -> Phrase:
        """Pick one phrasing for a situation: the same one for the same ``seed``, else the next.

        With a ``seed`` (a conversation id, say) the choice is deterministic, so a conversation
        does not repeat itself differently on every call; without one, successive calls rotate
        through the candidates. Raises `PhrasebookError` when nothing matches.

        >>> book = load()
        >>> book.pick("thank", "en", seed="ticket-42") == book.pick("thank", "en", seed="ticket-42")
        True
        """
        found = self.phrases(intent, lang, register=register, channel=channel)
        if not found:
            raise PhrasebookError(f"no {coerce(Intent, intent, 'intent').value} phrasing in "
                                  f"{lang} for register {register} and channel {channel}")
        if seed is not None:
            digest = hashlib.sha256(str(seed).encode("utf-8")).digest()
            return found[int.from_bytes(digest[:8], "big") % len(found)]
        key = (str(intent), str(lang), str(register), str(channel))
        with self._lock:
            turn = self._turns.get(key, 0)
            self._turns[key] = turn + 1
        return found[turn % len(found)]

    def tone_rules(self, lang: str) -> LanguageRules:
        """Return the compiled tone rules of ``lang`` (read and compiled once)."""
        rules = self._tone.get(lang)  # by the tag as given: no tag parsing per call
        if rules is not None:
            return rules
        from .tone.engine import LanguageRules

        code = self.resolve_language(lang).code
        rules = self._tone.get(code)
        if rules is not None:
            with self._lock:
                self._tone[lang] = rules
            return rules
        entries = self._catalog.rules(code, TONE_FILE)
        if not entries.rule:
            raise LocaleDataError(f"no tone rules for {code!r}: add {code}/{TONE_FILE}")
        rules = LanguageRules.build(code, entries, self._catalog.facts(code).default_register)
        with self._lock:
            rules = self._tone.setdefault(code, rules)
            self._tone[lang] = rules
            return rules

    def check(self, text: str, lang: str, *, register: Register | str | None = None,
              channel: Channel | str | None = None) -> ToneReport:
        """Check ``text`` against the tone rules of ``lang``.

        ``register`` is the address form the text should use; None means the language's
        default (formal where the language has T-V address). Offsets in the findings index
        ``text`` itself, whatever normalization happened inside. Each finding's
        ``suggestions`` are phrasings of its hint intent in ``lang``, the report's register
        and ``channel`` (any channel when None), best first: at most `MAX_SUGGESTIONS`.

        >>> report = load().check("Kannst du mir die Nummer geben?", "de", register="formal")
        >>> {f.rule for f in report.findings}
        {'register'}
        >>> report = load().check("That is impossible.", "en")
        >>> report.findings[0].suggestions[0].id
        'apologize.inconvenience'
        """
        if not isinstance(text, str):
            raise PhrasebookError(f"text must be a string, not {type(text).__name__}")
        reg = coerce(Register, register, "register") if register is not None else None
        chan = coerce(Channel, channel, "channel") if channel is not None else None
        suggestions = self._suggestions
        return self.tone_rules(lang).check(
            text, reg, suggest=lambda hint, rule, requested: suggestions(hint, rule, lang,
                                                                          requested, chan))

    def _suggestions(self, hint: str, rule: str, lang: str, register: Register,
                     channel: Channel | None) -> tuple[SuggestedPhrase, ...]:
        """The phrasings offered for a ``rule`` finding whose hint is ``hint``, best first.

        A phrasing that waives ``rule`` (``allow``) is never offered: it would be flagged in
        turn. Best is: in the requested register before neutral ones; general before those
        about one situation (a situation is one the catalogue has a ``paraphrase.<situation>``
        for, such as ``late-delivery``, or one the agent-assist playbook answers with an
        apology of its own, such as ``repeat-contact``: ``apologize.late-delivery`` fits only
        that case); ready to send (no placeholders) before templates; then catalogue order.
        Cached per hint, rule, language, register and channel.
        """
        from .assist import store
        from .tone.report import SuggestedPhrase

        key = (hint, rule, lang, register, channel)
        found = self._suggested.get(key)
        if found is not None:
            return found
        # Filtered here rather than by `phrases(register=…)`, which refuses a register the
        # language has no phrasings of: a text checked as neutral may just get no suggestions.
        phrases = [p for p in self.phrases(hint, lang, channel=channel)
                   if p.register in (register, Register.NEUTRAL) and rule not in p.allow]
        situations = {p.id.partition(".")[2] for p in self.phrases(Intent.PARAPHRASE, lang)}
        situations.discard("make-sure")
        situations.update(phrase.partition(".")[2]
                          for steps in store.playbook(self.catalog).steps.values()
                          for step in steps if step.intent is Intent.APOLOGIZE
                          for phrase in step.phrases)
        ranked = sorted(phrases, key=lambda p: (p.register is not register,
                                                p.id.partition(".")[2] in situations,
                                                "{" in p.text))
        found = tuple(SuggestedPhrase(p.id, p.text, p.register)
                      for p in ranked[:MAX_SUGGESTIONS])
        with self._lock:
            self._suggested[key] = found
        return found

    def check_phrase(self, phrase: Phrase) -> ToneReport:
        """Check a phrasing in its own register, leaving out the rules it waives."""
        return self.tone_rules(phrase.lang).check(phrase.text, phrase.register,
                                                  frozenset(phrase.allow))

    def suggest(self, message: str, lang: str, *, register: Register | str | None = None,
                channel: Channel | str | None = None) -> Suggestion:
        """Read a customer's message: its signals, the customer's address form, next steps.

        ``register`` is the agent's (the phrasings'), None meaning the language's default
        (formal where it has T-V address); ``channel`` keeps phrasings that fit it. Signal
        offsets index ``message`` itself. See `phrasebook.assist` and ``docs/suggest.md``.

        >>> s = load().suggest("Ich will sofort Ihren Vorgesetzten sprechen!", "de")
        >>> s.ids, s.address.value, [step.intent.value for step in s.steps]
        (('manager',), 'formal', ['hand-off'])
        """
        if not isinstance(message, str):
            raise PhrasebookError(f"message must be a string, not {type(message).__name__}")
        from .assist import plan, store

        reg = coerce(Register, register, "register") if register is not None else None
        chan = coerce(Channel, channel, "channel") if channel is not None else None
        code = self.resolve_language(lang).code
        rules = store.signal_rules(self._catalog, code)
        return plan.suggest(message, rules, store.playbook(self._catalog),
                            self.language_phrases(lang),
                            reg or self._catalog.facts(code).default_register, chan)

    def render(self, template: str, lang: str, /, **values: Any) -> str:
        """Render an ICU MessageFormat ``template`` in ``lang`` (see `phrasebook.render`).

        A regional spelling (``de-CH``: ß -> ss) is applied to the template's text, never to
        its argument names, keys and styles, nor to the values.

        >>> load().render("Grüße, {name}", "de-CH", name="Strauß")
        'Grüsse, Strauß'
        """
        from .icu import render, respell

        try:
            match = self.resolve_language(lang)
        except UnsupportedLanguageError:
            match = None  # any CLDR language renders; only shipped ones have regional data
        if match is not None and match.territory is not None:
            variant = self._catalog.facts(match.code).regions.get(match.territory)
            if variant is not None:
                template = respell(template, variant.apply)
        return render(template, lang, **values)


_cache: dict[tuple[str, ...], Phrasebook] = {}
_cache_lock = threading.Lock()


def load(paths: Iterable[str | os.PathLike[str]] | None = None) -> Phrasebook:
    """Return the phrasebook of the built-in locales plus overlay folders.

    ``paths`` lists overlay folders (each a folder of ``<code>/phrases.toml`` folders, or one
    language folder); None reads them from ``PHRASEBOOK_PATH`` (separated by ``os.pathsep``).
    Overlays are validated at once: a broken one raises `LocaleDataError` with ``path:line``.
    The result is cached per set of paths, so repeated calls are cheap.

    >>> load() is load()
    True
    """
    overlays = overlay_roots(paths)
    key = tuple(os.path.abspath(p) for p in overlays)  # no stat: a bad path fails below
    with _cache_lock:
        book = _cache.get(key)
        if book is None:
            book = Phrasebook(Catalog(builtin_root(), overlays))
            _cache[key] = book
        return book
