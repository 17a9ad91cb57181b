"""What a word costs the tone checker the first time it sees it, per language.

    python benchmarks/new_words.py

``check`` classifies each distinct word once (which word classes and pattern words it belongs
to) and caches the result, so `benchmarks/run.py`, which repeats one mix of replies, measures
mostly cached words. Real replies bring words nobody has sent before: names, order numbers,
typos. This script takes every distinct word of a language's tone corpus, clears the cache and
classifies them all, and prints the best of three runs in microseconds per word.
"""

from __future__ import annotations

import re
import sys
import time
import tomllib
from pathlib import Path

import phrasebook
from phrasebook.tone.fold import fold

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "tone_corpus"
_WORD = re.compile(r"\w+")


def corpus_words(lang: str) -> list[str]:
    """Every distinct folded word of ``lang``'s tone corpus."""
    words: set[str] = set()
    for path in sorted((CORPUS / lang).glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["case"]:
            words.update(_WORD.findall(fold(case["text"]).folded))
    return sorted(words)


def microseconds_per_word(lang: str, rounds: int = 3) -> tuple[int, float]:
    """The number of distinct words and the best time to classify each, cache cleared."""
    classifier = phrasebook.load([]).tone_rules(lang)._classifier
    words = corpus_words(lang)
    best = float("inf")
    for _ in range(rounds):
        classifier._cache.clear()
        start = time.perf_counter()
        for word in words:
            classifier.mask(word)
        best = min(best, time.perf_counter() - start)
    return len(words), best / len(words) * 1e6


def main() -> int:
    print(f"{'lang':<6}{'words':>7}{'µs per new word':>18}")
    for lang in sorted(path.name for path in CORPUS.iterdir() if path.is_dir()):
        count, cost = microseconds_per_word(lang)
        print(f"{lang:<6}{count:>7}{cost:>18.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
