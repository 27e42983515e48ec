"""The open document handed to the render worker as bytes (ita_desktop/snapshot.py): every
record of every kind comes back equal, without the file being read."""
from __future__ import annotations

import json
import os
import pickle
import time
from decimal import Decimal
from pathlib import Path

import pytest

from ita_desktop import snapshot
from ita_desktop.domain import models as m
from ita_desktop.store.errors import thai_message
from ita_desktop.store.exchange import import_data
from tests.conftest import FIXTURES


def _data() -> m.OfficeFile:
    data = import_data(json.loads((FIXTURES / "seed004.json").read_text(encoding="utf-8")))
    data.office.logo, data.office.logo_mime = b"\x89PNG\r\n\x1a\n\x00\xff", "image/png"
    plan = data.live_plans()[0]
    data.add(m.PrintSettings(id="p", plan_id=plan.id, document="analysis", options={"digits": "thai"}))
    data.measures[0].deleted = True  # deleted records travel too (the UI filters them)
    data.measures[1].responsible_main = ["กองคลัง", "สำนักปลัด"]
    return data


def test_every_record_of_every_kind_comes_back_equal() -> None:
    data = _data()
    again = snapshot.loads(snapshot.dumps(data))
    assert again == data
    assert {k.table for k in m.KINDS if data.records(k)} == {k.table for k in m.KINDS if again.records(k)}
    assert again.office.logo == b"\x89PNG\r\n\x1a\n\x00\xff"
    scores = [s.score for s in again.indicator_scores if s.score is not None]
    assert scores and all(isinstance(s, Decimal) for s in scores)


def test_the_snapshot_never_touches_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    data = _data()

    def no_files(*_a, **_k):
        raise AssertionError("a file was opened")
    monkeypatch.setattr(Path, "open", no_files)
    monkeypatch.setattr("builtins.open", no_files)
    assert snapshot.loads(snapshot.dumps(data)) == data


def _pickled(obj: object) -> bytes:
    return snapshot.HEADER + pickle.dumps(obj)


@pytest.mark.parametrize("blob", [
    b"", b"\xff\xfe", snapshot.HEADER, snapshot.HEADER + b"\x80\x05garbage",
    _pickled([1, 2]),  # not an office file
    _pickled(os.getcwd),  # a function: never called, never even looked up
    b"ITA-DESKTOP-SNAPSHOT-0\n" + pickle.dumps(m.OfficeFile()),  # another format
])
def test_bytes_that_are_not_a_snapshot_are_said_in_thai(blob: bytes) -> None:
    with pytest.raises(snapshot.SnapshotError) as caught:
        snapshot.loads(blob)
    message = thai_message(caught.value)
    assert message.text.startswith("ข้อมูลที่ส่งให้ตัวจัดหน้าเอกสารไม่สมบูรณ์") and message.detail


def test_a_snapshot_is_quick_to_make() -> None:
    """It is made on the GUI thread for every preview: a big file takes milliseconds."""
    from benchmarks.bench_report import big_doc

    data = import_data(big_doc(300))
    start = time.perf_counter()
    blob = snapshot.dumps(data)
    assert time.perf_counter() - start < 0.1
    assert snapshot.loads(blob) == data
