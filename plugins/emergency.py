"""县应急管理局 (County Emergency Management Bureau): its duties from section 四(七) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="emergency", name="县应急管理局", name_en="County Emergency Management Bureau", short="应急局", kind="department", order=7)


@hookimpl
def duban_register_units(register):
    """Register 应急局."""
    register(UNIT)
