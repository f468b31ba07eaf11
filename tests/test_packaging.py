"""The installed package holds every module the tree has (an editable install would hide a gap)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest

from tests.helpers import ROOT


def test_every_subpackage_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    folders = config["package-dir"]
    listed = set(config["packages"])
    missing = []
    for package, folder in folders.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            name = ".".join((package, *parts))
            if name not in listed:
                missing.append(name)
    assert missing == [], f"pyproject [tool.setuptools] packages lacks {missing}: a non-editable install breaks"


@pytest.mark.slow
def test_a_wheel_installs_exactly_one_top_level_name(tmp_path):
    """`pip install .` adds `duban` and nothing else to site-packages (no `core`, `reports`, … beside it)."""
    # Built from a copy: pip builds in the source folder and would leave build/ and egg-info behind.
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "tests", "benchmarks", "*.egg-info"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path, source],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("duban-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (top_level,) = [n for n in names if n.endswith(".dist-info/top_level.txt")] or [None]
        declared = archive.read(top_level).decode().split() if top_level else None
    installed = {n.split("/")[0] for n in names if not n.split("/")[0].endswith((".dist-info", ".data"))}
    assert installed == {"duban"}, sorted(installed)
    assert declared in (None, ["duban"]), declared
    # The message catalogue, the built-in plan and the dashboard's styles are data files: without
    # them the installed command fails on its first word.
    folders = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-dir"]
    data = {
        "/".join((*package.split("."), *path.relative_to(ROOT / folder).parts))
        for package, folder in folders.items()
        if package != "duban"
        for path in (ROOT / folder).rglob("*.*")
        if path.suffix in (".json", ".toml", ".tcss") and "__pycache__" not in path.parts
    }
    assert data and data <= set(names), sorted(data - set(names))


def test_test_modules_share_code_only_through_helpers():
    """Fixtures come from conftest by name; everything else shared comes from tests/helpers.py."""
    wrong = []
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [("." * node.level) + (node.module or "")]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                local = name.startswith(".") or name.split(".")[0] in ("tests", "conftest")
                if local and name != "tests.helpers":
                    wrong.append(f"{path.name}:{node.lineno} imports {name}")
    assert wrong == []
