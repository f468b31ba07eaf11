"""Recovery always runs: damage that still parses is named, never a traceback, and db check/backups/restore work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from duban.core.store import META, Database
from tests.helpers import folder_digest


def meta_of(path: Path) -> dict:
    return json.loads((path / META).read_bytes())


def log_file(path: Path, log: str) -> Path:
    return path / meta_of(path)["logs"][log]["file"]


def table_file(path: Path, table: str) -> Path:
    return path / meta_of(path)["tables"][table]


def replace_log_line(path: Path, log: str, line: bytes) -> Path:
    """Replace the log's first line by `line`, keeping the committed length right (so it is not 'truncated')."""
    file = log_file(path, log)
    lines = file.read_bytes().split(b"\n")
    lines[0] = line
    data = b"\n".join(lines)
    file.write_bytes(data)
    meta = meta_of(path)
    meta["logs"][log]["length"] = len(data)
    (path / META).write_bytes(json.dumps(meta).encode())
    return file


def deep_meta(path: Path) -> Path:
    (path / META).write_bytes(b"[" * 100_000 + b"]" * 100_000)
    return path / META


def long_number_meta(path: Path) -> Path:
    (path / META).write_bytes(b'{"format": "duban", "schema": ' + b"9" * 5000 + b"}")
    return path / META


def meta_without_format(path: Path) -> Path:
    (path / META).write_bytes(b'{"tables": {}}')
    return path / META


def meta_a_list(path: Path) -> Path:
    (path / META).write_bytes(b"[1, 2, 3]")
    return path / META


def schema_not_a_number(path: Path) -> Path:
    meta = meta_of(path)
    meta["schema"] = "1"
    (path / META).write_bytes(json.dumps(meta).encode())
    return path / META


def log_line_a_list(path: Path) -> Path:
    return replace_log_line(path, "progress", b"[1,2,3]")


def log_line_without_id(path: Path) -> Path:
    return replace_log_line(path, "progress", b'{"task": "A2.1", "percent": 50}')


def log_line_deep(path: Path) -> Path:
    return replace_log_line(path, "audit", b"[" * 50_000 + b"]" * 50_000)


def table_a_list(path: Path) -> Path:
    file = table_file(path, "tasks")
    file.write_bytes(b"[1, 2, 3]")
    return file


def table_document_a_number(path: Path) -> Path:
    file = table_file(path, "tasks")
    file.write_bytes(b'{"1": 5}')
    return file


def plan_emptied(path: Path) -> Path:
    file = table_file(path, "plan")
    file.write_bytes(b"{}")
    return file


DAMAGE = [
    deep_meta,
    long_number_meta,
    meta_without_format,
    meta_a_list,
    schema_not_a_number,
    log_line_a_list,
    log_line_without_id,
    log_line_deep,
    table_a_list,
    table_document_a_number,
    plan_emptied,
]


@pytest.mark.parametrize("damage", DAMAGE)
def test_damage_that_still_parses_is_named_and_recovery_runs(damage, demo_path, cli):
    assert cli("--db", demo_path, "db", "backup").status == 0
    damaged = damage(demo_path)
    before = folder_digest(demo_path)
    for args in (["db", "check"], ["status"], ["flags"], ["audit"]):
        r = cli("--db", demo_path, "--lang", "en", *args)
        if r.status == 0 and args != ["db", "check"]:
            continue  # a command that does not read the damaged part may run; `db check` reads everything
        assert r.status == 1 and "Traceback" not in r.err and r.err.count("\n") == 1, (args, r.err)
        assert "damaged" in r.err, (args, r.err)
        assert damaged.name in r.err or str(demo_path) in r.err, (args, r.err)
    assert folder_digest(demo_path) == before
    r = cli("--db", demo_path, "db", "backups")
    assert r.status == 0, r.err
    r = cli("--db", demo_path, "db", "restore", "--yes")
    assert r.status == 0, r.err
    assert cli("--db", demo_path, "db", "check").status == 0
    assert cli("--db", demo_path, "status").status == 0
    kept = Database(demo_path).backups()[0]
    assert kept.kind in ("damaged", "pre-restore")
