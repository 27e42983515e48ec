"""Table models of an assessment's indicator and question scores."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ita_desktop.domain import edits, scoring
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import PROVENANCE, Framework, code_text
from ita_desktop.thai.digits import NumberError, format_score, parse_score, to_thai_digits
from ita_desktop.thai.words import display_text
from ita_desktop.ui.document import Document

Index = QModelIndex | QPersistentModelIndex
ERROR_BG = QBrush(QColor("#fde2e4"))
WEAK_FG = QBrush(QColor("#b00020"))


class _ScoreModel(QAbstractTableModel):
    """Shared behaviour: one editable score column; bad input stays red with a Thai tip."""

    SCORE_COL = 0
    HEADERS: tuple[str, ...] = ()

    def __init__(self, doc: Document, assessment: m.Assessment, fw: Framework) -> None:
        super().__init__()
        self.doc, self.assessment, self.fw = doc, assessment, fw
        self.errors: dict[int, tuple[str, str]] = {}  # row -> (typed text, Thai reason)
        # the year's scores by key, read once per change of the file: a table's first layout
        # asks every cell several times, and each ask scanned every score of every year
        self._indicator_scores: dict[int, m.IndicatorScore] | None = None
        self._question_scores: dict[str, m.QuestionScore] | None = None
        self._keys: list[Any] | None = None
        doc.changed.connect(self._forget_scores)

    def _forget_scores(self, _records: object = None) -> None:
        self._indicator_scores = self._question_scores = None

    def indicator_scores(self) -> dict[int, m.IndicatorScore]:
        if self._indicator_scores is None:
            self._indicator_scores = self.doc.data.indicator_scores_of(self.assessment.id)
        return self._indicator_scores

    def question_scores(self) -> dict[str, m.QuestionScore]:
        if self._question_scores is None:
            self._question_scores = self.doc.data.question_scores_of(self.assessment.id)
        return self._question_scores

    def keys(self) -> list[Any]:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.keys())

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():  # the root is no cell (Qt's model tester requires no flags)
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == self.SCORE_COL else base

    def score_of(self, key: Any) -> Decimal | None:
        raise NotImplementedError

    def store_score(self, key: Any, value: Decimal | None) -> m.Record:
        raise NotImplementedError

    def score_data(self, row: int, role: int) -> Any:
        if row in self.errors:
            text, reason = self.errors[row]
            return {Qt.ItemDataRole.DisplayRole: text, Qt.ItemDataRole.EditRole: text,
                    Qt.ItemDataRole.BackgroundRole: ERROR_BG,
                    Qt.ItemDataRole.ToolTipRole: reason}.get(Qt.ItemDataRole(role))
        value = self.score_of(self.keys()[row])
        if role == Qt.ItemDataRole.DisplayRole:
            return format_score(value, thai=False)
        if role == Qt.ItemDataRole.EditRole:
            return format_score(value, thai=False)
        if role == Qt.ItemDataRole.ForegroundRole and value is not None and value < self.fw.threshold:
            return WEAK_FG
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != self.SCORE_COL:
            return False
        text = str(value or "").strip()
        row = index.row()
        try:
            score = parse_score(text) if text else None
        except NumberError as exc:
            self.errors[row] = (text, str(exc))
            self.dataChanged.emit(index, index)
            return True  # kept, shown red: nothing is stored until corrected
        self.errors.pop(row, None)
        key = self.keys()[row]
        if score != self.score_of(key):
            doc = self.doc
            doc.edit(self.tr("แก้ไขคะแนน"), lambda: [self.store_score(key, score)])
        self.dataChanged.emit(index, index)
        return True


class IndicatorScoreModel(_ScoreModel):
    """Rows: the ten indicators. Columns: no, name, tool, typed score, mean of its questions."""

    SCORE_COL = 3
    HEADERS = ("ที่", "ตัวชี้วัด", "เครื่องมือ", "คะแนน", "เฉลี่ยจากรายข้อ")

    def keys(self) -> list[int]:
        if self._keys is None:  # the catalog's, fixed for the model's life
            self._keys = [i.no for i in self.fw.indicators]
        return self._keys

    def score_of(self, key: int) -> Decimal | None:
        rec = self.indicator_scores().get(key)
        return rec.score if rec else None

    def store_score(self, key: int, value: Decimal | None) -> m.Record:
        return edits.set_indicator_score(self.doc.data, self.assessment, key, value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ind = self.fw.indicators[index.row()]
        col = index.column()
        if col == self.SCORE_COL:
            return self.score_data(index.row(), role)
        if col == 4:
            return self.mean_data(ind.no, role)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == 0:
            return to_thai_digits(str(ind.no))
        if col == 1:
            return display_text(ind.name)
        return ind.tool

    def mean_data(self, no: int, role: int) -> Any:
        """The mean of the indicator's questions, flagged when the typed score differs."""
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole):
            return None
        qs = {k: s.score for k, s in self.question_scores().items() if s.score is not None}
        mean = scoring.indicator_from_questions(self.fw, qs, no)
        if mean is None:
            return None if role == Qt.ItemDataRole.ForegroundRole else ""
        differs = scoring.differs(self.score_of(no), mean)
        if role == Qt.ItemDataRole.ForegroundRole:
            return WEAK_FG if differs else None
        return format_score(scoring.round2(mean), thai=False) + (" ⚠ ไม่ตรง" if differs else "")


class QuestionScoreModel(_ScoreModel):
    """Rows: the year's questions. Columns: code, text, indicator, score."""

    SCORE_COL = 3
    HEADERS = ("ข้อ", "ข้อคำถาม", "ตัวชี้วัด", "คะแนน")

    def keys(self) -> list[str]:
        if self._keys is None:  # the catalog's, fixed for the model's life
            self._keys = [q.code for q in self.fw.questions]
        return self._keys

    def score_of(self, key: str) -> Decimal | None:
        rec = self.question_scores().get(key)
        return rec.score if rec else None

    def store_score(self, key: str, value: Decimal | None) -> m.Record:
        return edits.set_question_score(self.doc.data, self.assessment, key, value)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        q = self.fw.questions[index.row()]
        col = index.column()
        if col == self.SCORE_COL:
            return self.score_data(index.row(), role)
        if role == Qt.ItemDataRole.ToolTipRole and col in (0, 1):
            return f"{q.text}\nที่มา: {PROVENANCE.get(q.provenance, q.provenance)}"
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and q.provenance in ("inferred", "copied"):
            return QColor("#a15c00")  # not confirmed by a source: the clerk should check it
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        mark = "" if q.provenance in ("sourced", "single") else " *"
        return (code_text(q.code) + mark, display_text(q.text), to_thai_digits(str(q.indicator)))[col]
