"""Thai on Qt's standard buttons (ใช่ / ไม่ / ยกเลิก ...): Qt ships no Thai translation of
qtbase, so message boxes would say Yes / No / Cancel. One translator answers for the
"QPlatformTheme" strings every standard button takes its text from."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

STANDARD_BUTTONS = {
    "OK": "ตกลง", "Save": "บันทึก", "Save All": "บันทึกทั้งหมด", "Open": "เปิด",
    "&Yes": "ใช่", "Yes to &All": "ใช่ทั้งหมด", "&No": "ไม่", "N&o to All": "ไม่ทั้งหมด",
    "Abort": "ยุติ", "Retry": "ลองอีกครั้ง", "Ignore": "ข้าม", "Close": "ปิด", "Cancel": "ยกเลิก",
    "Discard": "ไม่บันทึก", "Don't Save": "ไม่บันทึก", "Close without Saving": "ปิดโดยไม่บันทึก",
    "Help": "วิธีใช้", "Apply": "ใช้", "Reset": "ตั้งใหม่", "Restore Defaults": "คืนค่าเริ่มต้น",
    "Show Details...": "แสดงรายละเอียด…", "Hide Details...": "ซ่อนรายละเอียด…",
}
CONTEXTS = ("QPlatformTheme", "QGnomeTheme", "QMessageBox")


class ThaiStandardButtons(QTranslator):
    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null QString) means "not translated here": Qt keeps the source text. An
        # empty string would be a translation, and every label of the app would go blank.
        if context in CONTEXTS:
            return STANDARD_BUTTONS.get(source)
        return None

    def isEmpty(self) -> bool:
        return False


def install(app: QCoreApplication) -> ThaiStandardButtons:
    translator = ThaiStandardButtons(app)
    app.installTranslator(translator)
    return translator
