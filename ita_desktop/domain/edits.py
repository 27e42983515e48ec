"""Edits of an OfficeFile in memory. Each returns the records it changed, for the store.

Pure functions: the UI calls them (and pushes undo commands), import uses them too.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from decimal import Decimal

from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework
from ita_desktop.domain.sortkey import key_between

_MEASURE_FIELDS = ("indicator", "group_id", "title", "steps", "period", "responsible",
                   "responsible_main", "responsible_support", "target", "budget", "monitoring")


def framework_snapshot(data: m.OfficeFile, fw: Framework, source: str) -> m.FrameworkSnapshot:
    """The catalog embedded in the file; the same catalog content is stored once."""
    body = json.dumps(fw.to_dict(), ensure_ascii=False, sort_keys=True)
    sid = m.natural_id("framework", fw.ita_year, hashlib.sha256(body.encode()).hexdigest())
    existing = next((f for f in data.frameworks if f.id == sid), None)
    if existing:
        existing.deleted = False
        return existing
    snap = m.FrameworkSnapshot(id=sid, ita_year=fw.ita_year, source=source, data=fw.to_dict())
    data.frameworks.append(snap)
    return snap


def add_assessment(data: m.OfficeFile, ita_year: int, fw: Framework, source: str
                   ) -> tuple[m.Assessment, list[m.Record]]:
    """The ITA result of a year (one per year: the same year again revives that record)."""
    snap = framework_snapshot(data, fw, source)
    aid = m.Assessment.make_id(ita_year)
    assessment = next((a for a in data.assessments if a.id == aid), None)
    if assessment is None:
        assessment = m.Assessment(id=aid, ita_year=ita_year, framework_id=snap.id)
        data.assessments.append(assessment)
    else:
        assessment.deleted = False
        assessment.framework_id = snap.id
    return assessment, [snap, assessment]


def set_indicator_score(data: m.OfficeFile, assessment: m.Assessment, no: int,
                        score: Decimal | None) -> m.IndicatorScore:
    sid = m.IndicatorScore.make_id(assessment.ita_year, no)
    rec = next((s for s in data.indicator_scores if s.id == sid), None)
    if rec is None:
        rec = m.IndicatorScore(id=sid, assessment_id=assessment.id, indicator=no)
        data.indicator_scores.append(rec)
    rec.score = score
    rec.deleted = score is None
    return rec


def set_question_score(data: m.OfficeFile, assessment: m.Assessment, code: str,
                       score: Decimal | None) -> m.QuestionScore:
    sid = m.QuestionScore.make_id(assessment.ita_year, code)
    rec = next((s for s in data.question_scores if s.id == sid), None)
    if rec is None:
        rec = m.QuestionScore(id=sid, assessment_id=assessment.id, code=code.lower())
        data.question_scores.append(rec)
    rec.score = score
    rec.deleted = score is None
    return rec


def add_plan(data: m.OfficeFile, fiscal_year: int, based_on: m.Assessment | None) -> m.Plan:
    pid = m.Plan.make_id(fiscal_year)
    plan = next((p for p in data.plans if p.id == pid), None)
    if plan is None:
        plan = m.Plan(id=pid, fiscal_year=fiscal_year)
        data.plans.append(plan)
    plan.deleted = False
    plan.based_on = based_on.id if based_on else ""
    return plan


def _key_after(data: m.OfficeFile, plan_id: str, after: m.Measure | None) -> str:
    live = data.measures_of(plan_id)
    if after is None:
        return key_between(live[-1].sort_key if live else None, None)
    idx = live.index(after)
    nxt = live[idx + 1].sort_key if idx + 1 < len(live) else None
    return key_between(after.sort_key, nxt)


def add_measure(data: m.OfficeFile, plan: m.Plan, after: m.Measure | None = None,
                **fields: object) -> m.Measure:
    measure = m.Measure(id=m.new_id(), plan_id=plan.id,
                        sort_key=_key_after(data, plan.id, after), **fields)  # type: ignore[arg-type]
    data.measures.append(measure)
    return measure


def duplicate_measure(data: m.OfficeFile, measure: m.Measure) -> m.Measure:
    """A copy placed right after the original (results are not copied)."""
    copy = dataclasses.replace(measure, id=m.new_id(), rev="", updated_at="",
                               sort_key=_key_after(data, measure.plan_id, measure),
                               responsible_main=list(measure.responsible_main),
                               responsible_support=list(measure.responsible_support))
    data.measures.append(copy)
    return copy


def move_measure(data: m.OfficeFile, measure: m.Measure, new_index: int) -> m.Measure:
    """Give the measure a key between its new neighbours; no other record changes."""
    others = [x for x in data.measures_of(measure.plan_id) if x.id != measure.id]
    new_index = max(0, min(new_index, len(others)))
    before = others[new_index - 1].sort_key if new_index > 0 else None
    after = others[new_index].sort_key if new_index < len(others) else None
    if before is not None and after is not None and before >= after:
        after = None  # equal keys (two PCs added at once): order falls back to the id
    measure.sort_key = key_between(before, after)
    return measure


def copy_measures(data: m.OfficeFile, source: m.Plan, target: m.Plan) -> list[m.Measure]:
    """Carry last year's measures into a plan; the same source copied twice is one record."""
    out = []
    last = data.measures_of(target.id)
    key = last[-1].sort_key if last else None
    for src in data.measures_of(source.id):
        mid = m.Measure.copy_id(src.id, target.id)
        existing = next((x for x in data.measures if x.id == mid), None)
        if existing is not None and not existing.deleted:
            continue
        key = key_between(key, None)
        fields = {f: getattr(src, f) for f in _MEASURE_FIELDS}
        fields["group_id"] = ""  # groups belong to their year's analysis
        if existing is not None:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.deleted, existing.sort_key = False, key
            out.append(existing)
            continue
        copy = m.Measure(id=mid, plan_id=target.id, sort_key=key, source_id=src.id,
                         **fields)
        data.measures.append(copy)
        out.append(copy)
    return out


