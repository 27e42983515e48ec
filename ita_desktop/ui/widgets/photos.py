"""ภาพกิจกรรม of a measure in one round: photos copied into the office file, turned upright
(the camera's EXIF orientation), scaled to 1,600 px on the long side and saved as JPEG, so that
a year of photos stays small enough for a USB stick and a printed page; captions typed under
each; the order set by dragging."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QDropEvent, QImage, QImageReader, QImageWriter, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.domain.sortkey import key_between, keys_after
from ita_desktop.paths import documents_dir
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.text import normalize_line
from ita_desktop.ui.document import Document
from ita_desktop.ui.widgets.fields import explain_disabled

LONG_SIDE = 1600  # pixels: sharp at 7.8 cm wide on paper (~500 dpi), ~0.3 MB as JPEG
QUALITY = 85
MAX_SOURCE_BYTES = 60_000_000  # a camera's largest JPEG is ~25 MB; more is not a photo
THUMB = 120


class PhotoError(ValueError):
    """A photo that cannot be added; the message is Thai."""


def prepare_photo(path: Path) -> bytes:
    """The photo at `path` upright, at most LONG_SIDE pixels on its long side, as JPEG bytes."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PhotoError(f"อ่านไฟล์ «{path.name}» ไม่ได้ ({exc.strerror or exc})") from None
    if size > MAX_SOURCE_BYTES:
        raise PhotoError(f"ไฟล์ «{path.name}» ใหญ่เกินกว่าจะเป็นภาพถ่าย")
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)  # the EXIF orientation: a phone's portrait photo stands up
    image = reader.read()
    if image.isNull():
        raise PhotoError(f"เปิด «{path.name}» เป็นภาพไม่ได้ ({reader.errorString()}) ใช้ไฟล์ JPG หรือ PNG")
    if max(image.width(), image.height()) > LONG_SIDE:
        image = image.scaled(LONG_SIDE, LONG_SIDE, Qt.AspectRatioMode.KeepAspectRatio,
                             Qt.TransformationMode.SmoothTransformation)
    if image.hasAlphaChannel():  # JPEG has none: a transparent PNG goes on white
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        image = flat
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"JPEG"))
    writer.setQuality(QUALITY)
    if not writer.write(image):
        raise PhotoError(f"แปลง «{path.name}» เป็น JPEG ไม่ได้ ({writer.errorString()})")
    buffer.close()
    return bytes(data.data())


