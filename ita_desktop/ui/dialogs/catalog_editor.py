"""เกณฑ์การประเมิน: the clerk's editor of a year's catalog (questions, weights, threshold, level
rules, the two documents' items, the code mapping from an earlier year, and the issue template
of the analysis document). A copied year says it is a copy (status "copy") until the clerk saves
an edit of it (status "edited").

The working copy is a plain dict (the catalog file's JSON); tables edit it through
QStandardItemModels and it is checked by framework_from_dict before it is kept, so a catalog
that cannot be scored is refused with the reason and nothing is written. Catalogs are kept in
the user's folder and override the bundled year; files already scored keep their snapshot.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain.framework import (
    PROVENANCE,
    FrameworkError,
    code_text,
    copy_framework,
    framework_from_dict,
    status_text,
)
from ita_desktop.domain.grouping import ISSUE_PROVENANCE
from ita_desktop.resources import (
    all_frameworks,
    is_user_framework,
    issue_templates,
    load_framework_file,
    save_user_framework,
    write_catalog,
)
from ita_desktop.store.errors import thai_message
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.dialogs.ask import ask_year
from ita_desktop.ui.dialogs.fit import bounded, fit_to_screen
from ita_desktop.ui.widgets.buttons import add_buttons

Q_COLUMNS = ("code", "indicator", "text", "note", "provenance", "reports_on")


def _shown_question_value(column: str, value: object) -> str:
    """A cell of the question table as the clerk reads it: codes as printed ("O7"), the
    provenance in Thai words, "ใช่" for a question on the previous fiscal year's report."""
    text = str(value or "")
    if column == "code":
        return code_text(text)
    if column == "provenance":
        return PROVENANCE.get(text or "sourced", text)
    if column == "reports_on":
        return "ใช่" if text else ""
    return text


def _provenance_key(shown: str) -> str:
    """The stored key of a provenance shown in Thai (a key typed as such is kept)."""
    keys = {v: k for k, v in PROVENANCE.items()}
    return keys.get(shown, shown) or "single"


Q_HEADINGS = ("รหัส", "ตัวชี้วัด", "ข้อคำถาม", "หมายเหตุ", "ที่มา", "รายงานปีงบประมาณก่อน")
I_HEADINGS = ("ประเด็น", "ข้อคำถาม (คั่นด้วยจุลภาค)", "ที่มาของการจัดข้อ")
L_COLUMNS = ("name", "min_total", "min_each_tool")
L_HEADINGS = ("ระดับ", "คะแนนรวมอย่างน้อย", "ทุกเครื่องมืออย่างน้อย")


