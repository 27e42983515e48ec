"""Merging another copy of the office's file into this one, losing nothing.

A record is the same on both sides when it has the same id (ids are natural keys where a
record has one: an ITA year, a question's score, a measure copied from the same source).
What changed since the copies last met is decided by each record's revision history (a
revision is derived from its content and its parent; clocks are never used):
- only in the other copy: added;
- the other copy's revision is known here: nothing to take;
- this copy's revision is known there: the other copy is newer, taken as it is;
- both changed: the last revision both know is the base; fields changed on one side only are
  taken from that side, the same field changed on both (or a deletion against an edit) is a
  conflict the clerk decides, per field.
Copies of one file (the same identity, meta file_id, or files that met, meta met_files) are
the same office whatever their office record says: a name or district corrected on one copy is
an ordinary change of that record. Only a file that shares no history and names another
office raises the question "another office?" (offices says what differs).
The merge runs in one transaction after a backup, and leaves a line in merge_log; every record
it writes is built (and its values checked) before the backup.

The other file is untrusted: it is copied off the stick first (with what an interrupted save
left beside it, its -wal or -journal, regular files of a file's size, folded into the copy as
SQLite would read them; a copy still needing that is refused, never read older), opened
read-only with trusted_schema=OFF, cell_size_check=ON and no memory mapping, checked (header,
application id, version, size, its whole schema against what its version defines,
quick_check, rows, value sizes) under an operation budget before anything is read. An older
format is upgraded in the copy; the file on the stick is never written. Then every value is
checked against what its field holds (rows.row_problem: a text, a whole number, 0 or 1, JSON
of the field's shape, a picture) as it is read, and its revision history likewise: a wrong
one refuses the file naming the record and the field, before anything is planned.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import sqlite3
import stat
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ita_desktop.domain import markup
from ita_desktop.domain import models as m
from ita_desktop.safe_files import delete_with_retry
from ita_desktop.store.db import (
    Store,
    check_identity,
    check_schema,
    connect_readonly,
    file_header_ok,
    needs_recovery,
    private_copy,
    upgrade_copy,
)
from ita_desktop.store.errors import BrokenFileError, NotOurFileError, StoreError, thai_message
from ita_desktop.store.rows import (
    BAD_LETTERS,
    blob_token,
    content_of,
    from_row,
    json_value_problem,
    readable,
    row_problem,
    to_row,
)
from ita_desktop.store.schema import CURRENT_VERSION, columns, shown_name
from ita_desktop.thai.digits import to_thai_digits

META = ("id", "rev", "updated_at")
MAX_TEXT = 6_000_000  # bytes in one value (2 million Thai characters): more is not a clerk's text
MAX_BLOB = 10_000_000  # bytes (the office logo, an attached file: both capped at 10 MB when added)
MAX_BYTES = 400_000_000  # a file of 10 years × 100 measures with its history is a few MB
MAX_ROWS = 1_000_000  # rows in all tables together; bounds the rows read into memory
# SQLite VM steps of the long statements (checks, scans, counts): a bound on work, not a clock.
# SQLite restarts its count at each row fetched, so reading rows is bounded by the two caps.
BUDGET = 200_000_000

# the fields as the clerk knows them, for the review and the command's list of conflicts
FIELD_LABELS = {
    "title": "ชื่อ", "name": "ชื่อ", "steps": "ขั้นตอน/วิธีการ", "period": "ระยะเวลา",
    "responsible": "ผู้รับผิดชอบ", "responsible_main": "กองที่รับผิดชอบหลัก",
    "responsible_support": "กองที่สนับสนุน", "target": "เป้าหมาย", "budget": "งบประมาณ",
    "monitoring": "การติดตามผล", "sort_key": "ลำดับ", "indicator": "ตัวชี้วัด",
    "group_id": "ประเด็นการวิเคราะห์", "source_id": "ที่มาของมาตรการ", "deleted": "การลบ",
    "output": "ผลการดำเนินการ", "outcome": "ผลลัพธ์", "status": "สถานะ", "percent": "ร้อยละความก้าวหน้า",
    "problems": "ปัญหาอุปสรรค", "suggestions": "ข้อเสนอแนะ", "round": "รอบ", "to_fix": "ข้อบกพร่อง/จุดอ่อน",
    "to_improve": "ข้อที่ต้องพัฒนา", "to_keep": "รักษาระดับ", "approach": "แนวทางการนำไปสู่การปฏิบัติ",
    "questions": "ข้อคำถาม", "kind": "ประเภทหน่วยงาน", "tambon": "ตำบล", "amphoe": "อำเภอ",
    "changwat": "จังหวัด", "logo": "ตราสัญลักษณ์", "logo_mime": "ชนิดภาพตรา", "position": "ตำแหน่ง",
    "role": "หน้าที่", "owner": "ใช้กับ", "document": "เอกสาร", "total": "คะแนนรวม", "iit": "IIT",
    "eit": "EIT", "oit": "OIT", "level": "ระดับผลการประเมิน", "note": "หมายเหตุ", "score": "คะแนน",
    "code": "รหัสข้อ", "fiscal_year": "ปีงบประมาณ", "based_on": "ผลการประเมินที่ใช้", "ita_year": "ปีประเมิน",
    "framework_id": "เกณฑ์การประเมิน", "source": "แหล่งที่มา", "data": "รายการตัวชี้วัดและข้อคำถาม",
    "printed_on": "วันที่พิมพ์", "approved_on": "วันที่อนุมัติ", "signatories": "ผู้ลงนาม",
    "pdf_sha256": "ลายนิ้วมือไฟล์ PDF", "url": "ที่อยู่เว็บที่เผยแพร่", "published_on": "วันที่เผยแพร่",
    "plan_id": "ปีงบประมาณของแผน", "measure_id": "มาตรการ", "assessment_id": "ผลการประเมิน",
    "options": "ค่าการพิมพ์",
    "website": "เว็บไซต์หลัก", "phone": "โทรศัพท์", "email": "อีเมล", "oit_items": "ข้อ OIT ที่ตอบ",
    "mime": "ชนิดไฟล์", "answer": "มี/ไม่มี", "links": "URL", "location": "ตำแหน่งบนเว็บไซต์",
    "division_id": "กองที่รับผิดชอบ", "person": "ผู้รับผิดชอบการให้ข้อมูล", "uploader": "ผู้นำข้อมูลขึ้นเผยแพร่",
    "uploader_position": "ตำแหน่งผู้นำข้อมูลขึ้นเผยแพร่", "explanation": "คำอธิบาย",
    "evidence_id": "ไฟล์หลักฐาน", "review": "สิ่งที่ต้องตรวจ", "caption": "คำบรรยายภาพ",
    "attachment_id": "ภาพ", "key": "ชนิดแบบเอกสาร", "texts": "ข้อความของแบบเอกสาร",
    "id": "รหัส", "rev": "รุ่นการแก้ไข", "updated_at": "เวลาที่แก้ไข",
}
HISTORY = "ประวัติการแก้ไข"  # a record's revisions (rev_log, rev_content), as the clerk calls them


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name)


# the words of coded values, as the pages show them
VALUE_NAMES: dict[str, dict[str, str]] = {
    "status": m.STATUS_NAMES, "round": m.ROUND_NAMES, "role": m.ROLE_NAMES,
    "document": {**m.DOCUMENT_NAMES, "analysis": "การวิเคราะห์ผลการประเมิน",
                 "implementation": "รายงานผลการดำเนินการ"},
    "kind": {k: full for k, full, _short in m.OFFICE_KINDS},
    "answer": m.OIT_ANSWERS,
}
# fields holding another record's id (shown by that record's name)
ID_FIELDS = ("group_id", "measure_id", "plan_id", "based_on", "assessment_id", "framework_id", "division_id",
             "evidence_id", "attachment_id",
             "source_id", "responsible_main", "responsible_support", "owner")


def shown_value(name: str, value: Any) -> str:
    """A stored value as the clerk reads it."""
    if name == "deleted":
        return "ลบแล้ว" if value else "ยังอยู่ (แก้ไข)"
    if value is None or value == "" or value == []:
        return "(ว่าง)"
    if isinstance(value, str) and value in VALUE_NAMES.get(name, {}):
        return VALUE_NAMES[name][value]
    if isinstance(value, bool):
        return "ใช่" if value else "ไม่ใช่"
    if isinstance(value, bytes):
        return f"(ภาพ {len(value):,} ไบต์)"
    if isinstance(value, Decimal):
        return to_thai_digits(format(value.normalize(), "f"))
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    if isinstance(value, (dict, list)):  # print options, a catalog: as JSON says them
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


class MergeError(StoreError):
    """A merge that cannot be made; the message is Thai."""


@dataclass
class Conflict:
    table: str
    id: str
    label: str  # which record, in Thai
    field: str
    mine: Any
    theirs: Any
    choice: str = ""  # "mine" or "theirs" once the clerk decided
    mine_local: bool = True  # this copy's value was typed here (not taken from another copy)
    revs: tuple[str, str] = ("", "")  # (mine, theirs), to settle conflicts between two other copies


@dataclass
class MergeUndo:
    """What a merge changed in the file, to put it back exactly (undo in the app)."""
    rows: list[tuple[str, str, dict[str, Any] | None]]  # (table, id, row before; None: added)
    revs: list[tuple[str, str, str]]  # history rows the merge added
    met_files: str | None


# the kinds of rows of the review, as the clerk reads them
ADDED, DELETED, RESTORED, TAKEN, MERGED = "เพิ่ม", "ลบ", "นำกลับมา", "แก้ไขที่อีกไฟล์", "รวมช่องที่แก้"


@dataclass
class Change:
    """One record the merge changes without asking, as the review lists it."""
    kind: str  # ADDED, DELETED, RESTORED, TAKEN or MERGED
    table: str
    label: str  # the record as the clerk knows it
    mine: dict[str, Any] | None  # this file's row (None: added)
    theirs: dict[str, Any]
    fields: list[str]  # the fields that change (none for an added or deleted record)


@dataclass
class MergePlan:
    source: str
    same_office: bool  # related copies, or unrelated files naming the same office
    offices: tuple[str, str]  # (this file's, the other's) office: kind, name, district, province
    related: bool = True  # the copies share history (one was copied from the other)
    lineage: set[str] = field(default_factory=set)  # the other file's identity and its merges
    added: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (table, their row)
    taken: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    # both changed: (table, my row, their row, fields taken from theirs without asking)
    merged: list[tuple[str, dict[str, Any], dict[str, Any], list[str]]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    same: list[tuple[str, str]] = field(default_factory=list)  # equal content, other revisions
    undo: MergeUndo | None = None  # set when applied
    history: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    contents: dict[tuple[str, str, str], str] = field(default_factory=dict)
    # records this file has that the other lacks or has at an older revision (by their
    # revision histories): what an older copy is missing
    mine_ahead: int = 0
    mine_rows: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # of `taken`
    labels: dict[tuple[str, str], str] = field(default_factory=dict)  # records as the clerk knows them
    names: dict[str, str] = field(default_factory=dict)  # id -> name, for fields holding an id

    @property
    def unresolved(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.choice not in ("mine", "theirs")]

    @property
    def empty(self) -> bool:
        return not (self.added or self.taken or self.merged or self.conflicts)

    @property
    def nothing_new(self) -> bool:
        """Nothing the clerk would see changes (records deleted on both sides aside)."""
        return not (self.changes() or self.conflicts)

    def label(self, table: str, row: dict[str, Any]) -> str:
        return self.labels.get((table, str(row.get("id"))), "") or _label(table, row)

    def changes(self) -> list[Change]:
        """What is merged without asking, for review. A record that stays deleted here (added
        already deleted, or edited there after both deleted it) is not shown: nothing the
        clerk sees changes."""
        out: list[Change] = []
        for table, row in self.added:
            if not row.get("deleted"):
                out.append(Change(ADDED, table, self.label(table, row), None, row, []))
        for table, row in self.taken:
            mine = self.mine_rows.get((table, str(row["id"])))
            out += _change(TAKEN, table, self.label(table, row), mine, row, _differing(mine or {}, row))
        for table, mine_row, their_row, fields in self.merged:
            out += _change(MERGED, table, self.label(table, mine_row), mine_row, their_row, fields)
        order = (DELETED, RESTORED, ADDED, TAKEN, MERGED)  # what loses data first
        return sorted(out, key=lambda c: order.index(c.kind))

    def counts(self) -> dict[str, int]:
        """The rows of each kind the review lists (the summary says these)."""
        out: dict[str, int] = {}
        for change in self.changes():
            out[change.kind] = out.get(change.kind, 0) + 1
        return out

    def summary(self) -> str:
        parts = [f"{kind} {n} รายการ" for kind, n in self.counts().items()]
        if self.conflicts:
            parts.append(f"ขัดแย้ง {len(self.conflicts)} ช่อง")
        return ", ".join(parts) or "ไม่มีอะไรเปลี่ยน"

    def shown(self, table: str, name: str, value: Any) -> str:
        """A stored value of a record as the clerk reads it: numbers, lists and coded words
        as the pages show them, another record by its name, markup as plain text."""
        kind = next((f.kind for f in columns(m.KIND_OF_TABLE[table].cls) if f.name == name), "") \
            if table in m.KIND_OF_TABLE else ""
        try:
            if kind == "decimal" and value is not None:
                value = Decimal(int(value)) / 100
            elif kind in ("list", "dict") and isinstance(value, str):
                value = json.loads(value) if value else []
            elif kind == "bool" and name != "deleted":
                value = bool(value)
        except (ValueError, TypeError, RecursionError):
            pass  # this file's own odd value: shown as stored
        if name in ID_FIELDS:
            if isinstance(value, list):
                value = [self.names.get(str(v), str(v)) for v in value]
            elif isinstance(value, str) and value:
                value = self.names.get(value, value)
        elif kind == "text" and isinstance(value, str) and name not in VALUE_NAMES:
            value = markup.plain_text(value)
        return shown_value(name, value)


def _differing(mine: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    return [k for k in theirs if k not in META and _comparable(mine.get(k)) != _comparable(theirs[k])]


def _change(kind: str, table: str, label: str, mine: dict[str, Any] | None, theirs: dict[str, Any],
            fields: list[str]) -> list[Change]:
    """The review's row of a record changed here by the merge (none when nothing shows)."""
    deleted_here, deleted_there = bool((mine or {}).get("deleted")), bool(theirs.get("deleted"))
    if "deleted" in fields and deleted_there and not deleted_here:
        return [Change(DELETED, table, label, mine, theirs, [])]
    if "deleted" in fields and deleted_here and not deleted_there:
        return [Change(RESTORED, table, label, mine, theirs, [f for f in fields if f != "deleted"])]
    if deleted_here or not fields:  # a record gone from this file stays gone: nothing shows
        return []
    return [Change(kind, table, label, mine, theirs, fields)]


