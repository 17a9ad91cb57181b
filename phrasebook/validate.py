"""Checking locale folders for translators: every problem, each on one line with ``path:line``.

Where loading stops at the first problem, validation reports them all: TOML syntax, the schema
(unknown keys, wrong types, bad values with a close match), duplicate ids, ids missing from
English or unknown to it, placeholder parity with English, empty text, stray whitespace, non-NFC
text, waivers, tone findings that are not waived, rule examples that do not behave, and
translations made from an older English text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from .catalog import PHRASES_FILE, builtin_root
from .errors import LocaleDataError, PhrasebookError, closest
from .locale_files import SourceText, parse_toml, read_text, validation_problems
from .model import PhraseEntry, PhraseFile, Register, english_hash
from .rendering import placeholders, template_problem
from .sources import citation_problem
from .tone import TONE_FILE, LanguageRules
from .tone_rules import RuleEntry, ToneFile

__all__ = ["EnglishBase", "Problem", "read_entries", "validate_paths"]

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a locale file, printed as ``path:line[:col]: severity: message``."""

    path: str
    line: int = 0
    column: int = 0
    severity: Severity = "error"
    message: str = ""

    def __str__(self) -> str:
        """Render the one-line form."""
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.severity}: {self.message}"

    @classmethod
    def from_error(cls, error: LocaleDataError, severity: Severity = "error") -> Problem:
        """Turn a located `LocaleDataError` into a problem."""
        return cls(error.path or "", error.line or 0, error.column or 0, severity, error.message)


@dataclass(frozen=True)
class EnglishBase:
    """The English entries every translation is measured against: id -> text."""

    texts: dict[str, str] = field(default_factory=dict)

    def hash_of(self, phrase_id: str) -> str | None:
        """The hash of the English text of ``phrase_id``, or None if English lacks it."""
        text = self.texts.get(phrase_id)
        return english_hash(text) if text is not None else None


@dataclass
class ReadEntries:
    """The valid entries of a phrases file with their indexes, and the problems found."""

    source: SourceText | None
    entries: list[tuple[int, PhraseEntry]]
    problems: list[Problem]

    def raise_first_error(self) -> None:
        """Raise the first error as a `LocaleDataError`, for tools that need a valid file."""
        for problem in self.problems:
            if problem.severity == "error":
                raise LocaleDataError(problem.message, path=problem.path,
                                      line=problem.line or None)


def read_entries(path: Path) -> ReadEntries:
    """Read every valid ``[[phrase]]`` entry of ``path``, collecting problems instead of raising."""
    try:
        source = read_text(path)
        data = parse_toml(source)
    except LocaleDataError as exc:
        return ReadEntries(None, [], [Problem.from_error(exc)])
    problems: list[Problem] = []
    raw = data.get("phrase", [])
    try:
        PhraseFile.model_validate({k: v for k, v in data.items() if k != "phrase"})
    except ValidationError as exc:
        problems += [Problem.from_error(e) for e in validation_problems(source, PhraseFile, exc)]
    if not isinstance(raw, list):
        line = source.top_key_line("phrase") or 0
        problems.append(Problem(str(path), line, 0, "error", "phrase must be [[phrase]] tables"))
        raw = []
    entries = []
    for index, item in enumerate(raw):
        try:
            entries.append((index, PhraseEntry.model_validate(item)))
        except ValidationError as exc:
            located = validation_problems(source, PhraseFile, exc, prefix=("phrase", index))
            problems += [Problem.from_error(e) for e in located]
    return ReadEntries(source, entries, problems)


def english_base(folders: Iterable[tuple[str, Path]]) -> EnglishBase:
    """The English to measure translations against.

    An ``en`` folder being validated, else the ``en`` beside the folders being validated (a copy
    of the locales), else the built-in English.
    """
    chosen = builtin_root() / "en" / PHRASES_FILE
    folders = list(folders)
    for _, folder in folders:
        sibling = folder.parent / "en" / PHRASES_FILE
        if sibling.is_file():
            chosen = sibling
    for code, folder in folders:
        if code == "en" and (folder / PHRASES_FILE).is_file():
            chosen = folder / PHRASES_FILE
    read = read_entries(chosen) if chosen.is_file() else ReadEntries(None, [], [])
    return EnglishBase({e.id: e.text for _, e in read.entries if not e.todo})


