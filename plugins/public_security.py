"""县公安局 (County Public Security Bureau): its duties from section 四(二) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="public_security", name="县公安局", name_en="County Public Security Bureau", short="公安局", kind="department", order=2)


@hookimpl
def duban_register_units(register):
    """Register 公安局."""
    register(UNIT)
