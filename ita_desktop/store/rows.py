"""Conversion between domain records and SQLite rows, and record revisions."""
from __future__ import annotations

import dataclasses
import hashlib
import json
from decimal import Decimal
from typing import Any, TypeVar

from ita_desktop.domain.models import Record
from ita_desktop.store.schema import column_kind, columns

R = TypeVar("R", bound=Record)
_META = ("id", "rev", "updated_at")


def to_row(record: Record) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name, type_name in columns(type(record)):
        value = getattr(record, name)
        kind = column_kind(type_name)
        if kind == "decimal":
            row[name] = None if value is None else int((value * 100).to_integral_value())
        elif kind == "bool":
            row[name] = int(bool(value))
        elif kind == "json":
            row[name] = json.dumps(value, ensure_ascii=False, sort_keys=True)
        else:
            row[name] = value
    return row


def from_row(cls: type[R], row: dict[str, Any]) -> R:
    values: dict[str, Any] = {}
    for name, type_name in columns(cls):
        if name not in row:
            continue  # a column a newer minor version dropped: keep the default
        value = row[name]
        kind = column_kind(type_name)
        if kind == "decimal":
            values[name] = None if value is None else Decimal(int(value)) / 100
        elif kind == "bool":
            values[name] = bool(value)
        elif kind == "json":
            values[name] = json.loads(value) if value else ([] if type_name.startswith("list") else {})
        elif kind == "text":
            values[name] = "" if value is None else str(value)
        elif kind == "int":
            values[name] = None if value is None else int(value)
        else:
            values[name] = value
    return cls(**values)


def content_of(row: dict[str, Any]) -> str:
    """Canonical text of what a record says (not its id, revision or timestamp)."""
    body = {k: (v.hex() if isinstance(v, bytes) else v) for k, v in row.items() if k not in _META}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def next_rev(parent: str, content: str) -> str:
    """A revision derived from the content and its parent revision, never from a clock."""
    return hashlib.sha256(f"{parent}\n{content}".encode()).hexdigest()[:24]


def clone(record: R, **changes: Any) -> R:
    return dataclasses.replace(record, **changes)
