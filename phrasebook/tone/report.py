"""`ToneFinding` and `ToneReport`: what the tone checker found in a text, and where."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from ..errors import Severity
from ..model import Register

__all__ = ["SuggestedPhrase", "ToneFinding", "ToneReport"]


@dataclass(frozen=True)
class SuggestedPhrase:
    """A phrasing offered in place of a finding: its id, text and register."""

    id: str
    text: str
    register: Register

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"id": self.id, "text": self.text, "register": self.register.value}


@dataclass(frozen=True, order=True)
class ToneFinding:
    """One problem in a text: which rule, where (offsets into the caller's string), and why.

    ``hint`` names the intent whose phrasings say it better; ``suggestions`` holds those
    phrasings in the text's language and register, best first, when they were asked for.
    """

    start: int
    end: int
    rule: str
    severity: Severity
    match: str
    message: str
    hint: str | None = None
    suggestions: tuple[SuggestedPhrase, ...] = field(default=(), compare=False)

    def position(self, text: str) -> tuple[int, int]:
        """Return the 1-based ``(line, column)`` of the finding's start in ``text``."""
        line = text.count("\n", 0, self.start) + 1
        column = self.start - (text.rfind("\n", 0, self.start) + 1) + 1
        return line, column

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "message": self.message,
            "hint": self.hint,
            "suggestions": [s.to_json() for s in self.suggestions],
        }


@dataclass(frozen=True)
class ToneReport:
    """The findings for one text, sorted by position; empty when the text is clean.

    ``truncated`` is True when the text had more findings than the checker reports (see
    `phrasebook.tone.engine.MAX_FINDINGS`); ``text`` is the text that was checked.
    """

    lang: str
    register: Register
    findings: tuple[ToneFinding, ...] = ()
    text: str = field(default="", repr=False)
    truncated: bool = False

    @property
    def ok(self) -> bool:
        """True when nothing was found."""
        return not self.findings

    def positions(self) -> list[tuple[int, int]]:
        """The 1-based ``(line, column)`` of every finding, in one pass over the text."""
        starts = [0]
        index = self.text.find("\n")
        while index >= 0:
            starts.append(index + 1)
            index = self.text.find("\n", index + 1)
        found = []
        for finding in self.findings:
            line = bisect.bisect_right(starts, finding.start)
            found.append((line, finding.start - starts[line - 1] + 1))
        return found

    def to_json(self) -> dict[str, Any]:
        """Return a JSON-ready dict: ``{"lang", "register", "truncated", "findings": [...]}``.

        Each finding carries its ``line`` and ``column`` as well as its offsets.
        """
        rows = []
        for finding, (line, column) in zip(self.findings, self.positions(), strict=True):
            row = finding.to_json()
            row["line"], row["column"] = line, column
            rows.append(row)
        return {
            "lang": self.lang,
            "register": self.register.value,
            "truncated": self.truncated,
            "findings": rows,
        }
