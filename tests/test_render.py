"""Rendering ICU MessageFormat with CLDR plurals and numbers, safely."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from babel import Locale
from hypothesis import given
from hypothesis import strategies as st

import phrasebook
from phrasebook import Phrase, RenderError
from phrasebook.icu import placeholders, render, respell, template_problem
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


# --- agreement with ICU (issue 13, item 5) -----------------------------------------------------
# Expected outputs were taken from ICU 78.2 / CLDR 48 (Node 20's Intl, with roundingMode
# halfEven, ICU's own default) and from ICU MessageFormat's rules for styles and skeletons.

@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf"), Decimal("NaN"),
                                   Decimal("Infinity"), Decimal("-Infinity"), Decimal("sNaN")])
@pytest.mark.parametrize("template", [
    "{n}", "{n, number}", "{n, number, percent}", "{n, number, ::currency/EUR}",
    "{n, plural, =1 {one} one {# item} other {# items}}",
    "{n, selectordinal, one {#st} other {#th}}",
])
def test_non_finite_numbers_are_a_render_error(template: str, value: object) -> None:
    with pytest.raises(RenderError) as info:
        render(template, "en", n=value)
    assert "{n}" in str(info.value) and "not a finite number" in str(info.value)
    assert "\n" not in str(info.value)


def test_too_large_numbers_are_a_render_error() -> None:
    with pytest.raises(RenderError, match="too large"):
        render("{n}", "en", n=Decimal("1e500"))
    assert render("{n}", "en", n=1e25) == "10,000,000,000,000,000,000,000,000"


EXACT = "{n, plural, =0 {none} =1 {exactly one} one {# item} other {# items}}"


@pytest.mark.parametrize(("n", "text"), [
    (1, "exactly one"), (1.0, "exactly one"), (Decimal("1"), "exactly one"),
    (Decimal("1.0"), "exactly one"), (Decimal("1.000"), "exactly one"),
    (0, "none"), (0.0, "none"), (Decimal("0.00"), "none"), (-0.0, "none"),
    (1.5, "1.5 items"), (Decimal("1.01"), "1.01 items"), (2, "2 items"),
])
def test_exact_selectors_match_equal_numbers_of_any_type(n: object, text: str) -> None:
    assert render(EXACT, "en", n=n) == text


def test_exact_selectors_compare_before_the_offset() -> None:
    template = ("{n, plural, offset:1 =0 {nobody} =1 {only you} one {you and # other} "
                "other {you and # others}}")
    assert [render(template, "en", n=n) for n in (0, 1.0, 2, Decimal("3.0"))] == [
        "nobody", "only you", "you and 1 other", "you and 2.0 others"]


ITEMS = "{n, plural, one {# item} other {# items}}"


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("en", Decimal("1.0"), "1.0 items"),  # visible fraction digits: CLDR "other"
    ("en", Decimal("1.50"), "1.50 items"),
    ("en", Decimal("1"), "1 item"),
    ("en", 1.0, "1 item"),  # a float shows no trailing zeros, like ICU
    ("en", 1.0004, "1 item"),  # rounded to 3 digits, shown as 1: "one"
    ("en", Decimal("1.0004"), "1.000 items"),  # a Decimal keeps its digits up to 3
    ("en", Decimal("2E+1"), "20 items"),
    ("cs", Decimal("1.0"), "1,0 dne"),
    ("cs", 1.0, "1 den"),
])
def test_plural_category_follows_the_digits_shown(lang: str, n: object, text: str) -> None:
    template = ITEMS if lang == "en" else CS_DAYS
    assert render(template, lang, n=n) == text


NUMBERS = st.one_of(
    st.integers(min_value=-10**9, max_value=10**9),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    *(st.decimals(allow_nan=False, allow_infinity=False, min_value=-10**6, max_value=10**6,
                  places=places) for places in range(5)),
)


@given(NUMBERS)
def test_shown_digits_and_plural_category_agree(n: int | float | Decimal) -> None:
    # Czech has a category for fractions (many), so a digit shown or hidden changes it.
    out = render("{n, plural, one {#|one} few {#|few} many {#|many} other {#|other}}", "cs", n=n)
    shown, category = out.split("|")
    number = Decimal(shown.replace("\xa0", "").replace(",", ".").replace("\u2212", "-"))
    assert category == Locale.parse("cs").plural_form(number)


@pytest.mark.parametrize(("template", "lang", "n", "text"), [
    # ICU MessageFormat's argument styles: percent multiplies by 100, integer rounds half-even
    ("{n, number, percent}", "en", 0.256, "26%"),
    ("{n, number, percent}", "de", 0.5, "50\xa0%"),
    ("{n, number, percent}", "tr", 0.5, "%50"),
    ("{n, number, percent}", "nb", -0.25, "\u221225\xa0%"),
    ("{n, number, integer}", "en", 2.5, "2"),
    ("{n, number, integer}", "en", 3.5, "4"),
    ("{n, number, integer}", "de", 1234.56, "1.235"),
    # skeletons: ::percent does not multiply (ICU NumberFormatter), scale/100 or %x100 does
    ("{n, number, ::percent}", "en", 25, "25%"),
    ("{n, number, ::percent}", "cs", 12.5, "12,5\xa0%"),
    ("{n, number, ::percent scale/100}", "en", 0.125, "12.5%"),
    ("{n, number, ::%x100 .0}", "ka", 0.125, "12,5%"),
    ("{n, number, ::currency/EUR}", "en", 1234.5, "€1,234.50"),
    ("{n, number, ::currency/EUR}", "de", 1234.5, "1.234,50\xa0€"),
    ("{n, number, ::currency/CHF}", "de-CH", -1234.5, "CHF-1'234.50"),
    ("{n, number, ::currency/CHF}", "en", 1234.5, "CHF\xa01,234.50"),
    ("{n, number, ::currency/NOK}", "nb", -1234.5, "\u22121\xa0234,50\xa0kr"),
    ("{n, number, ::currency/CZK}", "cs", 1234.5, "1\xa0234,50\xa0Kč"),
    ("{n, number, ::currency/TRY}", "tr", 1234.5, "₺1.234,50"),
    ("{n, number, ::currency/GEL}", "ka", 1234.5, "1234,50\xa0₾"),
    ("{n, number, ::currency/JPY}", "en", 1234.5, "¥1,234"),
    ("{n, number, ::.00}", "en", 2, "2.00"),
    ("{n, number, ::.0#}", "de", 1.234, "1,23"),
    ("{n, number, ::precision-integer group-off}", "en", 1234567.5, "1234568"),
    ("{n, number, ::,_}", "nb", -12345.6789, "\u221212345,6789"),
    ("{n, number}", "en", 0.1234567, "0.123"),
])
def test_number_styles_and_skeletons(template: str, lang: str, n: object, text: str) -> None:
    assert render(template, lang, n=n) == text


@pytest.mark.parametrize(("lang", "amount", "text"), [
    ("de", (Decimal("12.5"), "EUR"), "12,50\xa0€"),
    ("en", (3, "USD"), "$3.00"),
    ("cs", (1234.5, "CZK"), "1\xa0234,50\xa0Kč"),
])
def test_currency_style_takes_an_amount_and_a_code(lang: str, amount: object, text: str) -> None:
    assert render("{amount, number, currency}", lang, amount=amount) == text


@pytest.mark.parametrize(("amount", "fragment"), [
    (12.5, "(amount, 'EUR') pair"), ((12.5, "EURO"), "unknown currency 'EURO'"),
    (("12", "EUR"), "must be a number"),
])
def test_currency_style_needs_a_currency(amount: object, fragment: str) -> None:
    with pytest.raises(RenderError, match=re.escape(fragment)):
        render("{amount, number, currency}", "en", amount=amount)


UNSUPPORTED = [
    ("{n, number, percentage}", "unknown number style 'percentage'"),
    ("{n, number, currency/EUR}", "unknown number style 'currency/EUR'"),
    ("{n, number, ::currency/EURO}", "unknown currency 'EURO'"),
    ("{n, number, ::precision-increment/5}", "unsupported skeleton token"),
    ("{n, number, ::}", "empty number skeleton"),
    ("{n, plural, onee {#} other {#}}", "'onee' is not a CLDR plural category"),
    ("{n, plural, =x {#} other {#}}", "'=x' is not a CLDR plural category"),
]


@pytest.mark.parametrize(("template", "fragment"), UNSUPPORTED)
def test_unsupported_styles_fail_at_check_and_render_time(template: str, fragment: str) -> None:
    problem = template_problem(template)
    assert problem is not None and fragment in problem
    with pytest.raises(RenderError, match=re.escape(fragment)):
        render(template, "en", n=2)


@pytest.mark.parametrize(("template", "fragment"), UNSUPPORTED[:3])
def test_unsupported_styles_are_refused_by_validate_and_load(make_tree: Any, template: str,
                                                             fragment: str) -> None:
    root = make_tree({"en/phrases.toml": f"""
        [[phrase]]
        id = "thank.patience"
        text = "Thanks, {template}"
        source = "tr-angry-customers#3.4"
        """})
    problems = [str(p) for p in validate_paths([root])]
    assert any(":3: error: " in p and fragment in p for p in problems), problems
    with pytest.raises(phrasebook.LocaleDataError, match=re.escape(fragment)):
        phrasebook.load([root])


@pytest.mark.parametrize(("lang", "n", "text"), [
    # de-CH groups with an apostrophe (U+0027 since CLDR 48; babel's formatter drops pairs)
    ("de-CH", 1000000, "1'000'000"),
    ("de-CH", 1234567.891, "1'234'567.891"),
    ("de-CH", -1234.5, "-1'234.5"),
    # Bokmål's minus sign is U+2212
    ("nb", -5, "\u22125"),
    ("nb", -1234.5, "\u22121\xa0234,5"),
    # Georgian groups only from five digits (CLDR minimumGroupingDigits = 2)
    ("ka", 1234, "1234"),
    ("ka", -1234.5, "-1234,5"),
    ("ka", 12345, "12\xa0345"),
    ("cs", 1234, "1\xa0234"),
    ("tr", -1234.5, "-1.234,5"),
    ("en", 2.0005, "2"),
])
def test_cldr_numbers_where_babel_differs(lang: str, n: object, text: str) -> None:
    assert render("{n}", lang, n=n) == text
    assert render("{n, plural, other {#}}", lang, n=n) == text


# --- regional spelling: the template once, never the values -----------------------------------

def test_regional_spelling_leaves_values_alone(book: phrasebook.Phrasebook) -> None:
    assert phrasebook.render("Grüße, {name}", "de-CH", name="Strauß") == "Grüsse, Strauß"
    assert book.render("{name} grüßt", "de-CH", name="Strauß") == "Strauß grüsst"
    swiss = [p for p in book.language_phrases("de-CH").phrases if "agent_name" in p.text]
    assert swiss and all(p.lang == "de-CH" for p in swiss)
    for phrase in swiss:
        assert "Strauß" in phrase.render(agent_name="Strauß", minutes=2, team="Strauß",
                                         order_id="Strauß")


def test_regional_spelling_leaves_keys_and_styles_alone() -> None:
    template = "{g, select, groß {Groß} other {Klein}}: {n, plural, =1 {ein Gruß} other {# Grüße}}"
    assert phrasebook.render(template, "de-CH", g="groß", n=1) == "Gross: ein Gruss"
    assert phrasebook.render(template, "de-CH", g="klein", n=3) == "Klein: 3 Grüsse"
    assert respell("It''s {n, number, ::currency/EUR} für '{'Straße'}'",
                   lambda text: text.replace("ß", "ss")) == (
        "It''s {n, number, ::currency/EUR} für '{'Strasse'}'")


@pytest.mark.parametrize("template", [
    "It''s '{literal}' and {x}", "{n, plural, offset:1 =0 {none} one {# x} other {# y}}",
    "{ n ,  number ,  ::currency/EUR  .00 }", "{g, select, a {{n, plural, other {#}}} other {}}",
    "Grüße '#' {n, selectordinal, one {#.} other {#.}}",
])
def test_respelling_nothing_keeps_a_template_byte_for_byte(template: str) -> None:
    assert template_problem(template) is None
    assert respell(template, lambda text: text) == template


def test_respelling_nothing_keeps_every_builtin_phrasing(book: phrasebook.Phrasebook) -> None:
    for lang in book.languages():
        for phrase in book.language_phrases(lang.code).phrases:
            assert respell(phrase.text, lambda text: text) == phrase.text, phrase.id
