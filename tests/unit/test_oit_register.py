"""The OIT disclosure register (issue 16): made from a year's catalog, carried to the next year,
the คำอธิบาย drafted, the app's own documents filling their item, readiness, ITAS text, JSON
and merge."""
from __future__ import annotations

import json
from pathlib import Path

from ita_desktop.domain import edits, oit
from ita_desktop.domain import models as m
from ita_desktop.resources import bundled_frameworks
from ita_desktop.store import merge
from ita_desktop.store.db import Store
from ita_desktop.store.errors import ExchangeImportError
from ita_desktop.store.exchange import export_data, import_data, write_new_file
from tests.conftest import load_fixture

CATALOGS = bundled_frameworks()
O25_PDF = "https://www.nonkhun.go.th/ita/o25.pdf"  # where the office put its analysis


def _register(data: m.OfficeFile, year: int) -> list[m.OitEntry]:
    fw = CATALOGS[year]
    return edits.make_register(data, oit.make_register(data, fw, oit.previous_register(data, year, CATALOGS)))


def test_a_register_has_one_entry_per_oit_item_of_the_catalog_in_order() -> None:
    data = m.OfficeFile()
    made = _register(data, 2569)
    assert [e.code for e in made] == [f"o{i}" for i in range(1, 27)]
    assert all(e.answer == "" and e.id == m.OitEntry.make_id(2569, e.code) for e in made)
    assert _register(data, 2569) == []  # made once
    rows = oit.rows(data, CATALOGS[2569], CATALOGS)
    assert rows[6].code == "o7" and oit.reports_on_previous(rows[6].question)
    assert "๒๕๖๘" in oit.period_hint(rows[6].question, 2569)


def test_next_years_register_keeps_urls_of_continuing_items_and_flags_changed_titles() -> None:
    data = m.OfficeFile()
    _register(data, 2568)
    entries = data.oit_entries_of(2568)
    entries["o1"].links = [{"url": "https://www.nonkhun.go.th/structure", "title": "โครงสร้าง"}]
    entries["o1"].answer = "yes"
    entries["o1"].period = "ปีงบประมาณ พ.ศ. ๒๕๖๘"
    entries["o11"].links = [{"url": "https://www.nonkhun.go.th/stat", "title": "สถิติ"}]
    made = {e.code: e for e in _register(data, 2569)}
    # o1 continues (2568 "โครงสร้างและอำนาจหน้าที่" → 2569 "โครงสร้าง หน้าที่และอำนาจ": reworded)
    assert made["o1"].links == [{"url": "https://www.nonkhun.go.th/structure", "title": "โครงสร้าง"}]
    assert made["o1"].answer == "" and made["o1"].period == ""  # checked again each year
    assert "โครงสร้างและอำนาจหน้าที่" in made["o1"].review
    # the carried list is a copy: editing next year's links leaves last year's as they were
    made["o1"].links[0]["url"] = "https://changed"
    assert entries["o1"].links[0]["url"] == "https://www.nonkhun.go.th/structure"
    # 2568 o11 "ข้อมูลสถิติการให้บริการ" has no item of that title in 2569: same code, flagged
    assert made["o11"].links and made["o11"].review
    assert made["o5"].review == ""  # nothing to carry, nothing to review


def test_the_explanation_is_drafted_from_where_when_and_what_period() -> None:
    entry = m.OitEntry(ita_year=2569, code="o1", location="หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง",
                       period="ต.ค. ๒๕๖๘ – ก.ย. ๒๕๖๙", published_on="2025-10-15",
                       links=[{"url": "https://x.go.th/a", "title": "โครงสร้างส่วนราชการ"}])
    text = oit.draft_explanation(entry, CATALOGS[2569].question("o1"))
    assert text == ("ข้อมูลอยู่ที่เว็บไซต์หลักของหน่วยงาน เมนู หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง"
                    " หัวข้อ «โครงสร้างส่วนราชการ» เป็นข้อมูลช่วง ต.ค. ๒๕๖๘ – ก.ย. ๒๕๖๙"
                    " เผยแพร่เมื่อวันที่ ๑๕ ต.ค. ๒๕๖๘")
    typed = m.OitEntry(ita_year=2569, code="o7", links=[{"url": "https://x.go.th/2568", "title": "รายงานปี 2568"}])
    assert oit.draft_explanation(typed, None) == "หัวข้อ «รายงานปี ๒๕๖๘»"  # one kind of digit
    report = m.OitEntry(ita_year=2569, code="o7", location="หน้าแรก > ผลการดำเนินงาน")
    assert "ปีงบประมาณ พ.ศ. ๒๕๖๘" in oit.draft_explanation(report, CATALOGS[2569].question("o7"))
    assert oit.draft_explanation(m.OitEntry(ita_year=2569, code="o7"), CATALOGS[2569].question("o7")) == ""


