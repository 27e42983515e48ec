"""The measure library: common measures, matched to a year's weak points, added with one click.

Measures answer indicators and, through keywords, questions of any year's catalog (codes
change every year, the words in the questions stay). Placeholders in the wording are filled
for the office: {นายก} {ปลัด} {สภา} {สำนักปลัด} {งานแผน} {หน่วยงาน} {ปีงบประมาณ} {ปีก่อน} and
{อบต.-form|เทศบาล-form}.
The library itself (resources/library/measures.json) is read by ita_desktop.resources and
handed to these functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework
from ita_desktop.domain.sortkey import key_between
from ita_desktop.domain.weakpoints import WeakPoints
from ita_desktop.thai.digits import to_thai_digits

SOURCE_PREFIX = "library:"
_CHOICE = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")


@dataclass(frozen=True)
class LibraryMeasure:
    key: str
    title: str
    steps: str
    responsible: str
    period: str
    target: str
    monitoring: str
    budget: str
    indicators: tuple[int, ...]
    keywords: tuple[str, ...]

    def answers(self, fw: Framework) -> set[str]:
        """Codes of the catalog's questions this measure answers (a keyword in the question)."""
        return {q.code.lower() for q in fw.questions
                if any(k.lower() in q.text.lower() for k in self.keywords)}


@dataclass(frozen=True)
class Suggestion:
    measure: LibraryMeasure
    rank: int
    questions: tuple[str, ...]  # weak questions it answers
    indicators: tuple[int, ...]  # weak indicators it covers
    indicator: int | None  # the one it is shown and saved under: that of its first weak question


def measures_from_dict(data: dict[str, Any]) -> tuple[LibraryMeasure, ...]:
    """The library's measures from its JSON document ({"measures": [...]})."""
    return tuple(LibraryMeasure(str(x["key"]), x["title"], x["steps"], x["responsible"], x["period"],
                                x["target"], x["monitoring"], x.get("budget", ""),
                                tuple(int(i) for i in x["indicators"]), tuple(x["keywords"]))
                 for x in data["measures"])


PLANNING_DIVISION = "กองวิชาการและแผนงาน"


def fill(text: str, office: m.Office, fiscal_year: int, divisions: tuple[str, ...] = ()) -> str:
    """The wording for this office: อบต. or เทศบาล forms, names, years; {งานแผน} is the
    planning division of a เทศบาล that has one (`divisions`: the office's), else the สำนักปลัด."""
    municipal = office.kind in ("tambon_municipality", "town_municipality", "city_municipality")
    text = _CHOICE.sub(lambda mm: mm.group(2) if municipal else mm.group(1), text)
    kind = m.kind_full(office.kind) or "องค์การบริหารส่วนตำบล"
    values = {
        "นายก": "นายกเทศมนตรี" if municipal else f"นายก{kind}",
        "ปลัด": "ปลัดเทศบาล" if municipal else f"ปลัด{kind}",
        "สภา": "สภาเทศบาล" if municipal else f"สภา{kind}",
        "สำนักปลัด": "สำนักปลัดเทศบาล" if municipal else "สำนักปลัด อบต.",
        "งานแผน": PLANNING_DIVISION if municipal and PLANNING_DIVISION in divisions else (
            "สำนักปลัดเทศบาล" if municipal else "สำนักปลัด อบต."),
        "หน่วยงาน": office.full_name or kind,
        "ปีงบประมาณ": to_thai_digits(str(fiscal_year)),
        "ปีก่อน": to_thai_digits(str(fiscal_year - 1)),
    }
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def in_plan(data: m.OfficeFile, plan: m.Plan) -> set[str]:
    """Library keys already in the plan."""
    return {x.source_id[len(SOURCE_PREFIX):] for x in data.measures_of(plan.id)
            if x.source_id.startswith(SOURCE_PREFIX)}


