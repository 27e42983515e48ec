"""The OIT disclosure register (ทะเบียนการเปิดเผยข้อมูล): one entry per OIT item of an ITA
year's catalog, made from the catalog and carried to the next year through its code mapping;
the คำอธิบาย drafted for ITAS; readiness counted; what ITAS takes, as text.

ITAS asks for each OIT item มี/ไม่มี, URLs on the office's main website and a คำอธิบาย saying
where on the site the information is, for what period, published when (PAPERWORK.md G3-1).
No item number is known to code: items come from the catalog, documents find their item
through the catalog's `documents` (framework.evidence_item).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ita_desktop.domain import models as m
from ita_desktop.domain.framework import (
    Framework,
    FrameworkError,
    Question,
    code_text,
    evidence_item,
    framework_from_dict,
)
from ita_desktop.domain.markup import plain_text
from ita_desktop.thai.dates import format_thai_date
from ita_desktop.thai.digits import digits_for_print, to_thai_digits

ANSWERS = m.OIT_ANSWERS
REPORTS_ON_PREVIOUS = "previous_fiscal_year"


def code_order(code: str) -> tuple[str, int, str]:
    """Item codes in the catalog's order: o2 before o10."""
    head = code.rstrip("0123456789").lower()
    tail = code[len(head):]
    return (head, int(tail) if tail.isdigit() else 0, code.lower())


def items(fw: Framework) -> list[Question]:
    """The OIT items of a catalog, in order."""
    oit = {i.no for i in fw.indicators if i.tool.upper() == "OIT"}
    return sorted((q for q in fw.questions if q.indicator in oit), key=lambda q: code_order(q.code))


