from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ita_desktop.domain import markup
from ita_desktop.domain.imported_text import decode_entities
from ita_desktop.store import exchange
from ita_desktop.store.db import Store
from ita_desktop.store.errors import ExchangeImportError
from tests.conftest import FIXTURES, load_fixture


@pytest.mark.parametrize("name", ["seed000.json", "seed002.json", "seed004.json"])
def test_seed_data_round_trips_through_a_file(tmp_path: Path, name: str) -> None:
    src = load_fixture(name)
    store = exchange.import_json(FIXTURES / name, tmp_path / "a.ita")
    data = store.load()
    plan = data.plan(2568)
    measures = data.measures_of(plan.id)
    assert [x.title for x in measures] == [x["title"] for x in src["years"][0]["measures"]]
    for x, s in zip(measures, src["years"][0]["measures"]):
        # entities a web form left (&amp;) are decoded on import
        assert x.steps == decode_entities(s["steps"]) and x.period == s["period"]
        if s.get("output"):
            assert data.result(x.id, "year").output == s["output"]
    out = tmp_path / "a.json"
    exchange.export_json(store, out)
    store.close()
    again = exchange.import_json(out, tmp_path / "b.ita")
    out2 = tmp_path / "b.json"
    exchange.export_json(again, out2)
    assert out.read_text(encoding="utf-8") == out2.read_text(encoding="utf-8")


def test_seed_004_scores_and_groups(tmp_path: Path) -> None:
    data = exchange.import_json(FIXTURES / "seed004.json", tmp_path / "a.ita").load()
    a = data.assessment(2567)
    assert a.total == Decimal("72.97") and a.level == "ต้องปรับปรุง"
    assert data.question_scores_of(a.id)["o8"].score == Decimal("50.00")
    assert len(data.question_scores_of(a.id)) == 59
    groups = data.groups_of(data.plan(2568).id)
    assert len(groups) == 7 and "o15" in groups[4].questions and "o15" in groups[5].questions
    assert all(x.group_id for x in data.measures_of(data.plan(2568).id))


def test_bold_and_paragraph_markup_from_the_seed_is_kept(tmp_path: Path) -> None:
    data = exchange.import_json(FIXTURES / "seed000.json", tmp_path / "a.ita").load()
    outputs = [r.outcome for r in data.results if r.outcome]
    bold = [run for text in outputs for p in markup.parse(text) for line in p for run in line.runs if run.bold]
    assert any("ความโปร่งใสและลดขั้นตอน" in run.text for run in bold)


def _minimal(**year: object) -> dict:
    return {"format": "ita-desktop", "version": 1, "office": {"name": "ทดสอบ"},
            "years": [{"fiscal_year": 2568, "framework": "2567", **year}]}


@pytest.mark.parametrize("doc, where", [
    (_minimal(scores={"total": 101}), "years[0].scores.total"),
    (_minimal(scores={"questions": {"o8": -3}}), "years[0].scores.questions.o8"),
    (_minimal(scores={"questions": {"x99": 50}}), "years[0].scores.questions.x99"),
    ({**_minimal(), "years": [{"fiscal_year": 2568, "framework": "2599"}]}, "years[0].framework"),
    (_minimal(measures=[{"title": "ก", "indicator": 42}]), "years[0].measures[0].indicator"),
    (_minimal(measures=[{"title": "ก", "status": "เสร็จมั้ง"}]), "years[0].measures[0]"),
    ({"format": "other", "version": 1, "office": {"name": "x"}}, "format"),
    ({"format": "ita-desktop", "version": 1}, "(ทั้งไฟล์)"),
])
def test_bad_input_names_the_field_and_writes_nothing(tmp_path: Path, doc: dict, where: str) -> None:
    src = tmp_path / "bad.json"
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out.ita"
    with pytest.raises(ExchangeImportError) as exc:
        exchange.import_json(src, out)
    assert where in str(exc.value)
    assert not out.exists() and not list(tmp_path.glob("*.ita-saving*"))


def test_short_shape_with_thai_digits_and_status_names(tmp_path: Path) -> None:
    doc = _minimal(scores={"total": "๗๒.๙๗", "indicators": {"1": 94.82}},
                   measures=[{"seq": 2, "title": "ข"}, {"seq": 1, "title": "ก", "status": "ดำเนินการแล้วเสร็จ",
                                                         "output": "ทำแล้ว"}])
    data = exchange.import_data(doc)
    plan = data.plans[0]
    assert [x.title for x in data.measures_of(plan.id)] == ["ก", "ข"]
    assert data.assessments[0].total == Decimal("72.97")
    first = data.measures_of(plan.id)[0]
    assert data.result(first.id, "year").status == "done"


def test_store_is_not_written_from_a_broken_json_file(tmp_path: Path) -> None:
    src = tmp_path / "broken.json"
    src.write_text('{"format": "ita-desktop", ', encoding="utf-8")
    with pytest.raises(ExchangeImportError, match="บรรทัด 1"):
        exchange.import_json(src, tmp_path / "x.ita")
    Store  # noqa: B018 - imported for the type in other tests
