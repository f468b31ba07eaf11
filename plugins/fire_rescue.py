"""县消防救援大队 (County Fire and Rescue Brigade): its duties from section 四(八) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="fire_rescue", name="县消防救援大队", name_en="County Fire and Rescue Brigade", short="消防大队", kind="department", order=8)


@hookimpl
def duban_register_units(register):
    """Register 消防大队."""
    register(UNIT)
