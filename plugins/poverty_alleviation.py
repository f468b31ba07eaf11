"""县扶贫开发办公室 (County Poverty Alleviation Office): its duties from section 四(十一) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="poverty_alleviation", name="县扶贫开发办公室", name_en="County Poverty Alleviation Office", short="扶贫办", kind="department", order=11)


@hookimpl
def duban_register_units(register):
    """Register 扶贫办."""
    register(UNIT)
