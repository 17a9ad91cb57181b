"""phrasebook's benchmarks: start-up, loading, lookups, tone checking and memory.

Run from a checkout with the package installed (``pip install -e .``)::

    python benchmarks/run.py            # full run, a few minutes
    python benchmarks/run.py --quick    # fewer repetitions
    python benchmarks/run.py --json     # machine-readable
    python benchmarks/run.py --audit    # also time check --input on 1,000,000 replies

Each figure is the median of several runs. The targets (docs/performance.md) are printed next to
the figures; these are measurements, not tests, and never run in CI.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import textwrap
import time
import tomllib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import phrasebook
from phrasebook import check
from phrasebook.catalog.paths import builtin_root
from phrasebook.catalog.store import Catalog

FLOOR = textwrap.dedent(
    """\
    import babel.core
    from pydantic import BaseModel

    class Floor(BaseModel):
        x: int

    Floor(x=1)
    """
)
# VmHWM (peak resident set) of this process image. Not getrusage's ru_maxrss: Linux carries
# that across exec from the parent, so a child of a big benchmark process would report the
# parent's peak.
MEMORY = textwrap.dedent(
    """\
    {body}
    from pathlib import Path
    status = Path("/proc/self/status").read_text()
    print(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:")))
    """
)
LOAD_ALL = textwrap.dedent(
    """\
    import phrasebook
    book = phrasebook.load()
    for lang in book.languages():
        book.language_phrases(lang.code)
        phrasebook.check("x", lang.code)
    """
)
# About 100 characters each: replies an agent might send, clean and not.
MESSAGES = {
    "en": [
        "I'm sorry your order hasn't arrived yet. Let me check the tracking for you right now.",
        "Unfortunately that's not possible, you should have read the terms before you ordered.",
    ],
    "de": [
        "Es tut mir leid, dass Ihre Bestellung noch nicht angekommen ist. Ich prüfe das sofort.",
        "Das ist leider nicht möglich, Sie hätten die Bedingungen vorher lesen müssen, wirklich.",
    ],
    "tr": [
        "Siparişinizin henüz ulaşmadığı için çok üzgünüm. Kargo durumunu hemen kontrol ediyorum.",
        "Bu maalesef mümkün değil, koşulları sipariş vermeden önce okumanız gerekirdi aslında.",
    ],
    "cs": [
        "Omlouváme se, že vaše objednávka ještě nedorazila. Hned se podíváme, kde se zdržela.",
        "To bohužel není možné, měli jste si podmínky přečíst ještě předtím, než jste objednali.",
    ],
    "ka": [
        "ბოდიშს გიხდით, რომ შეკვეთა ჯერ არ მიგიღიათ. ახლავე გადავამოწმებ, სად არის ამანათი.",
        "სამწუხაროდ, ეს შეუძლებელია. პირობები შეკვეთამდე უნდა წაგეკითხათ, ეს თქვენი ბრალია.",
    ],
    "nb": [
        "Beklager at bestillingen din ikke har kommet fram ennå. Jeg sjekker sporingen nå.",
        "Det går dessverre ikke, du burde ha lest vilkårene før du bestilte, det er din egen feil.",
    ],
}


HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "tests" / "tone_corpus"


def reply_mix(count: int, seed: int = 1) -> list[tuple[str, str, str | None]]:
    """A realistic mix of replies as (text, language, register).

    All six languages, 20–600 characters, one in four with a problem, drawn from the dev halves
    of the tone corpus.
    """
    clean, problems = [], []
    for folder in sorted(CORPUS.iterdir()):
        data = tomllib.loads((folder / "dev.toml").read_text(encoding="utf-8"))
        for case in data["case"]:
            if 20 <= len(case["text"]) <= 600:
                row = (case["text"], folder.name, case.get("register"))
                (problems if case["expect"] else clean).append(row)
    rng = random.Random(seed)
    return [rng.choice(problems) if rng.random() < 0.25 else rng.choice(clean)
            for _ in range(count)]


def keyword_filter() -> re.Pattern[str]:
    """The crudest filter a developer could write: one alternation of the trigger words."""
    lines = (HERE / "trigger_words.txt").read_text(encoding="utf-8").splitlines()
    words = sorted((w for w in lines if w and not w.startswith("#")), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def versus_filter(rounds: int) -> dict[str, float]:
    """``check`` and the keyword filter over the same mix, interleaved round by round.

    The first round meets most of the mix's words for the first time (``check`` classifies
    each new word once and caches it) and compiles the patterns it needs on first use, so the
    figures are given for all rounds and, as *warm*, for the rounds after the first: a
    long-running guardrail is mostly in that state.
    """
    book = phrasebook.load()
    mix = reply_mix(4000)
    lowered = [text.lower() for text, _, _ in mix]
    pattern = keyword_filter()
    for text, lang, register in mix[:200]:
        book.check(text, lang, register=register)
    check_rounds, filter_rounds = [], []
    for _ in range(rounds):
        gc.collect()
        start = time.perf_counter()
        for text in lowered:
            pattern.search(text)
        filter_rounds.append(time.perf_counter() - start)
        start = time.perf_counter()
        for text, lang, register in mix:
            book.check(text, lang, register=register)
        check_rounds.append(time.perf_counter() - start)
    check_s, filter_s = sum(check_rounds), sum(filter_rounds)
    warm_check_s, warm_filter_s = sum(check_rounds[1:]), sum(filter_rounds[1:])
    done = rounds * len(mix)
    return {"mix_replies": len(mix), "mix_chars_avg": statistics.mean(len(t) for t in lowered),
            "trigger_words": len(pattern.pattern.split("|")), "rounds": rounds,
            "check_replies_per_s": done / check_s, "filter_replies_per_s": done / filter_s,
            "check_over_filter": filter_s / check_s,
            "check_over_filter_warm": warm_filter_s / warm_check_s}


def audit_seconds(count: int, jobs: int, scratch: Path) -> float:
    """Wall time of ``phrasebook check --input`` on ``count`` short replies with ``jobs``."""
    path = scratch / "phrasebook_audit.jsonl"
    if not path.exists() or sum(1 for _ in path.open(encoding="utf-8")) != count:
        mix = [row for row in reply_mix(2000, seed=2) if len(row[0]) <= 200]
        with path.open("w", encoding="utf-8") as out:
            for index in range(count):
                text, lang, register = mix[index % len(mix)]
                out.write(json.dumps({"text": text, "lang": lang, "register": register},
                                     ensure_ascii=False) + "\n")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "phrasebook", "check", "--input", str(path),
                    "--lang-field", "lang", "--register-field", "register", "--format", "jsonl",
                    "--jobs", str(jobs)], check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    """Median wall time of ``repeat`` calls."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run_python(args: list[str], cwd: Path) -> None:
    subprocess.run([sys.executable, *args], cwd=cwd, check=True, stdout=subprocess.DEVNULL,
                   env={**os.environ, "PYTHONDONTWRITEBYTECODE": "0"})


