"""The checks of the playbook and of signal rule files that loading and ``validate`` share.

Each returns `Problem` objects placed on ``path:line``: loading raises the errors among them
(never a half-loaded playbook), ``phrasebook validate`` prints them all.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from pathlib import Path

from ..catalog.reader import DocumentRead
from ..catalog.schema import PhraseEntry
from ..catalog.sources import Citations
from ..catalog.text import SourceText
from ..errors import Problem, Severity, did_you_mean
from ..model import Intent, intent_of
from ..tone.schema import RuleFile
from .schema import PlaybookFile

__all__ = ["playbook_problems", "signal_file_problems"]


def playbook_problems(read: DocumentRead[PlaybookFile],
                      english: Mapping[str, PhraseEntry] | None,
                      citations: Citations | None) -> list[Problem]:
    """What is wrong in a playbook that its schema does not say.

    Signals declared twice, an ``order`` that is not every intent once, steps of unknown
    signals, phrasings that are not in English (``english``; None skips the check) or not of the
    step's intent, citations that are not in the guides (``citations``; None skips them), and
    signals no step answers (a warning).
    """
    data, source = read.model, read.source
    if data is None or source is None:
        return []
    problems: list[Problem] = []

    def at(table: str, index: int, key: str, message: str,
           severity: Severity = Severity.ERROR) -> None:
        problems.append(read.problem(message, source.key_line(table, index, key), severity))

    seen: dict[str, int] = {}
    for index, signal in enumerate(data.signal):
        if signal.id in seen:
            at("signal", index, "id", f"signal {signal.id!r} is declared twice (first as "
                                      f"signal {seen[signal.id] + 1})")
        seen.setdefault(signal.id, index)
    missing = [i.value for i in Intent if i not in data.order]
    repeated = sorted({i.value for i in data.order if data.order.count(i) > 1})
    if missing or repeated:
        problems.append(read.problem(
            "order lists every intent exactly once (missing: "
            f"{', '.join(missing) or 'none'}; repeated: {', '.join(repeated) or 'none'})",
            source.top_key_line("order")))
    pairs: set[tuple[str, Intent]] = set()
    for index, step in enumerate(data.step):
        if step.signal not in seen:
            at("step", index, "signal", f"unknown signal {step.signal!r} (signals: "
                                        f"{', '.join(seen)}){did_you_mean(step.signal, seen)}")
        if (step.signal, step.intent) in pairs:
            at("step", index, "intent", f"a second {step.intent.value} step for "
                                        f"{step.signal!r}: give one step per signal and intent")
        pairs.add((step.signal, step.intent))
        for phrase_id in step.phrases:
            if intent_of(phrase_id) is not step.intent:
                at("step", index, "phrases", f"{phrase_id!r} is not a {step.intent.value} "
                                             "phrasing")
            elif english is not None and phrase_id not in english:
                at("step", index, "phrases", f"no phrasing {phrase_id!r} in English"
                                             + did_you_mean(phrase_id, english))
        for cited in step.sources:
            problem = citations.problem(cited) if citations is not None else None
            if problem:
                at("step", index, "sources", f"sources: {problem}")
    answered = {step.signal for step in data.step}
    for index, signal in enumerate(data.signal):
        if signal.id not in answered and seen.get(signal.id) == index:
            at("signal", index, "id", f"no step answers signal {signal.id!r}", Severity.WARNING)
    return problems


def signal_file_problems(path: Path, source: SourceText, data: RuleFile,
                         signals: Collection[str], complete: bool = True) -> Iterator[Problem]:
    """Rules of a ``signals.toml`` whose id is not a playbook signal, and signals without rules.

    ``register`` rules (address forms customers use) are not signals and are left alone.

    With ``complete`` (the file is all the language's signal rules, not an overlay's additions)
    a signal the file has no rule for is a warning: ``suggest`` never reports it there.
    """
    if not signals:
        return  # no readable playbook: its own problems say why
    for index, entry in enumerate(data.rule):
        if entry.register is None and entry.rule not in signals:
            yield Problem(str(path), source.key_line("rule", index, "rule"), None,
                          Severity.ERROR,
                          f"unknown signal {entry.rule!r} (signals: {', '.join(signals)})"
                          + did_you_mean(entry.rule, signals))
    present = {entry.rule for entry in data.rule}
    absent = [s for s in signals if s not in present]
    if absent and complete:
        yield Problem(str(path), None, None, Severity.WARNING,
                      f"no rules for {', '.join(absent)}: suggest never reports "
                      f"{'it' if len(absent) == 1 else 'them'} in this language")
