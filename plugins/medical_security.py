"""县医疗保障局 (County Healthcare Security Bureau): its duties from section 四(十) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="medical_security", name="县医疗保障局", name_en="County Healthcare Security Bureau", short="医保局", kind="department", order=10)


@hookimpl
def duban_register_units(register):
    """Register 医保局."""
    register(UNIT)