# --- reading the other file safely ----------------------------------------------------
def open_foreign(path: Path, workdir: Path) -> Store:
    """A local, checked, read-only copy of another PC's file."""
    path = Path(path)
    if not path.is_file():
        raise MergeError(f"ไม่พบไฟล์ {path}")
    if not file_header_ok(path):
        raise NotOurFileError(f"ไฟล์ «{path.name}» ไม่ใช่ไฟล์ข้อมูล ITA Desktop")
    _check_sizes(path)
    local = workdir / "theirs.ita"
    try:  # off the stick first, with its -wal or -journal: it may be pulled out
        private_copy(path, local, path.name)
    except OSError as exc:
        raise MergeError(thai_message(exc, f"อ่านไฟล์ «{path.name}»").text) from None
    if needs_recovery(local):  # what its -wal or -journal holds was not folded into the copy
        raise BrokenFileError(f"ไฟล์ «{path.name}» มีข้อมูลที่บันทึกค้างไว้ในไฟล์ «{path.name}-wal» หรือ"
                         f" «{path.name}-journal» ที่อ่านรวมไม่ได้ จึงไม่รวมข้อมูลเพื่อไม่ให้ได้ข้อมูลเก่า")
    conn = _readonly(local, path.name)
    try:
        version = _check(conn, path.name)
        if version < CURRENT_VERSION:
            # an older copy: upgraded in the temporary copy, never in place on the stick
            conn.close()
            upgrade_copy(local, path.name, "รวมข้อมูล")
            conn = _readonly(local, path.name)
            _check(conn, path.name)
    except BaseException:
        conn.close()
        raise
    return Store(local, conn, readonly=True)