def _read_rules(path: Path, code: str, problems: list[Problem]) -> tuple[RuleEntry, ...] | None:
    """The rules of one tone file, reporting its problems; None when it cannot be used."""
    try:
        source = read_text(path)
        data = parse_toml(source)
    except LocaleDataError as exc:
        problems.append(Problem.from_error(exc))
        return None
    try:
        parsed = ToneFile.model_validate(data)
    except ValidationError as exc:
        problems += [Problem.from_error(e) for e in validation_problems(source, ToneFile, exc)]
        return None
    for index, entry in enumerate(parsed.rule):
        problems += _rule_examples(source, index, entry, code)
    return parsed.rule


def _rules(folder: Path, code: str, problems: list[Problem]) -> LanguageRules | None:
    """The tone rules the phrasings in ``folder`` are checked with.

    The built-in rules of the language (an overlay is held to the same standard) plus the
    folder's own.
    """
    entries: list[RuleEntry] = []
    builtin = builtin_root() / code / TONE_FILE
    own = folder / TONE_FILE
    if builtin.is_file() and builtin.resolve() != own.resolve():
        entries += _read_rules(builtin, code, []) or ()
    if own.is_file():
        read = _read_rules(own, code, problems)
        if read is None:
            return None
        entries += read
    return LanguageRules.build(code, tuple(entries)) if entries else None


def _rule_examples(source: SourceText, index: int, entry: RuleEntry, code: str) -> list[Problem]:
    single = LanguageRules.build(code, (entry,))
    register = None
    if entry.register is not None:
        register = Register.INFORMAL if entry.register is Register.FORMAL else Register.FORMAL
    found = []
    for sentence in entry.flags:
        if not single.check(sentence, register).findings:
            line = source.key_line("rule", index, "flags") or 0
            found.append(Problem(str(source.path), line, 0, "error",
                                 f"rule {entry.rule!r} does not flag its example {sentence!r}"))
    for sentence in entry.passes:
        hits = single.check(sentence, register).findings
        if hits:
            line = source.key_line("rule", index, "passes") or 0
            found.append(Problem(str(source.path), line, 0, "error",
                                 f"rule {entry.rule!r} flags {hits[0].match!r} in its pass "
                                 f"example {sentence!r}"))
    return found


def _entry_problems(
    path: Path, source: SourceText, index: int, entry: PhraseEntry, code: str,
    english: EnglishBase, rules: LanguageRules | None,
) -> Iterator[Problem]:
    def at(key: str, severity: Severity, message: str) -> Problem:
        return Problem(str(path), source.key_line("phrase", index, key) or 0, 0, severity, message)

    if entry.id not in english.texts:
        near = closest(entry.id, english.texts)
        hint = f"; did you mean {near!r}?" if near else ""
        yield at("id", "error", f"id {entry.id!r} is not in the English base{hint}")
    if entry.todo:
        return
    citation = citation_problem(entry.source)
    if citation:
        yield at("source", "error", citation)
    text = entry.text
    if not text.strip():
        yield at("text", "error", "text is empty")
        return
    if text != text.strip() or "  " in text or "\t" in text:
        yield at("text", "error", "stray whitespace in text (leading, trailing, double or tab)")
    if not unicodedata.is_normalized("NFC", text):
        yield at("text", "error", "text is not in Unicode NFC; normalise it (composed accents)")
    problem = template_problem(text)
    if problem:
        yield at("text", "error", problem)
    elif entry.id in english.texts and code != "en":
        ours, theirs = placeholders(text), placeholders(english.texts[entry.id])
        if ours != theirs:
            yield at("text", "error",
                     f"placeholders {sorted(ours)} differ from English {sorted(theirs)}")
    if code != "en" and entry.en_hash is not None:
        current = english.hash_of(entry.id)
        if current is not None and current != entry.en_hash:
            yield at("en_hash", "warning",
                     f"outdated: the English text of {entry.id!r} changed since this translation; "
                     "update it, then run 'phrasebook confirm'")
    if rules is None:
        return
    for waived in entry.allow:
        if waived not in rules.rule_ids:
            near = closest(waived, rules.rule_ids)
            hint = f"; did you mean {near!r}?" if near else ""
            yield at("allow", "error", f"waiver of unknown rule {waived!r}{hint}")
    report = rules.check(text, entry.register)
    fired = {f.rule for f in report.findings}
    for finding in report.findings:
        if finding.rule not in entry.allow:
            yield at("text", "error", f"tone: {finding.rule} {finding.match!r}: {finding.message}")
    for waived in entry.allow:
        if waived in rules.rule_ids and waived not in fired:
            yield at("allow", "warning",
                     f"waiver of {waived!r} is not needed: the rule does not fire")


