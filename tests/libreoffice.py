"""LibreOffice, headless, as the clerk's spreadsheet program: re-save a workbook, print it to PDF."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _has_chinese_font() -> bool:
    """Whether fontconfig knows a font with Chinese glyphs: without one LibreOffice prints blanks."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None or not _has_chinese_font(),
    reason="LibreOffice (soffice) with a Chinese font is not installed on this machine: the print/re-save check "
    "needs both (.ci/run installs libreoffice-calc-nogui and fonts-wqy-microhei where apt-get works)",
)


def convert(path: Path, target: str, outdir: Path) -> Path:
    """`path` converted by LibreOffice to `target` ('xlsx' or 'pdf') in `outdir`, with a private profile
    so that tests running side by side do not share LibreOffice's lock."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / ".lo-profile"
    filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "pdf": "pdf:calc_pdf_Export"}
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--calc",
            "--convert-to",
            filters[target],
            "--outdir",
            str(outdir),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    out = outdir / f"{path.stem}.{target}"
    assert out.exists(), f"LibreOffice wrote no {out.name}"
    return out