def _check_sizes(path: Path) -> None:
    """The file and what an unfinished save left beside it (its -wal with the last saves, or
    a -journal), before they are copied: regular files (SQLite reads both, so a -wal that is
    a folder would leave only older data to read), of a size a clerk's file can have."""
    for side in (path, *(path.with_name(path.name + s) for s in ("-wal", "-journal"))):
        try:
            info = side.stat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise MergeError(thai_message(exc, f"อ่านไฟล์ «{side.name}»").text) from None
        if not stat.S_ISREG(info.st_mode):
            raise BrokenFileError(f"ไฟล์ «{path.name}» มี «{side.name}» อยู่ข้างกันซึ่งไม่ใช่ไฟล์ข้อมูล (เช่น เป็นโฟลเดอร์)"
                             " จึงอ่านข้อมูลที่บันทึกล่าสุดไม่ได้ และไม่รวมข้อมูลเพื่อไม่ให้ได้ข้อมูลเก่า")
        if info.st_size > MAX_BYTES:
            raise BrokenFileError(f"ไฟล์ «{side.name}» ใหญ่ผิดปกติ")


def _readonly(path: Path, name: str) -> sqlite3.Connection:
    try:
        conn = connect_readonly(path)
    except sqlite3.DatabaseError as exc:
        raise BrokenFileError(f"ไฟล์ «{name}» อ่านไม่ได้ ({exc})") from None
    steps = {"n": 0}

    def budget() -> int:
        steps["n"] += 1
        return 1 if steps["n"] > BUDGET // 1000 else 0

    conn.set_progress_handler(budget, 1000)
    return conn


