"""Shell completion for bash and zsh, written from the parser itself so it never falls behind it.

The scripts know the commands and options; task ids, duty ids and unit names come from the database
when the user presses Tab (`duban completion --words tasks`), so they follow the plan in use.
"""

from __future__ import annotations

import argparse

from duban.core.i18n import t

from .parser import command, subcommands

#: Arguments (by dest) whose values duban can list, and what it lists for them.
VALUE_KINDS = {"task": "tasks", "unit": "units", "duty": "duties"}
#: Options (by dest) that name a file or folder, completed from the file system.
FILE_DESTS = {"db", "plan", "out", "source", "file", "files"}


def register(sub, common) -> None:
    """Add `completion`."""
    p = command(
        sub,
        "completion",
        completion,
        parents=[common],
        help=t("h_completion"),
        description=t("h_completion_long"),
        formatter_class=argparse.RawDescriptionHelpFormatter,  # the install lines are to be copied whole
    )
    p.add_argument("shell", metavar=t("mv_shell"), nargs="?", choices=("bash", "zsh"), help=t("h_completion_shell"))
    # Asked by the scripts themselves while completing; not for people.
    p.add_argument("--words", choices=tuple(sorted(set(VALUE_KINDS.values()))), help=argparse.SUPPRESS)


def completion(ctx, args) -> int:
    """duban completion bash|zsh"""
    from duban.core.errors import UsageError

    if args.words:
        print("\n".join(words(ctx, args.words)))
        return 0
    if not args.shell:
        raise UsageError(t("completion_shell_required"))
    from .main import build_parser

    print(script(build_parser(), args.shell))
    return 0


def words(ctx, kind: str) -> list[str]:
    """The values of one kind in the database: task ids, duty ids, or unit codes and names."""
    record = ctx.ws.record(texts=False)
    if kind == "tasks":
        return [task.id for task in record.plan.tasks]
    if kind == "duties":
        return [duty.id for duty in record.plan.duties]
    names = []
    for unit in sorted(record.units.values(), key=lambda u: (u.order, u.code)):
        names += [unit.code, *(n for n in (unit.short, unit.name) if n and " " not in n)]
    return names


def tree(parser: argparse.ArgumentParser) -> dict:
    """What completion needs of the parser: per command path its subcommands, options and first positional."""
    commands, options, positional, values = {}, {}, {}, {}
    todo = [("duban", parser)]
    while todo:
        path, node = todo.pop()
        subs = subcommands(node)
        commands[path] = sorted(subs)
        options[path] = sorted(o for a in node._actions for o in a.option_strings if a.help != argparse.SUPPRESS)
        for action in node._actions:
            if not action.option_strings and path not in positional:
                kind = VALUE_KINDS.get(action.dest, "files" if action.dest in FILE_DESTS else "")
                if kind:
                    positional[path] = kind
            if action.option_strings and action.nargs != 0:
                kind = "@" + VALUE_KINDS.get(action.dest, "files" if action.dest in FILE_DESTS else "")
                if action.choices:
                    kind = " ".join(map(str, action.choices))
                for option in action.option_strings:
                    values[option] = kind
        todo += [(f"{path} {name}", sub) for name, sub in subs.items()]
    return {"commands": commands, "options": options, "positional": positional, "values": values}


def _table(name: str, entries: dict) -> str:
    lines = [f"    {name}[{_quote(key)}]={_quote(value)}" for key, value in sorted(entries.items())]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """The completion script for `shell` ("bash" or "zsh")."""
    data = tree(parser)
    tables = "\n".join(
        [
            "    typeset -gA _duban_cmds _duban_opts _duban_pos _duban_vals",
            _table("_duban_cmds", {k: " ".join(v) for k, v in data["commands"].items() if v}),
            _table("_duban_opts", {k: " ".join(v) for k, v in data["options"].items()}),
            _table("_duban_pos", data["positional"]),
            _table("_duban_vals", data["values"]),
        ]
    )
    return (BASH if shell == "bash" else ZSH).replace("@TABLES@", tables)


