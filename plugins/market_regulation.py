"""县市场监督管理局 (County Market Regulation Administration): its duties from section 四(九) of the plan."""
from core.hookspecs import hookimpl
from core.model import Unit

UNIT = Unit(code="market_regulation", name="县市场监督管理局", name_en="County Market Regulation Administration", short="市场监管局", kind="department", order=9)


@hookimpl
def duban_register_units(register):
    """Register 市场监管局."""
    register(UNIT)
