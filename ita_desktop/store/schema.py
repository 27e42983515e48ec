"""Tables derived from the domain dataclasses, and the schema versions with their migrations.

user_version = MAJOR * 1000 + MINOR. A file of a newer minor version opens (unknown columns
and tables are kept); a newer major version is refused.

Files come from other PCs and are untrusted: before anything is written, a file's whole schema
(sqlite_master) is compared with what the migrations below made for its version
(schema_problem). What a new MINOR version may add, so that this version still opens its files:
ordinary tables (with their indexes), and columns added to existing tables with
`ALTER TABLE t ADD COLUMN name TYPE [NOT NULL] [DEFAULT value]` (TYPE: TEXT, INTEGER, REAL,
BLOB or NUMERIC; a NOT NULL column with a DEFAULT). Never a trigger or a view, an index on an
existing table, a constraint, a virtual table or a dropped or changed column: those need a
new MAJOR version.
"""
from __future__ import annotations

import dataclasses
import functools
import re
import sqlite3
import types
import typing
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from ita_desktop.domain import models as m

APPLICATION_ID = 0x49544144  # "ITAD"
MAJOR = 1
MINOR = 4
CURRENT_VERSION = MAJOR * 1000 + MINOR


# --- fields and the values their columns hold --------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Field:
    """One field of a record class as its column stores it. kind: 'text', 'int', 'bool',
    'decimal' (INTEGER hundredths: scores are exact), 'blob', 'list' or 'dict' (JSON text).
    items: what a list holds, 'text' or 'text map' (None for a dict of anything)."""

    name: str
    kind: str
    nullable: bool
    items: str | None = None


