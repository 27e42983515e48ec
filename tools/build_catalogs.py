"""Write resources/frameworks/ita-2568.json and ita-2569.json from the OIT lists below
(sources and certainty: docs/frameworks.md) and the 2567 catalog (IIT/EIT reused, marked copied).

    python tools/build_catalogs.py

Provenance per item: C (two sources) -> sourced, S -> single, I and S/I -> inferred;
IIT/EIT -> copied (from 2567, unverified). Which indicator each OIT item belongs to is
inferred (docs/frameworks.md: indicator 9 ≈ O1–O20, indicator 10 ≈ O21–O26 for 2568).
"reports_on": "previous_fiscal_year" carries its own provenance: single where the 2569 source
labels the item so, inferred where only the counterpart item of another year or the title
("…ประจำปี", a report of a finished year) says so.

Each catalog also carries the seven issues of seed 004 (resources/library/issues.json, 2567)
on its own codes: through the catalog's code mapping from 2567, else through the item-text
correspondences below (an old item whose subject a new item covers); see grouping.carry_issues.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ita_desktop.domain.framework import framework_from_dict  # noqa: E402
from ita_desktop.domain.grouping import carry_issues, templates_from_dict, unplaced  # noqa: E402

OUT = ROOT / "resources" / "frameworks"
KIND = {"C": "sourced", "S": "single", "I": "inferred", "S/I": "inferred"}

OIT_2568 = [
    ("โครงสร้างและอำนาจหน้าที่", "S"), ("ข้อมูลผู้บริหาร", "I"), ("ข้อมูลการติดต่อ", "S"),
    ("ข่าวประชาสัมพันธ์", "S"), ("แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", "I"),
    ("แผนและความก้าวหน้าในการดำเนินงานและการใช้จ่ายงบประมาณประจำปี", "I"),
    ("รายงานผลการดำเนินงานประจำปี", "I"), ("คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", "C"),
    ("คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือผู้มาติดต่อ", "S"), ("E-Service", "S"),
    ("ข้อมูลสถิติการให้บริการ", "S"),
    ("รายการการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ และความก้าวหน้าการจัดซื้อจัดจ้างหรือการจัดหาพัสดุ", "C"),
    ("รายงานผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุประจำปี", "C"),
    ("แผนการบริหารและพัฒนาทรัพยากรบุคคล", "C"), ("รายงานผลการบริหารและพัฒนาทรัพยากรบุคคลประจำปี", "S"),
    ("ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม", "C"),
    ("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "C"),
    ("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "C"),
    ("ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบประจำปี", "S"),
    ("การเปิดโอกาสให้เกิดการมีส่วนร่วม", "S"),
    ("ประกาศเจตนารมณ์และการสร้างวัฒนธรรม ตามนโยบาย No Gift Policy จากการปฏิบัติหน้าที่", "C"),
    ("รายงานการรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยา", "S"),
    ("การประเมินความเสี่ยงที่อาจเกิดการให้หรือรับสินบนจากการดำเนินงานตามภารกิจของหน่วยงาน", "C"),
    ("รายงานผลการดำเนินการเพื่อจัดการความเสี่ยงการทุจริตและประพฤติมิชอบ", "S"),
    ("แผนปฏิบัติการป้องกันการทุจริต", "S/I"), ("รายงานผลการดำเนินการป้องกันการทุจริต", "S/I"),
]
NOTES_2568 = {5: "สำหรับ อปท. คือแผนพัฒนาท้องถิ่น"}
# item number -> provenance of "reports on the previous fiscal year": FRAMEWORKS' 2568 list does
# not say it; the 2569 counterparts (o12, o14, o18) are labelled so and the titles say ประจำปี
PREVIOUS_FY_2568 = {13: "inferred", 15: "inferred", 19: "inferred"}
# (title, provenance, reports on the previous fiscal year?)
OIT_2569 = [
    ("โครงสร้าง หน้าที่และอำนาจ", "S", False), ("ข้อมูลผู้บริหาร", "I", False),
    ("ข้อมูลการติดต่อและช่องทางการสอบถาม", "S", False), ("ข่าวประชาสัมพันธ์", "S", False),
    ("แผนยุทธศาสตร์หรือแผนพัฒนาหน่วยงาน", "S", False),
    ("แผนการดำเนินงานและการใช้จ่ายงบประมาณประจำปี", "I", False),
    ("รายงานผลการดำเนินงานประจำปี", "I", False), ("คู่มือหรือแนวทางการปฏิบัติงานของเจ้าหน้าที่", "S", False),
    ("คู่มือหรือแนวทางการขอรับบริการสำหรับผู้รับบริการหรือผู้มาติดต่อ", "S", False),
    ("ระบบการให้บริการผ่านช่องทางออนไลน์ (E-Service)", "S", False),
    ("สรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุรายเดือน", "S", False),
    ("รายงานสรุปผลการจัดซื้อจัดจ้างหรือการจัดหาพัสดุของหน่วยงานประจำปี", "S", True),
    ("หลักเกณฑ์และแผนการบริหารและพัฒนาทรัพยากรบุคคล", "S", False),
    ("รายงานผลการบริหารและพัฒนาทรัพยากรบุคคล", "S", True),
    ("ประมวลจริยธรรมและการขับเคลื่อนจริยธรรม", "S", False),
    ("แนวปฏิบัติการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "S", False),
    ("ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "S", False),
    ("ข้อมูลสถิติเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ", "S", True),
    ("ผลการเปิดโอกาสให้มีส่วนร่วมในการดำเนินงาน", "S", False),
    ("การขับเคลื่อนนโยบาย No Gift Policy จากการปฏิบัติหน้าที่และการเสริมสร้างความรู้เกี่ยวกับหลักเกณฑ์"
     "การรับทรัพย์สินหรือประโยชน์อื่นใดโดยธรรมจรรยาของเจ้าพนักงานของรัฐ", "S", False),
    ("การประเมินความเสี่ยงการทุจริตประจำปี", "S", False),
    ("รายงานผลการดำเนินการตามแผนบริหารจัดการความเสี่ยงการทุจริต", "S", True),
    ("แผนปฏิบัติการป้องกันการทุจริต", "S", False), ("รายงานผลการดำเนินการป้องกันการทุจริต", "S", True),
    ("การนำผลการประเมิน ITA ไปสู่การพัฒนาองค์กร", "S", False),
    ("รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", "S", False),
]
# o7 รายงานผลการดำเนินงานประจำปี: not labelled by the source; an annual report is of a finished year
PREVIOUS_FY_2569 = {n: "single" for n, item in enumerate(OIT_2569, 1) if item[2]} | {7: "inferred"}

# 2567 code -> the code(s) of the new year whose item covers the same subject (item texts
# compared by hand; 2567 o6 Q&A and o15 ประกาศจัดซื้อ have no item of their own in 2568, nor
# o12 ข้อมูลสถิติการให้บริการ and o15 in 2569 (its o3 takes Q&A: "…และช่องทางการสอบถาม"); and
# o34/o35 go through the catalog mapping in 2569, have none in 2568: unresolved)
BY_TEXT_2568 = {
    "o1": "o1", "o2": "o2", "o3": "o1", "o4": "o3", "o5": "o4", "o7": "o5", "o8": "o6", "o9": "o7",
    "o10": "o8", "o11": "o9", "o12": "o11", "o13": "o10", "o14": "o12", "o16": "o12", "o17": "o13",
    "o18": "o14", "o19": "o15", "o20": "o16", "o21": "o16", "o22": "o17", "o23": "o18", "o24": "o19",
    "o25": "o20", "o26": "o21", "o27": "o21", "o28": "o21", "o29": "o22", "o30": "o23", "o31": "o24",
    "o32": "o25", "o33": "o26",
}
BY_TEXT_2569 = {
    "o1": "o1", "o2": "o2", "o3": "o1", "o4": "o3", "o5": "o4", "o6": "o3", "o7": "o5", "o8": "o6",
    "o9": "o7", "o10": "o8", "o11": "o9", "o13": "o10", "o14": "o11", "o16": "o11",
    "o17": "o12", "o18": "o13", "o19": "o14", "o20": "o15", "o21": "o15", "o22": "o16", "o23": "o17",
    "o24": "o18", "o25": "o19", "o26": "o20", "o27": "o20", "o28": "o20", "o29": "o20", "o30": "o21",
    "o31": "o22", "o32": "o23", "o33": "o24",
}


def catalog(year: int, oit: list[tuple], last_of_9: int, documents: dict[str, str], source: str,
            mapping: dict[str, dict[str, str]], previous_fy: dict[int, str],
            notes: dict[int, str] | None = None) -> dict:
    base = json.loads((OUT / "ita-2567.json").read_text(encoding="utf-8"))
    questions = [dict(q, provenance="copied") for q in base["questions"] if q["code"][0] in "ie"]
    for n, item in enumerate(oit, 1):
        q = {"code": f"o{n}", "indicator": 9 if n <= last_of_9 else 10, "text": item[0],
             "provenance": KIND[item[1]]}
        if (notes or {}).get(n):
            q["note"] = notes[n]  # type: ignore[index]
        if n in previous_fy:
            q["reports_on"] = "previous_fiscal_year"
            q["reports_on_provenance"] = previous_fy[n]
        questions.append(q)
    return {
        "format": "ita-desktop-framework", "version": 1, "ita_year": year,
        "title": f"ITA ปี {str(year).translate(str.maketrans('0123456789', '๐๑๒๓๔๕๖๗๘๙'))} (ยังไม่ยืนยัน)",
        "source": source, "provenance": "single", "rating": "levels", "threshold": 85,
        "tools": base["tools"], "indicators": base["indicators"], "questions": questions,
        "levels": base["levels"], "documents": documents, "mapping_from": mapping,
    }


def main() -> None:
    common = ("รายการ OIT จากรหัสหน้าเว็บที่หน่วยงานแห่งหนึ่งเผยแพร่ (ยืนยันบางข้อกับอีกแหล่ง); "
              "ข้อคำถาม IIT/EIT คัดลอกจากปี ๒๕๖๗ ยังไม่ยืนยัน; การจัดข้อ OIT เข้าตัวชี้วัดที่ ๙/๑๐ เป็นการอนุมาน; "
              "น้ำหนัก ๓๐/๓๐/๔๐ และเกณฑ์ห้าระดับเชื่อว่าไม่เปลี่ยน (ยังไม่ยืนยัน)")
    base = json.loads((OUT / "ita-2567.json").read_text(encoding="utf-8"))
    copied = {q["code"]: q["code"] for q in base["questions"] if q["code"][0] in "ie"}  # same questions
    c2568 = catalog(2568, OIT_2568, 20, {}, common + " — ยังไม่ทราบว่าข้อใดเป็นเอกสารมาตรการและรายงานผล",
                    {"2567": dict(copied)}, PREVIOUS_FY_2568, NOTES_2568)
    c2569 = catalog(2569, OIT_2569, 19, {"analysis": "o25", "implementation": "o26"}, common,
                    {"2567": {**copied, "o34": "o25", "o35": "o26"}}, PREVIOUS_FY_2569)
    seed004 = templates_from_dict(json.loads((ROOT / "resources" / "library" / "issues.json")
                                             .read_text(encoding="utf-8")))[2567]
    for data, by_text in ((c2568, BY_TEXT_2568), (c2569, BY_TEXT_2569)):
        groups = carry_issues(seed004, 2567, framework_from_dict(data), by_text)
        left = unplaced(groups, framework_from_dict(data))
        if left:
            raise SystemExit(f"{data['ita_year']}: no issue holds {left}")
        data["issues"] = {
            "source": ("เจ็ดประเด็นตามรายงานการวิเคราะห์ ITA ปี ๒๕๖๗ ของ อปท. แห่งหนึ่ง (seed 004) "
                       "เทียบเป็นรหัสของปีนี้: IIT/EIT และข้อที่มีในตารางเทียบรหัสตามตาราง "
                       "ข้อ OIT อื่นอนุมานจากชื่อข้อ (ยังไม่ยืนยัน)"),
            "from": 2567,
            "groups": groups,
        }
    for data in (c2568, c2569):
        path = OUT / f"ita-{data['ita_year']}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(path, len(data["questions"]), "questions")


if __name__ == "__main__":
    main()
