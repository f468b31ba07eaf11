"""Build a province-scale stress record: many counties' plans in one database.

10,000 tasks with deadlines (625 counties × the 16 tasks of the Linwu plan), 100,000
progress reports and duty logs, and 50,000 audit entries. Usage:
    python benchmarks/stress.py OUT_DIR [--counties N]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from duban.core.folds import latest_subset
from duban.core.initdb import build_plan
from duban.core.record import plan_documents
from duban.core.registry import load_registry
from duban.core.status import periods
from duban.core.store import Database

AS_OF = dt.date(2020, 10, 15)


def province_plan(counties: int):
    """The Linwu plan repeated for `counties` counties: the first keeps the plan's own task ids (the
    plugins' checklist items and metrics link to them), the others are C0002-A1.1 …"""
    base = build_plan(load_registry(False).units)
    tasks, duties = [], []
    for c in range(1, counties + 1):
        prefix = f"C{c:04d}-" if c > 1 else ""
        tasks += [dataclasses.replace(t, id=prefix + t.id) for t in base.tasks]
        duties += [dataclasses.replace(d, id=prefix + d.id, task=prefix + d.task) for d in base.duties]
    return dataclasses.replace(
        base,
        id="province-stress",
        title="省级压力测试记录",
        title_en="Province stress record",
        tasks=tuple(tasks),
        duties=tuple(duties),
    )


def build(path: Path, counties: int = 625, reports: int = 0, logs: int = 0, audits: int = 0) -> dict:
    """Write the stress database at `path`; returns the counts. Unless given, the logs grow with the
    counties: 70,000 reports, 30,000 duty logs and 50,000 audit entries at 625."""
    reports = reports or 112 * counties
    logs = logs or 48 * counties
    audits = audits or 80 * counties
    rng = random.Random(7)
    plan = province_plan(counties)
    tables = plan_documents(plan)
    progress, history = [], {}
    task_list = list(plan.tasks)
    for i in range(reports):
        task = rng.choice(task_list)
        day = plan.period_start + dt.timedelta(days=rng.randint(0, (AS_OF - plan.period_start).days))
        doc = {
            "task": task.id,
            "unit": task.parties[0],
            "date": day.isoformat(),
            "percent": rng.randint(1, 99),
            "note": f"第{i}次进度报告：按计划推进",
            "evidence": [],
            "author": "bench",
            "done_deadline": None,
            "recorded_at": "2020-10-15T09:00:00+08:00",
        }
        progress.append(doc)
        history.setdefault(task.id, []).append([doc["date"], doc["percent"], None, task.parties[0], i + 1])
    tables["task_state"] = [{"task": k, "history": sorted(v)} for k, v in history.items()]
    tables["task_latest"] = [{"task": d["task"], "history": latest_subset(d["history"])} for d in tables["task_state"]]
    # One log per duty period at most, so a small province gets every period logged, not more.
    # A per-township duty of a plan with no townships has no performer: nothing to log.
    slots = [(duty, first) for duty in plan.duties if duty.units for first, _last in periods(duty, AS_OF)]
    duty_logs, dates = [], {}
    for duty, first in rng.sample(slots, min(logs, len(slots))):
        dates.setdefault((duty.id, duty.units[0]), set()).add(first.isoformat())
        duty_logs.append(
            {
                "duty": duty.id,
                "date": first.isoformat(),
                "unit": duty.units[0],
                "author": "bench",
                "note": "",
                "recorded_at": "2020-10-15T09:00:00+08:00",
            }
        )
    tables["duty_state"] = [{"duty": d, "unit": u, "dates": sorted(v)} for (d, u), v in dates.items()]
    tables["progress"] = progress
    tables["duty_logs"] = duty_logs
    tables["audit"] = [
        {
            "at": "2020-10-15T09:00:00+08:00",
            "who": "bench",
            "what": "progress",
            "target": rng.choice(task_list).id,
            "before": {"percent": 0},
            "after": {"percent": 10},
        }
        for _ in range(audits - 1)
    ]
    db = Database(path)
    db.create("bench", tables, {"plan": plan.id, "as_of": AS_OF.isoformat()}, force=True)
    with db.transaction("bench") as tx:  # the generated views already hold every logged entry
        tx.table("checkpoints").insert_multiple(
            [
                {"view": view, "offset": tx.log_length(log), "last_id": tx.meta["logs"][log]["next_id"] - 1}
                for view, log in (("task_state", "progress"), ("duty_state", "duty_logs"))
            ]
        )
    return {
        "tasks": len(plan.tasks),
        "deadlines": sum(len(t.deadlines) for t in plan.tasks),
        "progress": reports,
        "duty_logs": len(duty_logs),
        "audit": audits,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out")
    parser.add_argument("--counties", type=int, default=625)
    args = parser.parse_args()
    print(build(Path(args.out), args.counties))
