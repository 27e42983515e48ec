"""The open office file as the UI sees it: data in memory, undo stack, background saving."""
from __future__ import annotations

import contextlib
import copy
import dataclasses
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ita_desktop.domain import models as m
from ita_desktop.safe_files import delete_with_retry, replace_with_retry
from ita_desktop.store import exchange, recovery
from ita_desktop.store.db import Store
from ita_desktop.store.errors import thai_message
from ita_desktop.store.writer import Writer


def _said(exc: BaseException) -> str:
    """A failed save as the clerk reads it: Thai first, Python's words only as detail."""
    message = thai_message(exc)
    return message.text + (f" ({message.detail})" if message.detail else "")


class Document(QObject):
    """An open file. Every edit goes through `set_field` or `edit`, which push an undo
    command and queue the changed records to the writer thread.

    Signals:
        changed(object): after any edit, undo or redo; the argument is the list of records
            that changed (pages refresh what shows them).
        save_failed(str): the writer could not commit (disk full, stick pulled...).
    """

    changed = Signal(object)
    save_failed = Signal(str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path = store.path
        self.data: m.OfficeFile = store.load()
        self.migrated_backup = store.backup
        self.undo_stack = QUndoStack(self)
        # only the edits' saves report here; call_store's callers get their own exception
        self.writer = Writer(store)
        self.closed = False
        # records whose save failed (disk full, stick pulled): tried again with every later
        # save, written by Save as / Save a copy, and kept in a recovery file meanwhile
        self._unsaved: dict[tuple[type[m.Record], str], m.Record] = {}
        self._unsaved_lock = threading.Lock()

    # --- writing -----------------------------------------------------------------------
    def queue_save(self, records: Iterable[m.Record]) -> None:
        """Commit copies of the records on the writer thread (the GUI keeps editing)."""
        snapshot = [copy.deepcopy(r) for r in records]
        if snapshot:
            self.writer.submit(self._save_batch, snapshot)

    def _save_batch(self, store: Store, snapshot: list[m.Record]) -> None:
        """On the writer thread: this batch with every record an earlier save failed to write
        (the latest state of each), in one transaction."""
        with self._unsaved_lock:
            batch = dict(self._unsaved)
        batch.update({(type(r), r.id): r for r in snapshot})
        try:
            store.save_all(list(batch.values()))
        except BaseException as exc:
            with self._unsaved_lock:
                self._unsaved = batch
            try:
                recovery.keep(self.path, list(batch.values()))
                kept = True
            except (OSError, ValueError):  # the settings folder's disk may be full too
                kept = False
            self.save_failed.emit(_said(exc) if kept else _said(exc) + " — เก็บสำรองไม่ได้เช่นกัน"
                                  " อย่าเพิ่งปิดโปรแกรม ให้ใช้ «บันทึกเป็น…» ไปยังที่อื่น")
            raise
        with self._unsaved_lock:
            had_unsaved, self._unsaved = bool(self._unsaved), {}
        if had_unsaved:
            recovery.forget(self.path)

    def unsaved(self) -> list[m.Record]:
        """Copies of the records the file does not hold yet (an earlier save failed)."""
        with self._unsaved_lock:
            return [copy.deepcopy(r) for r in self._unsaved.values()]

    def write_copy(self, target: Path) -> None:
        """The window's state to `target`, safely: the file's copy plus every edit a failed
        save left out; when the file itself cannot be read any more (the stick was pulled),
        a new file made from what the window holds. Raises OSError or StoreError."""
        with contextlib.suppress(Exception):  # a failed flush leaves its records in unsaved()
            self.flush()
        try:
            if self.unsaved():
                self._write_with_pending(target)
            else:
                self.call_store(lambda store: store.copy_to(target))
        except Exception:
            self._write_from_memory(target)

    def _write_with_pending(self, target: Path) -> None:
        pending = self.unsaved()
        # the edits a failed save left out go into the copy before it replaces the target:
        # a failure here leaves the target as it was
        staged = target.with_name(target.name + ".ita-staged")
        try:
            self.call_store(lambda store: store.copy_to(staged))
            copy_store = Store.open(staged)
            try:
                copy_store.save_all(pending)
            finally:
                copy_store.close()
            replace_with_retry(staged, target)
        except BaseException:
            delete_with_retry(staged)
            raise

    def _write_from_memory(self, target: Path) -> None:
        fresh = target.with_name(target.name + ".ita-new")
        delete_with_retry(fresh)
        data = copy.deepcopy(self.data)
        with self._unsaved_lock:
            changed = set(self._unsaved)
        for record in data.all_records():
            if (type(record), record.id) in changed:
                record.rev = ""  # its content is new: it gets a revision of its own
        try:
            exchange.write_new_file(data, fresh).close()
            replace_with_retry(fresh, target)
        except BaseException:
            delete_with_retry(fresh)
            raise

    def flush(self) -> None:
        """Wait until every queued edit is on disk (Ctrl+S, closing, save-as)."""
        self.writer.flush()

    def save_now(self) -> None:
        """Ctrl+S: wait for the queued edits and write again what a failed save left out;
        raises the store's error when that still fails."""
        self.writer.flush()
        if self.unsaved():
            self.writer.call(self._save_batch, [])

    def close(self) -> None:
        """Commit what is queued and stop the writer; later edits are ignored."""
        if self.closed:
            return
        self.closed = True
        self.writer.flush()
        self.writer.close()

    def call_store(self, fn: Callable[[Store], Any]) -> Any:
        return self.writer.call(fn)

    # --- editing ----------------------------------------------------------------------
    def set_field(self, record: m.Record, field: str, value: Any, label: str = "") -> None:
        """Change one field of one record, as one undo step (typing in one field merges)."""
        old = getattr(record, field)
        if old == value or self.closed:
            return
        self.undo_stack.push(FieldCommand(self, record, field, old, value, label))

    def edit(self, label: str, fn: Callable[[], Iterable[m.Record]]) -> list[m.Record]:
        """Run an edit of several records (add, delete, move, copy) as one undo step.

        fn changes data in place and returns the records it touched (new ones included)."""
        if self.closed:
            return []
        before = {id(r): copy.deepcopy(r) for r in self.data.all_records()}
        touched = list(fn())
        states = []
        for rec in touched:
            old = before.get(id(rec))
            if old is None:  # created by fn: undo marks it deleted
                old = dataclasses.replace(copy.deepcopy(rec), deleted=True)
            states.append((rec, old, copy.deepcopy(rec)))
        self.undo_stack.push(SnapshotCommand(self, label, states, already_done=True))
        return touched

    def restore_kept(self, kept: list[m.Record]) -> list[m.Record]:
        """Put edits kept by a failed save (store.recovery) back, as one undo step."""
        def apply() -> list[m.Record]:
            live_records = {(type(r), r.id): r for r in self.data.all_records()}
            touched: list[m.Record] = []
            for record in kept:
                live = (self.data.office if isinstance(record, m.Office)
                        else live_records.get((type(record), record.id)))
                if live is None:
                    self.data.add(record)
                    live = record
                else:
                    copy_fields(live, record)
                touched.append(live)
            return touched
        touched = self.edit("กู้คืนการแก้ไขที่บันทึกไม่สำเร็จ", apply)
        self.notify(touched)
        return touched

    def notify(self, records: list[m.Record]) -> None:
        self.changed.emit(records)


def copy_fields(live: m.Record, state: m.Record) -> None:
    """Give the live record what `state` says; its id and its revision stay its own (the
    office of a recovery file or a merged copy never renames this file's office)."""
    for f in dataclasses.fields(state):
        if f.name not in ("id", "rev", "updated_at"):
            setattr(live, f.name, copy.deepcopy(getattr(state, f.name)))


def _restore(doc: Document, live: m.Record, state: m.Record) -> None:
    copy_fields(live, state)
    if not isinstance(live, m.Office) and not doc.data.holds(live):
        doc.data.add(live)


class FieldCommand(QUndoCommand):
    """Undo step of one field edit; consecutive edits of the same field merge."""

    ID = 1

    def __init__(self, doc: Document, record: m.Record, field: str, old: Any, new: Any,
                 label: str) -> None:
        super().__init__(label or "แก้ไข")
        self.doc, self.record, self.field, self.old, self.new = doc, record, field, old, new

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, FieldCommand):
            return False
        if other.record is not self.record or other.field != self.field:
            return False
        if isinstance(self.new, str) and isinstance(other.new, str):
            self.new = other.new
            return True
        return False

    def _apply(self, value: Any) -> None:
        setattr(self.record, self.field, copy.deepcopy(value))
        self.doc.queue_save([self.record])
        self.doc.notify([self.record])

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)


