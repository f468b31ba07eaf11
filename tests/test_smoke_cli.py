"""The CLI's main paths on the demo database."""

import json

from tests.helpers import folder_digest


def test_status_json_lists_six_actions_and_thirteen_owners(cli, demo_path):
    r = cli("--db", demo_path, "status", "--as-of", "2020-10-15", "--json")
    assert r.status == 0, r.err
    data = json.loads(r.out)
    assert [a["id"] for a in data["actions"]] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert len(data["units"]) == 13 + 3  # the thirteen owners and three placeholder townships
    for group in data["actions"] + data["units"] + [data["total"]]:
        assert group["tasks"] == group["done"] + group["in_progress"] + group["not_started"] + group["overdue"]
    assert sum(a["tasks"] for a in data["actions"]) == data["total"]["tasks"] == 16


def test_bad_percent_is_rejected_and_nothing_changes(cli, demo_path):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "progress", "A2.1", "--percent", "150")
    assert r.status == 1
    assert "150" in r.err and "Traceback" not in r.err
    assert folder_digest(demo_path) == before
