"""The clerk's words: names as the screens show them, forgiving percents and dates, and no entry dated
after the day duban is looking at."""

import json

import pytest

from duban.core import names
from duban.core.errors import DubanError


def last_report(cli, demo_path, task: str) -> dict:
    return json.loads(cli("--db", demo_path, "show", task, "--json").out)["reports"][-1]


def test_progress_in_the_clerks_words_records_95(cli, demo_path):
    r = cli(
        "--db",
        demo_path,
        "progress",
        "A2.1",
        "--unit",
        "公安局",
        "--percent",
        "95%",
        "--note",
        "x",
        "--date",
        "2020/10/9",
    )
    assert r.status == 0, r.err
    report = last_report(cli, demo_path, "A2.1")
    assert (report["percent"], report["unit"], report["date"]) == (95, "public_security", "2020-10-09")


@pytest.mark.parametrize(
    "task, percent, date, expected",
    [
        ("a2.1", "９５", "2020年10月9日", ("A2.1", 95, "2020-10-09")),
        ("长期安置", "30", "2020.10.9", ("A4.2", 30, "2020-10-09")),  # part of the title 做好长期安置
        ("A2.1", "40", "昨天", ("A2.1", 40, "2020-10-14")),  # the day before the demo's own date
    ],
)
def test_tasks_percents_and_dates_as_typed(cli, demo_path, task, percent, date, expected):
    r = cli("--db", demo_path, "progress", task, "--percent", percent, "--date", date, "--note", "n", "--lower")
    assert r.status == 0, r.err
    report = last_report(cli, demo_path, expected[0])
    assert (report["percent"], report["date"]) == expected[1:]


def test_units_levels_kinds_items_and_duties_by_name(cli, demo_path):
    assert (
        cli("--db", demo_path, "log", "生活照料区每日巡查", "--unit", "县民政局", "--date", "2020年6月2日").status == 0
    )
    shown = json.loads(cli("--db", demo_path, "unit", "民政局", "--json").out)
    assert shown["unit"]["code"] == "civil_affairs"
    r = cli(
        "--db",
        demo_path,
        "check",
        "民政局",
        "确定专人负责生活照料区巡查和托养机构巡查",
        "--undo",
        "--date",
        "2020-10-15",
    )
    assert r.status == 0, r.err
    flags = json.loads(cli("--db", demo_path, "flags", "--level", "问责", "--json").out)["flags"]
    assert flags and {f["level"] for f in flags} == {"accountability"}
    r = cli("--db", demo_path, "incident", "--kind", "冻饿死伤", "--date", "2020-10-01", "--note", "z", "--json")
    assert r.status == 0, r.err
    kinds = json.loads(cli("--db", demo_path, "incidents", "--json").out)["incidents"]
    assert kinds[-1]["kind"] == "cold_hunger"


def test_a_near_miss_says_what_was_meant(cli, demo_path):
    r = cli("--db", demo_path, "progress", "A2.1", "--unit", "公案局", "--percent", "5")
    assert r.status == 1 and "'公案局'" in r.err and "是不是指 公安局（public_security）" in r.err
    r = cli("--db", demo_path, "--lang", "en", "tasks", "--unit", "civil_afairs")
    assert r.status == 1 and "did you mean 民政局 (civil_affairs)?" in r.err


def test_an_ambiguous_name_names_the_candidates():
    choices = [("a", ("加强落户安置",)), ("b", ("集中落户行动",))]
    with pytest.raises(DubanError) as caught:
        names.resolve("落户", choices, "?")
    assert "加强落户安置（a）" in str(caught.value) and "集中落户行动（b）" in str(caught.value)
    assert names.resolve("加强落户", choices, "?") == "a"


def test_no_entry_after_the_day_in_view(cli, demo_path):
    r = cli("--db", demo_path, "progress", "A3.3", "--unit", "公安局", "--percent", "40", "--date", "2020-10-20")
    assert r.status == 1 and "2020-10-20" in r.err and "2020-10-15" in r.err
    r = cli("--db", demo_path, "log", "A1.3-patrol", "--date", "2020-10-16")
    assert r.status == 1 and "2020-10-15" in r.err
    r = cli(
        "--db",
        demo_path,
        "--as-of",
        "2020-10-20",
        "progress",
        "A3.3",
        "--unit",
        "公安局",
        "--percent",
        "40",
        "--date",
        "2020-10-20",
    )
    assert r.status == 0, r.err
    seen = json.loads(cli("--db", demo_path, "--as-of", "2020-10-20", "show", "A3.3", "--json").out)
    assert seen["reports"][-1]["date"] == "2020-10-20"