def peak_rss_kib(body: str, cwd: Path) -> int:
    out = subprocess.run([sys.executable, "-c", MEMORY.format(body=body)], cwd=cwd, check=True,
                         capture_output=True, text=True)
    return int(out.stdout.strip().splitlines()[-1])


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {name: metadata.version(name) for name in ("phrasebook", "babel", "pydantic")}
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        **versions,
    }


def bench(quick: bool, audit: bool = False) -> dict[str, Any]:
    repeat = 5 if quick else 15
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    floor_file = scratch / "phrasebook_floor.py"
    floor_file.write_text(FLOOR, encoding="utf-8")
    results: dict[str, Any] = {"machine": machine()}

    # Warm the OS file cache and bytecode caches so every run measures the same thing.
    run_python([str(floor_file)], scratch)
    run_python(["-m", "phrasebook", "show", "empathize", "--lang", "de"], scratch)
    show = median_seconds(
        lambda: run_python(["-m", "phrasebook", "show", "empathize", "--lang", "de"], scratch),
        repeat * 2,
    )
    floor = median_seconds(lambda: run_python([str(floor_file)], scratch), repeat * 2)
    bare = median_seconds(lambda: run_python(["-c", "pass"], scratch), repeat * 2)
    imported = median_seconds(lambda: run_python(["-c", "import phrasebook"], scratch), repeat * 2)
    results["cold_show_s"] = show
    results["dependency_floor_s"] = floor
    results["cold_show_over_floor"] = show / floor
    results["python_startup_s"] = bare
    results["import_phrasebook_s"] = imported - bare

    root = builtin_root()
    codes = Catalog(root).codes
    results["load_one_language_ms"] = 1000 * median_seconds(
        lambda: Catalog(root).language("de"), repeat * 4)
    results["load_all_languages_ms"] = 1000 * median_seconds(
        lambda: [Catalog(root).language(code) for code in codes], repeat * 2)

    book = phrasebook.load()
    book.phrases("empathize", "de")
    calls = 20_000
    start = time.perf_counter()
    for _ in range(calls):
        book.phrases("empathize", "de", register="formal")
    results["lookup_us"] = 1e6 * (time.perf_counter() - start) / calls

    shipped = {lang.code for lang in book.languages()}
    for lang in MESSAGES.keys() & shipped:
        book.tone_rules(lang)
    corpus = [(lang, text) for lang, texts in MESSAGES.items() if lang in shipped
              for text in texts]
    results["message_chars_avg"] = statistics.mean(len(t) for _, t in corpus)
    rounds = 300 if quick else 1500
    gc.collect()
    start = time.perf_counter()
    for _ in range(rounds):
        for lang, text in corpus:
            check(text, lang)
    elapsed = time.perf_counter() - start
    results["check_messages_per_s"] = rounds * len(corpus) / elapsed

    results["versus_filter"] = versus_filter(2 if quick else 5)
    if audit:
        results["audit_1m_s"] = {f"jobs {jobs}": audit_seconds(1_000_000, jobs, scratch)
                                 for jobs in (1, 2)}

    big = " ".join(MESSAGES["de"] * 600)[:100_000]
    huge = (big + " ") * 10
    results["check_100kb_s"] = median_seconds(lambda: check(big, "de"), 3 if quick else 5)
    results["check_1mb_s"] = median_seconds(lambda: check(huge[:1_000_000], "de"), 3)
    results["check_1mb_over_100kb"] = results["check_1mb_s"] / results["check_100kb_s"]

    hostile = {
        "one 1 MB word": "a" * 1_000_000,
        "1 MB of spaces": " " * 1_000_000,
        "1 MB of '!?'": "!?" * 500_000,
        "1 MB of capitals": "NEIN " * 200_000,
        "1 MB of Georgian Mtavruli": "ᲐᲠᲐ " * 250_000,
        "1 MB of combining marks": "e\u0301" * 500_000,
    }
    results["ordinary_1mb_s"] = results["check_1mb_s"]
    results["worst_case_1mb_s"] = {
        name: median_seconds(lambda text=text: check(text, "de"), 1)  # type: ignore[misc]
        for name, text in hostile.items()
    }

    floor_rss = peak_rss_kib(FLOOR, scratch)
    loaded_rss = peak_rss_kib(LOAD_ALL, scratch)
    results["floor_peak_rss_mib"] = floor_rss / 1024
    results["all_loaded_peak_rss_mib"] = loaded_rss / 1024
    results["memory_over_floor_mib"] = (loaded_rss - floor_rss) / 1024
    return results


