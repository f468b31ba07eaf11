"""Another county's plan works with the built-in units: their Linwu checklists and metrics stay out of it."""

from __future__ import annotations

import re
from importlib import resources

BUILTIN = resources.files("duban.core.data").joinpath("linwu-2020.toml").read_text(encoding="utf-8")


def test_another_countys_plan_runs_every_command(cli, tmp_path):
    # Same units, other task ids (B… for A…) and another plan id: none of Linwu's task links fit it.
    text = re.sub(r'"A(\d)', r'"B\1', BUILTIN).replace('id = "linwu-2020-rescue"', 'id = "other-county-2021"')
    plan = tmp_path / "other.toml"
    plan.write_text(text, encoding="utf-8")
    db = tmp_path / "db"
    r = cli("--db", db, "--lang", "en", "init", "--plan", plan)
    assert r.status == 0, r.err
    for args in (
        ["status"],
        ["flags"],
        ["unit", "civil_affairs"],
        ["report", "--out", tmp_path / "r.xlsx"],
        ["template", "civil_affairs", "--out", tmp_path / "t.xlsx"],
        ["calendars", "export", "--out", tmp_path / "feeds"],
    ):
        r = cli("--db", db, "--lang", "en", "--as-of", "2020-10-15", *args)
        assert r.status == 0 and "A2.1" not in r.err, (args, r.err)