class SnapshotCommand(QUndoCommand):
    """Undo step that restores whole records to their state before or after an edit."""

    def __init__(self, doc: Document, label: str,
                 states: list[tuple[m.Record, m.Record, m.Record]], already_done: bool) -> None:
        super().__init__(label)
        self.doc, self.states, self.skip_first_redo = doc, states, already_done

    def _apply(self, which: int) -> None:
        records = []
        for live, before, after in self.states:
            _restore(self.doc, live, (before, after)[which])
            records.append(live)
        self.doc.queue_save(records)
        self.doc.notify(records)

    def redo(self) -> None:
        if self.skip_first_redo:  # fn already changed the data: only save and notify
            self.skip_first_redo = False
            records = [live for live, _, _ in self.states]
            self.doc.queue_save(records)
            self.doc.notify(records)
            return
        self._apply(1)

    def undo(self) -> None:
        self._apply(0)


class StoreStepCommand(QUndoCommand):
    """Undo step of a change the store writes itself in one transaction (a merge): undo and
    redo call the store, then put memory in the same state without saving again. `states`
    are (live record, before or None if the step created it, after)."""

    def __init__(self, doc: Document, label: str,
                 states: list[tuple[m.Record, m.Record | None, m.Record]],
                 write: Callable[[Store], Any], unwrite: Callable[[Store], Any]) -> None:
        super().__init__(label)
        self.doc, self.states, self.write, self.unwrite = doc, states, write, unwrite
        self.done = True  # pushed after the store wrote it

    def _store(self, fn: Callable[[Store], Any]) -> bool:
        try:
            self.doc.call_store(fn)
            return True
        except Exception as exc:  # the file is unchanged (one transaction): say so, keep memory
            self.doc.save_failed.emit(_said(exc))
            return False

    def redo(self) -> None:
        if self.done:
            self.done = False
            return
        if not self._store(self.write):
            return
        for live, _before, after in self.states:
            _restore(self.doc, live, after)
        self.doc.notify([live for live, _, _ in self.states])

    def undo(self) -> None:
        if not self._store(self.unwrite):
            return
        for live, before, _after in self.states:
            if before is None:
                self.doc.data.discard(live)
            else:
                _restore(self.doc, live, before)
        self.doc.notify([live for live, _, _ in self.states])
