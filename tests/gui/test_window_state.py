"""The window as a 1366×768 clerk leaves it (issue 19 item 13): maximized stays maximized at
the next start; the text boxes of a ประเด็น show more than two lines."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from ita_desktop.thai import words
from ita_desktop.ui.main_window import MainWindow


def _window(qtbot, settings: Path) -> MainWindow:
    words.ensure_loaded()
    w = MainWindow(QSettings(str(settings), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    return w


def test_the_window_remembers_being_maximized(qtbot, tmp_path):
    first = _window(qtbot, tmp_path / "settings.ini")
    first.show()
    first.showMaximized()
    qtbot.waitUntil(first.isMaximized)
    first.close()
    again = _window(qtbot, tmp_path / "settings.ini")
    assert again.windowState() & Qt.WindowState.WindowMaximized
    again.show()
    assert again.isMaximized()
    again.showNormal()
    again.close()
    third = _window(qtbot, tmp_path / "settings.ini")
    assert not third.windowState() & Qt.WindowState.WindowMaximized
    third.close()


def test_issue_texts_have_room_on_a_small_screen(qtbot, window, tmp_path):
    """1093×590 (1366×768 at 125 %): the ประเด็น's four text boxes are wide enough to read
    and show three lines each."""
    from tests.conftest import FIXTURES

    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    window.nav.setCurrentRow(2)
    window.plan_page.show_groups()
    panel = window.plan_page.groups
    panel.list.setCurrentRow(0)
    qtbot.wait(50)
    for field, edit in panel.texts.items():
        panel.text_scroll.ensureWidgetVisible(edit)
        qtbot.wait(10)
        lines = edit.edit.viewport().height() / edit.edit.fontMetrics().lineSpacing()
        assert lines >= 3, (field, lines)
        assert edit.visibleRegion().boundingRect().width() >= 300, (field, edit.visibleRegion())
    panel.text_scroll.ensureWidgetVisible(panel.title)
    qtbot.wait(10)
    assert panel.title.visibleRegion().boundingRect().width() >= 300
    assert panel.list.width() >= 200


def test_suggested_measure_titles_break_between_thai_words(qtbot, window, tmp_path):
    """A list cell wraps where Qt is told a word ends («จัดซื้อจัด|จ้าง» was cut inside a word)."""
    from PySide6.QtCore import Qt

    from ita_desktop.thai.words import strip_break_markers
    from tests.conftest import FIXTURES

    assert window.import_json_to(FIXTURES / "seed004.json", tmp_path / "โนนคูณ.ita")
    window.nav.setCurrentRow(2)
    dialog = window.plan_page.suggest_measures()
    assert dialog is not None
    qtbot.addWidget(dialog)
    item = next(dialog.list.item(i) for i in range(dialog.list.count())
                if dialog.list.item(i).data(Qt.ItemDataRole.UserRole) == "procurement-plan")
    title = item.text().split("\n")[0]
    assert "\u200bจัดซื้อจัดจ้าง" in title and "จัด\u200bจ้าง" not in title, title
    assert "ตอบ:" in item.text() and "\u200b" not in item.text().split("\n")[1]
    assert strip_break_markers(title) == title.replace("\u200b", "")
    dialog.close()
