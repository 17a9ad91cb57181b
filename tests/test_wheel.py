"""The wheel carries the locale files, and an installed copy finds and loads them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import LANGS, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (found,) = out.glob("phrasebook-*.whl")
    return found


def test_wheel_holds_every_locale_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    source = {p.relative_to(ROOT).as_posix() for p in (ROOT / "locales").rglob("*.toml")}
    assert source, "the checkout has no locale files"
    for name in source:
        assert f"phrasebook/{name}" in names
    for lang in LANGS:
        for name in ("language.toml", "phrases.toml", "tone.toml"):
            assert f"phrasebook/locales/{lang}/{name}" in names
    assert "phrasebook/py.typed" in names


def test_installed_wheel_loads_its_own_locales(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "PYTHONIOENCODING": "utf-8"}
    env.pop("PHRASEBOOK_PATH", None)
    code = (
        "import phrasebook, phrasebook.catalog.paths as c;"
        "print(c.builtin_root());"
        "print(len(phrasebook.load().phrases('empathize', 'de')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    root, count = result.stdout.split()
    assert Path(root).is_relative_to(target)
    assert int(count) > 0
    show = subprocess.run([sys.executable, "-m", "phrasebook", "show", "empathize", "--lang",
                           "de"], cwd=elsewhere, env=env, capture_output=True, text=True,
                          timeout=120)
    assert show.returncode == 0, show.stderr
    assert "German (Deutsch)" in show.stdout
