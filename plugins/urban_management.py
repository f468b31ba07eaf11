"""县城市管理和综合执法局 (County Urban Management and Law Enforcement Bureau): its duties from section 四(十二) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="urban_management", name="县城市管理和综合执法局", name_en="County Urban Management and Law Enforcement Bureau", short="城管局", kind="department", order=12)


@hookimpl
def duban_register_units(register):
    """Register 城管局."""
    register(UNIT)
