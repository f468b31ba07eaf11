"""A unit's liaison is recorded, shown, audited, and bad contact details change nothing."""

import json

import pytest

from tests.helpers import folder_digest


def test_a_liaison_is_recorded_shown_and_audited(cli, demo_path):
    r = cli(
        "--db",
        demo_path,
        "contact",
        "civil_affairs",
        "--liaison",
        "李娟",
        "--phone",
        "0735-3321001",
        "--email",
        "lijuan@linwu.gov.cn",
        "--by",
        "秘书组",
    )
    assert r.status == 0, r.err
    units = {u["code"]: u for u in json.loads(cli("--db", demo_path, "units", "--json").out)}
    assert (units["civil_affairs"]["liaison"], units["civil_affairs"]["phone"], units["civil_affairs"]["email"]) == (
        "李娟",
        "0735-3321001",
        "lijuan@linwu.gov.cn",
    )
    assert "李娟" in cli("--db", demo_path, "units").out
    entry = json.loads(cli("--db", demo_path, "audit", "--json", "--limit", "1").out)[0]
    assert (entry["what"], entry["who"], entry["target"], entry["after"]["liaison"]) == (
        "contact",
        "秘书组",
        "civil_affairs",
        "李娟",
    )
    # Changing one field keeps the others.
    assert cli("--db", demo_path, "contact", "civil_affairs", "--phone", "0735 3321002").status == 0
    unit = {u["code"]: u for u in json.loads(cli("--db", demo_path, "units", "--json").out)}["civil_affairs"]
    assert (unit["liaison"], unit["phone"]) == ("李娟", "0735 3321002")


@pytest.mark.parametrize(
    "args, says",
    [
        (["no_such_unit", "--liaison", "x"], "no_such_unit"),
        (["civil_affairs", "--phone", "call me"], "call me"),
        (["civil_affairs", "--email", "lijuan.linwu.gov.cn"], "lijuan.linwu.gov.cn"),
        (["civil_affairs"], "--liaison"),
    ],
)
def test_bad_contact_details_are_refused_and_nothing_changes(cli, demo_path, args, says):
    before = folder_digest(demo_path)
    r = cli("--db", demo_path, "contact", *args)
    assert r.status == 1 and says in r.err and len(r.err.strip().splitlines()) == 1
    assert folder_digest(demo_path) == before
