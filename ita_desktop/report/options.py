"""What a clerk chooses for a printed report: plain data, no reportlab, no Qt.

Each option is declared once, in OPTIONS (kind, default, Thai label, the render command's flag
and help, choices, range, unit, where the print screen shows it). From the declarations come
the render command's arguments (cli.py), `validate()` and its Thai messages (naming the option
by its label; the command line puts its flag in front instead), the kinds a settings file may
hold (`parse_settings`), what is saved in the office file (`saved_options`, read back by
`options_from_saved`) and the print screen's simple fields (ui/dialogs/print_report.py).
ReportOptions keeps one typed field per option for the builder (mypy reads the types); a test
checks that its fields and defaults are the declarations'.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

COLUMN_KEYS = ("seq", "indicator", "group", "title", "steps", "period", "responsible", "output",
               "outcome", "budget", "target", "monitoring", "status", "progress", "problems",
               "suggestions")
# Default headings: the words seen in real reports (docs/domain.md §3).
DEFAULT_HEADINGS = {
    "seq": "ลำดับ",
    "indicator": "ตัวชี้วัด",
    "group": "ประเด็น",
    "title": "มาตรการ โครงการ หรือกิจกรรมที่ดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "steps": "ขั้นตอนหรือวิธีการปฏิบัติ",
    "period": "ช่วงระยะเวลาในการดำเนินการ",
    "responsible": "ผู้รับผิดชอบ",
    "output": "ผลการดำเนินการ (output)",
    "outcome": "ผลลัพธ์หรือผลสัมฤทธิ์ในการดำเนินการ (outcome/result)",
    "budget": "งบประมาณ",
    "target": "เป้าหมาย/ตัวชี้วัดความสำเร็จ",
    "monitoring": "การกำกับติดตามและรายงานผล",
    "status": "สถานะการดำเนินการ",
    "progress": "ความก้าวหน้า",
    "problems": "ปัญหา/อุปสรรค",
    "suggestions": "ข้อเสนอแนะ",
}
COLUMN_NAMES = {  # short names for the print screen and messages
    "seq": "ลำดับ", "indicator": "ตัวชี้วัด", "group": "ประเด็น", "title": "มาตรการ",
    "steps": "ขั้นตอน", "period": "ระยะเวลา", "responsible": "ผู้รับผิดชอบ",
    "output": "ผลการดำเนินการ", "outcome": "ผลลัพธ์", "budget": "งบประมาณ",
    "target": "เป้าหมาย", "monitoring": "การติดตามผล", "status": "สถานะ",
    "progress": "ความก้าวหน้า", "problems": "ปัญหา/อุปสรรค", "suggestions": "ข้อเสนอแนะ",
}
DEFAULT_COLUMNS = ("title", "steps", "period", "responsible", "output", "outcome")

PLACEHOLDERS = {
    "หน่วยงาน": "ชื่อเต็มของหน่วยงาน",
    "หน่วยงานย่อ": "ชื่อย่อของหน่วยงาน",
    "ส่วนราชการ": "กอง/ฝ่ายที่ออกรายงาน",
    "ตำบล": "ตำบล",
    "อำเภอ": "อำเภอ",
    "จังหวัด": "จังหวัด",
    "ปีงบประมาณ": "ปีงบประมาณของมาตรการ",
    "ปีประเมิน": "ปีของผลการประเมิน ITA",
    "คะแนน": "คะแนนรวม ITA",
    "IIT": "คะแนน IIT",
    "EIT": "คะแนน EIT",
    "OIT": "คะแนน OIT",
    "ระดับ": "ระดับผลการประเมิน",
    "รอบ": "รอบการรายงาน",
    "ช่วงเวลา": "ช่วงเวลาของรอบ",
    "วันที่": "วันที่พิมพ์",
    "เดือนปี": "เดือนและปีของเอกสาร",
    "จำนวนประเด็น": "จำนวนประเด็นของการวิเคราะห์",
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")

DEFAULT_TITLE = (
    "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
    "ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}\n"
    "{รอบ} ({ช่วงเวลา})\n"
    "{ส่วนราชการ}\n"
    "{หน่วยงาน}\n"
    "อำเภอ{อำเภอ} จังหวัด{จังหวัด}"
)
DEFAULT_INTRO = (
    "ตามที่{หน่วยงาน}ได้รับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ "
    "(ITA) ประจำปีงบประมาณ พ.ศ. {ปีประเมิน} ได้คะแนน {คะแนน} คะแนน อยู่ในระดับ{ระดับ} "
    "และได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. "
    "{ปีงบประมาณ} นั้น บัดนี้ได้ดำเนินการตามมาตรการดังกล่าว{รอบ} ({ช่วงเวลา}) แล้ว "
    "จึงขอรายงานผลการดำเนินการ รายละเอียดดังนี้"
)
DEFAULT_INTRO_NO_SCORE = (
    "ตามที่{หน่วยงาน}ได้กำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ} นั้น บัดนี้ได้ดำเนินการตามมาตรการดังกล่าว{รอบ} "
    "({ช่วงเวลา}) แล้ว จึงขอรายงานผลการดำเนินการ รายละเอียดดังนี้"
)

# The analysis + measures document (การวิเคราะห์ผลการประเมิน ITA และมาตรการ, seed 004)
ANALYSIS_COLUMNS = ("group", "title", "steps", "responsible", "period")
ANALYSIS_HEADINGS = {
    "group": "ประเด็นที่",
    "title": "มาตรการ/โครงการ/กิจกรรม",
    "steps": "ขั้นตอน/วิธีปฏิบัติ",
    "period": "ระยะเวลาดำเนินการ",
}
ANALYSIS_COVER = (
    "การวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใส\n"
    "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA)\n"
    "ประจำปีงบประมาณ พ.ศ. {ปีประเมิน}\n"
    "และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
    "ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}\n"
    "\n"
    "{ส่วนราชการ}\n"
    "{หน่วยงาน}\n"
    "อำเภอ{อำเภอ} จังหวัด{จังหวัด}"
)
ANALYSIS_TITLE = (
    "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ\n"
    "ประจำปีงบประมาณ พ.ศ. {ปีประเมิน} {หน่วยงาน}\n"
    "เพื่อจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}"
)
ANALYSIS_INTRO = (
    "จากผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. "
    "{ปีประเมิน} ของ{หน่วยงาน} พบว่าได้คะแนนภาพรวม {คะแนน} คะแนน อยู่ในระดับ{ระดับ} "
    "โดยเครื่องมือ IIT ได้ {IIT} คะแนน EIT ได้ {EIT} คะแนน และ OIT ได้ {OIT} คะแนน "
    "ดังภาพที่ ๑ และคะแนนรายตัวชี้วัดดังภาพที่ ๒"
)
ANALYSIS_INTRO_NO_SCORE = (
    "{หน่วยงาน}ยังไม่ได้บันทึกคะแนนผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปีงบประมาณ พ.ศ. {ปีประเมิน}"
)
# The analysis' four sections: a block per section (its heading line, then its lead paragraph),
# blocks separated by an empty line; a block starting "๓." is section ๓ (else by its place)
ANALYSIS_SECTIONS = (
    "๑. ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ พ.ศ. {ปีประเมิน}\n"
    "\n"
    "๒. สรุปผลการประเมินรายตัวชี้วัด ประจำปีงบประมาณ พ.ศ. {ปีประเมิน}\n"
    "\n"
    "๓. ผลการวิเคราะห์รายประเด็น ประจำปีงบประมาณ พ.ศ. {ปีประเมิน}\n"
    "{หน่วยงาน}ได้นำผลการประเมินรายข้อคำถามมาวิเคราะห์ แยกเป็น {จำนวนประเด็น} ประเด็น "
    "แต่ละประเด็นแสดงคะแนนรายข้อ ข้อที่ต้องพัฒนา และข้อที่ควรรักษาระดับ ดังนี้\n"
    "\n"
    "๔. มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}\n"
    "วิธีการนำผลการวิเคราะห์แต่ละประเด็นไปสู่การปฏิบัติ เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายใน{หน่วยงาน} "
    "มีดังนี้"
)

IMPLEMENTATION_COVER = (
    "รายงานผลการดำเนินการ\n"
    "เพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
    "ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}\n"
    "{รอบ}\n"
    "\n"
    "{ส่วนราชการ}\n"
    "{หน่วยงาน}\n"
    "อำเภอ{อำเภอ} จังหวัด{จังหวัด}"
)
IMPLEMENTATION_PREFACE = (
    "รายงานฉบับนี้เป็นรายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ} {รอบ} ของ{หน่วยงาน} จัดทำขึ้นเพื่อสรุปผลการดำเนินการ"
    "ตามมาตรการที่กำหนดไว้ และเผยแพร่ต่อสาธารณะตามแนวทางการประเมินคุณธรรมและความโปร่งใส"
    "ในการดำเนินงานของหน่วยงานภาครัฐ (ITA) หวังเป็นอย่างยิ่งว่ารายงานฉบับนี้จะเป็นประโยชน์"
    "ต่อการพัฒนาการปฏิบัติงานของหน่วยงานต่อไป"
)
ANALYSIS_PREFACE = (
    "{หน่วยงาน}ได้นำผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
    "ประจำปีงบประมาณ พ.ศ. {ปีประเมิน} มาวิเคราะห์เพื่อหาข้อที่ต้องพัฒนาและข้อที่ควรรักษาระดับไว้ "
    "และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. "
    "{ปีงบประมาณ} เพื่อให้การปฏิบัติงานเป็นไปอย่างโปร่งใส ตรวจสอบได้ และเป็นที่เชื่อมั่นของประชาชน"
)

PSK_SIZES = (14.0, 14.5, 15.0, 15.5, 16.0, 16.5, 17.0, 17.5, 18.0, 19.0, 20.0)
PSK_FLOOR = 14.0  # smallest type a table may shrink to (the look of TH Sarabun PSK 14)


# --- the options, declared once ------------------------------------------------------------
# What an option's value is, and how each place treats it:
#   choice    one of `choices` (text)                  combo box of the Thai labels
#   bool      true/false (None: the document's habit)  check box; the flag sets it (--no-x: off)
#   number    within `range`, in `unit`                spin box, or a combo of `choices` (presets)
#   text      a short text                             line edit
#   template  text with {placeholders}                 text box
#   date      ISO date; typed as a Thai date           line edit
#   file      an image file on this PC                 line edit and a เลือก… button
#   files     image files on this PC, in order         list with เพิ่ม/เอาออก
#   columns   column keys, in order                    the columns list (its own editor)
#   headings  a text per column key (KEY=TEXT)         a line edit per column
#   widths    millimetres per column key (KEY=MM)      (not on the print screen)
#   font      "" (Sarabun), an installed family, or a TTF file's path
#   year      the fiscal year (B.E.)
WORD_FONT = "TH SarabunPSK"  # what a .docx names: the font the clerk's Word has (the PDF embeds Sarabun)
KINDS = ("choice", "bool", "number", "text", "template", "date", "file", "files", "columns", "headings",
         "widths", "font", "year")


@dataclass(frozen=True)
class Option:
    """One print option. `flag`: the render command's flag ("" = only in a settings file; one
    flag may set several options: --margins); `help`: its --help text (English, as the rest of
    --help; a choice's values when not given: flag_help()). `choices`: (value, Thai label) a choice may take, or the sizes a number offers on
    the print screen; `range`: a number's (a width's) bounds; `unit`: Thai, after a number.
    `hint`: Thai placeholder or tooltip on the print screen; `tab`: the print screen's tab
    ("document", "page", "text", "signature"; "" = not shown), in the order of OPTIONS;
    `documents`: the documents it applies to (() = all); `per_pc`: it names files of this PC,
    so it is never saved in the office file."""

    name: str
    kind: str
    default: Any
    label: str
    flag: str = ""
    help: str = ""
    choices: tuple[tuple[Any, str], ...] = ()
    range: tuple[float, float] | None = None
    unit: str = ""
    step: float = 0.0
    hint: str = ""
    tab: str = ""
    documents: tuple[str, ...] = ()
    per_pc: bool = False
    metavar: str = ""

    def flag_help(self) -> str:
        """The flag's --help text: `help`, or a choice's values ("table | blocks")."""
        if self.help or self.kind != "choice":
            return self.help
        return " | ".join(str(value) for value, _ in self.choices if value != "")


def _thai_number(value: float) -> str:
    return f"{value:g}".translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))


_ORIENTATIONS = (("landscape", "แนวนอน"), ("portrait", "แนวตั้ง"))


def _margin(name: str, default: float, label: str) -> Option:
    return Option(name, "number", default, label, "--margins", "top,bottom,left,right in cm (2.5,2,3,2)",
                  range=(0.5, 6.0), unit="ซม.", step=0.25, tab="page")


def _size(name: str, default: float, label: str) -> Option:
    return Option(name, "number", default, label, "--" + name.replace("_", "-"),
                  f"TH Sarabun PSK points ({default:g})", range=(10.0, 28.0), unit="พอยต์", tab="page",
                  choices=tuple((size, f"{_thai_number(size)} (เทียบ TH Sarabun PSK)") for size in PSK_SIZES))

OPTIONS: tuple[Option, ...] = (
    # the print screen's tab เอกสาร, in its order
    Option("document", "choice", "implementation", "เอกสาร", "--document",
           choices=(("implementation", "รายงานผลการดำเนินการ"),
                    ("analysis", "การวิเคราะห์ผลการประเมินและมาตรการ"),
                    ("oit-register", "ทะเบียนการเปิดเผยข้อมูลสาธารณะ (OIT)"),
                    ("memo", "บันทึกข้อความขออนุมัติและขอเผยแพร่"),
                    ("publish-form", "แบบฟอร์มขออนุญาตเผยแพร่ข้อมูลผ่านเว็บไซต์"),
                    ("photos", "ภาพกิจกรรม")), tab="document"),
    Option("fiscal_year", "year", 0, "ปีงบประมาณ", "--year",
           "fiscal year (B.E.), e.g. 2568; oit-register and publish-form: the ITA year N of the register "
           "(the one FY N's analysis and 6-month report and FY N-1's year-end report are published for)",
           tab="document"),
    Option("round", "choice", "year", "รอบการรายงาน", "--round",
           choices=(("year", "รอบ ๑๒ เดือน"), ("half", "รอบ ๖ เดือน")), tab="document",
           documents=("implementation", "memo", "photos")),
    Option("memo_for", "choice", "implementation", "บันทึกข้อความเสนอเอกสาร", "--for",
           choices=(("implementation", "รายงานผลการดำเนินการ"),
                    ("analysis", "การวิเคราะห์ผลการประเมินและมาตรการ")), tab="document",
           documents=("memo",)),
    Option("items", "text", "", "ข้อ OIT ที่จะพิมพ์แบบฟอร์ม", "--items",
           "publish-form: item codes, comma separated (o1,o7); default: every item with an answer or a URL",
           hint="เช่น o1,o7 (เว้นว่าง = ทุกข้อที่ตอบแล้วหรือมี URL)", tab="document", documents=("publish-form",)),
    Option("photos_per_page", "choice", "6", "ภาพต่อหน้า", "--photos-per-page",
           choices=(("6", "๖ ภาพ (๒ × ๓)"), ("4", "๔ ภาพ (๒ × ๒)")), tab="document",
           documents=("photos", "implementation")),
    Option("with_photos", "bool", False, "พิมพ์ภาพกิจกรรมด้วย (ใต้แต่ละมาตรการ หรือท้ายรายงานแบบตาราง)", "--with-photos",
           "implementation: the measures' photos (ภาพกิจกรรม): pages after the table layout, under each "
           "measure in the blocks layout", tab="document",
           documents=("implementation",)),
    Option("layout", "choice", "table", "รูปแบบ", "--layout",
           choices=(("table", "ตาราง (แนวนอน)"), ("blocks", "หัวข้อเรียงลงมา (แนวตั้ง)")), tab="document",
           documents=("implementation",)),
    Option("digits", "choice", "thai", "ตัวเลข", "--digits",
           choices=(("thai", "เลขไทย"), ("arabic", "เลขอารบิก")), tab="document"),
    Option("number_titles", "bool", True, "ใส่ลำดับหน้าชื่อมาตรการ (ถ้ายังไม่มี)", "--no-numbers",
           "do not number the titles", tab="document"),
    Option("cover", "bool", None, "มีหน้าปก", "--no-cover", "no cover page (the analysis has one)",
           tab="document"),
    Option("front_matter", "bool", False, "ทำเป็นรูปเล่ม: ปก คำนำ สารบัญ", "--front-matter",
           "cover, คำนำ and สารบัญ numbered ก ข ค", hint="หน้าคำนำและสารบัญมีเลขหน้า ก ข ค", tab="document"),
    Option("table_orientation", "choice", "", "ตารางมาตรการ", "--table-orientation",
           "analysis: landscape measures table", choices=(("", "แนวเดียวกับเอกสาร"), *_ORIENTATIONS),
           hint="แนวกระดาษของตารางมาตรการในเอกสารการวิเคราะห์ผลการประเมินและมาตรการ", tab="document",
           documents=("analysis",)),
    Option("measure_numbers", "choice", "straight", "ลำดับมาตรการ", "--measure-numbers",
           choices=(("straight", "เรียงต่อกันทุกประเด็น"), ("issue", "เริ่ม ๑ ใหม่ในแต่ละประเด็น")),
           tab="document", documents=("analysis",)),
    Option("figure1", "file", "", "ภาพที่ ๑ จากไฟล์", "--figure1",
           "analysis: an image instead of chart 1 (total and tools)", hint="เว้นว่าง = แผนภูมิที่โปรแกรมวาด",
           tab="document", documents=("analysis",), per_pc=True),
    Option("figure2", "file", "", "ภาพที่ ๒ จากไฟล์", "--figure2",
           "analysis: an image instead of chart 2 (indicators)", hint="เว้นว่าง = แผนภูมิที่โปรแกรมวาด",
           tab="document", documents=("analysis",), per_pc=True),
    Option("appendix", "files", (), "ภาคผนวก", "--appendix", "an appendix page", tab="document",
           per_pc=True, metavar="IMAGE"),
    Option("division", "text", "", "ออกในนามของ", "--division", "division name printed above the office",
           tab="document"),
    Option("filter_division", "bool", False, "เฉพาะมาตรการของกอง/ฝ่ายนี้", "--only-division",
           "only that division's measures", tab="document"),
    Option("columns", "columns", DEFAULT_COLUMNS, "คอลัมน์/หัวข้อ", "--columns",
           "comma separated: " + ",".join(COLUMN_KEYS), hint="ติ๊กเลือก ลากเพื่อเรียง", tab="document",
           documents=("implementation",)),
    Option("empty_mark", "choice", "-", "ช่องที่ไม่มีข้อมูล", "--empty-mark",
           "what an empty field prints: - | '' (blank)",
           choices=(("-", "พิมพ์ -"), ("", "เว้นว่าง")), tab="document", documents=("implementation",)),
    # the tab หน้ากระดาษ
    Option("orientation", "choice", "", "แนวกระดาษ", "--orientation",
           choices=(("", "ตามรูปแบบ"), *_ORIENTATIONS), tab="page"),
    _margin("margin_top_cm", 2.5, "ขอบบน"),
    _margin("margin_bottom_cm", 2.0, "ขอบล่าง"),
    _margin("margin_left_cm", 3.0, "ขอบซ้าย"),
    _margin("margin_right_cm", 2.0, "ขอบขวา"),
    Option("page_numbers", "choice", "dash", "เลขหน้า", "--page-numbers",
           choices=(("dash", "- ๒ - (ตั้งแต่หน้า ๒)"), ("of", "หน้า ๒ จาก ๑๒"), ("none", "ไม่ใส่เลขหน้า")),
           tab="page"),
    _size("body_size", 16.0, "ตัวอักษรเนื้อความ"),
    _size("table_size", 14.0, "ตัวอักษรในตาราง"),
    _size("heading_size", 18.0, "ตัวอักษรหัวเรื่อง"),
    Option("font", "font", "", "แบบอักษร", "--font", "Sarabun, or an installed TH Sarabun New/PSK", tab="page"),
    # the tab ข้อความ
    Option("title", "template", DEFAULT_TITLE, "หัวเรื่อง", "--title", "title template (lines separated by \\n)",
           tab="text"),
    Option("intro", "template", "", "ย่อหน้านำ", "--intro", "intro paragraph template",
           hint="เว้นว่างไว้เพื่อใช้ย่อหน้านำมาตรฐาน", tab="text"),
    Option("headings", "headings", {}, "หัวคอลัมน์", "--heading", "a column's heading", tab="text",
           metavar="KEY=TEXT"),
    Option("sections", "template", "", "หัวข้อและย่อหน้านำของแต่ละส่วน", "--sections",
           "analysis: each section's heading and lead, a block each, blocks separated by an empty line",
           hint="เว้นว่างไว้เพื่อใช้ข้อความมาตรฐาน: ส่วนละย่อหน้า บรรทัดแรกเป็นหัวข้อ เว้นบรรทัดระหว่างส่วน",
           tab="text", documents=("analysis",)),
    # the tab ผู้ลงนาม
    Option("sign_date", "date", "", "วันที่ลงนาม", "--sign-date", "date on the signature line, e.g. 30/9/2568",
           hint="เช่น ๓๐ กันยายน ๒๕๖๘ (เว้นว่าง = เส้นประให้เขียน)", tab="signature"),
    # not on the print screen
    Option("widths_mm", "widths", {}, "ความกว้างคอลัมน์", "--width", "a column's width in mm", range=(5.0, 400.0),
           unit="มม.", metavar="KEY=MM"),
    Option("signatures", "bool", True, "ช่องลงนาม", "--no-signatures", "no signature lines"),
    Option("draft", "choice", "auto", "คำว่า «ฉบับร่าง»", "--draft", "auto (until approved in the file) | yes | no",
           choices=(("auto", "พิมพ์จนกว่าผู้บริหารอนุมัติในไฟล์"), ("yes", "พิมพ์"), ("no", "ไม่พิมพ์"))),
    Option("analysis_columns", "columns", ANALYSIS_COLUMNS, "คอลัมน์ของตารางมาตรการ (การวิเคราะห์)",
           documents=("analysis",)),
    Option("cover_text", "template", "", "ข้อความหน้าปก"),
    Option("preface", "template", "", "คำนำ"),
    # the file written (issue 17): the PDF, or the same document as a Word file
    Option("format", "choice", "pdf", "ชนิดไฟล์", "--format",
           "pdf | docx (Word; implied by -o NAME.docx)",
           choices=(("pdf", "ไฟล์ PDF"), ("docx", "ไฟล์ Word (.docx)"))),
    Option("word_font", "text", WORD_FONT, "แบบอักษรในไฟล์ Word", "--word-font",
           f"the font a .docx names, installed on the PC that opens it ({WORD_FONT})",
           hint="ชื่อแบบอักษรที่ติดตั้งในเครื่องที่เปิดไฟล์ Word เช่น TH SarabunPSK หรือ TH SarabunIT๙",
           tab="page", documents=("implementation", "analysis", "memo", "publish-form", "oit-register")),
)
KEY_OPTIONS = ("fiscal_year", "document", "round")  # which saved settings: not among them
NOT_SAVED = ("format",)  # what kind of file is written this time: not a setting of the document


def option_or_none(name: str) -> Option | None:
    """The declaration of option `name`, or None."""
    return next((opt for opt in OPTIONS if opt.name == name), None)


def option(name: str) -> Option:
    """The declaration of option `name` (KeyError when there is none)."""
    found = option_or_none(name)
    if found is None:
        raise KeyError(name)
    return found


def applies(opt: Option, document: str) -> bool:
    """The option means something for `document`."""
    return not opt.documents or document in opt.documents


def to_json(opt: Option, value: Any) -> Any:
    """A value as JSON holds it (lists for tuples, copies of dicts)."""
    if opt.kind in ("columns", "files"):
        return list(value)
    if opt.kind in ("headings", "widths"):
        return dict(value)
    return value


def _either(words: list[str]) -> str:
    """"ก, ข หรือ ค"."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " หรือ " + words[-1]


