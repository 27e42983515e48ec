"""Every released file format opens in today's program: the committed fixtures were written
by the releases themselves (tests/fixtures/formats/build_formats.py), so a migration that
drifts from what a release wrote, or a field added without its migration, fails here."""
from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ita_desktop.domain import models as m
from ita_desktop.domain.imported_text import decode_entities
from ita_desktop.store import exchange
from ita_desktop.store.db import Store
from ita_desktop.store.schema import CURRENT_VERSION, MIGRATIONS, Field, columns, read_schema

FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"
RELEASED = ["1.0", "1.1", "1.2", "1.3", "1.4"]


def _schema(path: Path) -> list[tuple[str, str, str | None]]:
    conn = sqlite3.connect(path)
    try:
        return sorted((o.type, o.name, o.sql) for o in read_schema(conn))
    finally:
        conn.close()


def test_every_released_version_has_a_fixture() -> None:
    versions = [f"{v // 1000}.{v % 1000}" for v, _ in MIGRATIONS]
    assert versions == RELEASED, "a new format version needs its fixture: see build_formats.py"
    for name in RELEASED:
        assert (FORMATS / f"format-{name}.ita").exists() and (FORMATS / f"format-{name}.json").exists()


@pytest.mark.parametrize("name", RELEASED)
def test_a_released_file_migrated_has_the_schema_of_a_new_file(tmp_path: Path, name: str) -> None:
    old = tmp_path / f"old-{name}.ita"
    shutil.copyfile(FORMATS / f"format-{name}.ita", old)
    store = Store.open(old)
    assert store.version == CURRENT_VERSION
    store.close()
    fresh = tmp_path / "fresh.ita"
    Store.create(fresh).close()
    assert _schema(old) == _schema(fresh)


@pytest.mark.parametrize("name", RELEASED)
def test_a_released_file_migrated_holds_what_its_json_twin_says(tmp_path: Path, name: str) -> None:
    old = tmp_path / f"old-{name}.ita"
    shutil.copyfile(FORMATS / f"format-{name}.ita", old)
    store = Store.open(old)
    loaded = store.load()
    store.close()
    twin = json.loads((FORMATS / f"format-{name}.json").read_text(encoding="utf-8"))
    # importing JSON now decodes HTML entities ("Dos &amp; Don'ts"); a released file keeps what
    # it stored (opening a file never rewrites the clerk's text); 1.4's fixture was made after
    if name in ("1.0", "1.1", "1.2", "1.3"):
        assert "Dos &amp; Don'ts" in json.dumps(exchange.export_data(loaded), ensure_ascii=False)
    assert _decoded(exchange.export_data(loaded)) == exchange.export_data(exchange.import_data(twin))
    # what the JSON does not carry: the logo, the deleted measure, the second revision
    assert loaded.office.logo and loaded.office.logo.startswith(b"\x89PNG")
    assert [x.deleted for x in loaded.measures].count(True) == 1
    assert any(x.title.endswith("(แก้ไขครั้งที่สอง)") for x in loaded.measures)
    if name != "1.0":
        assert [d.url for d in loaded.documents] == ["https://www.nonkhun.go.th/ita/o36"]
    if name in ("1.0", "1.1", "1.2"):
        assert loaded.print_settings == []
    else:  # 1.3: the print options chosen for a document, kept in the file
        (kept,) = loaded.print_settings
        assert kept.id == m.natural_id("print-settings", kept.plan_id, "implementation", "half")
        assert kept.options == {"digits": "arabic", "headings": {"output": "ผลการดำเนินงาน"}}
    if name != "1.4":
        assert (loaded.oit_entries, loaded.attachments, loaded.photos, loaded.templates) == ([], [], [], [])
        assert loaded.office.website == "" and all(x.oit_items == [] for x in loaded.measures)
    else:  # 1.4: the OIT register, files in the file, photos, templates
        (entry,) = loaded.oit_entries
        assert entry.links[0]["url"] == "https://www.nonkhun.go.th/structure"
        (evidence,) = loaded.attachments
        assert entry.evidence_id == evidence.id and evidence.data and evidence.data.startswith(b"\x89PNG")
        assert loaded.photos[0].attachment_id == evidence.id
        assert loaded.templates[0].texts == {"subject": "ขออนุมัติเผยแพร่"}
        assert loaded.office.website == "https://www.nonkhun.go.th"
        assert [x.oit_items for x in loaded.measures if x.oit_items] == [["o25"]]


def _decoded(value: object) -> object:
    if isinstance(value, str):
        return decode_entities(value)
    if isinstance(value, list):
        return [_decoded(v) for v in value]
    if isinstance(value, dict):
        return {k: _decoded(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("name", RELEASED)
def test_a_released_file_opens_read_only_without_change(tmp_path: Path, name: str) -> None:
    old = tmp_path / f"old-{name}.ita"
    shutil.copyfile(FORMATS / f"format-{name}.ita", old)
    before = old.read_bytes()
    store = Store.open_readonly(old)
    assert store.load().measures
    store.close()
    assert old.read_bytes() == before


# what a field's column must be, for the current schema to match today's classes
_COLUMN = {"text": ("TEXT", True, "''"), "int": ("INTEGER", True, "0"), "bool": ("INTEGER", True, "0"),
           "decimal": ("INTEGER", True, "0"), "blob": ("BLOB", False, None),
           "list": ("TEXT", True, "'[]'"), "dict": ("TEXT", True, "'{}'")}


def _wanted(f: Field) -> tuple[str, bool, str | None]:
    if f.name == "id":
        return ("TEXT", False, None)
    sql_type, notnull, default = _COLUMN[f.kind]
    if f.nullable:
        return (sql_type, False, None)
    return (sql_type, notnull, default)


def test_every_field_of_every_kind_has_its_column(tmp_path: Path) -> None:
    """A field added to a dataclass without a migration (or the reverse) fails here."""
    fresh = tmp_path / "fresh.ita"
    Store.create(fresh).close()
    conn = sqlite3.connect(fresh)
    try:
        for kind in m.KINDS:
            found = {row[1]: (row[2], bool(row[3]), row[4])
                     for row in conn.execute(f"PRAGMA table_info({kind.table})")}
            wanted = {f.name: _wanted(f) for f in columns(kind.cls)}
            assert found == wanted, kind.table
    finally:
        conn.close()


def test_the_registry_names_every_list_of_the_file_once() -> None:
    lists = [f.name for f in dataclasses.fields(m.OfficeFile)]
    assert [k.attr for k in m.KINDS] == lists
    assert len({k.table for k in m.KINDS}) == len(m.KINDS) == len({k.cls for k in m.KINDS})
    data = m.OfficeFile()
    for kind in m.KINDS:
        record = kind.cls(id=m.new_id())
        data.add(record)
        assert data.holds(record)
    assert len(data.all_records()) == len(m.KINDS)