def _check(conn: sqlite3.Connection, name: str) -> int:
    try:
        version = check_identity(conn, name, "รวมข้อมูล")
        pages, page_size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
        if pages * page_size > MAX_BYTES:
            raise BrokenFileError(f"ไฟล์ «{name}» ใหญ่ผิดปกติ")
        check_schema(conn, name, "รวมข้อมูล", version)  # our tables are tables, nothing acts on its own
        ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        if ok != "ok":
            raise BrokenFileError(f"ไฟล์ «{name}» เสียหาย ({ok})")
        # the tables of its version (an older file lacks the newer ones until upgraded in the copy)
        present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        ours = [table for table in (*(k.table for k in m.KINDS), "rev_log", "rev_content") if table in present]
        rows = sum(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in ours)
        if rows > MAX_ROWS:
            raise BrokenFileError(f"ไฟล์ «{name}» มีรายการมากผิดปกติ ({rows:,} แถว)")
        for table in (k.table for k in m.KINDS if k.table in present):
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            # bytes, not characters: length() of a text stops at its first NUL
            sizes = ", ".join(f'max(length(CAST("{c}" AS BLOB)))' for c in cols)
            for col, size in zip(cols, conn.execute(f'SELECT {sizes} FROM "{table}"').fetchone()):
                limit = MAX_BLOB if col in ("logo", "data") else MAX_TEXT
                if size is not None and size > limit:
                    raise BrokenFileError(f"ไฟล์ «{name}» มีข้อมูลยาวผิดปกติ ({table}.{col})")
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise BrokenFileError(f"ไฟล์ «{name}» ใหญ่หรือซับซ้อนเกินกว่าจะตรวจได้") from None
        raise BrokenFileError(f"ไฟล์ «{name}» อ่านไม่ได้ ({exc})") from None
    except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: text that is not UTF-8
        raise BrokenFileError(f"ไฟล์ «{name}» เสียหาย ({exc})") from None
    return version


def _rows(store: Store) -> dict[tuple[str, str], dict[str, Any]]:
    out: dict[tuple[str, str], dict[str, Any]] = {}
    store.conn.row_factory = sqlite3.Row
    try:
        for table in (k.table for k in m.KINDS):
            for row in store.conn.execute(f'SELECT * FROM "{table}"'):
                values = dict(row)
                out[(table, str(values["id"]))] = values
    finally:
        store.conn.row_factory = None
    return out


def _text(data: bytes) -> str:
    """SQLite's text as Python reads it, an invalid byte kept as a lone surrogate (which
    readable() finds) instead of failing the whole read: the refusal can name the record."""
    return data.decode("utf-8", "surrogateescape")


def _their_rows(store: Store, name: str) -> dict[tuple[str, str], dict[str, Any]]:
    """Every record of the other file, each checked (rows.row_problem) as it is read: a value
    that is not what its field holds refuses the file, naming the record and the field. The
    work is bounded by the caps _check applied (rows, value sizes, file size)."""
    out: dict[tuple[str, str], dict[str, Any]] = {}
    store.conn.row_factory = sqlite3.Row
    try:
        for table, cls in ((k.table, k.cls) for k in m.KINDS):
            for row in store.conn.execute(f'SELECT * FROM "{table}"'):
                values = dict(row)
                problem = row_problem(cls, values)
                if problem is not None:
                    raise _refused(name, table, values, *problem)
                out[(table, values["id"])] = values
    finally:
        store.conn.row_factory = None
    return out


def _check_history(name: str, rows: dict[tuple[str, str], dict[str, Any]],
                   history: dict[tuple[str, str], dict[str, str]],
                   contents: dict[tuple[str, str, str], str]) -> None:
    """The other file's revisions: texts (they are compared, and kept in this file), and what
    each revision said a record (a JSON object: the base of a three-way merge)."""
    def refuse(table: Any, rid: Any, reason: str) -> BrokenFileError:
        row = rows.get((table, rid), {"id": rid})
        return _refused(name, table if isinstance(table, str) else str(table), row, HISTORY, reason)

    for (table, rid), revs in history.items():
        for text in (table, rid, *revs, *revs.values()):
            if not isinstance(text, str) or not readable(text):
                raise refuse(table, rid, "มีรหัสรุ่นที่ไม่ใช่ข้อความ" if not isinstance(text, str) else BAD_LETTERS)
    for (table, rid, rev), content in contents.items():
        if not all(isinstance(t, str) and readable(t) for t in (table, rid, rev, content)):
            raise refuse(table, rid, "มีรุ่นการแก้ไขที่ไม่ใช่ข้อความ")
        try:
            said = json.loads(content)
        except (ValueError, RecursionError):
            raise refuse(table, rid, "มีรุ่นการแก้ไขที่อ่านไม่ได้ (JSON เสียหาย)") from None
        problem = "ไม่ใช่ข้อมูลของรายการ" if not isinstance(said, dict) else json_value_problem(said)
        if problem:
            raise refuse(table, rid, f"มีรุ่นการแก้ไขที่{problem}")


