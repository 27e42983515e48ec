"""นำเข้ามาตรการจากตาราง: last year's report from a .docx, or a table pasted from Word or Excel,
shown before anything is written. Each column's field is guessed from its header and can be
changed above the column; the mapping chosen is remembered per header (QSettings), so next
year's file of the same shape needs no choosing. The measures go to the end of a plan (a new
plan for a year that has none): nothing already typed is changed, and the whole import is one
undo step. The reading and the rules are domain/table_import.py's; this dialog only shows them."""
from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import models as m
from ita_desktop.domain import table_import as ti
from ita_desktop.domain.sortkey import key_between
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.ui.document import Document
from ita_desktop.ui.widgets.fields import explain_disabled

PREVIEW_ROWS = 40  # rows of the source shown; the measures list below counts them all


def _fold(title: str) -> str:
    """A title as compared for «the same measure»: no spaces, no number typed in front."""
    return "".join(ti.split_number(title)[1].split())


class YearChoice(QComboBox):
    """The fiscal years the measures can go to: the file's plans and the year after the last."""

    def __init__(self, doc: Document, year: int) -> None:
        super().__init__()
        have = [p.fiscal_year for p in doc.data.live_plans()]
        years = sorted({*have, (max(have) + 1) if have else 0, year} - {0}) or [2568]
        for y in years:
            self.addItem(to_thai_digits(str(y)) + ("" if y in have else " (ปีใหม่)"), y)
        self.setCurrentIndex(max(0, self.findData(year or years[-1])))

    def value(self) -> int:
        return int(self.currentData() or 0)

    def setValue(self, year: int) -> None:  # as QSpinBox's, for callers and tests
        index = self.findData(year)
        if index < 0:
            self.addItem(to_thai_digits(str(year)) + " (ปีใหม่)", year)
            index = self.count() - 1
        self.setCurrentIndex(index)


