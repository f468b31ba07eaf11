"""县人力资源和社会保障局 (County Human Resources and Social Security Bureau): its duties from section 四(五) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="human_resources", name="县人力资源和社会保障局", name_en="County Human Resources and Social Security Bureau", short="人社局", kind="department", order=5)


@hookimpl
def duban_register_units(register):
    """Register 人社局."""
    register(UNIT)
