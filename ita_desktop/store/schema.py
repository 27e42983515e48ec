"""Tables derived from the domain dataclasses, and the schema versions with their migrations.

user_version = MAJOR * 1000 + MINOR. A file of a newer minor version opens (unknown columns
and tables are kept); a newer major version is refused.
"""
from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable

from ita_desktop.domain import models as m

APPLICATION_ID = 0x49544144  # "ITAD"
MAJOR = 1
MINOR = 2
CURRENT_VERSION = MAJOR * 1000 + MINOR

# table name -> record class; the order is the load order
TABLES: dict[str, type[m.Record]] = {
    "office": m.Office,
    "division": m.Division,
    "signatory": m.Signatory,
    "framework": m.FrameworkSnapshot,
    "assessment": m.Assessment,
    "indicator_score": m.IndicatorScore,
    "question_score": m.QuestionScore,
    "plan": m.Plan,
    "analysis_group": m.AnalysisGroup,
    "measure": m.Measure,
    "result": m.Result,
    "issued_document": m.IssuedDocument,
}
TABLE_OF: dict[type[m.Record], str] = {cls: name for name, cls in TABLES.items()}

# Columns holding a Decimal are stored as INTEGER hundredths: scores are exact.
_SQL_TYPE = {
    "str": "TEXT NOT NULL DEFAULT ''",
    "int": "INTEGER NOT NULL DEFAULT 0",
    "int | None": "INTEGER",
    "bool": "INTEGER NOT NULL DEFAULT 0",
    "Decimal | None": "INTEGER",
    "bytes | None": "BLOB",
}


def column_kind(type_name: str) -> str:
    """'text', 'int', 'bool', 'decimal', 'blob' or 'json' for a dataclass field type."""
    if type_name.startswith(("list[", "dict[")):
        return "json"
    return {"str": "text", "int": "int", "int | None": "int", "bool": "bool",
            "Decimal | None": "decimal", "bytes | None": "blob"}[type_name]


def columns(cls: type[m.Record]) -> list[tuple[str, str]]:
    """(name, type name) of every field, id first."""
    return [(f.name, str(f.type)) for f in dataclasses.fields(cls)]


# each table as the clerk calls it, for messages and the merge review
TABLE_LABELS = {"office": "ข้อมูลหน่วยงาน", "division": "กอง/ฝ่าย", "signatory": "ผู้ลงนาม",
                "framework": "เกณฑ์การประเมิน", "assessment": "ผลการประเมิน",
                "indicator_score": "คะแนนตัวชี้วัด", "question_score": "คะแนนรายข้อ", "plan": "ปีงบประมาณ",
                "analysis_group": "ประเด็นการวิเคราะห์", "measure": "มาตรการ", "result": "ผลการดำเนินการ",
                "issued_document": "เอกสารที่ออก"}


def create_table_sql(name: str, cls: type[m.Record]) -> str:
    cols = []
    for col, type_name in columns(cls):
        if col == "id":
            cols.append("id TEXT PRIMARY KEY")
        elif column_kind(type_name) == "json":
            cols.append(f"{col} TEXT NOT NULL DEFAULT '[]'" if type_name.startswith("list")
                        else f"{col} TEXT NOT NULL DEFAULT '{{}}'")
        else:
            cols.append(f"{col} {_SQL_TYPE[type_name]}")
    return f"CREATE TABLE {name} ({', '.join(cols)})"


def _v1_0(conn: sqlite3.Connection) -> None:
    """The first schema: one table per record kind, the revision log, meta."""
    for name, cls in TABLES.items():
        if name == "issued_document":
            continue  # added in 1.1
        conn.execute(create_table_sql(name, cls))
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    # Every revision a record had, with its parent: merges find where two copies last met.
    conn.execute("CREATE TABLE rev_log (tbl TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,"
                 " parent TEXT NOT NULL, PRIMARY KEY (tbl, id, rev))")
    conn.execute("CREATE INDEX measure_plan ON measure(plan_id, sort_key)")
    conn.execute("CREATE INDEX result_measure ON result(measure_id)")


def _v1_1(conn: sqlite3.Connection) -> None:
    """Issued documents (what was printed, signed and published) and a log of merges."""
    conn.execute(create_table_sql("issued_document", m.IssuedDocument))
    conn.execute("CREATE TABLE merge_log (at TEXT NOT NULL, source TEXT NOT NULL,"
                 " summary TEXT NOT NULL)")


def _v1_2(conn: sqlite3.Connection) -> None:
    """What each revision said, so that a merge can tell which fields each side changed since
    the copies last met. Revisions written before this version have no content (a merge then
    treats their differing fields as changed on both sides and asks). `local` marks revisions
    written on this PC (not taken from another copy). The file gets an identity, kept by its
    copies, so that a merge tells copies from files of the same office created separately."""
    conn.execute("CREATE TABLE rev_content (tbl TEXT NOT NULL, id TEXT NOT NULL, rev TEXT NOT NULL,"
                 " content TEXT NOT NULL, local INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tbl, id, rev))")
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('file_id', lower(hex(randomblob(16))))")


MIGRATIONS: list[tuple[int, Callable[[sqlite3.Connection], None]]] = [
    (1000, _v1_0),
    (1001, _v1_1),
    (1002, _v1_2),
]
assert MIGRATIONS[-1][0] == CURRENT_VERSION
