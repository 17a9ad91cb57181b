"""`SignalRules`: a language's signal rules and its address-form rules, compiled once.

One matcher, two rule sets: the signal rules (``signals.toml``) are rule files like the tone
rules and run on the tone engine (`phrasebook.tone.engine.LanguageRules`), with its tokens,
word classes, clauses, quotations and reported speech, so a finding's ``rule`` is a signal id.
The customer's address form comes from the language's tone ``register`` rules run over the
message: they mark the formal and the informal forms of address. A ``signals.toml`` may add
``register`` rules of its own for what customers write and agents do not ("Sehr geehrte
Damen und Herren", "ihr habt").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from ..catalog.facts import LanguageFacts
from ..errors import LocaleDataError, did_you_mean
from ..model import Register
from ..tone.engine import LanguageRules
from ..tone.schema import RuleFile
from .result import Signal

__all__ = ["SignalRules", "without_false_stops"]

# A full stop that ends no sentence: after a day of the month ("am 3. Mai", "3. května", "2.
# februar") or an abbreviation before a number or a word ("č. 48213", "Nr. 5", "Bestell-Nr. 7").
_FALSE_STOP = re.compile(
    r"(?:(?<![\w.])\d{1,2}|\b(?:č|čís|nr|no|tel|str|resp|tj|např|bzw|ca|vs|dr|mgr|ing|bc|prof|"
    r"ul|sk|kč|zb|gsm|obj|rg|ref|inv|vgl|evt|ggf|usw|etc|ord|bestell-nr))(\.)(?=[ \t]+\w)",
    re.IGNORECASE,
)


def without_false_stops(text: str) -> str:
    """``text`` with full stops that end no sentence turned into spaces (same offsets).

    Messages are full of dates and order numbers, and a stop after one would end the sentence
    for the matcher ("Objednávka ze 3. května mi nepřišla" is one sentence).

    >>> without_false_stops("Bestellung Nr. 48213 vom 3. Mai. Danke.")
    'Bestellung Nr  48213 vom 3  Mai. Danke.'
    """
    if "." not in text:
        return text
    return _FALSE_STOP.sub(lambda m: m.group()[: m.start(1) - m.start()] + " ", text)


@dataclass(frozen=True)
class SignalRules:
    """The compiled signal rules of one language, and its address-form rules (if it has two)."""

    code: str
    signals: LanguageRules
    address: tuple[LanguageRules, ...] = ()

    @classmethod
    def build(cls, code: str, signal_file: RuleFile, tone_file: RuleFile, facts: LanguageFacts,
              known: Collection[str]) -> SignalRules:
        """Compile ``signal_file``; its rule ids must be among ``known`` (the playbook's).

        The ``register`` rules of the tone file and of the signal file, each with its own word
        classes, become the address rules of a language with two registers. Raises
        `LocaleDataError` on an unknown signal.
        """
        for entry in signal_file.rule:
            if entry.register is None and entry.rule not in known:
                raise LocaleDataError(
                    f"{code} signal rules: unknown signal {entry.rule!r} (signals: "
                    f"{', '.join(known)}){did_you_mean(entry.rule, known)}; run "
                    "'phrasebook validate'"
                )
        found = tuple(e for e in signal_file.rule if e.register is None)
        signals = LanguageRules.build(code, signal_file.model_copy(update={"rule": found}),
                                      facts.default_register)
        address = []
        for source in (tone_file, signal_file) if facts.two_registers else ():
            marks = tuple(e for e in source.rule if e.register is not None)
            if marks:
                address.append(LanguageRules.build(
                    code, source.model_copy(update={"rule": marks}), facts.default_register))
        return cls(code, signals, tuple(address))

    def detect(self, text: str) -> tuple[Signal, ...]:
        """The signals in ``text``, sorted by position, with offsets into ``text``."""
        report = self.signals.check(without_false_stops(text))
        return tuple(Signal(f.start, f.end, f.rule, text[f.start:f.end])
                     for f in report.findings)

    def address_form(self, text: str) -> Register | None:
        """How ``text`` addresses its reader: formal, informal, neutral (no form), or None.

        None for a language with one register. When both forms occur, the one used more often
        wins, and on a tie the first one used.
        """
        if not self.address:
            return None
        informal = sorted(f for rules in self.address
                          for f in rules.check(text, Register.FORMAL).findings)
        formal = sorted(f for rules in self.address
                        for f in rules.check(text, Register.INFORMAL).findings)
        if not informal and not formal:
            return Register.NEUTRAL
        if len(formal) != len(informal):
            return Register.FORMAL if len(formal) > len(informal) else Register.INFORMAL
        return Register.FORMAL if formal[0].start <= informal[0].start else Register.INFORMAL
