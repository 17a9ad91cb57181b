"""Every language's tone rules against their own examples and a corpus written for the tests.

Rule examples live in the rule's own entry in ``locales/<code>/tone.toml``: sentences it must
flag and sentences it must pass. ``tests/tone_cases/<code>.toml`` holds whole replies with the
rules they must trigger, or none.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import phrasebook
from phrasebook import Register, check
from phrasebook.catalog.text import read_model
from phrasebook.tone.schema import RuleEntry, RuleFile
from phrasebook.translate.validate import validate_paths

from .conftest import SHIPPED, TWO_REGISTERS

CASES = Path(__file__).parent / "tone_cases"
REQUIRED_RULES = {"refusal", "blame", "overpromise", "dismissive", "shouting"}
LANGS = SHIPPED


def tone_entries(locales_dir: Path, lang: str) -> list[RuleEntry]:
    parsed, _ = read_model(locales_dir / lang / "tone.toml", RuleFile)
    return list(parsed.rule)


def case_params() -> list[object]:
    params = []
    for lang in LANGS:
        path = CASES / f"{lang}.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        for number, case in enumerate(data.get("case", [])):
            params.append(pytest.param(lang, case, id=f"{lang}-{number}"))
    return params


@pytest.mark.parametrize("lang", LANGS)
def test_language_has_the_required_rules(locales_dir: Path, lang: str) -> None:
    ids = {e.rule for e in tone_entries(locales_dir, lang)}
    assert ids >= REQUIRED_RULES
    assert ("register" in ids) == (lang in TWO_REGISTERS)
    if lang in TWO_REGISTERS:
        marks = {e.register for e in tone_entries(locales_dir, lang) if e.register}
        assert marks == {Register.FORMAL, Register.INFORMAL}


@pytest.mark.parametrize("lang", LANGS)
def test_every_rule_fires_on_its_flags_and_not_on_its_passes(locales_dir: Path, lang: str) -> None:
    problems = validate_paths([locales_dir / lang / "tone.toml"])
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("lang", LANGS)
def test_corpus_is_big_enough(lang: str) -> None:
    data = tomllib.loads((CASES / f"{lang}.toml").read_text(encoding="utf-8"))
    flagged = [c for c in data["case"] if c["expect"]]
    clean = [c for c in data["case"] if not c["expect"]]
    assert len(flagged) >= 15
    assert len(clean) >= 10
    covered = {rule for c in flagged for rule in c["expect"]}
    assert covered >= REQUIRED_RULES
    if lang in TWO_REGISTERS:
        assert "register" in covered


@pytest.mark.parametrize(("lang", "case"), case_params())
def test_corpus_case(lang: str, case: dict[str, object]) -> None:
    report = check(str(case["text"]), lang, register=case.get("register"))  # type: ignore[arg-type]
    found = {f.rule for f in report.findings}
    expected = set(case["expect"])  # type: ignore[call-overload]
    if expected:
        assert expected <= found, f"missed {expected - found} in {case['text']!r}"
    else:
        assert not found, f"false alarm {[(f.rule, f.match) for f in report.findings]}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_builtin_phrasing_is_clean(book: phrasebook.Phrasebook, lang: str) -> None:
    problems = []
    rule_ids = book.tone_rules(lang).rule_ids
    for phrase in book.language_phrases(lang).phrases:
        for waived in phrase.allow:
            assert waived in rule_ids, f"{phrase.id}: waives unknown rule {waived!r}"
        report = book.check_phrase(phrase)
        problems += [f"{phrase.id} ({phrase.register.value}): {f.rule} {f.match!r}"
                     for f in report.findings]
    assert not problems, "\n".join(problems)


def test_waiver_drops_only_the_waived_rule(book: phrasebook.Phrasebook) -> None:
    phrase = phrasebook.Phrase(
        id="apologize.x", intent="apologize", lang="en", register="neutral",
        text="Sorry, that is impossible. Calm down.", source="nb-rude-customers#2.5",
        allow=("refusal",), reason="test",
    )
    rules = {f.rule for f in book.check_phrase(phrase).findings}
    assert rules == {"dismissive"}