def test_urls_off_the_main_website_are_flagged() -> None:
    site, bare = "https://www.nonkhun.go.th", "nonkhun.go.th"
    assert oit.on_main_site(site + "/a", bare)
    assert oit.on_main_site(bare + "/ita", site + "/")
    assert oit.on_main_site("https://ita." + bare + "/x", site)
    assert not oit.on_main_site("https://www.facebook.com/nonkhun", site)
    assert not oit.on_main_site("https://evil" + bare + "/", site)
    assert oit.on_main_site("https://anything", "")  # no website set: nothing to compare
    assert not oit.on_main_site("https://www.facebook.com/nonkhun", "")  # never an office's own site
    assert not oit.on_main_site("https://drive.google.com/file/d/1", "")
    data = m.OfficeFile()
    data.office.website = "https://www.nonkhun.go.th"
    _register(data, 2569)
    data.oit_entries_of(2569)["o4"].links = [{"url": "https://www.facebook.com/nonkhun", "title": ""}]
    data.oit_entries_of(2569)["o4"].answer = "yes"
    rows = oit.rows(data, CATALOGS[2569], CATALOGS)
    row = next(r for r in rows if r.code == "o4")
    assert row.foreign_links == ["https://www.facebook.com/nonkhun"]
    ready = oit.readiness(rows)  # answered with a URL ITAS will not look at: not ready
    assert (ready.with_url, ready.off_site) == (0, 1) and row in ready.behind


def test_the_apps_published_documents_fill_their_item() -> None:
    data = import_data(load_fixture("seed004.json"))
    plan = data.plan(2569) or edits.add_plan(data, 2569, None)  # its analysis answers ITA 2569's o25
    data.documents.append(m.IssuedDocument(id=m.new_id(), plan_id=plan.id, document="analysis",
                                           approved_on="2025-12-20", url=O25_PDF,
                                           published_on="2025-12-22"))
    _register(data, 2569)
    row = next(r for r in oit.rows(data, CATALOGS[2569], CATALOGS) if r.code == "o25")
    assert row.answer == "yes" and row.links[0]["url"] == O25_PDF
    assert row.published_on == "2025-12-22" and row.from_document
    assert "๒๒ ธ.ค. ๒๕๖๘" in row.explanation
    # the clerk's own URL comes first, the document's after it, once
    data.oit_entries_of(2569)["o25"].links = [{"url": "https://www.nonkhun.go.th/ita", "title": ""},
                                              {"url": O25_PDF, "title": ""}]
    row = next(r for r in oit.rows(data, CATALOGS[2569], CATALOGS) if r.code == "o25")
    assert [x["url"] for x in row.links] == ["https://www.nonkhun.go.th/ita", O25_PDF]
    # the report item is answered by two documents: FY 2569's 6-month report, FY 2568's year-end one
    data.plan(2568) or edits.add_plan(data, 2568, None)
    names = [d.name for d in oit.app_documents(data, CATALOGS, 2569, "o26")]
    assert names == ["รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน รอบ ๑๒ เดือน ปีงบประมาณ ๒๕๖๘",
                     "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน รอบ ๖ เดือน ปีงบประมาณ ๒๕๖๙"]


def test_readiness_counts_and_puts_last_years_weakest_items_first() -> None:
    data = import_data(load_fixture("seed004.json"))  # ITA 2567 result with OIT item scores
    _register(data, 2569)
    entries = data.oit_entries_of(2569)
    entries["o1"].answer, entries["o1"].links = "yes", [{"url": "https://x.go.th/1", "title": ""}]
    entries["o2"].answer = "yes"
    entries["o3"].answer = "no"
    fw = CATALOGS[2569]
    scores = oit.last_year_scores(data, fw, oit.catalog_for(data, 2567, CATALOGS))
    ready = oit.readiness(oit.rows(data, fw, CATALOGS), scores)
    assert (ready.with_url, ready.without_url, ready.absent, ready.unchecked) == (1, 1, 1, 23)
    assert ready.total == 26 and len(ready.behind) == 25
    scored = [r.code for r in ready.behind if r.code in scores]
    assert scored and ready.behind[0].code == scored[0]
    firsts = [float(str(scores[c])) for c in scored]
    assert firsts == sorted(firsts)


