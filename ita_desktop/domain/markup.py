"""The small markup of long texts (steps, outputs, analysis text): a Markdown subset.

    blank line           a new paragraph
    single newline       a line break inside the paragraph
    "- " at line start   a bullet item ("• " and "-" directly before Thai are read too)
    "๑. " / "1. " / "๘.๑ " / "2) " at line start
                         a numbered item; the number is kept exactly as typed
    **bold**             bold text (a bold lead-in: "**การประกาศนโยบาย:** ...")
    \\*  \\\\            a literal asterisk / backslash (the escape rule)

Parsing never loses a character of the text a reader sees, and serialize(parse(text))
equals text for every text written by serialize (markup the editor stores).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# "๑. " "๑.๒ " "2) " and "๑.จัด" (no space, as typed in the seeds); not "100 คน" or "2568 ปี"
_NUMBER = re.compile(
    r"^(?:[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})*[.)]|[0-9๐-๙]{1,3}(?:\.[0-9๐-๙]{1,3})+)"
    r"(?:\s+(?=\S)|(?=[^\s0-9๐-๙.]))")
_BULLET = re.compile(r"^([-•]\s+|-(?=[\u0e01-\u0e4f]))(?=\S)")


@dataclass
class Run:
    text: str
    bold: bool = False


@dataclass
class Line:
    """One line of a paragraph. kind: 'text', 'bullet' or 'number'; label as typed
    (with its following spaces) for bullets and numbers."""

    kind: str = "text"
    label: str = ""
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


Paragraph = list[Line]


def parse_inline(text: str) -> list[Run]:
    """Split a line into runs at ** toggles, honouring the escapes."""
    if "*" not in text and "\\" not in text:  # most lines: no markup (the loop below is per letter)
        return [Run(text)] if text else []
    runs: list[Run] = []
    buf: list[str] = []
    bold = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in "*\\":
            buf.append(text[i + 1])
            i += 2
            continue
        if text.startswith("**", i):
            if buf:
                runs.append(Run("".join(buf), bold))
                buf = []
            bold = not bold
            i += 2
            continue
        buf.append(ch)
        i += 1
    if buf:
        runs.append(Run("".join(buf), bold))
    if bold:
        # an unclosed ** was not markup: keep it as text so nothing is lost
        return _unclosed(text)
    return runs


def _unclosed(text: str) -> list[Run]:
    head, _, tail = text.rpartition("**")
    runs = parse_inline(head) if head else []
    runs.append(Run("**" + tail.replace("\\*", "*").replace("\\\\", "\\")))
    return runs


def parse_line(line: str) -> Line:
    m = _NUMBER.match(line)
    if m:
        label = m.group(0)
        return Line("number", label, parse_inline(line[len(label):]))
    m = _BULLET.match(line)
    if m:
        label = m.group(0)
        return Line("bullet", label, parse_inline(line[len(label):]))
    return Line("text", "", parse_inline(line))


def parse(text: str) -> list[Paragraph]:
    """Paragraphs of lines. Runs of blank lines separate paragraphs."""
    paragraphs: list[Paragraph] = []
    current: Paragraph = []
    for raw in (text or "").split("\n"):
        if raw.strip() == "":
            if current:
                paragraphs.append(current)
                current = []
            continue
        current.append(parse_line(raw))
    if current:
        paragraphs.append(current)
    return paragraphs


def escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*")


def serialize_runs(runs: list[Run]) -> str:
    out: list[str] = []
    for run in runs:
        if not run.text:
            continue
        body = escape(run.text)
        if run.bold:
            # keep spaces outside the markers so "** x**" never appears
            lead = body[: len(body) - len(body.lstrip(" "))]
            trail = body[len(body.rstrip(" ")):]
            core = body.strip(" ")
            out.append(f"{lead}**{core}**{trail}" if core else body)
        else:
            out.append(body)
    text = "".join(out)
    return text.replace("****", "")  # two adjacent bold runs are one


def serialize_line(line: Line) -> str:
    return line.label + serialize_runs(line.runs)


def serialize(paragraphs: list[Paragraph]) -> str:
    return "\n\n".join("\n".join(serialize_line(line) for line in p) for p in paragraphs)


@lru_cache(maxsize=20_000)
def plain_text(text: str) -> str:
    """The text a reader sees: markers removed, labels kept. Once per text: a list on screen
    asks for its cells again at every repaint and resize."""
    return "\n\n".join("\n".join(line.label + line.text for line in p) for p in parse(text))


def starts_with_number(text: str) -> bool:
    """Does the text already begin with a number as typed ("๒. ", "2) ")?"""
    return bool(_NUMBER.match((text or "").lstrip()))