def option_problem(opt: Option, opts: ReportOptions) -> str:
    """'' when option `opt` of `opts` can be printed; else what is wrong, in Thai, without
    naming the option (OptionsError puts its label or its flag in front)."""
    value = getattr(opts, opt.name)
    kind = opt.kind
    if kind == "choice":
        values = [v for v, _ in opt.choices]
        if value in values:
            return ""
        named = [f"{v} ({label})" for v, label in opt.choices if v != ""]
        return f"ต้องเป็น {_either(named)} ไม่ใช่ «{_shown(str(value))}»"
    if kind == "number":
        assert opt.range is not None
        low, high = opt.range
        if not low <= float(value) <= high:
            return f"ต้องอยู่ระหว่าง {_thai_number(low)} ถึง {_thai_number(high)} {opt.unit}".rstrip()
        return ""
    if kind == "columns":
        if not value:
            return "ต้องเลือกอย่างน้อยหนึ่งคอลัมน์"
        bad = [c for c in value if c not in COLUMN_KEYS]
        if bad:
            return f"ไม่รู้จัก {', '.join(_shown(str(c)) for c in bad)} (ใช้ได้: {', '.join(COLUMN_KEYS)})"
        if len(set(value)) != len(value):
            return "มีคอลัมน์ซ้ำกัน"
        return ""
    if kind == "headings":
        bad = [k for k in value if k not in COLUMN_KEYS]
        return f"ไม่รู้จักคอลัมน์ {', '.join(_shown(k) for k in bad)}" if bad else ""
    if kind == "widths":
        assert opt.range is not None
        low, high = opt.range
        for key, width in value.items():
            if key not in opts.columns:
                return f"คอลัมน์ {_shown(key)} ไม่ได้ถูกเลือกให้พิมพ์"
            if not low <= float(width) <= high:
                return (f"ความกว้างคอลัมน์ {_shown(key)} ต้องอยู่ระหว่าง {_thai_number(low)} ถึง "
                        f"{_thai_number(high)} {opt.unit}")
        return ""
    if kind == "date" and value:
        import datetime as dt

        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return f"«{_shown(value)}» ไม่ใช่วันที่"
        if day.year > 2300:
            return f"«{value}»: ใช้ปี ค.ศ. (เช่น 2025-09-30 คือ ๓๐ กันยายน ๒๕๖๘)"
        return ""
    if kind == "file" and value and not Path(value).is_file():
        return f"ไม่พบไฟล์ภาพ {value}"
    if kind == "files":
        missing = next((path for path in value if not Path(path).is_file()), None)
        return f"ไม่พบไฟล์ภาพ {missing}" if missing is not None else ""
    if kind == "template":
        unknown = [p for p in _PLACEHOLDER.findall(value) if p not in PLACEHOLDERS]
        if unknown:
            names = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
            return f"ไม่รู้จัก {{{_shown(unknown[0])}}} (ใช้ได้: {names})"
    return ""


