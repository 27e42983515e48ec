"""A merge planned without a work folder leaves no copy of the other office's file behind."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from ita_desktop.store import merge
from ita_desktop.store.db import Store


def test_planning_a_merge_leaves_no_scratch_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    a = tmp_path / "a.ita"
    Store.create(a).close()
    b = tmp_path / "b.ita"
    store = Store.open(a)
    try:
        store.copy_to(b)
        merge.plan_merge(store, b)
    finally:
        store.close()
    assert list(scratch.iterdir()) == []