# Both scripts walk the words typed so far: words that name a subcommand extend the command path,
# an option that takes a value skips its value (remembering --db, so values come from that database).
BASH = r"""# duban completion for bash: duban completion bash > ~/.local/share/bash-completion/completions/duban
_duban_tables() {
@TABLES@
}
_duban_words() {
    duban ${2:+--db "$2"} completion --words "$1" 2>/dev/null
}
_duban() {
    [[ -v _duban_cmds ]] || _duban_tables
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local cmdpath=duban npos=0 db="" i w
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ -n $w && -n ${_duban_vals[$w]+x} ]]; then
            [[ $w == --db ]] && db=${COMP_WORDS[i+1]}
            ((i++))
        elif [[ $w != -* ]]; then
            if [[ " ${_duban_cmds[$cmdpath]} " == *" $w "* ]]; then cmdpath="$cmdpath $w"; else ((npos++)); fi
        fi
    done
    if [[ -n $prev && -n ${_duban_vals[$prev]+x} ]]; then
        local kind=${_duban_vals[$prev]}
        case $kind in
            @) ;;
            @files) COMPREPLY=($(compgen -f -- "$cur")) ;;
            @*) COMPREPLY=($(compgen -W "$(_duban_words "${kind#@}" "$db")" -- "$cur")) ;;
            *) COMPREPLY=($(compgen -W "$kind" -- "$cur")) ;;
        esac
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "${_duban_opts[$cmdpath]}" -- "$cur"))
    elif [[ -n ${_duban_cmds[$cmdpath]} ]]; then
        COMPREPLY=($(compgen -W "${_duban_cmds[$cmdpath]}" -- "$cur"))
    elif [[ ${_duban_pos[$cmdpath]} == files ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
    elif [[ -n ${_duban_pos[$cmdpath]} && $npos == 0 ]]; then
        COMPREPLY=($(compgen -W "$(_duban_words "${_duban_pos[$cmdpath]}" "$db")" -- "$cur"))
    fi
}
complete -F _duban duban
"""

ZSH = r"""#compdef duban
# duban completion for zsh: duban completion zsh > ~/.zfunc/_duban (with ~/.zfunc on fpath before compinit)
_duban_tables() {
@TABLES@
}
_duban_words() {
    duban ${2:+--db "$2"} completion --words "$1" 2>/dev/null
}
_duban() {
    (( ${+_duban_cmds} )) || _duban_tables
    local cur=${words[CURRENT]} prev=${words[CURRENT-1]}
    local cmdpath=duban npos=0 db="" i w
    for ((i = 2; i < CURRENT; i++)); do
        w=${words[i]}
        if (( ${+_duban_vals[$w]} )); then
            [[ $w == --db ]] && db=${words[i+1]}
            ((i++))
        elif [[ $w != -* ]]; then
            if [[ " ${_duban_cmds[$cmdpath]} " == *" $w "* ]]; then cmdpath="$cmdpath $w"; else ((npos++)); fi
        fi
    done
    if (( ${+_duban_vals[$prev]} )); then
        local kind=${_duban_vals[$prev]}
        case $kind in
            @) ;;
            @files) _files ;;
            @*) compadd -- ${(f)"$(_duban_words ${kind#@} $db)"} ;;
            *) compadd -- ${=kind} ;;
        esac
    elif [[ $cur == -* ]]; then
        compadd -- ${=_duban_opts[$cmdpath]}
    elif [[ -n ${_duban_cmds[$cmdpath]} ]]; then
        compadd -- ${=_duban_cmds[$cmdpath]}
    elif [[ ${_duban_pos[$cmdpath]} == files ]]; then
        _files
    elif [[ -n ${_duban_pos[$cmdpath]} && $npos == 0 ]]; then
        compadd -- ${(f)"$(_duban_words ${_duban_pos[$cmdpath]} $db)"}
    fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _duban "$@"
else
    compdef _duban duban
fi
"""
