"""The office file: open, create, migrate, load and save records.

The only code (with store/exchange.py) that touches SQLite. One connection per Store; all
calls on a Store must come from one thread (the UI uses store.writer.Writer for that).

Files arrive on USB sticks from other PCs: a file is looked at through a read-only connection
(its identity, its whole schema against what this version and the older ones it upgrades
made, SQLite's quick_check) before any statement that writes, so that a trigger or a view
planted in it never runs. A file the clerk only reads (check, export, print, the other side
of a merge) is never written at all: Store.open_readonly reads it through a read-only
connection, or works on a private copy when SQLite would have to write (an older format to
upgrade, a journal left by an interrupted save, a WAL file).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import os
import shutil
import sqlite3
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ita_desktop.domain import models as m
from ita_desktop.safe_files import (
    delete_with_retry,
    fsync_dir,
    replace_with_retry,
    temporary_path,
)
from ita_desktop.store.errors import (
    BrokenFileError,
    CannotWriteHereError,
    FileLockedError,
    ForeignSchemaError,
    NewerFileError,
    NotOurFileError,
    StoreError,
)
from ita_desktop.store.rows import content_of, from_row, next_rev, to_row
from ita_desktop.store.schema import (
    APPLICATION_ID,
    CURRENT_VERSION,
    MAJOR,
    MIGRATIONS,
    migrate,
    read_schema,
    schema_problem,
)

if TYPE_CHECKING:
    import sqlite_utils

FILE_SUFFIX = ".ita"


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _sqlite_path(path: Path) -> str:
    """Windows paths of 240+ characters need the \\?\\ prefix (SQLite's win32 VFS takes it)."""
    text = str(path)
    if os.name == "nt" and len(text) >= 240 and not text.startswith("\\\\?\\"):
        text = "\\\\?\\" + os.path.abspath(text)
    return text


def readonly_uri(path: Path) -> str:
    """A URI opening `path` read-only, whatever its name holds (spaces, Thai, '#', '?', '%41'):
    every character SQLite's URI parser would read as syntax is percent-encoded."""
    text = _sqlite_path(Path(os.path.abspath(path)))
    # "file:///tmp/x" on POSIX; "file:C:\x" or "file:\\server\x" on Windows (no authority)
    prefix = "file://" if text.startswith("/") else "file:"
    return prefix + quote(text, safe="/\\:") + "?mode=ro"


def connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that cannot write `path` (mode=ro, query_only) and trusts nothing in it."""
    conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None, check_same_thread=False,
                           timeout=5)
    try:
        for pragma in ("trusted_schema=OFF", "cell_size_check=ON", "mmap_size=0", "query_only=ON"):
            conn.execute(f"PRAGMA {pragma}")
    except BaseException:
        conn.close()
        raise
    return conn


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN/COMMIT ourselves (see Store.transaction).
    conn = sqlite3.connect(_sqlite_path(path), isolation_level=None, check_same_thread=False,
                           timeout=5)
    conn.execute("PRAGMA trusted_schema=OFF")
    return conn


def _prepare(conn: sqlite3.Connection) -> None:
    """The settings of a connection that writes (after the file was looked at)."""
    # Rollback journal truncated, not deleted, on commit (antivirus scanners slow deletes);
    # not WAL: a copied .ita alone must hold every committed change.
    conn.execute("PRAGMA journal_mode=TRUNCATE")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=OFF")


def check_identity(conn: sqlite3.Connection, name: str, action: str) -> int:
    """The file's format version, after its application_id says it is ours and its major
    version is one this program reads; `action` ("เปิด", "รวมข้อมูล") ends the message."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if app_id != APPLICATION_ID:
        raise NotOurFileError(f"ไฟล์ «{name}» ไม่ใช่ไฟล์ข้อมูล ITA Desktop")
    if version // 1000 > MAJOR:
        raise NewerFileError(f"ไฟล์ «{name}» สร้างด้วย ITA Desktop รุ่นใหม่กว่า (รูปแบบไฟล์ {version // 1000}."
                        f"{version % 1000}) กรุณาปรับปรุงโปรแกรมก่อน{action}")
    return version


def check_schema(conn: sqlite3.Connection, name: str, action: str, version: int) -> None:
    """Refuse (ForeignSchemaError, in Thai) a file whose schema is not what format `version` defines
    (a newer minor version may add tables and columns: store/schema.py says what). Reads only."""
    problem = schema_problem(version, read_schema(conn))
    if problem:
        raise ForeignSchemaError(f"ไฟล์ «{name}» {problem} จึงไม่{action}เพื่อป้องกันข้อมูลเสียหาย")


def inspect(conn: sqlite3.Connection, name: str, action: str) -> int:
    """The file's format version, after its identity, its schema and SQLite's quick_check say it
    is a whole file of ours; raises StoreError (Thai). Reads only: give it a read-only
    connection, before anything writes."""
    version = check_identity(conn, name, action)
    check_schema(conn, name, action, version)
    ok = conn.execute("PRAGMA quick_check").fetchone()[0]
    if ok != "ok":
        raise BrokenFileError(f"ไฟล์ «{name}» เสียหาย ({ok})")
    return version


def _unreadable(name: str, exc: Exception) -> StoreError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:  # after the 5 s timeout: not damage, another program
        return FileLockedError(f"ไฟล์ «{name}» กำลังถูกใช้งานโดยโปรแกรมอื่น ปิดโปรแกรมนั้นแล้วลองอีกครั้ง")
    return NotOurFileError(f"เปิดไฟล์ «{name}» ไม่ได้: ไม่ใช่ไฟล์ข้อมูลหรือไฟล์เสียหาย ({exc})")


def can_write_beside(path: Path) -> bool:
    """Whether the file and its folder can be written (SQLite writes a journal beside the
    file): False on a write-protected stick, a CD, or a folder without rights."""
    try:
        with path.open("r+b"):
            pass
        with tempfile.TemporaryFile(dir=path.parent):
            pass
    except OSError as exc:
        # a sharing or lock violation is another program holding the file (antivirus, a
        # second window), not a place that cannot be written: opening says that instead
        return getattr(exc, "winerror", None) in (32, 33)
    return True


def _inspected(source: Path, name: str, action: str) -> tuple[sqlite3.Connection, int]:
    """A read-only connection to `source`, looked at (inspect), and the file's version."""
    try:
        conn = connect_readonly(source)
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise _unreadable(name, exc) from None
    try:
        return conn, inspect(conn, name, action)
    except (sqlite3.DatabaseError, ValueError) as exc:  # ValueError: a damaged schema's text
        conn.close()
        raise _unreadable(name, exc) from None
    except BaseException:
        conn.close()
        raise


def needs_recovery(path: Path) -> bool:
    """SQLite would write before it reads: a WAL-mode file, or a journal (or WAL) left beside
    it by a save that was interrupted."""
    try:
        with path.open("rb") as fh:
            head = fh.read(20)
    except OSError:
        return False
    if len(head) == 20 and 2 in (head[18], head[19]):
        return True
    journal, wal = (path.with_name(path.name + s) for s in ("-journal", "-wal"))
    return (journal.is_file() and journal.stat().st_size > 0) or wal.exists()


def private_copy(path: Path, dest: Path, name: str) -> None:
    """Copy `path` to `dest`, with the journal or WAL an interrupted save left beside it, and
    let SQLite recover the copy (roll the journal back, fold the WAL in) there: the copy reads
    as the file was last saved, and `path` is never written. Recovery copies pages back and
    runs no statement of the file's schema."""
    for suffix in ("-journal", "-wal", "-shm"):  # leftovers beside `dest` would be "recovered" into it
        delete_with_retry(dest.with_name(dest.name + suffix))
    shutil.copyfile(path, dest)
    for suffix in ("-journal", "-wal"):
        side = path.with_name(path.name + suffix)
        if side.is_file():
            shutil.copyfile(side, dest.with_name(dest.name + suffix))
    if not needs_recovery(dest):
        return
    try:
        conn = _connect(dest)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # rolls a hot journal back
            conn.execute("PRAGMA journal_mode=DELETE").fetchone()  # a WAL folded in, the file alone
        finally:
            conn.close()
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise _unreadable(name, exc) from None


def _scratch_copy(path: Path) -> Path:
    """private_copy of `path`, under its own name, in a new temporary folder."""
    folder = Path(tempfile.mkdtemp(prefix="ita-read-"))
    try:
        copy = folder / path.name
        private_copy(path, copy, path.name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return copy


def upgrade_copy(path: Path, name: str, action: str) -> None:
    """Upgrade a private copy (of a file already looked at) to the current format in place:
    no backup, no office row added."""
    Store._open_writable(path, name, action, keep_backup=False, add_office=False).close()


def file_header_ok(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return head == b"SQLite format 3\x00" or head == b""


def _existing(path: Path) -> Path:
    path = Path(path)
    if not path.exists():
        raise StoreError(f"ไม่พบไฟล์ {path}")
    if not file_header_ok(path):
        raise NotOurFileError(f"ไฟล์ «{path.name}» ไม่ใช่ไฟล์ข้อมูล ITA Desktop")
    return path


CREATING_SUFFIX = ".ita-creating"


def creating_path(path: Path) -> Path:
    """The name a new file is built under, beside `path`: short and hidden (a long Thai name
    plus a suffix could pass the file system's 255 bytes), the same for the same target."""
    digest = hashlib.sha256(path.name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return path.with_name(f".{digest}{CREATING_SUFFIX}")


def _refuse_existing(path: Path) -> None:
    """StoreError (Thai) unless `path` names a file SQLite can open and is free for a new one:
    no file, or an empty one."""
    try:
        _sqlite_path(path).encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8 in a POSIX name: SQLite cannot open it
        shown = path.name.encode("utf-8", "replace").decode("utf-8")
        raise StoreError(f"ชื่อไฟล์ «{shown}» มีตัวอักษรที่โปรแกรมใช้ไม่ได้ ตั้งชื่อไฟล์ใหม่") from None
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise StoreError(f"«{path}» ไม่ใช่ไฟล์ธรรมดา (เป็นโฟลเดอร์หรืออุปกรณ์) จึงสร้างไฟล์ข้อมูลชื่อนี้ไม่ได้")
    if st.st_size > 0:
        raise StoreError(f"มีไฟล์ชื่อนี้อยู่แล้ว: {path}")


def _remove_database(path: Path) -> None:
    """A database of ours that is being given up, with whatever SQLite kept beside it."""
    for name in (path.name, *(path.name + s for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(OSError):
            delete_with_retry(path.with_name(name))


def backup_path(path: Path, tag: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.{tag}-{stamp}{path.suffix}.bak")


class Store:
    """An open office file. Use Store.create() or Store.open()."""

    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool = False) -> None:
        self.path = path
        self.conn = conn
        self.backup: Path | None = None  # set when opening migrated the file
        self.readonly = readonly  # conn cannot write (Store.open_readonly, a merge's other file)
        self._scratch: Path | None = None  # a private copy's folder, removed on close

    @functools.cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over our own connection, for upserts; imported when first written
        (~0.1 s of imports that printing and reading never need)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    # --- opening -----------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, upto: int = CURRENT_VERSION) -> Store:
        """A new, empty office file (refuses to overwrite an existing one).

        Built beside `path` under a temporary name and renamed into place only when complete:
        a full disk, a pulled stick or an error leaves no half-made file at `path` (and the
        temporary one is removed)."""
        path = Path(path)
        _refuse_existing(path)
        tmp = creating_path(path)
        _remove_database(tmp)  # left by a creation that was cut off
        try:
            conn = _connect(tmp)
            try:
                _prepare(conn)
                store = cls(tmp, conn)
                with store.transaction():
                    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
                    store._migrate_from(0, upto)
                    conn.execute("INSERT INTO meta(key, value) VALUES ('created', ?)", (_now(),))
                if upto == CURRENT_VERSION:
                    store.save(m.Office(id=m.natural_id("office")))
                conn.execute("PRAGMA journal_mode=DELETE")  # no journal left beside it
            finally:
                conn.close()
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
            _refuse_existing(path)  # nothing appeared there meanwhile
            replace_with_retry(tmp, path)
        except BaseException:
            _remove_database(tmp)
            raise
        fsync_dir(path.parent)
        conn = _connect(path)
        try:
            _prepare(conn)
        except BaseException:
            conn.close()
            raise
        return cls(path, conn)

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open an office file to work on, upgrading an older one in place after a backup copy.

        The file is looked at through a read-only connection first (a private copy when SQLite
        would have to write to read it); nothing is written to a file that is not ours."""
        path = _existing(path)
        if needs_recovery(path):
            copy = _scratch_copy(path)
            try:
                _inspected(copy, path.name, "เปิด")[0].close()
            finally:
                shutil.rmtree(copy.parent, ignore_errors=True)
        else:
            _inspected(path, path.name, "เปิด")[0].close()
        if not can_write_beside(path):
            raise CannotWriteHereError(f"ไฟล์ «{path.name}» อยู่ในที่ที่เขียนไม่ได้ (แฟลชไดรฟ์หรือแผ่นที่ป้องกันการเขียน"
                                  " หรือโฟลเดอร์ที่ไม่มีสิทธิ์เขียน) จึงบันทึกการแก้ไขลงไฟล์นี้ไม่ได้")
        return cls._open_writable(path, path.name, "เปิด", keep_backup=True, add_office=True)

    @classmethod
    def open_readonly(cls, path: Path, action: str = "เปิด") -> Store:
        """Open an office file only to read it (check, export, print): the file is never
        written, not even its journal mode. An older format is upgraded in a private copy,
        which is also read when the file needs recovery (journal, WAL); the copy goes on close.
        A missing office row is not added (load() gives an empty office)."""
        path = _existing(path)
        copy: Path | None = None
        try:
            if needs_recovery(path):
                copy = _scratch_copy(path)
            conn, version = _inspected(copy or path, path.name, action)
            if version < CURRENT_VERSION:
                conn.close()
                copy = copy or _scratch_copy(path)
                upgrade_copy(copy, path.name, action)
                conn, version = _inspected(copy, path.name, action)
            store = cls(path, conn, readonly=True)
        except BaseException:
            if copy is not None:
                shutil.rmtree(copy.parent, ignore_errors=True)
            raise
        store._scratch = None if copy is None else copy.parent
        return store

    @classmethod
    def _open_writable(cls, path: Path, name: str, action: str, keep_backup: bool, add_office: bool) -> Store:
        """A connection that writes, for a file already looked at (inspect): identity and schema
        are read again on it, statements blocked, before its first write."""
        try:
            conn = _connect(path)
        except (sqlite3.DatabaseError, ValueError) as exc:
            raise _unreadable(name, exc) from None
        try:
            conn.execute("PRAGMA query_only=ON")
            version = check_identity(conn, name, action)
            check_schema(conn, name, action, version)
            conn.execute("PRAGMA query_only=OFF")
            _prepare(conn)
            store = cls(path, conn)
            if version < CURRENT_VERSION:
                if keep_backup:
                    store.backup = store._backup_to(backup_path(path, f"v{version}"))
                with store.transaction():
                    store._migrate_from(version, CURRENT_VERSION)
            if add_office and not conn.execute("SELECT 1 FROM office LIMIT 1").fetchone():
                store.save(m.Office(id=m.natural_id("office")))
            return store
        except (sqlite3.DatabaseError, ValueError) as exc:
            conn.close()
            raise _unreadable(name, exc) from None
        except StoreError:
            conn.close()
            raise

    def _migrate_from(self, version: int, target: int) -> None:
        for step_version, statements in MIGRATIONS:
            if version < step_version <= target:
                migrate(self.conn, statements)
                self.conn.execute(f"PRAGMA user_version={step_version}")

    def _backup_to(self, target: Path) -> Path:
        dest = sqlite3.connect(_sqlite_path(target))
        try:  # closed even when the backup fails: Windows cannot delete a file still open
            with dest:
                self.conn.backup(dest)
        finally:
            dest.close()
        return target

    def close(self) -> None:
        # TRUNCATE keeps an empty journal beside the open file (antivirus slows deletes);
        # back to DELETE at the end removes it, so a closed file stands alone in its folder.
        if not self.readonly:
            with contextlib.suppress(sqlite3.Error):
                if not self.conn.in_transaction:
                    self.conn.execute("PRAGMA journal_mode=DELETE")
        self.conn.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    # --- transactions ------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self.readonly:
            raise StoreError(f"ไฟล์ «{self.path.name}» เปิดไว้เพื่ออ่านอย่างเดียว บันทึกการแก้ไขไม่ได้")
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            # SQLite rolls back by itself on a full disk or an I/O error: a second ROLLBACK
            # would raise "no transaction is active" and hide the real error.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # --- reading -------------------------------------------------------------------
    def load(self) -> m.OfficeFile:
        """Everything in the file, deleted records included (the UI filters them)."""
        data = m.OfficeFile()
        self.conn.row_factory = sqlite3.Row
        label = ""
        try:
            for kind in m.KINDS:
                label = kind.label
                rows = self.conn.execute(f"SELECT * FROM {kind.table}").fetchall()
                if kind.attr == "office":
                    rows = rows[:1]  # a file holds one office
                for row in rows:
                    data.add(from_row(kind.cls, dict(row)))
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            # damage quick_check cannot see: text that is not UTF-8, JSON cut short, a value of
            # the wrong kind (ValueError covers UnicodeDecodeError and JSONDecodeError)
            raise BrokenFileError(
                f"ไฟล์ «{self.path.name}» เสียหายบางส่วน อ่าน«{label}»ไม่ได้"
                f" ({type(exc).__name__}) ไฟล์ไม่ได้ถูกแก้ไข ลองเปิดสำเนาสำรอง (.bak หรือ .before-merge)"
                " หรือสำเนาในแฟลชไดรฟ์") from None
        finally:
            self.conn.row_factory = None
        return data

    def load_records(self, keys: Iterable[tuple[str, str]]) -> list[m.Record]:
        """The records stored under these (table, id) keys, as `load` reads them; a key with
        no row is left out (the open document reloads what a merge or its undo wrote)."""
        out: list[m.Record] = []
        wanted = [(m.KIND_OF_TABLE[table], rid) for table, rid in keys]
        self.conn.row_factory = sqlite3.Row
        try:
            for kind, rid in wanted:
                row = self.conn.execute(f"SELECT * FROM {kind.table} WHERE id=?", (rid,)).fetchone()
                if row is not None:
                    out.append(from_row(kind.cls, dict(row)))
        except (sqlite3.DatabaseError, ValueError, KeyError, TypeError) as exc:
            raise BrokenFileError(f"ไฟล์ «{self.path.name}» เสียหายบางส่วน อ่านข้อมูลที่เพิ่งรวมไม่ได้"
                                  f" ({type(exc).__name__})") from None
        finally:
            self.conn.row_factory = None
        return out

    # --- writing ---------------------------------------------------------------------
    def save(self, record: m.Record) -> m.Record:
        """Write a record if its content changed; sets its rev and updated_at in place."""
        with self.transaction():
            self._save(record)
        return record

    def save_all(self, records: Iterable[m.Record]) -> None:
        """Write many records in one transaction (all or nothing)."""
        with self.transaction():
            for record in records:
                self._save(record)

    def _save(self, record: m.Record) -> None:
        if not record.id:
            raise StoreError("ระเบียนไม่มีรหัส (id)")
        table = m.KIND_OF[type(record)].table
        row = to_row(record)
        content = content_of(row)
        stored = self.conn.execute(f"SELECT * FROM {table} WHERE id=?", (record.id,))
        names = [d[0] for d in stored.description]
        old = stored.fetchone()
        parent = ""
        if old is not None:
            old_row = dict(zip(names, old))
            parent = str(old_row["rev"])
            if content_of({k: old_row.get(k) for k in row}) == content:
                record.rev, record.updated_at = parent, str(old_row["updated_at"])
                return
        record.rev = next_rev(parent, content)
        record.updated_at = _now()
        row.update(rev=record.rev, updated_at=record.updated_at)
        self.db[table].upsert(row, pk="id")  # type: ignore[union-attr]
        self.conn.execute("INSERT OR IGNORE INTO rev_log(tbl, id, rev, parent) VALUES (?,?,?,?)",
                          (table, record.id, record.rev, parent))
        self.conn.execute("INSERT OR IGNORE INTO rev_content(tbl, id, rev, content, local) VALUES (?,?,?,?,1)",
                          (table, record.id, record.rev, content))

    def put_raw(self, record: m.Record) -> None:
        """Write a record keeping its rev and updated_at (import of an exchange file)."""
        table = m.KIND_OF[type(record)].table
        row = to_row(record)
        with self.transaction():
            self.db[table].upsert(row, pk="id")  # type: ignore[union-attr]
            self.conn.execute("INSERT OR IGNORE INTO rev_log(tbl, id, rev, parent)"
                              " VALUES (?,?,?,'')", (table, record.id, record.rev))
            self.conn.execute("INSERT OR IGNORE INTO rev_content(tbl, id, rev, content) VALUES (?,?,?,?)",
                              (table, record.id, record.rev, content_of(row)))

    # --- revision history (for merges) -------------------------------------------------
    def history(self) -> dict[tuple[str, str], dict[str, str]]:
        """(table, id) -> {rev: parent} of every revision this file has seen."""
        out: dict[tuple[str, str], dict[str, str]] = {}
        for tbl, rid, rev, parent in self.conn.execute("SELECT tbl, id, rev, parent FROM rev_log"):
            out.setdefault((tbl, rid), {})[rev] = parent
        return out

    def local_revs(self) -> set[tuple[str, str, str]]:
        """Revisions written on this PC (a clerk's own edits), as (table, id, rev)."""
        return {(t, i, r) for t, i, r in self.conn.execute("SELECT tbl, id, rev FROM rev_content WHERE local = 1")}

    def contents(self) -> dict[tuple[str, str, str], str]:
        """(table, id, rev) -> what that revision said."""
        return {(t, i, r): c for t, i, r, c in self.conn.execute("SELECT tbl, id, rev, content FROM rev_content")}

    def put_history(self, table: str, rid: str, revs: dict[str, str], contents: dict[str, str]) -> None:
        """Learn another copy's revisions of a record (inside a merge's transaction)."""
        self.conn.executemany("INSERT OR IGNORE INTO rev_log(tbl, id, rev, parent) VALUES (?,?,?,?)",
                              [(table, rid, rev, parent) for rev, parent in revs.items()])
        self.conn.executemany("INSERT OR IGNORE INTO rev_content(tbl, id, rev, content) VALUES (?,?,?,?)",
                              [(table, rid, rev, c) for rev, c in contents.items()])

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key)"
                              " DO UPDATE SET value=excluded.value", (key, value))

    def integrity_errors(self) -> list[str]:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        return [] if rows == [("ok",)] else [str(r[0]) for r in rows]

    # --- copies ----------------------------------------------------------------------
    def copy_to(self, target: Path) -> None:
        """A complete copy, safe on a USB stick: written to `target.ita-saving` next to the
        target with SQLite's backup API, flushed to the device, checked, then renamed into
        place (retried while antivirus holds the target). A stick pulled half-way leaves the
        old file or the new one, never a broken one."""
        target = Path(target)
        tmp = target.with_name(target.name + SAVING_SUFFIX)
        delete_with_retry(tmp)
        try:
            self._backup_to(tmp)
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())  # FlushFileBuffers on Windows: the data is on the stick
            problem = check_copy(tmp)
            if problem:
                raise BrokenFileError(f"สำเนาที่เขียนไม่สมบูรณ์ ({problem}) ไฟล์เดิมยังอยู่ครบ")
            replace_with_retry(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                delete_with_retry(tmp)
            raise
        fsync_dir(target.parent)


SAVING_SUFFIX = ".ita-saving"


def check_copy(path: Path) -> str:
    """'' when the file at `path` is a complete ITA Desktop file; else what is wrong."""
    try:
        conn = connect_readonly(path)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return "ไม่ใช่ไฟล์ของโปรแกรม"
            ok = conn.execute("PRAGMA quick_check").fetchone()[0]
            return "" if ok == "ok" else str(ok)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)


def leftover_copy(path: Path) -> Path | None:
    """A `*.ita-saving` left next to `path` by an interrupted save, if it is complete."""
    tmp = Path(path).with_name(Path(path).name + SAVING_SUFFIX)
    if tmp.exists() and not check_copy(tmp):
        return tmp
    return None


def copy_file(src: Path, dst: Path) -> None:
    """shutil.copyfile, whole or not at all: copied beside `dst` and renamed over it."""
    tmp = temporary_path(dst)
    try:
        shutil.copyfile(src, tmp)
        replace_with_retry(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            delete_with_retry(tmp)
        raise
