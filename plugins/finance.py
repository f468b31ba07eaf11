"""县财政局 (County Finance Bureau): its duties from section 四(四) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="finance", name="县财政局", name_en="County Finance Bureau", short="财政局", kind="department", order=4)


@hookimpl
def duban_register_units(register):
    """Register 财政局."""
    register(UNIT)
