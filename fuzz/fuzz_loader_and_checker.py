"""Coverage-guided fuzzing (atheris) of the locale loader, the validator and the tone checker.

    pip install atheris
    python fuzz/fuzz_loader_and_checker.py -max_total_time=600 fuzz/corpus

Any exception other than `PhrasebookError` from the loader, or any exception at all from the
checker, is a crash that atheris reports with the input that caused it. The corpus folder is
seeded from the built-in locale files on first run.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from phrasebook.validate import validate_paths

    import phrasebook
    from phrasebook.catalog import read_phrases
    from phrasebook.tone import check

LANGS = ("en", "de", "tr", "ka", "cs", "nb")
SCRATCH = Path(tempfile.mkdtemp(prefix="phrasebook-fuzz-")) / "de"
SCRATCH.mkdir()


def one_input(data: bytes) -> None:
    """Feed the same bytes to the loader, the validator and the checker."""
    path = SCRATCH / "phrases.toml"
    path.write_bytes(data)
    read = read_phrases(path)  # collects problems; must never raise
    with contextlib.suppress(phrasebook.PhrasebookError):
        read.raise_for_errors()
    if len(data) % 8 == 0:  # the validator re-reads English and the rules: run it on 1 in 8
        for problem in validate_paths([SCRATCH]):
            assert "\n" not in str(problem)
    text = data.decode("utf-8", errors="replace")
    lang = LANGS[len(data) % len(LANGS)]
    report = check(text, lang, register=("formal", "informal", None)[len(data) % 3])
    for finding in report.findings:
        assert text[finding.start:finding.end] == finding.match


def seed(corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    root = Path(__file__).resolve().parent.parent / "locales"
    for number, path in enumerate(sorted(root.glob("*/*.toml"))):
        (corpus / f"seed-{number}").write_bytes(path.read_bytes()[:4000])


if __name__ == "__main__":
    corpora = [Path(a) for a in sys.argv[1:] if not a.startswith("-")]
    for corpus in corpora:
        seed(corpus)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
