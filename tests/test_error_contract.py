"""The error contract, path by path: one clear line (exit 2 on the CLI) or it works."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess

import pytest

import phrasebook
from phrasebook import LocaleDataError
from phrasebook.catalog.paths import builtin_root
from phrasebook.catalog.store import Catalog
from phrasebook.catalog.text import MAX_FILE_BYTES

Cli = Callable[..., CompletedProcess[str]]
ENTRY = ('[[phrase]]\nid = "thank.patience"\ntext = "Thanks!"\n'
         'source = "tr-angry-customers#3.4"\n')


def overlay(tmp_path: Path, data: bytes) -> Path:
    folder = tmp_path / "overlay" / "en"
    folder.mkdir(parents=True)
    (folder / "phrases.toml").write_bytes(data)
    return tmp_path / "overlay"


def one_line_exit_2(result: CompletedProcess[str], fragment: str) -> None:
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"\xc3\x28 = 1", "not UTF-8"),
        (b"\x00\x01\x02binary", "binary data"),
        (b"[[phrase]]\nid = ", "TOML syntax"),
        (b"\xef\xbb\xbf" + ENTRY.replace("\n", "\r\n").encode(), None),
        (b"", None),
    ],
)
def test_overlay_bytes(cli: Cli, tmp_path: Path, data: bytes, fragment: str | None) -> None:
    root = overlay(tmp_path, data)
    result = cli("show", "thank", "--lang", "en", env={"PHRASEBOOK_PATH": str(root)})
    if fragment is None:
        assert result.returncode == 0, result.stderr
    else:
        one_line_exit_2(result, fragment)
        assert str(root / "en" / "phrases.toml") in result.stderr


def test_very_large_file(cli: Cli, tmp_path: Path) -> None:
    big = ENTRY.encode() + b"# " + b"x" * (10 * 1024 * 1024) + b"\n"
    assert len(big) > MAX_FILE_BYTES
    root = overlay(tmp_path, big)
    result = cli("show", "thank", "--lang", "en", env={"PHRASEBOOK_PATH": str(root)})
    one_line_exit_2(result, "larger than 8 MiB")


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = overlay(tmp_path, ENTRY.encode())

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(LocaleDataError, match="cannot read file: Permission denied"):
        phrasebook.load([root])


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links on this system")
def test_symlink_loops(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "loop" / "en"
    folder.mkdir(parents=True)
    (folder / "phrases.toml").symlink_to(folder / "phrases.toml")
    result = cli("show", "thank", "--lang", "en", env={"PHRASEBOOK_PATH": str(tmp_path / "loop")})
    one_line_exit_2(result, "Too many levels of symbolic links")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    result = cli("show", "thank", "--lang", "en", env={"PHRASEBOOK_PATH": str(tmp_path / "self")})
    one_line_exit_2(result, "cannot read overlay folder")


def test_duplicate_ids_across_overlay_folders(cli: Cli, tmp_path: Path) -> None:
    for name in ("one", "two"):
        folder = tmp_path / name / "en"
        folder.mkdir(parents=True)
        (folder / "phrases.toml").write_text(ENTRY, encoding="utf-8")
    paths = os.pathsep.join(str(tmp_path / n) for n in ("one", "two"))
    result = cli("show", "thank", "--lang", "en", env={"PHRASEBOOK_PATH": paths})
    one_line_exit_2(result, "defined by two overlays")


def test_broken_overlay_never_half_loads(tmp_path: Path) -> None:
    good = tmp_path / "good" / "de"
    good.mkdir(parents=True)
    (good / "phrases.toml").write_text(ENTRY.replace("text =", "formal ="), encoding="utf-8")
    bad = tmp_path / "bad" / "en"
    bad.mkdir(parents=True)
    (bad / "phrases.toml").write_text("[[phrase]]\nid = 1\n", encoding="utf-8")
    with pytest.raises(LocaleDataError):
        phrasebook.load([tmp_path / "good", tmp_path / "bad"])
    builtin = phrasebook.load([])
    assert all(p.text != "Thanks!" for p in builtin.phrases("thank", "de"))


def test_invalid_utf8_on_check_stdin(cli: Cli) -> None:
    one_line_exit_2(cli("check", "--lang", "en", "-", stdin=b"ok \xff\xfe"), "not UTF-8")


def test_empty_check_input_is_clean(cli: Cli) -> None:
    assert cli("check", "--lang", "en", stdin=b"").returncode == 0


# --- thread safety ----------------------------------------------------------------------------

def test_eight_threads_get_the_single_threaded_results() -> None:
    texts = ["That's impossible, calm down.", "Es ist nicht möglich, beruhige dich!!",
             "Bu imkansız, sakin olun.", "To nejde, uklidněte se.", "Det går ikke, roe deg ned.",
             "ეს შეუძლებელია, დამშვიდდით."]
    langs = ["en", "de", "tr", "cs", "nb", "ka"]
    jobs = [(t, lang, intent.value) for t, lang in zip(texts, langs, strict=True)
            for intent in phrasebook.Intent]

    def run(book: phrasebook.Phrasebook) -> list[object]:
        out: list[object] = []
        for text, lang, intent in jobs:
            out.append(book.check(text, lang))
            out.append(book.phrases(intent, lang, register="formal"))
        return out

    expected = run(phrasebook.Phrasebook(Catalog(builtin_root())))
    fresh = phrasebook.Phrasebook(Catalog(builtin_root()))  # nothing parsed yet: threads race
    barrier = threading.Barrier(8)
    results: list[list[object]] = [[] for _ in range(8)]

    def worker(index: int) -> None:
        barrier.wait()
        for _ in range(5):
            results[index] = run(fresh)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(result == expected for result in results)


def test_loaded_phrasebook_is_immutable(book: phrasebook.Phrasebook) -> None:
    data = book.language_phrases("de")
    with pytest.raises(TypeError):
        data.by_intent[phrasebook.Intent.THANK] = ()  # type: ignore[index]
    with pytest.raises(AttributeError):
        data.phrases = ()  # type: ignore[misc]
    assert isinstance(data.phrases, tuple)
