"""Weak points of an ITA result, and how it moved since the year before.

A weak point is an indicator or a question scored below the threshold (85 by default, the
catalog's or the clerk's). Year-over-year, indicators are always comparable; questions only
through the code mapping the newer catalog states (2567 o34 -> 2569 o25; i1 -> i1 for a
question copied unchanged).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ita_desktop.domain import models as m
from ita_desktop.domain.framework import Framework, Indicator, Question, framework_from_dict


@dataclass(frozen=True)
class WeakPoints:
    threshold: Decimal
    indicators: list[tuple[Indicator, Decimal]] = field(default_factory=list)
    questions: list[tuple[Question, Decimal]] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        return {q.code.lower() for q, _s in self.questions}

    @property
    def indicator_numbers(self) -> set[int]:
        return {i.no for i, _s in self.indicators}


def weak_points(fw: Framework, indicators: dict[int, Decimal | None], questions: dict[str, Decimal | None],
                threshold: Decimal | None = None) -> WeakPoints:
    """Indicators and questions scored below the threshold, in catalog order."""
    limit = fw.threshold if threshold is None else threshold
    scores = {k.lower(): v for k, v in questions.items()}
    weak_i = [(i, indicators[i.no]) for i in fw.indicators
              if indicators.get(i.no) is not None and indicators[i.no] < limit]  # type: ignore[operator]
    weak_q = [(q, scores[q.code.lower()]) for q in fw.questions
              if scores.get(q.code.lower()) is not None and scores[q.code.lower()] < limit]  # type: ignore[operator]
    return WeakPoints(limit, weak_i, weak_q)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Change:
    key: str  # indicator number or question code (this year's)
    label: str
    before: Decimal | None
    after: Decimal | None

    @property
    def kind(self) -> str:
        """up, down, same, new (no score the year before) or gone (no score this year)."""
        if self.before is None and self.after is None:
            return "same"
        if self.before is None:
            return "new"
        if self.after is None:
            return "gone"
        if self.after > self.before:
            return "up"
        if self.after < self.before:
            return "down"
        return "same"


def question_pairs(old: Framework, new: Framework) -> dict[str, str]:
    """This year's code -> last year's code, for the questions the newer catalog maps from the
    older year (a copied question maps to its own code). No mapping: no question pairs, the
    years compare at indicator level only."""
    old_codes = {q.code.lower() for q in old.questions}
    new_codes = {q.code.lower() for q in new.questions}
    return {now: was for was, now in new.mapping_from(old.ita_year).items()
            if was in old_codes and now in new_codes}


def compare(old: Framework, old_ind: dict[int, Decimal | None], old_q: dict[str, Decimal | None],
            new: Framework, new_ind: dict[int, Decimal | None], new_q: dict[str, Decimal | None]
            ) -> tuple[list[Change], list[Change]]:
    """(indicator changes, question changes) from the older result to the newer one."""
    indicators = [Change(str(i.no), i.name, old_ind.get(i.no), new_ind.get(i.no)) for i in new.indicators]
    old_scores = {k.lower(): v for k, v in old_q.items()}
    new_scores = {k.lower(): v for k, v in new_q.items()}
    pairs = question_pairs(old, new)
    questions = [Change(q.code, q.text, old_scores.get(pairs[q.code.lower()]), new_scores.get(q.code.lower()))
                 for q in new.questions if q.code.lower() in pairs]
    return indicators, questions


def plan_weak_points(data: m.OfficeFile, plan: m.Plan) -> tuple[Framework, WeakPoints] | None:
    """The catalog and weak points of the ITA result the plan is based on."""
    a = data.assessment_by_id(plan.based_on) if plan.based_on else None
    snap = data.framework_of(a) if a is not None else None
    if a is None or snap is None:
        return None
    fw = framework_from_dict(snap.data)
    return fw, weak_points(fw, {k: s.score for k, s in data.indicator_scores_of(a.id).items()},
                           {k: s.score for k, s in data.question_scores_of(a.id).items()})
