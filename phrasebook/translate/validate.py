"""``phrasebook validate``: every problem in locale files, each on one line with ``path:line``.

Where loading stops at the first broken file, validation reports everything: what the reader
finds (TOML syntax, the schema, duplicate ids), what loading refuses (registers, sources,
templates), and the translator-facing checks: ids and placeholders against English, stray
whitespace, non-NFC text, waivers, tone findings that are not waived, rule examples that do not
behave, and translations made from an older English text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..assist.checks import signal_file_problems
from ..assist.detect import without_false_stops
from ..assist.schema import PLAYBOOK_FILE
from ..catalog.checks import english_entries, entry_problems
from ..catalog.facts import LanguageFacts, merge_facts
from ..catalog.paths import (
    LANGUAGE_FILE,
    LOCALE_FILES,
    PHRASES_FILE,
    SIGNALS_FILE,
    TONE_FILE,
    builtin_root,
)
from ..catalog.reader import LocatedEntry, PhrasesRead, read_document, read_phrases
from ..catalog.schema import LanguageFile, PhraseEntry
from ..catalog.sources import SOURCES_FILE, Citations, GuideFile
from ..catalog.text import SourceText
from ..errors import LocaleDataError, Problem, Severity, counted, did_you_mean
from ..icu import placeholders, template_problem
from ..model import Register, english_hash
from ..tone.engine import LanguageRules
from ..tone.schema import RuleFile, merge_rule_files
from .playbook import playbook_beside, playbook_file_problems, playbook_targets

__all__ = ["Target", "counts", "validate_paths"]

KNOWN_FILES = (*LOCALE_FILES, SOURCES_FILE, PLAYBOOK_FILE)


@dataclass(frozen=True)
class Target:
    """A language folder to validate, and the one file in it when a file was named."""

    code: str
    folder: Path
    only: str | None = None

    def wants(self, name: str) -> bool:
        """True when the file ``name`` of the folder is to be validated."""
        return self.only is None or self.only == name


def _targets(paths: Iterable[Path], problems: list[Problem]) -> list[Target]:
    """The language folders named by ``paths``; what names none is a problem."""
    found: list[Target] = []
    for path in paths:
        if path.is_file():
            if path.name in (SOURCES_FILE, PLAYBOOK_FILE):
                continue  # read with the folders beside it
            if path.name not in LOCALE_FILES:
                problems.append(Problem(str(path), None, None, Severity.ERROR,
                                        "not a locale file (expected one of "
                                        f"{', '.join(KNOWN_FILES)})"))
                continue
            found.append(Target(path.parent.resolve().name.lower(), path.parent, path.name))
        elif path.is_dir():
            if any((path / name).is_file() for name in LOCALE_FILES):
                found.append(Target(path.resolve().name.lower(), path))
                continue
            children = [Target(child.name.lower(), child) for child in sorted(path.iterdir())
                        if child.is_dir()
                        and any((child / name).is_file() for name in LOCALE_FILES)]
            if not children and not any((path / name).is_file()
                                        for name in (SOURCES_FILE, PLAYBOOK_FILE)):
                problems.append(Problem(str(path), None, None, Severity.ERROR,
                                        "no locale files here (a locale folder holds "
                                        f"<code>/{PHRASES_FILE} and the like)"))
            found += children
        else:
            problems.append(Problem(str(path), None, None, Severity.ERROR,
                                    "no such file or folder"))
    return found


def _english(targets: list[Target]) -> tuple[dict[str, PhraseEntry], Path]:
    """The English base to measure translations against.

    An ``en`` folder being validated, else the one beside the folders (a copy of the locales),
    else the built-in one.
    """
    chosen = builtin_root() / "en"
    for target in targets:
        if (target.folder.parent / "en" / PHRASES_FILE).is_file():
            chosen = target.folder.parent / "en"
    for target in targets:
        if target.code == "en" and (target.folder / PHRASES_FILE).is_file():
            chosen = target.folder
    read = read_phrases(chosen / PHRASES_FILE)
    return english_entries([read]), chosen


def _citations(targets: list[Target], problems: list[Problem]) -> Citations:
    """The built-in guides, plus those of every ``sources.toml`` beside the folders."""
    merged = Citations()
    paths = [builtin_root() / SOURCES_FILE]
    paths += sorted({t.folder.parent / SOURCES_FILE for t in targets})
    seen: set[Path] = set()
    for path in paths:
        if not path.is_file() or path.resolve() in seen:
            continue
        seen.add(path.resolve())
        read = read_document(path, GuideFile)
        if path.resolve() != (builtin_root() / SOURCES_FILE).resolve():
            problems += read.problems
        if read.model is not None:
            merged = merged.merged(Citations.of(read.model.guide, path))
    return merged


def _facts(target: Target, problems: list[Problem]) -> tuple[LanguageFacts | None, bool]:
    """The language's facts and whether this folder defines the language (else overlays it)."""
    files: list[tuple[Path, LanguageFile]] = []
    defines = False
    builtin = builtin_root() / target.code / LANGUAGE_FILE
    own = target.folder / LANGUAGE_FILE
    if own.is_file():
        read = read_document(own, LanguageFile)
        if target.wants(LANGUAGE_FILE):
            problems += read.problems
        if read.model is not None:
            defines = read.model.registers is not None
            files.append((own, read.model))
    if builtin.is_file() and builtin.resolve() != own.resolve() and not defines:
        read = read_document(builtin, LanguageFile)
        if read.model is not None:
            files.insert(0, (builtin, read.model))
    try:
        return merge_facts(target.code, files, target.folder), defines or not files
    except LocaleDataError as exc:
        problems.append(exc.as_problem())
        return None, defines


