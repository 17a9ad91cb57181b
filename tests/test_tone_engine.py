"""The tone engine: folding, offsets, word edges, the caps detector, exceptions, registers."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

import phrasebook
from phrasebook import Register, check
from phrasebook.tone.engine import LanguageRules
from phrasebook.tone.fold import fold, fold_pattern
from phrasebook.tone.schema import RuleEntry
from phrasebook.tone.words import MAX_REGEX_TOKEN

Cli = Callable[..., Any]


def rule(**fields: object) -> RuleEntry:
    base: dict[str, object] = {
        "rule": "refusal", "message": "m", "patterns": ["x"], "flags": ["x"], "passes": ["y"],
        "kind": "regex",
    }
    base.update(fields)
    return RuleEntry.model_validate(base)


def run(entries: list[RuleEntry], text: str, register: Register | None = None) -> list[str]:
    report = LanguageRules.build("xx", tuple(entries)).check(text, register)
    return [text[f.start:f.end] for f in report.findings]


@pytest.mark.parametrize("text", ["İMKANSIZ", "IMKANSIZ", "imkansız", "İmkansız", "imkânsız"])
def test_turkish_case_folding(text: str) -> None:
    entries = [rule(patterns=["imkan(?:s|sı)z", "imkânsız"])]
    assert run(entries, f"Bu {text}.") == [text]


def test_turkish_builtin_matches_all_casings() -> None:
    for text in ("Bu İMKANSIZ.", "Bu IMKANSIZ.", "Bu imkansız."):
        assert "refusal" in [f.rule for f in check(text, "tr").findings], text


def test_georgian_mtavruli_folds_to_mkhedruli() -> None:
    entries = [rule(patterns=["შეუძლებელია"])]
    mtavruli = "ᲨᲔᲣᲫᲚᲔᲑᲔᲚᲘᲐ"
    assert mtavruli.lower() == "შეუძლებელია"
    assert run(entries, f"ეს {mtavruli}!") == [mtavruli]


def test_offsets_refer_to_the_original_even_when_not_nfc() -> None:
    entries = [rule(patterns=["nicht möglich"])]
    decomposed = unicodedata.normalize("NFD", "Äh, das ist nicht möglich.")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    found = run(entries, decomposed)
    assert found == [unicodedata.normalize("NFD", "nicht möglich")]


def test_offsets_survive_length_changing_lower_case() -> None:
    entries = [rule(patterns=["no way"])]
    text = "İİİ İ NO WAY"
    report = LanguageRules.build("xx", tuple(entries)).check(text)
    (finding,) = report.findings
    assert text[finding.start:finding.end] == "NO WAY" == finding.match


def test_fold_keeps_map() -> None:
    folded = fold("ǅx")
    assert folded.span(0, len(folded.folded)) == (0, 2)
    assert fold_pattern(r"İ\W\S") == r"i\W\S"


def test_word_edges() -> None:
    entries = [rule(patterns=["nicht"])]
    assert run(entries, "nichts da") == []
    assert run(entries, "gar nicht.") == ["nicht"]
    assert run([rule(patterns=["!!"])], "Was!! Wirklich") == ["!!"]


def test_unless_removes_overlapping_matches() -> None:
    entries = [rule(patterns=["your fault"], unless=["not your fault"])]
    assert run(entries, "It is not your fault.") == []
    assert run(entries, "It is your fault.") == ["your fault"]


def test_case_sensitive_rule() -> None:
    entries = [rule(rule="register", register="formal", patterns=["Ihnen"], case_sensitive=True)]
    assert run(entries, "Ich helfe Ihnen.", Register.INFORMAL) == ["Ihnen"]
    assert run(entries, "Ich helfe ihnen.", Register.INFORMAL) == []


def test_register_rules_fire_only_against_the_other_register() -> None:
    entries = [
        rule(rule="register", register="informal", patterns=["du"]),
        rule(rule="register", register="formal", patterns=["sie"]),
    ]
    assert run(entries, "Kannst du warten?", Register.INFORMAL) == []
    assert run(entries, "Kannst du warten?", Register.FORMAL) == ["du"]
    assert run(entries, "Du und Sie", Register.NEUTRAL) == ["Du", "Sie"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("THIS IS UNACCEPTABLE", ["THIS IS UNACCEPTABLE"]),
        ("Your DHL PIN is AB-1234", []),
        ("Call the IT desk", []),
        ("I am VERY ANGRY now", ["VERY ANGRY"]),
        ("WHY did you do this", []),
        ("ᲛᲔ ᲕᲐᲠ ᲒᲐᲑᲠᲐᲖᲔᲑᲣᲚᲘ", ["ᲛᲔ ᲕᲐᲠ ᲒᲐᲑᲠᲐᲖᲔᲑᲣᲚᲘ"]),
    ],
)
def test_caps_detector(text: str, expected: list[str]) -> None:
    caps = rule(rule="shouting", kind="caps", patterns=[], ignore=["DHL", "PIN", "IT"])
    assert run([caps], text) == expected


@pytest.mark.parametrize(
    ("fields", "fragment"),
    [
        ({"patterns": ["(a+)+"]}, "nests a repeat inside a repeat"),
        ({"patterns": ["[^.]*nicht"]}, "unbounded repeat with more pattern after it"),
        ({"patterns": ["(a|aa)*b"]}, "alternatives that can start alike"),
        ({"kind": "sequence", "patterns": ["... nicht"]}, "starts with a word to look for"),
        ({"kind": "sequence", "patterns": ["/(a+)+/"]}, "nests a repeat"),
        ({"kind": "sequence", "patterns": ["kann ..20 nicht"]}, "must be ..1 to ..12"),
        ({"patterns": [r"(a)\1"]}, "backreference"),
        ({"patterns": ["(unclosed"]}, "not a valid regular expression"),
        ({"patterns": ["(?i)[!?]{2,}"]}, "sets a global flag"),  # an error once joined
        ({"kind": "sequence", "patterns": ["nein"], "quoted": True}, "quoted is for regex"),
        ({"kind": "sequence", "patterns": ["/(?i)nein/"]}, "sets a global flag"),
        ({"patterns": []}, "needs patterns"),
        ({"rule": "register"}, "register is set exactly"),
        ({"register": "formal"}, "register is set exactly"),
        ({"flags": []}, "too_short"),
        ({"severity": "fatal"}, "enum"),
    ],
)
def test_bad_rules_are_rejected(fields: dict[str, object], fragment: str) -> None:
    with pytest.raises(ValidationError) as info:
        rule(**fields)
    assert fragment in repr(info.value.errors()) or fragment in str(info.value)


def test_findings_are_sorted_and_have_messages() -> None:
    report = check("NO WAY!! That is impossible, and it's your fault.", "en")
    starts = [f.start for f in report.findings]
    assert starts == sorted(starts)
    assert {f.rule for f in report.findings} >= {"refusal", "blame", "shouting"}
    assert all(f.message for f in report.findings)
    assert report.to_json()["findings"][0].keys() >= {
        "rule", "severity", "start", "end", "match", "message", "hint",
    }


def test_check_defaults_to_formal_where_the_language_has_two_registers() -> None:
    assert check("Danke.", "de").register is Register.FORMAL
    assert check("Thanks.", "en").register is Register.NEUTRAL
    assert check("Takk.", "nb", register="formal").findings == ()


def test_check_rejects_bad_arguments() -> None:
    with pytest.raises(phrasebook.UnknownNameError):
        check("x", "de", register="formel")
    with pytest.raises(phrasebook.PhrasebookError):
        check(b"bytes", "de")  # type: ignore[arg-type]
    with pytest.raises(phrasebook.UnsupportedLanguageError):
        check("x", "fr")


def test_public_check_is_the_engine(book: phrasebook.Phrasebook) -> None:
    assert phrasebook.check("Calm down.", "en") == book.tone_rules("en").check("Calm down.")


# --- the CLI ----------------------------------------------------------------------------------

def test_cli_check_text_output_reads_like_a_linter(cli: Cli) -> None:
    result = cli("check", "--lang", "de", "--text", "Das ist leider nicht möglich.")
    assert result.returncode == 1
    assert result.stdout.startswith('<text>:1:16: error refusal "nicht möglich": ')


def test_cli_check_clean_exits_0(cli: Cli) -> None:
    result = cli("check", "--lang", "en", "--text", "Thank you for your patience.")
    assert result.returncode == 0
    assert result.stdout == ""


def test_cli_check_json_and_stdin(cli: Cli) -> None:
    result = cli("check", "--lang", "en", "--format", "json", "-", stdin="Fine.\nCALM DOWN NOW")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["lang"] == "en" and data["register"] == "neutral"
    rules = {f["rule"] for f in data["findings"]}
    assert {"dismissive", "shouting"} <= rules
    first = data["findings"][0]
    assert {"rule", "severity", "start", "end", "match", "message"} <= set(first)
    assert first["line"] == 2


def test_cli_check_reads_stdin_without_text(cli: Cli) -> None:
    result = cli("check", "--lang", "tr", stdin="Bu imkansız.")
    assert result.returncode == 1 and "refusal" in result.stdout


def test_cli_check_register(cli: Cli) -> None:
    result = cli("check", "--lang", "de", "--register", "formal", "--text",
                 "Kannst du mir sagen, was los ist?")
    assert result.returncode == 1 and " register " in result.stdout


def test_cli_check_invalid_utf8_on_stdin_is_exit_2(cli: Cli) -> None:
    result = cli("check", "--lang", "de", stdin=b"caf\xe9 \xff")
    assert result.returncode == 2
    assert "not UTF-8" in result.stderr and "Traceback" not in result.stderr


def test_cli_check_bad_register_is_exit_2(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", "--lang", "de", "--register", "formel", "--text", "Hallo")
    assert result.returncode == 2 and "did you mean 'formal'?" in result.stderr


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Ich sehe, dass Ihre Rücksendung noch nicht bearbeitet wurde.", "de"),
        ("Endişelenmeyin, siparişinizi hemen kontrol ediyorum.", "tr"),
        ("ნუ შეწუხდებით, ახლავე გადავამოწმებ.", "ka"),
        ("I'm sorry the refund hasn't arrived yet.", "en"),
        ("Omlouváme se, že vrácení peněz ještě nedorazilo.", "cs"),
        ("Beklager at refusjonen ikke har kommet ennå.", "nb"),
    ],
)
def test_benign_negation_is_not_a_refusal(text: str, lang: str) -> None:
    assert check(text, lang).findings == ()


# --- sequence rules, word classes, scopes, quotations --------------------------------------------

def rules_file(data: dict[str, object]) -> LanguageRules:
    from phrasebook.tone.schema import RuleFile

    return LanguageRules.build("xx", RuleFile.model_validate(data))


def seq(patterns: list[str], **fields: object) -> dict[str, object]:
    return {"rule": "refusal", "message": "m", "patterns": patterns, "flags": ["x"],
            "passes": ["y"], **fields}


def found(rules: LanguageRules, text: str, register: Register | None = None) -> list[str]:
    return [text[f.start:f.end] for f in rules.check(text, register).findings]


def test_sequence_with_gap_stays_in_its_clause() -> None:
    rules = rules_file({"rule": [seq(["we ..3 can't"])]})
    assert found(rules, "We really just can't do that.") == ["We really just can't"]
    assert found(rules, "We checked, and I can't see a charge.") == []
    assert found(rules, "We are so, so sorry we can't.") == ["we can't"]


def test_sentence_scope_crosses_commas_not_full_stops() -> None:
    rules = rules_file({"rule": [seq(["^ no ... refund"], scope="sentence")]})
    assert found(rules, "No, a refund is not possible.") == ["No, a refund"]
    assert found(rules, "No. The refund is on its way.") == []


def test_an_antipattern_ending_with_dollar_holds_at_the_clause_end_only() -> None:
    rules = rules_file({"rule": [seq(["thanks"], unless=["^ thanks $"])]})
    assert found(rules, "Thanks.") == []
    assert found(rules, "Thanks for the quick reply yesterday.") == ["Thanks"]


def test_word_class_and_affix_grammar() -> None:
    rules = rules_file({
        "words": {"neg-able": {"stem": r"\w{2,}", "affixes": [["ile", "e", "a", "ye"], ["m"],
                                                              ["iyor", "ıyor", "ayacak"],
                                                              ["", "uz"]]}},
        "rule": [seq(["@neg-able"])],
    })
    assert found(rules, "Sipariş iptal edilemiyor.") == ["edilemiyor"]
    assert found(rules, "Bunu yapamayacak, iade edemiyoruz.") == ["yapamayacak", "edemiyoruz"]
    assert found(rules, "Hemen yapıyoruz.") == []
    assert found(rules, "Bunu iade edemiyorsunuz.") == []  # not a person ending of the grammar


def test_class_members_can_be_prefixes_regexes_and_other_classes() -> None:
    rules = rules_file({
        "words": {"refuse": {"words": ["unmöglich", "ausgeschlossen*", "@nope"],
                             "except": ["ausgeschlossener"]},
                  "nope": {"words": ["/nee+/"]}},
        "rule": [seq(["@refuse"])],
    })
    assert found(rules, "Das ist UNMÖGLICH. Neee! Ausgeschlossenes.") == [
        "UNMÖGLICH", "Neee", "Ausgeschlossenes"]
    assert found(rules, "ein ausgeschlossener Fall") == []


def test_quotations_and_reported_speech_are_not_the_agents_voice() -> None:
    rules = rules_file({"reported": ["you wrote that"],
                        "rule": [seq(["impossible"]),
                                 {**seq(["!!"]), "kind": "regex", "rule": "shouting"}]})
    assert found(rules, 'You called it "impossible" and „Frechheit!!!“.') == []
    assert found(rules, "You wrote that it was impossible to log in.") == []
    assert found(rules, "You wrote that. It is impossible.") == ["impossible"]
    assert found(rules, "It's impossible!!") == ["impossible", "!!"]
    assert found(rules, "Don't worry, it isn't impossible.") == ["impossible"]


def test_unless_and_unless_sentence() -> None:
    rules = rules_file({"rule": [seq(["^ no"], scope="sentence",
                                     unless=["no problem"],
                                     unless_sentence=["don't need", "no need"])]})
    assert found(rules, "No. That is the policy.") == ["No"]
    assert found(rules, "No problem at all.") == []
    assert found(rules, "No, you don't need to send it back.") == []
    assert found(rules, "No, sadly the window has closed.") == ["No"]


def test_exact_case_and_scope_start() -> None:
    rules = rules_file({"rule": [seq(["=Ihnen|=Ihr"], rule="register", register="formal")]})
    assert found(rules, "Wir helfen Ihnen.", Register.INFORMAL) == ["Ihnen"]
    assert found(rules, "Wir helfen ihnen.", Register.INFORMAL) == []
    mid = rules_file({"rule": [seq(["=Sie"], rule="register", register="formal",
                                   unless=["^ =Sie"], scope="sentence")]})
    assert found(mid, "Können Sie das prüfen?", Register.INFORMAL) == ["Sie"]
    assert found(mid, "Sie melden sich morgen.", Register.INFORMAL) == []


def test_unknown_word_class_is_a_clear_error() -> None:
    with pytest.raises(phrasebook.LocaleDataError, match="unknown word class @nope"):
        rules_file({"rule": [seq(["@nope"])]})


def test_runs_of_one_rule_are_merged_and_reports_are_bounded() -> None:
    from phrasebook.tone.engine import MAX_FINDINGS

    rules = rules_file({"rule": [{**seq(["!{2,}", r"\?!"]), "kind": "regex", "rule": "shouting"},
                                 seq(["nein"])]})
    report = rules.check("Wie?!?!?! Nein nein nein, nein.")
    assert [f.match for f in report.findings] == ["?!?!?!", "Nein nein nein, nein"]
    big = rules.check("Nein. Ja. " * (MAX_FINDINGS + 10))
    assert big.truncated and len(big.findings) == MAX_FINDINGS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("USB-C PD is supported.", []),
        ("We will NEVER do that.", ["NEVER"]),
        ("KESİNLİKLE yarın gelir.", ["KESİNLİKLE"]),
        ("Your IBAN and PIN, DHL AB-1234", []),
        ("I am SO SORRY", ["SO SORRY"]),
    ],
)
def test_caps_runs_and_single_emphasis(text: str, expected: list[str]) -> None:
    caps = {"rule": "shouting", "kind": "caps", "message": "m", "flags": ["X"], "passes": ["y"],
            "ignore": ["USB", "PD", "IBAN", "PIN", "DHL"], "min_letters": 6,
            "emphasis_letters": 5}
    assert found(rules_file({"rule": [caps]}), text) == expected


@pytest.mark.parametrize(("pattern", "left"), [
    (r"(?<![\w,;:] )(?<![\w,;:])(?:leider,? )?(?:nein|nee)(?:,? leider)?[.!]",
     r"(?:nein|nee)(?:,? leider)?[.!]"),
    (r"(?:a|b)?c", "c"),
    (r"(a(b)c)*?d", "d"),
    (r"(?<=[)])y", "y"),
    (r"[(]x", r"[(]x"),  # a parenthesis in a class opens no group
    (r"\(a)?b", r"\(a)?b"),  # nor does an escaped one
    (r"(?:x)", "(?:x)"),  # a group that must match stays
    (r"(unclosed", "(unclosed"),
])
def test_the_quick_test_drops_only_what_narrows_where_a_match_starts(pattern: str,
                                                                    left: str) -> None:
    from phrasebook.tone.compiled import necessary_part

    assert necessary_part(pattern) == left


def test_a_regex_rule_runs_only_where_its_quick_test_finds_something() -> None:
    # The quick test of "(?<!\w )(?:leider,? )?nein[.!]" is "nein[.!]": a text without it is
    # never run, and one with it is decided by the whole pattern.
    entries = [rule(patterns=[r"(?<![\w,;:] )(?:leider,? )?nein[.!]"])]
    assert run(entries, "Leider, nein. Das geht so nicht.") == ["Leider, nein."]
    assert run(entries, "Das sage ich: nein.") == []  # the lookbehind still holds
    assert run(entries, "Neinsager gibt es.") == []


def test_every_shipped_regex_rule_has_a_quick_test_that_finds_its_flags() -> None:
    book = phrasebook.load([])
    for lang in book.catalog.codes:
        for compiled in book.tone_rules(lang)._rules:
            if compiled.entry.kind != "regex":
                continue
            assert compiled.quick is not None and compiled.regex is not None
            for example in compiled.entry.flags:
                subject = example if compiled.entry.case_sensitive else fold(example).folded
                if compiled.regex.search(subject):
                    assert compiled.quick.search(subject), (lang, example)


def test_a_pattern_that_reads_a_quoted_word_matches_without_help_from_other_rules() -> None:
    # !@any is a word that passes no test: a quoted (masked) word. The text is masked before
    # such a pattern runs, not only after some other rule found something.
    rules = rules_file({"words": {"any": {"words": [r"/\w+/"]}},
                        "rule": [seq(["thanks for ..1 !@any"], rule="gratitude")]})
    assert found(rules, "Thanks for the „great service“.") == ["Thanks for the „great"]
    assert found(rules, "Thanks for the great service.") == []


def test_a_sentence_end_anchor_allows_trailing_clause_marks() -> None:
    # "$" in a sentence-scoped pattern is the end of the sentence, whatever comma comes first.
    rules = rules_file({"rule": [seq(["^ thanks $"], scope="sentence", rule="gratitude")]})
    assert found(rules, "Thanks,\nAnna") == ["Thanks"]
    assert found(rules, "Thanks;") == ["Thanks"]
    assert found(rules, "Thanks, Anna.") == []


@pytest.mark.parametrize(("pattern", "ends"), [
    (r"\w+(?:sa|se)n[iuü]z|\w+s[iuü]n", "nz"),
    (r"\w+(?:ar|er)(?:s[iuü]n|ler)?", "nr"),  # an optional ending: what precedes can end it
    (r"[a-c]x?", "abcx"),
    (r"\w+ar\b", "r"),  # zero-width items do not end a match
    (r"\w+", None),
    (r"x|\w*", None),  # can be empty, or end with anything
    (r"(?i:ab)", None),  # case-insensitive: not followed
    (r"[^a]", None),
    (r"(unclosed", None),
])
def test_the_last_characters_of_a_token_expression(pattern: str, ends: str | None) -> None:
    from phrasebook.tone.ends import last_chars

    found = last_chars(pattern)
    assert (None if found is None else "".join(sorted(found))) == ends


@pytest.mark.parametrize(("pattern", "starts"), [
    (r"(?:gör|bul|duy)\w*", "bdg"),
    (r"(?:ne)?(?:v|d)\w+", "dnv"),  # an optional beginning: what follows can start it
    (r"\bx[a-c]", "x"),  # zero-width items do not start a match
    (r"yol[iuü]|yolumuz|çare\w*", "yç"),
    (r"\w+ar", None),
    (r"x*", None),  # can be empty
    (r"(?i:ab)", None),
    (r"[^a]b", None),
])
def test_the_first_characters_of_a_token_expression(pattern: str, starts: str | None) -> None:
    from phrasebook.tone.ends import first_chars

    found = first_chars(pattern)
    assert (None if found is None else "".join(sorted(found))) == starts


@pytest.mark.parametrize("lang", ["cs", "de", "ka", "tr"])
def test_indexing_token_expressions_by_first_and_last_character_changes_no_word(lang: str
                                                                          ) -> None:
    # Every word of the evaluation corpus gets the same bits as when every token expression is
    # tried on it.
    import re
    import tomllib

    classifier = phrasebook.load([]).tone_rules(lang)._classifier
    words: set[str] = set()
    for path in (Path(__file__).parent / "tone_corpus" / lang).glob("*.toml"):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            words.update(re.findall(r"\w+", fold(case["text"]).folded))
    regexes = classifier._tables.regexes
    assert regexes
    for word in sorted(words):
        if len(word) > MAX_REGEX_TOKEN:
            continue
        every = 0
        for regex, bit in regexes:
            if regex.fullmatch(word):
                every |= bit
        indexed = 0
        for regex, bit in classifier._regexes_for(word[0], word[-1]):
            if regex.fullmatch(word):
                indexed |= bit
        assert indexed == every, word


def test_a_sentence_start_anchor_holds_before_a_clause_word() -> None:
    # A clause word ("dass") carries a clause mark of its own: "^" must still see the start.
    rules = rules_file({"clause_words": ["dass"],
                        "rule": [seq(["^ dass ..4 steht"], scope="sentence", rule="blame")]})
    assert found(rules, "Dass man das muss, steht in der Anleitung.") == [
        "Dass man das muss, steht"]
    assert found(rules, "Ich weiß, dass man das muss, steht dort.") == []
