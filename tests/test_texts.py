"""The one text catalogue: every key in both languages, the same values in both, English free of Chinese."""

from __future__ import annotations

import re
import string

import pytest

from duban.core.i18n import catalogue, set_language, t

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
PERCENT_FIELD = re.compile(r"%\(\w+\)[sr]|%[sr]")


def fields(text: str) -> list[str]:
    """The {placeholders} of a message (the values the code must pass)."""
    return sorted({name for _, name, _, _ in string.Formatter().parse(text) if name is not None})


@pytest.mark.parametrize("key", sorted(catalogue()))
def test_every_message_has_both_languages_with_the_same_values(key):
    zh, en = catalogue()[key]
    assert zh.strip() and en.strip(), key
    assert fields(zh) == fields(en), key
    # argparse's own words keep its %-placeholders
    assert sorted(PERCENT_FIELD.findall(zh)) == sorted(PERCENT_FIELD.findall(en)), key
    assert not HAN.search(re.sub(r"\{[^}]*\}", "", en)), f"{key}: {en}"
    assert "领导小组" not in zh, key


def test_the_language_chosen_decides_every_message():
    set_language("en")
    assert t("unknown_task", task="A9.9") == "no task with id or title 'A9.9'"
    set_language("zh")
    assert t("unknown_task", task="A9.9") == "没有编号或名称为 'A9.9' 的任务"
