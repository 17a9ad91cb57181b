"""Property tests (hypothesis): the checker, the loader and rendering on any input."""

from __future__ import annotations

import contextlib
import tomllib
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import phrasebook
from phrasebook import PhrasebookError, check
from phrasebook.catalog.reader import read_phrases
from phrasebook.icu import render

from .conftest import ROOT, SHIPPED

# Text that exercises the hard parts: Turkish and Georgian case, combining marks, capitals,
# punctuation runs, and words the rules look for.
TRICKY = st.lists(
    st.sampled_from([
        *"aAıIİi \u0307\u0301\u0308ßẞ!?.,\n\t-'’ნუᲐᲑაბ0123",
        "nicht möglich", "İMKANSIZ", "your fault", "CALM DOWN", "შეუძლებელია", " du ", "Sie",
        "nemůžeme", "Det går ikke"]),
    max_size=60,
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), TRICKY)


@settings(max_examples=300, deadline=None)
@given(text=ANY_TEXT, lang=st.sampled_from(SHIPPED),
       register=st.sampled_from([None, "formal", "informal", "neutral"]))
def test_checker_on_any_text(text: str, lang: str, register: str | None) -> None:
    report = check(text, lang, register=register)
    findings = list(report.findings)
    assert findings == sorted(findings)
    for finding in findings:
        assert 0 <= finding.start < finding.end <= len(text)
        assert text[finding.start:finding.end] == finding.match
    assert check(text, lang, register=register) == report


# Words and marks the shipped regex rules are written around ("Leider, nein.", "100 %", "!!").
REGEX_WORDS = st.lists(
    st.sampled_from(["nein", "Nein", "nee", "nö", "nei", "leider", "dessverre", "100", "%",
                     " ", ",", ".", "!", "?", ":", "a", "Ja", "percent", " of", "\n"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(REGEX_WORDS, ANY_TEXT), lang=st.sampled_from(SHIPPED))
def test_a_regex_rules_quick_test_finds_wherever_the_rule_matches(text: str, lang: str) -> None:
    from phrasebook.tone.fold import fold

    for compiled in phrasebook.load([]).tone_rules(lang)._rules:
        if compiled.regex is None or compiled.quick is None:
            continue
        subject = text if compiled.entry.case_sensitive else fold(text).folded
        if compiled.regex.search(subject):
            assert compiled.quick.search(subject), (lang, compiled.entry.patterns)


@settings(max_examples=200, deadline=None)
@given(text=ANY_TEXT)
def test_offsets_stay_on_the_original_under_decomposition(text: str) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", text)
    for finding in check(decomposed, "de").findings:
        assert decomposed[finding.start:finding.end] == finding.match


def _seed_files() -> list[str]:
    return [(ROOT / "locales" / lang / "phrases.toml").read_text(encoding="utf-8")[:3000]
            for lang in ("de", "ka")]


@st.composite
def mutated_toml(draw: st.DrawFn) -> bytes:
    seed = draw(st.sampled_from(_seed_files())).encode("utf-8")
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, max(0, len(seed) - 1)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        blob = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
            [b"=", b"[[", b"]]", b'"', b"\n", b"register", b"\xff", b"\x00", b"{", b"#"]))
        if action == "delete":
            seed = seed[:position] + seed[position + len(blob):]
        elif action == "insert":
            seed = seed[:position] + blob + seed[position:]
        else:
            seed = seed[:position] + blob + seed[position + len(blob):]
    return seed


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(mutated_toml(), st.binary(max_size=400)))
def test_loader_raises_only_phrasebook_errors(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "phrases.toml"
    path.write_bytes(data)
    read = read_phrases(path)
    for problem in read.problems:
        assert "\n" not in str(problem)
        assert problem.path == str(path)
    try:
        read.raise_for_errors()
    except PhrasebookError as error:
        assert "\n" not in str(error)
        assert str(error).startswith(str(path))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=mutated_toml())
def test_validate_never_raises(tmp_path: Path, data: bytes) -> None:
    from phrasebook.translate.validate import validate_paths

    folder = tmp_path / "de"
    folder.mkdir(exist_ok=True)
    (folder / "phrases.toml").write_bytes(data)
    for problem in validate_paths([folder]):
        assert "\n" not in str(problem)


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(st.text(), st.integers(), st.floats(allow_nan=False,
                                                             allow_infinity=False),
                      st.decimals(allow_nan=False, allow_infinity=False)))
def test_any_value_renders_literally(value: object) -> None:
    out = render("«{v}»", "de", v=value)
    if isinstance(value, str):
        assert out == f"«{value}»"
    else:
        assert out.startswith("«") and out.endswith("»")


@settings(max_examples=200, deadline=None)
@given(template=st.text(max_size=60))
def test_any_template_renders_or_raises_render_error(template: str) -> None:
    with contextlib.suppress(phrasebook.RenderError):
        render(template, "cs", n=1, name="x")


def test_mutation_strategy_produces_broken_toml() -> None:
    """Guard against a strategy that never breaks anything: some seeds must fail to parse."""
    broken = 0
    for seed in _seed_files():
        for cut in range(0, len(seed), 97):
            try:
                tomllib.loads(seed[:cut])
            except tomllib.TOMLDecodeError:
                broken += 1
    assert broken > 0
