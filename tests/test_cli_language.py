"""The command line speaks one language at a time: help, argparse's own words and every error."""

from __future__ import annotations

import re

import pytest

from duban.cli.main import build_parser, main
from duban.cli.parser import subcommands
from duban.cli.topics import TOPICS
from duban.core.i18n import set_language
from duban.core.incidents import KINDS
from tests.helpers import BAD, run_duban

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z_]+")
# What the user types (environment variables, values, file names) or reads as a format's name.
TECHNICAL = {"duban", "DUBAN_DB", "DUBAN_LANG", "all", "yes", "no", "JSON", "ICS", "TOML", "URL", "YYYY", "MM", "DD"}
TECHNICAL |= {"xlsx", "ics", "token", "feeds", "docs", "plan", "format", "md", "fpath", "compinit", *KINDS, *TOPICS}


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand, as the words typed before --help."""
    paths: list[tuple[str, ...]] = [()]
    todo = [((), build_parser())]
    while todo:
        path, parser = todo.pop()
        for name, sub in subcommands(parser).items():
            paths.append((*path, name))
            todo.append(((*path, name), sub))
    return sorted(paths)


def typed_words() -> set[str]:
    """Option names, command names and choices: what the user types, never translated."""
    words = set(TECHNICAL)
    todo = [build_parser()]
    while todo:
        parser = todo.pop()
        for action in parser._actions:
            for option in action.option_strings:
                words.update(WORD.findall(option))
            for choice in action.choices or ():
                words.update(WORD.findall(str(choice)))
            words.update(WORD.findall(str(action.metavar or "")))
        todo.extend(subcommands(parser).values())
    return words


def help_text(capsys, *args: str) -> str:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main([*args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


PATHS = command_paths()


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "duban" for p in PATHS])
def test_help_is_english_with_lang_en(path, capsys):
    text = help_text(capsys, "--lang", "en", *path)
    assert "usage:" in text and "show this help message" in text
    assert not HAN.search(text), text


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "duban" for p in PATHS])
def test_help_is_chinese_by_default(path, capsys):
    set_language("zh")
    text = help_text(capsys, *path)
    assert text.startswith("用法：") and "显示本帮助并退出" in text
    # File paths (~/.zfunc/_duban) are typed as they are.
    english = set(WORD.findall(re.sub(r"\S*[/~]\S*", "", text))) - typed_words()
    assert not english, english


def test_duban_lang_chooses_english_for_help(monkeypatch):

    r = run_duban("audit", "--help", env={"DUBAN_LANG": "en"})
    assert r.returncode == 0 and "usage: duban audit" in r.stdout and not HAN.search(r.stdout)


def plan_texts(demo_ws) -> list[str]:
    """The plan's own names and texts, which stay as the plan wrote them in either language."""
    record = demo_ws.record()
    texts = [u.name for u in record.units.values()] + [u.short for u in record.units.values()]
    texts += [task.title for task in record.plan.tasks]
    return sorted(filter(None, texts), key=len, reverse=True)


@pytest.mark.parametrize("args, status, words", BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_input_errors_in_english_carry_no_chinese(args, status, words, demo_path, demo_ws, cli):
    r = cli("--db", demo_path, "--lang", "en", *args)
    assert r.status == status
    assert not r.err.startswith("duban: duban:"), r.err
    rest = r.err
    for text in plan_texts(demo_ws):
        rest = rest.replace(text, "")
    assert not HAN.search(rest), r.err


@pytest.mark.parametrize("args, status, words", BAD, ids=[" ".join(b[0]) for b in BAD])
def test_bad_input_errors_in_chinese_have_one_prefix(args, status, words, demo_path, cli):
    r = cli("--db", demo_path, *args)
    assert r.status == status
    assert r.err.startswith("duban: ") and not r.err.startswith("duban: duban:"), r.err


@pytest.mark.parametrize(
    "args, option",
    [
        (["audit", "--limit", "0"], "--limit"),
        (["tasks", "--due-within", "x"], "--due-within"),
        (["status", "--as-of", "2020-02-30"], "--as-of"),
        (["progress", "A2.1"], "--percent"),
        (["progress", "A2.1", "--percent", ""], "--percent"),
        (["incident", "--kind", "missing", "--date", "2020-10-01", "--note", " "], "--note"),
        (["db", "restore", "--from"], "--from"),
    ],
)
def test_an_option_error_names_the_option(args, option, demo_path, cli):
    for lang in ("zh", "en"):
        r = cli("--db", demo_path, "--lang", lang, *args)
        assert r.status != 0 and option in r.err, r.err


def test_a_report_as_of_a_day_says_the_day_once(demo_path, tmp_path, cli):
    r = cli("--db", demo_path, "report", "--as-of", "2020-10-15", "--out", tmp_path / "r.xlsx")
    assert r.status == 0 and r.out.count("截至") == 1, r.out


def test_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out == f"duban {version('duban')}\n"


def test_a_first_run_explains_demo_and_init(tmp_path, cli):
    r = cli("--db", tmp_path / "none", "--lang", "en")
    assert r.status == 1 and "duban demo" in r.err and "duban init" in r.err and "--plan" in r.err
    assert r.err.count("\n") == 1


def test_init_on_a_plan_that_has_ended_suggests_start(tmp_path, cli):
    r = cli("--db", tmp_path / "db", "--lang", "en", "init")
    assert r.status == 0 and "has ended" in r.out and "--start" in r.out
    r = cli("--db", tmp_path / "db2", "--lang", "en", "init", "--start", "2026-01-01")
    assert r.status == 0 and "--start" not in r.out


@pytest.mark.parametrize("topic", ["parts", "duties", "flags", "readings", "as-of"])
def test_help_topics_in_both_languages(topic, cli):
    zh = cli("help", topic)
    en = cli("--lang", "en", "help", topic)
    assert zh.status == en.status == 0
    assert HAN.search(zh.out) and not HAN.search(en.out)
    assert cli("help").out.count("\n") > 5 and topic in cli("help").out


def test_help_on_a_command_or_an_unknown_topic(cli):
    assert "--percent" in cli("--lang", "en", "help", "progress").out
    r = cli("--lang", "en", "help", "nope")
    assert r.status == 2 and "nope" in r.err and "as-of" in r.err


def test_chinese_help_lines_up_and_fits_the_width(capsys, monkeypatch):
    from duban.cli.output import width

    monkeypatch.setenv("COLUMNS", "80")
    text = help_text(capsys, "progress")
    starts = set()
    for line in text.splitlines():
        found = re.match(r"^(  -\S.*?\s{2,})\S", line)
        if found:
            starts.add(width(found.group(1)))
    assert len(starts) == 1, text
    options = text.split("选项:")[1]
    assert max(width(line) for line in options.splitlines()) <= 80, text
