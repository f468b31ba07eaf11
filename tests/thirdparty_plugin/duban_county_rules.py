"""An example county plugin: adds 向阳镇 as a township and one rule of the county's own — every
township must name a liaison for the key-person revisits (A5.2) — with no change to duban itself."""

from duban import Evidence, Finding, Unit, hookimpl

TOWN = Unit(code="town_xiangyang", name="向阳镇", name_en="Xiangyang Town", short="向阳镇", kind="township", order=300)


@hookimpl
def duban_register_units(register):
    """Register 向阳镇."""
    register(TOWN)


@hookimpl
def duban_evaluate_flags(record):
    """County rule: a township without a named liaison is put under supervision."""
    return [
        Finding(u.code, "supervision", "township_liaison", (Evidence("task", "A5.2", f"{u.name} 未登记回访联络员"),))
        for u in record.townships()
        if not u.liaison
    ]