def test_itas_text_and_csv() -> None:
    data = m.OfficeFile()
    _register(data, 2569)
    e = data.oit_entries_of(2569)["o1"]
    e.answer = "yes"
    e.links = [{"url": "https://www.nonkhun.go.th/a", "title": ""}, {"url": "https://www.nonkhun.go.th/b", "title": ""}]
    e.explanation = "ข้อมูลอยู่ที่เมนูโครงสร้าง"
    row = oit.rows(data, CATALOGS[2569], CATALOGS)[0]
    assert oit.itas_text(row).splitlines() == [
        "O1 โครงสร้าง หน้าที่และอำนาจ", "คำตอบ: มี", "URL: https://www.nonkhun.go.th/a",
        "URL: https://www.nonkhun.go.th/b", "คำอธิบาย: ข้อมูลอยู่ที่เมนูโครงสร้าง"]
    table = oit.csv_rows(oit.rows(data, CATALOGS[2569], CATALOGS))
    assert table[0][:4] == ("ข้อ", "รายการ", "มี/ไม่มี", "URL") and len(table) == 27
    assert table[1][3] == "https://www.nonkhun.go.th/a\nhttps://www.nonkhun.go.th/b"


def test_the_register_photos_and_files_travel_in_json(tmp_path: Path) -> None:
    data = import_data(load_fixture("seed004.json"))
    data.office.website = "https://www.nonkhun.go.th"
    _register(data, 2569)
    att = edits.attach(data, "ภาพ.jpg", "image/jpeg", b"\xff\xd8\xff\xe0fakejpeg")
    assert edits.attach(data, "อีกชื่อ.jpg", "image/jpeg", b"\xff\xd8\xff\xe0fakejpeg") is att  # one copy
    entry = data.oit_entries_of(2569)["o1"]
    entry.links = [{"url": "https://www.nonkhun.go.th/s", "title": "โครงสร้าง"}]
    entry.evidence_id = att.id
    measure = data.measures[0]
    measure.oit_items = ["o25"]
    data.photos.append(m.Photo(id=m.new_id(), measure_id=measure.id, round="year", sort_key="V",
                               caption="ประชุม", attachment_id=att.id))
    doc = json.loads(json.dumps(export_data(data), ensure_ascii=False))
    back = import_data(doc)
    assert back.oit_entries_of(2569)["o1"].links == entry.links
    assert back.attachment(att.id) is not None and back.attachment(att.id).data == att.data  # type: ignore[union-attr]
    assert back.photos_of(measure.id, "year")[0].caption == "ประชุม"
    assert next(x for x in back.measures if x.id == measure.id).oit_items == ["o25"]
    assert back.office.website == "https://www.nonkhun.go.th"
    assert len(doc["attachments"]) == 1  # referred to twice, written once
    # a file whose bytes do not match its digest is refused, naming the field
    doc["attachments"][0]["data"] = "AAAA"
    try:
        import_data(doc)
    except ExchangeImportError as exc:
        assert "attachments[0].data" in str(exc)
    else:
        raise AssertionError("a damaged attachment was accepted")


def test_two_copies_that_filled_different_entries_merge_keeping_both(tmp_path: Path) -> None:
    data = import_data(load_fixture("seed004.json"))
    _register(data, 2569)
    a = tmp_path / "a.ita"
    write_new_file(data, a).close()
    b = tmp_path / "b.ita"
    b.write_bytes(a.read_bytes())

    def fill(path: Path, code: str, url: str) -> None:
        store = Store.open(path)
        entry = store.load().oit_entries_of(2569)[code]
        entry.answer, entry.links = "yes", [{"url": url, "title": ""}]
        store.save(entry)
        store.close()

    fill(a, "o1", "https://www.nonkhun.go.th/structure")
    fill(b, "o4", "https://www.nonkhun.go.th/news")
    store = Store.open(a)
    try:
        plan = merge.plan_merge(store, b, tmp_path / "work")
        assert not plan.conflicts
        merge.apply_merge(store, plan)
        entries = store.load().oit_entries_of(2569)
    finally:
        store.close()
    assert entries["o1"].links[0]["url"].endswith("/structure")
    assert entries["o4"].links[0]["url"].endswith("/news")


def test_the_completeness_check_lists_the_items_behind_weakest_first_and_off_site_urls() -> None:
    from ita_desktop.domain.checks import check_data

    data = import_data(load_fixture("seed004.json"))
    data.office.website = "https://www.nonkhun.go.th"
    _register(data, 2569)
    entries = data.oit_entries_of(2569)
    entries["o1"].answer, entries["o1"].links = "yes", [{"url": "https://www.nonkhun.go.th/s", "title": ""}]
    entries["o4"].answer, entries["o4"].links = "yes", [{"url": "https://www.facebook.com/x", "title": ""}]
    found = [f for f in check_data(data, catalogs=CATALOGS) if f.where.startswith("ทะเบียน OIT")]
    notes = [f for f in found if f.level == "note"]
    assert len(notes) == 25 and not any("O1 " in f.message for f in notes)
    assert any(f.level == "warning" and "O4" in f.message and "facebook" in f.message for f in found)
    assert all(f.record_id for f in found)
    assert check_data(m.OfficeFile(), catalogs=CATALOGS) is not None  # no register: nothing said
