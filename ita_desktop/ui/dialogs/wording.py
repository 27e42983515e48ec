"""ถ้อยคำของเอกสาร: the office's own wording of its paperwork (the memo asking to approve and
publish a document, the publishing form's labels), over the bundled default
(resources/paperwork/<key>.json). Only what differs from the default is kept, in the file's
Template record of that key (one undo step), so a later release's better default still reaches
every field the office left alone. The memo's emblem (ครุฑ) is a picture the office supplies."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.paths import documents_dir
from ita_desktop.report.options import PLACEHOLDERS
from ita_desktop.thai.text import normalize_line, normalize_text
from ita_desktop.ui.document import Document

KEYS = {"memo": "บันทึกข้อความ", "publish-form": "แบบขออนุญาตเผยแพร่ข้อมูล"}
# what each key of the templates is, as the clerk knows it (a key not here shows as itself)
LABELS = {
    "department": "ส่วนราชการ", "number": "ที่", "to": "เรียน", "subject": "เรื่อง",
    "paragraphs": "เนื้อความ", "opinion": "หัวข้อความเห็น", "choices": "ช่องให้ทำเครื่องหมาย",
    "implementation": "รายงานผลการดำเนินการ", "analysis": "การวิเคราะห์ผลการประเมินและมาตรการ",
    "title": "ชื่อแบบฟอร์ม", "office": "ช่องชื่อหน่วยงาน", "date": "ช่องวันที่", "topic": "ช่องหัวข้อ",
    "details": "ช่องรายละเอียดข้อมูล", "link": "ช่องลิงก์", "note": "ช่องหมายเหตุ",
    "provider": "ผู้ลงนามที่ ๑", "approver": "ผู้ลงนามที่ ๒", "uploader": "ผู้ลงนามที่ ๓",
}
EMBLEM = "emblem"  # the memo's ครุฑ: an Attachment id
MAX_EMBLEM_BYTES = 2_000_000


def _defaults(key: str) -> dict[str, Any]:
    from ita_desktop.resources import paperwork_texts

    return paperwork_texts(key)


def merged(defaults: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """The default with the office's values over it, key by key (a document's own texts too)."""
    out = dict(defaults)
    for k, v in own.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = merged(out[k], v)
        else:
            out[k] = v
    return out


def differences(defaults: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """Only what differs from the default: what the file keeps."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        base = defaults.get(k)
        if isinstance(v, dict) and isinstance(base, dict):
            inner = differences(base, v)
            if inner:
                out[k] = inner
        elif v != base:
            out[k] = v
    return out


class _Fields:
    """The editors of one level of a template: a line per text, a box per list (one item a
    paragraph, paragraphs separated by an empty line)."""

    def __init__(self, form: QFormLayout, values: dict[str, Any]) -> None:
        self.edits: dict[str, QLineEdit | QPlainTextEdit] = {}
        for k, v in values.items():
            if k == EMBLEM or isinstance(v, dict):
                continue
            if isinstance(v, list):
                box = QPlainTextEdit("\n\n".join(str(x) for x in v))
                box.setMinimumHeight(box.fontMetrics().lineSpacing() * (10 if k == "paragraphs" else 4))
                box.setToolTip("เว้นหนึ่งบรรทัดระหว่างย่อหน้า" if k == "paragraphs" else "เว้นหนึ่งบรรทัดระหว่างรายการ")
                self.edits[k] = box
            else:
                self.edits[k] = QLineEdit(str(v))
            form.addRow(LABELS.get(k, k), self.edits[k])

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, w in self.edits.items():
            if isinstance(w, QPlainTextEdit):
                text = normalize_text(w.toPlainText())
                out[k] = [" ".join(p.split("\n")).strip() for p in text.split("\n\n") if p.strip()]
            else:
                out[k] = normalize_line(w.text())
        return out