def _same_text(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return re.sub(r"[\s()\-–]+", "", s).lower()
    return fold(a) == fold(b)


def _source_item(fw: Framework, q: Question, previous: Framework) -> tuple[Question | None, str]:
    """The item of the previous catalog `q` continues, and why to review it ('' when its text
    is the same): the catalog's mapping first, then an item of the same title, then the same code."""
    mapped = [old for old, new in fw.mapping_from(previous.ita_year).items() if new == q.code.lower()]
    old = previous.question(mapped[0]) if mapped else None
    if old is None:
        old = next((o for o in items(previous) if _same_text(o.text, q.text)), None)
    if old is None:
        old = previous.question(q.code.lower())
    if old is None:
        return None, ""
    if _same_text(old.text, q.text):
        return old, ""
    return old, (f"ปี {to_thai_digits(str(previous.ita_year))} ข้อ {code_text(old.code)} ชื่อ «{old.text}»"
                 " ต่างจากปีนี้ ตรวจว่าลิงก์และคำอธิบายเดิมยังใช้ได้")


# what an entry keeps from last year when its item continues; the answer, period, dates and
# คำอธิบาย are of each year and are checked again
CARRIED = ("links", "location", "division_id", "person", "position", "uploader", "uploader_position", "note")


def make_register(data: m.OfficeFile, fw: Framework, previous: Framework | None) -> list[m.OitEntry]:
    """The entries of `fw`'s year that the file lacks, made from the catalog, each carrying what
    the previous year's entry of the same item had (`previous`: the catalog of the latest
    earlier year with a register). Returns the new (or undeleted) entries, not yet in the file's list."""
    have = {e.id: e for e in data.oit_entries}
    old_entries = data.oit_entries_of(previous.ita_year) if previous is not None else {}
    out = []
    for q in items(fw):
        eid = m.OitEntry.make_id(fw.ita_year, q.code)
        existing = have.get(eid)
        if existing is not None and not existing.deleted:
            continue
        entry = m.OitEntry(id=eid, ita_year=fw.ita_year, code=q.code.lower())
        if previous is not None:
            old_q, review = _source_item(fw, q, previous)
            old = old_entries.get(old_q.code.lower()) if old_q is not None else None
            if old is not None:
                for name in CARRIED:
                    value = getattr(old, name)
                    setattr(entry, name, [dict(x) for x in value] if isinstance(value, list) else value)
                entry.review = review if any(getattr(old, n) for n in CARRIED) else ""
        out.append(entry)
    return out


def register_years(data: m.OfficeFile) -> list[int]:
    return sorted({e.ita_year for e in data.oit_entries if not e.deleted})


def catalog_for(data: m.OfficeFile, ita_year: int, catalogs: dict[int, Framework]) -> Framework | None:
    """The catalog of an ITA year's register: the one its result was scored with when the file
    has that result, else the app's (bundled, or the clerk's own)."""
    assessment = data.assessment(ita_year)
    snap = data.framework_of(assessment) if assessment is not None else None
    if snap is not None:
        try:
            return framework_from_dict(snap.data)
        except FrameworkError:
            pass
    return catalogs.get(ita_year)


def last_year_catalog(data: m.OfficeFile, ita_year: int, catalogs: dict[int, Framework]) -> Framework | None:
    """The catalog of "last year" for the register of `ita_year`: the latest earlier register's,
    else the year before's (whose result orders the items behind, weakest first)."""
    return previous_register(data, ita_year, catalogs) or catalog_for(data, ita_year - 1, catalogs)


def previous_register(data: m.OfficeFile, ita_year: int, catalogs: dict[int, Framework]) -> Framework | None:
    """The catalog of the latest earlier year that has a register, to carry entries from."""
    earlier = [y for y in register_years(data) if y < ita_year]
    return catalog_for(data, max(earlier), catalogs) if earlier else None


# --- the คำอธิบาย ------------------------------------------------------------------------------
def short_date(iso: str, thai_digits: bool = True) -> str:
    """'2025-10-15' -> '๑๕ ต.ค. ๒๕๖๘' ('' when empty or not a date)."""
    try:
        return format_thai_date(dt.date.fromisoformat(iso), thai_digits, short=True)
    except ValueError:
        return ""


def reports_on_previous(q: Question | None) -> bool:
    return q is not None and q.reports_on == REPORTS_ON_PREVIOUS


def period_hint(q: Question | None, ita_year: int) -> str:
    """What period the item asks for: the previous fiscal year's for a report on it."""
    if reports_on_previous(q):
        return f"ข้อมูลของปีงบประมาณ พ.ศ. {to_thai_digits(str(ita_year - 1))} (ปีที่ผ่านมา)"
    return f"ข้อมูลของปีงบประมาณ พ.ศ. {to_thai_digits(str(ita_year))}"


def draft_explanation(entry: m.OitEntry, q: Question | None, links: list[dict[str, str]] | None = None,
                      published_on: str | None = None) -> str:
    """The คำอธิบาย made from where the information is, its period and date, as ITAS asks; ''
    while nothing of where or when is known (an item not yet looked at has no explanation)."""
    parts = []
    if entry.location.strip():
        parts.append(f"ข้อมูลอยู่ที่เว็บไซต์หลักของหน่วยงาน เมนู {entry.location.strip()}")
    titles = [x.get("title", "").strip() for x in (links if links is not None else entry.links)]
    titles = [t for t in titles if t]
    if titles:
        parts.append("หัวข้อ " + " และ ".join(f"«{t}»" for t in titles))
    if entry.period.strip():
        parts.append(f"เป็นข้อมูลช่วง {entry.period.strip()}")
    elif reports_on_previous(q):
        parts.append(f"เป็นข้อมูลของปีงบประมาณ พ.ศ. {to_thai_digits(str(entry.ita_year - 1))}")
    when = short_date(published_on if published_on is not None else entry.published_on)
    if when:
        parts.append(f"เผยแพร่เมื่อวันที่ {when}")
    known = entry.location.strip() or titles or entry.period.strip() or when
    # one kind of digit throughout (a title typed "พ.ศ. 2568" beside a date in Thai digits); URLs
    # and codes keep theirs
    return digits_for_print(" ".join(parts), thai=True) if known else ""


# --- an entry as the register shows and prints it --------------------------------------------
@dataclass
class Row:
    """One item of the register with what the file knows of it: the entry, or what an issued
    document of the app says for the item it answers."""

    code: str
    title: str
    question: Question | None
    entry: m.OitEntry
    answer: str  # a key of ANSWERS
    links: list[dict[str, str]]
    published_on: str
    explanation: str
    drafted: bool  # the explanation is the draft, not the clerk's text
    from_document: str = ""  # the names of the app's documents a URL or date comes from
    documents: list[AppDocument] = field(default_factory=list)  # the app's documents answering the item
    foreign_links: list[str] = field(default_factory=list)  # URLs not on the main website
    responsible: str = ""
    measures: list[str] = field(default_factory=list)  # titles of the year's measures that name the item

    @property
    def has_url(self) -> bool:
        return any(x.get("url", "").strip() for x in self.links)


def host_of(url: str) -> str:
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        host = urlsplit(text).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


# sites no office's main website is on: ITAS looks at the office's own site only
NOT_AN_OFFICE_SITE = ("facebook.com", "fb.com", "fb.me", "line.me", "youtube.com", "youtu.be", "google.com",
                      "tiktok.com", "x.com", "twitter.com", "instagram.com", "bit.ly")


def on_main_site(url: str, website: str) -> bool:
    """The URL is on the office's main website (or a sub-domain of it). Without a website set,
    only the social networks' and file-sharing sites' addresses are known to be elsewhere."""
    host = host_of(url)
    if any(host == s or host.endswith("." + s) for s in NOT_AN_OFFICE_SITE):
        return False
    site = host_of(website)
    return not site or host == site or host.endswith("." + site)


@dataclass
class AppDocument:
    """One of the app's own documents that answers an item: the analysis of FY N answers ITA N's
    item, the 6-month report of FY N and the year-end report of FY N-1 answer ITA N's report item
    (framework.evidence_item). Its URL and publishing date are kept on its IssuedDocument."""

    plan: m.Plan
    document: str
    round: str
    issued: m.IssuedDocument | None

    @property
    def name(self) -> str:
        rounds = {"half": "รอบ ๖ เดือน", "year": "รอบ ๑๒ เดือน"}
        words = [m.DOCUMENT_NAMES.get(self.document, self.document), rounds.get(self.round, ""),
                 f"ปีงบประมาณ {to_thai_digits(str(self.plan.fiscal_year))}"]
        return " ".join(w for w in words if w)

    @property
    def issued_id(self) -> str:
        """The id the print screen gives the document's record when it is approved."""
        return m.natural_id("issued", self.plan.id, self.document, self.round)


def app_documents(data: m.OfficeFile, catalogs: dict[int, Framework], ita_year: int, code: str) -> list[AppDocument]:
    """The documents of the file's plans that answer item `code` of ITA `ita_year`."""
    out = []
    for plan in data.live_plans():
        for document, round_ in (("analysis", ""), ("implementation", "half"), ("implementation", "year")):
            if evidence_item(catalogs, document, plan.fiscal_year, round_) != (ita_year, code.lower()):
                continue
            issued = next((d for d in data.documents if d.plan_id == plan.id and not d.deleted
                           and d.document == document and d.round == round_), None)
            out.append(AppDocument(plan, document, round_, issued))
    return out


def rows(data: m.OfficeFile, fw: Framework, catalogs: dict[int, Framework]) -> list[Row]:
    """The register of `fw`'s year, item by item (an item the file has no entry for shows empty)."""
    entries = data.oit_entries_of(fw.ita_year)
    divisions = {d.id: d.name for d in data.divisions if not d.deleted}
    plan = data.plan(fw.ita_year)  # the measures of FY N are published for ITA N
    named = [x for x in data.measures_of(plan.id) if x.oit_items] if plan is not None else []
    out = []
    for q in items(fw):
        entry = entries.get(q.code.lower()) or m.OitEntry(ita_year=fw.ita_year, code=q.code.lower())
        links, published, answer = list(entry.links), entry.published_on, entry.answer
        documents = app_documents(data, catalogs, fw.ita_year, q.code)
        said = [d for d in documents if d.issued is not None and (d.issued.url or d.issued.published_on)]
        typed = {x.get("url", "").strip() for x in links}
        for d in said:
            assert d.issued is not None
            if d.issued.url and d.issued.url.strip() not in typed:
                links.append({"url": d.issued.url.strip(), "title": d.name})
        if said:
            published = published or max(d.issued.published_on for d in said if d.issued is not None)
            answer = answer or ("yes" if any(d.issued is not None and d.issued.url for d in said) else "")
        source = ", ".join(d.name for d in said)
        explanation = entry.explanation.strip() or draft_explanation(entry, q, links, published)
        who = [divisions.get(entry.division_id, ""), entry.person.strip()]
        out.append(Row(code=q.code.lower(), title=q.text, question=q, entry=entry, answer=answer, links=links,
                       published_on=published, explanation=explanation, drafted=not entry.explanation.strip(),
                       from_document=source, documents=documents,
                       foreign_links=[x["url"] for x in links
                                      if x.get("url", "").strip() and not on_main_site(x["url"], data.office.website)],
                       responsible=" ".join(w for w in who if w),
                       measures=[plain_text(x.title) for x in named if q.code.lower() in x.oit_items]))
    return out


# --- readiness ------------------------------------------------------------------------------
@dataclass
class Readiness:
    with_url: int = 0  # มี, with a URL on the main website
    off_site: int = 0  # มี, its URLs all off the main website (ITAS looks at the main website only)
    without_url: int = 0  # มี, no URL yet
    absent: int = 0  # ไม่มี
    unchecked: int = 0  # ยังไม่ตรวจ
    behind: list[Row] = field(default_factory=list)  # every item not มี-with-URL, the weakest first

    @property
    def total(self) -> int:
        return self.with_url + self.off_site + self.without_url + self.absent + self.unchecked


def readiness(register: list[Row], last_scores: dict[str, object] | None = None) -> Readiness:
    """Counts, and the items still behind: those scored lowest in last year's result first
    (`last_scores`: code -> score of last year's OIT items, mapped to this year's codes)."""
    out = Readiness()
    for row in register:
        on_site = [x for x in row.links if x.get("url", "").strip() and x["url"] not in row.foreign_links]
        if row.answer == "yes" and on_site:
            out.with_url += 1
            continue
        if row.answer == "yes" and row.has_url:
            out.off_site += 1
        elif row.answer == "yes":
            out.without_url += 1
        elif row.answer == "no":
            out.absent += 1
        else:
            out.unchecked += 1
        out.behind.append(row)
    scores = last_scores or {}

    def weakness(row: Row) -> tuple[int, float, tuple[str, int, str]]:
        score = scores.get(row.code)
        return (0, float(str(score)), code_order(row.code)) if score is not None else (1, 0.0, code_order(row.code))
    out.behind.sort(key=weakness)
    return out


def last_year_scores(data: m.OfficeFile, fw: Framework, last: Framework | None) -> dict[str, object]:
    """Last year's OIT item scores under this year's codes (through the catalog's mapping, or the
    same title), for ordering the items behind."""
    if last is None:
        return {}
    assessment = data.assessment(last.ita_year)
    if assessment is None:
        return {}
    scores = {code.lower(): s.score for code, s in data.question_scores_of(assessment.id).items()
              if s.score is not None}
    out: dict[str, object] = {}
    for q in items(fw):
        old, _review = _source_item(fw, q, last)
        if old is not None and old.code.lower() in scores:
            out[q.code.lower()] = scores[old.code.lower()]
    return out


# --- for ITAS -------------------------------------------------------------------------------
def itas_text(row: Row) -> str:
    """One item as ITAS takes it: the answer, each URL on its own line, then the คำอธิบาย."""
    urls = [x["url"].strip() for x in row.links if x.get("url", "").strip()]
    lines = [f"{code_text(row.code)} {row.title}", f"คำตอบ: {ANSWERS.get(row.answer, '')}"]
    lines += [f"URL: {u}" for u in urls] or ["URL: -"]
    lines.append(f"คำอธิบาย: {row.explanation}")
    return "\n".join(lines)


CSV_HEADER = ("ข้อ", "รายการ", "มี/ไม่มี", "URL", "ชื่อหน้า", "คำอธิบาย", "ตำแหน่งบนเว็บไซต์", "ช่วงข้อมูล",
              "วันที่เผยแพร่", "ผู้รับผิดชอบ", "ผู้นำขึ้นเผยแพร่", "หมายเหตุ")


def csv_rows(register: list[Row]) -> list[tuple[str, ...]]:
    return [CSV_HEADER, *((code_text(r.code), r.title, ANSWERS.get(r.answer, ""),
                           "\n".join(x.get("url", "") for x in r.links), "\n".join(x.get("title", "") for x in r.links),
                           r.explanation, r.entry.location, r.entry.period,
                           short_date(r.published_on, thai_digits=False), r.responsible, r.entry.uploader, r.entry.note)
                          for r in register)]