class ReportError(Exception):
    """A report that cannot be made; the message is Thai and meant for the clerk."""


class OptionsError(ReportError, ValueError):
    """Options that cannot be printed; the message is Thai. With `option` (a declared option's
    name) the message is "label: text", `text` alone what is wrong with it: the command line
    shows "--flag: text" instead, the print screen the label."""

    def __init__(self, text: str, option: str = "") -> None:
        found = option_or_none(option)
        super().__init__(f"{found.label}: {text}" if found else text)
        self.text, self.option = text, option


@dataclass
class ReportOptions:
    """Everything that decides how a report prints. Sizes are TH Sarabun PSK points."""

    fiscal_year: int = 0
    document: str = "implementation"
    round: str = "year"  # half | year
    layout: str = "table"  # table | blocks
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    empty_mark: str = "-"  # printed in a field with nothing in it ("" = left blank)
    headings: dict[str, str] = field(default_factory=dict)
    widths_mm: dict[str, float] = field(default_factory=dict)  # columns the clerk fixed
    orientation: str = ""  # portrait | landscape; "" = landscape for tables, portrait for blocks
    digits: str = "thai"  # thai | arabic
    number_titles: bool = True  # print "๑." before a title that has no number of its own
    division: str = ""  # a division's name or id: its line above the office name, its measures
    filter_division: bool = False
    title: str = DEFAULT_TITLE
    intro: str = ""  # "" = the default intro (with the score when there is one)
    sections: str = ""  # "" = ANALYSIS_SECTIONS (the analysis' section headings and leads)
    body_size: float = 16.0
    table_size: float = 14.0
    heading_size: float = 18.0
    font: str = ""  # "" = Sarabun (embedded); or an installed TH Sarabun family
    margin_top_cm: float = 2.5
    margin_bottom_cm: float = 2.0
    margin_left_cm: float = 3.0
    margin_right_cm: float = 2.0
    page_numbers: str = "dash"  # dash ("- ๒ -"), of ("หน้า ๒ จาก ๑๒"), none
    signatures: bool = True
    sign_date: str = ""  # ISO date printed on the signature's date line; "" = dotted line
    # the analysis document
    analysis_columns: tuple[str, ...] = ANALYSIS_COLUMNS
    measure_numbers: str = "straight"  # straight | issue: measures numbered within each ประเด็น
    cover: bool | None = None  # None = the document's habit: the analysis has one, the report not
    cover_text: str = ""  # "" = the document's own cover text
    figure1: str = ""  # an image file the clerk supplies instead of ภาพที่ ๑
    figure2: str = ""
    # the booklet
    front_matter: bool = False  # cover, คำนำ and สารบัญ, numbered ก ข ค
    preface: str = ""  # "" = the document's own คำนำ
    appendix: tuple[str, ...] = ()  # image files printed as ภาคผนวก pages
    table_orientation: str = ""  # analysis: "landscape" puts the measures table on landscape pages
    draft: str = "auto"  # auto: "ฉบับร่าง" until the document is approved in the file; yes; no
    # the paperwork of issue 16 (report/paperwork.py)
    memo_for: str = "implementation"  # the document a memo asks the head of the office to approve
    items: str = ""  # publish-form: OIT item codes, comma separated ("" = every item filled in)
    photos_per_page: str = "6"  # 6 (2 × 3) | 4 (2 × 2)
    with_photos: bool = False  # the measures' photos: pages at the end (table), under each measure (blocks)
    # the file written
    format: str = "pdf"  # pdf | docx (report/word.py)
    word_font: str = WORD_FONT  # the font a .docx names (Word takes it from the PC that opens the file)

    def heading(self, key: str) -> str:
        if self.headings.get(key):
            return self.headings[key]
        if self.document == "analysis" and key in ANALYSIS_HEADINGS:
            return ANALYSIS_HEADINGS[key]
        return DEFAULT_HEADINGS[key]

    def page_orientation(self) -> str:
        if self.document == "oit-register":
            return "landscape"
        if self.document in ("memo", "publish-form", "photos"):
            return "portrait"
        if self.document == "analysis":
            return self.orientation or "portrait"
        return self.orientation or ("landscape" if self.layout == "table" else "portrait")

    def cover_by_habit(self) -> bool:
        """Whether the document has a cover when `cover` is None: the analysis has one."""
        return self.document == "analysis"

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        for opt in OPTIONS:
            if opt.name in out:
                out[opt.name] = to_json(opt, out[opt.name])
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise OptionsError(f"ไม่รู้จักค่าตั้ง {', '.join(unknown)}")
        values = dict(data)
        try:
            for opt in OPTIONS:
                if opt.kind in ("columns", "files") and opt.name in values:
                    values[opt.name] = tuple(values[opt.name])
            return cls(**values)
        except TypeError as exc:
            raise OptionsError(f"ค่าตั้งไม่ถูกต้อง: {exc}") from exc

    def validate(self) -> None:
        """Raise OptionsError (Thai, naming the option) for the first option that cannot be
        printed, in the order of OPTIONS."""
        for opt in OPTIONS:
            problem = option_problem(opt, self)
            if problem:
                raise OptionsError(problem, opt.name)