def _record_name(table: str, row: dict[str, Any], skip: str = "") -> str:
    """The record as the clerk knows it: its table's label, and its title (or year, code,
    id) when that reads; `skip` is a field known to be wrong."""
    label = _table_label(table, shown_name(table))
    for key in ("title", "name", "code", "fiscal_year", "ita_year", "id"):
        value = row.get(key)
        if key == skip or isinstance(value, bool):
            continue
        if type(value) is int or (isinstance(value, str) and value.strip() and readable(value)):
            return f"{label} «{shown_name(' '.join(str(value).split()))}»"
    return label


def _refused(name: str, table: str, row: dict[str, Any], field: str, reason: str) -> BrokenFileError:
    """The refusal of the other file for one value: which record, which field, why (Thai)."""
    return BrokenFileError(f"ไฟล์ «{name}» มีข้อมูลผิดรูปแบบที่{_record_name(table, row, field)}"
                      f" ช่อง«{field_label(field)}»: {reason} จึงไม่รวมข้อมูลจากไฟล์นั้น (ไม่ได้แก้ไขไฟล์ใดเลย)")


def _lineage(store: Store) -> set[str]:
    """The file's identity and those of the files it was merged with (copies share it)."""
    try:
        own = store.meta("file_id")
        met = json.loads(store.meta("met_files") or "[]")
    except (sqlite3.DatabaseError, ValueError):
        return set()
    ids = {str(x) for x in met if isinstance(x, str)} if isinstance(met, list) else set()
    return ids | ({own} if own else set())


def _typed_here(rid: str) -> bool:
    """A record created by hand (a random id), not one every file derives from the same key."""
    try:
        return uuid.UUID(rid).version == 4
    except ValueError:
        return False


def _office_key(row: dict[str, Any] | None) -> tuple[str, ...]:
    if row is None:
        return ("", "", "", "")
    return tuple(str(row.get(k) or "").strip() for k in ("kind", "name", "amphoe", "changwat"))


def _office_text(row: dict[str, Any] | None) -> str:
    """The office as the question "another office?" shows it: what tells two offices apart."""
    if row is None:
        return "(ไม่มีข้อมูลหน่วยงาน)"
    kind, name, amphoe, changwat = (shown_name(" ".join(str(row.get(k) or "").split()))
                                    for k in ("kind", "name", "amphoe", "changwat"))
    text = (m.kind_short(kind) + name) or "(ไม่มีชื่อหน่วยงาน)"
    text += f" อำเภอ{amphoe}" if amphoe else ""
    return text + (f" จังหวัด{changwat}" if changwat else "")


def _table_label(table: str, fallback: str) -> str:
    kind = m.KIND_OF_TABLE.get(table)
    return kind.label if kind else fallback


def _label(table: str, row: dict[str, Any]) -> str:
    text = str(row.get("title") or row.get("name") or row.get("code") or row.get("fiscal_year")
               or row.get("ita_year") or "")
    return f"{_table_label(table, table)} {text}".strip()  # whole: the views elide it


