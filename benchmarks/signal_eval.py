"""Precision and recall of agent assist's signals, and its steps, on the evaluation corpus.

    python benchmarks/signal_eval.py              # every part, every language
    python benchmarks/signal_eval.py --half dev   # the half rules are tuned on
    python benchmarks/signal_eval.py --half extra --misses  # the development cases it gets wrong

The corpus (``tests/signal_corpus/<code>/``) was written by readers who had not seen the signal
rules, and checked by second readers: ``dev.toml`` and ``test.toml`` are the two halves of one
corpus, split alternately; ``dev-extra.toml`` to ``dev-extra5.toml`` (``--half extra`` to
``extra5``) are further development sets written later. Rules
are tuned on the development sets only; the test half is scored in aggregate, never read while
writing rules, so ``--misses`` refuses to list test cases.

Figures per language and half: precision and recall over every (message, signal) pair, the
share of messages whose signals are exactly the reader's, *steps right* (the steps planned from
the signals found are the steps the reader's signals call for: the same intents in the same
order with the same phrasings), and, where the language has two registers, the share of
messages whose address form (formal, informal, none) is the reader's. Then precision / recall
per signal, with the number of messages that carry it.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import phrasebook
from phrasebook.assist import plan, store
from phrasebook.model import Register
from phrasebook.translate.evaluate import Case, Detection, Score, read_cases, score

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "signal_corpus"
FILES = {"dev": "dev.toml", "extra": "dev-extra.toml", "extra2": "dev-extra2.toml",
         "extra3": "dev-extra3.toml", "extra4": "dev-extra4.toml",
         "extra5": "dev-extra5.toml", "test": "test.toml"}
ADDRESS = {"formal": Register.FORMAL, "informal": Register.INFORMAL, "none": Register.NEUTRAL}


@dataclass
class SignalScore:
    """The figures of one language on one half."""

    score: Score
    steps_right: int = 0
    address_right: int = 0
    address_cases: int = 0  # cases with an address label (languages with two registers)


def _addresses(path: Path) -> list[str | None]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [row.get("address") for row in data.get("message", [])]


def evaluate(lang: str, half: str) -> SignalScore | None:
    """Score ``lang`` on one half of the corpus (None when the file is missing)."""
    path = CORPUS / lang / FILES[half]
    if not path.is_file():
        return None
    book = phrasebook.load([])
    playbook = store.playbook(book.catalog)
    phrases = book.language_phrases(lang)
    register = book.facts(lang).default_register
    cases = read_cases(path, table="message", labels_key="signals")
    addresses = _addresses(path)
    result = SignalScore(Score())
    suggestions = {}

    def detect(case: Case) -> list[Detection]:
        found = book.suggest(case.text, lang)
        suggestions[case.source] = found
        return [Detection(s.id, s.start, s.end) for s in found.signals]

    result.score = score(cases, detect, playbook.signals)
    for case, address in zip(cases, addresses, strict=True):
        found = suggestions[case.source]
        expected = plan.plan(case.labels, playbook, phrases, register)
        result.steps_right += _steps(found.steps) == _steps(expected)
        if address is not None:
            result.address_cases += 1
            result.address_right += found.address is ADDRESS[address]
    return result


def _steps(steps: tuple[phrasebook.Step, ...]) -> list[tuple[str, tuple[str, ...]]]:
    return [(step.intent.value, tuple(p.id for p in step.phrases)) for step in steps]


def table(results: dict[tuple[str, str], SignalScore], signals: tuple[str, ...]) -> str:
    """The figures as a plain-text table."""
    lines = ["lang half   cases  precision  recall  exact  steps-right  address"]
    for (lang, half), r in sorted(results.items()):
        s = r.score
        address = (f"{r.address_right / r.address_cases:>7.3f}" if r.address_cases
                   else f"{'-':>7}")
        lines.append(f"{lang:<4} {half:<5} {s.cases:>6}  {s.precision:>9.3f}  "
                     f"{s.label_recall:>6.3f}  {s.exact / s.cases:>5.3f}  "
                     f"{r.steps_right / s.cases:>11.3f}  {address}")
    lines += ["", "per signal: precision / recall (messages carrying it)"]
    for (lang, half), r in sorted(results.items()):
        cells = []
        for signal in signals:
            counts = r.score.per_label.get(signal)
            if counts is None or counts.tp + counts.fp + counts.fn == 0:
                cells.append(f"{signal} -")
            else:
                cells.append(f"{signal} {counts.precision:.2f}/{counts.recall:.2f} "
                             f"({counts.tp + counts.fn})")
        lines.append(f"{lang:<4} {half:<5} " + "  ".join(cells))
    return "\n".join(lines)


def misses(lang: str, half: str) -> list[str]:
    """The development cases whose signals are not the reader's: what was found and expected."""
    if half == "test":
        raise ValueError("misses are listed for development sets only")
    book = phrasebook.load([])
    rows = []
    for case in read_cases(CORPUS / lang / FILES[half], table="message", labels_key="signals"):
        found = book.suggest(case.text, lang)
        fired = set(found.ids)
        if fired != case.labels:
            extra = sorted(fired - case.labels)
            missed = sorted(case.labels - fired)
            matches = "; ".join(f"{s.id}={s.match!r}" for s in found.signals
                                if s.id in extra)
            rows.append(f"miss {lang} {case.source}: missed {missed} extra {extra} {matches}"
                        f"\n    {case.text!r}")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--half", choices=sorted(FILES), action="append",
                        help="which part (default: all)")
    parser.add_argument("--lang", action="append", help="only these languages")
    parser.add_argument("--misses", action="store_true", help="list the dev cases it gets wrong")
    args = parser.parse_args()
    halves = args.half or list(FILES)
    if args.misses and "test" in halves:
        parser.error("--misses lists dev cases only: the test half is never read while tuning")
    langs = args.lang or sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    results = {}
    for lang in langs:
        for half in halves:
            found = evaluate(lang, half)
            if found is not None:
                results[(lang, half)] = found
    signals = store.playbook(phrasebook.load([]).catalog).signals
    print(table(results, signals))
    if args.misses:
        for lang in langs:
            for row in (row for half in halves for row in misses(lang, half)):
                print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
