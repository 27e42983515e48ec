"""Conversion between domain records and SQLite rows, record revisions, and the check of a
row another program may have written (row_problem)."""
from __future__ import annotations

import hashlib
import json
import math
from decimal import Decimal
from typing import Any, TypeVar

from ita_desktop.domain.models import Record
from ita_desktop.store.schema import Field, columns

R = TypeVar("R", bound=Record)
_META = ("id", "rev", "updated_at")
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # what an SQLite INTEGER holds
MAX_DEPTH = 32  # lists and objects inside one another in a JSON value (a catalog needs 4)


def to_row(record: Record) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for f in columns(type(record)):
        value = getattr(record, f.name)
        if f.kind == "decimal":
            row[f.name] = None if value is None else int((value * 100).to_integral_value())
        elif f.kind == "bool":
            row[f.name] = int(bool(value))
        elif f.kind in ("list", "dict"):
            row[f.name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            row[f.name] = value
    return row


def from_row(cls: type[R], row: dict[str, Any]) -> R:
    values: dict[str, Any] = {}
    for f in columns(cls):
        if f.name not in row:
            continue  # a column a newer minor version dropped: keep the default
        value = row[f.name]
        if f.kind == "decimal":
            values[f.name] = None if value is None else Decimal(int(value)) / 100
        elif f.kind == "bool":
            values[f.name] = bool(value)
        elif f.kind in ("list", "dict"):
            values[f.name] = json.loads(value) if value else ([] if f.kind == "list" else {})
        elif f.kind == "text":
            values[f.name] = "" if value is None else str(value)
        elif f.kind == "int":
            values[f.name] = None if value is None else int(value)
        else:
            values[f.name] = value
    return cls(**values)


def blob_token(value: bytes) -> str:
    """What a revision's content says of a file's bytes (a photo, the logo): its digest, so that
    each revision of a record with a picture does not keep the picture again."""
    return "sha256:" + hashlib.sha256(value).hexdigest()


def content_of(row: dict[str, Any]) -> str:
    """Canonical text of what a record says (not its id, revision or timestamp)."""
    body = {k: (blob_token(v) if isinstance(v, bytes) else v) for k, v in row.items() if k not in _META}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def next_rev(parent: str, content: str) -> str:
    """A revision derived from the content and its parent revision, never from a clock."""
    return hashlib.sha256(f"{parent}\n{content}".encode()).hexdigest()[:24]


# --- values another program may have written --------------------------------------------------
# why a value is refused, as the clerk reads it
NULL = "ว่าง (NULL) ในช่องที่ต้องมีค่า"
BAD_LETTERS = "มีตัวอักษรที่อ่านไม่ได้ (ไม่ใช่ UTF-8)"
_WRONG = {bytes: "เป็นข้อมูลไบนารี (BLOB)", str: "เป็นข้อความ", int: "เป็นตัวเลข", float: "เป็นตัวเลขทศนิยม"}


def row_problem(cls: type[Record], row: dict[str, Any]) -> tuple[str, str] | None:
    """The first field of `row` whose value is not what the field holds, with why (Thai);
    None when from_row reads every value exactly and to_row writes it back as it was read.
    For rows of a file from elsewhere: SQLite keeps any value in any column (a text in an
    INTEGER column, a BLOB in a TEXT one, a REAL too big for an integer)."""
    for f in columns(cls):
        if f.name in row:
            problem = value_problem(f, row[f.name])
            if problem:
                return f.name, problem
    for name, value in row.items():  # columns of a newer version: kept as they are, but readable
        if isinstance(value, str) and not readable(value):
            return name, BAD_LETTERS
    return None


def _kind_of(value: Any) -> str:
    return _WRONG.get(type(value), "เป็นข้อมูลชนิดอื่น")


def readable(text: str) -> bool:
    """Text that is valid UTF-8 (no lone surrogates: a decoded invalid byte, a JSON escape)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def value_problem(f: Field, value: Any) -> str:
    """'' when `value` is what field `f`'s column stores; else why not (Thai)."""
    kind = f.kind
    if f.name == "id" and (value is None or value == ""):
        return "ไม่มีรหัส"
    if kind == "text":
        if value is None:
            return NULL
        if not isinstance(value, str):
            return f"{_kind_of(value)} ไม่ใช่ข้อความ"
        return "" if readable(value) else BAD_LETTERS
    if kind in ("int", "decimal"):
        if value is None:
            return "" if f.nullable else NULL
        if isinstance(value, float) and not (INT_MIN <= value <= INT_MAX):
            return "เป็นตัวเลขใหญ่เกินกว่าที่เก็บได้"
        if isinstance(value, float):
            return "ไม่ใช่จำนวนเต็มในรูปแบบที่โปรแกรมเก็บ" if kind == "decimal" else "ไม่ใช่จำนวนเต็ม"
        if type(value) is not int:
            return f"{_kind_of(value)} ไม่ใช่ตัวเลข"
        return "" if INT_MIN <= value <= INT_MAX else "เป็นตัวเลขใหญ่เกินกว่าที่เก็บได้"
    if kind == "bool":
        if value is None:
            return NULL
        return "" if type(value) is int and value in (0, 1) else "ต้องเป็น 0 หรือ 1 (ใช่หรือไม่ใช่)"
    if kind == "blob":
        return "" if value is None or isinstance(value, bytes) else f"{_kind_of(value)} ไม่ใช่ข้อมูลภาพ"
    return _json_problem(f, value)


def _json_problem(f: Field, value: Any) -> str:
    if value is None:
        return NULL
    if not isinstance(value, str):
        return f"{_kind_of(value)} ไม่ใช่รายการ (JSON)"
    if value == "":
        return ""  # from_row reads the empty default
    if not readable(value):
        return BAD_LETTERS
    try:
        data = json.loads(value, parse_constant=_no_constant)
    except (ValueError, RecursionError):  # RecursionError: nested deeper than Python reads
        return "อ่านเป็นรายการไม่ได้ (JSON เสียหายหรือซ้อนกันลึกเกินไป)"
    want = list if f.kind == "list" else dict
    if not isinstance(data, want):
        return "เป็นรายการผิดรูปแบบ" if want is list else "เป็นชุดข้อมูลผิดรูปแบบ"
    problem = json_value_problem(data)
    if problem:
        return problem
    if f.items == "text" and not all(isinstance(x, str) for x in data):
        return "มีรายการที่ไม่ใช่ข้อความ"
    if f.items == "text map" and not all(
            isinstance(x, dict) and all(isinstance(v, str) for v in x.values()) for x in data):
        return "มีรายการที่ไม่ใช่ชุดข้อความ"
    return ""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def json_value_problem(data: Any) -> str:
    """'' when a decoded JSON value is plain: nested at most MAX_DEPTH, valid text, finite
    numbers an INTEGER holds. Iterative: no recursion on what another program wrote."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if not readable(item):
                return BAD_LETTERS
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, int):
            if not INT_MIN <= item <= INT_MAX:
                return "มีตัวเลขใหญ่เกินกว่าที่เก็บได้"
        elif isinstance(item, float):
            if not math.isfinite(item):
                return "มีตัวเลขที่ไม่ใช่ค่าจำกัด (NaN หรือ Infinity)"
        elif isinstance(item, (list, dict)):
            if depth >= MAX_DEPTH:
                return "มีรายการซ้อนกันลึกเกินไป"
            if isinstance(item, dict):
                if not all(readable(k) for k in item):
                    return BAD_LETTERS
                stack.extend((v, depth + 1) for v in item.values())
            else:
                stack.extend((v, depth + 1) for v in item)
    return ""