# --- a settings file (`ita-desktop render --settings FILE.json`) -------------------------------
SETTINGS_MAX_BYTES = 1_000_000  # a settings file is a few hundred bytes
_TEMPLATE_MAX = 20_000  # characters of a title, an intro, a cover or a preface
_TEXT_MAX = 1_000  # a name, a heading, a file's path, a word such as "landscape"
_ITEMS_MAX = 200  # entries of a list or an object
_NUMBER_MAX = 1e9  # far beyond any size, width or margin; validate() says what is in range
_DIGITS_MAX = 30  # digits of an integer read from the file


def _int(text: str) -> int | float:
    """An integer of the file; one of more than _DIGITS_MAX digits is read as infinity, and
    refused naming its setting (Python would refuse 4,300 digits without saying which)."""
    if len(text.lstrip("-")) > _DIGITS_MAX:
        return -math.inf if text.startswith("-") else math.inf
    return int(text)


def _what(value: Any) -> str:
    """What a JSON value is, in Thai."""
    if value is None:
        return "ค่าว่าง (null)"
    if isinstance(value, bool):
        return "ค่า true/false"
    if isinstance(value, (int, float)):
        return "ตัวเลข"
    if isinstance(value, str):
        return "ข้อความ"
    if isinstance(value, list):
        return "รายการ [ ]"
    return "ชุดค่า { }"


