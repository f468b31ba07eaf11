"""县委政法委 (County Political-Legal Committee): its duties from section 四(一) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="political_legal", name="县委政法委", name_en="County Political-Legal Committee", short="政法委", kind="department", order=1)


@hookimpl
def duban_register_units(register):
    """Register 政法委."""
    register(UNIT)
