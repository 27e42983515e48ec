"""The JSON exchange format (resources/schema/ita-desktop-1.schema.json): export and import.

Export writes everything, ids, revisions and deletion markers included, so that
export -> import gives the same file. Import accepts the short shape other tools write
(ids, revisions, most fields optional) and refuses bad input naming the field.
"""
from __future__ import annotations

import base64
import json
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema

from ita_desktop import __version__
from ita_desktop.domain import edits
from ita_desktop.domain import models as m
from ita_desktop.domain.framework import (
    Framework,
    FrameworkError,
    bundled_frameworks,
    framework_from_dict,
)
from ita_desktop.domain.sortkey import key_between
from ita_desktop.paths import resource_path
from ita_desktop.store.db import Store
from ita_desktop.store.errors import ImportError_, StoreError
from ita_desktop.thai.digits import NumberError, parse_score
from ita_desktop.thai.text import normalize_line, normalize_text

FORMAT = "ita-desktop"
VERSION = 1
_META = ("id", "rev", "updated_at", "deleted")
_RESULT_FIELDS = ("period", "output", "outcome", "status", "percent", "problems", "suggestions")
_MEASURE_TEXT = ("title", "steps", "period", "responsible", "target", "budget", "monitoring")
_LINE_FIELDS = {"period", "responsible", "budget"}  # one-line fields in the app


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
                              for s in data.signatories if s.owner == "office"]}
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
            "years": years}


def export_json(store: Store, out: Path) -> None:
    text = json.dumps(export_data(store.load()), ensure_ascii=False, indent=1)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(out)


# --- import -------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(resource_path("schema", "ita-desktop-1.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _where(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(ทั้งไฟล์)"


