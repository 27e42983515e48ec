"""Approving a document (no «ฉบับร่าง» mark) needs the people who sign it and the date."""
from __future__ import annotations

from pathlib import Path

from ita_desktop.domain import models as m
from tests.conftest import FIXTURES


def _screen(qtbot, window, tmp_path: Path):
    assert window.import_json_to(FIXTURES / "seed002.json", tmp_path / "ข้อมูล.ita")
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    return screen


def _approved(window) -> bool:
    plan = window.doc.data.live_plans()[0]
    return any(d.approved_on for d in window.doc.data.documents if d.plan_id == plan.id and not d.deleted)


def test_approval_refused_without_signatories_and_date(qtbot, window, tmp_path):
    screen = _screen(qtbot, window, tmp_path)
    screen.sign_date.setText("")
    screen.approved.setChecked(True)
    assert not screen.approved.isChecked() and not _approved(window)
    reason = screen.approval_reason.text()
    assert "ยังอนุมัติไม่ได้" in reason and "ชื่อผู้อนุมัติ" in reason and "วันที่ลงนาม" in reason
    # with every name and the date, the approval is kept and the reason goes
    for role in m.ROLES:
        field = screen.signer_fields[(role, "name")]
        field.setText(f"นาย{m.ROLE_NAMES[role]} ทดสอบ")
        field.editingFinished.emit()
    screen.sign_date.setText("๓๐ กันยายน ๒๕๖๘")
    screen.approved.setChecked(True)
    assert screen.approved.isChecked() and _approved(window)
    assert screen.approval_reason.text() == ""
    screen.close()
