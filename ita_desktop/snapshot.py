"""An office file's records as bytes and back, for handing the open document to the render
worker's process: the preview renders what the window holds, without waiting for the writer
and without the worker opening and reading the file again.

Pure: no Qt, no SQLite, no file. The bytes are a pickle of the OfficeFile (the domain's own
dataclasses) after a header naming this format. Pickle, not JSON: the window makes one for
every preview, on the GUI thread, and JSON of a file of 300 measures took ten times longer
each way (about 24 ms to write and 22 ms to read, against 2.5 and 4). Only the window's own
process writes them and only its render worker reads them; still, reading admits nothing but
the record classes of domain/models.py and Decimal, so bytes from elsewhere cannot run code.

    blob = snapshot.dumps(doc.data)        # the window's side
    data = snapshot.loads(blob)            # the worker's side: an OfficeFile equal to it
"""
from __future__ import annotations

import decimal
import io
import pickle
from typing import Any

from ita_desktop.domain import models as m

HEADER = b"ITA-DESKTOP-SNAPSHOT-1\n"
_CLASSES: tuple[type, ...] = (decimal.Decimal, m.OfficeFile, *(k.cls for k in m.KINDS))
_ALLOWED = {(cls.__module__, cls.__name__): cls for cls in _CLASSES}


class SnapshotError(ValueError):
    """Bytes that are not a snapshot of this format (never from this program's window); the
    message is Thai, what was wrong follows in parentheses (for support)."""

    def __init__(self, detail: str) -> None:
        super().__init__(f"ข้อมูลที่ส่งให้ตัวจัดหน้าเอกสารไม่สมบูรณ์ ลองอีกครั้ง ({detail})")


class _Records(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        found = _ALLOWED.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"not a record class: {module}.{name}")
        return found


def dumps(data: m.OfficeFile) -> bytes:
    """Every record of `data`, deleted ones included, as bytes `loads` reads back."""
    return HEADER + pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)


def loads(blob: bytes) -> m.OfficeFile:
    """The OfficeFile `dumps` was given (equal records, in the same order)."""
    if not blob.startswith(HEADER):
        raise SnapshotError(f"no snapshot header: {blob[:24]!r}")
    try:
        data = _Records(io.BytesIO(blob[len(HEADER):])).load()
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError) as exc:
        raise SnapshotError(f"{type(exc).__name__}: {exc}") from exc
    if not isinstance(data, m.OfficeFile):
        raise SnapshotError(f"snapshot of {type(data).__name__}, not OfficeFile")
    return data
