"""Planning: from the signals of a message to ordered steps with phrasings, and `suggest`.

The signals found select the playbook's steps. Steps of one intent are merged into one (an
apology for a late delivery and for the repeated contact is one apology step offering both),
and the steps are taken in the playbook's ``order``. Each step offers the phrasings its
signals prefer, most urgent signal first, that exist in the language, register and channel;
when none does, the intent's first phrasings that fit.
"""

from __future__ import annotations

from collections.abc import Collection

from ..catalog.store import LanguagePhrases
from ..model import Channel, Intent, Phrase, Register
from .detect import SignalRules
from .playbook import Playbook
from .result import Step, Suggestion

__all__ = ["plan", "suggest"]


def _fits(phrase: Phrase, register: Register, channel: Channel | None) -> bool:
    return ((phrase.register is register or phrase.register is Register.NEUTRAL)
            and (channel is None or channel in phrase.channels))


def _phrase(phrases: LanguagePhrases, phrase_id: str, register: Register,
            channel: Channel | None) -> Phrase | None:
    """The phrasing ``phrase_id`` in ``register`` (else neutral) for ``channel``, or None."""
    candidates = [p for p in phrases.by_id.get(phrase_id, ()) if _fits(p, register, channel)]
    for wanted in (register, Register.NEUTRAL):
        for phrase in candidates:
            if phrase.register is wanted:
                return phrase
    return None


def plan(signal_ids: Collection[str], playbook: Playbook, phrases: LanguagePhrases,
         register: Register, channel: Channel | None = None) -> tuple[Step, ...]:
    """The steps ``signal_ids`` call for, in the playbook's order, with their phrasings."""
    by_intent: dict[Intent, list[tuple[str, int]]] = {}
    for signal in playbook.signals:  # most urgent first
        if signal not in signal_ids:
            continue
        for index, entry in enumerate(playbook.steps.get(signal, ())):
            by_intent.setdefault(entry.intent, []).append((signal, index))
    steps = []
    for intent in playbook.order:
        entries = [playbook.steps[signal][index] for signal, index in by_intent.get(intent, ())]
        if not entries:
            continue
        chosen: dict[str, Phrase] = {}
        for entry in entries:
            for phrase_id in entry.phrases:
                found = _phrase(phrases, phrase_id, register, channel)
                if found is not None:
                    chosen.setdefault(phrase_id, found)
        offered = list(chosen.values())
        if not offered:
            offered = [p for p in phrases.by_intent[intent] if _fits(p, register, channel)]
        steps.append(Step(
            intent=intent,
            phrases=tuple(offered[: playbook.max_phrases]),
            signals=tuple(dict.fromkeys(e.signal for e in entries)),
            sources=tuple(dict.fromkeys(s for e in entries for s in e.sources)),
            notes=tuple(dict.fromkeys(e.note for e in entries if e.note)),
        ))
    return tuple(steps)


def suggest(text: str, rules: SignalRules, playbook: Playbook, phrases: LanguagePhrases,
            register: Register, channel: Channel | None = None) -> Suggestion:
    """The signals of ``text``, the customer's address form, and the steps that answer them."""
    signals = rules.detect(text)
    found = {s.id for s in signals}
    return Suggestion(
        lang=rules.code,
        register=register,
        channel=channel,
        address=rules.address_form(text),
        signals=signals,
        steps=plan(found, playbook, phrases, register, channel),
        text=text,
    )