def validate_phrases(
    path: Path, code: str, english: EnglishBase, rules: LanguageRules | None
) -> list[Problem]:
    """Every problem in one ``phrases.toml``."""
    read = read_entries(path)
    problems = list(read.problems)
    if read.source is None:
        return problems
    seen: dict[tuple[str, Register], int] = {}
    registers: dict[str, set[Register]] = {}
    for index, entry in read.entries:
        line = read.source.entry_line("phrase", index) or 0
        key = (entry.id, entry.register)
        if key in seen:
            problems.append(Problem(str(path), line, 0, "error",
                                    f"duplicate phrase {entry.id!r} ({entry.register.value}); "
                                    f"first defined on line {seen[key]}"))
            continue
        seen[key] = line
        kinds = registers.setdefault(entry.id, set())
        kinds.add(entry.register)
        if Register.NEUTRAL in kinds and len(kinds) > 1:
            problems.append(Problem(str(path), line, 0, "error",
                                    f"{entry.id!r} has a neutral entry and a formal or informal "
                                    "one: keep either the neutral one or the two variants"))
        problems += _entry_problems(path, read.source, index, entry, code, english, rules)
    if code != "en":
        present = {entry.id for _, entry in read.entries}
        missing = sorted(set(english.texts) - present)
        if missing:
            shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
            problems.append(Problem(str(path), 0, 0, "warning",
                                    f"{len(missing)} English ids not translated yet: {shown}"))
    return problems


def _language_folders(paths: Iterable[Path]) -> Iterator[tuple[str, Path, Path | None]]:
    """Yield (code, folder, only-this-file-or-None) for each path given."""
    for path in paths:
        if path.is_file():
            yield path.parent.resolve().name.lower(), path.parent, path
        elif (path / PHRASES_FILE).is_file() or (path / TONE_FILE).is_file():
            yield path.resolve().name.lower(), path, None
        elif path.is_dir():
            for child in sorted(path.iterdir()):
                if child.is_dir() and ((child / PHRASES_FILE).is_file()
                                       or (child / TONE_FILE).is_file()):
                    yield child.name.lower(), child, None
        else:
            raise PhrasebookError(f"no such file or folder: {path}")


def validate_paths(paths: Iterable[Path] | None = None) -> list[Problem]:
    """Validate locale folders or files (the built-ins when ``paths`` is None).

    Raises `PhrasebookError` only for a path that does not exist; everything wrong inside the
    files is returned as problems, sorted by file and line.
    """
    targets = list(_language_folders(list(paths) if paths is not None else [builtin_root()]))
    english = english_base((code, folder) for code, folder, _ in targets)
    problems: list[Problem] = []
    for code, folder, only in targets:
        rule_problems: list[Problem] = []
        rules = _rules(folder, code, rule_problems)
        if only is None or only.name == TONE_FILE:
            problems += rule_problems
        phrases = folder / PHRASES_FILE
        if phrases.is_file() and (only is None or only.name == PHRASES_FILE):
            if rules is None and not rule_problems and code != "en":
                problems.append(Problem(str(folder / TONE_FILE), 0, 0, "warning",
                                        "no tone rules yet: phrasings are not tone-checked"))
            problems += validate_phrases(phrases, code, english, rules)
    return sorted(set(problems))


def summary(problems: list[Problem]) -> dict[str, Any]:
    """Count errors and warnings."""
    errors = sum(1 for p in problems if p.severity == "error")
    return {"errors": errors, "warnings": len(problems) - errors}