def validate(doc: Any) -> None:
    """Raise ImportError_ naming the first bad field (Thai message, JSON path)."""
    errors = sorted(_validator().iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        raise ImportError_(f"ข้อมูลไม่ถูกต้องที่ {_where(err.absolute_path)}: {_thai_reason(err)}")


def _thai_reason(err: jsonschema.ValidationError) -> str:
    """A Thai reason for the clerk, with the validator's English text for a developer."""
    kind = err.validator
    if kind == "anyOf" and any("maximum" in str(s) for s in err.validator_value):
        reason = "คะแนนต้องเป็นตัวเลข ๐ ถึง ๑๐๐"
    elif kind == "required":
        reason = "ขาดข้อมูลที่จำเป็น"
    elif kind == "type":
        reason = "ชนิดข้อมูลไม่ถูกต้อง"
    elif kind in ("enum", "const"):
        reason = "ค่าไม่อยู่ในรายการที่รับได้"
    elif kind in ("minimum", "maximum"):
        reason = "ค่าอยู่นอกช่วงที่รับได้"
    else:
        reason = "รูปแบบข้อมูลไม่ถูกต้อง"
    return f"{reason} ({err.message})"


class _Importer:
    def __init__(self, doc: dict[str, Any]) -> None:
        self.doc = doc
        self.data = m.OfficeFile()
        self.bundled = bundled_frameworks()

    def fail(self, where: str, message: str) -> None:
        raise ImportError_(f"ข้อมูลไม่ถูกต้องที่ {where}: {message}")

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

    def run(self) -> m.OfficeFile:
        doc, data = self.doc, self.data
        o = doc["office"]
        office = data.office
        self.meta(office, o, m.natural_id("office"))
        office.kind = self.kind(o.get("kind") or "sao")
        office.name = normalize_line(o.get("name") or "")
        for f in ("tambon", "amphoe", "changwat"):
            setattr(office, f, normalize_line(o.get(f) or ""))
        if o.get("logo"):
            try:
                office.logo = base64.b64decode(o["logo"], validate=True)
            except ValueError:
                self.fail("office.logo", "ไม่ใช่ข้อมูล base64")
            office.logo_mime = str(o.get("logo_mime") or "image/png")
        for d in o.get("divisions") or []:
            div = m.Division(name=normalize_line(d["name"]),
                             sort_key=str(d.get("sort_key") or key_between(
                                 data.divisions[-1].sort_key if data.divisions else None, None)))
            self.meta(div, d, m.natural_id("division", div.name))
            data.divisions.append(div)
        for s in o.get("signatories") or []:
            sig = m.Signatory(owner="office", role=s["role"], name=normalize_line(s.get("name") or ""),
                              position=normalize_text(s.get("position") or "").strip())
            self.meta(sig, s, m.Signatory.make_id("office", "", "", sig.role))
            data.signatories.append(sig)
        for i, f in enumerate(doc.get("frameworks") or []):
            try:
                framework_from_dict(f["data"])
            except FrameworkError as exc:
                self.fail(f"frameworks[{i}].data", str(exc))
            snap = m.FrameworkSnapshot(ita_year=int(f["ita_year"]), source=str(f.get("source") or ""),
                                       data=f["data"])
            self.meta(snap, f, m.natural_id("framework", snap.ita_year, json.dumps(f["data"], sort_keys=True)))
            data.frameworks.append(snap)
        for i, y in enumerate(doc.get("assessments") or []):
            self.year(y, f"assessments[{i}]", with_plan=False)
        for i, y in enumerate(doc.get("years") or []):
            self.year(y, f"years[{i}]", with_plan=True)
        return data

    def kind(self, value: str) -> str:
        for key, full, short in m.OFFICE_KINDS:
            if value in (key, full, short, short.rstrip(".")):
                return key
        self.fail("office.kind", f"ไม่รู้จักประเภทหน่วยงาน «{value}»")
        return "sao"

    def framework(self, y: dict[str, Any], where: str) -> tuple[int, m.FrameworkSnapshot]:
        raw = str(y["framework"]).strip()
        try:
            year = int(raw)
        except ValueError:
            self.fail(f"{where}.framework", f"ไม่รู้จักเกณฑ์ «{raw}»")
        fid = y.get("framework_id")
        snap = next((f for f in self.data.frameworks if f.id == fid), None) if fid else None
        snap = snap or next((f for f in self.data.frameworks if f.ita_year == year), None)
        if snap is None:
            fw: Framework | None = self.bundled.get(year)
            if fw is None:
                self.fail(f"{where}.framework", f"ไม่รู้จักเกณฑ์การประเมินปี {raw}")
            assert fw is not None
            snap = edits.framework_snapshot(self.data, fw, f"ita-{year}.json")
        return year, snap

    def year(self, y: dict[str, Any], where: str, with_plan: bool) -> None:
        data = self.data
        ita_year, snap = self.framework(y, where)
        fw = framework_from_dict(snap.data)
        a_src = y.get("assessment") or {}
        assessment = data.assessment_by_id(str(a_src.get("id") or "")) or data.assessment(ita_year)
        if assessment is None:
            assessment = m.Assessment(ita_year=ita_year, framework_id=snap.id)
            self.meta(assessment, a_src, m.Assessment.make_id(ita_year))
            assessment.note = normalize_text(a_src.get("note") or "")
            data.assessments.append(assessment)
        sc = y.get("scores") or {}
        for f in ("total", "iit", "eit", "oit"):
            setattr(assessment, f, self.score(sc.get(f), f"{where}.scores.{f}"))
        assessment.level = normalize_line(sc.get("level") or "")
        if sc.get("records") is not None:
            for j, r in enumerate(sc["records"]):
                self.score_record(assessment, fw, r, f"{where}.scores.records[{j}]")
        else:
            for k, v in (sc.get("indicators") or {}).items():
                self.score_record(assessment, fw, {"kind": "indicator", "key": k, "score": v},
                                  f"{where}.scores.indicators.{k}")
            for k, v in (sc.get("questions") or {}).items():
                self.score_record(assessment, fw, {"kind": "question", "key": k, "score": v},
                                  f"{where}.scores.questions.{k}")
        if not with_plan:
            return
        if "fiscal_year" not in y:
            self.fail(where, "ไม่มี fiscal_year (ปีงบประมาณของมาตรการ)")
        p_src = y.get("plan") or {}
        plan = m.Plan(fiscal_year=int(y["fiscal_year"]), based_on=assessment.id,
                      note=normalize_text(p_src.get("note") or ""))
        self.meta(plan, p_src, m.Plan.make_id(plan.fiscal_year))
        if any(p.id == plan.id for p in data.plans):
            self.fail(f"{where}.fiscal_year", f"ปีงบประมาณ {plan.fiscal_year} ซ้ำ")
        data.plans.append(plan)
        self.groups(y, plan, where)
        self.measures(y, plan, fw, where)
        for s in y.get("signatories") or []:
            sig = m.Signatory(owner=plan.id, document=s["document"], round=s.get("round") or "",
                              role=s["role"], name=normalize_line(s.get("name") or ""),
                              position=normalize_text(s.get("position") or "").strip())
            self.meta(sig, s, m.Signatory.make_id(plan.id, sig.document, sig.round, sig.role))
            data.signatories.append(sig)
        for d in y.get("documents") or []:
            doc = m.IssuedDocument(plan_id=plan.id, document=d["document"], round=d.get("round") or "",
                                   printed_on=d.get("printed_on") or "",
                                   approved_on=d.get("approved_on") or "",
                                   signatories=list(d.get("signatories") or []),
                                   pdf_sha256=d.get("pdf_sha256") or "", url=d.get("url") or "",
                                   published_on=d.get("published_on") or "")
            self.meta(doc, d, m.new_id())
            data.documents.append(doc)

    def score_record(self, a: m.Assessment, fw: Framework, r: dict[str, Any], where: str) -> None:
        value = self.score(r.get("score"), where)
        if r["kind"] == "indicator":
            try:
                no = int(str(r["key"]))
            except ValueError:
                no = -1
            if fw.indicator(no) is None:
                self.fail(where, f"ไม่มีตัวชี้วัดที่ {r['key']} ในเกณฑ์ปี {fw.ita_year}")
            rec: m.Record = m.IndicatorScore(assessment_id=a.id, indicator=no, score=value)
            default_id = m.IndicatorScore.make_id(a.ita_year, no)
        else:
            code = str(r["key"]).strip().lower()
            if fw.question(code) is None:
                self.fail(where, f"ไม่มีข้อคำถาม {r['key']} ในเกณฑ์ปี {fw.ita_year}")
            rec = m.QuestionScore(assessment_id=a.id, code=code, score=value)
            default_id = m.QuestionScore.make_id(a.ita_year, code)
        self.meta(rec, r, default_id)
        if value is None and "deleted" not in r:
            rec.deleted = True
        target = self.data.indicator_scores if isinstance(rec, m.IndicatorScore) else self.data.question_scores
        target.append(rec)  # type: ignore[arg-type]

    def groups(self, y: dict[str, Any], plan: m.Plan, where: str) -> None:
        key: str | None = None
        for j, g in enumerate(y.get("analysis") or []):
            key = str(g.get("sort_key") or key_between(key, None))
            grp = m.AnalysisGroup(plan_id=plan.id, sort_key=key,
                                  title=normalize_line(g.get("title") or ""),
                                  indicator=g.get("indicator"),
                                  questions=[str(q).strip().lower() for q in g.get("questions") or []],
                                  to_fix=normalize_text(g.get("to_fix") or ""),
                                  to_improve=normalize_text(g.get("to_improve") or ""),
                                  to_keep=normalize_text(g.get("to_keep") or ""),
                                  approach=normalize_text(g.get("approach") or ""))
            self.meta(grp, g, m.natural_id("group", plan.fiscal_year, j, grp.title))
            self.data.groups.append(grp)

    def group_ref(self, plan: m.Plan, value: Any, where: str) -> str:
        if value in (None, ""):
            return ""
        groups = [g for g in self.data.groups if g.plan_id == plan.id]
        for g in groups:
            if str(value) in (g.id, g.title):
                return g.id
        try:
            return groups[int(str(value)) - 1].id
        except (ValueError, IndexError):
            self.fail(where, f"ไม่พบประเด็น «{value}» ใน analysis")
        return ""

    def indicator_ref(self, fw: Framework, value: Any, where: str) -> int | None:
        if value in (None, ""):
            return None
        text = str(value).strip()
        for ind in fw.indicators:
            if text in (str(ind.no), ind.name):
                return ind.no
        self.fail(where, f"ไม่มีตัวชี้วัด «{text}» ในเกณฑ์ปี {fw.ita_year}")
        return None

    def status(self, value: Any, where: str) -> str:
        text = normalize_line(str(value or ""))
        if not text:
            return ""
        for key, name in m.STATUS_NAMES.items():
            if text in (key, name):
                return key
        self.fail(where, f"ไม่รู้จักสถานะ «{text}» (ใช้ {', '.join(m.STATUS_NAMES.values())})")
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
                setattr(mea, f, normalize_line(value) if f in _LINE_FIELDS else normalize_text(value).strip("\n"))
            self.meta(mea, x, m.natural_id("imported-measure", plan.fiscal_year, j, mea.title))
            self.data.measures.append(mea)
            for round_, field_name in (("half", "half_year"), ("year", "year_end")):
                src = x.get(field_name)
                if round_ == "year" and src is None and any(x.get(k) for k in ("output", "outcome", "status")):
                    src = {"output": x.get("output"), "outcome": x.get("outcome"), "status": x.get("status")}
                if src is None:
                    continue
                res = m.Result(measure_id=mea.id, round=round_,
                               period=normalize_line(src.get("period") or ""),
                               output=normalize_text(src.get("output") or "").strip("\n"),
                               outcome=normalize_text(src.get("outcome") or "").strip("\n"),
                               status=self.status(src.get("status"), f"{w}.{field_name}.status"),
                               percent=self.score(src.get("percent"), f"{w}.{field_name}.percent"),
                               problems=normalize_text(src.get("problems") or ""),
                               suggestions=normalize_text(src.get("suggestions") or ""))
                self.meta(res, src, m.Result.make_id(mea.id, round_))
                self.data.results.append(res)


def import_data(doc: Any) -> m.OfficeFile:
    """Check and convert an exchange document; raises ImportError_ naming the field."""
    validate(doc)
    return _Importer(doc).run()


def read_json(path: Path) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportError_("ไฟล์ JSON ต้องเข้ารหัส UTF-8") from None
    except json.JSONDecodeError as exc:
        raise ImportError_(f"ไฟล์ JSON ผิดรูปแบบ บรรทัด {exc.lineno} คอลัมน์ {exc.colno}: {exc.msg}") from None
    except OSError as exc:
        raise ImportError_(f"อ่านไฟล์ไม่ได้: {exc}") from None


def write_new_file(data: m.OfficeFile, path: Path) -> Store:
    """Create a file holding exactly `data`; records with a rev keep it, others get one.

    Written next to the target under a temporary name and renamed: a failure leaves nothing."""
    path = Path(path)
    if path.exists():
        raise StoreError(f"มีไฟล์ชื่อนี้อยู่แล้ว: {path}")
    tmp = path.with_name(path.name + ".ita-saving")
    tmp.unlink(missing_ok=True)
    store = Store.create(tmp)
    try:
        with store.transaction():
            for rec in data.all_records():
                if rec.rev:
                    store.put_raw(rec)
                else:
                    store._save(rec)
            # Store.create added an empty office record; the imported one replaces it
            store.conn.execute("DELETE FROM office WHERE id != ?", (data.office.id,))
    except BaseException:
        store.close()
        tmp.unlink(missing_ok=True)
        raise
    store.close()
    journal = tmp.with_name(tmp.name + "-journal")  # TRUNCATE mode leaves it, empty
    if journal.exists() and journal.stat().st_size == 0:
        journal.unlink()
    tmp.replace(path)
    return Store.open(path)


def import_json(src: Path, out: Path) -> Store:
    return write_new_file(import_data(read_json(src)), out)
