"""duban digest: a unit's week in a message that fits one phone screen."""

import json


def test_civil_affairs_digest_fits_one_phone_screen(cli, demo_path):
    r = cli("--db", demo_path, "digest", "--unit", "civil_affairs", "--as-of", "2020-10-15")
    assert r.status == 0, r.err
    text = r.out.strip()
    assert len(text) <= 500, len(text)
    assert text.splitlines()[0] == "【督办提醒】民政局（截至10月15日）"
    assert "已逾期：A4.1 加强落户安置（逾期45天）" in text
    assert "生活照料区每日巡查 应168次、实103次" in text


def test_only_the_committees_decisions_are_called_decisions(cli, demo_path):
    flags = json.loads(cli("--db", demo_path, "flags", "--unit", "民政局", "--open", "--json").out)["flags"]
    decided = [f for f in flags if f["decision"]]
    pending = [f for f in flags if not f["decision"]]
    assert decided and pending
    text = cli("--db", demo_path, "digest", "--unit", "民政局").out
    decisions = next(line for line in text.splitlines() if line.startswith("县委政法委认定："))
    confirmed = [f for f in decided if f["decision"] == "confirmed"]
    assert decisions.count("问责：") + decisions.count("督导：") + decisions.count("表彰：") == len(confirmed)
    assert decisions.count("（不予认定）") == len(decided) - len(confirmed)
    assert "建议" not in decisions.replace("（不予认定）", "")
    assert f"{len(pending)} 项督办建议待县委政法委认定（尚非决定）" in text


def test_a_deadline_this_week_and_every_unit(cli, demo_path):
    r = cli("--db", demo_path, "--lang", "en", "digest", "--date", "2020-06-24")
    assert r.status == 0, r.err
    messages = r.out.strip().split("\n\n")
    assert len(messages) > 5 and all(len(m) <= 500 for m in messages)
    civil = next(m for m in messages if m.startswith("[duban] County Civil Affairs Bureau"))
    assert "Due this week: A1.1" in civil and "(6/30)" in civil


def test_a_unit_with_nothing_pending_is_thanked(cli, demo_path):
    out = cli("--db", demo_path, "digest", "--unit", "财政局").out
    assert "本周没有到期或逾期事项" in out
