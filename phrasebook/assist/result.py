"""`Signal`, `Step` and `Suggestion`: what ``suggest`` found in a message, and what to do next."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ..model import Channel, Intent, Phrase, Register

__all__ = ["Signal", "Step", "Suggestion"]


@dataclass(frozen=True, order=True)
class Signal:
    """One signal in a customer's message: its id, where it is, and the words that carry it.

    ``start`` and ``end`` are offsets into the string that was passed to ``suggest``, whatever
    normalization happened inside: ``message[signal.start:signal.end] == signal.match``.
    """

    start: int
    end: int
    id: str
    match: str

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"id": self.id, "start": self.start, "end": self.end, "match": self.match}


@dataclass(frozen=True)
class Step:
    """One thing the agent can do next: an intent and the phrasings that say it best.

    ``phrases`` are in the message's language, in the requested register (or neutral) and
    channel, best first; ``signals`` are the ids that call for the step, ``sources`` the guide
    sections behind it, and ``notes`` English guidance for the agent.
    """

    intent: Intent
    phrases: tuple[Phrase, ...]
    signals: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict; each phrasing as ``{"id", "text", "register"}``."""
        return {
            "intent": self.intent.value,
            "signals": list(self.signals),
            "sources": list(self.sources),
            "notes": list(self.notes),
            "phrases": [{"id": p.id, "text": p.text, "register": p.register.value}
                        for p in self.phrases],
        }


@dataclass(frozen=True)
class Suggestion:
    """What a customer's message carries and the steps that answer it, in the guides' order.

    ``signals`` are sorted by position (one entry per stretch of text; a signal may occur more
    than once). ``address`` is how the customer addresses the agent: formal, informal, or
    neutral when no address form shows; None in a language with one register. It is
    information only: the phrasings are in ``register``, the app's choice (formal by default
    where the language has both). No signal means no steps: answer the message as it is.
    """

    lang: str
    register: Register
    channel: Channel | None
    address: Register | None
    signals: tuple[Signal, ...] = ()
    steps: tuple[Step, ...] = ()
    text: str = field(default="", repr=False)

    @property
    def ids(self) -> tuple[str, ...]:
        """The signals found, each once, in the order they first occur."""
        return tuple(dict.fromkeys(s.id for s in self.signals))

    def positions(self) -> list[tuple[int, int]]:
        """The 1-based ``(line, column)`` of every signal's start."""
        starts = [0] + [i + 1 for i, char in enumerate(self.text) if char == "\n"]
        found = []
        for signal in self.signals:
            line = bisect.bisect_right(starts, signal.start)
            found.append((line, signal.start - starts[line - 1] + 1))
        return found

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the suggestion (signals, steps and their phrasings).

        Keys: ``lang``, ``register``, ``channel``, ``address``, ``signals`` and ``steps``; each
        signal carries its ``line`` and ``column`` as well as its offsets.
        """
        signals = []
        for signal, (line, column) in zip(self.signals, self.positions(), strict=True):
            signals.append({**signal.to_json(), "line": line, "column": column})
        return {
            "lang": self.lang,
            "register": self.register.value,
            "channel": self.channel.value if self.channel else None,
            "address": self.address.value if self.address else None,
            "signals": signals,
            "steps": [step.to_json() for step in self.steps],
        }
