"""县救助管理站 (County Rescue Management Station): its duties from the tasks it owns in section 二 of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="rescue_station", name="县救助管理站", name_en="County Rescue Management Station", short="救助站", kind="station", order=13)


@hookimpl
def duban_register_units(register):
    """Register 救助站."""
    register(UNIT)
