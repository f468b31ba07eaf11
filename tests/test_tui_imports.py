"""Domain code knows nothing of the UI: no module of core/, plugins/ or calendars/ imports Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT

PACKAGES = ("core", "plugins", "calendars")


def modules() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found.append(".".join(("duban", *(parts[:-1] if parts[-1] == "__init__" else parts))))
    return found


def test_every_package_is_found():
    assert "duban.core.store" in modules() and "duban.plugins" in modules()


@pytest.mark.parametrize("module", modules())
def test_module_does_not_import_textual(module):
    code = (
        f"import sys, {module}; print('textual' in sys.modules or any(m.startswith('textual.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_the_cli_imports_textual_only_for_the_dashboard():
    code = "import sys, duban.cli.main, duban.cli.read_cmds; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
