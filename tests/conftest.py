"""Shared fixtures: the CLI run in-process, throw-away locale trees, and facts from the data.

Languages, registers and guides come from the locale files themselves (``language.toml``,
``sources.toml``), never from a list in the tests: a new language folder is tested as soon as it
is there.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import phrasebook
from phrasebook.catalog.paths import builtin_root
from phrasebook.cli import main

ROOT = Path(__file__).resolve().parent.parent
BUILTIN = phrasebook.load([])
LANGS = tuple(lang.code for lang in BUILTIN.languages())
SHIPPED = tuple(code for code in LANGS if BUILTIN.facts(code).shipped)
TWO_REGISTERS = tuple(code for code in LANGS if BUILTIN.facts(code).two_registers)
ONE_REGISTER = tuple(code for code in LANGS if not BUILTIN.facts(code).two_registers)


def registers_of(code: str) -> tuple[phrasebook.Register, ...]:
    """The registers a language distinguishes, from its language.toml."""
    return BUILTIN.facts(code).registers


@dataclass(frozen=True)
class Result:
    """What a CLI run printed and returned."""

    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, stdin: bytes | str | None = None, env: dict[str, str] | None = None,
            cwd: Path | None = None) -> Result:
    """Run ``phrasebook ARGS`` in this process (``main(argv)``) and capture its output."""
    data = stdin.encode() if isinstance(stdin, str) else (stdin or b"")
    saved = (sys.stdin, sys.stdout, sys.stderr, os.environ.copy(), os.getcwd())
    out, err = io.StringIO(), io.StringIO()
    stdout_bytes = io.BytesIO()

    sys.stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    sys.stdout = _Tee(out, stdout_bytes)
    sys.stderr = err
    os.environ.pop("PHRASEBOOK_PATH", None)
    os.environ.update(env or {})
    if cwd is not None:
        os.chdir(cwd)
    try:
        code = main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr, environ, cwd_before = saved
        os.environ.clear()
        os.environ.update(environ)
        os.chdir(cwd_before)
    return Result(int(code), out.getvalue() + stdout_bytes.getvalue().decode("utf-8"),
                  err.getvalue())


class _Tee(io.StringIO):
    """A text stdout that also takes bytes through ``.buffer`` (as ``sys.stdout`` does)."""

    def __init__(self, text: io.StringIO, raw: io.BytesIO) -> None:
        super().__init__()
        self._text = text
        self.buffer = raw

    def write(self, s: str) -> int:
        return self._text.write(s)

    def isatty(self) -> bool:
        return False


def run_subprocess(*args: str, stdin: bytes | str | None = None,
                   env: dict[str, str] | None = None, cwd: Path | None = None
                   ) -> subprocess.CompletedProcess[str]:
    """Run ``python -m phrasebook ARGS`` as a separate process, as a user would."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    full_env.pop("PHRASEBOOK_PATH", None)
    full_env.update(env or {})
    proc = subprocess.run([sys.executable, "-m", "phrasebook", *args], input=data or b"",
                          capture_output=True, env=full_env, cwd=cwd, timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode,
                                       proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


@pytest.fixture
def cli() -> Callable[..., Result]:
    return run_cli


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write ``{relative path: content}`` under a fresh folder and return the folder."""

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "locales"
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content).lstrip(), encoding="utf-8")
        return root

    return write


@pytest.fixture(scope="session")
def book() -> phrasebook.Phrasebook:
    return BUILTIN


@pytest.fixture(scope="session")
def locales_dir() -> Path:
    return builtin_root()


@pytest.fixture
def fresh_cache() -> Iterator[None]:
    """Forget cached phrasebooks before and after a test that changes the environment."""
    from phrasebook import book as book_module

    book_module._cache.clear()
    yield
    book_module._cache.clear()
