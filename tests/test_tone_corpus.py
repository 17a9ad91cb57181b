"""The tone checker on the evaluation corpus: held to its figures, the test half included.

The corpus (``tests/tone_corpus/<code>/``) was written by readers who had not seen the rules and
checked by second readers (docs/tone.md). Rules are tuned on the development parts only; the
test half is scored here in aggregate and never read while writing rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import phrasebook
from phrasebook.translate.evaluate import Case, Detection, Score, read_cases, score

from .conftest import SHIPPED

CORPUS = Path(__file__).resolve().parent / "tone_corpus"


def dev_parts(lang: str) -> list[str]:
    """A language's development parts: ``dev`` and the extra sets written later."""
    return sorted(path.stem for path in (CORPUS / lang).glob("dev*.toml"))


# The test half's figures at this release, as floors (recall, rule-hit, spans) and ceilings
# (false alarms; never stricter than the 0.02 target): a change that makes the held-out figures
# worse fails. The release's targets were recall >= 0.95 and false alarms <= 0.02 per
# language; the languages below them are listed in docs/tone.md with their figures.
TEST_FLOORS = {
    #      recall  false alarms  rule-hit  spans
    "cs": (0.92, 0.04, 0.90, 0.98),
    "de": (0.94, 0.00, 0.89, 0.96),
    "en": (0.96, 0.04, 0.96, 0.95),
    "ka": (0.92, 0.02, 0.93, 1.00),
    "nb": (0.84, 0.04, 0.84, 0.96),
    "tr": (1.00, 0.04, 0.98, 0.98),
}


def corpus_score(lang: str, part: str) -> Score:
    book = phrasebook.load([])

    def detect(case: Case) -> list[Detection]:
        report = book.check(case.text, lang, register=case.register)
        return [Detection(f.rule, f.start, f.end) for f in report.findings]

    return score(read_cases(CORPUS / lang / f"{part}.toml"), detect)


def test_every_language_has_a_corpus_with_halves() -> None:
    assert set(TEST_FLOORS) == set(SHIPPED)
    for lang in SHIPPED:
        parts = dev_parts(lang)
        assert parts[0] == "dev" and len(parts) >= 2, (lang, parts)
        for part in (*parts, "test"):
            cases = read_cases(CORPUS / lang / f"{part}.toml")
            assert len(cases) >= 50, (lang, part)
            assert sum(c.problem for c in cases) >= 20 and sum(not c.problem for c in cases) >= 20


@pytest.mark.parametrize("lang", sorted(TEST_FLOORS))
def test_test_half_holds_its_figures(lang: str) -> None:
    recall, false_alarms, rule_hit, spans = TEST_FLOORS[lang]
    found = corpus_score(lang, "test")
    assert found.recall >= recall, found
    assert found.false_alarm_rate <= false_alarms, found
    assert found.label_hit_rate >= rule_hit, found
    assert found.span_rate >= spans, found


@pytest.mark.parametrize(("lang", "part"), [(lang, part) for lang in sorted(TEST_FLOORS)
                                            for part in dev_parts(lang)])
def test_development_parts_meet_the_targets(lang: str, part: str) -> None:
    found = corpus_score(lang, part)
    assert found.recall >= 0.95, found
    assert found.false_alarm_rate <= 0.02, found
    assert found.label_hit_rate >= 0.94, found
    assert found.span_rate >= 0.95, found
