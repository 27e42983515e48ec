"""The open office file as the UI sees it: data in memory, undo stack, background saving.

Document is the one front door to the file: every write goes through it, and nothing else in
the window calls the store. An edit changes memory and queues copies of the records it touched
to the writer thread (the one thread that holds the SQLite connection); a store step (a merge
and its undo) runs on that thread too, then reads back the records it touched, which memory
takes as they are: memory and file cannot drift. The long calls (check, export, save a copy,
merge, Ctrl+S) return a Future for ui/background.py, which keeps the window alive meanwhile.

For its undo steps an edit needs each touched record's state before it. Document keeps, for
every record, a copy of the state it last handed to the file (`_known`, made once when the file
opens and renewed record by record as each save is queued): an edit copies only the records
it returns, never the whole file."""
from __future__ import annotations

import copy
import dataclasses
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from ita_desktop.domain import models as m
from ita_desktop.domain.checks import Finding
from ita_desktop.safe_files import delete_with_retry, replace_with_retry
from ita_desktop.store import check, exchange, merge, recovery
from ita_desktop.store.db import Store
from ita_desktop.store.errors import FolderGoneError, thai_message
from ita_desktop.store.writer import Writer
from ita_desktop.ui import background
from ita_desktop.ui.background import EXPECTED

T = TypeVar("T")
R = TypeVar("R", bound=m.Record)
Key = tuple[str, str]  # (table, id) of a record in the file
_ORDER = {kind.cls: i for i, kind in enumerate(m.KINDS)}


def _said(exc: BaseException) -> str:
    """A failed save as the clerk reads it: Thai first, Python's words only as detail."""
    message = thai_message(exc)
    return message.text + (f" ({message.detail})" if message.detail else "")


def _crash(exc: BaseException) -> None:
    """A bug met off the GUI thread, handed to the crash dialog (app.py's hook)."""
    sys.excepthook(type(exc), exc, exc.__traceback__)


def merge_keys(plan: merge.MergePlan) -> list[Key]:
    """The records a merge writes (added, taken, merged: the rows of merge.result_rows)."""
    return [(table, str(row["id"])) for table, row in merge.result_rows(plan)]


def state_copy(record: R) -> R:
    """A copy no later edit of `record` reaches: its lists and dicts copied, its strings and
    numbers shared (they cannot change). A third of deepcopy's time: a file of 20,000
    records took 0.6 s to open for deepcopy alone."""
    state = copy.copy(record)
    for name, value in list(vars(state).items()):
        if isinstance(value, (list, dict)):
            setattr(state, name, copy.deepcopy(value))
    return state