def _field(name: str, hint: Any) -> Field:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    nullable = typing.get_origin(hint) in (types.UnionType, typing.Union) and len(args) == 1
    if nullable:
        hint = args[0]
    origin = typing.get_origin(hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return Field(name, "list", False, "text" if item is str else "text map")
    if origin is dict:
        return Field(name, "dict", False)
    kind = {str: "text", bool: "bool", int: "int", Decimal: "decimal", bytes: "blob"}[hint]
    return Field(name, kind, nullable)


_COLUMNS: dict[type[m.Record], tuple[Field, ...]] = {}


def columns(cls: type[m.Record]) -> tuple[Field, ...]:
    """The fields of a record class, id first, from its resolved type hints (never from how an
    annotation happens to be spelled)."""
    found = _COLUMNS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _COLUMNS[cls] = tuple(_field(f.name, hints[f.name]) for f in dataclasses.fields(cls))
    return found


def _table(name: str) -> str:
    kind = m.KIND_OF_TABLE.get(name)
    return f"ตาราง «{name}» ({kind.label})" if kind else f"ตาราง «{name}»"


# --- the migrations: each the literal SQL of its version, never derived from today's classes -
# (a new field is a new migration: ALTER TABLE measure ADD COLUMN ... ; see the README)
_V1_0 = (
    "CREATE TABLE office (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " kind TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', tambon TEXT NOT NULL DEFAULT '',"
    " amphoe TEXT NOT NULL DEFAULT '', changwat TEXT NOT NULL DEFAULT '', logo BLOB,"
    " logo_mime TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE division (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " name TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE signatory (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " owner TEXT NOT NULL DEFAULT '', document TEXT NOT NULL DEFAULT '', round TEXT NOT NULL DEFAULT '',"
    " role TEXT NOT NULL DEFAULT '', name TEXT NOT NULL DEFAULT '', position TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE framework (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " ita_year INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT '',"
    " data TEXT NOT NULL DEFAULT '{}')",
    "CREATE TABLE assessment (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " ita_year INTEGER NOT NULL DEFAULT 0, framework_id TEXT NOT NULL DEFAULT '', total INTEGER,"
    " iit INTEGER, eit INTEGER, oit INTEGER, level TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE indicator_score (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " assessment_id TEXT NOT NULL DEFAULT '', indicator INTEGER NOT NULL DEFAULT 0, score INTEGER)",
    "CREATE TABLE question_score (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " assessment_id TEXT NOT NULL DEFAULT '', code TEXT NOT NULL DEFAULT '', score INTEGER)",
    "CREATE TABLE plan (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " fiscal_year INTEGER NOT NULL DEFAULT 0, based_on TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE analysis_group (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " plan_id TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',"
    " indicator INTEGER, questions TEXT NOT NULL DEFAULT '[]', to_fix TEXT NOT NULL DEFAULT '',"
    " to_improve TEXT NOT NULL DEFAULT '', to_keep TEXT NOT NULL DEFAULT '',"
    " approach TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE measure (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " plan_id TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '', indicator INTEGER,"
    " group_id TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '', steps TEXT NOT NULL DEFAULT '',"
    " period TEXT NOT NULL DEFAULT '', responsible TEXT NOT NULL DEFAULT '',"
    " responsible_main TEXT NOT NULL DEFAULT '[]', responsible_support TEXT NOT NULL DEFAULT '[]',"
    " target TEXT NOT NULL DEFAULT '', budget TEXT NOT NULL DEFAULT '', monitoring TEXT NOT NULL DEFAULT '',"
    " source_id TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE result (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " measure_id TEXT NOT NULL DEFAULT '', round TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',"
    " output TEXT NOT NULL DEFAULT '', outcome TEXT NOT NULL DEFAULT '', status TEXT NOT NULL DEFAULT '',"
    " percent INTEGER, problems TEXT NOT NULL DEFAULT '', suggestions TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    # every revision a record had, with its parent: merges find where two copies last met
    "CREATE TABLE rev_log (tbl TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,"
    " parent TEXT NOT NULL, PRIMARY KEY (tbl, id, rev))",
    "CREATE INDEX measure_plan ON measure(plan_id, sort_key)",
    "CREATE INDEX result_measure ON result(measure_id)",
)

# Issued documents (what was printed, signed and published) and a log of merges.
_V1_1 = (
    "CREATE TABLE issued_document (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " plan_id TEXT NOT NULL DEFAULT '', document TEXT NOT NULL DEFAULT '', round TEXT NOT NULL DEFAULT '',"
    " printed_on TEXT NOT NULL DEFAULT '', approved_on TEXT NOT NULL DEFAULT '',"
    " signatories TEXT NOT NULL DEFAULT '[]', pdf_sha256 TEXT NOT NULL DEFAULT '',"
    " url TEXT NOT NULL DEFAULT '', published_on TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE merge_log (at TEXT NOT NULL, source TEXT NOT NULL, summary TEXT NOT NULL)",
)

# What each revision said, so that a merge can tell which fields each side changed since the
# copies last met. Revisions written before this version have no content (a merge then treats
# their differing fields as changed on both sides and asks). `local` marks revisions written on
# this PC (not taken from another copy). The file gets an identity, kept by its copies, so that
# a merge tells copies from files of the same office created separately.
_V1_2 = (
    "CREATE TABLE rev_content (tbl TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,"
    " content TEXT NOT NULL, local INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tbl, id, rev))",
    "INSERT OR IGNORE INTO meta(key, value) VALUES ('file_id', lower(hex(randomblob(16))))",
)

# The print options chosen for each document of a plan (one record per plan, document and
# round), kept in the file so that they travel with it and merge like other records.
_V1_3 = (
    "CREATE TABLE print_settings (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " plan_id TEXT NOT NULL DEFAULT '', document TEXT NOT NULL DEFAULT '', round TEXT NOT NULL DEFAULT '',"
    " options TEXT NOT NULL DEFAULT '{}')",
)

# The OIT register (one entry per item of an ITA year's catalog), files copied into the file
# (evidence, photos, the memo's emblem; one record per content), measures' photos, the office's
# wording of its paperwork, the office's website and contacts, and the OIT items a measure answers.
_V1_4 = (
    "ALTER TABLE office ADD COLUMN website TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE office ADD COLUMN phone TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE office ADD COLUMN email TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE measure ADD COLUMN oit_items TEXT NOT NULL DEFAULT '[]'",
    "CREATE TABLE attachment (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " name TEXT NOT NULL DEFAULT '', mime TEXT NOT NULL DEFAULT '', data BLOB)",
    "CREATE TABLE oit_entry (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " ita_year INTEGER NOT NULL DEFAULT 0, code TEXT NOT NULL DEFAULT '', answer TEXT NOT NULL DEFAULT '',"
    " links TEXT NOT NULL DEFAULT '[]', location TEXT NOT NULL DEFAULT '', period TEXT NOT NULL DEFAULT '',"
    " published_on TEXT NOT NULL DEFAULT '', division_id TEXT NOT NULL DEFAULT '',"
    " person TEXT NOT NULL DEFAULT '', position TEXT NOT NULL DEFAULT '', uploader TEXT NOT NULL DEFAULT '',"
    " uploader_position TEXT NOT NULL DEFAULT '', explanation TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '', evidence_id TEXT NOT NULL DEFAULT '', review TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE photo (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " measure_id TEXT NOT NULL DEFAULT '', round TEXT NOT NULL DEFAULT '', sort_key TEXT NOT NULL DEFAULT '',"
    " caption TEXT NOT NULL DEFAULT '', attachment_id TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE template (id TEXT PRIMARY KEY, rev TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL DEFAULT '', deleted INTEGER NOT NULL DEFAULT 0,"
    " key TEXT NOT NULL DEFAULT '', texts TEXT NOT NULL DEFAULT '{}')",
)

