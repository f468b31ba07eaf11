"""Table line indexes: a write or `show` about one task seeks to its lines instead of searching tables
that grow with the plan, and an index that does not match its table is never believed."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duban.core.store import INDEX_SUFFIX, Database
from tests.helpers import run_duban


def _tasks_file(db: Database):
    return db.path / db._read_meta()["tables"]["tasks"]


def _index(db: Database):
    file = _tasks_file(db)
    return file.with_name(file.name + INDEX_SUFFIX)


def _a21(db: Database) -> list[dict]:
    with db.reading() as snap:
        return snap.docs_of("tasks", "id", ["A2.1"])


@pytest.fixture
def searching(monkeypatch):
    """Counts the reads that search a whole table file for a task's lines (what the index avoids)."""
    calls = []
    real = Database._read_table

    def read_table(self, name, folder=None, needles=None):
        if needles is not None:
            calls.append(name)
        return real(self, name, folder, needles)

    monkeypatch.setattr(Database, "_read_table", read_table)
    return calls


def test_one_tasks_lines_are_read_through_the_index(demo_path, searching):
    db = Database(demo_path)
    assert _index(db).exists()
    docs = _a21(db)
    assert [d["id"] for d in docs] == ["A2.1"] and not searching
    with db.reading() as snap:
        every = [d for d in snap.all("tasks") if d["id"] in ("A2.1", "A4.1")]
        assert snap.docs_of("tasks", "id", ["A4.1", "A2.1"]) == every
        assert snap.docs_of("duties", "task", ["A2.1"]) == [d for d in snap.all("duties") if d["task"] == "A2.1"]
        assert snap.docs_of("tasks", "id", ["A9.9"]) == []
        assert not searching
        duty = snap.all("duties")[0]
    # The duties are indexed by their task: asked by their own id, the table is searched.
    with db.reading() as snap:
        assert snap.docs_of("duties", "id", [duty["id"]]) == [duty] and searching


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda index, table: index[:-10], id="index cut short"),
        pytest.param(lambda index, table: index.replace(b"A2.1\t", b"A1.1\t", 1), id="index names the wrong line"),
        pytest.param(lambda index, table: b"", id="index empty"),
        pytest.param(lambda index, table: index, id="table edited by hand, index left as it was"),
    ],
)
def test_an_index_that_does_not_match_its_table_is_not_believed(demo_path, searching, spoil):
    db = Database(demo_path)
    expected = _a21(db)
    index, table = _index(db).read_bytes(), _tasks_file(db).read_bytes()
    _index(db).write_bytes(spoil(index, table))
    if spoil(index, table) is index:  # the table changes size (a title edited by hand); its old index stays
        _tasks_file(db).write_bytes(table.replace("强化站内照料".encode(), "强化站内照料服务".encode(), 1))
        expected = [d | {"title": "强化站内照料服务"} if d["title"] == "强化站内照料" else d for d in expected]
    assert _a21(db) == expected
    assert searching  # the file was searched instead


def test_a_missing_index_is_searched_around_and_made_by_the_next_write(demo_path, searching):
    db = Database(demo_path)
    _index(db).unlink()
    assert [d["id"] for d in _a21(db)] == ["A2.1"] and searching
    r = run_duban("--db", str(demo_path), "progress", "A2.1", "--percent", "60", "--date", "2020-10-15")
    assert r.returncode == 0, r.stderr
    assert _index(db).exists()
    searching.clear()
    assert [d["id"] for d in _a21(db)] == ["A2.1"] and not searching


def test_indexes_follow_their_tables_through_a_new_generation_and_a_restore(demo_path, cli):
    db = Database(demo_path)
    old = _index(db)
    assert cli("--db", demo_path, "db", "backup").status == 0
    assert cli("--db", demo_path, "init", "--force").status == 0
    assert not old.exists() or old == _index(db)  # an older generation's index goes with its table
    assert cli("--db", demo_path, "db", "restore", "--yes").status == 0
    indexes = sorted(p.name for p in demo_path.iterdir() if p.name.endswith(INDEX_SUFFIX))
    tables = db._read_meta()["tables"].values()
    assert indexes == sorted(f"{name}{INDEX_SUFFIX}" for name in tables)
    assert [d["id"] for d in _a21(db)] == ["A2.1"]


tables = st.dictionaries(
    st.integers(1, 500).map(str),
    st.fixed_dictionaries(
        {"task": st.sampled_from(["A1.1", "A2.1", "C0002-A2.1", "A2.10", "x\ty", "任务"])},
        optional={"id": st.sampled_from(["A2.1", "A1.1"]), "note": st.text(max_size=8)},
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(table=tables, wanted=st.sets(st.sampled_from(["A1.1", "A2.1", "C0002-A2.1", "A2.10"]), min_size=1))
def test_what_the_index_finds_is_what_a_search_finds(tmp_path_factory, table, wanted):
    """A value that is a prefix of another (A2.1, A2.10), a county's copy (C0002-A2.1), a value the index
    cannot hold (a tab) or another field with the same value: the index finds exactly the documents
    whose field is one of the values."""
    db = Database(tmp_path_factory.mktemp("db"))
    db.create("test", {"tasks": [], "things": list(table.values())}, {})
    with db.reading() as snap:
        every = snap.all("things")
        assert json.dumps(snap.docs_of("things", "task", wanted)) == json.dumps(
            [d for d in every if d.get("task") in wanted]
        )