def _short_text(value: Any, limit: int = 45) -> str:
    """A title on one line, cut after about `limit` characters."""
    text = " ".join(markup.plain_text(str(value or "")).split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _year(value: Any) -> str:
    return to_thai_digits(str(value)) if value else ""


def _labels(rows: dict[tuple[str, str], dict[str, Any]]) -> tuple[dict[tuple[str, str], str], dict[str, str]]:
    """Each record as the clerk knows it ("รายงานผล รอบ ๖ เดือน ของมาตรการ «…»"), and the
    name of each record another one points to (a ประเด็น, a กอง, a measure), by id."""
    by_id = {rid: (table, row) for (table, rid), row in rows.items()}

    def name(rid: Any) -> str:
        table, row = by_id.get(str(rid), ("", {}))
        return label(table, row) if row else ""

    def label(table: str, row: dict[str, Any]) -> str:
        kind = _table_label(table, table)
        year = {"plan": "fiscal_year", "assessment": "ita_year", "framework": "ita_year"}.get(table)
        if table == "office":
            return kind
        if year:
            return f"{kind} {'' if table == 'plan' else 'ปี '}{_year(row.get(year))}".strip()
        if table == "result":
            return (f"รายงานผล {m.ROUND_NAMES.get(str(row.get('round')), '')} ของ"
                    f"{name(row.get('measure_id')) or 'มาตรการ'}")
        if table in ("indicator_score", "question_score"):
            what = (f"ตัวชี้วัดที่ {_year(row.get('indicator'))}" if table == "indicator_score"
                    else f"ข้อ {str(row.get('code') or '').upper()}")
            return f"คะแนน{what} ของ{name(row.get('assessment_id')) or 'ผลการประเมิน'}"
        if table == "oit_entry":
            return f"{kind} ปี {_year(row.get('ita_year'))} ข้อ {str(row.get('code') or '').upper()}"
        if table == "photo":
            caption = _short_text(row.get("caption"))
            return (f"{kind}{f' «{caption}»' if caption else ''} ของ"
                    f"{name(row.get('measure_id')) or 'มาตรการ'}")
        if table == "template":
            return f"{kind} «{row.get('key') or ''!s}»"
        if table in ("signatory", "issued_document", "print_settings"):
            words = [m.ROLE_NAMES.get(str(row.get("role")), "") if table == "signatory" else "",
                     str(row.get("name") or ""),
                     VALUE_NAMES["document"].get(str(row.get("document")), ""),
                     m.ROUND_NAMES.get(str(row.get("round")), "")]
            owner = name(row.get("plan_id") or row.get("owner"))
            return " ".join([kind, *(w for w in words if w), *([f"({owner})"] if owner else [])])
        title = row.get("title") or row.get("name")
        return f"{kind} «{_short_text(title)}»" if title else f"{kind} (ยังไม่มีชื่อ)"

    labels = {(table, rid): label(table, row) for (table, rid), row in rows.items()}
    names = {rid: _short_text(row.get("title") or row.get("name"))
             or labels[(table, rid)] for (table, rid), row in rows.items()}
    names["office"] = "ค่าตั้งต้นของหน่วยงาน"  # a signatory's owner: the office's defaults
    return labels, names


def _ancestors(history: dict[str, str], rev: str) -> list[str]:
    out, seen = [], set()
    while rev and rev not in seen:
        seen.add(rev)
        out.append(rev)
        rev = history.get(rev, "")
    return out


# --- planning ---------------------------------------------------------------------------
@contextlib.contextmanager
def scratch_folder() -> Iterator[Path]:
    """A new private folder in the temporary folder for the other file's checked copy, gone
    afterwards. Its files are deleted retried while another program holds them: on Windows an
    antivirus scans the new copy, and a folder left at each merge adds up in %TEMP%."""
    folder = Path(tempfile.mkdtemp(prefix="ita-merge-"))
    try:
        yield folder
    finally:
        with contextlib.suppress(OSError):
            for item in folder.iterdir():
                if item.is_file():
                    delete_with_retry(item)
        shutil.rmtree(folder, ignore_errors=True)


def plan_merge(mine: Store, theirs_path: Path, workdir: Path | None = None) -> MergePlan:
    """What merging the other file would do; nothing is written."""
    if workdir is None:  # a folder of our own, gone afterwards: it held a copy of the other file
        with scratch_folder() as scratch:
            return plan_merge(mine, theirs_path, scratch)
    work = Path(workdir)
    work.mkdir(parents=True, exist_ok=True)
    theirs = open_foreign(theirs_path, work)
    name = Path(theirs_path).name
    try:
        # at the current version (open_foreign upgraded an older one in its copy); every value
        # checked as it is read, before anything looks at it
        theirs.conn.text_factory = _text
        their_rows, their_hist, their_contents = _their_rows(theirs, name), theirs.history(), theirs.contents()
        _check_history(name, their_rows, their_hist, their_contents)
        their_lineage = _lineage(theirs)
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
        if "interrupted" in str(exc):  # the operation budget ran out while reading
            raise BrokenFileError(f"ไฟล์ «{name}» ใหญ่หรือซับซ้อนเกินกว่าจะตรวจได้") from None
        # damage the checks could not see (a page that reads but does not decode)
        raise BrokenFileError(f"ไฟล์ «{name}» อ่านไม่ได้ครบ ({exc})") from None
    finally:
        theirs.close()
    try:  # this file (Store.open upgraded it): its own damage is not the other file's
        my_rows, my_hist, my_local = _rows(mine), mine.history(), mine.local_revs()
        my_lineage = _lineage(mine)
        contents = {**their_contents, **mine.contents()}
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise BrokenFileError(f"ไฟล์ «{mine.path.name}» ที่เปิดอยู่อ่านไม่ได้ครบ ลองเปิดสำเนาสำรอง"
                         f" (.bak หรือ .before-merge) ({exc})") from None
    my_office = next((r for (t, _i), r in my_rows.items() if t == "office"), None)
    their_office = next((r for (t, _i), r in their_rows.items() if t == "office"), None)
    # copies of one file (the same identity, or files that met), or files sharing records typed
    # by hand (copies made before files had an identity): one office whatever its record says
    # now, a corrected name or district being an ordinary change of that record
    related = bool(my_lineage & their_lineage) or any(
        _typed_here(key[1]) and set(revs) & set(my_hist.get(key, {}))
        for key, revs in their_hist.items())
    plan = MergePlan(str(theirs_path), related or _office_key(my_office) == _office_key(their_office),
                     (_office_text(my_office), _office_text(their_office)), related=related)
    plan.contents = their_contents
    plan.lineage = their_lineage
    plan.labels, plan.names = _labels({**their_rows, **my_rows})  # as this PC knows them
    for key, theirs_row in their_rows.items():
        table, rid = key
        revs = their_hist.get(key, {str(theirs_row["rev"]): ""})
        plan.history[key] = revs
        mine_row = my_rows.get(key)
        if mine_row is None:
            plan.added.append((table, theirs_row))
            continue
        my_rev, their_rev = str(mine_row["rev"]), str(theirs_row["rev"])
        known_here = set(my_hist.get(key, {my_rev: ""}))
        known_there = set(revs)
        same = all(_comparable(mine_row.get(k)) == _comparable(theirs_row.get(k))
                   for k in mine_row if k not in META and k in theirs_row)
        if same:  # nothing to show; other revisions are only learned
            if my_rev != their_rev and their_rev not in known_here:
                plan.same.append(key)
            continue
        if my_rev == their_rev:
            # the same revision saying different things: edited outside the app; ask per field
            take, conflicts = _three_way(table, mine_row, theirs_row, None)
            plan.conflicts.extend(conflicts)
            plan.merged.append((table, mine_row, theirs_row, take))
            continue
        if their_rev in known_here:
            plan.mine_ahead += 1  # the other copy has an older revision
            continue
        if my_rev in known_there:
            plan.taken.append((table, theirs_row))
            plan.mine_rows[key] = mine_row
            continue
        base_rev = next((r for r in _ancestors(my_hist.get(key, {}), my_rev) if r in known_there), "")
        base_text = contents.get((table, rid, base_rev)) if base_rev else None
        try:
            base = json.loads(base_text) if base_text else None
        except (ValueError, RecursionError):
            base = None  # an unreadable base: every differing field is asked
        if not isinstance(base, dict):
            base = None  # (this file's own history is not checked like the other file's)
        take, conflicts = _three_way(table, mine_row, theirs_row, base)
        for c in conflicts:
            c.mine_local = (table, rid, my_rev) in my_local
            c.revs = (my_rev, their_rev)
        plan.conflicts.extend(conflicts)
        plan.merged.append((table, mine_row, theirs_row, take))
    # what the other copy lacks (a record deleted here that it never had is nothing it misses)
    plan.mine_ahead += sum(1 for key, row in my_rows.items() if key not in their_rows and not row.get("deleted"))
    for c in plan.conflicts:
        c.label = plan.labels.get((c.table, c.id), c.label)
    return plan


def _comparable(value: Any) -> Any:
    return blob_token(value) if isinstance(value, bytes) else value


_HEX = frozenset("0123456789abcdef")


def _base_value(base: dict[str, Any], name: str, now: Any) -> Any:
    """A field as the last common revision said it; revisions written before 1.4 kept a
    picture's bytes as hex, compared here by their digest."""
    said = base.get(name)
    if isinstance(now, bytes) and isinstance(said, str) and not said.startswith("sha256:") \
            and len(said) % 2 == 0 and set(said) <= _HEX:
        return blob_token(bytes.fromhex(said))
    return said


def _three_way(table: str, mine: dict[str, Any], theirs: dict[str, Any], base: dict[str, Any] | None
               ) -> tuple[list[str], list[Conflict]]:
    """Fields to take from theirs, and the fields changed on both sides."""
    take, conflicts = [], []
    fields = [k for k in mine if k not in META and k in theirs]
    changed_mine = {f for f in fields if base is None or _comparable(mine[f]) != _base_value(base, f, mine[f])}
    changed_theirs = {f for f in fields if base is None or _comparable(theirs[f]) != _base_value(base, f, theirs[f])}
    label = _label(table, mine)
    for f in fields:
        mv, tv = _comparable(mine[f]), _comparable(theirs[f])
        if mv == tv:
            continue
        if f in changed_theirs and f not in changed_mine:
            take.append(f)
        elif f in changed_mine and f not in changed_theirs:
            continue
        else:
            conflicts.append(Conflict(table, str(mine["id"]), label, f, mine[f], theirs[f]))
    # deleted on one side, edited on the other: the clerk decides
    deleted_mine, deleted_theirs = bool(mine.get("deleted")), bool(theirs.get("deleted"))
    if deleted_mine != deleted_theirs and base is not None:
        other = changed_theirs - {"deleted"} if deleted_mine else changed_mine - {"deleted"}
        if other and not any(c.field == "deleted" for c in conflicts):
            if "deleted" in take:
                take.remove("deleted")
            conflicts.append(Conflict(table, str(mine["id"]), label, "deleted", mine.get("deleted"),
                                      theirs.get("deleted")))
    return take, conflicts


# --- applying ---------------------------------------------------------------------------
def apply_merge(mine: Store, plan: MergePlan, prefer: str | None = None,
                partial: bool = False) -> dict[str, int]:
    """Write the merge in one transaction after a backup copy. Conflicts take the clerk's
    choice; without one, `prefer` ("mine" or "theirs") decides; else MergeError, or with
    `partial` everything else is applied and the undecided fields keep this copy's value.
    Records left undecided do not learn the other copy's history, so the next merge with
    that copy asks again."""
    for c in plan.conflicts:
        if c.choice not in ("mine", "theirs"):
            if prefer not in ("mine", "theirs"):
                if partial:
                    continue
                raise MergeError(f"ยังมี {len(plan.unresolved)} ช่องที่ขัดแย้งและยังไม่ได้เลือก")
            c.choice = prefer
            if prefer == "mine" and not c.mine_local:
                # "mine" came from a third copy: settle it the same whatever the merge order
                c.choice = "theirs" if c.revs[1] > c.revs[0] else "mine"
    if plan.empty:
        return {"added": 0, "taken": 0, "merged": 0, "conflicts": 0, "left": 0}
    undecided = {(c.table, c.id) for c in plan.unresolved}
    # every record to write, built before the backup and the transaction: a value that cannot
    # be written (this file's own, never checked like the other file's) refuses the merge here
    written = [(t, _record(t, r)) for t, r in plan.added + plan.taken]
    merged = [(t, _record(t, r)) for t, r in _merged_rows(plan)]
    backup = mine.path.with_name(mine.path.name + ".before-merge")
    mine._backup_to(backup)
    touched = [*plan.same, *((t, str(r["id"])) for t, r in plan.added + plan.taken),
               *((t, str(r["id"])) for t, r, _t, _f in plan.merged)]
    with mine.transaction():
        before_rows = [(t, rid, _stored_row(mine, t, rid)) for t, rid in touched]
        before_revs = {key: _stored_revs(mine, *key) for key in touched}
        met_before = mine.meta("met_files")
        for table, rid in plan.same:
            _learn(mine, plan, table, rid)
        for table, record in written:
            _learn(mine, plan, table, record.id)  # before put_raw, which logs a rev without parent
            mine.put_raw(record)
        for table, record in merged:
            if (table, record.id) not in undecided:
                _learn(mine, plan, table, record.id)
            mine._save(record)
        if plan.lineage:  # the next merge with any copy of that file knows it
            met = _lineage(mine) | plan.lineage
            met.discard(mine.meta("file_id") or "")
            mine.set_meta("met_files", json.dumps(sorted(met)))
        summary = plan.summary()
        if undecided:
            summary += f" (ยังไม่ได้เลือก {len(plan.unresolved)} ช่อง คงค่าของไฟล์นี้ไว้)"
        _log(mine, plan.source, summary)
        added_revs = [(t, rid, rev) for (t, rid), old in before_revs.items()
                      for rev in _stored_revs(mine, t, rid) - old]
        plan.undo = MergeUndo(before_rows, added_revs, met_before)
    return {"added": len(plan.added), "taken": len(plan.taken), "merged": len(plan.merged),
            "conflicts": len(plan.conflicts) - len(plan.unresolved), "left": len(plan.unresolved)}


def undo_merge(mine: Store, plan: MergePlan) -> None:
    """Put the file back as it was before `apply_merge`, history included, so that merging
    that copy again offers the same changes (one transaction)."""
    undo = plan.undo
    if undo is None:
        return
    with mine.transaction():
        for table, rid, row in undo.rows:
            mine.conn.execute(f'DELETE FROM "{table}" WHERE id=?', (rid,))
            if row is not None:  # exactly as it was: same revision, unknown columns too
                names = ", ".join(f'"{k}"' for k in row)
                marks = ", ".join("?" for _ in row)
                mine.conn.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))
        for table, rid, rev in undo.revs:
            for log in ("rev_log", "rev_content"):
                mine.conn.execute(f"DELETE FROM {log} WHERE tbl=? AND id=? AND rev=?", (table, rid, rev))
        if undo.met_files is None:
            mine.conn.execute("DELETE FROM meta WHERE key='met_files'")
        else:
            mine.set_meta("met_files", undo.met_files)
        _log(mine, plan.source, "ยกเลิกการรวม")
    plan.undo = None


