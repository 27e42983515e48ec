"""Two things a clerk met in the measure form: the wheel changed a division while scrolling,
and after undo the division shown was not the one in the file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from tests.gui.test_clerk_start import start


def wheel_down(widget) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_over_a_choice_scrolls_the_form_and_changes_nothing(qtbot, fresh_home: Path) -> None:
    window = start(qtbot)
    window.nav.setCurrentRow(2)
    editor = window.plan_page.editor
    measure = editor.measure
    editor.main_div.setCurrentIndex(1)  # chosen by the clerk: a choice below it remains
    assert editor.main_div.count() > 2
    before = list(measure.responsible_main)
    index = editor.main_div.currentIndex()
    wheel_down(editor.main_div)
    qtbot.wait(20)
    assert editor.main_div.currentIndex() == index
    assert measure.responsible_main == before
    editor.main_div.setFocus()  # clicked: now the wheel is the clerk's choice
    qtbot.wait(20)
    wheel_down(editor.main_div)
    assert editor.main_div.currentIndex() != index


def test_undo_shows_the_division_the_file_has_again(qtbot, fresh_home: Path) -> None:
    window = start(qtbot)
    window.nav.setCurrentRow(2)
    editor = window.plan_page.editor
    shown = editor.main_div.currentData()
    other = next(editor.main_div.itemData(i) for i in range(editor.main_div.count())
                 if editor.main_div.itemData(i) not in (shown, ""))
    editor.main_div.setCurrentIndex(editor.main_div.findData(other))
    assert editor.measure.responsible_main[:1] == [other]
    window.undo()
    qtbot.wait(20)
    assert editor.main_div.currentData() == shown
