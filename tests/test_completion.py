"""Shell completion, run in a real bash: commands, options, task ids and unit names from the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from duban.cli.completion import script, tree
from duban.cli.main import build_parser


def complete(demo_path, tmp_path, *words: str) -> list[str]:
    """What bash offers after `words` (the last one is the word being completed)."""
    (tmp_path / "duban.bash").write_text(script(build_parser(), "bash"))
    line = " ".join(f"'{w}'" for w in words)
    probe = f"""source {tmp_path / "duban.bash"}
COMP_WORDS=({line}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); _duban
printf '%s\\n' "${{COMPREPLY[@]}}"
"""
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env["DUBAN_DB"] = str(demo_path)
    out = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    return [w for w in out.stdout.splitlines() if w]


def test_commands_and_subcommands(demo_path, tmp_path):
    assert complete(demo_path, tmp_path, "duban", "pro") == ["progress"]
    assert complete(demo_path, tmp_path, "duban", "--lang", "en", "db", "") == sorted(
        tree(build_parser())["commands"]["duban db"]
    )


def test_options_of_the_command_typed(demo_path, tmp_path):
    assert complete(demo_path, tmp_path, "duban", "progress", "A2.1", "--per") == ["--percent"]
    assert complete(demo_path, tmp_path, "duban", "--lang", "") == ["zh", "en"]


@pytest.mark.slow
def test_task_ids_duty_ids_and_unit_names_come_from_the_database(demo_path, tmp_path):
    tasks = complete(demo_path, tmp_path, "duban", "progress", "")
    assert "A2.1" in tasks and "A4.1" in tasks and len(tasks) == 16
    assert complete(demo_path, tmp_path, "duban", "log", "A1.3-p") == ["A1.3-patrol"]
    assert complete(demo_path, tmp_path, "duban", "unit", "民") == ["民政局"]
    units = complete(demo_path, tmp_path, "duban", "--db", str(demo_path), "progress", "A2.1", "--unit", "civ")
    assert units == ["civil_affairs"]


def test_zsh_script_is_written_from_the_same_tables():
    text = script(build_parser(), "zsh")
    assert text.startswith("#compdef duban") and "_duban_cmds['duban db']" in text and "compdef _duban duban" in text