def suggest(fw: Framework, weak: WeakPoints, measures: tuple[LibraryMeasure, ...],
            exclude: frozenset[str] | set[str] = frozenset()) -> list[Suggestion]:
    """Library `measures` for the weak points, the most useful first (3 per weak question
    answered, 1 per weak indicator covered); measures that answer nothing weak are left out."""
    out = []
    for lm in measures:
        if lm.key in exclude:
            continue
        questions = tuple(sorted(lm.answers(fw) & weak.codes, key=lambda c: (c[0], int(c[1:] or 0))))
        indicators = tuple(sorted(set(lm.indicators) & weak.indicator_numbers))
        rank = 3 * len(questions) + len(indicators)
        if rank:
            out.append(Suggestion(lm, rank, questions, indicators, _shown_indicator(fw, lm, questions, indicators)))
    return sorted(out, key=lambda s: (-s.rank, s.measure.key))


def _shown_indicator(fw: Framework, lm: LibraryMeasure, questions: tuple[str, ...],
                     indicators: tuple[int, ...]) -> int | None:
    """The indicator a suggestion is filed under: that of the weak question that made it (a
    library measure lists several indicators; its first one may be none of this year's weak ones)."""
    for code in questions:
        q = next((x for x in fw.questions if x.code.lower() == code), None)
        if q is not None:
            return q.indicator
    if indicators:
        return indicators[0]
    return lm.indicators[0] if lm.indicators else None


def issues_answered(data: m.OfficeFile, plan: m.Plan, questions: tuple[str, ...]) -> list[m.AnalysisGroup]:
    """The plan's ประเด็น whose questions include one of `questions`, the most shared first."""
    wanted = {c.lower() for c in questions}
    shared = [(len(wanted & {c.lower() for c in g.questions}), n, g) for n, g in enumerate(data.groups_of(plan.id))]
    return [g for k, _n, g in sorted(shared, key=lambda t: (-t[0], t[1])) if k]


def add_from_library(data: m.OfficeFile, plan: m.Plan, lm: LibraryMeasure, indicator: int | None = None,
                     group_id: str = "") -> m.Measure:
    """Add a library measure to the plan (once: its id comes from the library key and the plan),
    under `indicator` (default: the library's first) and in the ประเด็น `group_id`."""
    source = SOURCE_PREFIX + lm.key
    mid = m.Measure.copy_id(source, plan.id)
    existing = next((x for x in data.measures if x.id == mid), None)
    if existing is not None:
        existing.deleted = False
        return existing
    last = data.measures_of(plan.id)
    if indicator is None:
        indicator = lm.indicators[0] if lm.indicators else None
    measure = m.Measure(id=mid, plan_id=plan.id, sort_key=key_between(last[-1].sort_key if last else None, None),
                        indicator=indicator, group_id=group_id, source_id=source)
    for f in ("title", "steps", "responsible", "period", "target", "monitoring", "budget"):
        setattr(measure, f, fill(getattr(lm, f), data.office, plan.fiscal_year,
                                 tuple(d.name.strip() for d in data.live_divisions())))
    data.measures.append(measure)
    return measure


def unanswered(data: m.OfficeFile, plan: m.Plan, fw: Framework, weak: WeakPoints,
               measures: tuple[LibraryMeasure, ...]) -> list[str]:
    """Weak questions no measure of the plan answers yet: not by its library origin (one of
    the library's `measures`), not by its indicator, not by the questions of its ประเด็น."""
    answered: set[str] = set()
    library = {lm.key: lm for lm in measures}
    groups = {g.id: g for g in data.groups_of(plan.id)}
    for x in data.measures_of(plan.id):
        if x.source_id.startswith(SOURCE_PREFIX) and x.source_id[len(SOURCE_PREFIX):] in library:
            answered |= library[x.source_id[len(SOURCE_PREFIX):]].answers(fw)
        if x.indicator is not None:
            answered |= {q.code.lower() for q in fw.questions_of(x.indicator)}
        if x.group_id in groups:
            answered |= {c.lower() for c in groups[x.group_id].questions}
    return [q.code for q, _s in weak.questions if q.code.lower() not in answered]