def _shown(text: str, limit: int = 40) -> str:
    """A key or a value for a message: short, and printable whatever it holds."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= limit else text[:limit] + "…"


def _text(name: str, value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise OptionsError(f"ค่าตั้ง {name} ต้องเป็นข้อความ ไม่ใช่{_what(value)}")
    if len(value) > limit:
        raise OptionsError(f"ค่าตั้ง {name} ยาวเกินไป ({len(value):,} ตัวอักษร เกิน {limit:,})")
    if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
        raise OptionsError(f"ค่าตั้ง {name} มีอักขระที่ใช้ไม่ได้ (อักขระว่างหรือรหัสตัวอักษรที่ไม่ครบคู่)")
    return value


def _number(name: str, value: Any, whole: bool = False) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and isinstance(value, float)):
        kind = "จำนวนเต็ม" if whole else "ตัวเลข"
        raise OptionsError(f"ค่าตั้ง {name} ต้องเป็น{kind} ไม่ใช่{_what(value)}")
    if not math.isfinite(value) or abs(value) > _NUMBER_MAX:
        raise OptionsError(f"ค่าตั้ง {name} ใหญ่เกินไปหรือไม่ใช่ตัวเลขที่ใช้ได้")
    return value


def _items(name: str, value: Any, kind: type[list[Any]] | type[dict[str, Any]]) -> None:
    if not isinstance(value, kind):
        example = '["title", "steps"]' if kind is list else '{"title": "มาตรการ"}'
        raise OptionsError(f"ค่าตั้ง {name} ต้องเป็น{_what(kind())} เช่น {example} ไม่ใช่{_what(value)}")
    if len(value) > _ITEMS_MAX:
        raise OptionsError(f"ค่าตั้ง {name} มีมากเกินไป ({len(value):,} รายการ)")


def _setting(opt: Option, value: Any) -> Any:
    """`value` checked to be of the kind option `opt` holds, as JSON holds it."""
    name, kind = opt.name, opt.kind
    if kind in ("choice", "text", "date", "file", "font", "template"):
        return _text(name, value, _TEMPLATE_MAX if kind == "template" else _TEXT_MAX)
    if kind == "year":
        return _number(name, value, whole=True)
    if kind == "number":
        return _number(name, value)
    if kind == "bool":
        nullable = opt.default is None
        if isinstance(value, bool) or (value is None and nullable):
            return value
        allowed = "true หรือ false" + (" หรือ null" if nullable else "")
        raise OptionsError(f"ค่าตั้ง {name} ต้องเป็น {allowed} ไม่ใช่{_what(value)}")
    if kind in ("columns", "files"):
        _items(name, value, list)
        return [_text(f"{name}[{i}]", item, _TEXT_MAX) for i, item in enumerate(value)]
    if kind in ("headings", "widths"):
        _items(name, value, dict)
        out: dict[str, Any] = {}
        for key, item in value.items():
            where = f"{name}.{_shown(key)}"
            _text(where, key, _TEXT_MAX)
            out[key] = _text(where, item, _TEXT_MAX) if kind == "headings" else _number(where, item)
        return out
    raise OptionsError(f"ค่าตั้ง {name} ตั้งจากไฟล์ค่าตั้งไม่ได้")


def parse_settings(raw: bytes) -> dict[str, Any]:
    """The options in a settings file's bytes (JSON, UTF-8, a BOM allowed): an object whose
    every key is a declared option and every value of that option's kind and of a sane size.
    Raises OptionsError in Thai naming the setting. What a value means (a column, a size in
    range) is ReportOptions.validate()'s to say."""
    if len(raw) > SETTINGS_MAX_BYTES:
        raise OptionsError("ไฟล์ค่าตั้งใหญ่เกินไป (เกิน ๑ เมกะไบต์) ไม่ใช่ไฟล์ค่าตั้งของโปรแกรม")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise OptionsError(f"ไฟล์ค่าตั้งต้องเข้ารหัส UTF-8 (ไบต์ที่ {exc.start + 1:,} อ่านไม่ได้)") from None
    try:
        data = json.loads(text, parse_int=_int)
    except json.JSONDecodeError as exc:
        raise OptionsError(f"ไฟล์ค่าตั้งไม่ใช่ JSON ที่ถูกต้อง (บรรทัด {exc.lineno} คอลัมน์ {exc.colno})") from None
    except RecursionError:
        raise OptionsError("ไฟล์ค่าตั้งมีรายการซ้อนกันลึกเกินไป ไม่ใช่ไฟล์ค่าตั้งของโปรแกรม") from None
    if not isinstance(data, dict):
        raise OptionsError(f'ไฟล์ค่าตั้งต้องเป็นชุดค่า {{ }} เช่น {{"digits": "arabic"}} ไม่ใช่{_what(data)}')
    declared = {opt.name: opt for opt in OPTIONS}
    unknown = sorted(_shown(k) for k in data if k not in declared)
    if unknown:
        raise OptionsError(f"ไม่รู้จักค่าตั้ง {', '.join('«' + k + '»' for k in unknown[:5])}")
    return {name: _setting(declared[name], value) for name, value in data.items()}