class TableImportDialog(QDialog):
    """The tables of a source, one chosen, its columns mapped; `imported` the records made."""

    def __init__(self, parent: QWidget | None, doc: Document, source: str, tables: list[ti.Grid],
                 blocks: list[ti.Block] | None = None, fiscal_year: int = 0, fixed_year: bool = False,
                 settings: QSettings | None = None, replaceable: list[m.Measure] | None = None) -> None:
        super().__init__(parent)
        self.doc, self.settings = doc, settings
        self.tables = [t for t in tables if t.rows and t.width]
        self.blocks = blocks or []
        self.imported: list[m.Record] = []
        self.setWindowTitle("นำเข้ามาตรการ — " + source)
        outer = QVBoxLayout(self)
        found = ti.import_document(self.tables, self.blocks)
        # a pasted table is a table whatever its header says; a document's tables are read as
        # measures when their header looks like it, else its headings
        self.mode = found.mode if self.blocks or not self.tables else "table"
        top = QFormLayout()
        self.table_choice = QComboBox()
        for i, grid in enumerate(self.tables):
            labels = ti.header_labels(grid, ti.find_header(grid))
            words = " | ".join(x for x in labels if x)[:80]
            self.table_choice.addItem(to_thai_digits(f"ตารางที่ {i + 1}: ") + (words or "(ไม่มีหัวตาราง)"), i)
        first = next((i for i, g in enumerate(self.tables) if found.tables and g is found.tables[0].grid), 0)
        self.table_choice.setCurrentIndex(first)
        self.table_choice.currentIndexChanged.connect(lambda _i: self._show_table())
        if self.mode == "table" and len(self.tables) > 1:
            top.addRow("ตาราง", self.table_choice)
        self.year = YearChoice(doc, fiscal_year)
        self.year.setEnabled(not fixed_year)
        self.year.currentIndexChanged.connect(lambda _i: self._show_target())
        top.addRow("นำเข้าเป็นมาตรการปีงบประมาณ", self.year)
        self.target = QLabel()
        self.target.setWordWrap(True)
        top.addRow("", self.target)
        self.replaceable = list(replaceable or [])
        self.replace = QCheckBox(to_thai_digits(f"แทนที่มาตรการที่เลือกไว้ {len(self.replaceable)} ข้อ "
                                                "(มาตรการใหม่อยู่ในตำแหน่งเดิม มาตรการที่ถูกแทนเลิกทำได้)"))
        self.replace.setVisible(bool(self.replaceable))
        self.replace.toggled.connect(lambda _on: self._show_target())
        top.addRow("", self.replace)
        self.results = QComboBox()  # last year's results are not this year's: asked, not assumed
        for key, text in (("", "ไม่นำเข้า (ปีใหม่เริ่มรายงานผลจากว่าง)"), ("year", "เป็นผลรอบ ๑๒ เดือน"),
                          ("half", "เป็นผลรอบ ๖ เดือน")):
            self.results.addItem(text, key)
        self.results.setCurrentIndex(self.results.findData("year" if fixed_year else ""))
        top.addRow("ผลการดำเนินการในตาราง", self.results)
        self.skip_same = QCheckBox()
        self.skip_same.setChecked(True)
        self.skip_same.toggled.connect(lambda _on: self._show_measures())
        top.addRow("", self.skip_same)
        outer.addLayout(top)
        hint = QLabel("แถวแรกของตาราง: เลือกว่าแต่ละคอลัมน์คือข้อมูลใด (โปรแกรมเดาจากหัวตาราง)"
                      if self.mode == "table" else
                      "ไม่พบตารางมาตรการในไฟล์ จึงอ่านตามหัวข้อ (ชื่อมาตรการและหัวข้อตัวหนา)")
        hint.setWordWrap(True)
        outer.addWidget(hint)
        self.preview = QTableWidget()
        self.preview.verticalHeader().setVisible(False)
        self.preview.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview.setWordWrap(True)
        outer.addWidget(self.preview, 3)
        row = QHBoxLayout()
        self.count = QLabel()
        row.addWidget(self.count, 1)
        outer.addLayout(row)
        self.titles = QListWidget()
        outer.addWidget(self.titles, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("นำเข้า")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("ยกเลิก")
        buttons.accepted.connect(self.do_import)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.combos: list[QComboBox] = []
        self.mapping: dict[int, str] = {}
        self.measures: list[ti.ImportedMeasure] = []
        self.header_rows = 0
        self.labels: list[str] = []
        self.resize(980, 640)
        self._show_table()

    # --- the table and its mapping ------------------------------------------------------------
    def grid(self) -> ti.Grid | None:
        i = self.table_choice.currentData()
        return self.tables[int(i)] if self.mode == "table" and i is not None and self.tables else None

    def _by_width(self, width: int) -> dict[int, str]:
        """The mapping last chosen for a table of this many columns: a table pasted without its
        header row is mapped as the last one of its shape."""
        raw = self.settings.value(f"import-mapping-width/{width}") if self.settings is not None else None
        try:
            kept = json.loads(str(raw)) if raw else {}
        except ValueError:
            return {}
        return {int(k): str(v) for k, v in kept.items() if str(k).isdigit() and str(v) in ti.FIELDS} \
            if isinstance(kept, dict) else {}

    def _remembered(self, labels: list[str]) -> dict[str, str]:
        if self.settings is None:
            return {}
        raw = self.settings.value("import-mapping/" + ti.header_signature(labels))
        try:
            kept = json.loads(str(raw)) if raw else {}
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in kept.items()} if isinstance(kept, dict) else {}

    def _show_table(self) -> None:
        grid = self.grid()
        self.preview.clear()
        self.combos = []
        if grid is None:  # heading mode: the measures as read, nothing to map
            self.preview.setVisible(False)
            self.measures = ti.import_blocks(self.blocks)
            self._show_measures()
            return
        header = ti.find_header(grid)
        labels = ti.header_labels(grid, header)
        self.mapping, _unmatched = ti.apply_overrides(labels, ti.guess_mapping(labels), self._remembered(labels))
        if not self.mapping:  # no header the words of which say anything: the last table of its width
            self.mapping = self._by_width(grid.width)
        shown = grid.filled()[:PREVIEW_ROWS + 1]
        self.preview.setRowCount(len(shown) + 1)
        self.preview.setColumnCount(grid.width)
        self.preview.setHorizontalHeaderLabels([to_thai_digits(str(c + 1)) for c in range(grid.width)])
        for c in range(grid.width):
            combo = QComboBox()
            combo.addItem("(ไม่นำเข้า)", ti.IGNORE)
            for name in ti.FIELDS:
                combo.addItem(ti.FIELD_LABELS[name], name)
            combo.setCurrentIndex(max(0, combo.findData(self.mapping.get(c, ti.IGNORE))))
            combo.currentIndexChanged.connect(lambda _i: self._mapping_changed())
            self.preview.setCellWidget(0, c, combo)
            self.combos.append(combo)
            self.preview.setColumnWidth(c, 170)
        for r, cells in enumerate(shown, 1):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text[:300])
                item.setToolTip(text[:1000])
                if r - 1 < header:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.preview.setItem(r, c, item)
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.setVisible(True)
        self.header_rows, self.labels = header, labels
        self._recount()

    def _mapping_changed(self) -> None:
        self.mapping = {c: str(combo.currentData()) for c, combo in enumerate(self.combos)
                        if combo.currentData()}
        self._recount()

    def _recount(self) -> None:
        grid = self.grid()
        self.measures = ti.import_rows(grid, self.mapping, self.header_rows) if grid is not None else []
        used = {r for x in self.measures for r in x.rows}
        for r in range(1, self.preview.rowCount()):  # rows not read (a header typed again): grey
            for c in range(self.preview.columnCount()):
                item = self.preview.item(r, c)
                if item is not None and r - 1 >= self.header_rows:
                    item.setForeground(Qt.GlobalColor.black if r - 1 in used else Qt.GlobalColor.gray)
        self._show_measures()

    def chosen(self) -> list[ti.ImportedMeasure]:
        """The measures to import: those whose title the year already has are left out when asked."""
        have = self._titles_there()
        return [x for x in self.measures if not (self.skip_same.isChecked() and _fold(x.title) in have)]

    def _titles_there(self) -> set[str]:
        plan = self.doc.data.plan(self.year.value())
        keep = {id(x) for x in self.replaceable} if self.replace.isChecked() else set()
        return {_fold(x.title) for x in self.doc.data.measures_of(plan.id) if id(x) not in keep} if plan else set()

    def _show_measures(self) -> None:
        self.titles.clear()
        have = self._titles_there()
        same = sum(1 for x in self.measures if _fold(x.title) in have)
        self.skip_same.setText(to_thai_digits(f"ข้ามมาตรการที่ชื่อซ้ำกับที่มีอยู่แล้ว ({same} ข้อ)"))
        self.skip_same.setVisible(bool(same))
        chosen = self.chosen()
        for x in self.measures:
            mark = "" if x in chosen else "(ซ้ำ ข้าม) "
            self.titles.addItem(mark + to_thai_digits(f"{x.seq}. " if x.seq else "") + x.title.replace("\n", " ")[:200])
        has_title = self.mode != "table" or "title" in self.mapping.values()
        self.count.setText(to_thai_digits(f"จะนำเข้า {len(chosen)} มาตรการ") if has_title else
                           "ยังไม่ได้เลือกคอลัมน์ «มาตรการ/โครงการ/กิจกรรม» จึงยังนำเข้าไม่ได้")
        explain_disabled(self.ok, "" if chosen and has_title else self.count.text())
        results = any(f in ti.RESULT_FIELDS for f in self.mapping.values()) or any(
            any(k in ti.RESULT_FIELDS for k in x.fields) for x in self.measures)
        self.results.setEnabled(results)
        self._show_target()

    def _show_target(self) -> None:
        plan = self.doc.data.plan(self.year.value())
        have = len(self.doc.data.measures_of(plan.id)) if plan is not None else 0
        year = to_thai_digits(str(self.year.value()))
        if self.replace.isChecked():
            self.target.setText(to_thai_digits(f"แทนที่ {len(self.replaceable)} มาตรการที่เลือกไว้ในปีงบประมาณ {year}"))
            return
        earlier = [a.ita_year for a in self.doc.data.live_assessments() if a.ita_year < self.year.value()]
        based = (f" อ้างอิงผลการประเมิน ITA ปี {to_thai_digits(str(earlier[-1]))} (ปีล่าสุดที่มีในไฟล์)" if earlier
                 else " ยังไม่อ้างอิงผลการประเมิน ITA (ไฟล์ยังไม่มีผลของปีก่อนหน้า)")
        self.target.setText(f"ปีงบประมาณ {year} ยังไม่มี จะสร้างใหม่" + based if plan is None else
                            to_thai_digits(f"ต่อท้ายมาตรการเดิม {have} ข้อของปีงบประมาณ {year} (มาตรการเดิมไม่เปลี่ยน)")
                            if have else f"ใส่ในปีงบประมาณ {year} (ยังไม่มีมาตรการ)")

    # --- import -------------------------------------------------------------------------------
    def do_import(self) -> None:
        if not self.chosen():
            return
        if self.settings is not None and self.mode == "table":
            labels = self.labels
            # every column, those left out too: a column the clerk keeps to himself stays out
            kept = {label: self.mapping.get(c, ti.IGNORE) for c, label in enumerate(labels) if label}
            self.settings.setValue("import-mapping/" + ti.header_signature(labels),
                                   json.dumps(kept, ensure_ascii=False))
            self.settings.setValue(f"import-mapping-width/{len(self.combos)}",
                                   json.dumps({str(c): f for c, f in self.mapping.items()}, ensure_ascii=False))
        doc, year, measures = self.doc, self.year.value(), self.chosen()
        replaced = self.replaceable if self.replace.isChecked() else []
        round_ = str(self.results.currentData() or "")
        if not round_:  # the results stay behind: a new year reports its own
            measures = [ti.ImportedMeasure(x.seq, {k: v for k, v in x.fields.items() if k not in ti.RESULT_FIELDS},
                                           x.rows) for x in measures]

        def put() -> list[m.Record]:
            made = ti.add_imported(doc.data, year, measures, round_ or "year")
            if replaced:  # the new measures take the first replaced one's place
                live = doc.data.measures_of(replaced[0].plan_id)
                at = live.index(replaced[0])
                before = live[at - 1].sort_key if at > 0 else None
                for x in [r for r in made if isinstance(r, m.Measure)]:
                    x.sort_key = before = key_between(before, replaced[0].sort_key)
                for x in replaced:
                    x.deleted = True
            return [*made, *replaced]
        label = (f"แทนที่ {len(replaced)} มาตรการด้วย {len(measures)} มาตรการที่วาง" if replaced
                 else f"นำเข้า {len(measures)} มาตรการ")
        self.imported = doc.edit(to_thai_digits(label), put)
        doc.notify(self.imported)
        self.accept()


def clipboard_formats(mime: object) -> dict[str, bytes | str]:
    """What the clipboard holds that may be a table, by format name (QMimeData)."""
    from PySide6.QtCore import QMimeData

    out: dict[str, bytes | str] = {}
    if not isinstance(mime, QMimeData):
        return out
    for name in mime.formats():
        low = name.lower()
        if "xml spreadsheet" in low:
            out[name] = bytes(mime.data(name).data())
    if mime.hasHtml():
        out["text/html"] = mime.html()
    if mime.hasText():
        out["text/plain"] = mime.text()
    return out
