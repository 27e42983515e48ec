"""The JSON exchange format (resources/schema/ita-desktop-1.schema.json): export and import.

Export writes everything, ids, revisions and deletion markers included, so that
export -> import gives the same file. Import accepts the short shape other tools write
(ids, revisions, most fields optional) and refuses bad input naming the field.
"""
from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import json
import math
import re
import sqlite3
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ita_desktop import __version__
from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import (
    Framework,
    FrameworkError,
    framework_from_dict,
)
from ita_desktop.domain.imported_text import clean_html, list_splits
from ita_desktop.domain.oit import code_order
from ita_desktop.domain.sortkey import key_between
from ita_desktop.paths import resource_path
from ita_desktop.resources import bundled_frameworks
from ita_desktop.safe_files import delete_with_retry, replace_with_retry, write_text_atomically
from ita_desktop.store.db import Store
from ita_desktop.store.errors import (
    DISK_FULL,
    UNEXPECTED,
    ExchangeImportError,
    StoreError,
    thai_message,
)
from ita_desktop.thai.digits import NumberError, parse_score
from ita_desktop.thai.text import normalize_line, normalize_text

if TYPE_CHECKING:
    import jsonschema

FORMAT = "ita-desktop"
VERSION = 1
_META = ("id", "rev", "updated_at", "deleted")
_RESULT_FIELDS = ("period", "output", "outcome", "status", "percent", "problems", "suggestions")
_MEASURE_TEXT = ("title", "steps", "period", "responsible", "target", "budget", "monitoring")


# --- export -------------------------------------------------------------------------------
def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _meta(rec: m.Record) -> dict[str, Any]:
    return {"id": rec.id, "rev": rec.rev, "updated_at": rec.updated_at, "deleted": rec.deleted}


def _result_json(res: m.Result | None) -> dict[str, Any] | None:
    if res is None:
        return None
    out = _meta(res)
    for f in _RESULT_FIELDS:
        value = getattr(res, f)
        out[f] = _num(value) if f == "percent" else value
    return out


def _scores_json(data: m.OfficeFile, a: m.Assessment) -> dict[str, Any]:
    inds = data.indicator_scores_of(a.id)
    qs = data.question_scores_of(a.id)
    records = [{**_meta(s), "kind": "indicator", "key": s.indicator, "score": _num(s.score)}
               for s in data.indicator_scores if s.assessment_id == a.id]
    records += [{**_meta(s), "kind": "question", "key": s.code, "score": _num(s.score)}
                for s in data.question_scores if s.assessment_id == a.id]
    return {"total": _num(a.total), "iit": _num(a.iit), "eit": _num(a.eit), "oit": _num(a.oit),
            "level": a.level,
            "indicators": {str(k): _num(v.score) for k, v in sorted(inds.items())},
            "questions": {k: _num(v.score) for k, v in qs.items()},
            "records": records}