def size_text(n: int) -> str:
    return to_thai_digits(f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{max(1, n // 1000)} KB")


class PhotoList(QListWidget):
    """Thumbnails with their captions; dragging one reorders (reported by `moved`)."""

    def __init__(self, box: PhotosBox) -> None:
        super().__init__()
        self.box = box
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setIconSize(QSize(THUMB, THUMB))
        self.setGridSize(QSize(THUMB + 36, THUMB + 48))
        self.setMovement(QListView.Movement.Snap)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setFixedHeight(THUMB + 70)

    def dropEvent(self, event: QDropEvent) -> None:
        super().dropEvent(event)
        self.box.order_changed()


class PhotosBox(QGroupBox):
    """The photos of one measure in one round."""

    def __init__(self, round_: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("ภาพกิจกรรม"))
        self.round = round_
        self.doc: Document | None = None
        self.measure: m.Measure | None = None
        self.thumbs: dict[str, QPixmap] = {}  # attachment id -> thumbnail: decoded once
        lay = QVBoxLayout(self)
        self.view = PhotoList(self)
        self.view.itemChanged.connect(self._caption_edited)
        lay.addWidget(self.view)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("เพิ่มภาพ…"))
        self.add_button.clicked.connect(self.choose_photos)
        self.remove_button = QPushButton(self.tr("ลบภาพที่เลือก"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.sizes = QLabel()
        self.sizes.setStyleSheet("color: #555;")
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addWidget(self.sizes, 1)
        lay.addLayout(row)
        hint = QLabel(self.tr("ดับเบิลคลิกที่ภาพเพื่อพิมพ์คำบรรยาย · ลากเพื่อเรียงลำดับ"))
        hint.setStyleSheet("color: #555;")
        lay.addWidget(hint)

    def show_measure(self, doc: Document, measure: m.Measure | None) -> None:
        self.doc, self.measure = doc, measure
        self.refresh()

    def photos(self) -> list[m.Photo]:
        if self.doc is None or self.measure is None:
            return []
        return self.doc.data.photos_of(self.measure.id, self.round)

    def refresh(self) -> None:
        photos = self.photos()
        self.view.blockSignals(True)
        self.view.clear()
        total = 0
        for photo in photos:
            att = self.doc.data.attachment(photo.attachment_id) if self.doc else None
            total += len(att.data or b"") if att else 0
            item = QListWidgetItem(photo.caption or self.tr("(ยังไม่มีคำบรรยาย)"))
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            item.setToolTip(photo.caption)
            if att is not None:
                item.setIcon(self._thumb(att))
            self.view.addItem(item)
        self.view.blockSignals(False)
        explain_disabled(self.add_button, "" if self.measure is not None else self.tr("ยังไม่ได้เลือกมาตรการ"))
        explain_disabled(self.remove_button, "" if photos else self.tr("ยังไม่มีภาพ"))
        whole = sum(len(a.data or b"") for a in self.doc.data.attachments if not a.deleted) if self.doc else 0
        self.sizes.setText(to_thai_digits(f"{len(photos)} ภาพ ขนาด ") + size_text(total)
                           + self.tr(" (ภาพและไฟล์แนบทั้งหมดในไฟล์นี้ ") + size_text(whole) + ")" if photos else "")

    def _thumb(self, att: m.Attachment) -> QPixmap:
        pix = self.thumbs.get(att.id)
        if pix is None:
            image = QImage.fromData(att.data or b"")
            pix = QPixmap.fromImage(image.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))
            self.thumbs[att.id] = pix
        return pix

    # --- edits -----------------------------------------------------------------------------
    def choose_photos(self) -> None:
        paths, _f = QFileDialog.getOpenFileNames(self, self.tr("เลือกภาพกิจกรรม"), str(documents_dir()),
                                                 self.tr("ภาพ (*.jpg *.jpeg *.png)"))
        if paths:
            self.add_photos([Path(p) for p in paths])

    def add_photos(self, paths: list[Path]) -> int:
        """Add photos in the order given, as one undo step; a file that is not a photo is named
        in a Thai message and the others are still added. Returns how many were added."""
        if self.doc is None or self.measure is None:
            return 0
        prepared, problems = [], []
        for path in paths:
            try:
                prepared.append((path.stem, prepare_photo(path)))
            except PhotoError as exc:
                problems.append(str(exc))
        doc, measure, round_ = self.doc, self.measure, self.round
        if prepared:
            def add() -> list[m.Record]:
                touched: list[m.Record] = []
                existing = doc.data.photos_of(measure.id, round_)
                last = existing[-1].sort_key if existing else None
                for stem, content in prepared:
                    att = edits.attach(doc.data, stem + ".jpg", "image/jpeg", content)
                    last = key_between(last, None)
                    photo = m.Photo(id=m.new_id(), measure_id=measure.id, round=round_, sort_key=last,
                                    attachment_id=att.id)
                    doc.data.photos.append(photo)
                    touched += [att, photo]
                return touched
            doc.notify(doc.edit(self.tr("เพิ่มภาพกิจกรรม"), add))
        if problems:
            QMessageBox.warning(self, self.tr("เพิ่มภาพบางภาพไม่ได้"), "\n".join(problems))
        return len(prepared)

    def remove_selected(self) -> None:
        if self.doc is None:
            return
        ids = {item.data(Qt.ItemDataRole.UserRole) for item in self.view.selectedItems()}
        if not ids and self.view.currentItem() is not None:
            ids = {self.view.currentItem().data(Qt.ItemDataRole.UserRole)}
        gone = [p for p in self.photos() if p.id in ids]
        if not gone:
            return

        def remove() -> list[m.Record]:
            for photo in gone:
                photo.deleted = True
            return list(gone)
        self.doc.notify(self.doc.edit(self.tr("ลบภาพกิจกรรม"), remove))

    def _caption_edited(self, item: QListWidgetItem) -> None:
        if self.doc is None:
            return
        photo = next((p for p in self.photos() if p.id == item.data(Qt.ItemDataRole.UserRole)), None)
        text = normalize_line(item.text())
        if photo is not None and text != photo.caption and text != self.tr("(ยังไม่มีคำบรรยาย)"):
            self.doc.set_field(photo, "caption", text, self.tr("แก้คำบรรยายภาพ"))
            self.doc.notify([photo])

    def order_changed(self) -> None:
        """The list's new order as sort keys, one undo step; only the moved photos change."""
        if self.doc is None:
            return
        by_id = {p.id: p for p in self.photos()}
        order = [by_id[i] for i in (self.view.item(r).data(Qt.ItemDataRole.UserRole)
                                    for r in range(self.view.count())) if i in by_id]
        if [p.sort_key for p in order] == sorted(p.sort_key for p in order):
            return
        # the order numbered afresh (a handful of photos): only the keys that change are written
        moved = [(p, key) for p, key in zip(order, keys_after(None, len(order)), strict=True) if p.sort_key != key]

        def reorder() -> list[m.Record]:
            for photo, key in moved:
                photo.sort_key = key
            return [p for p, _k in moved]
        self.doc.notify(self.doc.edit(self.tr("เรียงภาพกิจกรรม"), reorder))