def _log(mine: Store, source: str, summary: str) -> None:
    mine.conn.execute("INSERT INTO merge_log(at, source, summary) VALUES (?,?,?)",
                      (dt.datetime.now().isoformat(timespec="seconds"), source, summary))


def merge_log(store: Store) -> list[tuple[str, str, str]]:
    """The merges into this file, newest first: (ISO local time, source path, summary)."""
    return [(str(at), str(source), str(summary)) for at, source, summary in store.conn.execute(
        "SELECT at, source, summary FROM merge_log ORDER BY rowid DESC")]


def _stored_row(mine: Store, table: str, rid: str) -> dict[str, Any] | None:
    cur = mine.conn.execute(f'SELECT * FROM "{table}" WHERE id=?', (rid,))
    row = cur.fetchone()
    return None if row is None else dict(zip([d[0] for d in cur.description], row))


def _stored_revs(mine: Store, table: str, rid: str) -> set[str]:
    return {str(r[0]) for r in mine.conn.execute(
        "SELECT rev FROM rev_log WHERE tbl=? AND id=? UNION SELECT rev FROM rev_content"
        " WHERE tbl=? AND id=?", (table, rid, table, rid))}


def _learn(mine: Store, plan: MergePlan, table: str, rid: str) -> None:
    """Keep the other copy's revisions of the record: the next merge knows them."""
    revs = plan.history.get((table, rid), {})
    contents = {r: c for r in revs if (c := plan.contents.get((table, rid, r))) is not None}
    mine.put_history(table, rid, revs, contents)


