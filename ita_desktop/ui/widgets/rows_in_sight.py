"""Rows of a table view made as tall as their wrapped text, only where they are seen.

Qt's own ResizeToContents measures every row of the model whenever anything changes (an
edit, a column width, a new year chosen): with 1,000 measures that read every cell's text
and cut it into words 545,000 times, and the first view of a big file waited 9 s for it.
Here the rows in sight are measured when they come into sight, and again when their text
or the column widths change; rows not yet seen keep one line's height.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView


class RowsSizedInSight(QObject):
    def __init__(self, view: QTableView) -> None:
        super().__init__(view)
        self.view = view
        self.sized: set[int] = set()
        self._model: QAbstractItemModel | None = None
        rows = view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # the header is hidden
        rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.size_rows_in_sight)
        self._at_end = False  # scrolled to the end: kept there as the rows there grow
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)
        view.horizontalHeader().sectionResized.connect(self.forget)  # the text wraps anew
        view.viewport().installEventFilter(self)

    def watch(self, model: QAbstractItemModel | None) -> None:
        """The view's (new) model: every row is measured anew as it is seen."""
        if self._model is not None:
            for signal in (self._model.modelReset, self._model.layoutChanged,
                           self._model.rowsInserted, self._model.rowsRemoved, self._model.rowsMoved):
                signal.disconnect(self.forget)
            self._model.dataChanged.disconnect(self._changed)
        self._model = model
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                           model.rowsMoved):
                signal.connect(self.forget)
            model.dataChanged.connect(self._changed)
        self.forget()

    def _scrolled(self, value: int) -> None:
        self._at_end = 0 < value >= self.view.verticalScrollBar().maximum()
        self._timer.start()  # (not connected to timer.start: its int would be the delay)

    def _range_changed(self, _low: int, high: int) -> None:
        bar = self.view.verticalScrollBar()
        if self._at_end and bar.value() != high:
            bar.setValue(high)

    def forget(self, *_args: object) -> None:
        self.sized.clear()
        self._timer.start()

    def _changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        self.sized.difference_update(range(top.row(), bottom.row() + 1))
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._timer.start()
        return False

    def size_rows_in_sight(self) -> bool:
        """Measure the rows in sight that are not measured yet (now, not at the next turn);
        True when there were any."""
        self._timer.stop()
        view = self.view
        model = view.model()
        if model is None or model.rowCount() == 0:
            return False
        last_row = model.rowCount() - 1
        measured = False
        for _round in range(8):  # rows grown or shrunk bring other rows into sight
            first = max(view.rowAt(0), 0)
            last = view.rowAt(max(view.viewport().height() - 1, 0))
            todo = [r for r in range(first, (last_row if last < 0 else last) + 1) if r not in self.sized]
            if not todo:
                break
            for row in todo:
                view.resizeRowToContents(row)
                self.sized.add(row)
            measured = True
        return measured

    def scroll_to(self, index: QModelIndex) -> None:
        """view.scrollTo, for a row whose height is known only once it is in sight."""
        for _round in range(4):
            self.view.updateGeometries()  # the scroll range, for the rows measured so far
            self.view.scrollTo(index)
            if not self.size_rows_in_sight():
                return