def result_for(data: m.OfficeFile, measure: m.Measure, round_: str) -> m.Result:
    """The measure's result record of a round, created empty when first needed."""
    rid = m.Result.make_id(measure.id, round_)
    rec = next((r for r in data.results if r.id == rid), None)
    if rec is None:
        rec = m.Result(id=rid, measure_id=measure.id, round=round_)
        data.results.append(rec)
    rec.deleted = False
    return rec


def signatory_for(data: m.OfficeFile, owner: str, document: str, round_: str,
                  role: str) -> m.Signatory:
    sid = m.Signatory.make_id(owner, document, round_, role)
    rec = next((s for s in data.signatories if s.id == sid), None)
    if rec is None:
        default = data.signatory("office", "", "", role)
        rec = m.Signatory(id=sid, owner=owner, document=document, round=round_, role=role,
                          name=default.name if default else "",
                          position=default.position if default else "")
        data.signatories.append(rec)
    rec.deleted = False
    return rec


def print_settings_for(data: m.OfficeFile, plan_id: str, document: str, round_: str,
                       options: dict[str, object]) -> m.PrintSettings:
    """The print options of a plan's document and round set to `options` (the record made, or
    brought back when it was deleted)."""
    sid = m.PrintSettings.make_id(plan_id, document, round_)
    rec = next((s for s in data.print_settings if s.id == sid), None)
    if rec is None:
        rec = m.PrintSettings(id=sid, plan_id=plan_id, document=document, round=round_)
        data.print_settings.append(rec)
    rec.deleted = False
    rec.options = dict(options)
    return rec


def add_division(data: m.OfficeFile, name: str) -> m.Division:
    live = data.live_divisions()
    div = m.Division(id=m.natural_id("division", name), name=name,
                     sort_key=key_between(live[-1].sort_key if live else None, None))
    existing = next((d for d in data.divisions if d.id == div.id), None)
    if existing:
        existing.deleted = False
        return existing
    data.divisions.append(div)
    return div


def make_register(data: m.OfficeFile, entries: list[m.OitEntry]) -> list[m.OitEntry]:
    """Put the register entries domain.oit.make_register made into the file (an entry deleted
    earlier comes back with the new entry's values)."""
    out = []
    for entry in entries:
        existing = next((e for e in data.oit_entries if e.id == entry.id), None)
        if existing is None:
            data.oit_entries.append(entry)
            out.append(entry)
        else:
            for f in dataclasses.fields(entry):
                if f.name not in ("id", "rev", "updated_at"):
                    setattr(existing, f.name, getattr(entry, f.name))
            out.append(existing)
    return out


def attach(data: m.OfficeFile, name: str, mime: str, content: bytes) -> m.Attachment:
    """A file copied into the office file; the same content is stored once."""
    aid = m.Attachment.make_id(hashlib.sha256(content).hexdigest())
    existing = next((a for a in data.attachments if a.id == aid), None)
    if existing is not None:
        existing.deleted = False
        return existing
    att = m.Attachment(id=aid, name=name, mime=mime, data=content)
    data.attachments.append(att)
    return att
