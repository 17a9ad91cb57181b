"""The signal evaluation corpus: big enough, and the rules hold its test half to the thresholds.

``tests/signal_corpus/<code>/{dev,test}.toml`` was written by readers who had not seen the
signal rules. Rules are tuned on the dev half only; the test half is read here in aggregate
(counts, precision and recall), never case by case, so no failure message shows a test case.
``benchmarks/signal_eval.py`` prints the same figures.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import phrasebook
from phrasebook.translate.evaluate import Case, Detection, read_cases, score

from .conftest import SHIPPED

CORPUS = Path(__file__).parent / "signal_corpus"
SIGNALS = ("anger", "abuse", "threat", "escalation-external", "manager", "repeat", "waiting",
           "delivery", "defect", "billing", "gratitude", "confusion")
# The test half's figures at this release, as floors: a change that makes the held-out figures
# worse fails. The release's target was precision >= 0.90 and recall >= 0.90 per language; no
# language meets it yet (docs/suggest.md has the figures).
FLOORS = {
    #      precision  recall
    "cs": (0.94, 0.75),
    "de": (0.91, 0.65),
    "en": (0.89, 0.82),
    "ka": (0.91, 0.62),
    "nb": (0.88, 0.71),
    "tr": (0.88, 0.75),
}


def cases(lang: str, half: str) -> list[Case]:
    return read_cases(CORPUS / lang / f"{half}.toml", table="message", labels_key="signals")


@pytest.mark.parametrize("lang", SHIPPED)
def test_the_corpus_is_big_enough(lang: str) -> None:
    both = cases(lang, "dev") + cases(lang, "test")
    assert len(both) >= 50
    counts = Counter(label for case in both for label in case.labels)
    assert set(counts) <= set(SIGNALS)
    assert min(counts[s] for s in SIGNALS) >= 4, "every signal at least four times"
    assert sum(1 for case in both if "hard-negative" in case.tags) >= 5
    assert sum(1 for case in both if not case.labels) >= 5
    for half in ("dev", "test"):
        assert {label for case in cases(lang, half) for label in case.labels} == set(SIGNALS)


def detect(lang: str) -> object:
    book = phrasebook.load([])

    def found(case: Case) -> list[Detection]:
        return [Detection(s.id, s.start, s.end) for s in book.suggest(case.text, lang).signals]

    return found


def test_every_language_has_floors() -> None:
    assert set(FLOORS) == set(SHIPPED)


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_the_test_half_holds_its_figures(lang: str) -> None:
    result = score(cases(lang, "test"), detect(lang), SIGNALS)  # type: ignore[arg-type]
    # Plain numbers only: the score also knows which cases it missed, which must not be shown.
    precision, recall = round(result.precision, 3), round(result.label_recall, 3)
    del result
    floor_precision, floor_recall = FLOORS[lang]
    assert precision >= floor_precision and recall >= floor_recall, (
        f"{lang} test half: precision {precision}, recall {recall}")


@pytest.mark.parametrize("lang", sorted(FLOORS))
def test_the_dev_half_meets_the_target(lang: str) -> None:
    result = score(cases(lang, "dev"), detect(lang), SIGNALS)  # type: ignore[arg-type]
    assert result.precision >= 0.90 and result.label_recall >= 0.90, result