# --- the options saved in the office file (domain.models.PrintSettings) ---------------------
def _saved(opt: Option, value: Any) -> bool:
    """An option's value that may be saved in the office file, which travels to other PCs:
    never the key of the saved settings, a file of this PC or a font given as a file's path."""
    if opt.name in KEY_OPTIONS or opt.per_pc or opt.name in NOT_SAVED:
        return False
    return not (opt.kind == "font" and isinstance(value, str)
                and ("/" in value or "\\" in value or value.lower().endswith((".ttf", ".otf"))))


def saved_options(opts: ReportOptions) -> dict[str, Any]:
    """What the office file keeps of `opts` for its (year, document, round): the options that
    differ from their defaults and mean something for the document, as JSON values."""
    out: dict[str, Any] = {}
    for opt in OPTIONS:
        value = getattr(opts, opt.name)
        if opt.name == "cover" and value == opts.cover_by_habit():
            value = None
        if value == opt.default or not applies(opt, opts.document) or not _saved(opt, value):
            continue
        out[opt.name] = to_json(opt, value)
    return out


def checked_value(opt: Option, value: Any) -> Any:
    """A JSON value checked to be of the kind option `opt` holds, as ReportOptions holds it
    (tuples for lists); raises OptionsError."""
    checked = _setting(opt, value)
    return tuple(checked) if opt.kind in ("columns", "files") else checked


def options_from_saved(saved: dict[str, Any]) -> dict[str, Any]:
    """ReportOptions values from what the office file keeps (maybe written by a newer version
    or on another PC): each value of its option's kind; an unknown option, or a value of the
    wrong kind, is left out (the default stands). Whether the values can be printed is
    validate()'s to say."""
    out: dict[str, Any] = {}
    for name, value in saved.items():
        opt = option_or_none(name)
        if opt is None or not _saved(opt, value):
            continue
        try:
            out[name] = checked_value(opt, value)
        except OptionsError:
            continue
    return out


def fill_template(template: str, values: dict[str, str]) -> list[str]:
    """Lines of a template with placeholders filled; a line whose placeholders were all empty
    and that holds nothing else is left out (no division, no empty line)."""
    out = []
    for line in template.split("\n"):
        names = _PLACEHOLDER.findall(line)
        filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), line)
        if names and not any(values.get(n) for n in names) and not _PLACEHOLDER.sub("", line).strip(" ()"):
            continue
        out.append(re.sub(r" {2,}", " ", filled).strip())
    return out
