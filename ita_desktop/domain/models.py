"""The records of an office's file. Plain dataclasses: no Qt, no SQL.

Every record has a UUID `id` (deterministic where it has a natural key, see `natural_id`),
a `rev` derived from its content and its previous revision (set by the store), an
`updated_at` for display only, and a `deleted` marker: user data is never hard-deleted.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# A fixed namespace: the same natural key gives the same id on every PC.
ID_NAMESPACE = uuid.UUID("6f1d7c1e-6a43-4b8e-9a70-1f3c6b1d2a55")

OFFICE_KINDS: tuple[tuple[str, str, str], ...] = (
    # key, full form, short form
    ("sao", "องค์การบริหารส่วนตำบล", "อบต."),
    ("tambon_municipality", "เทศบาลตำบล", "ทต."),
    ("town_municipality", "เทศบาลเมือง", "ทม."),
    ("city_municipality", "เทศบาลนคร", "ทน."),
    ("pao", "องค์การบริหารส่วนจังหวัด", "อบจ."),
)
ROLES = ("preparer", "proposer", "approver")
ROLE_NAMES = {"preparer": "ผู้จัดทำ", "proposer": "ผู้เสนอ", "approver": "ผู้อนุมัติ"}
ROUNDS = ("half", "year")
ROUND_NAMES = {"half": "รอบ ๖ เดือน", "year": "รอบ ๑๒ เดือน"}
DOCUMENT_NAMES = {
    "analysis": "การวิเคราะห์ผลการประเมินและมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "implementation": "รายงานผลการดำเนินการเพื่อส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
}
STATUS_NAMES = {
    "done": "ดำเนินการแล้วเสร็จ",
    "in_progress": "อยู่ระหว่างดำเนินการ",
    "not_started": "ยังไม่ดำเนินการ",
}


def natural_id(*key: object) -> str:
    """The id of a record with a natural key, equal on every PC."""
    return str(uuid.uuid5(ID_NAMESPACE, ":".join(str(k) for k in key)))


def new_id() -> str:
    return str(uuid.uuid4())


def kind_full(kind: str) -> str:
    return next((f for k, f, _ in OFFICE_KINDS if k == kind), "")


def kind_short(kind: str) -> str:
    return next((s for k, _, s in OFFICE_KINDS if k == kind), "")


@dataclass
class Record:
    id: str = ""
    rev: str = ""
    updated_at: str = ""
    deleted: bool = False


@dataclass
class Office(Record):
    kind: str = "sao"
    name: str = ""  # without the prefix: "โนนคูณ"
    tambon: str = ""
    amphoe: str = ""
    changwat: str = ""
    logo: bytes | None = None
    logo_mime: str = ""
    website: str = ""  # the main website ITAS assesses: "https://www.nonkhun.go.th"
    phone: str = ""  # for the memo's ส่วนราชการ line
    email: str = ""

    @property
    def full_name(self) -> str:
        return f"{kind_full(self.kind)}{self.name}"

    @property
    def short_name(self) -> str:
        return f"{kind_short(self.kind)}{self.name}"


@dataclass
class Division(Record):
    name: str = ""  # สำนักปลัด, กองคลัง ...
    sort_key: str = ""


@dataclass
class Signatory(Record):
    """A signature line. owner 'office' with empty document/round = the office's defaults;
    owner = a plan id with a document (and round) = the people of that document."""

    owner: str = "office"
    document: str = ""
    round: str = ""
    role: str = "preparer"
    name: str = ""
    position: str = ""  # one or two lines

    @staticmethod
    def make_id(owner: str, document: str, round_: str, role: str) -> str:
        return natural_id("signatory", owner, document, round_, role)


@dataclass
class FrameworkSnapshot(Record):
    """The catalog an assessment was scored with, embedded in the file."""

    ita_year: int = 0
    source: str = ""  # where it came from: bundled file name, imported file, edited
    data: dict[str, object] = field(default_factory=dict)


@dataclass
class Assessment(Record):
    """The ITA result of ITA year `ita_year`, as printed by NACC."""

    ita_year: int = 0
    framework_id: str = ""
    total: Decimal | None = None
    iit: Decimal | None = None
    eit: Decimal | None = None
    oit: Decimal | None = None
    level: str = ""
    note: str = ""

    @staticmethod
    def make_id(ita_year: int) -> str:
        return natural_id("assessment", ita_year)


@dataclass
class IndicatorScore(Record):
    assessment_id: str = ""
    indicator: int = 0
    score: Decimal | None = None

    @staticmethod
    def make_id(ita_year: int, indicator: int) -> str:
        return natural_id("indicator-score", ita_year, indicator)


@dataclass
class QuestionScore(Record):
    assessment_id: str = ""
    code: str = ""
    score: Decimal | None = None

    @staticmethod
    def make_id(ita_year: int, code: str) -> str:
        return natural_id("question-score", ita_year, code.lower())


@dataclass
class Plan(Record):
    """The measures of fiscal year `fiscal_year`, based on an assessment."""

    fiscal_year: int = 0
    based_on: str = ""  # assessment id
    note: str = ""

    @staticmethod
    def make_id(fiscal_year: int) -> str:
        return natural_id("plan", fiscal_year)


@dataclass
class AnalysisGroup(Record):
    """A ประเด็น (or an indicator) of the analysis document, with its texts."""

    plan_id: str = ""
    sort_key: str = ""
    title: str = ""
    indicator: int | None = None
    questions: list[str] = field(default_factory=list)
    to_fix: str = ""  # ข้อบกพร่อง/จุดอ่อนที่ต้องแก้ไขเร่งด่วน
    to_improve: str = ""  # ข้อที่ต้องพัฒนา
    to_keep: str = ""  # รักษาระดับ
    approach: str = ""  # แนวทางการนำไปสู่การปฏิบัติ


# the measure's fields the app keeps on one line (its editor's line fields; never a line break)
MEASURE_LINE_FIELDS = ("period", "responsible", "budget")


@dataclass
class Measure(Record):
    """A มาตรการ/โครงการ/กิจกรรม of a plan. Long texts are markup (domain.markup)."""

    plan_id: str = ""
    sort_key: str = ""
    indicator: int | None = None
    group_id: str = ""
    title: str = ""
    steps: str = ""
    period: str = ""
    responsible: str = ""  # free text as typed
    responsible_main: list[str] = field(default_factory=list)  # division ids
    responsible_support: list[str] = field(default_factory=list)
    target: str = ""
    budget: str = ""
    monitoring: str = ""
    source_id: str = ""  # the measure this one was copied from
    oit_items: list[str] = field(default_factory=list)  # codes of the OIT items it answers ("o15")

    @staticmethod
    def copy_id(source_id: str, plan_id: str) -> str:
        """Copying the same measure into the same plan on two PCs gives one record."""
        return natural_id("measure-copy", source_id, plan_id)


@dataclass
class Result(Record):
    """What was done for a measure in one round (half = 6 months, year = year-end)."""

    measure_id: str = ""
    round: str = "year"
    period: str = ""
    output: str = ""
    outcome: str = ""
    status: str = ""
    percent: Decimal | None = None
    problems: str = ""
    suggestions: str = ""

    @staticmethod
    def make_id(measure_id: str, round_: str) -> str:
        return natural_id("result", measure_id, round_)


@dataclass
class IssuedDocument(Record):
    plan_id: str = ""
    document: str = "implementation"
    round: str = ""
    printed_on: str = ""  # ISO dates
    approved_on: str = ""
    signatories: list[dict[str, str]] = field(default_factory=list)
    pdf_sha256: str = ""
    url: str = ""
    published_on: str = ""


@dataclass
class PrintSettings(Record):
    """The print options a clerk chose for one document of a plan (round "" for the analysis):
    only those that differ from their defaults (report.options.saved_options), as JSON. Kept in
    the file so that they travel with it; never a file of one PC (an image's path)."""

    plan_id: str = ""
    document: str = "implementation"
    round: str = ""
    options: dict[str, object] = field(default_factory=dict)

    @staticmethod
    def make_id(plan_id: str, document: str, round_: str) -> str:
        """The same document's settings made on two PCs are one record."""
        return natural_id("print-settings", plan_id, document, round_)


OIT_ANSWERS = {"yes": "มี", "no": "ไม่มี", "": "ยังไม่ตรวจ"}


@dataclass
class Attachment(Record):
    """A file copied into the office file (an OIT item's evidence, a photo, the memo's emblem).
    Its id is its content's: the same picture added on two PCs, or twice, is one record."""

    name: str = ""  # the file's name when it was added, for the clerk
    mime: str = ""  # image/jpeg, image/png, application/pdf
    data: bytes | None = None

    @staticmethod
    def make_id(sha256: str) -> str:
        return natural_id("attachment", sha256)


@dataclass
class OitEntry(Record):
    """One OIT item of an ITA year's catalog in the office's disclosure register: what ITAS asks
    for it (มี/ไม่มี, URLs on the main website, a คำอธิบาย) and the office's own notes."""

    ita_year: int = 0
    code: str = ""  # "o1"… of that year's catalog
    answer: str = ""  # a key of OIT_ANSWERS
    links: list[dict[str, str]] = field(default_factory=list)  # {"url", "title", "checked", "check"}
    location: str = ""  # where on the site: "หน้าแรก > ข้อมูลพื้นฐาน > โครงสร้าง"
    period: str = ""  # what time the information covers: "ต.ค. ๒๕๖๗ – ก.ย. ๒๕๖๘"
    published_on: str = ""  # ISO date
    division_id: str = ""  # the division responsible for the information
    person: str = ""  # ผู้รับผิดชอบการให้ข้อมูล
    position: str = ""
    uploader: str = ""  # ผู้รับผิดชอบการนำข้อมูลขึ้นเผยแพร่ (a person or a division)
    uploader_position: str = ""
    explanation: str = ""  # the คำอธิบาย as edited; "" = the draft (domain.oit.draft_explanation)
    note: str = ""
    evidence_id: str = ""  # an Attachment
    review: str = ""  # why to look at it again after it was carried from last year; "" = fine

    @staticmethod
    def make_id(ita_year: int, code: str) -> str:
        """The same item filled on two PCs is one record, merged field by field."""
        return natural_id("oit-entry", ita_year, code.lower())


@dataclass
class Photo(Record):
    """A photo of what was done for a measure in one round (ภาพกิจกรรม)."""

    measure_id: str = ""
    round: str = "year"
    sort_key: str = ""
    caption: str = ""
    attachment_id: str = ""


@dataclass
class Template(Record):
    """An office's wording of a piece of paperwork (the memo's paragraphs, the publishing
    form's labels), only what differs from the bundled default. One record per key."""

    key: str = ""  # "memo", "publish-form"
    texts: dict[str, object] = field(default_factory=dict)

    @staticmethod
    def make_id(key: str) -> str:
        return natural_id("template", key)


@dataclass(frozen=True)
class Kind:
    """One kind of record: the one place that names it. The store, the merge, the recovery
    file, the check and the open document read this list; adding a kind is one entry here
    (and its table in a migration, store/schema.py)."""

    cls: type[Record]
    table: str  # its SQLite table
    attr: str  # its place in OfficeFile: a list, or "office" for the file's one office
    label: str  # what the clerk calls it (messages, the merge review)


# in load order: a record comes after the records it refers to
KINDS: tuple[Kind, ...] = (
    Kind(Office, "office", "office", "ข้อมูลหน่วยงาน"),
    Kind(Division, "division", "divisions", "กอง/ฝ่าย"),
    Kind(Signatory, "signatory", "signatories", "ผู้ลงนาม"),
    Kind(FrameworkSnapshot, "framework", "frameworks", "เกณฑ์การประเมิน"),
    Kind(Assessment, "assessment", "assessments", "ผลการประเมิน"),
    Kind(IndicatorScore, "indicator_score", "indicator_scores", "คะแนนตัวชี้วัด"),
    Kind(QuestionScore, "question_score", "question_scores", "คะแนนรายข้อ"),
    Kind(Plan, "plan", "plans", "ปีงบประมาณ"),
    Kind(AnalysisGroup, "analysis_group", "groups", "ประเด็นการวิเคราะห์"),
    Kind(Measure, "measure", "measures", "มาตรการ"),
    Kind(Result, "result", "results", "ผลการดำเนินการ"),
    Kind(IssuedDocument, "issued_document", "documents", "เอกสารที่ออก"),
    Kind(PrintSettings, "print_settings", "print_settings", "ค่าการพิมพ์"),
    Kind(Attachment, "attachment", "attachments", "ไฟล์แนบ"),
    Kind(OitEntry, "oit_entry", "oit_entries", "ทะเบียนการเปิดเผยข้อมูล"),
    Kind(Photo, "photo", "photos", "ภาพกิจกรรม"),
    Kind(Template, "template", "templates", "แบบเอกสาร"),
)
KIND_OF: dict[type[Record], Kind] = {k.cls: k for k in KINDS}
KIND_OF_TABLE: dict[str, Kind] = {k.table: k for k in KINDS}


@dataclass
class OfficeFile:
    """Everything one file holds, loaded in memory (a few hundred records at most)."""

    office: Office = field(default_factory=Office)
    divisions: list[Division] = field(default_factory=list)
    signatories: list[Signatory] = field(default_factory=list)
    frameworks: list[FrameworkSnapshot] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    indicator_scores: list[IndicatorScore] = field(default_factory=list)
    question_scores: list[QuestionScore] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    groups: list[AnalysisGroup] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    documents: list[IssuedDocument] = field(default_factory=list)
    print_settings: list[PrintSettings] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    oit_entries: list[OitEntry] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    templates: list[Template] = field(default_factory=list)

    def all_records(self) -> list[Record]:
        """Every record, deleted ones included, the office first."""
        out: list[Record] = []
        for kind in KINDS:
            out.extend(self.records(kind))
        return out

    def records(self, kind: Kind) -> list[Record]:
        """The records of one kind, deleted ones included (the office as a list of one)."""
        if kind.attr == "office":
            return [self.office]
        return list(getattr(self, kind.attr))

    def add(self, record: Record) -> None:
        """Put a record in its list (an office replaces the file's office)."""
        kind = KIND_OF[type(record)]
        if kind.attr == "office":
            assert isinstance(record, Office)
            self.office = record
        else:
            getattr(self, kind.attr).append(record)

    def holds(self, record: Record) -> bool:
        """This very record object is in the file (not merely one with its id)."""
        return any(r is record for r in self.records(KIND_OF[type(record)]))

    def discard(self, record: Record) -> None:
        """Take this very record object out of its list (undoing its addition)."""
        kind = KIND_OF[type(record)]
        if kind.attr != "office":
            lst = getattr(self, kind.attr)
            lst[:] = [r for r in lst if r is not record]

    # --- lookups over live (not deleted) records -------------------------------------
    def live_divisions(self) -> list[Division]:
        return sorted((d for d in self.divisions if not d.deleted), key=lambda d: d.sort_key)

    def assessment(self, ita_year: int) -> Assessment | None:
        return next((a for a in self.assessments if a.ita_year == ita_year and not a.deleted), None)

    def assessment_by_id(self, aid: str) -> Assessment | None:
        return next((a for a in self.assessments if a.id == aid and not a.deleted), None)

    def live_assessments(self) -> list[Assessment]:
        return sorted((a for a in self.assessments if not a.deleted), key=lambda a: a.ita_year)

    def framework_of(self, assessment: Assessment) -> FrameworkSnapshot | None:
        return next((f for f in self.frameworks if f.id == assessment.framework_id), None)

    def indicator_scores_of(self, aid: str) -> dict[int, IndicatorScore]:
        return {s.indicator: s for s in self.indicator_scores if s.assessment_id == aid and not s.deleted}

    def question_scores_of(self, aid: str) -> dict[str, QuestionScore]:
        return {s.code: s for s in self.question_scores if s.assessment_id == aid and not s.deleted}

    def plan(self, fiscal_year: int) -> Plan | None:
        return next((p for p in self.plans if p.fiscal_year == fiscal_year and not p.deleted), None)

    def live_plans(self) -> list[Plan]:
        return sorted((p for p in self.plans if not p.deleted), key=lambda p: p.fiscal_year)

    def measures_of(self, plan_id: str) -> list[Measure]:
        return sorted((m for m in self.measures if m.plan_id == plan_id and not m.deleted),
                      key=lambda m: (m.sort_key, m.id))

    def groups_of(self, plan_id: str) -> list[AnalysisGroup]:
        return sorted((g for g in self.groups if g.plan_id == plan_id and not g.deleted),
                      key=lambda g: (g.sort_key, g.id))

    def result(self, measure_id: str, round_: str) -> Result | None:
        rid = Result.make_id(measure_id, round_)
        return next((r for r in self._results_by_id().get(rid, ()) if r.id == rid and not r.deleted), None)

    def _results_by_id(self) -> dict[str, list[Result]]:
        """The results by id, made again when the list is replaced, grows or shrinks (records
        are only ever appended to or filtered out of their lists): a report or a check asks
        once per measure, and a scan of 10 years of results for each was quadratic. Kept in
        the instance's __dict__, not a field: not a list of the file, never pickled."""
        lst = self.results
        key = (id(lst), len(lst), id(lst[-1]) if lst else 0)
        made = self.__dict__.get("_result_index")
        if made is None or made[0] != key:
            index: dict[str, list[Result]] = {}
            for r in lst:
                index.setdefault(r.id, []).append(r)
            made = self.__dict__["_result_index"] = (key, index)
        by_id: dict[str, list[Result]] = made[1]
        return by_id

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("_result_index", None)
        return state

    def signatory(self, owner: str, document: str, round_: str, role: str) -> Signatory | None:
        sid = Signatory.make_id(owner, document, round_, role)
        return next((s for s in self.signatories if s.id == sid and not s.deleted), None)

    def print_settings_of(self, plan_id: str, document: str, round_: str) -> PrintSettings | None:
        """The print options saved for a plan's document and round (not deleted), or None."""
        sid = PrintSettings.make_id(plan_id, document, round_)
        return next((s for s in self.print_settings if s.id == sid and not s.deleted), None)

    def oit_entries_of(self, ita_year: int) -> dict[str, OitEntry]:
        """The register of an ITA year, by item code (lower case), live entries only."""
        return {e.code.lower(): e for e in self.oit_entries if e.ita_year == ita_year and not e.deleted}

    def attachment(self, aid: str) -> Attachment | None:
        return next((a for a in self.attachments if a.id == aid and not a.deleted), None) if aid else None

    def photos_of(self, measure_id: str, round_: str) -> list[Photo]:
        return sorted((p for p in self.photos if p.measure_id == measure_id and p.round == round_
                       and not p.deleted), key=lambda p: (p.sort_key, p.id))

    def template(self, key: str) -> dict[str, object]:
        """The office's own values of a template (empty: the bundled default throughout)."""
        tid = Template.make_id(key)
        return next((dict(t.texts) for t in self.templates if t.id == tid and not t.deleted), {})

    def signatories_for(self, plan_id: str, document: str, round_: str) -> list[Signatory]:
        """The document's own signatories, each role falling back to the office default."""
        out = []
        for role in ROLES:
            own = self.signatory(plan_id, document, round_, role)
            out.append(own or self.signatory("office", "", "", role)
                       or Signatory(owner="office", role=role))
        return out