# version -> the statements that make a file of that version from the one before
MIGRATIONS: list[tuple[int, tuple[str, ...]]] = [
    (1000, _V1_0),
    (1001, _V1_1),
    (1002, _V1_2),
    (1003, _V1_3),
    (1004, _V1_4),
]
assert MIGRATIONS[-1][0] == CURRENT_VERSION
KNOWN_VERSIONS = frozenset(v for v, _step in MIGRATIONS)


def migrate(conn: sqlite3.Connection, statements: tuple[str, ...]) -> None:
    """Run one version's statements (inside the caller's transaction)."""
    for sql in statements:
        conn.execute(sql)


# --- the schema a file must have -------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Column:
    """One column as PRAGMA table_xinfo reports it."""
    name: str
    type: str
    notnull: bool
    default: str | None
    pk: int
    hidden: int  # 0: ordinary; else a generated or virtual table's hidden column

    def spec(self) -> tuple[str, bool, str | None, int, int]:
        return (self.type, self.notnull, self.default, self.pk, self.hidden)

    def shown(self) -> str:
        text = self.type or "(ไม่ระบุชนิด)"
        if self.notnull:
            text += " NOT NULL"
        if self.default is not None:
            text += f" DEFAULT {self.default}"
        if self.pk:
            text += " PRIMARY KEY"
        return text + (" (คำนวณ)" if self.hidden else "")


@dataclasses.dataclass(frozen=True)
class SchemaObject:
    """One row of sqlite_master (and a table's columns)."""
    type: str
    name: str
    table: str
    sql: str | None
    columns: tuple[Column, ...] = ()


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def read_schema(conn: sqlite3.Connection) -> list[SchemaObject]:
    """Everything in the file's sqlite_master, with the columns of its ordinary tables (reads
    only; a virtual table's module is never asked)."""
    out = []
    for kind, name, table, sql in conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall():
        kind, name, table, sql = _text(kind) or "", _text(name) or "", _text(table) or "", _text(sql)
        cols: tuple[Column, ...] = ()
        if kind == "table" and sql is not None and sql.startswith("CREATE TABLE"):
            cols = tuple(Column(str(c[1]), str(c[2] or ""), bool(c[3]), _text(c[4]), int(c[5]), int(c[6]))
                         for c in conn.execute("SELECT * FROM pragma_table_xinfo(?)", (name,)))
        out.append(SchemaObject(kind, name, table, sql, cols))
    return out


