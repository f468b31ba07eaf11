"""县市场监督管理局 (County Market Regulation Administration): its duties from section 四(九) of the plan
(co-owner of A1.1, which checks food and drug safety)."""

from duban.core.checklists import ChecklistItem
from duban.core.metrics import MetricDef, incident_count
from duban.core.model import Unit
from duban.core.unitplugin import unit_hooks

UNIT = Unit(
    code="market_regulation",
    name="县市场监督管理局",
    name_en="County Market Regulation Administration",
    short="市场监管局",
    kind="department",
    order=9,
)

#: Section 四(九), verbatim.
DUTY = (
    "会同民政部专题研究制定救助管理机构食品安全管理具体措施，指导救助安置机构食物安全卫生管理，"
    "参与食品药品安全事故的调查处理工作。"
)

CHECKLIST = tuple(
    ChecklistItem(UNIT.code, *row)
    for row in (
        (
            "food-safety-measures",
            "会同民政制定救助管理机构食品安全管理具体措施",
            "Food-safety measures for rescue institutions, with civil affairs",
            (),
            "专题研究制定救助管理机构食品安全管理具体措施",
        ),
        (
            "food-hygiene-guidance",
            "指导救助安置机构食物安全卫生管理",
            "Food hygiene guidance for rescue institutions",
            (),
            "指导救助安置机构食物安全卫生管理",
        ),
        (
            "incident-investigation",
            "参与食品药品安全事故调查处理",
            "Take part in investigating food and drug incidents",
            (),
            "参与食品药品安全事故的调查处理工作",
        ),
        (
            "food-drug-inspection",
            "隐患排查中检查食品药品安全",
            "Check food and drug safety in the hazard inspections",
            ("A1.1",),
            "食品药品安全",
        ),
    )
)

METRICS = tuple(
    MetricDef(UNIT.code, *row)
    for row in (
        (
            "food_inspections",
            "救助机构食品安全检查次数",
            "Food-safety inspections of rescue institutions",
            "count",
            2,
            "at_least",
            "entered",
            ("A1.1",),
            "食品药品安全",
        ),
        (
            "food_measures_issued",
            "食品安全管理具体措施已制定",
            "Food-safety measures issued",
            "yesno",
            1,
            "at_least",
            "entered",
            (),
            "专题研究制定救助管理机构食品安全管理具体措施",
        ),
        (
            "food_drug_incidents",
            "食品药品安全事故",
            "Food or drug safety incidents",
            "count",
            0,
            "at_most",
            "computed",
            ("A1.1",),
            "参与食品药品安全事故的调查处理工作",
        ),
    )
)

COMPUTED = {"food_drug_incidents": lambda record, as_of: incident_count(record, ("food_drug",), UNIT.code, as_of)}


duban_register_units, duban_unit_checklist, duban_unit_metrics, duban_compute_metric = unit_hooks(
    UNIT, CHECKLIST, METRICS, COMPUTED
)
