"""Text as real reports hand it over: inline lists and HTML entities (domain.imported_text),
on the seeds' own strings."""
from __future__ import annotations

import json

import pytest

from ita_desktop.domain import markup
from ita_desktop.domain.imported_text import decode_entities, has_inline_list, split_inline_lists
from tests.conftest import FIXTURES


def _measure_texts(seed: str) -> list[str]:
    doc = json.loads((FIXTURES / seed).read_text(encoding="utf-8"))
    texts = []
    for year in doc["years"]:
        for x in year["measures"]:
            for key in ("title", "steps", "output", "outcome"):
                value = x.get(key) or (x.get("year_end") or {}).get(key)
                if value:
                    texts.append(value)
    return texts


def _lines(text: str) -> list[str]:
    return split_inline_lists(text).split("\n")


def test_numbered_items_typed_inline_go_one_a_line():
    text = ("๑.จัดให้มีการประชุมเป็นประจำทุกเดือน เพื่อสร้างกระบวนการปฏิบัติงานอย่างเป็นระบบในหน่วยงาน"
            " ๒.มีการพูดคุย ปรึกษา นำเสนอปัญหา อุปสรรค พร้อมทั้งหาแนวทางแก้ไขปัญหา"
            " ๓.นำปัญหาข้อเสนอแนะที่ได้แจ้งเวียน ให้บุคลากรภายในได้รับทราบ")
    lines = _lines(text)
    assert [line[:2] for line in lines] == ["๑.", "๒.", "๓."]
    assert " ".join(lines) == text  # nothing lost, nothing added
    # each line is a numbered item of the markup: it prints with a hanging indent
    assert [ln.kind for ln in markup.parse(split_inline_lists(text))[0]] == ["number"] * 3


def test_a_word_ending_in_thi_does_not_stop_the_list():
    text = ("๑. จัดทำโครงการอบรมแก่เจ้าหน้าที่ที่เกี่ยวข้อง ภายในหน่วยงาน ๒. ติดต่อวิทยากรเพื่อนำมาอบรมแก่เจ้าหน้าที่"
            " ๓. ติดตามความก้าวหน้า การดำเนินงาน และ รายงานผลอย่างสม่ำเสมอ")
    assert [line[:2] for line in _lines(text)] == ["๑.", "๒.", "๓."]


def test_parenthesised_numbers_and_a_year_range_in_the_last_item():
    text = ("๑) มีประกาศเจตนากรณีในการนำหลักคุณธรรมมาใช้ ๒) มีนโยบาย/มาตรการ/แผนงานของผู้บริหาร"
            " ๓) มีแผนปฏิบัติการป้องกันการทุจริต ตำบลบ้านผือ พ.ศ. ๒๕๖๖ - ๒๕๗๐")
    assert _lines(text) == ["๑) มีประกาศเจตนากรณีในการนำหลักคุณธรรมมาใช้",
                            "๒) มีนโยบาย/มาตรการ/แผนงานของผู้บริหาร",
                            "๓) มีแผนปฏิบัติการป้องกันการทุจริต ตำบลบ้านผือ พ.ศ. ๒๕๖๖ - ๒๕๗๐"]


def test_dash_items_typed_inline():
    text = ('<ul style="list-style-type: none"> - เพื่อประโยชน์ในการ ปฏิบัติราชการให้เกิดผล สัมฤทธิ์'
            ' - เพื่อแสดงความรับผิดชอบ ในการปฏิบัติราชการ')
    assert _lines(text)[1:] == ["- เพื่อประโยชน์ในการ ปฏิบัติราชการให้เกิดผล สัมฤทธิ์",
                                "- เพื่อแสดงความรับผิดชอบ ในการปฏิบัติราชการ"]
    title = ("-ประชาสัมพันธ์สร้างความรู้ความเข้าใจ ให้บุคลากรภายในหน่วยงานทราบโดย ทั่วกัน"
             " และเปิดโอกาสให้บุคลากรเข้าไป มีส่วนร่วมในกระบวนการจัดทำ งบประมาณ -จัดทำรายงานผลการจัดซื้อจัดจ้างให้ เป็นปัจจุบัน")
    assert len(_lines(title)) == 2
    assert _lines(title)[1] == "-จัดทำรายงานผลการจัดซื้อจัดจ้างให้ เป็นปัจจุบัน"