@functools.cache
def expected_schema(version: int) -> tuple[SchemaObject, ...]:
    """What the migrations up to `version` make, read back from an in-memory database."""
    conn = sqlite3.connect(":memory:")
    try:
        for step_version, statements in MIGRATIONS:
            if step_version <= version:
                migrate(conn, statements)
        return tuple(read_schema(conn))
    finally:
        conn.close()


# tables SQLite keeps itself: statistics (ANALYZE) and AUTOINCREMENT counters; harmless
_SQLITE_OWN = {"sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4", "sqlite_sequence"}
_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# one column added by ALTER TABLE ADD COLUMN in the form a newer minor version may use
_IDENT = r'(?:(?!(?:constraint|primary|unique|check|foreign)\b)[a-z_][a-z0-9_]*|"(?:[^"]|"")+")'
_ADDED_COLUMN = re.compile(
    rf"\s*,\s*(?P<name>{_IDENT})(?:\s+(?:text|integer|real|blob|numeric))?(?:\s+not\s+null)?"
    r"(?:\s+default\s+(?:'(?:[^']|'')*'|[-+]?[0-9]+(?:\.[0-9]+)?|null))?\s*", re.IGNORECASE)


def _fold(name: str) -> str:
    """SQLite's names are the same whatever the case of their ASCII letters."""
    return name.translate(_FOLD)


def shown_name(name: str) -> str:
    """A name from the file, safe to show: no control characters, not too long."""
    clean = "".join("?" if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or 0x200E <= ord(ch) <= 0x202E else ch
                    for ch in name)
    return clean if len(clean) <= 60 else clean[:60] + "…"


def _format(version: int) -> str:
    return f"{version // 1000}.{version % 1000}"


def schema_problem(version: int, found: Sequence[SchemaObject]) -> str:
    """'' when `found` (a file's sqlite_master, read_schema) is what format `version` defines,
    or, for a newer minor version, that with only what a minor version may add (see the
    module's docstring); else what is wrong, in Thai, e.g. "มีคำสั่งอัตโนมัติ (trigger) «t»
    ที่โปรแกรมไม่ได้สร้าง"."""
    if version in KNOWN_VERSIONS:
        expected, newer = expected_schema(version), False
    elif version // 1000 == MAJOR and version > CURRENT_VERSION:
        expected, newer = expected_schema(CURRENT_VERSION), True
    else:
        return f"ระบุรูปแบบไฟล์ {_format(version)} ซึ่งไม่มีโปรแกรมรุ่นใดสร้าง"
    want = {_fold(o.name): o for o in expected}
    have: dict[str, SchemaObject] = {}
    for obj in found:
        if _fold(obj.name) in have:
            return f"มีชื่อ «{shown_name(obj.name)}» ซ้ำกันในโครงสร้างไฟล์"
        have[_fold(obj.name)] = obj
    for obj in found:  # the dangerous kinds first: they act on their own
        if obj.type == "trigger":
            return f"มีคำสั่งอัตโนมัติ (trigger) «{shown_name(obj.name)}» ที่โปรแกรมไม่ได้สร้าง"
    for obj in found:
        ours = want.get(_fold(obj.name))
        if obj.type == "view":
            if ours is not None and ours.type == "table":
                return f"มีมุมมอง (view) «{shown_name(obj.name)}» อยู่แทน{_table(ours.name)} ในโครงสร้างไฟล์"
            return f"มีมุมมอง (view) «{shown_name(obj.name)}» ที่โปรแกรมไม่ได้สร้าง"
        if obj.type not in ("table", "index"):
            return f"มีส่วนประกอบ «{shown_name(obj.name)}» ชนิด «{shown_name(obj.type)}» ที่โปรแกรมไม่รู้จัก"
    our_tables = {_fold(o.name) for o in expected if o.type == "table"}
    for exp in expected:
        if exp.type != "table":
            continue
        table = have.get(_fold(exp.name))
        if table is None or table.type != "table":
            return f"ไม่มี{_table(exp.name)} ที่ไฟล์รูปแบบ {_format(version)} ต้องมี"
        problem = _table_problem(exp, table, newer)
        if problem:
            return problem
    for obj in found:
        if obj.type != "table" or _fold(obj.name) in our_tables or _fold(obj.name) in _SQLITE_OWN:
            continue
        if not newer:
            return f"มีตาราง «{shown_name(obj.name)}» ที่โปรแกรมไม่ได้สร้าง"
        if not obj.columns or any(c.hidden for c in obj.columns):  # virtual, or generated columns
            return f"มีตาราง «{shown_name(obj.name)}» ชนิดที่โปรแกรมรุ่นนี้ไม่รู้จัก"
    for exp in expected:
        if exp.type != "index":
            continue
        index = have.get(_fold(exp.name))
        if index is None or index.type != "index":
            return f"ไม่มีดัชนี (index) «{exp.name}» ที่ไฟล์รูปแบบ {_format(version)} ต้องมี"
        if _fold(index.table) != _fold(exp.table) or index.sql != exp.sql:
            return f"ดัชนี (index) «{exp.name}» ต่างจากที่โปรแกรมสร้าง"
    for obj in found:
        if obj.type == "index" and _fold(obj.name) not in want and (
                not newer or _fold(obj.table) in our_tables or _fold(obj.table) not in have):
            return f"มีดัชนี (index) «{shown_name(obj.name)}» ที่โปรแกรมไม่ได้สร้าง"
    return ""


