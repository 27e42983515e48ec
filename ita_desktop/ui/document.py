"""The open office file as the UI sees it: data in memory, undo stack, background saving."""
from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ita_desktop.domain import models as m
from ita_desktop.store.db import Store
from ita_desktop.store.writer import Writer

_LISTS = {
    m.Division: "divisions", m.Signatory: "signatories", m.FrameworkSnapshot: "frameworks",
    m.Assessment: "assessments", m.IndicatorScore: "indicator_scores",
    m.QuestionScore: "question_scores", m.Plan: "plans", m.AnalysisGroup: "groups",
    m.Measure: "measures", m.Result: "results", m.IssuedDocument: "documents",
}


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
        self.writer = Writer(store, on_error=lambda exc: self.save_failed.emit(str(exc)))
        self.closed = False

    # --- writing -----------------------------------------------------------------------
    def queue_save(self, records: Iterable[m.Record]) -> None:
        """Commit copies of the records on the writer thread (the GUI keeps editing)."""
        snapshot = [copy.deepcopy(r) for r in records]
        if snapshot:
            self.writer.submit(lambda store: store.save_all(snapshot))

    def flush(self) -> None:
        """Wait until every queued edit is on disk (Ctrl+S, closing, save-as)."""
        self.writer.flush()

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

    def notify(self, records: list[m.Record]) -> None:
        self.changed.emit(records)


def _restore(doc: Document, live: m.Record, state: m.Record) -> None:
    for f in dataclasses.fields(state):
        if f.name not in ("rev", "updated_at"):
            setattr(live, f.name, copy.deepcopy(getattr(state, f.name)))
    if isinstance(live, m.Office):
        return
    lst = getattr(doc.data, _LISTS[type(live)])
    if not any(x is live for x in lst):
        lst.append(live)


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
            self.doc.save_failed.emit(str(exc))
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
                lst = getattr(self.doc.data, _LISTS[type(live)])
                lst[:] = [r for r in lst if r is not live]
            else:
                _restore(self.doc, live, before)
        self.doc.notify([live for live, _, _ in self.states])