class Document(QObject):
    """An open file. Every edit goes through `set_field` or `edit`, which push an undo
    command and queue the changed records to the writer thread; every other write (a merge,
    its undo) through a method here that runs the store step and reloads what it touched.

    Signals:
        changed(object): after any edit, undo or redo; the argument is the list of records
            that changed (pages refresh what shows them).
        save_failed(str): the writer could not commit (disk full, stick pulled...).
    """

    changed = Signal(object)
    save_failed = Signal(str)
    _on_gui = Signal(object)  # a callable, from the writer thread, run on the GUI thread

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path: Path = store.path
        self.data: m.OfficeFile = store.load()
        self.migrated_backup = store.backup
        self.undo_stack = QUndoStack(self)
        self._on_gui.connect(lambda fn: fn(), Qt.ConnectionType.QueuedConnection)
        # live record (by identity) -> (it, a copy of the state last handed to the file);
        # the copies are never changed, only replaced
        self._known: dict[int, tuple[m.Record, m.Record]] = {}
        for record in self.data.all_records():
            self._remember(record)
        # only the edits' saves report here; the Futures' callers get their own exception
        self.writer = Writer(store)
        self.closed = False
        # records whose save failed (disk full, stick pulled): tried again with every later
        # save, written by Save as / Save a copy, and kept in a recovery file meanwhile
        self._unsaved: dict[tuple[type[m.Record], str], m.Record] = {}
        self._unsaved_lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> Document:
        """The office file at `path`, opened (upgraded if older) and read whole; raises the
        store's error (StoreError: Thai) and leaves nothing open."""
        store = Store.open(path)
        try:
            return cls(store, parent)
        except BaseException:
            store.close()
            raise

    def _remember(self, record: m.Record) -> m.Record:
        state = state_copy(record)
        self._known[id(record)] = (record, state)
        return state

    def _known_state(self, record: m.Record) -> m.Record | None:
        entry = self._known.get(id(record))
        return entry[1] if entry is not None and entry[0] is record else None

    def _widget(self) -> QWidget | None:
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    # --- writing -----------------------------------------------------------------------
    def queue_save(self, records: Iterable[m.Record]) -> None:
        """Commit copies of the records on the writer thread (the GUI keeps editing)."""
        records = list(records)
        snapshot = [copy.deepcopy(r) for r in records]
        for record in records:
            self._remember(record)
        if snapshot:
            self.writer.submit(self._save_batch, snapshot).add_done_callback(self._report_bug)

    def _report_bug(self, future: Future[Any]) -> None:
        """A save that failed for a reason no disk gives (a bug) reaches the crash dialog;
        the edit itself is kept like any failed save's."""
        exc = future.exception()
        if exc is not None and not isinstance(exc, EXPECTED):
            self._on_gui.emit(lambda: _crash(exc))

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
            if isinstance(exc, EXPECTED):  # a bug goes to the crash dialog instead (_report_bug)
                self.save_failed.emit(_said(exc) if kept else _said(exc) + " — เก็บสำรองไม่ได้เช่นกัน"
                                      " อย่าเพิ่งปิดโปรแกรม ให้ใช้ «บันทึกเป็น…» ไปยังที่อื่น")
            raise
        with self._unsaved_lock:
            had_unsaved, self._unsaved = bool(self._unsaved), {}
        if had_unsaved:
            recovery.forget(self.path)

    def kept_edits(self) -> list[m.Record]:
        """The edits a failed save of this file kept beside the settings (a crash or a power
        cut came before they reached it), offered back at the next open."""
        return recovery.kept(self.path)

    def forget_kept(self) -> None:
        recovery.forget(self.path)

    def unsaved(self) -> list[m.Record]:
        """Copies of the records the file does not hold yet (an earlier save failed)."""
        with self._unsaved_lock:
            return [copy.deepcopy(r) for r in self._unsaved.values()]

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run fn(store, *args) on the writer thread after every edit queued so far."""
        return self.writer.submit(fn, *args)

    def settled(self) -> Future[None]:
        """Settled when every edit queued so far is on disk (or its save failed)."""
        return self.writer.submit(lambda _store: None)

    def save_now(self) -> Future[None]:
        """Ctrl+S: settled when the queued edits are on disk and what a failed save left out
        is written again; holds the store's error when that still fails."""
        return self.writer.submit(self._save_pending)

    def _save_pending(self, store: Store) -> None:
        if self.unsaved():
            self._save_batch(store, [])

    def flush(self) -> None:
        """Wait until every queued edit is on disk (tests, scripts; the window waits through
        ui/background.py instead, painting meanwhile)."""
        self.settled().result()

    def check(self) -> Future[list[Finding]]:
        """The completeness check of the file (its integrity and what is still missing)."""
        return self.writer.submit(check.check_store)

    def export_json(self, out: Path) -> Future[None]:
        """The file as an exchange (JSON) file at `out`."""
        return self.writer.submit(lambda store: exchange.export_json(store, out))

    def write_copy(self, target: Path) -> Future[None]:
        """The window's state to `target`, safely: the file's copy plus every edit a failed
        save left out; when the file itself cannot be read any more (the stick was pulled),
        a new file made from what the window holds. Holds OSError or StoreError."""
        states = [state for _live, state in self._known.values()]  # the window's state, as copies
        return self.writer.submit(self._write_copy, target, states)

    def _write_copy(self, store: Store, target: Path, states: list[m.Record]) -> None:
        if not target.parent.is_dir():  # the stick was pulled: nothing to try
            raise FolderGoneError(target.parent)
        try:
            if self.unsaved():
                self._write_with_pending(store, target)
            else:
                store.copy_to(target)
        except EXPECTED:
            if _readable(store):  # the target failed (a pulled or full stick): say that
                raise
            self._write_from_memory(target, states)

    def _write_with_pending(self, store: Store, target: Path) -> None:
        pending = self.unsaved()
        # the edits a failed save left out go into the copy before it replaces the target:
        # a failure here leaves the target as it was
        staged = target.with_name(target.name + ".ita-staged")
        try:
            store.copy_to(staged)
            copy_store = Store.open(staged)
            try:
                copy_store.save_all(pending)
            finally:
                copy_store.close()
            replace_with_retry(staged, target)
        except BaseException:
            delete_with_retry(staged)
            raise

    def _write_from_memory(self, target: Path, states: list[m.Record]) -> None:
        fresh = target.with_name(target.name + ".ita-new")
        delete_with_retry(fresh)
        data = m.OfficeFile()
        for state in sorted(states, key=lambda r: _ORDER[type(r)]):
            data.add(copy.deepcopy(state))
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

    def close(self) -> None:
        """Commit what is queued and stop the writer; later edits are ignored."""
        if self.closed:
            return
        self.closed = True
        self.flush()
        self.writer.close()

    # --- store steps: the store writes, memory takes what it wrote ---------------------
    def plan_merge(self, path: Path) -> Future[merge.MergePlan]:
        """What merging the file at `path` would bring (read only)."""
        return self.writer.submit(lambda store: merge.plan_merge(store, path))

    def apply_merge(self, plan: merge.MergePlan, partial: bool = False,
                    label: str = "") -> Future[list[m.Record]]:
        """The merge, in the file (a backup, then one transaction), then in memory as the
        file holds it, as one undo step that puts the file back exactly; settled on the GUI
        thread with the records that changed (the error, if any: the file is unchanged)."""
        keys = merge_keys(plan)
        objects: dict[tuple[type[m.Record], str], m.Record] = {}

        def write(store: Store) -> None:
            merge.apply_merge(store, plan, partial=partial)

        def unwrite(store: Store) -> None:
            merge.undo_merge(store, plan)

        def adopted(changed: list[m.Record]) -> None:
            self.undo_stack.push(StoreStepCommand(
                self, label or "รวมข้อมูลจาก " + Path(plan.source).name, keys, objects, write, unwrite))
        return self._store_step(write, keys, objects, adopted)

    def _store_step(self, write: Callable[[Store], Any], keys: list[Key],
                    objects: dict[tuple[type[m.Record], str], m.Record],
                    then: Callable[[list[m.Record]], None] | None = None) -> Future[list[m.Record]]:
        """write(store) on the writer thread, and the rows of `keys` read back in the same
        call; memory takes them on the GUI thread (`objects`: the live record of each key,
        kept so that a record an undo took out comes back as the same object)."""
        done: Future[list[m.Record]] = Future()

        def step(store: Store) -> list[m.Record]:
            write(store)
            return store.load_records(keys)

        def adopt(stepped: Future[list[m.Record]]) -> None:
            try:
                changed = self._adopt(keys, stepped.result(), objects)
                if then is not None:
                    then(changed)
                self.notify(changed)
            except BaseException as exc:  # the store's error, or a bug: the caller's to say
                done.set_exception(exc)
                return
            done.set_result(changed)

        self.writer.submit(step).add_done_callback(lambda f: self._on_gui.emit(lambda: adopt(f)))
        return done

    def _adopt(self, keys: list[Key], records: list[m.Record],
               objects: dict[tuple[type[m.Record], str], m.Record]) -> list[m.Record]:
        """Memory as the file holds `keys` now (`records`: their rows; a key without one was
        removed by the step)."""
        index = {(type(r), r.id): r for r in self.data.all_records()}
        stored = {(type(r), r.id): r for r in records}
        changed: list[m.Record] = []
        for table, rid in keys:
            cls = m.KIND_OF_TABLE[table].cls
            key = (cls, rid)
            held = self.data.office if cls is m.Office else index.get(key)  # one office, whatever its id
            live = held if held is not None else objects.get(key)
            row = stored.get(key)
            if row is None:  # an addition undone
                if held is not None and cls is not m.Office:
                    self.data.discard(held)
                    self._known.pop(id(held), None)
                    changed.append(held)
                continue
            if live is None:
                live = row
            elif live is not row:
                copy_fields(live, row)
                if live.id == row.id:
                    live.rev, live.updated_at = row.rev, row.updated_at
            if held is None:
                self.data.add(live)
            objects[key] = live
            self._remember(live)
            changed.append(live)
        return changed

    def store_step_now(self, label: str, write: Callable[[Store], Any], keys: list[Key],
                       objects: dict[tuple[type[m.Record], str], m.Record]) -> list[m.Record]:
        """A store step the caller waits for (an undo step), the window painting meanwhile;
        raises the store's error (the file is unchanged: one transaction)."""
        return background.call(self._widget(), label, self._store_step(write, keys, objects))

    # --- editing ----------------------------------------------------------------------
    def set_field(self, record: m.Record, field: str, value: Any, label: str = "") -> None:
        """Change one field of one record, as one undo step (typing in one field merges)."""
        old = getattr(record, field)
        if old == value or self.closed:
            return
        self.undo_stack.push(FieldCommand(self, record, field, old, value, label))

    def edit(self, label: str, fn: Callable[[], Iterable[m.Record]]) -> list[m.Record]:
        """Run an edit of several records (add, delete, move, copy) as one undo step.

        fn changes data in place and returns the records it touched (new ones included): only
        those are copied. The state of each before the edit is the one it last had in the file
        (a record the file has not had, fn made: undo marks it deleted)."""
        if self.closed:
            return []
        touched = list(fn())
        states = []
        for rec in touched:
            old = self._known_state(rec)
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


