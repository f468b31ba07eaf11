"""The installed package holds every module the tree has (an editable install would hide a gap)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


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