TARGETS = [
    ("cold_show_over_floor", "cold `show` / dependency floor", "≤ 1.5", lambda v: v <= 1.5),
    ("lookup_us", "lookup after loading (µs)", "< 20", lambda v: v < 20),
    ("check_messages_per_s", "check, ~100-char messages per second", "≥ 20,000",
     lambda v: v >= 20_000),
    ("check_1mb_over_100kb", "check 1 MB / check 100 KB", "≈ 10 (≤ 12)", lambda v: v <= 12),
    ("check_1mb_s", "check 1 MB (s)", "< 1", lambda v: v < 1),
    ("check_over_filter", "check / keyword filter, same replies", "≥ 1.0", lambda v: v >= 1.0),
    ("worst_over_ordinary", "worst 1 MB input / ordinary 1 MB", "≤ 3", lambda v: v <= 3),
    ("memory_over_floor_mib", "peak memory, six languages, over floor (MiB)", "≤ 15",
     lambda v: v <= 15),
]


def report(results: dict[str, Any]) -> str:
    lines = ["phrasebook benchmarks", ""]
    for key, value in results["machine"].items():
        lines.append(f"  {key:<10} {value}")
    lines.append("")
    rows = [
        ("cold `python -m phrasebook show empathize --lang de`", results["cold_show_s"], "s"),
        ("dependency floor (import babel.core, one pydantic model)",
         results["dependency_floor_s"], "s"),
        ("python start-up alone", results["python_startup_s"], "s"),
        ("`import phrasebook` (over start-up)", results["import_phrasebook_s"], "s"),
        ("load one language (de)", results["load_one_language_ms"], "ms"),
        ("load all six languages", results["load_all_languages_ms"], "ms"),
        ("lookup (phrases, after loading)", results["lookup_us"], "µs"),
        (f"check throughput (avg {results['message_chars_avg']:.0f} chars)",
         results["check_messages_per_s"], "msg/s"),
        ("check 100 KB", results["check_100kb_s"], "s"),
        ("check 1 MB", results["check_1mb_s"], "s"),
        ("peak RSS, dependency floor", results["floor_peak_rss_mib"], "MiB"),
        ("peak RSS, six languages loaded", results["all_loaded_peak_rss_mib"], "MiB"),
    ]
    for label, value, unit in rows:
        lines.append(f"  {label:<58} {value:>12,.3f} {unit}")
    versus = results["versus_filter"]
    lines.append(f"\n  check vs one regex alternation of {versus['trigger_words']:,} trigger "
                 f"words, {versus['mix_replies']:,} replies "
                 f"(avg {versus['mix_chars_avg']:.0f} chars, six languages, "
                 f"one in four with a problem), interleaved, {versus['rounds']} rounds:")
    lines.append(f"    {'check':<56} {versus['check_replies_per_s']:>12,.0f} replies/s")
    lines.append(f"    {'keyword filter (lower-cased texts)':<56} "
                 f"{versus['filter_replies_per_s']:>12,.0f} replies/s")
    lines.append(f"    {'check / filter after the first round (warm)':<56} "
                 f"{versus['check_over_filter_warm']:>12,.2f}")
    if "audit_1m_s" in results:
        lines.append("\n  check --input, 1,000,000 short replies (JSON Lines, s):")
        for name, value in results["audit_1m_s"].items():
            lines.append(f"    {name:<56} {value:>12,.1f}")
    lines.append("\n  worst-case 1 MB inputs (s):")
    for name, value in results["worst_case_1mb_s"].items():
        lines.append(f"    {name:<56} {value:>12,.3f}")
    lines.append("\n  targets:")
    flat = {**results, "check_over_filter": versus["check_over_filter"],
            "worst_over_ordinary": max(results["worst_case_1mb_s"].values())
            / results["ordinary_1mb_s"]}
    for key, label, target, ok in TARGETS:
        value = flat[key]
        lines.append(f"    {label:<50} {value:>12,.2f}  target {target:<10} "
                     f"{'met' if ok(value) else 'MISSED'}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--audit", action="store_true",
                        help="also time check --input on 1,000,000 replies (several minutes)")
    args = parser.parse_args()
    results = bench(args.quick, args.audit)
    print(json.dumps(results, indent=2) if args.json else report(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
