"""What a clerk chooses for a printed report: plain data, no reportlab, no Qt.

The same options come from the command line (`ita-desktop render`), from a settings JSON
file and (later) from the print screen; `validate()` gives the clerk a Thai reason.
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
# Default headings: the words seen in real reports (DOMAIN.md §3).
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
    "(ITA) ประจำปี พ.ศ. {ปีประเมิน} ได้คะแนน {คะแนน} คะแนน อยู่ในระดับ{ระดับ} "
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
    "ประจำปี พ.ศ. {ปีประเมิน}\n"
    "และมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน\n"
    "ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}\n"
    "\n"
    "{ส่วนราชการ}\n"
    "{หน่วยงาน}\n"
    "อำเภอ{อำเภอ} จังหวัด{จังหวัด}"
)
ANALYSIS_TITLE = (
    "รายงานการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ\n"
    "ประจำปี พ.ศ. {ปีประเมิน} {หน่วยงาน}\n"
    "เพื่อจัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {ปีงบประมาณ}"
)
ANALYSIS_INTRO = (
    "จากผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปี พ.ศ. "
    "{ปีประเมิน} ของ{หน่วยงาน} พบว่าได้คะแนนภาพรวม {คะแนน} คะแนน อยู่ในระดับ{ระดับ} "
    "โดยเครื่องมือ IIT ได้ {IIT} คะแนน EIT ได้ {EIT} คะแนน และ OIT ได้ {OIT} คะแนน "
    "ดังภาพที่ ๑ และคะแนนรายตัวชี้วัดดังภาพที่ ๒"
)
ANALYSIS_INTRO_NO_SCORE = (
    "{หน่วยงาน}ยังไม่ได้บันทึกคะแนนผลการประเมินคุณธรรมและความโปร่งใส (ITA) ประจำปี พ.ศ. {ปีประเมิน}"
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
    "ประจำปี พ.ศ. {ปีประเมิน} มาวิเคราะห์เพื่อหาข้อที่ต้องพัฒนาและข้อที่ควรรักษาระดับไว้ "
    "และกำหนดมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. "
    "{ปีงบประมาณ} เพื่อให้การปฏิบัติงานเป็นไปอย่างโปร่งใส ตรวจสอบได้ และเป็นที่เชื่อมั่นของประชาชน"
)

PSK_SIZES = (14.0, 14.5, 15.0, 15.5, 16.0, 16.5, 17.0, 17.5, 18.0, 19.0, 20.0)
PSK_FLOOR = 14.0  # smallest type a table may shrink to (the look of TH Sarabun PSK 14)


class ReportError(Exception):
    """A report that cannot be made; the message is Thai and meant for the clerk."""


class OptionsError(ReportError, ValueError):
    """Options that cannot be printed; the message is Thai and names the option."""


@dataclass
class ReportOptions:
    """Everything that decides how a report prints. Sizes are TH Sarabun PSK points."""

    fiscal_year: int = 0
    document: str = "implementation"
    round: str = "year"  # half | year
    layout: str = "table"  # table | blocks
    columns: tuple[str, ...] = DEFAULT_COLUMNS
    headings: dict[str, str] = field(default_factory=dict)
    widths_mm: dict[str, float] = field(default_factory=dict)  # columns the clerk fixed
    orientation: str = ""  # portrait | landscape; "" = landscape for tables, portrait for blocks
    digits: str = "thai"  # thai | arabic
    number_titles: bool = True  # print "๑." before a title that has no number of its own
    division: str = ""  # a division's name or id: its line above the office name, its measures
    filter_division: bool = False
    title: str = DEFAULT_TITLE
    intro: str = ""  # "" = the default intro (with the score when there is one)
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

    def heading(self, key: str) -> str:
        if self.headings.get(key):
            return self.headings[key]
        if self.document == "analysis" and key in ANALYSIS_HEADINGS:
            return ANALYSIS_HEADINGS[key]
        return DEFAULT_HEADINGS[key]

    def page_orientation(self) -> str:
        if self.document == "analysis":
            return self.orientation or "portrait"
        return self.orientation or ("landscape" if self.layout == "table" else "portrait")

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["columns"] = list(self.columns)
        out["analysis_columns"] = list(self.analysis_columns)
        out["appendix"] = list(self.appendix)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReportOptions:
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise OptionsError(f"ไม่รู้จักค่าตั้ง {', '.join(unknown)}")
        values = dict(data)
        try:
            for name in ("columns", "analysis_columns", "appendix"):
                if name in values:
                    values[name] = tuple(values[name])
            return cls(**values)
        except TypeError as exc:
            raise OptionsError(f"ค่าตั้งไม่ถูกต้อง: {exc}") from exc

    def validate(self) -> None:
        """Raise OptionsError (Thai) for the first option that cannot be printed."""
        if self.document not in ("implementation", "analysis"):
            raise OptionsError(f"--document: ต้องเป็น implementation (รายงานผลการดำเนินการ) หรือ analysis "
                               f"(การวิเคราะห์ผลการประเมินและมาตรการ) ไม่ใช่ «{self.document}»")
        if self.round not in ("half", "year"):
            raise OptionsError(f"--round: ต้องเป็น half (รอบ ๖ เดือน) หรือ year (รอบ ๑๒ เดือน) ไม่ใช่ «{self.round}»")
        if self.layout not in ("table", "blocks"):
            raise OptionsError(f"--layout: ต้องเป็น table หรือ blocks ไม่ใช่ «{self.layout}»")
        if not self.columns:
            raise OptionsError("--columns: ต้องเลือกอย่างน้อยหนึ่งคอลัมน์")
        bad = [c for c in (*self.columns, *self.analysis_columns) if c not in COLUMN_KEYS]
        if bad:
            raise OptionsError(f"--columns: ไม่รู้จัก {', '.join(bad)} (ใช้ได้: {', '.join(COLUMN_KEYS)})")
        if len(set(self.columns)) != len(self.columns):
            raise OptionsError("--columns: มีคอลัมน์ซ้ำกัน")
        for key, width in self.widths_mm.items():
            if key not in self.columns:
                raise OptionsError(f"--width: คอลัมน์ {key} ไม่ได้ถูกเลือกให้พิมพ์")
            if not 5 <= float(width) <= 400:
                raise OptionsError(f"--width: ความกว้างคอลัมน์ {key} ต้องอยู่ระหว่าง ๕ ถึง ๔๐๐ มม.")
        bad_head = [k for k in self.headings if k not in COLUMN_KEYS]
        if bad_head:
            raise OptionsError(f"--heading: ไม่รู้จักคอลัมน์ {', '.join(bad_head)}")
        if self.orientation not in ("", "portrait", "landscape"):
            raise OptionsError(f"--orientation: ต้องเป็น portrait หรือ landscape ไม่ใช่ «{self.orientation}»")
        if self.digits not in ("thai", "arabic"):
            raise OptionsError(f"--digits: ต้องเป็น thai หรือ arabic ไม่ใช่ «{self.digits}»")
        if self.page_numbers not in ("dash", "of", "none"):
            raise OptionsError(f"--page-numbers: ต้องเป็น dash, of หรือ none ไม่ใช่ «{self.page_numbers}»")
        for name in ("body_size", "table_size", "heading_size"):
            size = float(getattr(self, name))
            if not 10 <= size <= 28:
                raise OptionsError(f"ขนาดตัวอักษร ({name}) ต้องอยู่ระหว่าง ๑๐ ถึง ๒๘ พอยต์")
        for name in ("margin_top_cm", "margin_bottom_cm", "margin_left_cm", "margin_right_cm"):
            value = float(getattr(self, name))
            if not 0.5 <= value <= 6:
                raise OptionsError(f"ระยะขอบ ({name}) ต้องอยู่ระหว่าง ๐.๕ ถึง ๖ ซม.")
        if self.sign_date:
            import datetime as dt

            try:
                day = dt.date.fromisoformat(self.sign_date)
            except ValueError:
                raise OptionsError(f"วันที่ลงนาม «{self.sign_date}» ไม่ใช่วันที่") from None
            if day.year > 2300:
                raise OptionsError(f"วันที่ลงนาม «{self.sign_date}»: ใช้ปี ค.ศ. (เช่น 2025-09-30 คือ ๓๐ กันยายน ๒๕๖๘)")
        for name in ("figure1", "figure2"):
            path = getattr(self, name)
            if path and not Path(path).is_file():
                raise OptionsError(f"--{name}: ไม่พบไฟล์ภาพ {path}")
        for path in self.appendix:
            if not Path(path).is_file():
                raise OptionsError(f"--appendix: ไม่พบไฟล์ภาพ {path}")
        if self.draft not in ("auto", "yes", "no"):
            raise OptionsError(f"--draft: ต้องเป็น auto, yes หรือ no ไม่ใช่ «{self.draft}»")
        if self.table_orientation not in ("", "portrait", "landscape"):
            raise OptionsError(f"--table-orientation: ต้องเป็น portrait หรือ landscape ไม่ใช่ «{self.table_orientation}»")
        for label, template in (("หัวเรื่อง", self.title), ("ย่อหน้านำ", self.intro),
                                ("ปก", self.cover_text), ("คำนำ", self.preface)):
            unknown = [p for p in _PLACEHOLDER.findall(template) if p not in PLACEHOLDERS]
            if unknown:
                names = ", ".join("{" + p + "}" for p in PLACEHOLDERS)
                raise OptionsError(f"{label}: ไม่รู้จัก {{{_shown(unknown[0])}}} (ใช้ได้: {names})")


# --- a settings file (`ita-desktop render --settings FILE.json`) -------------------------------
SETTINGS_MAX_BYTES = 1_000_000  # a settings file is a few hundred bytes
_TEMPLATE_MAX = 20_000  # characters of a title, an intro, a cover or a preface
_TEXT_MAX = 1_000  # a name, a heading, a file's path, a word such as "landscape"
_ITEMS_MAX = 200  # entries of a list or an object
_NUMBER_MAX = 1e9  # far beyond any size, width or margin; validate() says what is in range
_DIGITS_MAX = 30  # digits of an integer read from the file
_TEMPLATES = ("title", "intro", "cover_text", "preface")


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


def _setting(name: str, kind: str, value: Any) -> Any:
    """`value` checked to be of the kind the ReportOptions field `name` is (`kind`: its type)."""
    if kind == "str":
        return _text(name, value, _TEMPLATE_MAX if name in _TEMPLATES else _TEXT_MAX)
    if kind == "int":
        return _number(name, value, whole=True)
    if kind == "float":
        return _number(name, value)
    if kind in ("bool", "bool | None"):
        if isinstance(value, bool) or (value is None and kind != "bool"):
            return value
        allowed = "true หรือ false" + (" หรือ null" if kind != "bool" else "")
        raise OptionsError(f"ค่าตั้ง {name} ต้องเป็น {allowed} ไม่ใช่{_what(value)}")
    if kind == "tuple[str, ...]":
        _items(name, value, list)
        return [_text(f"{name}[{i}]", item, _TEXT_MAX) for i, item in enumerate(value)]
    if kind in ("dict[str, str]", "dict[str, float]"):
        _items(name, value, dict)
        out: dict[str, Any] = {}
        for key, item in value.items():
            where = f"{name}.{_shown(key)}"
            _text(where, key, _TEXT_MAX)
            out[key] = _text(where, item, _TEXT_MAX) if kind == "dict[str, str]" else _number(where, item)
        return out
    raise OptionsError(f"ค่าตั้ง {name} ตั้งจากไฟล์ค่าตั้งไม่ได้")


_SETTING_KINDS = {f.name: str(f.type) for f in fields(ReportOptions)}


def parse_settings(raw: bytes) -> dict[str, Any]:
    """The options in a settings file's bytes (JSON, UTF-8, a BOM allowed): an object whose
    every key is a ReportOptions field and every value of that field's kind and of a sane size.
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
    unknown = sorted(_shown(k) for k in data if k not in _SETTING_KINDS)
    if unknown:
        raise OptionsError(f"ไม่รู้จักค่าตั้ง {', '.join('«' + k + '»' for k in unknown[:5])}")
    settings = {name: _setting(name, _SETTING_KINDS[name], value) for name, value in data.items()}
    columns = settings.get("analysis_columns")
    if columns is not None and not columns:
        raise OptionsError("ค่าตั้ง analysis_columns ต้องมีอย่างน้อยหนึ่งคอลัมน์")
    if columns is not None and len(set(columns)) != len(columns):
        raise OptionsError("ค่าตั้ง analysis_columns มีคอลัมน์ซ้ำกัน")
    return settings


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
