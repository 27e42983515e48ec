"""Tool scores, total and level from typed scores (docs/domain.md §2), in exact decimals."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ita_desktop.domain.framework import Framework

CENT = Decimal("0.01")


def round2(value: Decimal) -> Decimal:
    """Two decimals, half-up (72.965 -> 72.97), as NACC prints scores."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def mean(values: list[Decimal]) -> Decimal:
    return sum(values, Decimal(0)) / len(values)


def tool_scores(fw: Framework, indicators: dict[int, Decimal]) -> dict[str, Decimal | None]:
    """Each tool's score = mean of its indicators; None while one of them is missing."""
    out: dict[str, Decimal | None] = {}
    for tool in fw.tools:
        nos = [i.no for i in fw.indicators_of(tool.code)]
        vals = [indicators[n] for n in nos if n in indicators]
        out[tool.code] = mean(vals) if nos and len(vals) == len(nos) else None
    return out


def total_score(fw: Framework, tools: dict[str, Decimal | None]) -> Decimal | None:
    """Weighted total of the unrounded tool scores (weights in percent)."""
    if any(tools.get(t.code) is None for t in fw.tools):
        return None
    return sum((t.weight * tools[t.code] for t in fw.tools  # type: ignore[operator]
                ), Decimal(0)) / 100


def level_of(fw: Framework, total: Decimal, tools: dict[str, Decimal | None]) -> str:
    """The level of the shown (rounded) total and tool scores, per the year's rules."""
    shown_total = round2(total)
    shown_tools = [round2(v) for v in tools.values() if v is not None]
    for rule in fw.levels:
        if shown_total < rule.min_total:
            continue
        if rule.min_each_tool is not None and any(v < rule.min_each_tool for v in shown_tools):
            continue
        return rule.name
    return fw.levels[-1].name


def indicator_from_questions(fw: Framework, questions: dict[str, Decimal], no: int) -> Decimal | None:
    """Mean of an indicator's question scores when all are typed (IIT/EIT are scored so)."""
    codes = [q.code for q in fw.questions_of(no)]
    if not codes or any(c not in questions for c in codes):
        return None
    return mean([questions[c] for c in codes])


@dataclass(frozen=True)
class Computed:
    """What the app computes from the typed indicator scores, shown beside what was typed."""

    tools: dict[str, Decimal | None]
    total: Decimal | None
    level: str | None

    def shown_tool(self, code: str) -> Decimal | None:
        value = self.tools.get(code)
        return None if value is None else round2(value)

    @property
    def shown_total(self) -> Decimal | None:
        return None if self.total is None else round2(self.total)


def compute(fw: Framework, indicators: dict[int, Decimal]) -> Computed:
    tools = tool_scores(fw, indicators)
    total = total_score(fw, tools)
    level = level_of(fw, total, tools) if total is not None else None
    return Computed(tools, total, level)


TOLERANCE = Decimal("0.01")


def differs(typed: Decimal | None, computed: Decimal | None) -> bool:
    """A typed score is flagged when it differs from the computed one by more than 0.01."""
    if typed is None or computed is None:
        return False
    return abs(typed - round2(computed)) > TOLERANCE
