"""县卫生健康局 (County Health Commission): its duties from section 四(六) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="health", name="县卫生健康局", name_en="County Health Commission", short="卫健局", kind="department", order=6)


@hookimpl
def duban_register_units(register):
    """Register 卫健局."""
    register(UNIT)
