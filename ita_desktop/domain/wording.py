"""Words of the other kind of office, and other offices' names, left in a file's texts.

Offices copy measures from each other: an อบต. file that says นายกเทศมนตรี or เทศบัญญัติ, or
names another office, was not fully adapted. These are warnings for the clerk, never edits.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ita_desktop.domain import markup
from ita_desktop.domain import models as m
from ita_desktop.thai.digits import to_thai_digits
from ita_desktop.thai.words import starts_with_common_word

MUNICIPAL_WORDS = ("นายกเทศมนตรี", "เทศบัญญัติ", "สมาชิกสภาเทศบาล", "พนักงานเทศบาล", "ปลัดเทศบาล",
                   "สำนักงานเทศบาล")
SAO_WORDS = ("นายกองค์การบริหารส่วนตำบล", "นายก อบต.", "ข้อบัญญัติ", "สมาชิกสภาองค์การบริหารส่วนตำบล",
             "สมาชิกสภา อบต.", "พนักงานส่วนตำบล", "ปลัดองค์การบริหารส่วนตำบล", "ปลัด อบต.")
_OFFICE_NAME = re.compile(r"(องค์การบริหารส่วนตำบล|เทศบาลตำบล|เทศบาลเมือง|เทศบาลนคร|อบต\.|ทต\.|ทม\.)\s?"
                          r"([\u0e01-\u0e2e\u0e30-\u0e4e]{2,})")


TITLE_MAX = 300  # characters; a longer title fills a whole row of the printed table


def has_words(text: str) -> bool:
    """Does the markup show a reader any word, not only markers, bullets and spaces?"""
    return any(ch.isalnum() for ch in markup.plain_text(text or ""))


def title_problem(title: str) -> tuple[str, str] | None:
    """("missing", why) for a measure title with no words (it prints as a bare "๕." row),
    ("warning", why) for a very long one; None when the title is fine."""
    if not has_words(title):
        return "missing", "ยังไม่มีชื่อมาตรการ"
    plain = markup.plain_text(title).replace("\u200b", "").strip()
    if len(plain) > TITLE_MAX:
        return "warning", (f"ชื่อมาตรการยาว {to_thai_digits(str(len(plain)))} ตัวอักษร "
                           f"ควรย่อให้ไม่เกิน {to_thai_digits(str(TITLE_MAX))} ตัวอักษร "
                           "แล้วย้ายรายละเอียดไปไว้ที่ขั้นตอน")
    return None


@dataclass(frozen=True)
class Slip:
    record: m.Record
    field: str
    words: str
    reason: str


def foreign_words(kind: str) -> tuple[str, ...]:
    """Words that belong to the other kind of office."""
    return MUNICIPAL_WORDS if kind in ("sao", "pao") else SAO_WORDS


def slips_in(text: str, office: m.Office) -> list[tuple[str, str]]:
    """(words, reason) found in one text."""
    kind_name = m.kind_full(office.kind) or "หน่วยงาน"
    out = [(word, f"คำของหน่วยงานอีกประเภท ในไฟล์ของ{kind_name}")
           for word in foreign_words(office.kind) if word in text]
    own = office.name.strip()
    for match in _OFFICE_NAME.finditer(text):
        name = match.group(2)
        if starts_with_common_word(name):  # "…ส่วนตำบลและเผยแพร่": the kind alone, no name
            continue
        if own and not name.startswith(own) and not own.startswith(name):
            out.append((match.group(0), "ชื่อหน่วยงานอื่น"))
    return out


def check_wording(data: m.OfficeFile) -> list[Slip]:
    """Every slip in the measures, results and analysis texts of the live plans."""
    out: list[Slip] = []
    office = data.office
    for plan in data.live_plans():
        records: list[tuple[m.Record, tuple[str, ...]]] = []
        for x in data.measures_of(plan.id):
            records.append((x, ("title", "steps", "responsible", "target", "monitoring")))
            results = [data.result(x.id, round_) for round_ in m.ROUNDS]
            records.extend((res, ("output", "outcome", "problems", "suggestions")) for res in results if res)
        records.extend((g, ("title", "to_fix", "to_improve", "to_keep", "approach")) for g in data.groups_of(plan.id))
        for record, fields in records:
            for f in fields:
                for words, reason in slips_in(str(getattr(record, f) or ""), office):
                    out.append(Slip(record, f, words, reason))
    return out
