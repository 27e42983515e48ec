"""ภาพกิจกรรม in the measure editor (issue 16): photos added upright and scaled, captions typed,
the order dragged, one removed; a file that is no photo named in Thai; each step one undo step."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QImageIOHandler, QImageWriter
from PySide6.QtWidgets import QApplication

from ita_desktop.ui.widgets.photos import LONG_SIDE, PhotosBox, prepare_photo
from tests.gui.conftest import start_app


def _photo(path: Path, w: int, h: int, rotate: bool = False) -> Path:
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a7"))
    writer = QImageWriter(str(path), b"JPEG")
    if rotate:  # what a phone held upright writes: landscape pixels, "turn 90°" in EXIF
        writer.setTransformation(QImageIOHandler.Transformation.TransformationRotate90)
    assert writer.write(image), writer.errorString()
    return path


def test_photos_are_turned_upright_and_scaled(tmp_path: Path) -> None:
    upright = QImage.fromData(prepare_photo(_photo(tmp_path / "a.jpg", 400, 200, rotate=True)))
    assert (upright.width(), upright.height()) == (200, 400)
    big = QImage.fromData(prepare_photo(_photo(tmp_path / "b.jpg", 4000, 3000)))
    assert (big.width(), big.height()) == (LONG_SIDE, 1200)



def test_a_clerk_adds_captions_reorders_and_removes_photos(qtbot, fresh_home: Path, tmp_path: Path,
                                                            message_boxes: list[str]) -> None:
    window = start_app(qtbot)
    doc = window.doc
    assert doc is not None
    window.nav.setCurrentRow(2)
    page = window.plan_page
    measure = page.current_measure()
    assert measure is not None
    editor = page.editor
    editor.rounds.setCurrentIndex(1)  # รอบ ๑๒ เดือน
    box = editor.result_widgets["year"]["photos"]
    assert isinstance(box, PhotosBox)
    not_a_photo = tmp_path / "รายงาน.jpg"
    not_a_photo.write_text("นี่ไม่ใช่ภาพ", encoding="utf-8")
    added = box.add_photos([_photo(tmp_path / "ประชุม.jpg", 800, 600), not_a_photo,
                            _photo(tmp_path / "อบรม.jpg", 600, 800)])
    assert added == 2 and message_boxes and "รายงาน.jpg" in message_boxes[-1]
    photos = doc.data.photos_of(measure.id, "year")
    assert len(photos) == 2 and box.view.count() == 2
    assert all(doc.data.attachment(p.attachment_id) is not None for p in photos)
    assert "๒ ภาพ" in box.sizes.text()

    box.view.item(0).setText("ประชุมชี้แจงมาตรการ")
    assert doc.data.photos_of(measure.id, "year")[0].caption == "ประชุมชี้แจงมาตรการ"

    # dragged: the second photo first
    second = box.view.takeItem(1)
    box.view.insertItem(0, second)
    box.order_changed()
    order = [p.id for p in doc.data.photos_of(measure.id, "year")]
    assert order == [photos[1].id, photos[0].id]

    # printed: the photo pages of the year-end round, from the print screen
    screen = window.print_report()
    assert screen is not None
    qtbot.addWidget(screen)
    qtbot.waitUntil(lambda: screen.rendered is not None, timeout=120_000)
    with qtbot.waitSignal(screen.preview_ready, timeout=120_000):
        screen.fields["document"].put("photos")
    if screen.round.currentData() != "year":
        with qtbot.waitSignal(screen.preview_ready, timeout=120_000):
            screen.round.setCurrentIndex(screen.round.findData("year"))
    pdf = tmp_path / "ภาพ.pdf"
    pdf.write_bytes(screen.rendered["pdf"])
    from tests.support.reports import page_texts

    text = "".join(page_texts(pdf))
    assert "ภาพกิจกรรม" in text and "ประชุมชี้แจงมาตรการ" in text
    screen.reject()

    box.view.setCurrentRow(0)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert [p.id for p in doc.data.photos_of(measure.id, "year")] == [photos[0].id]
    for _ in range(4):
        doc.undo_stack.undo()
    assert doc.data.photos_of(measure.id, "year") == []
    doc.flush()
    window.close_document()
