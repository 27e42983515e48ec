"""Dialogs that fit the clerk's screen: a 1366×768 laptop at 100 % or 125 % scaling leaves
1366×728 or 1093×582 logical pixels above the taskbar, and the window frame takes its share.

    fit_to_screen(dialog, 1240, 760)   # that size, or as much of it as the screen has
    shrinkable(combo)                  # a combo box that can be narrower than its longest item
"""
from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QFontMetrics, QGuiApplication, QScreen
from PySide6.QtWidgets import QComboBox, QWidget

# The largest frame Windows 10/11 draws around a dialog (title bar and borders), logical px.
FRAME = QSize(16, 40)
# What a title bar needs besides the title: the icon and the three caption buttons.
TITLE_CHROME = 170


def screen_of(widget: QWidget) -> QScreen:
    """The screen the widget will show on: its parent window's, else the primary one."""
    parent = widget.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    return screen or QGuiApplication.primaryScreen()


def room(widget: QWidget) -> QSize:
    """The largest client size a dialog can have on its screen with its frame around it."""
    avail = screen_of(widget).availableGeometry().size()
    return QSize(max(avail.width() - FRAME.width(), 200), max(avail.height() - FRAME.height(), 150))


def fit_to_screen(dialog: QWidget, width: int, height: int) -> QSize:
    """Resize `dialog` to width×height, or less where the screen is smaller; never narrower
    than its title needs (a cut title bar reads «เพิ่มกอง/ส่…»). Returns the size given."""
    space = room(dialog)
    title = QFontMetrics(QWidget.font(dialog)).horizontalAdvance(dialog.windowTitle()) + TITLE_CHROME
    size = QSize(min(max(width, title), space.width()), min(height, space.height()))
    dialog.resize(size)
    return size


def shrinkable(combo: QComboBox, letters: int = 10) -> QComboBox:
    """Let a combo box be narrower than its longest item (a long division name must not widen
    the whole form); its list still opens wide enough to read every item."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(letters)
    widen_popup(combo)
    combo.model().rowsInserted.connect(lambda *_a: widen_popup(combo))
    return combo


def widen_popup(combo: QComboBox) -> None:
    view = combo.view()
    view.setMinimumWidth(view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8)


def bounded(hint: QSize, widget: QWidget) -> QSize:
    """A size hint no larger than the screen leaves the dialog (for a dialog's sizeHint())."""
    return hint.boundedTo(room(widget))
