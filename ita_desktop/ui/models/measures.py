"""Table model of a plan's measures (the list the clerk picks from)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ita_desktop.domain import markup
from ita_desktop.domain import models as m
from ita_desktop.domain.wording import has_words
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.words import display_text
from ita_desktop.ui.document import Document

Index = QModelIndex | QPersistentModelIndex
MISSING_FG = QBrush(QColor("#b00020"))

COL_SEQ, COL_TITLE, COL_RESPONSIBLE, COL_STATUS = range(4)
# two lines where long: a header wider than a narrow column is cut at both ends
HEADERS = ("ลำดับ", "มาตรการ / โครงการ\n/ กิจกรรม", "ผู้รับผิดชอบ", "สถานะ\n(๑๒ เดือน)")


class MeasureListModel(QAbstractTableModel):
    """Rows: the live measures of one plan in their order; sequence numbers are computed."""

    def __init__(self, doc: Document, plan: m.Plan) -> None:
        super().__init__()
        self.doc, self.plan = doc, plan
        self.rows: list[m.Measure] = doc.data.measures_of(plan.id)
        # each measure's year-end status, read once per change of the file: a painted cell
        # must not scan every result of every year (10 years × 1,000 measures)
        self._status: dict[str, str] | None = None
        doc.changed.connect(self._forget_status)

    def _forget_status(self, _records: object = None) -> None:
        self._status = None

    def _status_of(self, measure_id: str) -> str:
        if self._status is None:
            self._status = {r.measure_id: m.STATUS_NAMES.get(r.status, "") for r in self.doc.data.results
                            if r.round == "year" and not r.deleted}
        return self._status.get(measure_id, "")

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = self.doc.data.measures_of(self.plan.id)
        self._status = None
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        x = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_TITLE:
            return markup.plain_text(x.title)
        untitled = col == COL_TITLE and not has_words(x.title)
        if role == Qt.ItemDataRole.ForegroundRole and untitled:
            return MISSING_FG  # "(ยังไม่มีชื่อ)" is a problem, not a title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == COL_SEQ:
            return to_thai_digits(str(index.row() + 1))
        if col == COL_TITLE:
            return "(ยังไม่มีชื่อ)" if untitled else display_text(markup.plain_text(x.title))
        if col == COL_RESPONSIBLE:
            return display_text(x.responsible)
        return self._status_of(x.id)
