"""Finding what a user names: a code in any case, or a name as screens show it, with "did you mean".

Every front end asks here, so 民政局, 县民政局, civil_affairs and CIVIL_AFFAIRS name the same unit in the
command line, the dashboard's dialogs and the importer alike.
"""

from __future__ import annotations

from collections.abc import Iterable

from .dates import FULL_WIDTH
from .errors import DubanError
from .i18n import t

#: A candidate: its code and the names it is shown under.
Choice = tuple[str, Iterable[str]]


def normal(text: str) -> str:
    """`text` as compared: full-width digits folded (Ａ２．１ → a2.1), case and outer spaces ignored."""
    return str(text).strip().translate(FULL_WIDTH).casefold()


def find(text: str, choices: Iterable[Choice]) -> list[str]:
    """The codes `text` names: the code (any case), a whole name, else the names containing it."""
    key = normal(text)
    if not key:
        return []
    typed = str(text).strip()
    # Part of a name (落户 in 加强落户安置) counts from two characters as typed, three in Latin letters:
    # fewer would match too much (casefolding makes ß the "ss" inside "Commission").
    partial = len(typed) >= (3 if typed.isascii() else 2)
    table = [(code, [normal(n) for n in names if n]) for code, names in choices]
    for exact in (
        [c for c, _ in table if normal(c) == key],
        [c for c, names in table if key in names],
        [c for c, names in table if partial and any(key in n for n in names)],
    ):
        if exact:
            return list(dict.fromkeys(exact))
    return []


def resolve(text: str, choices: Iterable[Choice], unknown: str) -> str:
    """The one code `text` names; else a DubanError: `unknown` (a message) and what was probably meant."""
    choices = [(code, tuple(names)) for code, names in choices]
    found = find(text, choices)
    if len(found) == 1:
        return found[0]
    shown = {code: next((n for n in names if n), code) for code, names in choices}
    if found:
        raise DubanError(f"{unknown}{t('name_ambiguous', choices=_listed(found, shown))}")
    import difflib  # only for a name not found: the near misses

    spellings = {normal(s): code for code, names in choices for s in (code, *names) if s}
    near = difflib.get_close_matches(normal(text), list(spellings), n=3, cutoff=0.6)
    hint = t("did_you_mean", choices=_listed(list(dict.fromkeys(spellings[s] for s in near)), shown)) if near else ""
    raise DubanError(f"{unknown}{hint}")


def _listed(codes: list[str], shown: dict[str, str]) -> str:
    named = (code if shown[code] == code else t("name_with_code", name=shown[code], code=code) for code in codes)
    return t("list_sep").join(named)


# -- what the plan and the plugins name ------------------------------------------------------------------------


def unit_choices(units) -> list[Choice]:
    """Units by code, short name, full name and English name."""
    return [(u.code, (u.short, u.name, u.name_en)) for u in units]


def titled_choices(things) -> list[Choice]:
    """Tasks, duties and checklist items by id and title."""
    return [(x.id, (x.title, x.title_en)) for x in things]


def metric_choices(metrics) -> list[Choice]:
    """Metrics by id and name."""
    return [(m.id, (m.name, m.name_en)) for m in metrics]


def worded_choices(codes: Iterable[str], prefix: str) -> list[Choice]:
    """Codes shown through the catalogue (levels `lvl_…`, incident kinds `inc_…`) in both languages."""
    from .i18n import catalogue

    return [(code, catalogue()[f"{prefix}{code}"]) for code in codes]