def _table_problem(exp: SchemaObject, obj: SchemaObject, newer: bool) -> str:
    """'' when one of our tables is as we made it (or, newer, has only added plain columns)."""
    if obj.sql == exp.sql:
        return ""
    label = _table(exp.name)
    have = {_fold(c.name): c for c in obj.columns}
    for col in exp.columns:
        got = have.get(_fold(col.name))
        if got is None:
            return f"{label} ไม่มีคอลัมน์ «{col.name}»"
        if got.spec() != col.spec():
            return f"{label} คอลัมน์ «{col.name}» ผิดรูปแบบ (ต้องเป็น {col.shown()} แต่เป็น {shown_name(got.shown())})"
    names = [_fold(c.name) for c in exp.columns]
    extra = [c for c in obj.columns if _fold(c.name) not in set(names)]
    if extra and not newer:
        return f"{label} มีคอลัมน์ «{shown_name(extra[0].name)}» ที่โปรแกรมไม่ได้สร้าง"
    if [_fold(c.name) for c in obj.columns[:len(names)]] != names:
        return f"{label} เรียงคอลัมน์ต่างจากที่โปรแกรมสร้าง"
    head = (exp.sql or "")[:-1]  # our CREATE TABLE ends with the ")" ADD COLUMN writes before
    sql = obj.sql or ""
    if extra and sql.startswith(head) and sql.endswith(")"):
        if _added_columns(sql[len(head):-1]) == [c.name for c in extra] and all(
                not c.hidden and not c.pk and (not c.notnull or c.default is not None) for c in extra):
            return ""
        return (f"{label} มีคอลัมน์ «{shown_name(extra[0].name)}» ที่เพิ่มในแบบที่โปรแกรมรุ่นนี้ไม่รับ"
                " (มีเงื่อนไขหรือข้อกำหนดอื่น)")
    return f"{label} มีข้อกำหนดต่างจากที่โปรแกรมสร้าง (เช่น เงื่อนไข ดัชนีในตาราง หรือการเรียงตัวอักษร)"


def _added_columns(text: str) -> list[str] | None:
    """The names of the columns `text` (", a TEXT, b INTEGER NOT NULL DEFAULT 0") adds, or None
    when it is not only columns of the plain form."""
    names, pos = [], 0
    while pos < len(text):
        match = _ADDED_COLUMN.match(text, pos)
        if match is None or match.end() == pos:
            return None
        name = match.group("name")
        names.append(name[1:-1].replace('""', '"') if name.startswith('"') else name)
        pos = match.end()
    return names or None