def result_rows(plan: MergePlan) -> list[tuple[str, dict[str, Any]]]:
    """The rows the merge writes, after the clerk's choices (for applying through the app's
    undo stack)."""
    return [(t, dict(r)) for t, r in plan.added + plan.taken] + _merged_rows(plan)


def _merged_rows(plan: MergePlan) -> list[tuple[str, dict[str, Any]]]:
    """Records changed on both sides: mine, with the fields taken from theirs and the
    conflicts the clerk settled for theirs (undecided ones keep mine)."""
    decided: dict[tuple[str, str], dict[str, Any]] = {}
    for c in plan.conflicts:
        if c.choice == "theirs":
            decided.setdefault((c.table, c.id), {})[c.field] = c.theirs
    out = []
    for table, mine_row, their_row, fields in plan.merged:
        row = dict(mine_row)
        row.update({f: their_row[f] for f in fields})
        row.update(decided.get((table, str(mine_row["id"])), {}))
        out.append((table, row))
    return out


def record_of(table: str, row: dict[str, Any]) -> m.Record:
    return from_row(m.KIND_OF_TABLE[table].cls, row)


def _record(table: str, row: dict[str, Any]) -> m.Record:
    """record_of, after checking every value (MergeError naming the record and the field)."""
    problem = row_problem(m.KIND_OF_TABLE[table].cls, row)
    if problem is not None:
        field, reason = problem
        raise MergeError(f"รวมข้อมูลไม่ได้: {_record_name(table, row, field)} ช่อง«{field_label(field)}»"
                         f" {reason} (ไม่ได้แก้ไขไฟล์ใดเลย)")
    return record_of(table, row)


__all__ = [
    "Change",
    "Conflict",
    "MergeError",
    "MergePlan",
    "apply_merge",
    "content_of",
    "field_label",
    "merge_log",
    "plan_merge",
    "record_of",
    "result_rows",
    "shown_value",
    "to_row",
    "undo_merge",
]
