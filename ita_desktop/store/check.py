"""`ita-desktop check`: the file's integrity and what is still missing (domain.checks), in Thai."""
from __future__ import annotations

import datetime as dt

from ita_desktop.domain import models as m
from ita_desktop.domain.checks import Finding, Printing, check_data
from ita_desktop.resources import all_frameworks, measure_library
from ita_desktop.store.db import Store


def findings(data: m.OfficeFile, today: dt.date | None = None, printing: Printing | None = None,
             thai_digits: bool = True) -> list[Finding]:
    """The completeness check with the bundled measure library: what the check window, the
    print screen's count and the command line all show."""
    return check_data(data, today, printing, measure_library(), thai_digits, all_frameworks())


def check_store(store: Store, today: dt.date | None = None, printing: Printing | None = None) -> list[Finding]:
    out = [Finding("error", "ไฟล์", e) for e in store.integrity_errors()]
    return out + findings(store.load(), today, printing)
