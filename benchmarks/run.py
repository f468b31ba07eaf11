"""Measure duban as a user runs it, side by side with Taskwarrior; print a table, write RESULTS.md.

Whole-process medians of several runs after a warm-up, with peak memory, on an installed and
compiled package (not the editable tree: these machines set PYTHONDONTWRITEBYTECODE=1, so a bare
tree would be recompiled on every run). Never part of `make test`; it prints figures, it does
not pass or fail. Records: the demo, the stress record (625 counties' plans, 10,000 tasks) and the
same ten times over (100,000 tasks) for the scaling ratios.
Usage: python benchmarks/run.py [--runs N] [--quick | --counties N] [--skip-taskwarrior];
tests/test_bench.py runs it at two counties with --here (the test venv's duban) so it cannot silently break.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import functools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

print = functools.partial(print, flush=True)  # progress shows while it runs
HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))


def sh(*cmd, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True, **kw)


def installed_duban(out: Path) -> Path:
    """A venv with duban installed from this tree (compiled, non-editable); rebuilt when the tree changes."""
    venv = out / "venv"
    stamp = venv / ".source"
    source = (
        sh("git", "-C", ROOT, "rev-parse", "HEAD").stdout.strip()
        + sh("git", "-C", ROOT, "status", "--porcelain").stdout
    )
    if not stamp.exists() or stamp.read_text() != source:
        shutil.rmtree(venv, ignore_errors=True)
        sh(sys.executable, "-m", "venv", venv)
        sh(venv / "bin" / "python", "-m", "pip", "install", "-q", str(ROOT))
        sh(venv / "bin" / "python", "-m", "compileall", "-q", venv / "lib")
        stamp.write_text(source)
    return venv / "bin"


GNU_TIME = shutil.which("time") if Path("/usr/bin/time").exists() else None


def measure(cmd: list, runs: int, env: dict | None = None, setup=None) -> tuple[float, float | None]:
    """Median wall seconds and peak RSS (MiB) of `cmd` over `runs` runs after one warm-up.

    Peak memory comes from GNU time (Debian package `time`): a child forked from this process would
    report this process's own high-water mark instead of its own.
    """
    times, peak = [], None
    for i in range(runs + 1):
        if setup:
            setup()
        with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
            argv = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if GNU_TIME else list(cmd)
            start = time.perf_counter()
            proc = subprocess.run(
                [str(c) for c in argv],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                env={**os.environ, **(env or {})},
            )
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                raise SystemExit(f"benchmark command failed: {' '.join(map(str, cmd))}: {proc.stderr.decode()[:300]}")
            kib = rss.read().strip().splitlines()[-1] if GNU_TIME else ""
        if i:
            times.append(elapsed)
            if kib.isdigit():
                peak = max(peak or 0, int(kib) / 1024)
    return statistics.median(times), peak


def taskwarrior(stress_plan_tasks, runs: int, out: Path) -> dict | None:
    """`task overdue` and `task add` on the same tasks, or None (with advice) when task is missing."""
    task = shutil.which("task")
    if not task:
        print(
            "Taskwarrior is not installed: `apt-get install taskwarrior` to compare (the benchmark installs nothing)."
        )
        return None
    home = Path(tempfile.mkdtemp(prefix="tw-", dir=out))
    rc = home / "taskrc"
    rc.write_text(
        f"data.location={home / 'data'}\nconfirmation=off\nverbose=nothing\ngc=off\nrecurrence=off\n"
        "hooks=off\nnews.version=2.6.2\n"
    )
    env = {"TASKRC": str(rc), "TASKDATA": str(home / "data")}
    items = [
        {
            "uuid": f"{i:08x}-0000-4000-8000-000000000000",
            "description": f"{t['id']} {t['title']}",
            "status": "pending",
            "entry": "20200501T000000Z",
            "due": dt.date.fromisoformat(t["due"]).strftime("%Y%m%dT000000Z"),
        }
        for i, t in enumerate(stress_plan_tasks)
    ]
    batch = home / "tasks.json"
    batch.write_text(json.dumps(items, ensure_ascii=False))
    sh(task, "import", batch, env={**os.environ, **env})
    version = sh(task, "--version", env={**os.environ, **env}).stdout.strip()
    # Taskwarrior knows no as-of date, so every 2020–2021 due date is past and `task overdue` lists all
    # of them; duban's listing, on the campaign's own day, prints fewer rows. Both read every task.
    overdue = measure([task, "overdue"], runs, env)
    add = measure([task, "add", "bench", "due:2021-01-01"], runs, env)
    return {"version": version, "overdue": overdue, "add": add}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--quick", action="store_true", help="100 counties instead of 625 (a fast look)")
    parser.add_argument("--counties", type=int, help="counties in the stress record (625 unless --quick)")
    parser.add_argument("--skip-taskwarrior", action="store_true", help="leave out the side-by-side runs")
    parser.add_argument(
        "--here", action="store_true", help="time the duban installed next to this Python (no venv is built)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="where the records and the venv go")
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md", help="the file this run rewrites")
    args = parser.parse_args()
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    bin_ = Path(sys.executable).parent if args.here else installed_duban(out)
    duban = bin_ / "duban"
    demo = out / "demo"
    sh(duban, "--db", demo, "demo", "--force")
    stress = out / "stress"
    from benchmarks.stress import build

    counties = args.counties or (100 if args.quick else 625)
    started = time.perf_counter()
    counts = build(stress, counties=counties)
    print(f"stress record: {counts} (built in {time.perf_counter() - started:.0f} s)")
    runs = args.runs
    # The commands that read the whole record at 10,000 tasks take tens of seconds: one run each.
    heavy_runs = 1 if counties > 100 else runs
    # The scaling ratios divide by medians of `runs`: three runs at least on the big side, so one slow
    # run on a busy machine cannot move a ratio across its target.
    scale_runs = max(3, heavy_runs)
    rows = []

    def row(name, db, argv, target=None, n=runs, **kw):
        sec, mib = measure([duban, "--db", db, *argv], n, **kw)
        rows.append((name, sec, mib, target))
        print(f"  {name:<46} {sec * 1000:8.1f} ms {_mib(mib)}")
        return sec

    day = ["--as-of", "2020-10-15"]
    print(f"duban ({runs} runs each, median):")
    python = measure([bin_ / "python", "-c", "pass"], runs)
    rows.append(("python -c pass (the floor)", *python, ""))
    print(f"  {rows[-1][0]:<46} {python[0] * 1000:8.1f} ms")
    row("duban --help", demo, ["--help"], "≤ 60 ms")
    from duban.core.commitcache import cache_file as flags_cache

    def afresh(db: Path):
        """No flags kept for this commit (core.commitcache): what the first read after a write pays. The
        row before left them (the same command, or one asking the same), so a missing file means this
        harness looks in another place than duban keeps them, and the row would time a kept result."""

        def forget() -> None:
            try:
                flags_cache(db).unlink()
            except FileNotFoundError:
                raise SystemExit(f"no kept flags at {flags_cache(db)}: a 'first read' row would not be one") from None

        return forget

    for name in ("tasks", "status", "flags"):
        row(f"duban {name} (demo)", demo, [name], "≤ 100 ms")
    row("duban flags (demo), first read after a write", demo, ["flags"], "≤ 100 ms", setup=afresh(demo))
    row("duban show A2.1 (demo)", demo, ["show", "A2.1"], "≤ 100 ms")
    row("duban unit civil_affairs (demo)", demo, ["unit", "civil_affairs"], "≤ 100 ms")
    row(
        "duban unit civil_affairs (demo), first read after a write",
        demo,
        ["unit", "civil_affairs"],
        "≤ 100 ms",
        setup=afresh(demo),
    )
    # --lower: the stress record's random percents may stand above 50, and a lowering write must say so.
    write_argv = ["progress", "A2.1", "--percent", "50", "--lower", "--date", "2020-10-15", "--note", "bench"]
    demo_write = row("duban progress … one write (demo)", demo, write_argv)
    listing = row("duban tasks (stress)", stress, ["tasks", *day])
    overdue = row("duban tasks --overdue (stress)", stress, ["tasks", "--overdue", *day], "≤ 0.5× task overdue")
    status = row("duban status (stress)", stress, ["status", *day], "≤ 500 ms")
    row("duban status (stress), first read after a write", stress, ["status", *day], "≤ 500 ms", setup=afresh(stress))
    row("duban show A2.1 (stress)", stress, ["show", "A2.1", *day], "≤ 150 ms")
    row("duban audit --limit 20 (stress)", stress, ["audit", "--limit", "20"], "≤ 100 ms")
    write = row("duban progress … one write (stress)", stress, write_argv, "≤ 1.5× task add, ≤ 1.2× demo")
    folding_write = fold_due_write(out, stress, row, write_argv, runs)
    row("duban calendars export, all feeds (demo)", demo, ["calendars", "export", "--out", out / "feeds"])
    row(
        "duban report --period 2020-Q3 (demo)",
        demo,
        ["report", "--period", "2020-Q3", "--out", out / "q3.xlsx"],
    )
    from duban.calendars.event_texts import CACHE_FILE

    export_argv = ["calendars", "export", "--out", out / "feeds-stress", *day]
    row("duban calendars export, all feeds (stress)", stress, export_argv, "≤ 5 s", n=heavy_runs)
    # The same with no event texts kept from the export before (calendars.event_texts): what the first
    # export after a change that touches every event pays.
    row(
        "duban calendars export, every event rendered (stress)",
        stress,
        export_argv,
        n=heavy_runs,
        setup=lambda: (stress / CACHE_FILE).unlink(missing_ok=True),
    )
    report_argv = ["report", "--period", "2020-Q3", "--out", out / "q3-stress.xlsx"]
    row("duban report --period 2020-Q3 (stress)", stress, report_argv, "≤ 5 s", n=heavy_runs)
    row(
        "duban report --period 2020-Q3 (stress), first read after a write",
        stress,
        report_argv,
        "≤ 5 s",
        n=heavy_runs,
        setup=afresh(stress),
    )
    from benchmarks.bench_reports import filled_template

    work = out / "import"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    filled_template(work)
    pristine = out / "import-pristine"
    shutil.rmtree(pristine, ignore_errors=True)
    shutil.copytree(work / "fresh", pristine)

    def fresh_copy():  # every run imports into the database as it was before the import
        folds_settled(work / "fresh")  # the import leaves the duty view due: its fold runs apart
        shutil.rmtree(work / "fresh")
        shutil.copytree(pristine, work / "fresh")
        os.sync()

    row(
        "duban import, 852-row template (a year of duty days)",
        work / "fresh",
        ["import", work / "filled.xlsx"],
        setup=fresh_copy,
    )
    scaled_counts, scaled = scale_up(out, counties, row, day, scale_runs, write_argv)
    first_paint = HERE / "bench_dashboard.py"
    for label, db, target, n in (("demo", demo, "≤ 800 ms", runs), ("stress", stress, "≤ 1.5 s", heavy_runs)):
        sec, mib = measure([bin_ / "python", first_paint, "--db", db, "--once"], n)
        rows.append((f"dashboard first paint, whole process ({label})", sec, mib, target))
        print(f"  {rows[-1][0]:<46} {sec * 1000:8.1f} ms {_mib(mib)}")

    from benchmarks.bench_server import serve_figures

    # A request takes a millisecond or two: a hundred of each make a median the machine's noise does not move.
    served = serve_figures(duban, demo, runs=100)
    print(
        f"feed server (demo): GET from the cache {served['cached'] * 1000:.1f} ms, 304 {served['not_modified'] * 1000:.1f}"
        f" ms, wrong token 404 {served['wrong_token'] * 1000:.1f} ms; 50 clients × 20 GETs: "
        f"{served['answered']}/{served['asked']} answered, p99 {served['p99'] * 1000:.0f} ms"
    )
    stress_tasks = []
    from duban.core.store import Database

    with Database(stress).reading() as snap:
        for doc in snap.all("tasks"):
            stress_tasks.append({"id": doc["id"], "title": doc["title"], "due": doc["deadlines"][0]["due"]})
    tw = None if args.skip_taskwarrior else taskwarrior(stress_tasks, runs, out)
    tasks, big = counts["tasks"], scaled_counts["tasks"]
    pairs = [
        (f"one `progress` at {tasks} tasks ÷ at demo scale", write / demo_write, "≤ 1.2×"),
        (
            f"the `progress` that leaves a fold due, at {tasks} tasks ÷ one at demo scale",
            folding_write / demo_write,
            "≤ 1.2×",
        ),
    ]
    if tw:
        pairs += [
            (
                f"`duban tasks --overdue` ÷ `task overdue` (Taskwarrior {tw['version']}, "
                f"{tw['overdue'][0] * 1000:.0f} ms)",
                overdue / tw["overdue"][0],
                "≤ 0.5×",
            ),
            (f"one `duban progress` ÷ `task add` ({tw['add'][0] * 1000:.0f} ms)", write / tw["add"][0], "≤ 1.5×"),
        ]
    pairs += [
        (f"`duban tasks` at {big} ÷ at {tasks} tasks", scaled["tasks"] / listing, "≤ 11×"),
        (f"`duban tasks --overdue` at {big} ÷ at {tasks} tasks", scaled["overdue"] / overdue, "≤ 11×"),
        (f"`duban status` at {big} ÷ at {tasks} tasks", scaled["status"] / status, "≤ 11×"),
        (f"one `progress` at {big} tasks ÷ at demo scale", scaled["write"] / demo_write, "≤ 1.2×"),
    ]
    print("paired ratios:")
    for label, ratio, target in pairs:
        print(f"  {label:<70} {ratio:6.2f}×  (target {target})")
    runs_said = (runs, heavy_runs, scale_runs)
    write_results(args.results, bin_, rows, pairs, counts, scaled_counts, runs_said, served, bool(tw))


def fold_due_write(out: Path, stress: Path, row, write_argv: list[str], runs: int) -> float:
    """The write after which the progress view is due to be folded (core.folds), timed on a copy of the
    stress record whose log is one report short of that: each run starts from the copy, once the fold
    the run before left to a process of its own has ended (so that it does not run beside the next)."""
    from benchmarks.stress import AS_OF
    from duban.core import folds
    from duban.core.progress import apply_report, check_report
    from duban.core.record import load_record
    from duban.core.store import Database
    from duban.core.workspace import Workspace

    pristine, work = out / "stress-fold-pristine", out / "stress-fold"
    for left in (pristine, work):  # a copy a run before left behind may hold a fold still due
        shutil.rmtree(left, ignore_errors=True)
    shutil.copytree(stress, pristine)
    ws = Workspace(Database(pristine), load_entrypoints=False)
    with ws.db.transaction("bench") as tx:
        record = load_record(tx, ws.units)
        for i in range(folds.CHECKPOINT_EVERY - 1 - folds.tail_length(tx, "task_state")):
            apply_report(tx, record, check_report(record, "A2.1", 50, AS_OF, note=f"tail {i}", lower=True))

    def fresh_copy() -> None:
        if work.exists():
            folds_settled(work)
            shutil.rmtree(work)
        shutil.copytree(pristine, work)
        os.sync()  # the copy on disk before the write is timed: its fsync would pay for it

    name = "duban progress … the write that leaves a fold due (stress)"
    sec = row(name, work, write_argv, "≤ 1.2× demo", n=runs, setup=fresh_copy)
    folds_settled(work)
    return sec


def folds_settled(path: Path) -> None:
    """Wait until the fold a timed write or import left to a process of its own (core.folds) is done and
    that process gone, so that it neither runs beside the next timed command nor writes into a folder
    the next run replaces."""
    from duban.core import folds
    from duban.core.store import Database

    db, deadline = Database(path, on_wait=lambda message: None), time.monotonic() + 300
    while True:
        if not folds.any_due(db) and not _folding(path):
            return
        if time.monotonic() > deadline:
            raise SystemExit(f"the fold of {path} did not end within 300 s")
        time.sleep(0.1)


def _folding(path: Path) -> bool:
    """Whether a `duban … db fold` process for `path` is still running (Linux's /proc)."""
    needle = f"{path}\0db\0fold".encode()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if needle in Path(f"/proc/{pid}/cmdline").read_bytes():
                return True
    return False


def scale_up(out: Path, counties: int, row, day: list[str], runs: int, write_argv: list[str]) -> tuple[dict, dict]:
    """The stress record ten times over (100,000 tasks at full scale): the listings and `status` must
    grow no faster than the plan, one write not at all. Returns the record's counts and the seconds."""
    from benchmarks.stress import build

    path = out / "stress-x10"
    started = time.perf_counter()
    counts = build(path, counties=counties * 10)
    print(f"stress record ×10: {counts} (built in {time.perf_counter() - started:.0f} s)")
    label = f"({counts['tasks']} tasks)"
    return counts, {
        "tasks": row(f"duban tasks {label}", path, ["tasks", *day], "≤ 11× stress", n=runs),
        "overdue": row(f"duban tasks --overdue {label}", path, ["tasks", "--overdue", *day], "≤ 11× stress", n=runs),
        "status": row(f"duban status {label}", path, ["status", *day], "≤ 11× stress", n=runs),
        "write": row(f"duban progress … one write {label}", path, write_argv, "≤ 1.2× demo", n=runs),
    }


#: Peak memory every command must stay within (the issue's target).
MEMORY_MIB = 150
_LIMIT = re.compile(r"^≤ ([0-9.]+) ?(ms|s|×)$")


def _mark(met: bool) -> str:
    return "yes" if met else "**no**"


def _verdict(value: float, target: str | None, mib: float | None = None) -> str:
    """Whether `value` (seconds, or a ratio) meets `target` ("≤ 100 ms", "≤ 5 s", "≤ 1.2×") and `mib`
    the memory target; "" where the row has neither, "(ratio)" where its target is a paired ratio."""
    said = []
    found = _LIMIT.match(target or "")
    if found:
        limit = float(found.group(1)) / (1000 if found.group(2) == "ms" else 1)
        said.append(_mark(value <= limit) if mib is None else f"time {_mark(value <= limit)}")
    elif target:
        said.append("time: see the ratios")
    if mib is not None:
        said.append(f"memory {_mark(mib <= MEMORY_MIB)}")
    return ", ".join(said)


def _mib(value: float | None) -> str:
    return "n/a (install GNU time)" if value is None else f"{value:.0f} MiB"


def write_results(results: Path, bin_: Path, rows, pairs, counts, scaled_counts, runs_said, served, compared) -> None:
    """Record this run in `results` (benchmarks/RESULTS.md), followed by benchmarks/NOTES.md; `runs_said`:
    the runs behind each median (the small records', the whole-record commands', the scaling rows')."""
    runs, heavy_runs, scale_runs = runs_said
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    versions = sh(bin_ / "python", "-m", "pip", "list", "--format=json").stdout
    wanted = {"pluggy", "textual", "tinydb", "ics", "openpyxl"}
    pkgs = ", ".join(f"{p['name']} {p['version']}" for p in json.loads(versions) if p["name"].lower() in wanted)
    load = os.getloadavg()[0]
    lines = [
        "# Benchmark results",
        "",
        f"Run `make bench` to reproduce. Last run: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"{os.cpu_count()} cores ({cpu}), load average {load:.1f} at the end, Python {platform.python_version()}, "
        f"{pkgs}.",
        f"Stress record: {counts['tasks']} tasks ({counts['deadlines']} deadlines), {counts['progress']} progress "
        f"reports, {counts['duty_logs']} duty logs, {counts['audit']} audit entries; ten times that for the scaling "
        f"rows ({scaled_counts['tasks']} tasks). Medians of {runs} runs after a warm-up ({heavy_runs} for the "
        f"whole-record commands on the stress record, {scale_runs} for every command on the record ten times "
        "over), whole process, installed compiled package; peak RSS.",
        "",
        f"The last column says whether this run met the row's target and the peak-memory one (≤ {MEMORY_MIB} MiB for "
        "every command); a ratio target is judged in the paired table.",
        "",
        "| command | median | peak memory | target | met |",
        "|---|---:|---:|---|---|",
    ]
    lines += [
        f"| {name} | {sec * 1000:.0f} ms | {_mib(mib)} | {target or ''} | {_verdict(sec, target, mib)} |"
        for name, sec, mib, target in rows
    ]
    lines += [
        "",
        "Feed server (`duban calendars serve` on 127.0.0.1, demo record, new connection per request):",
        "",
        "| request | figure | target | met |",
        "|---|---:|---|---|",
        f"| GET from the cache (median) | {served['cached'] * 1000:.1f} ms | ≤ 10 ms | {_verdict(served['cached'], '≤ 10 ms')} |",
        f"| 304 for the held ETag (median) | {served['not_modified'] * 1000:.1f} ms | ≤ 5 ms | "
        f"{_verdict(served['not_modified'], '≤ 5 ms')} |",
        f"| wrong token, 404 (median) | {served['wrong_token'] * 1000:.1f} ms | ≤ 2 ms | "
        f"{_verdict(served['wrong_token'], '≤ 2 ms')} |",
        f"| 50 concurrent clients × 20 GETs | {served['answered']}/{served['asked']} answered, p99 "
        f"{served['p99'] * 1000:.0f} ms | all, p99 ≤ 1 s | "
        f"{_mark(served['answered'] == served['asked'] and served['p99'] <= 1.0)} |",
        "",
        "Paired ratios (same run):",
        "",
        "| pair | ratio | target | met |",
        "|---|---:|---|---|",
    ]
    lines += [f"| {label} | {ratio:.2f}× | {target} | {_verdict(ratio, target)} |" for label, ratio, target in pairs]
    if not compared:
        lines += ["", "Taskwarrior was not installed: no side-by-side ratios in this run."]
    notes = HERE / "NOTES.md"
    if notes.exists():
        lines += ["", notes.read_text().strip()]
    results.write_text("\n".join(lines) + "\n")
    print(f"wrote {results}")


if __name__ == "__main__":
    main()