class WordingDialog(QDialog):
    """The wording of one piece of paperwork (`key`: "memo" or "publish-form")."""

    def __init__(self, parent: QWidget | None, doc: Document, key: str) -> None:
        super().__init__(parent)
        self.doc, self.key = doc, key
        self.setWindowTitle(f"ถ้อยคำของ{KEYS.get(key, key)}")
        self.defaults = _defaults(key)
        self.values = merged(self.defaults, doc.data.template(key))
        outer = QVBoxLayout(self)
        note = QLabel("แก้ถ้อยคำที่ใช้พิมพ์ เก็บไว้ในไฟล์ของหน่วยงาน (ไปกับไฟล์เมื่อคัดลอกหรือรวมข้อมูล) "
                      "คำในวงเล็บปีกกา เช่น {หน่วยงาน} โปรแกรมเติมให้ตอนพิมพ์")
        note.setWordWrap(True)
        outer.addWidget(note)
        tabs = QTabWidget()
        self.levels: dict[str, _Fields] = {}
        top = QWidget()
        self.levels[""] = _Fields(QFormLayout(top), self.values)
        tabs.addTab(self._scroll(top), "ทั่วไป")
        for k, v in self.values.items():
            if isinstance(v, dict):
                page = QWidget()
                self.levels[k] = _Fields(QFormLayout(page), v)
                tabs.addTab(self._scroll(page), LABELS.get(k, k))
        outer.addWidget(tabs, 1)
        self.emblem_id = str(self.values.get(EMBLEM) or "")
        if EMBLEM in self.defaults:
            row = QHBoxLayout()
            self.emblem = QLabel()
            choose = QPushButton("เลือกภาพครุฑ…")
            choose.clicked.connect(self.choose_emblem)
            drop = QPushButton("ไม่ใช้ภาพ")
            drop.clicked.connect(lambda: self._emblem_set(""))
            row.addWidget(QLabel("ภาพครุฑ (สูง ๑.๕ ซม.):"))
            row.addWidget(self.emblem, 1)
            row.addWidget(choose)
            row.addWidget(drop)
            outer.addLayout(row)
            self._emblem_set(self.emblem_id)
        words = QLabel("คำที่เติมได้: " + " ".join("{" + k + "}" for k in PLACEHOLDERS))
        words.setWordWrap(True)
        words.setStyleSheet("color: #555;")
        outer.addWidget(words)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("บันทึก")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("ยกเลิก")
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.setText("ใช้ถ้อยคำมาตรฐานทั้งหมด")
        restore.clicked.connect(self.restore_defaults)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(760, 620)

    @staticmethod
    def _scroll(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(widget)
        return area

    def edited(self) -> dict[str, Any]:
        out = dict(self.levels[""].values())
        for k, fields in self.levels.items():
            if k:
                out[k] = fields.values()
        if EMBLEM in self.defaults:
            out[EMBLEM] = self.emblem_id
        return out

    def _emblem_set(self, aid: str) -> None:
        self.emblem_id = aid
        att = self.doc.data.attachment(aid)
        self.emblem.setText(att.name if att is not None else "ไม่ใช้ภาพ (สำนักงานใส่ภาพครุฑเองได้)")

    def choose_emblem(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, "เลือกภาพครุฑ", str(documents_dir()), "ภาพ (*.png *.jpg *.jpeg)")
        if path:
            self.load_emblem(Path(path))

    def load_emblem(self, path: Path) -> bool:
        try:
            if path.stat().st_size > MAX_EMBLEM_BYTES:
                raise ValueError("ภาพใหญ่เกิน ๒ MB")
            content = path.read_bytes()
            if not (content.startswith(b"\x89PNG") or content.startswith(b"\xff\xd8")):
                raise ValueError("ต้องเป็นภาพ PNG หรือ JPG")
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, "ใช้ภาพนี้ไม่ได้", str(exc) if isinstance(exc, ValueError) else
                                f"อ่านไฟล์ไม่ได้ ({exc.strerror or exc})")
            return False
        mime = "image/png" if content.startswith(b"\x89PNG") else "image/jpeg"
        doc = self.doc

        def attach() -> list[m.Record]:
            return [edits.attach(doc.data, path.name, mime, content)]
        att = doc.edit("เพิ่มภาพครุฑ", attach)[0]
        self._emblem_set(att.id)
        return True

    def restore_defaults(self) -> None:
        self.values = dict(self.defaults)
        for k, fields in self.levels.items():
            level = self.defaults if not k else self.defaults.get(k, {})
            for name, w in fields.edits.items():
                v = level.get(name, "")
                if isinstance(w, QPlainTextEdit):
                    w.setPlainText("\n\n".join(str(x) for x in v) if isinstance(v, list) else str(v))
                else:
                    w.setText(str(v))
        if EMBLEM in self.defaults:
            self._emblem_set(self.emblem_id)  # the picture is the office's, not wording: kept

    def save(self) -> None:
        own = differences(self.defaults, self.edited())
        doc, key = self.doc, self.key
        if own != doc.data.template(key):
            def keep() -> list[m.Record]:
                tid = m.Template.make_id(key)
                rec = next((t for t in doc.data.templates if t.id == tid), None)
                if rec is None:
                    rec = m.Template(id=tid, key=key)
                    doc.data.templates.append(rec)
                rec.texts, rec.deleted = own, False
                return [rec]
            doc.notify(doc.edit(f"แก้ถ้อยคำของ{KEYS.get(key, key)}", keep))
        self.accept()