def _rule_problems(path: Path, source: SourceText, data: RuleFile, context: RuleFile,
                   facts: LanguageFacts, prepare: Callable[[str], str] = str
                   ) -> Iterator[Problem]:
    """Each rule compiled with the language's word classes, run on its own examples.

    ``prepare`` turns an example into what the rules see (signal rules read a message as
    ``suggest`` does).
    """
    for index, entry in enumerate(data.rule):
        alone = context.model_copy(update={"rule": (entry,)})
        try:
            single = LanguageRules.build(facts.code, alone, facts.default_register)
        except LocaleDataError as exc:
            line = source.key_line("rule", index, "patterns")
            yield Problem(str(path), line, None, Severity.ERROR, exc.message)
            continue
        register = None
        if entry.register is not None:
            register = (Register.INFORMAL if entry.register is Register.FORMAL
                        else Register.FORMAL)
        line = source.key_line("rule", index, "flags")
        for sentence in entry.flags:
            if not single.check(prepare(sentence), register).findings:
                yield Problem(str(path), line, None, Severity.ERROR,
                              f"rule {entry.rule!r} does not flag its example {sentence!r}")
        line = source.key_line("rule", index, "passes")
        for sentence in entry.passes:
            hits = single.check(prepare(sentence), register).findings
            if hits:
                yield Problem(str(path), line, None, Severity.ERROR,
                              f"rule {entry.rule!r} flags {hits[0].match!r} in its pass "
                              f"example {sentence!r}")


