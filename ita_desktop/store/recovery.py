"""Edits that could not be saved (disk full, stick pulled, read-only media), kept beside the
settings so that a crash or a power cut after a failed save does not lose them: the next
start offers them back for that file.

One JSON file per office file, named by a digest of its path; written whole under a
temporary name and renamed, so it is either the old list or the new one.
"""
from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from ita_desktop.domain import models as m
from ita_desktop.paths import config_dir
from ita_desktop.safe_files import delete_with_retry, write_text_atomically
from ita_desktop.store.rows import from_row, to_row


def recovery_path(office_file: Path) -> Path:
    digest = hashlib.sha1(str(Path(office_file).absolute()).encode("utf-8")).hexdigest()[:16]
    return config_dir() / "recovery" / f"{digest}.json"


def _encode(row: dict[str, Any]) -> dict[str, Any]:
    return {k: {"base64": base64.b64encode(v).decode("ascii")} if isinstance(v, bytes) else v
            for k, v in row.items()}


def _decode(row: dict[str, Any]) -> dict[str, Any]:
    return {k: base64.b64decode(v["base64"]) if isinstance(v, dict) and "base64" in v else v
            for k, v in row.items()}


def keep(office_file: Path, records: list[m.Record]) -> None:
    """Write the unsaved records of `office_file` (replacing what was kept before);
    an empty list removes the recovery file."""
    target = recovery_path(office_file)
    if not records:
        forget(office_file)
        return
    body = {"file": str(Path(office_file).absolute()),
            "kept_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "records": [{"table": m.KIND_OF[type(r)].table, "row": _encode(to_row(r))} for r in records]}
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(target, json.dumps(body, ensure_ascii=False))


def kept(office_file: Path) -> list[m.Record]:
    """The records kept for `office_file`; [] when none or the recovery file is unreadable."""
    path = recovery_path(office_file)
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        records = [from_row(m.KIND_OF_TABLE[item["table"]].cls, _decode(item["row"])) for item in body["records"]]
    except FileNotFoundError:
        return []
    except Exception:  # damaged, whatever the damage: nothing we can trust, and never a crash
        return []
    if not all(isinstance(r.id, str) and r.id for r in records):
        return []
    return records


def forget(office_file: Path) -> None:
    with contextlib.suppress(OSError):
        delete_with_retry(recovery_path(office_file))
