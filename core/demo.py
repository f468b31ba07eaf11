"""The demo database: the built-in plan with realistic progress as of 2020-10-15."""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from importlib import resources
from typing import TYPE_CHECKING

from .dutylog import apply_log, check_log
from .initdb import build_plan, init_database
from .meetings import apply_meeting, check_meeting
from .progress import apply_report, check_report
from .record import load_record
from .status import periods

if TYPE_CHECKING:
    from .workspace import Workspace

DEMO_AS_OF = dt.date(2020, 10, 15)
D = dt.date.fromisoformat

#: the demo's story, as data: what the units reported, logged, ticked and entered, and the rulings
STORY = "demo-2020-10-15.toml"


def story() -> dict[str, list[dict]]:
    """The demo's story (see core/data/demo-2020-10-15.toml), table by table, row by row."""
    return tomllib.loads(resources.files("duban.core.data").joinpath(STORY).read_text(encoding="utf-8"))


def build_demo(ws: Workspace, force: bool = False) -> None:
    """Create the demo database at `db`: built-in plan, reports from several units, duty logs with gaps,
    checklist ticks, metric values, an incident and the committee's first decisions."""
    from .checklists import apply_tick, check_tick
    from .flags import Decision, decide, flag_id
    from .incidents import apply_incident, check_incident
    from .metrics import apply_value, check_value
    from .sending import apply_send, check_send

    db = ws.db
    plan = build_plan(ws.units)
    init_database(db, plan, "demo", force=force, info={"as_of": DEMO_AS_OF.isoformat(), "demo": True})
    rng = random.Random(2020)
    tale = story()
    coverage = {(c["duty"], c["unit"]): c["periods"] for c in tale["duty_coverage"]}
    with db.transaction("demo") as tx:
        record = load_record(tx, ws.units)
        for r in tale["reports"]:
            report = check_report(
                record,
                r["task"],
                r["percent"],
                D(r["date"]),
                r["unit"],
                r["done"],
                r["note"],
                tuple(r["evidence"]),
                author=f"{r['unit']}-联络员",
            )
            apply_report(tx, record, report)
        for duty in plan.duties:
            spans = periods(duty, DEMO_AS_OF)
            free = list(spans)
            for unit in record.duty_units(duty):
                wanted = coverage.get((duty.id, unit), 0)
                # A joint "any" duty's units keep different days, so together they cover `wanted` more.
                pool = free if duty.joint == "any" else spans
                chosen = rng.sample(pool, min(wanted, len(pool)))
                free = [p for p in free if p not in chosen]
                for first, last in sorted(chosen):
                    logged = first + dt.timedelta(days=rng.randint(0, (last - first).days))
                    apply_log(tx, record, check_log(record, duty.id, logged, unit, author="demo"))
        for k in tale["ticks"]:
            tick = check_tick(
                ws.registry,
                record,
                k["unit"],
                k["item"],
                D(k["date"]),
                k["undo"],
                k["note"],
                tuple(k["evidence"]),
                f"{k['unit']}-联络员",
            )
            apply_tick(tx, record, tick)
        for m in tale["metric_values"]:
            value = check_value(
                ws.registry, record, m["unit"], m["metric"], m["value"], D(m["date"]), f"{m['unit']}-联络员"
            )
            apply_value(tx, record, value)
        for i in tale["incidents"]:
            incident = check_incident(
                record, i["kind"], D(i["date"]), i["note"], reported=D(i["reported"]), author="rescue_station-值班员"
            )
            apply_incident(tx, record, incident)
        for x in tale["sends"]:
            apply_send(tx, record, check_send(record, x["milestone"], D(x["date"]), x["up"], tuple(x["copies"])))
        for m in tale["meetings"]:  # the coordination mechanism at work (附件2's first column)
            apply_meeting(tx, check_meeting(tx, record.plan, D(m["date"]), m["topics"], m["chair"], "县民政局办公室"))
    for d in tale["decisions"]:
        day = DEMO_AS_OF - dt.timedelta(days=1)
        due = D(d["due"]) if d["due"] else None
        ruling = Decision(d["decision"], d["reason"], day, "政法委-督导组", d["order"], due)
        decide(ws, flag_id(d["unit"], d["level"], d["rule"], d["subject"]), ruling)
