"""Opening a workbook someone sent us, treating it as hostile.

An .xlsx is a zip of XML. Before openpyxl touches it we check the zip's own listing (how many
members, how big once uncompressed, how well they compress) and stream every XML member once,
with a byte budget, refusing any DTD: that stops zip bombs and billion-laughs files quickly and
in bounded memory. openpyxl then parses through defusedxml (verified, not assumed), in read-only
mode, and the sheet's declared dimensions are ignored: we read rows as they come, up to a limit.
"""

from __future__ import annotations

import contextlib
import io
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path

from duban.core.errors import DubanError
from duban.core.frozen import frozen
from duban.core.i18n import t
from duban.core.inputs import read_input


@frozen
class Limits:
    """How much of a workbook we are willing to read."""

    file_bytes: int = 20 * 1024 * 1024
    members: int = 500
    member_bytes: int = 16 * 1024 * 1024  # a 1,000-row template is about 60 KB
    total_bytes: int = 48 * 1024 * 1024
    ratio: int = 100  # uncompressed / compressed, for members over 1 MB
    rows: int = 20_000


LIMITS = Limits()
CHUNK = 1 << 20


def _refuse(path: Path, problem: str) -> DubanError:
    return DubanError(t("rpt_xlsx_refused", file=path.name, problem=problem))


def check_zip(path: Path, data: bytes, limits: Limits | None = None) -> None:
    """Refuse a workbook whose zip listing or XML content is out of bounds, before any XML parser runs."""
    limits = limits or LIMITS
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _refuse(path, t("imp_not_xlsx_workbook"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            if len(infos) > limits.members:
                raise _refuse(path, t("imp_too_many_members", info_count=len(infos)))
            declared = sum(i.file_size for i in infos)
            if declared > limits.total_bytes:
                raise _refuse(path, t("imp_bytes_unpacked_zip_bomb", declared=declared))
            for info in infos:
                if info.file_size > limits.member_bytes or (
                    info.file_size > CHUNK and info.file_size > limits.ratio * max(1, info.compress_size)
                ):
                    raise _refuse(
                        path, t("imp_bytes_unpacked_zip_bomb_2", filename=info.filename, file_size=info.file_size)
                    )
            budget = limits.total_bytes
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    budget = _scan_xml(path, z, info, budget, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as exc:
        raise _refuse(path, t("imp_damaged_zip", error=type(exc).__name__)) from None


def _scan_xml(path: Path, z: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, limits: Limits) -> int:
    """Stream one XML member: refuse DTDs (entity expansion) and more bytes than the listing admitted."""
    read = 0
    tail = b""
    with z.open(info) as fh:
        while chunk := fh.read(CHUNK):
            read += len(chunk)
            budget -= len(chunk)
            if read > limits.member_bytes or budget < 0:
                raise _refuse(path, t("imp_unpacks_beyond_limit_zip_bomb", filename=info.filename))
            window = (tail + chunk).upper()
            if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
                raise _refuse(path, t("imp_xml_entity_declarations_are_not", filename=info.filename))
            tail = chunk[-16:]
    return budget


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """openpyxl warns about what it meets in a file (a date cell out of range …): that is the file's
    problem, reported at its cell by the importer, not a Python warning for the user's terminal."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def open_workbook(path: str | Path, limits: Limits | None = None):
    """The workbook at `path`, opened read-only after the checks above."""
    path = Path(path)
    # Read once, as a regular file and within the size limit: a device or a FIFO is refused at once,
    # before openpyxl is even loaded.
    data = read_input(path, (limits or LIMITS).file_bytes)
    import openpyxl
    import openpyxl.xml

    if not openpyxl.xml.DEFUSEDXML:
        raise DubanError(t("rpt_xlsx_no_defusedxml"))
    check_zip(path, data, limits)
    try:
        with _quiet():
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except DubanError:
        raise
    except Exception as exc:  # openpyxl raises many types for malformed parts; all mean "not a usable workbook"
        raise _refuse(path, f"{type(exc).__name__}: {str(exc)[:120]}") from None


def rows(wb, sheet: str, columns: int, path: Path, limits: Limits | None = None) -> Iterator[tuple[int, list]]:
    """(row number, cells) of `sheet`, ignoring its declared dimensions, at most `limits.rows` rows."""
    limits = limits or LIMITS
    ws = wb[sheet]
    ws.reset_dimensions()
    count = 0
    found = ws.iter_rows(max_col=columns)
    while True:
        try:
            with _quiet():
                row = next(found, None)
        except Exception as exc:  # the sheet's XML is parsed lazily, row by row: a malformed part fails here
            raise _refuse(path, f"{sheet}: {type(exc).__name__}: {str(exc)[:120]}") from None
        if row is None:
            return
        count += 1
        if count > limits.rows:
            raise DubanError(t("rpt_xlsx_too_many_rows", file=path.name, sheet=sheet, limit=limits.rows))
        cells = list(row)
        number = next((c.row for c in cells if getattr(c, "row", None)), None)
        if number is None:
            continue  # an empty row
        yield number, cells + [None] * (columns - len(cells))
