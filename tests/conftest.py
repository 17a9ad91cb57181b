"""Shared fixtures: running the CLI in a subprocess and building throw-away locale trees."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import phrasebook
from phrasebook.catalog import builtin_root

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("cs", "de", "en", "ka", "nb", "tr")


def run_cli(
    *args: str, stdin: bytes | str | None = None, env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m phrasebook ARGS`` and capture its output as text."""
    data = stdin.encode() if isinstance(stdin, str) else stdin
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    full_env.pop("PHRASEBOOK_PATH", None)
    full_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "phrasebook", *args],
        input=data if data is not None else b"",
        capture_output=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


@pytest.fixture
def cli() -> Callable[..., subprocess.CompletedProcess[str]]:
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
    return phrasebook.load([])


@pytest.fixture(scope="session")
def locales_dir() -> Path:
    return builtin_root()
