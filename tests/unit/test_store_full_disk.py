"""A full disk says so: SQLite has already rolled back, and a second ROLLBACK used to hide the
real error behind "cannot rollback - no transaction is active"."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ita_desktop.store.db import Store


def test_a_full_disk_is_reported_as_full(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "a.ita")
    try:
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count={pages}")  # the disk is full now
        office = store.load().office
        office.name = "ก" * 200_000
        with pytest.raises(sqlite3.OperationalError, match="full"):
            store.save(office)
        assert not store.conn.in_transaction
    finally:
        store.close()