def _year_json(data: m.OfficeFile, a: m.Assessment | None, plan: m.Plan | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if plan is not None:
        out["fiscal_year"] = plan.fiscal_year
        out["plan"] = {**_meta(plan), "note": plan.note}
    if a is not None:
        out["framework"] = str(a.ita_year)
        out["framework_id"] = a.framework_id
        out["assessment"] = {**_meta(a), "note": a.note}
        out["scores"] = _scores_json(data, a)
    elif plan is not None:
        out["framework"] = str(plan.fiscal_year - 1)
    if plan is None:
        return out
    groups = [g for g in data.groups if g.plan_id == plan.id]
    out["analysis"] = [{**_meta(g), "sort_key": g.sort_key, "title": g.title,
                        "indicator": g.indicator, "questions": list(g.questions),
                        "to_fix": g.to_fix, "to_improve": g.to_improve, "to_keep": g.to_keep,
                        "approach": g.approach} for g in sorted(groups, key=lambda g: g.sort_key)]
    measures = sorted((x for x in data.measures if x.plan_id == plan.id),
                      key=lambda x: (x.sort_key, x.id))
    live_ids = [x.id for x in data.measures_of(plan.id)]
    out["measures"] = []
    for x in measures:
        year_end = data.result(x.id, "year")
        item = {**_meta(x), "seq": live_ids.index(x.id) + 1 if x.id in live_ids else None,
                "sort_key": x.sort_key, "indicator": x.indicator, "group": x.group_id or None,
                "source_id": x.source_id,
                "responsible_main": list(x.responsible_main),
                "responsible_support": list(x.responsible_support)}
        for f in _MEASURE_TEXT:
            item[f] = getattr(x, f)
        item["output"] = year_end.output if year_end else ""
        item["outcome"] = year_end.outcome if year_end else ""
        item["status"] = year_end.status if year_end else ""
        item["half_year"] = _result_json(_any_result(data, x.id, "half"))
        item["year_end"] = _result_json(_any_result(data, x.id, "year"))
        item["oit_items"] = list(x.oit_items)
        item["photos"] = [{**_meta(ph), "round": ph.round, "sort_key": ph.sort_key, "caption": ph.caption,
                           "attachment": ph.attachment_id}
                          for ph in sorted(data.photos, key=lambda ph: (ph.round, ph.sort_key, ph.id))
                          if ph.measure_id == x.id]
        out["measures"].append(item)
    out["signatories"] = [{**_meta(s), "document": s.document, "round": s.round, "role": s.role,
                           "name": s.name, "position": s.position}
                          for s in data.signatories if s.owner == plan.id]
    out["documents"] = [{**_meta(d), "document": d.document, "round": d.round,
                         "printed_on": d.printed_on, "approved_on": d.approved_on,
                         "signatories": d.signatories, "pdf_sha256": d.pdf_sha256, "url": d.url,
                         "published_on": d.published_on}
                        for d in data.documents if d.plan_id == plan.id]
    return out


def _any_result(data: m.OfficeFile, measure_id: str, round_: str) -> m.Result | None:
    rid = m.Result.make_id(measure_id, round_)
    return next((r for r in data.results if r.id == rid), None)


def export_data(data: m.OfficeFile) -> dict[str, Any]:
    o = data.office
    office = {**_meta(o), "kind": o.kind, "name": o.name, "tambon": o.tambon, "amphoe": o.amphoe,
              "changwat": o.changwat,
              "logo": base64.b64encode(o.logo).decode("ascii") if o.logo else None,
              "logo_mime": o.logo_mime,
              "divisions": [{**_meta(d), "name": d.name, "sort_key": d.sort_key}
                            for d in data.divisions],
              "signatories": [{**_meta(s), "role": s.role, "name": s.name, "position": s.position}
                              for s in data.signatories if s.owner == "office"],
              "website": o.website, "phone": o.phone, "email": o.email,
              "templates": [{**_meta(t), "key": t.key, "texts": t.texts} for t in data.templates]}
    years = []
    used: set[str] = set()
    for plan in sorted(data.plans, key=lambda p: p.fiscal_year):
        a = next((x for x in data.assessments if x.id == plan.based_on), None)
        if a is not None:
            used.add(a.id)
        years.append(_year_json(data, a, plan))
    others = [_year_json(data, a, None) for a in sorted(data.assessments, key=lambda a: a.ita_year)
              if a.id not in used]
    return {"format": FORMAT, "version": VERSION, "app_version": __version__,
            "office": office,
            "frameworks": [{**_meta(f), "ita_year": f.ita_year, "source": f.source, "data": f.data}
                           for f in data.frameworks],
            "assessments": others,
            "years": years,
            "oit_register": [{**_meta(e), **{f: getattr(e, f) for f in _OIT_FIELDS}}
                             for e in sorted(data.oit_entries, key=lambda e: (e.ita_year, code_order(e.code)))],
            # each file's content once (its id is its content's), referred to by id
            "attachments": [{**_meta(a), "name": a.name, "mime": a.mime,
                             "sha256": hashlib.sha256(a.data or b"").hexdigest(),
                             "data": base64.b64encode(a.data or b"").decode("ascii")}
                            for a in data.attachments]}


_OIT_FIELDS = ("ita_year", "code", "answer", "links", "location", "period", "published_on", "division_id",
               "person", "position", "uploader", "uploader_position", "explanation", "note", "evidence_id",
               "review")
_OIT_LINES = {"location", "period", "person", "uploader"}  # one-line fields in the app



def export_json(store: Store, out: Path) -> None:
    """Write the exchange file whole, or leave `out` as it was (safe_files)."""
    text = json.dumps(export_data(store.load()), ensure_ascii=False, indent=1)
    write_text_atomically(out, text + "\n")


# --- import: limits ---------------------------------------------------------------------
# Files come from other PCs and programs: whatever JSON can say, the import either makes a
# whole file of it or refuses in Thai naming the field, writing nothing. The caps are far above
# what an office writes (the demo office: 15 kB, 6 levels deep, about 2,000 values) and keep a
# hostile file from taking minutes or the memory of an old PC. The schema's maxLength and its
# description say the same numbers.
MAX_FILE_BYTES = 160 * 1024 * 1024  # photos and evidence files as base64 (a year: ~30 photos of ~0.4 MB)
MAX_DEPTH = 20  # levels of nesting
MAX_VALUES = 200_000  # JSON values in the file
MAX_RECORDS = 10_000  # records made from it (ten years of a busy office: about 5,000)
MAX_DIGITS = 18  # of an integer: beyond any year, score or count, within SQLite's 64 bits
MAX_ID = 200  # ids, revisions, codes
MAX_LINE = 1_000  # one-line texts: names, period, responsible, budget
MAX_TITLE = 20_000  # titles of measures and analysis issues
MAX_TEXT = 50_000  # long texts: steps, outcome, notes…
MAX_STRING = MAX_TEXT  # any string the schema does not cap itself (catalogs, ignored fields)
MAX_CHARS = 5_000_000  # all the strings of the file together, the logo apart
DISK_IS_FULL = "ดิสก์เต็ม"


class _BadNumber(str):
    """What JSON holds where no usable number can be (NaN, Infinity, 1e400, an integer of
    thousands of digits), kept as its text until _scan names the field."""


def _parse_int(text: str) -> int | _BadNumber:
    # checked before int(): Python refuses more than 4,300 digits with a ValueError naming nothing
    return _BadNumber(text) if len(text.lstrip("-")) > MAX_DIGITS else int(text)


def _parse_float(text: str) -> float | _BadNumber:
    value = float(text)
    return value if math.isfinite(value) else _BadNumber(text)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _shown(part: str) -> str:
    """A key or a value from the file, safe to print: escapes for lone surrogates, '?' for
    control and direction characters, not too long."""
    text = _short(part).encode("utf-8", "backslashreplace").decode("utf-8")
    return "".join("?" if ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or 0x200E <= ord(ch) <= 0x200F
                   or 0x202A <= ord(ch) <= 0x202E or 0x2066 <= ord(ch) <= 0x2069 else ch for ch in text)


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{_shown(part)}" if out else _shown(part))
    return out or "(ทั้งไฟล์)"


def _refuse(path: Any, message: str) -> ExchangeImportError:
    return ExchangeImportError(f"ข้อมูลไม่ถูกต้องที่ {_where(path)}: {message}")


def _number_problem(text: str) -> str:
    if text in ("NaN", "Infinity", "-Infinity"):
        return f"«{text}» ไม่ใช่ตัวเลข (ต้องเป็นตัวเลขธรรมดา ไม่ใช่ NaN หรือค่าอนันต์)"
    digits = text.lstrip("-")
    if digits.isdigit():
        return f"ตัวเลขยาว {len(digits):,} หลัก เกินที่รับได้ {MAX_DIGITS} หลัก"
    return f"ตัวเลข «{_short(text, 40)}» ใหญ่เกินกว่าจะเก็บได้"


def _text_problem(text: str) -> str:
    if "\x00" in text:
        return ("มีอักขระ NUL (รหัส 0) ซึ่งไม่ใช่ตัวอักษร ไฟล์อาจเสียหาย"
                " หรือเป็นไฟล์ที่ไม่ได้บันทึกเป็นข้อความ UTF-8")
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as exc:
            return (f"มีรหัสอักขระ U+{ord(text[exc.start]):04X} ซึ่งเป็น surrogate ครึ่งคู่ที่ไม่มีอีกครึ่ง"
                    " ไม่ใช่ตัวอักษร ไฟล์อาจเสียหายหรือโปรแกรมที่เขียนตัดข้อความผิดที่")
    return ""


def _too_long(length: int, limit: int) -> str:
    return f"ยาว {length:,} ตัวอักษร เกินที่รับได้ {limit:,} ตัวอักษร"


def _too_deep() -> str:
    return f"ข้อมูลซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น ไฟล์แลกเปลี่ยนของโปรแกรมซ้อนกันไม่เกิน ๖ ชั้น"


def _scan(doc: Any) -> str:
    """Refuse what JSON can say but no file should hold: NaN, Infinity and numbers too big for
    anything, lone surrogates and NUL in any string or key, nesting deeper than MAX_DEPTH, more
    than MAX_VALUES values or MAX_CHARS characters. Iterative: no recursion however deep.

    Returns the refusal of the first string over MAX_STRING, raised once the schema (whose
    tighter caps name the field's own limit) found nothing."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(doc, ())]
    values = chars = 0
    too_long = ""
    while stack:
        value, path = stack.pop()
        values += 1
        if values > MAX_VALUES:
            raise _refuse(path, f"ไฟล์มีข้อมูลมากเกินไป (เกิน {MAX_VALUES:,} ค่า)")
        if isinstance(value, _BadNumber):
            raise _refuse(path, _number_problem(value))
        if isinstance(value, str):
            problem = _text_problem(value)
            if problem:
                raise _refuse(path, problem)
            if path == ("office", "logo") or (len(path) == 3 and path[0] == "attachments" and path[2] == "data"):
                continue  # capped by the schema (MAX_FILE_BYTES bounds it too)
            if len(value) > MAX_STRING:  # refused later, naming the field's own cap if it has one
                too_long = too_long or str(_refuse(path, _too_long(len(value), MAX_STRING)))
                continue
            chars += len(value)
            if chars > MAX_CHARS:
                raise _refuse(path, f"ข้อความทั้งไฟล์รวมกันยาวเกิน {MAX_CHARS:,} ตัวอักษร")
        elif isinstance(value, (dict, list)):
            if len(path) >= MAX_DEPTH:
                raise _refuse(path, _too_deep())
            if isinstance(value, dict):
                items = list(value.items())
                for key, _ in items:
                    problem = _text_problem(key) or (_too_long(len(key), MAX_LINE) if len(key) > MAX_LINE else "")
                    if problem:
                        raise _refuse((*path, key), f"ชื่อช่อง{problem}")
                stack.extend((v, (*path, k)) for k, v in reversed(items))
            else:
                stack.extend((v, (*path, i)) for i, v in reversed(list(enumerate(value))))
    return too_long


_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}:,]')


def _deep_path(text: str) -> str:
    """Where in `text` nesting first goes MAX_DEPTH levels deep, for a file too deep for Python's
    parser (it stops with a RecursionError that names no place)."""
    path: list[str | int] = []
    kinds: list[str] = []
    last = ""
    for token in _TOKEN.finditer(text):
        t = token.group()
        if t[0] == '"':
            last = t
        elif t in "[{":
            if len(kinds) >= MAX_DEPTH:
                return _where(path)
            kinds.append(t)
            path.append(0 if t == "[" else "")
        elif t in "]}":
            if kinds:
                kinds.pop()
                path.pop()
        elif kinds and t == "," and kinds[-1] == "[":
            path[-1] = int(path[-1]) + 1
        elif kinds and t == ":" and kinds[-1] == "{":
            try:
                path[-1] = str(json.loads(last))
            except ValueError:
                path[-1] = last[1:-1]
    return _where([])


def _os_message(exc: BaseException, doing: str) -> str:
    msg = thai_message(exc, doing)
    return f"{msg.text} ({msg.detail})" if msg.detail else msg.text


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    import jsonschema  # ~0.1 s: imported when a JSON file is first read, not at every start

    schema = json.loads(resource_path("schema", "ita-desktop-1.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def validate(doc: Any) -> None:
    """Raise ExchangeImportError naming the first bad field (Thai message, JSON path)."""
    errors = sorted(_validator().iter_errors(doc),
                    key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in e.absolute_path])
    if errors:
        err = errors[0]
        raise _refuse(err.absolute_path, _thai_reason(err))


def _thai_reason(err: jsonschema.ValidationError) -> str:
    """A Thai reason for the clerk, with the validator's English text (cut short) for a developer."""
    kind = err.validator
    if kind == "maxLength" and isinstance(err.instance, str):
        return _too_long(len(err.instance), int(err.validator_value))
    if kind == "anyOf" and any("maximum" in str(s) for s in err.validator_value):
        reason = "คะแนนต้องเป็นตัวเลข ๐ ถึง ๑๐๐"
        if isinstance(err.instance, str) and len(err.instance) > 40:
            return f"{reason} ({_too_long(len(err.instance), 40)})"
    elif kind == "required":
        reason = "ขาดข้อมูลที่จำเป็น"
    elif kind == "type":
        reason = "ชนิดข้อมูลไม่ถูกต้อง"
    elif kind in ("enum", "const"):
        reason = "ค่าไม่อยู่ในรายการที่รับได้"
    elif kind in ("minimum", "maximum"):
        reason = "ค่าอยู่นอกช่วงที่รับได้"
    elif kind == "pattern" and err.absolute_path and err.absolute_path[-1] == "sort_key":
        reason = "ลำดับ (sort_key) ต้องเป็นตัวอักษรอังกฤษหรือเลขอารบิก และไม่ลงท้ายด้วย 0"
    else:
        reason = "รูปแบบข้อมูลไม่ถูกต้อง"
    return f"{reason} ({_short(err.message, 160)})"


class _Importer:
    def __init__(self, doc: dict[str, Any], split_lists: bool = False) -> None:
        self.doc = doc
        self.split_lists = split_lists  # lists typed inline go one item a line (the clerk said yes)
        self.data = m.OfficeFile()
        self.bundled = bundled_frameworks()
        # (kind of record, id) -> where it came from and the record: two records with one id
        # would become one in the file (the second silently replacing the first)
        self.seen: dict[tuple[str, str], tuple[str, m.Record]] = {}
        self.scored: dict[str, str] = {}  # assessment id -> where its scores were given
        self.made: dict[str, str] = {}  # assessment id -> where it was made

    def fail(self, where: str, message: str) -> None:
        raise ExchangeImportError(f"ข้อมูลไม่ถูกต้องที่ {where}: {message}")

    def add(self, records: list[Any], rec: m.Record, src: dict[str, Any], where: str, what: str) -> None:
        """Append `rec`; the same record twice (a catalog or a score written under two years)
        is kept once, and two different records with one id are refused naming both."""
        key = (type(rec).__name__, rec.id)
        if key in self.seen:
            first, other = self.seen[key]
            if other == rec:
                return
            if src.get("id"):
                self.fail(f"{where}.id", f"รหัส «{_shown(rec.id)}» ซ้ำกับ{what}ที่ {first}"
                                         f" ถ้านำเข้า{what}หนึ่งจะหายไป จึงไม่นำเข้า แก้รหัสให้ไม่ซ้ำกันก่อน")
            self.fail(where, f"ซ้ำกับ{what}ที่ {first} แต่ข้อมูลไม่ตรงกัน ถ้านำเข้าจะเหลือเพียงรายการเดียว"
                             " จึงไม่นำเข้า ลบรายการที่ไม่ใช้ออกก่อน")
        if len(self.seen) >= MAX_RECORDS:
            self.fail(where, f"ไฟล์มีรายการเกิน {MAX_RECORDS:,} รายการ มากผิดปกติสำหรับหน่วยงานหนึ่ง")
        self.seen[key] = (where, rec)
        records.append(rec)

    def score(self, value: Any, where: str) -> Decimal | None:
        if value is None or value == "":
            return None
        try:
            return parse_score(str(value))
        except NumberError as exc:
            self.fail(where, str(exc))
        return None

    def meta(self, rec: m.Record, src: dict[str, Any], default_id: str) -> None:
        rec.id = str(src.get("id") or default_id)
        rec.rev = str(src.get("rev") or "")
        rec.updated_at = str(src.get("updated_at") or "")
        rec.deleted = bool(src.get("deleted", False))

    def catalog(self, raw: Any, where: str) -> Framework:
        """A catalog from the file, checked; any flaw is a refusal naming `where`."""
        try:
            fw = framework_from_dict(raw)
            numbers = [*(t.weight for t in fw.tools), *(r.min_total for r in fw.levels),
                       *(r.min_each_tool for r in fw.levels if r.min_each_tool is not None), fw.threshold]
            if not all(n.is_finite() for n in numbers):
                raise FrameworkError("น้ำหนัก เกณฑ์ระดับ หรือเกณฑ์ผ่านไม่ใช่ตัวเลข")
            if not all(0 <= i.no < 1000 for i in fw.indicators):
                raise FrameworkError("หมายเลขตัวชี้วัดต้องอยู่ระหว่าง ๐ ถึง ๙๙๙")
        except FrameworkError as exc:
            self.fail(where, str(exc))
        except (ArithmeticError, AttributeError, LookupError, TypeError, ValueError) as exc:
            self.fail(where, f"ไฟล์เกณฑ์มีข้อมูลผิดรูปแบบ ({type(exc).__name__}: {_short(str(exc), 120)})")
        return fw

    def run(self) -> m.OfficeFile:
        data = self._read()
        if self.split_lists:
            for split in list_splits(data):
                split.apply()
        return data

    def _read(self) -> m.OfficeFile:
        doc, data = self.doc, self.data
        o = doc["office"]
        office = data.office
        self.meta(office, o, m.natural_id("office"))
        office.kind = self.kind(o.get("kind") or "sao")
        office.name = _line(o.get("name") or "")
        for f in ("tambon", "amphoe", "changwat"):
            setattr(office, f, _line(o.get(f) or ""))
        if o.get("logo"):
            try:
                office.logo = base64.b64decode(o["logo"], validate=True)
            except ValueError:
                self.fail("office.logo", "ไม่ใช่ข้อมูล base64")
            office.logo_mime = str(o.get("logo_mime") or "image/png")
        for f in ("website", "phone", "email"):
            setattr(office, f, _line(o.get(f) or ""))
        for i, t in enumerate(o.get("templates") or []):
            tpl = m.Template(key=str(t["key"]), texts=dict(t.get("texts") or {}))
            self.meta(tpl, t, m.Template.make_id(tpl.key))
            self.add(data.templates, tpl, t, f"office.templates[{i}]", "แบบเอกสาร")
        for i, a in enumerate(doc.get("attachments") or []):
            self.attachment(a, f"attachments[{i}]")
        names: dict[str, str] = {}
        for i, d in enumerate(o.get("divisions") or []):
            div = m.Division(name=_line(d["name"]),
                             sort_key=str(d.get("sort_key") or key_between(
                                 data.divisions[-1].sort_key if data.divisions else None, None)))
            self.meta(div, d, m.natural_id("division", div.name))
            if not div.deleted:
                if div.name in names:
                    self.fail(f"office.divisions[{i}].name", f"ชื่อกอง «{_shown(div.name)}» ซ้ำกับกองที่"
                                                             f" {names[div.name]} ตั้งชื่อกองให้ไม่ซ้ำกันก่อน")
                names[div.name] = f"office.divisions[{i}]"
            self.add(data.divisions, div, d, f"office.divisions[{i}]", "กอง")
        for i, s in enumerate(o.get("signatories") or []):
            sig = m.Signatory(owner="office", role=s["role"], name=_line(s.get("name") or ""),
                              position=_text(s.get("position") or "").strip())
            self.meta(sig, s, m.Signatory.make_id("office", "", "", sig.role))
            self.add(data.signatories, sig, s, f"office.signatories[{i}]",
                     f"ผู้ลงนามในตำแหน่ง{m.ROLE_NAMES.get(sig.role, sig.role)}")
        for i, f in enumerate(doc.get("frameworks") or []):
            self.catalog(f["data"], f"frameworks[{i}].data")
            snap = m.FrameworkSnapshot(ita_year=int(f["ita_year"]), source=str(f.get("source") or ""),
                                       data=f["data"])
            self.meta(snap, f, m.natural_id("framework", snap.ita_year, json.dumps(f["data"], sort_keys=True)))
            self.add(data.frameworks, snap, f, f"frameworks[{i}]", "เกณฑ์การประเมิน")
        for i, y in enumerate(doc.get("assessments") or []):
            self.year(y, f"assessments[{i}]", with_plan=False)
        for i, y in enumerate(doc.get("years") or []):
            self.year(y, f"years[{i}]", with_plan=True)
        for i, e in enumerate(doc.get("oit_register") or []):
            self.oit_entry(e, f"oit_register[{i}]")
        return data

    def attachment(self, a: dict[str, Any], where: str) -> None:
        try:
            content = base64.b64decode(a["data"], validate=True)
        except ValueError:
            self.fail(f"{where}.data", "ไม่ใช่ข้อมูล base64")
        digest = hashlib.sha256(content).hexdigest()
        if a.get("sha256") and str(a["sha256"]).lower() != digest:
            self.fail(f"{where}.data", "ข้อมูลไฟล์ไม่ตรงกับลายนิ้วมือ (sha256) ที่ให้ไว้ ไฟล์อาจเสียหาย")
        att = m.Attachment(name=_line(a.get("name") or ""), mime=_line(a.get("mime") or ""), data=content)
        self.meta(att, a, m.Attachment.make_id(digest))
        self.add(self.data.attachments, att, a, where, "ไฟล์แนบ")

    def attachment_ref(self, value: Any, where: str) -> str:
        aid = str(value or "")
        if aid and not any(a.id == aid for a in self.data.attachments):
            self.fail(where, f"ไม่มีไฟล์แนบรหัส «{_shown(aid)}» ใน attachments")
        return aid

    def oit_entry(self, e: dict[str, Any], where: str) -> None:
        entry = m.OitEntry(ita_year=int(e["ita_year"]), code=str(e["code"]).strip().lower(),
                           answer=str(e.get("answer") or ""),
                           links=[{str(k): str(v or "") for k, v in link.items()} for link in e.get("links") or []],
                           published_on=self.date(e.get("published_on"), f"{where}.published_on"),
                           division_id=str(e.get("division_id") or ""),
                           evidence_id=self.attachment_ref(e.get("evidence_id"), f"{where}.evidence_id"))
        for f in ("location", "period", "person", "position", "uploader", "uploader_position",
                  "explanation", "note", "review"):
            value = str(e.get(f) or "")
            setattr(entry, f, _line(value) if f in _OIT_LINES else _text(value).strip("\n"))
        self.meta(entry, e, m.OitEntry.make_id(entry.ita_year, entry.code))
        self.add(self.data.oit_entries, entry, e, where, "รายการในทะเบียนการเปิดเผยข้อมูล")

    def kind(self, value: str) -> str:
        for key, full, short in m.OFFICE_KINDS:
            if value in (key, full, short, short.rstrip(".")):
                return key
        self.fail("office.kind", f"ไม่รู้จักประเภทหน่วยงาน «{_shown(value)}»")
        return "sao"

    def framework(self, y: dict[str, Any], where: str) -> tuple[int, m.FrameworkSnapshot]:
        raw = str(y["framework"]).strip()
        try:
            year = int(raw)
        except ValueError:
            self.fail(f"{where}.framework", f"ไม่รู้จักเกณฑ์ «{_shown(raw)}»")
        fid = y.get("framework_id")
        snap = next((f for f in self.data.frameworks if f.id == fid), None) if fid else None
        snap = snap or next((f for f in self.data.frameworks if f.ita_year == year), None)
        if snap is None:
            fw: Framework | None = self.bundled.get(year)
            if fw is None:
                self.fail(f"{where}.framework", f"ไม่รู้จักเกณฑ์การประเมินปี {_shown(raw)}")
            assert fw is not None
            snap = edits.framework_snapshot(self.data, fw, f"ita-{year}.json")
            self.seen.setdefault(("FrameworkSnapshot", snap.id), (f"{where}.framework", snap))
        return year, snap

    def year(self, y: dict[str, Any], where: str, with_plan: bool) -> None:
        data = self.data
        if not with_plan:
            # results no plan is based on: a measure or a document here would belong to no plan
            # and vanish from the file (and from the next export)
            for name in ("fiscal_year", "plan", "measures", "analysis", "signatories", "documents"):
                if y.get(name) not in (None, [], {}):
                    self.fail(f"{where}.{name}", "ใน assessments มีได้เพียงผลการประเมิน มาตรการ ประเด็น"
                                                 " ผู้ลงนามและเอกสารต้องอยู่ใน years พร้อม fiscal_year"
                                                 " (ปีงบประมาณ) ของแผน")
        ita_year, snap = self.framework(y, where)
        fw = self.catalog(snap.data, f"{where}.framework")
        a_src = y.get("assessment") or {}
        aid = str(a_src.get("id") or "")
        assessment = next((a for a in data.assessments if aid and a.id == aid), None) or data.assessment(ita_year)
        if assessment is not None and assessment.ita_year != ita_year:
            self.fail(f"{where}.assessment.id", f"รหัสนี้เป็นของผลการประเมินปี {assessment.ita_year}"
                                                f" ที่ {self.made.get(assessment.id, '')} ไม่ใช่ปี {ita_year}")
        if assessment is None:
            assessment = m.Assessment(ita_year=ita_year, framework_id=snap.id)
            self.meta(assessment, a_src, m.Assessment.make_id(ita_year))
            assessment.note = _text(a_src.get("note") or "")
            self.add(data.assessments, assessment, a_src, f"{where}.assessment", "ผลการประเมิน")
            self.made[assessment.id] = where
        if "scores" in y:  # a year that gives none keeps what an earlier one gave
            self.scores(assessment, fw, y.get("scores") or {}, f"{where}.scores")
        if not with_plan:
            return
        if "fiscal_year" not in y:
            self.fail(where, "ไม่มี fiscal_year (ปีงบประมาณของมาตรการ)")
        p_src = y.get("plan") or {}
        plan = m.Plan(fiscal_year=int(y["fiscal_year"]), based_on=assessment.id,
                      note=_text(p_src.get("note") or ""))
        self.meta(plan, p_src, m.Plan.make_id(plan.fiscal_year))
        if any(p.fiscal_year == plan.fiscal_year for p in data.plans):
            self.fail(f"{where}.fiscal_year", f"ปีงบประมาณ {plan.fiscal_year} ซ้ำ")
        self.add(data.plans, plan, p_src, f"{where}.plan", "แผนของปีงบประมาณอื่น")
        self.groups(y, plan, where)
        self.measures(y, plan, fw, where)
        for j, s in enumerate(y.get("signatories") or []):
            sig = m.Signatory(owner=plan.id, document=s["document"], round=s.get("round") or "",
                              role=s["role"], name=_line(s.get("name") or ""),
                              position=_text(s.get("position") or "").strip())
            self.meta(sig, s, m.Signatory.make_id(plan.id, sig.document, sig.round, sig.role))
            self.add(data.signatories, sig, s, f"{where}.signatories[{j}]",
                     f"ผู้ลงนามในตำแหน่ง{m.ROLE_NAMES.get(sig.role, sig.role)}ของเอกสารเดียวกัน")
        for j, d in enumerate(y.get("documents") or []):
            w = f"{where}.documents[{j}]"
            doc = m.IssuedDocument(plan_id=plan.id, document=d["document"], round=d.get("round") or "",
                                   printed_on=self.date(d.get("printed_on"), f"{w}.printed_on"),
                                   approved_on=self.date(d.get("approved_on"), f"{w}.approved_on"),
                                   signatories=list(d.get("signatories") or []),
                                   pdf_sha256=d.get("pdf_sha256") or "", url=d.get("url") or "",
                                   published_on=self.date(d.get("published_on"), f"{w}.published_on"))
            self.meta(doc, d, m.new_id())
            self.add(data.documents, doc, d, w, "เอกสาร")

    def date(self, value: Any, where: str) -> str:
        """An ISO date (what the app writes and the reports read), or ''."""
        text = str(value or "").strip()
        if text:
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                self.fail(where, f"วันที่ «{_shown(text)}» ต้องเขียนแบบ ค.ศ. ปปปป-ดด-วว เช่น 2025-03-31")
        return text

    def scores(self, a: m.Assessment, fw: Framework, sc: dict[str, Any], where: str) -> None:
        values = {f: self.score(sc.get(f), f"{where}.{f}") for f in ("total", "iit", "eit", "oit")}
        level = _line(sc.get("level") or "")
        if a.id in self.scored:
            if values != {f: getattr(a, f) for f in values} or level != a.level:
                self.fail(where, f"ผลการประเมินปี {a.ita_year} ให้ไว้แล้วที่ {self.scored[a.id]}"
                                 " แต่คะแนนไม่ตรงกัน ให้คะแนนของปีนั้นไว้ที่เดียว")
        else:
            self.scored[a.id] = where
        for f, value in values.items():
            setattr(a, f, value)
        a.level = level
        if sc.get("records") is not None:
            for j, r in enumerate(sc["records"]):
                self.score_record(a, fw, r, f"{where}.records[{j}]")
        else:
            for k, v in (sc.get("indicators") or {}).items():
                self.score_record(a, fw, {"kind": "indicator", "key": k, "score": v}, f"{where}.indicators.{_shown(k)}")
            for k, v in (sc.get("questions") or {}).items():
                self.score_record(a, fw, {"kind": "question", "key": k, "score": v}, f"{where}.questions.{_shown(k)}")

    def score_record(self, a: m.Assessment, fw: Framework, r: dict[str, Any], where: str) -> None:
        value = self.score(r.get("score"), where)
        if r["kind"] == "indicator":
            try:
                no = int(str(r["key"]))
            except ValueError:
                no = -1
            if fw.indicator(no) is None:
                self.fail(where, f"ไม่มีตัวชี้วัดที่ {_shown(str(r['key']))} ในเกณฑ์ปี {fw.ita_year}")
            rec: m.Record = m.IndicatorScore(assessment_id=a.id, indicator=no, score=value)
            default_id = m.IndicatorScore.make_id(a.ita_year, no)
            label = f"คะแนนตัวชี้วัดที่ {no}"
        else:
            code = str(r["key"]).strip().lower()
            if fw.question(code) is None:
                self.fail(where, f"ไม่มีข้อคำถาม {_shown(str(r['key']))} ในเกณฑ์ปี {fw.ita_year}")
            rec = m.QuestionScore(assessment_id=a.id, code=code, score=value)
            default_id = m.QuestionScore.make_id(a.ita_year, code)
            label = f"คะแนนข้อ {code.upper()}"
        self.meta(rec, r, default_id)
        if value is None and "deleted" not in r:
            rec.deleted = True
        target = self.data.indicator_scores if isinstance(rec, m.IndicatorScore) else self.data.question_scores
        self.add(target, rec, r, where, label)

    def groups(self, y: dict[str, Any], plan: m.Plan, where: str) -> None:
        key: str | None = None
        for j, g in enumerate(y.get("analysis") or []):
            key = str(g.get("sort_key") or key_between(key, None))
            grp = m.AnalysisGroup(plan_id=plan.id, sort_key=key,
                                  title=_line(g.get("title") or ""),
                                  indicator=None if g.get("indicator") is None else int(g["indicator"]),
                                  questions=[str(q).strip().lower() for q in g.get("questions") or []],
                                  to_fix=_text(g.get("to_fix") or ""),
                                  to_improve=_text(g.get("to_improve") or ""),
                                  to_keep=_text(g.get("to_keep") or ""),
                                  approach=_text(g.get("approach") or ""))
            self.meta(grp, g, m.natural_id("group", plan.fiscal_year, j, grp.title))
            self.add(self.data.groups, grp, g, f"{where}.analysis[{j}]", "ประเด็น")

    def group_ref(self, plan: m.Plan, value: Any, where: str) -> str:
        if value in (None, ""):
            return ""
        groups = [g for g in self.data.groups if g.plan_id == plan.id]
        for g in groups:
            if str(value) in (g.id, g.title):
                return g.id
        try:
            n = int(str(value))
        except ValueError:
            n = 0
        if 1 <= n <= len(groups):  # the n-th issue of the analysis, counted from 1
            return groups[n - 1].id
        self.fail(where, f"ไม่พบประเด็น «{_shown(str(value))}» ใน analysis")
        return ""

    def indicator_ref(self, fw: Framework, value: Any, where: str) -> int | None:
        if value in (None, ""):
            return None
        text = str(value).strip()
        for ind in fw.indicators:
            if text in (str(ind.no), ind.name):
                return ind.no
        self.fail(where, f"ไม่มีตัวชี้วัด «{_shown(text)}» ในเกณฑ์ปี {fw.ita_year}")
        return None

    def status(self, value: Any, where: str) -> str:
        text = _line(str(value or ""))
        if not text:
            return ""
        for key, name in m.STATUS_NAMES.items():
            if text in (key, name):
                return key
        self.fail(where, f"ไม่รู้จักสถานะ «{_shown(text)}» (ใช้ {', '.join(m.STATUS_NAMES.values())})")
        return ""

    def measures(self, y: dict[str, Any], plan: m.Plan, fw: Framework, where: str) -> None:
        items = list(enumerate(y.get("measures") or []))

        def order(item: tuple[int, dict[str, Any]]) -> tuple[int, str, int]:
            j, x = item
            seq = x.get("seq")
            try:
                n = int(str(seq).translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
            except ValueError:
                n = j + 1
            return (0 if x.get("sort_key") else 1, str(x.get("sort_key") or ""), n if seq is not None else j + 1)

        key: str | None = None
        for j, x in sorted(items, key=order):
            w = f"{where}.measures[{j}]"
            key = str(x.get("sort_key") or key_between(key, None))
            mea = m.Measure(plan_id=plan.id, sort_key=key,
                            indicator=self.indicator_ref(fw, x.get("indicator"), f"{w}.indicator"),
                            group_id=self.group_ref(plan, x.get("group"), f"{w}.group"),
                            responsible_main=list(x.get("responsible_main") or []),
                            responsible_support=list(x.get("responsible_support") or []),
                            source_id=str(x.get("source_id") or ""))
            for f in _MEASURE_TEXT:
                value = x.get(f)
                value = "" if value is None else str(value)
                setattr(mea, f, _line(value) if f in m.MEASURE_LINE_FIELDS else _text(value).strip("\n"))
            mea.oit_items = [str(c).strip().lower() for c in x.get("oit_items") or []]
            self.meta(mea, x, m.natural_id("imported-measure", plan.fiscal_year, j, mea.title))
            self.add(self.data.measures, mea, x, w, "มาตรการ")
            photo_key: str | None = None
            for k, ph in enumerate(x.get("photos") or []):
                photo_key = str(ph.get("sort_key") or key_between(photo_key, None))
                photo = m.Photo(measure_id=mea.id, round=str(ph.get("round") or "year"),
                                sort_key=photo_key, caption=_line(ph.get("caption") or ""),
                                attachment_id=self.attachment_ref(ph.get("attachment"), f"{w}.photos[{k}].attachment"))
                self.meta(photo, ph, m.new_id())
                self.add(self.data.photos, photo, ph, f"{w}.photos[{k}]", "ภาพกิจกรรม")
            for round_, field_name in (("half", "half_year"), ("year", "year_end")):
                src = x.get(field_name)
                if round_ == "year" and src is None and any(x.get(k) for k in ("output", "outcome", "status")):
                    src = {"output": x.get("output"), "outcome": x.get("outcome"), "status": x.get("status")}
                if src is None:
                    continue
                res = m.Result(measure_id=mea.id, round=round_,
                               period=_line(src.get("period") or ""),
                               output=_text(src.get("output") or "").strip("\n"),
                               outcome=_text(src.get("outcome") or "").strip("\n"),
                               status=self.status(src.get("status"), f"{w}.{field_name}.status"),
                               percent=self.score(src.get("percent"), f"{w}.{field_name}.percent"),
                               problems=_text(src.get("problems") or ""),
                               suggestions=_text(src.get("suggestions") or ""))
                self.meta(res, src, m.Result.make_id(mea.id, round_))
                self.add(self.data.results, res, src, f"{w}.{field_name}", "ผลการดำเนินงาน")


def _text(value: str) -> str:
    """A text as stored: the HTML a web form's export left in it (&amp; &nbsp;, <ul>, <p>)
    made plain text and markup, then normalised."""
    return normalize_text(clean_html(value))


def _line(value: str) -> str:
    return normalize_line(clean_html(value))


# Python's own exceptions a flaw of the file could still raise in _Importer (a bug of ours if
# it does): refused in Thai rather than shown as a traceback
_UNFORESEEN = (ArithmeticError, AttributeError, LookupError, TypeError, ValueError, RecursionError)
UNFORESEEN_MESSAGE = "นำเข้าไม่ได้: ข้อมูลในไฟล์มีรูปแบบที่โปรแกรมยังไม่รองรับ"


def import_data(doc: Any, split_lists: bool = False) -> m.OfficeFile:
    """Check and convert an exchange document; raises ExchangeImportError naming the field.
    `split_lists`: lists typed inline in a long text go one item a line
    (domain.imported_text)."""
    too_long = _scan(doc)
    validate(doc)
    if too_long:
        raise ExchangeImportError(too_long)
    try:
        return _Importer(doc, split_lists).run()
    except ExchangeImportError:
        raise
    except _UNFORESEEN as exc:
        raise ExchangeImportError(f"{UNFORESEEN_MESSAGE} ({type(exc).__name__}: {_short(str(exc), 160)})") from None


def read_json(path: Path) -> Any:
    path = Path(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)  # never more, whatever the file claims to be
    except OSError as exc:
        raise ExchangeImportError(_os_message(exc, f"อ่านไฟล์ «{_shown(path.name)}»")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise ExchangeImportError(f"ไฟล์ «{_shown(path.name)}» ใหญ่เกิน {MAX_FILE_BYTES // 2**20} MB"
                           " ไฟล์แลกเปลี่ยนของหน่วยงานหนึ่งมีขนาดไม่กี่ MB ไฟล์นี้อาจไม่ใช่ไฟล์ข้อมูล ITA")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ExchangeImportError(f"ไฟล์ JSON ต้องเข้ารหัส UTF-8 แต่ไบต์ที่ {exc.start + 1:,} (บรรทัด {line})"
                           " ไม่ใช่ UTF-8") from None
    del raw
    try:
        return json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_BadNumber)
    except json.JSONDecodeError as exc:
        raise ExchangeImportError(f"ไฟล์ JSON ผิดรูปแบบ บรรทัด {exc.lineno} คอลัมน์ {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise ExchangeImportError(f"ข้อมูลไม่ถูกต้องที่ {_deep_path(text)}: {_too_deep()}") from None
    except MemoryError:
        raise ExchangeImportError("หน่วยความจำของเครื่องไม่พอจะอ่านไฟล์นี้ ปิดโปรแกรมอื่นแล้วลองอีกครั้ง") from None


# --- writing a new file -------------------------------------------------------------------
def _write_failure(exc: BaseException, name: str) -> str:
    msg = thai_message(exc)
    detail = f" ({msg.detail})" if msg.detail else ""
    if msg.text == DISK_FULL:
        return (f"สร้างไฟล์ «{name}» ไม่ได้ เพราะ{DISK_IS_FULL} (ที่ว่างในดิสก์หรือแฟลชไดรฟ์ไม่พอ)"
                f" ลบไฟล์ที่ไม่ใช้แล้วหรือบันทึกไว้ที่อื่น แล้วลองอีกครั้ง ไม่ได้สร้างไฟล์ใดไว้{detail}")
    return f"สร้างไฟล์ «{name}» ไม่ได้: {msg.text} ไม่ได้สร้างไฟล์ใดไว้{detail}"


def _known_failure(exc: BaseException) -> bool:
    """A failure of the disk or of SQLite that errors.thai_message explains (a full disk, a
    pulled stick, no rights), not a bug: bugs go on to the command's crash report."""
    return (isinstance(exc, (OSError, sqlite3.Error, MemoryError))
            and thai_message(exc).text != UNEXPECTED)


def _remove(paths: list[Path]) -> None:
    for p in paths:
        with contextlib.suppress(OSError):
            delete_with_retry(p)


def write_new_file(data: m.OfficeFile, path: Path) -> Store:
    """Create a file holding exactly `data`; records with a rev keep it, others get one.

    Written next to the target under a temporary name and renamed: a failure (a full disk, a
    stick pulled out) leaves nothing, not even the temporary file or its journal, and says
    why in Thai (StoreError)."""
    path = Path(path)
    if path.exists():
        raise StoreError(f"มีไฟล์ชื่อนี้อยู่แล้ว: {path}")
    tmp = path.with_name(path.name + ".ita-saving")
    leftovers = [tmp, *(tmp.with_name(tmp.name + s) for s in ("-journal", "-wal", "-shm"))]
    _remove(leftovers)
    store: Store | None = None
    try:
        store = Store.create(tmp)
        with store.transaction():
            for rec in data.all_records():
                if rec.rev:
                    store.put_raw(rec)
                else:
                    store._save(rec)
            # Store.create added an empty office record; the imported one replaces it
            store.conn.execute("DELETE FROM office WHERE id != ?", (data.office.id,))
        store.close()
        store = None
        journal = leftovers[1]  # TRUNCATE mode leaves it, empty
        if journal.exists() and journal.stat().st_size == 0:
            delete_with_retry(journal)
        replace_with_retry(tmp, path)
    except BaseException as exc:
        if store is not None:
            with contextlib.suppress(Exception):
                store.close()
        _remove(leftovers)
        if _known_failure(exc):
            raise StoreError(_write_failure(exc, _shown(path.name))) from exc
        raise  # Thai already (StoreError), Ctrl+C, or a bug for the crash report
    try:
        return Store.open(path)
    except BaseException as exc:
        _remove([path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))])
        if _known_failure(exc):
            raise StoreError(_write_failure(exc, _shown(path.name))) from exc
        raise


def import_json(src: Path, out: Path, split_lists: bool = False) -> Store:
    return write_new_file(import_data(read_json(src), split_lists), out)
