"""Text as it comes from real reports (a web form's export, a Word table pasted): HTML
entities left in it, and lists typed inline in one paragraph ("…ต่อเนื่อง ๒.ประกาศ…",
"… - ให้บุคลากร…").

Both are decided once, when the text enters the file (JSON import, paste), never at print
time: the clerk sees and can correct what is stored, and the report prints what is stored.
A list item in the markup (domain.markup) is a line starting with its label ("๑." "๑)"
"๘.๑" "-"): it prints with a hanging indent.
"""
from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass

from ita_desktop.domain import models as m

# only complete entities, with their ";": "R&D" or "ข้อ ๑ & ๒" stay as typed
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decode_entities(text: str) -> str:
    """&amp; &nbsp; &quot; &#39; … as the characters they stand for (a no-break space stays
    one: normalize_text makes it a plain space)."""
    if "&" not in text:
        return text
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


# the block tags a web form's export leaves in its text (seed 002: '<ul style="…"> - เพื่อ…');
# only these, written as tags: "คะแนน < 50" or "<ข้อสังเกต>" stay as typed
_BREAK_TAG = re.compile(r"<br\s*/?>", re.I)
_PARAGRAPH_TAG = re.compile(r"</?(?:p|div)(?:\s[^<>]*)?>", re.I)
_ITEM_TAG = re.compile(r"<li(?:\s[^<>]*)?>", re.I)
_DROPPED_TAG = re.compile(r"</?(?:ul|ol|span)(?:\s[^<>]*)?>|</li>", re.I)


def clean_html(text: str) -> str:
    """Text with the HTML a web form left in it made markup: paragraphs and line breaks as
    such, list items as "- " lines, list tags dropped, entities decoded."""
    if "<" in text:
        text = _BREAK_TAG.sub("\n", text)
        text = _PARAGRAPH_TAG.sub("\n\n", text)
        text = _ITEM_TAG.sub("\n- ", text)
        text = _DROPPED_TAG.sub("", text)
        text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return decode_entities(text)


_DIGIT = "0-9๐-๙"
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# an item's number: "๒." "๒)" "๘.๑" "๘.๑." ; never part of a longer number ("๒๕๖๘." "๘๐.๕๐")
_LABEL = re.compile(rf"(?<![{_DIGIT}.,/:])([{_DIGIT}]{{1,2}}(?:\.[{_DIGIT}]{{1,2}})?)([.)])?(?![{_DIGIT}])")
# what must follow a label for it to start an item: a letter (after spaces or none)
_ITEM_TEXT = re.compile(r"\s*[^\s0-9๐-๙.,)%/:\-–]")
# words after which a number is a reference in the sentence ("ข้อ ๒.", "ที่ ๓.")
# ("ที่" alone would take "เจ้าหน้าที่ ๓." for one)
_REFERENCE_WORDS = ("ข้อ", "ข้อที่", "ครั้งที่", "ฉบับที่", "ลำดับที่", "หมู่ที่", "ภาพที่", "ตารางที่",
                    "ระดับที่", "รุ่นที่", "ชั้นที่", "ปีที่", "มาตรา", "วรรค", "ร้อยละ", "พ.ศ.", "ค.ศ.", "เวลา")
_BULLET = re.compile(r"(?<=\s)[-•](?=\s*[^\s0-9๐-๙\-–.,])")


@dataclass(frozen=True)
class _Label:
    start: int  # where the label begins in the line
    number: tuple[int, ...]
    end: str  # "." ")" or "" ("๘.๑ ")


def _labels(line: str) -> list[_Label]:
    """Every place in the line that looks like an item's number, at the line's start or
    after a space."""
    found = []
    for match in _LABEL.finditer(line):
        i = match.start()
        if i and not line[i - 1].isspace():
            continue
        number, end = match.group(1), match.group(2) or ""
        if not end and "." not in number:
            continue  # "๓๐ ก.ย." is a date, "๑๐๐ คน" a count
        if not end and not line[match.end():match.end() + 1].isspace():
            continue
        if not _ITEM_TEXT.match(line, match.end()):
            continue
        before = line[:i].rstrip()
        if i and before.endswith(_REFERENCE_WORDS):
            continue
        parts = tuple(int(p.translate(_THAI_DIGITS)) for p in number.split("."))
        found.append(_Label(i, parts, end))
    return found


def _follows(a: _Label, b: _Label) -> bool:
    """Is b the item right after a (๒. after ๑., ๘.๒ after ๘.๑), written the same way?"""
    return (a.end == b.end and len(a.number) == len(b.number)
            and a.number[:-1] == b.number[:-1] and b.number[-1] == a.number[-1] + 1)


def _numbered_items(line: str) -> list[int]:
    """Where the line's inline numbered items start: a run ๑. ๒. ๓. … in order, beginning
    at the line's start (any number) or mid-line at ๑ (or x.๑). Empty when there is none."""
    labels = _labels(line)
    best: list[_Label] = []
    for k, first in enumerate(labels):
        if first.start != 0 and first.number[-1] != 1:
            continue
        run = [first]
        for nxt in labels[k + 1:]:
            if _follows(run[-1], nxt):
                run.append(nxt)
        if len(run) > len(best):
            best = run
    if len(best) < 2:
        return []
    return [x.start for x in best]


def _bullet_items(line: str) -> list[int]:
    """Where inline "-" items start: when the line itself starts with "-" (then one more
    is enough) or holds two or more; "๑ - ๔", "๘๐ - ๘๕" and "ติดต่อ-สอบถาม" are no items."""
    starts = [m.start() for m in _BULLET.finditer(line)
              if not line[:m.start()].rstrip()[-1:].isdigit()]
    lead = line.lstrip()[:1] in ("-", "•")
    if not starts or (not lead and len(starts) < 2):
        return []
    return starts


def _cut(line: str, starts: list[int]) -> list[str]:
    bounds = [0, *[s for s in starts if s > 0], len(line)]
    pieces = [line[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [p for p in pieces if p]


def split_inline_lists(text: str) -> str:
    """The text with each inline list item on its own line (in the same paragraph); text
    with no inline list comes back unchanged."""
    out: list[str] = []
    for line in (text or "").split("\n"):
        numbered = _numbered_items(line)
        pieces = _cut(line, numbered) if numbered else [line]
        for piece in pieces:
            bullets = _bullet_items(piece)
            out.extend(_cut(piece, bullets) if bullets else [piece])
    return "\n".join(out)


def has_inline_list(text: str) -> bool:
    return split_inline_lists(text) != text


# the long texts a list can be typed in (titles are not split: a title is one item)
LIST_FIELDS: dict[type[m.Record], tuple[str, ...]] = {
    m.Measure: ("steps", "target", "monitoring"),
    m.Result: ("output", "outcome", "problems", "suggestions"),
    m.AnalysisGroup: ("to_fix", "to_improve", "to_keep", "approach"),
}


@dataclass(frozen=True)
class ListSplit:
    """One text of the file whose inline list would go one item a line."""

    record: m.Record
    field: str
    before: str
    after: str

    def apply(self) -> None:
        setattr(self.record, self.field, self.after)


def list_splits(data: m.OfficeFile) -> list[ListSplit]:
    """Every long text of the file holding a list typed inline, in the file's order."""
    records: list[m.Record] = [*data.groups, *data.measures, *data.results]
    found = []
    for rec in records:
        if rec.deleted:
            continue
        for name in LIST_FIELDS.get(type(rec), ()):
            before = getattr(rec, name)
            after = split_inline_lists(before)
            if after != before:
                found.append(ListSplit(rec, name, before, after))
    return found