def _rules(target: Target, facts: LanguageFacts | None, problems: list[Problem]
           ) -> LanguageRules | None:
    """The tone rules the folder's phrasings are checked with.

    The built-in rules of the language (an overlay is held to the same standard) plus the
    folder's own; each rule file of the folder is checked too, rule by rule, on its examples.
    """
    base: list[RuleFile] = []
    builtin = builtin_root() / target.code / TONE_FILE
    own = target.folder / TONE_FILE
    if builtin.is_file() and builtin.resolve() != own.resolve():
        read = read_document(builtin, RuleFile)
        if read.model is not None:
            base.append(read.model)
    tone = list(base)
    for name in (TONE_FILE, SIGNALS_FILE):
        path = target.folder / name
        if not path.is_file():
            continue
        read = read_document(path, RuleFile)
        if target.wants(name):
            problems += read.problems
            if read.model is not None and facts is not None and read.source is not None:
                context = merge_rule_files([*base, read.model] if name == TONE_FILE
                                           else [read.model])
                problems += _rule_problems(path, read.source, read.model, context, facts,
                                           without_false_stops if name == SIGNALS_FILE else str)
                if name == SIGNALS_FILE:
                    # an overlay's signals.toml adds to the built-in one: it need not be complete
                    builtin_signals = builtin_root() / target.code / SIGNALS_FILE
                    complete = (not builtin_signals.is_file()
                                or builtin_signals.resolve() == path.resolve())
                    problems += signal_file_problems(path, read.source, read.model,
                                                     playbook_beside(target.folder), complete)
        if name == TONE_FILE:
            if read.model is None:
                return None
            tone.append(read.model)
    merged = merge_rule_files(tone)
    if not merged.rule or facts is None:
        return None
    try:
        return LanguageRules.build(target.code, merged, facts.default_register)
    except LocaleDataError as exc:
        problems.append(Problem(str(own), None, None, Severity.ERROR, exc.message))
        return None


def glued_placeholders(template: str) -> list[tuple[str, str]]:
    """The top-level placeholders of ``template`` written against a letter, with that text.

    A placeholder takes whatever value the app gives it, so a case ending or a word glued to
    it (``{order_id}'nin``, ``{team}გუნდ``) is right for some values and wrong for others.

    >>> glued_placeholders("Sipariş {order_id}'nin durumu")
    [('order_id', "'nin")]
    >>> glued_placeholders("{n, plural, one {# item} other {# items}} for {name}.")
    []
    """
    found = []
    depth = start = 0
    for index, char in enumerate(template):
        if char == "{":
            if depth == 0:
                start = index
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth:
                continue
            name = template[start + 1:index].split(",")[0].strip()
            before = template[max(0, start - 12):start]
            after = template[index + 1:index + 13]
            head = _GLUED_BEFORE.search(before)
            tail = _GLUED_AFTER.match(after)
            if head:
                found.append((name, head.group()))
            if tail:
                found.append((name, tail.group()))
    return found


_GLUED_BEFORE = re.compile(r"[^\W\d_]+$")
_GLUED_AFTER = re.compile(r"['’]?[^\W\d_]+")


def _texts_problems(read: PhrasesRead, located: LocatedEntry, code: str,
                    english: dict[str, PhraseEntry]) -> Iterator[Problem]:
    entry = located.entry
    base = english.get(entry.id)
    for register, text in entry.texts().items():
        key = "text" if register is Register.NEUTRAL else register.value
        if text != text.strip() or "  " in text or "\t" in text:
            yield read.at(located, key,
                          "stray whitespace in text (leading, trailing, double or tab)")
        if not unicodedata.is_normalized("NFC", text):
            yield read.at(located, key,
                          "text is not in Unicode NFC; normalize it (composed accents)")
        for name, glued in glued_placeholders(text):
            yield read.at(located, key,
                          f"placeholder {{{name}}} is glued to {glued!r}: a value cannot take "
                          "an ending or agree with the words around it; rephrase so it stands "
                          "alone (\"{order_id} numaralı sipariş\", \"the {team} team\") and say "
                          "in the note which form the value must have", Severity.WARNING)
        if base is not None and code != "en" and template_problem(text) is None:
            base_text = base.first_text
            if template_problem(base_text) is None:
                ours, theirs = placeholders(text), placeholders(base_text)
                if ours != theirs:
                    yield read.at(located, key, f"placeholders {sorted(ours)} differ from "
                                                f"English {sorted(theirs)}")