def _table(model: QStandardItemModel, stretch: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class CatalogEditor(QDialog):
    """Edit, copy, import and export ITA catalogs.

    Signals: none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("เกณฑ์การประเมิน ITA (ตัวชี้วัดและข้อคำถาม)"))
        fit_to_screen(self, 1000, 600)
        self.data: dict[str, Any] = {}
        self._shown: dict[str, Any] = {}  # the working copy as first shown: an edit differs from it
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(self._year_chosen)
        top.addWidget(QLabel(self.tr("ปีประเมิน")))
        top.addWidget(self.year)
        add_buttons(top, [(self.tr("คัดลอกเป็นปีใหม่…"), self.copy_dialog),
                          (self.tr("นำเข้าไฟล์เกณฑ์…"), self.import_dialog),
                          (self.tr("ส่งออกไฟล์เกณฑ์…"), self.export_dialog)])
        lay.addLayout(top)
        self.origin = QLabel()
        self.origin.setWordWrap(True)
        lay.addWidget(self.origin)
        self.copy_note = QLabel()  # a copied year: not yet published by NACC, a copy until edited
        self.copy_note.setWordWrap(True)
        self.copy_note.setStyleSheet("QLabel { background: #fff4ce; color: #5c4400; padding: 6px; }")
        lay.addWidget(self.copy_note)
        tabs = QTabWidget()
        lay.addWidget(tabs, 1)
        tabs.addTab(self._general_tab(), self.tr("ทั่วไป"))
        tabs.addTab(self._questions_tab(), self.tr("ข้อคำถาม"))
        tabs.addTab(self._mapping_tab(), self.tr("เทียบรหัสกับปีก่อน"))
        tabs.addTab(self._issues_tab(), self.tr("ประเด็นการวิเคราะห์"))
        bottom = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        bottom.addWidget(self.status, 1)
        save = QPushButton(self.tr("บันทึกเกณฑ์"))
        save.clicked.connect(self.save)
        close = QPushButton(self.tr("ปิด"))
        close.clicked.connect(self.reject)
        bottom.addWidget(save)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self.reload()

    def sizeHint(self) -> QSize:
        return bounded(super().sizeHint(), self)

    # --- tabs -------------------------------------------------------------------------
    def _general_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.title = QLineEdit()
        form.addRow(self.tr("ชื่อเกณฑ์"), self.title)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setDecimals(2)
        form.addRow(self.tr("เกณฑ์ต้องพัฒนา (ต่ำกว่า)"), self.threshold)
        self.weights: dict[str, QDoubleSpinBox] = {}
        for code in ("IIT", "EIT", "OIT"):
            spin = QDoubleSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            self.weights[code] = spin
            form.addRow(self.tr(f"น้ำหนัก {code}"), spin)
        self.levels = QStandardItemModel(0, len(L_COLUMNS))
        self.levels.setHorizontalHeaderLabels([self.tr(h) for h in L_HEADINGS])
        form.addRow(self.tr("เกณฑ์ระดับผล"), _table(self.levels, 0))
        self.documents: dict[str, QComboBox] = {}
        for key, label in (("analysis", "ข้อ OIT ของเอกสารการวิเคราะห์และมาตรการ"),
                           ("implementation", "ข้อ OIT ของรายงานผลการดำเนินการ")):
            combo = QComboBox()
            self.documents[key] = combo
            form.addRow(self.tr(label), combo)
        return tab

    def _questions_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.questions = QStandardItemModel(0, len(Q_COLUMNS))
        self.questions.setHorizontalHeaderLabels([self.tr(h) for h in Q_HEADINGS])
        self.question_view = _table(self.questions, 2)
        lay.addWidget(self.question_view, 1)
        row = QHBoxLayout()
        add_buttons(row, [(self.tr("เพิ่มข้อ"), self.add_question), (self.tr("ลบข้อที่เลือก"), self.remove_question),
                          (self.tr("เรียงรหัสใหม่ตามลำดับ"), self.renumber)])
        lay.addLayout(row)
        lay.addWidget(QLabel(self.tr("ที่มา: ") + " · ".join(PROVENANCE.values())))
        return tab

    def _mapping_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("ปีก่อนที่เทียบ")))
        self.map_year = QLineEdit()
        self.map_year.setMaximumWidth(80)
        row.addWidget(self.map_year)
        self.mapping = QStandardItemModel(0, 2)
        add = QPushButton(self.tr("เพิ่มคู่รหัส"))
        add.clicked.connect(lambda: self.mapping.appendRow([QStandardItem(""), QStandardItem("")]))
        row.addWidget(add)
        row.addStretch(1)
        lay.addLayout(row)
        self.mapping.setHorizontalHeaderLabels([self.tr("รหัสในปีก่อน"), self.tr("รหัสในปีนี้")])
        lay.addWidget(_table(self.mapping, 1), 1)
        lay.addWidget(QLabel(self.tr("ใช้เทียบคะแนนรายข้อกับปีก่อน; ข้อที่ไม่ได้เทียบจะเทียบได้เฉพาะระดับตัวชี้วัด")))
        return tab

    def _issues_tab(self) -> QWidget:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        lay.addWidget(QLabel(self.tr("แม่แบบ \"จัดกลุ่มตามประเด็น\" ของเอกสารการวิเคราะห์: ประเด็นและข้อคำถามของแต่ละประเด็น")))
        self.issue_source = QLabel()
        self.issue_source.setWordWrap(True)
        lay.addWidget(self.issue_source)
        self.issues = QStandardItemModel(0, len(I_HEADINGS))
        self.issues.setHorizontalHeaderLabels([self.tr(h) for h in I_HEADINGS])
        self.issue_view = _table(self.issues, 1)
        lay.addWidget(self.issue_view, 1)
        row = QHBoxLayout()
        add_buttons(row, [(self.tr("เพิ่มประเด็น"), self.add_issue),
                          (self.tr("ลบประเด็นที่เลือก"), self.remove_issue)])
        lay.addLayout(row)
        self.issue_unplaced = QLabel()
        self.issue_unplaced.setWordWrap(True)
        lay.addWidget(self.issue_unplaced)
        return tab

    # --- loading ----------------------------------------------------------------------
    def reload(self, year: int | None = None) -> None:
        catalogs = all_frameworks()
        want = year if year is not None else self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for y in sorted(catalogs):
            self.year.addItem(to_thai_digits(str(y)) + ("" if not is_user_framework(y) else self.tr(" (แก้ไขแล้ว)")), y)
        index = self.year.findData(want)
        self.year.setCurrentIndex(index if index >= 0 else self.year.count() - 1)
        self.year.blockSignals(False)
        self._year_chosen()

    def _year_chosen(self) -> None:
        year = self.year.currentData()
        fw = all_frameworks().get(year) if year is not None else None
        if fw is not None:
            self.show_data(json.loads(json.dumps(fw.raw, ensure_ascii=False)))

    def show_data(self, data: dict[str, Any]) -> None:
        self.data = data
        year = int(data.get("ita_year", 0))
        self.origin.setText(self.tr("ที่มา: ") + str(data.get("source", "")) + (
            self.tr(" — เกณฑ์ที่แก้ไขเองในเครื่องนี้") if is_user_framework(year) else self.tr(" — มากับโปรแกรม")))
        self.title.setText(str(data.get("title", "")))
        self.threshold.setValue(float(data.get("threshold", 85)))
        for tool in data.get("tools", []):
            if tool["code"] in self.weights:
                self.weights[tool["code"]].setValue(float(tool["weight"]))
        self.levels.setRowCount(0)
        for rule in data.get("levels", []):
            self.levels.appendRow([QStandardItem(str(rule.get(c, "") if rule.get(c) is not None else ""))
                                   for c in L_COLUMNS])
        self.questions.setRowCount(0)
        for q in data.get("questions", []):
            # codes shown as printed ("O7"); stored lower case (collect() lowers them again)
            self.questions.appendRow([QStandardItem(_shown_question_value(c, q.get(c))) for c in Q_COLUMNS])
        oit = [str(q["code"]) for q in data.get("questions", []) if str(q["code"]).lower().startswith("o")]
        for key, combo in self.documents.items():
            combo.clear()
            combo.addItem(self.tr("(ไม่ระบุ)"), "")
            for code in oit:
                combo.addItem(code_text(code), code)
            combo.setCurrentIndex(max(0, combo.findData((data.get("documents") or {}).get(key, ""))))
        self._show_issues(data)
        self.copy_note.setText(status_text(framework_from_dict(data)) if self._valid(data) else "")
        self.copy_note.setVisible(bool(self.copy_note.text()))
        mapping = data.get("mapping_from") or {}
        from_year = next(iter(mapping), str(year - 1) if year else "")
        self.map_year.setText(str(from_year))
        self.mapping.setRowCount(0)
        for old, new in (mapping.get(from_year) or {}).items():
            self.mapping.appendRow([QStandardItem(code_text(str(old))), QStandardItem(code_text(str(new)))])
        self._shown = self.collect()

    @staticmethod
    def _valid(data: dict[str, Any]) -> bool:
        try:
            framework_from_dict(data)
        except FrameworkError:
            return False
        return True

    def _groups_of(self, data: dict[str, Any]) -> list[dict[str, Any]]:
        """The catalog's issues, or (2567) the bundled template of its year."""
        issues = data.get("issues")
        if isinstance(issues, dict) and issues.get("groups"):
            return list(issues["groups"])
        template = issue_templates().get(int(data.get("ita_year", 0)))
        return [{"title": t, "questions": c} for t, c in template or []]

    def _show_issues(self, data: dict[str, Any]) -> None:
        issues = data.get("issues") if isinstance(data.get("issues"), dict) else {}
        groups = self._groups_of(data)
        source = str((issues or {}).get("source", "")) or (self.tr("แม่แบบที่มากับโปรแกรม") if groups else "")
        self.issue_source.setText(self.tr("ที่มา: ") + source if source else
                                  self.tr("ปีนี้ยังไม่มีแม่แบบประเด็น: เพิ่มประเด็นได้ หรือจัดกลุ่มตามตัวชี้วัดแทน"))
        self.issues.setRowCount(0)
        for g in groups:
            kinds = {str(c).lower(): str(k) for c, k in (g.get("provenance") or {}).items()}
            codes = [str(c).lower() for c in g.get("questions", [])]
            said = sorted({kinds.get(c, "") for c in codes} - {""})
            provenance = QStandardItem("; ".join(
                ISSUE_PROVENANCE.get(k, k) + ": " + ", ".join(code_text(c) for c in codes if kinds.get(c) == k)
                for k in said))
            provenance.setEditable(False)
            provenance.setData(kinds)  # the provenance of each code, kept for the codes left as they were
            self.issues.appendRow([QStandardItem(str(g.get("title", ""))),
                                   QStandardItem(", ".join(code_text(c) for c in codes)), provenance])
        known = [str(q.get("code", "")).lower() for q in data.get("questions", [])]
        placed = {str(c).lower() for g in groups for c in g.get("questions", [])}
        left = [c for c in known if c not in placed]
        unknown = sorted(placed - set(known))
        self.issue_unplaced.setText(
            (self.tr("ข้อที่ยังไม่อยู่ในประเด็นใด: ") + ", ".join(code_text(c) for c in left) if groups and left else "")
            + (self.tr(" รหัสที่ไม่มีในเกณฑ์ปีนี้: ") + ", ".join(code_text(c) for c in unknown) if unknown else ""))

    def add_issue(self) -> None:
        provenance = QStandardItem("")
        provenance.setEditable(False)
        self.issues.appendRow([QStandardItem(""), QStandardItem(""), provenance])

    def remove_issue(self) -> None:
        for row in sorted({i.row() for i in self.issue_view.selectionModel().selectedIndexes()}, reverse=True):
            self.issues.removeRow(row)

    def _collect_issues(self) -> list[dict[str, Any]]:
        """The issues table as a catalog's groups; a code the clerk added is marked "clerk"."""
        groups = []
        for row in range(self.issues.rowCount()):
            title = self.issues.item(row, 0).text().strip() if self.issues.item(row, 0) else ""
            raw = self.issues.item(row, 1).text() if self.issues.item(row, 1) else ""
            codes = list(dict.fromkeys(c.strip().lower() for c in raw.replace("،", ",").replace(" ", ",").split(",")
                                       if c.strip()))
            if not title and not codes:
                continue
            kinds = self.issues.item(row, 2).data() if self.issues.item(row, 2) else None
            kinds = kinds if isinstance(kinds, dict) else {}
            groups.append({"title": title, "questions": codes,
                           "provenance": {c: kinds.get(c) or "clerk" for c in codes}})
        return groups

    # --- editing ----------------------------------------------------------------------
    def add_question(self) -> None:
        self.questions.appendRow([QStandardItem(v) for v in ("", "9", "", "", PROVENANCE["single"], "")])

    def remove_question(self) -> None:
        rows = sorted({i.row() for i in self.question_view.selectionModel().selectedIndexes()}, reverse=True)
        for row in rows:
            self.questions.removeRow(row)

    def renumber(self) -> None:
        """Codes i1…, e1…, o1… in table order (after removing or inserting questions)."""
        counters: dict[str, int] = {}
        for row in range(self.questions.rowCount()):
            item = self.questions.item(row, 0)
            prefix = (item.text().strip()[:1] or "o").lower()
            counters[prefix] = counters.get(prefix, 0) + 1
            item.setText(code_text(f"{prefix}{counters[prefix]}"))

    def collect(self) -> dict[str, Any]:
        """The working copy as a catalog dict (not yet checked)."""
        data: dict[str, Any] = json.loads(json.dumps(self.data, ensure_ascii=False))
        data["title"] = self.title.text().strip()
        data["threshold"] = self.threshold.value()
        for tool in data.get("tools", []):
            if tool["code"] in self.weights:
                tool["weight"] = self.weights[tool["code"]].value()
        levels = []
        for row in range(self.levels.rowCount()):
            name, total, each = (self.levels.item(row, c).text().strip() for c in range(3))
            if name:
                levels.append({"name": name, "min_total": total, "min_each_tool": each or None})
        data["levels"] = levels
        questions = []
        originals = {str(q.get("code", "")).lower(): q for q in self.data.get("questions", []) if isinstance(q, dict)}
        for row in range(self.questions.rowCount()):
            values = {c: (self.questions.item(row, i).text().strip() if self.questions.item(row, i) else "")
                      for i, c in enumerate(Q_COLUMNS)}
            if not values["code"] and not values["text"]:
                continue
            # keys the table does not show (reports_on_provenance) stay with their code
            q: dict[str, Any] = {k: v for k, v in originals.get(values["code"].lower(), {}).items()
                                 if k not in Q_COLUMNS}
            q.update({"code": values["code"].lower(), "indicator": values["indicator"],
                      "text": values["text"], "provenance": _provenance_key(values["provenance"])})
            if values["note"]:
                q["note"] = values["note"]
            if values["reports_on"].strip() in ("ใช่", "previous_fiscal_year"):  # "ไม่" is no yes
                q["reports_on"] = "previous_fiscal_year"
            else:
                q.pop("reports_on_provenance", None)
            questions.append(q)
        data["questions"] = questions
        groups = self._collect_issues()
        if groups:
            issues = data.get("issues") if isinstance(data.get("issues"), dict) else {}
            data["issues"] = {**(issues or {}), "groups": groups}
        else:
            data.pop("issues", None)
        data["documents"] = {k: c.currentData() for k, c in self.documents.items() if c.currentData()}
        pairs = {self.mapping.item(r, 0).text().strip().lower(): self.mapping.item(r, 1).text().strip().lower()
                 for r in range(self.mapping.rowCount())
                 if self.mapping.item(r, 0) and self.mapping.item(r, 1) and self.mapping.item(r, 0).text().strip()}
        if self.map_year.text().strip():
            data["mapping_from"] = {self.map_year.text().strip(): pairs}
        return data

    def save(self) -> bool:
        """Check and keep the catalog; a bad one is refused with the reason. A copy the clerk
        has changed is no longer a bare copy ("status": "edited")."""
        data = self.collect()
        if data.get("status") == "copy" and data != self._shown:
            data["status"] = "edited"
        try:
            for q in data["questions"]:
                q["indicator"] = int(str(q["indicator"]).strip() or 0)
            fw = framework_from_dict(data)
            save_user_framework(data)
        except (FrameworkError, ValueError, OSError) as exc:
            self._failed(exc, self.tr("บันทึกเกณฑ์"))
            return False
        self._say(self.tr(f"บันทึกเกณฑ์ปี {to_thai_digits(str(fw.ita_year))} แล้ว "
                                    "(ไฟล์ข้อมูลที่กรอกคะแนนไว้แล้วยังใช้เกณฑ์เดิมของตน)"))
        self.reload(fw.ita_year)
        return True

    def copy_to_year(self, year: int) -> bool:
        fw = all_frameworks().get(self.year.currentData())
        if fw is None:
            return False
        if year in all_frameworks():
            self._say(self.tr(f"มีเกณฑ์ปี {to_thai_digits(str(year))} อยู่แล้ว"))
            return False
        template = issue_templates().get(fw.ita_year)
        self.show_data(copy_framework(fw, year, [{"title": t, "questions": c} for t, c in template or []]))
        return self.save()

    def copy_dialog(self) -> None:
        current = int(self.year.currentData() or 2569)
        year = ask_year(self, self.tr("คัดลอกเกณฑ์เป็นปีใหม่"),
                        self.tr(f"คัดลอกเกณฑ์ปี {to_thai_digits(str(current))} ไปเป็นเกณฑ์ของปีประเมิน (พ.ศ.)"),
                        current + 1, 2560, 2700,
                        note=self.tr("แก้ข้อคำถามของปีใหม่ได้หลังคัดลอก"))
        if year is not None:
            self.copy_to_year(year)

    def _failed(self, exc: Exception, doing: str) -> None:
        """The reason in Thai on the status line; Python's own words only in its tooltip."""
        if isinstance(exc, ValueError) and not isinstance(exc, FrameworkError):
            # a question's indicator that is not a number (int() of the table's text)
            message = thai_message(FrameworkError(self.tr("ช่องตัวชี้วัดของข้อคำถามต้องเป็นตัวเลข")), doing)
            self._say(message.text, str(exc))
            return
        message = thai_message(exc, doing)
        self._say(message.text, message.detail)

    def _say(self, text: str, detail: str = "") -> None:
        self.status.setText(text)
        self.status.setToolTip(detail)

    def import_file(self, path: Path) -> bool:
        """Take a catalog file (from the district office's USB stick) after checking it."""
        try:
            fw = load_framework_file(path)
            save_user_framework(fw.raw)
        except (FrameworkError, OSError) as exc:
            self._failed(exc, self.tr(f"นำเข้า {path.name}"))
            return False
        self._say(self.tr(f"นำเข้าเกณฑ์ปี {to_thai_digits(str(fw.ita_year))} แล้ว"))
        self.reload(fw.ita_year)
        return True

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("นำเข้าไฟล์เกณฑ์"), "", "JSON (*.json)")
        if path:
            self.import_file(Path(path))

    def export_file(self, path: Path) -> bool:
        data = self.collect()
        try:
            for q in data["questions"]:
                q["indicator"] = int(str(q["indicator"]).strip() or 0)
            framework_from_dict(data)
            write_catalog(path, data)  # a held or full target keeps its old text
        except (FrameworkError, ValueError, OSError) as exc:
            self._failed(exc, self.tr(f"ส่งออก {path.name}"))
            return False
        self._say(self.tr("ส่งออกแล้ว: ") + str(path))
        return True

    def export_dialog(self) -> None:
        year = self.year.currentData()
        path, _ = QFileDialog.getSaveFileName(self, self.tr("ส่งออกไฟล์เกณฑ์"), f"ita-{year}.json", "JSON (*.json)")
        if path:
            self.export_file(Path(path))