@pytest.mark.parametrize("text", [
    "ประจำปีงบประมาณ พ.ศ. ๒๕๖๘",
    "ไตรมาสที่ ๑ - ๔",
    "๑ ตุลาคม ๒๕๖๗ ถึง ๓๐ กันยายน ๒๕๖๘",
    "ในระดับ \"มากที่สุด\" (เฉลี่ยร้อยละ ๘๐ - ๘๕ ขึ้นไป) ทั้งในด้านเนื้อหา",
    "คะแนน ๗๒.๙๗ อยู่ในระดับ ๑. ต้องปรับปรุง",  # one number is no list
    "ตามข้อ ๑. และข้อ ๒. ของประกาศ",
    "จัดทำช่องทาง การติดต่อ-สอบถาม ข้อมูลให้มีลักษณะ",
    "ความพึงพอใจ - ดีมาก",  # one dash mid-sentence is no list
    "ครั้งที่ ๑. วันที่ ๓๐/๙/๒๕๖๘ ครั้งที่ ๒. วันที่ ๑/๑๐/๒๕๖๘",
    "งบประมาณ ๑.๕ ล้านบาท และ ๒.๕ ล้านบาท",
    "ผลคะแนน ๘๕.๕๐ และ ๘๖.๕๐ คะแนน",
])
def test_what_is_no_list_stays_as_typed(text):
    assert split_inline_lists(text) == text
    assert not has_inline_list(text)


@pytest.mark.parametrize("seed", ["seed000.json", "seed002.json", "seed004.json"])
def test_seed_texts_lose_and_gain_nothing(seed):
    changed = 0
    for text in _measure_texts(seed):
        after = split_inline_lists(text)
        assert after.split() == text.split()  # only spaces became line breaks
        assert split_inline_lists(after) == after  # a second pass changes nothing
        changed += after != text
    assert changed >= 3


def test_lists_already_one_a_line_are_left_alone():
    text = "๑. การเสนอโครงการบรรจุในแผนพัฒนาท้องถิ่น\n\n๒. เสนอโครงการ: จัดทำรายละเอียด"
    assert split_inline_lists(text) == text


def test_entities_are_decoded_and_bare_ampersands_kept():
    assert decode_entities("Dos &amp; Don&#39;ts &quot;ITA&quot;&nbsp;๒๕๖๘") == 'Dos & Don\'ts "ITA"\u00a0๒๕๖๘'
    assert decode_entities("R&D และ ข้อ ๑ & ๒ &copy") == "R&D และ ข้อ ๑ & ๒ &copy"


def test_json_import_decodes_entities():
    from ita_desktop.store.exchange import import_data
    from tests.conftest import load_fixture

    data = import_data(load_fixture("seed004.json"))
    texts = [x.steps for x in data.measures]
    assert any("Dos & Don'ts" in t for t in texts)
    assert not any("&amp;" in t for t in texts)
    doc = load_fixture("seed000.json")
    doc["office"]["name"] = "โนน&nbsp;สูง &amp; ใหม่"
    doc["years"][0]["measures"][0]["year_end"] = {"output": "ผล &quot;ดี&quot; &#39;มาก&#39;"}
    data = import_data(doc)
    assert data.office.name == "โนน สูง & ใหม่"
    assert data.results[0].output == "ผล \"ดี\" 'มาก'"


def test_json_import_splits_lists_only_when_asked():
    from ita_desktop.domain.imported_text import list_splits
    from ita_desktop.store.exchange import import_data
    from tests.conftest import load_fixture

    doc = load_fixture("seed000.json")
    plain = import_data(doc)
    found = list_splits(plain)
    assert found and all(s.after == split_inline_lists(s.before) for s in found)
    assert "\n" not in plain.measures[0].steps  # as typed until the clerk says yes
    split = import_data(load_fixture("seed000.json"), split_lists=True)
    assert split.measures[0].steps.split("\n")[1].startswith("๒. แจกเวียน")
    assert not list_splits(split)
    assert split.measures[0].title == plain.measures[0].title  # titles are never split


def test_list_and_paragraph_tags_a_web_form_left_become_markup():
    from ita_desktop.domain.imported_text import clean_html

    seed = ('<ul style="list-style-type: none"> - เพื่อประโยชน์ในการ ปฏิบัติราชการให้เกิดผล สัมฤทธิ์'
            ' - เพื่อแสดงความรับผิดชอบ ในการปฏิบัติราชการ')
    assert split_inline_lists(clean_html(seed)).split("\n") == [
        "- เพื่อประโยชน์ในการ ปฏิบัติราชการให้เกิดผล สัมฤทธิ์", "- เพื่อแสดงความรับผิดชอบ ในการปฏิบัติราชการ"]
    assert clean_html("<p>ข้อแรก</p> <p>ข้อสอง<br>ต่อ</p>") == "ข้อแรก\n\nข้อสอง\nต่อ"
    assert clean_html("<ol><li>หนึ่ง</li><li>สอง</li></ol>") == "- หนึ่ง\n- สอง"
    # not tags: kept as typed
    for text in ("คะแนน < 50 และ > 20", "a<b", "<ข้อสังเกต>", "Dos &amp; Don'ts"):
        assert clean_html(text) == decode_entities(text)


def test_json_import_drops_the_tags():
    from ita_desktop.store.exchange import import_data
    from tests.conftest import load_fixture

    data = import_data(load_fixture("seed002.json"))
    assert not any("<ul" in r.outcome for r in data.results)