def _tone_problems(read: PhrasesRead, located: LocatedEntry, rules: LanguageRules
                   ) -> Iterator[Problem]:
    entry = located.entry
    for waived in entry.allow:
        if waived not in rules.rule_ids:
            yield read.at(located, "allow", f"waiver of unknown rule {waived!r}"
                                            + did_you_mean(waived, rules.rule_ids))
    fired: set[str] = set()
    for register, text in entry.texts().items():
        key = "text" if register is Register.NEUTRAL else register.value
        for finding in rules.check(text, register).findings:
            fired.add(finding.rule)
            if finding.rule not in entry.allow:
                yield read.at(located, key, f"tone: {finding.rule} {finding.match!r}: "
                                            f"{finding.message}")
    for waived in entry.allow:
        if waived in rules.rule_ids and waived not in fired:
            yield read.at(located, "allow",
                          f"waiver of {waived!r} is not needed: the rule does not fire",
                          Severity.WARNING)


def _phrases_problems(target: Target, facts: LanguageFacts | None, defines: bool,
                      english: dict[str, PhraseEntry], citations: Citations,
                      rules: LanguageRules | None) -> Iterator[Problem]:
    path = target.folder / PHRASES_FILE
    read = read_phrases(path)
    yield from read.problems
    code = target.code
    base = english if code != "en" else {}
    for located in read:
        entry = located.entry
        if code != "en" and defines and entry.id not in english:
            yield read.at(located, "id", f"id {entry.id!r} is not in the English base"
                                         + did_you_mean(entry.id, english))
        if entry.todo:
            continue
        if facts is not None:
            yield from entry_problems(read, located, facts=facts, english=base,
                                      citations=citations, templates=True)
        yield from _texts_problems(read, located, code, english)
        if (code != "en" and entry.en_hash is not None and entry.id in english
                and english_hash(english[entry.id].first_text) != entry.en_hash):
            yield read.at(located, "en_hash",
                          f"outdated: the English text of {entry.id!r} changed since this "
                          "translation; update it, then run 'phrasebook confirm'",
                          Severity.WARNING)
        if rules is not None:
            yield from _tone_problems(read, located, rules)
    if code != "en" and defines and facts is not None and facts.shipped and read.model:
        present = {located.entry.id for located in read if not located.entry.todo}
        missing = sorted(set(english) - present)
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            yield read.problem(f"{counted(len(missing), 'English id')} not translated yet: {shown}",
                               severity=Severity.WARNING)


def validate_paths(paths: Iterable[Path] | None = None) -> list[Problem]:
    """Validate locale folders or files (the built-ins when ``paths`` is None).

    Everything wrong is returned as problems, sorted by file and line: inside the files, and
    paths that are not locale files or do not exist.
    """
    problems: list[Problem] = []
    named = list(paths) if paths is not None else [builtin_root()]
    targets = _targets(named, problems)
    english, _ = _english(targets)
    citations = _citations(targets, problems)
    for path in playbook_targets(named):
        problems += playbook_file_problems(path, english, citations)
    for target in targets:
        facts, defines = _facts(target, problems)
        rules = _rules(target, facts, problems)
        if target.wants(PHRASES_FILE) and (target.folder / PHRASES_FILE).is_file():
            if rules is None and target.code != "en" and facts is not None and defines:
                problems.append(Problem(str(target.folder / TONE_FILE), None, None,
                                        Severity.WARNING,
                                        "no tone rules yet: phrasings are not tone-checked"))
            problems += _phrases_problems(target, facts, defines, english, citations, rules)
    unique = {(p.sort_key(), p) for p in problems}
    return [p for _, p in sorted(unique, key=lambda row: row[0])]


def counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """Count ``(errors, warnings)``."""
    listed = list(problems)
    errors = sum(1 for p in listed if p.severity is Severity.ERROR)
    return errors, len(listed) - errors
