"""县民政局 (County Civil Affairs Bureau): its duties from section 四(三) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="civil_affairs", name="县民政局", name_en="County Civil Affairs Bureau", short="民政局", kind="department", order=3)


@hookimpl
def duban_register_units(register):
    """Register 民政局."""
    register(UNIT)
