"""Scoring rules against a labelled corpus: precision, recall and false alarms per language.

A corpus file holds cases, each a text with the labels a reader gave it (rules or signals) and,
for each label, the stretch of text that carries it. `score` runs a detector over the cases and
counts, per label, what it found against what the reader marked. The tone corpus
(``tests/tone_corpus/<code>/{dev,test}.toml``) and the signal corpus
(``tests/signal_corpus/…``) are both read here; ``benchmarks/tone_eval.py`` prints the figures
and the test suite holds the test halves to their thresholds.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Case", "Detection", "LabelScore", "Score", "read_cases", "score"]


@dataclass(frozen=True)
class Case:
    """One labelled text: what the reader says it carries, and where."""

    text: str
    labels: frozenset[str]
    spans: tuple[tuple[str, int, int], ...]  # (label, start, end) in the text
    register: str | None = None
    tags: tuple[str, ...] = ()
    kind: str = "sentence"
    source: str = ""

    @property
    def problem(self) -> bool:
        """True when the reader gave the case any label."""
        return bool(self.labels)


@dataclass(frozen=True)
class Detection:
    """What a detector found: a label and a span of the text."""

    label: str
    start: int
    end: int


def read_cases(path: Path, table: str = "case", labels_key: str = "expect") -> list[Case]:
    """Read a corpus file; every span must be a substring of its case's text."""
    content = path.read_text(encoding="utf-8")
    data = tomllib.loads(content)
    rows = data.get(table, [])
    # Each case's source is the line of its [[table]] header, so a miss can be opened there.
    header = re.compile(rf"\s*\[\[\s*{re.escape(table)}\s*\]\]\s*(?:#.*)?")
    lines = [n for n, line in enumerate(content.splitlines(), start=1) if header.fullmatch(line)]
    if len(lines) != len(rows):  # headers inside multi-line strings, say: fall back to numbers
        lines = []
    cases = []
    for number, row in enumerate(rows, start=1):
        text = str(row["text"])
        spans = []
        for label, fragment in row.get("spans", []):
            start = text.find(fragment)
            if start < 0:
                raise ValueError(f"{path}: {table} {number}: span {fragment!r} is not in the text")
            spans.append((str(label), start, start + len(fragment)))
        cases.append(Case(
            text=text,
            labels=frozenset(row.get(labels_key, [])),
            spans=tuple(spans),
            register=row.get("register"),
            tags=tuple(row.get("tags", [])),
            kind=str(row.get("kind", "sentence")),
            source=f"{path}:{lines[number - 1]}" if lines else f"{path}: {table} {number}",
        ))
    return cases


@dataclass
class LabelScore:
    """Counts for one label: true positives, false positives, false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """True positives over all found; 1.0 when nothing was found."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """True positives over all to find; 1.0 when nothing was to find."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Score:
    """The figures of one detector over one set of cases."""

    cases: int = 0
    problems: int = 0
    clean: int = 0
    problems_found: int = 0  # problem cases with at least one detection
    false_alarms: int = 0  # clean cases with at least one detection
    labels_expected: int = 0
    labels_found: int = 0  # (case, expected label) pairs the detector fired for
    detections: int = 0  # detections on problem cases
    detections_on_span: int = 0  # of those, how many overlap a labelled span
    exact: int = 0  # cases whose detected labels are exactly the reader's
    per_label: dict[str, LabelScore] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)  # sources of cases it got wrong

    @property
    def recall(self) -> float:
        """Share of problem cases with any detection."""
        return self.problems_found / self.problems if self.problems else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """Share of clean cases with any detection."""
        return self.false_alarms / self.clean if self.clean else 0.0

    @property
    def label_hit_rate(self) -> float:
        """Share of expected labels among those the detector fired."""
        return self.labels_found / self.labels_expected if self.labels_expected else 1.0

    @property
    def span_rate(self) -> float:
        """Share of detections on problem cases that overlap a labelled span."""
        return self.detections_on_span / self.detections if self.detections else 1.0

    @property
    def precision(self) -> float:
        """Micro-averaged precision over labels."""
        tp = sum(s.tp for s in self.per_label.values())
        fp = sum(s.fp for s in self.per_label.values())
        return tp / (tp + fp) if tp + fp else 1.0

    @property
    def label_recall(self) -> float:
        """Micro-averaged recall over labels."""
        tp = sum(s.tp for s in self.per_label.values())
        fn = sum(s.fn for s in self.per_label.values())
        return tp / (tp + fn) if tp + fn else 1.0


def score(cases: Iterable[Case], detect: Callable[[Case], Sequence[Detection]],
          labels: Iterable[str] = ()) -> Score:
    """Run ``detect`` on every case and count against the reader's labels."""
    result = Score(per_label={label: LabelScore() for label in labels})
    for case in cases:
        found = detect(case)
        fired = {d.label for d in found}
        result.cases += 1
        wrong = fired != case.labels
        if case.problem:
            result.problems += 1
            result.problems_found += bool(found)
            result.labels_expected += len(case.labels)
            result.labels_found += len(case.labels & fired)
            for detection in found:
                result.detections += 1
                on_span = any(s < detection.end and detection.start < e
                              for _, s, e in case.spans)
                result.detections_on_span += on_span
                wrong |= not on_span
        else:
            result.clean += 1
            result.false_alarms += bool(found)
        result.exact += fired == case.labels
        for label in case.labels | fired:
            counts = result.per_label.setdefault(label, LabelScore())
            if label in case.labels and label in fired:
                counts.tp += 1
            elif label in fired:
                counts.fp += 1
            else:
                counts.fn += 1
        if wrong:
            result.misses.append(case.source)
    return result