def _readable(store: Store) -> bool:
    """The open file can still be read (it is not on a stick that was pulled)."""
    try:
        store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except EXPECTED:
        return False
    return Path(store.path).is_file()


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
    redo run the store step (`unwrite`, `write`) and memory then takes the records of `keys`
    as the file holds them (Document.store_step_now); pushed after the first `write`."""

    def __init__(self, doc: Document, label: str, keys: list[Key],
                 objects: dict[tuple[type[m.Record], str], m.Record],
                 write: Callable[[Store], Any], unwrite: Callable[[Store], Any]) -> None:
        super().__init__(label)
        self.doc, self.keys, self.objects, self.write, self.unwrite = doc, keys, objects, write, unwrite
        self.done = True  # pushed after the store wrote it

    def _step(self, label: str, fn: Callable[[Store], Any]) -> None:
        try:
            self.doc.store_step_now(label, fn, self.keys, self.objects)
        except EXPECTED as exc:  # the file is unchanged (one transaction): say so, keep memory
            self.doc.save_failed.emit(_said(exc))

    def redo(self) -> None:
        if self.done:
            self.done = False
            return
        self._step(f"กำลังทำซ้ำ: {self.text()}…", self.write)

    def undo(self) -> None:
        self._step(f"กำลังเลิกทำ: {self.text()}…", self.unwrite)
