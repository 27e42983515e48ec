"""`ita-desktop check`: the file's integrity and what is still missing (domain.checks), in Thai."""
from __future__ import annotations

from ita_desktop.domain.checks import Finding, check_data
from ita_desktop.store.db import Store


def check_store(store: Store) -> list[Finding]:
    out = [Finding("error", "ไฟล์", e) for e in store.integrity_errors()]
    return out + check_data(store.load())
