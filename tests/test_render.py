"""Rendering ICU MessageFormat with CLDR plurals and numbers, safely."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import phrasebook
from phrasebook import Phrase, RenderError
from phrasebook.icu import placeholders, render, template_problem
from phrasebook.translate.validate import validate_paths

CS_DAYS = "{n, plural, one {# den} few {# dny} many {# dne} other {# dní}}"


@pytest.mark.parametrize(("n", "text"), [(1, "1 den"), (3, "3 dny"), (5, "5 dní"),
                                         (Decimal("1.5"), "1,5 dne")])
def test_czech_plural_categories_from_cldr(n: object, text: str) -> None:
    assert render(CS_DAYS, "cs", n=n) == text


def test_german_number_format_in_plural() -> None:
    assert render("{n, plural, one {# Minute} other {# Minuten}}", "de", n=1500) == "1.500 Minuten"
    assert render("{n, plural, one {# minute} other {# minutes}}", "en", n=1500) == "1,500 minutes"
    assert render("{n}", "de", n=1234.5) == "1.234,5"


def test_exact_match_and_offset_and_ordinal() -> None:
    assert render("{n, plural, =0 {none} one {# item} other {# items}}", "en", n=0) == "none"
    assert render("{n, selectordinal, one {#st} two {#nd} few {#rd} other {#th}}", "en",
                  n=23) == "23rd"


def test_select() -> None:
    template = "{g, select, female {Ráda} other {Rád}} vám pomohu."
    assert render(template, "cs", g="female") == "Ráda vám pomohu."
    assert render(template, "cs", g="male") == "Rád vám pomohu."


def test_apostrophe_quoting() -> None:
    assert render("It's '{literal}' and {x}", "en", x="y") == "It's {literal} and y"


def test_missing_value_names_it() -> None:
    with pytest.raises(RenderError, match=r"missing value for \{order_id\}"):
        render("Order {order_id}", "en")


def test_plural_needs_a_number() -> None:
    with pytest.raises(RenderError, match="must be a number"):
        render("{n, plural, one {#} other {#}}", "en", n="three")


@pytest.mark.parametrize("template", ["{name.__class__}", "{a[0]}", "{a.b}", "{0}"])
def test_attribute_and_index_access_is_rejected(template: str) -> None:
    assert template_problem(template) is not None
    with pytest.raises(RenderError):
        render(template, "en", name="x", a=[1])


def test_disallowed_placeholder_is_rejected_by_validate_and_load(make_tree: Any) -> None:
    root = make_tree({"en/phrases.toml": """
        [[phrase]]
        id = "thank.patience"
        text = "Thanks {name.__class__}"
        source = "tr-angry-customers#3.4"
        """})
    problems = [str(p) for p in validate_paths([root])]
    assert any(":3: error: placeholder {name.__class__} is not a plain name" in p
               for p in problems), problems
    with pytest.raises(phrasebook.LocaleDataError, match="not a plain name"):
        phrasebook.load([root])


@pytest.mark.parametrize("template", ["{unclosed", "{n, plural, one {x}}", "{n, date}"])
def test_bad_templates(template: str) -> None:
    with pytest.raises(RenderError):
        render(template, "en", n=1)


@given(st.text())
def test_any_value_is_inserted_literally(value: str) -> None:
    assert render("<{v}>", "de", v=value) == f"<{value}>"


def test_phrase_render_uses_its_language(book: phrasebook.Phrasebook) -> None:
    waits = [p for p in book.phrases("hand-off", "cs") if "minutes" in placeholders(p.text)]
    assert waits
    for phrase in waits:
        out = phrase.render(minutes=3, team="Billing", order_id="A-1", agent_name="Jana")
        assert "{" not in out and "3" in out


def test_every_builtin_placeholder_renders(book: phrasebook.Phrasebook) -> None:
    values = {"minutes": 2, "team": "Billing", "order_id": "AB-1234", "agent_name": "Alex"}
    for lang in book.languages():
        for phrase in book.language_phrases(lang.code).phrases:
            assert "{" not in phrase.render(**values), phrase.id


def test_phrase_model_render() -> None:
    phrase = Phrase(id="hand-off.wait", intent="hand-off", lang="cs", register="formal",
                    text="Bude to trvat asi {minutes, plural, one {# minutu} few {# minuty} "
                         "many {# minuty} other {# minut}}.", source="tr-angry-customers#2.4")
    assert phrase.render(minutes=4) == "Bude to trvat asi 4 minuty."
    assert phrase.render(minutes=10) == "Bude to trvat asi 10 minut."
