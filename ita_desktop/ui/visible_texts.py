"""What a person sees of a window, read back: the texts of its menus, page list, group boxes,
tabs, form labels, labels and buttons, and those that are blank or not Thai.

A translator that answered "" once blanked every label of the app while every test passed;
the GUI tests that start the app through its real entry point and the self-test of a packaged
build read the window with this, so a blank or English interface fails them.
"""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLayout,
    QListWidget,
    QMainWindow,
    QMenu,
    QTabWidget,
    QToolButton,
    QWidget,
)

THAI = re.compile("[\u0e01-\u0e5b]")
# Menus whose entries are the clerk's own data (file paths), not the app's words.
DATA_MENUS = {"recent_files"}


def is_thai(text: str) -> bool:
    return bool(THAI.search(text))


def shown(widget: QWidget, top: QWidget) -> bool:
    return widget is top or widget.isVisibleTo(top)


def texts(top: QWidget) -> list[tuple[str, str]]:
    """(where, text) of every structural text of `top` a person can see or open."""
    out: list[tuple[str, str]] = [("window title", top.windowTitle())]
    if isinstance(top, QMainWindow):
        for action in top.menuBar().actions():
            out.append(("menu", action.text()))
            menu = action.menu()
            if isinstance(menu, QMenu):
                out.extend(_menu_texts(menu))
    out.extend(("group box", box.title()) for box in top.findChildren(QGroupBox) if shown(box, top))
    for tabs in top.findChildren(QTabWidget):
        if shown(tabs, top):
            out.extend(("tab", tabs.tabText(i)) for i in range(tabs.count()))
    for layout in top.findChildren(QLayout):
        owner = layout.parentWidget()
        if isinstance(layout, QFormLayout) and owner is not None and shown(owner, top):
            for row in range(layout.rowCount()):
                item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                label = item.widget() if item is not None else None
                if isinstance(label, QLabel) and shown(label, top):
                    out.append(("form label", label.text()))
    for button in top.findChildren(QAbstractButton):
        if not shown(button, top) or _is_qt_internal(button):
            continue
        text = button.text().replace("&", "")
        if not is_thai(text) and is_thai(button.toolTip()):
            text = f"{text} ({button.toolTip()})".strip()  # "B", "•", an icon: the tooltip speaks
        out.append(("button", text))
    for view in top.findChildren(QListWidget):
        if shown(view, top) and view.objectName() == "navigation":
            out.extend(("page list", view.item(i).text()) for i in range(view.count()))
    return out


def _menu_texts(menu: QMenu) -> list[tuple[str, str]]:
    if menu.objectName() in DATA_MENUS:
        return []
    out: list[tuple[str, str]] = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        out.append((f"menu {menu.title()}", action.text()))
        sub = action.menu()
        if isinstance(sub, QMenu):
            out.extend(_menu_texts(sub))
    return out


def _is_qt_internal(button: QAbstractButton) -> bool:
    """Buttons Qt draws inside its own widgets (scroll arrows of tab bars, combo boxes, the
    corner button of a table): they have no text of ours."""
    if isinstance(button, QToolButton) and button.arrowType() != Qt.ArrowType.NoArrow:
        return True
    parent = button.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractItemView, QComboBox)) and button.objectName().startswith("qt_"):
            return True
        parent = parent.parentWidget()
    return button.objectName().startswith("qt_")


def problems(top: QWidget) -> list[str]:
    """Blank or non-Thai texts of `top`, as readable lines (empty when all is well)."""
    found = []
    for where, text in texts(top):
        if not text.strip():
            found.append(f"{where}: ว่าง")
        elif not is_thai(text) and where != "window title":
            found.append(f"{where}: ไม่ใช่ภาษาไทย «{text}»")
    labels = [w for w in top.findChildren(QLabel) if shown(w, top)]
    if labels and not any(is_thai(w.text()) for w in labels):
        found.append("ไม่มีป้ายข้อความภาษาไทยสักป้าย")
    return found
