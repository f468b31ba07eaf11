"""Recording a unit's liaison: who the secretariat calls, and who subscribes to the unit's feed."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tinydb import Query

from . import validate
from .errors import DubanError
from .i18n import t
from .model import Unit
from .record import load_record

if TYPE_CHECKING:
    from .workspace import Workspace

FIELDS = ("liaison", "phone", "email")
_PHONE = re.compile(r"^[0-9+\-() ]{3,30}$")
# No controls (ESC starts a terminal escape) and no bidi overrides: an address is printed and mailed to.
_ADDRESS_CHAR = r"[^@\s\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_EMAIL = re.compile(rf"^{_ADDRESS_CHAR}+@{_ADDRESS_CHAR}+\.{_ADDRESS_CHAR}+$")


def check_contact(values: dict[str, str | None]) -> dict[str, str]:
    """The given contact fields, cleaned; an empty string clears a field."""
    given = {k: validate.text(v, f"--{k}") for k, v in values.items() if k in FIELDS and v is not None}
    if not given:
        raise DubanError(t("contact_nothing"))
    if given.get("phone") and not _PHONE.match(given["phone"]):
        raise DubanError(t("bad_phone", value=given["phone"]))
    if given.get("email") and not _EMAIL.match(given["email"]):
        raise DubanError(t("bad_email", value=given["email"]))
    return given


def set_contact(ws: Workspace, code: str, author: str, **values: str | None) -> Unit:
    """Record `code`'s liaison fields in one audited transaction; returns the unit as it now reads."""
    given = check_contact(values)
    with ws.db.transaction(author or "duban") as tx:
        record = load_record(tx, ws.units, texts=False)
        unit = record.unit(validate.unit(record, code))
        before = {k: getattr(unit, k) for k in given}
        table = tx.table("unit_contacts")
        doc = {"code": code, **{k: getattr(unit, k) for k in FIELDS}, **given}
        if not table.update(doc, Query().code == code):
            table.insert(doc)
        tx.audit("contact", code, before, given)
    return Unit(**{**unit.__dict__, **given})
