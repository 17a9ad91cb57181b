"""Precision, recall and false alarms of the tone checker on the evaluation corpus.

    python benchmarks/tone_eval.py              # every part, every language
    python benchmarks/tone_eval.py --half dev   # the half rules are tuned on
    python benchmarks/tone_eval.py --half dev --misses   # list the dev cases it gets wrong

The corpus (``tests/tone_corpus/<code>/``) was written by readers who had not seen the rules:
``dev.toml`` and ``test.toml`` are the two halves of one corpus; ``dev-extra.toml`` to
``dev-extra7.toml`` (``--half extra`` to ``extra7``; the fifth for five languages, the seventh
for cs, de, ka and nb) are further development sets written later, each in other settings and
voices. Rules are tuned on the development sets only; the test half is scored, never read
while writing rules, so ``--misses`` refuses to list test cases.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import phrasebook
from phrasebook.translate.evaluate import Case, Detection, Score, read_cases, score

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "tone_corpus"
RULES = ("refusal", "blame", "overpromise", "dismissive", "shouting", "register")
FILES = {"dev": "dev.toml", "extra": "dev-extra.toml", "extra2": "dev-extra2.toml",
         "extra3": "dev-extra3.toml", "extra4": "dev-extra4.toml",
         "extra5": "dev-extra5.toml", "extra6": "dev-extra6.toml",
         "extra7": "dev-extra7.toml", "test": "test.toml"}


def detector(lang: str) -> object:
    book = phrasebook.load([])

    def detect(case: Case) -> list[Detection]:
        report = book.check(case.text, lang, register=case.register)
        return [Detection(f.rule, f.start, f.end) for f in report.findings]

    return detect


def evaluate(lang: str, half: str) -> Score | None:
    path = CORPUS / lang / FILES[half]
    if not path.is_file():
        return None
    return score(read_cases(path), detector(lang), RULES)  # type: ignore[arg-type]


def table(results: dict[tuple[str, str], Score]) -> str:
    lines = ["lang part  cases  recall  false-alarms  rule-hit  spans  precision  exact"]
    for (lang, half), s in sorted(results.items()):
        lines.append(
            f"{lang:<4} {half:<6} {s.cases:>5}  {s.recall:>6.3f}  {s.false_alarm_rate:>12.3f}  "
            f"{s.label_hit_rate:>8.3f}  {s.span_rate:>5.3f}  {s.precision:>9.3f}  "
            f"{s.exact / s.cases:>5.3f}"
        )
    lines += ["", "per rule: precision / recall (cases)"]
    header = "lang half   " + "  ".join(f"{r:>17}" for r in RULES)
    lines.append(header)
    for (lang, half), s in sorted(results.items()):
        cells = []
        for rule in RULES:
            counts = s.per_label.get(rule)
            if counts is None or counts.tp + counts.fp + counts.fn == 0:
                cells.append(f"{'-':>17}")
            else:
                support = counts.tp + counts.fn
                cells.append(f"{counts.precision:>5.2f} / {counts.recall:>4.2f} ({support:>3})")
        lines.append(f"{lang:<4} {half:<6} " + "  ".join(cells))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--half", choices=sorted(FILES), action="append",
                        help="which part (default: all)")
    parser.add_argument("--lang", action="append", help="only these languages")
    parser.add_argument("--misses", action="store_true", help="list the dev cases it gets wrong")
    args = parser.parse_args()
    halves = args.half or [*FILES]
    if args.misses and "test" in halves:
        parser.error("--misses lists dev cases only: the test half is never read while tuning")
    langs = args.lang or sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    results = {}
    for lang in langs:
        for half in halves:
            found = evaluate(lang, half)
            if found is not None:
                results[(lang, half)] = found
    print(table(results))
    if args.misses:
        for (lang, _), s in sorted(results.items()):
            for source in s.misses:
                print(f"miss {lang} {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
