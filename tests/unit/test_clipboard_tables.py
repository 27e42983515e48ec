"""A table pasted from Word or Excel (WORD.md F3), from the clipboard formats as Qt hands them
over: Word's and Excel's HTML (the whole document, the fragment between its markers),
Excel's "XML Spreadsheet" and its tab-separated text. The samples are written by hand after
what Word and Excel put there; a developer with Windows Office should replace them with real
captures once."""
from __future__ import annotations

import contextlib

import pytest

from ita_desktop.domain.clipboard_tables import (
    MAX_ROWS,
    ClipboardTableError,
    best_table,
    table_from_html,
    table_from_spreadsheetml,
    table_from_tsv,
)
from ita_desktop.domain.table_import import read_table

XML_SPREADSHEET = 'application/x-qt-windows-mime;value="XML Spreadsheet"'

# Word 2016's "HTML Format" as QWindowsMimeHtml gives it: the whole document, \r stripped
WORD_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<style>
<!--
 /* Style Definitions */
 p.MsoNormal {margin:0cm;font-size:16.0pt;font-family:"TH SarabunPSK",sans-serif;}
-->
</style>
</head>

<body lang=EN-US style='tab-interval:36.0pt;word-wrap:break-word'>
<!--StartFragment-->

<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0
 style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;
 mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>
 <tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes'>
  <td width=48 valign=top style='width:36.0pt;border:solid windowtext 1.0pt;
  padding:0cm 5.4pt 0cm 5.4pt'>
  <p class=MsoNormal align=center style='text-align:center'><b><span lang=TH
  style='font-family:"TH SarabunPSK",sans-serif'>ลำดับ<o:p></o:p></span></b></p>
  </td>
  <td width=200 valign=top style='width:150.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal align=center style='text-align:center'><b><span lang=TH
  style='font-family:"TH SarabunPSK",sans-serif'>มาตรการ/โครงการ<o:p></o:p></span></b></p>
  </td>
  <td width=200 valign=top style='width:150.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal align=center style='text-align:center'><b><span lang=TH
  style='font-family:"TH SarabunPSK",sans-serif'>กิจกรรม<o:p></o:p></span></b></p>
  </td>
  <td width=120 valign=top style='width:90.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal align=center style='text-align:center'><b><span lang=TH
  style='font-family:"TH SarabunPSK",sans-serif'>ผู้รับผิดชอบ<o:p></o:p></span></b></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:1'>
  <td width=48 rowspan=2 valign=top style='width:36.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal align=center style='text-align:center'><span lang=TH
  style='font-family:"TH SarabunPSK",sans-serif'>๑<o:p></o:p></span></p>
  </td>
  <td width=200 rowspan=2 valign=top style='width:150.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=TH style='font-family:"TH SarabunPSK",sans-serif'>มาตรการเผยแพร่ข้อมูล
  ต่อสาธารณะ<o:p></o:p></span></p>
  </td>
  <td width=200 valign=top style='width:150.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=TH style='font-family:"TH SarabunPSK",sans-serif'>๑.
  จัดทำประกาศ<o:p></o:p></span></p>
  <p class=MsoNormal><span lang=TH style='font-family:"TH SarabunPSK",sans-serif'>๒.
  เผยแพร่ทางเว็บไซต์<o:p></o:p></span></p>
  </td>
  <td width=120 rowspan=2 valign=top style='width:90.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=TH style='font-family:"TH SarabunPSK",sans-serif'>สำนักปลัด<o:p></o:p></span></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:2'>
  <td width=200 valign=top style='width:150.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=TH style='font-family:"TH SarabunPSK",sans-serif'>ติดประกาศ ณ
  ที่ทำการ<o:p></o:p></span></p>
  </td>
 </tr>
 <tr style='mso-yfti-irow:3;mso-yfti-lastrow:yes'>
  <td width=48 valign=top style='width:36.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal align=center style='text-align:center'><span lang=TH
  style='font-family:"TH SarabunPSK",sans-serif'>๒<o:p></o:p></span></p>
  </td>
  <td width=320 colspan=2 valign=top style='width:240.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><span lang=TH style='font-family:"TH SarabunPSK",sans-serif'>มาตรการป้องกันการรับสินบน<o:p></o:p></span></p>
  </td>
  <td width=120 valign=top style='width:90.0pt;border:solid windowtext 1.0pt'>
  <p class=MsoNormal><o:p>&nbsp;</o:p></p>
  </td>
 </tr>
</table>

<!--EndFragment-->
</body>

</html>
"""

# Excel 2016's "HTML Format": the fragment markers inside the <table>
EXCEL_HTML = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=utf-8">
<meta name=ProgId content=Excel.Sheet>
<meta name=Generator content="Microsoft Excel 15">
<style>
<!--table
	{mso-displayed-decimal-separator:"\\.";}
.xl65 {mso-number-format:"\\#\\,\\#\\#0\\.00";}
-->
</style>
</head>
<body link="#0563C1" vlink="#954F72">
<table border=0 cellpadding=0 cellspacing=0 width=400 style='border-collapse:collapse;width:300pt'>
<!--StartFragment-->
 <col width=64 style='width:48pt'>
 <col width=200 style='mso-width-source:userset;width:150pt'>
 <col width=136 style='width:102pt'>
 <tr height=21 style='height:15.75pt'>
  <td height=21 width=64 style='height:15.75pt;width:48pt'>ลำดับ</td>
  <td width=200 style='width:150pt'>มาตรการ</td>
  <td width=136 style='width:102pt'>งบประมาณ</td>
 </tr>
 <tr height=42 style='height:31.5pt'>
  <td height=42 align=right style='height:31.5pt' x:num>1</td>
  <td class=xl66 width=200 style='width:150pt'>จัดทำคู่มือ<br style='mso-data-placement:same-cell'>การปฏิบัติงาน</td>
  <td class=xl65 align=right x:num="50000">50,000.00</td>
 </tr>
 <tr height=21 style='height:15.75pt'>
  <td height=21 align=right style='height:15.75pt' x:num>2</td>
  <td colspan=2 style='mso-ignore:colspan'>ประชุมประจำเดือน &amp; ติดตามผล</td>
 </tr>
<!--EndFragment-->
</table>
</body>
</html>
"""

SPREADSHEETML = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:o="urn:schemas-microsoft-com:office:office"
 xmlns:x="urn:schemas-microsoft-com:office:excel"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:html="http://www.w3.org/TR/REC-html40">
 <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="TH SarabunPSK" ss:Size="16"/></Style>
 </Styles>
 <Worksheet ss:Name="Sheet1">
  <Table ss:ExpandedColumnCount="4" ss:ExpandedRowCount="5" x:FullColumns="1" x:FullRows="1">
   <Row>
    <Cell><Data ss:Type="String">ลำดับ</Data></Cell>
    <Cell><Data ss:Type="String">มาตรการ</Data></Cell>
    <Cell><Data ss:Type="String">ขั้นตอน</Data></Cell>
    <Cell><Data ss:Type="String">คะแนน</Data></Cell>
   </Row>
   <Row>
    <Cell ss:MergeDown="1"><Data ss:Type="Number">1</Data></Cell>
    <Cell ss:MergeDown="1"><Data ss:Type="String">มาตรการเผยแพร่ข้อมูล</Data></Cell>
    <Cell><Data ss:Type="String">จัดทำประกาศ&#10;ลงนามโดยนายก</Data></Cell>
    <Cell><Data ss:Type="Number">72.968333333333334</Data></Cell>
   </Row>
   <Row>
    <Cell ss:Index="3"><Data ss:Type="String">เผยแพร่ทางเว็บไซต์</Data></Cell>
   </Row>
   <Row ss:Index="5">
    <Cell><Data ss:Type="Number">2</Data></Cell>
    <Cell ss:MergeAcross="1"><ss:Data ss:Type="String"
      xmlns="http://www.w3.org/TR/REC-html40"><B>มาตรการ</B>ป้องกัน</ss:Data></Cell>
    <Cell><Data ss:Type="DateTime">2025-03-31T00:00:00.000</Data></Cell>
   </Row>
  </Table>
 </Worksheet>
</Workbook>
"""


# --- HTML ---------------------------------------------------------------------------------------
def test_word_html_rowspan_colspan_paragraphs_and_nbsp() -> None:
    grid = table_from_html(WORD_HTML)
    assert grid.width == 4 and len(grid.rows) == 4
    assert grid.rows[1] == ["๑", "มาตรการเผยแพร่ข้อมูล ต่อสาธารณะ", "๑. จัดทำประกาศ\n๒. เผยแพร่ทางเว็บไซต์", "สำนักปลัด"]
    assert grid.rows[2] == ["", "", "ติดประกาศ ณ ที่ทำการ", ""]
    assert grid.origin[2][1] == (1, 1) and grid.origin[2][3] == (1, 3)
    assert grid.rows[3] == ["๒", "มาตรการป้องกันการรับสินบน", "", ""]  # the &nbsp; cell is empty
    assert grid.origin[3][2] == (3, 1)
    got = read_table(grid)
    assert got.mapping == {0: "seq", 1: "title", 2: "steps", 3: "responsible"}
    [a, b] = got.measures
    assert a.fields["steps"] == "๑. จัดทำประกาศ\n๒. เผยแพร่ทางเว็บไซต์\nติดประกาศ ณ ที่ทำการ"
    assert a.seq == "1" and b.seq == "2" and b.fields == {"title": "มาตรการป้องกันการรับสินบน"}


def test_excel_html_fragment_inside_the_table() -> None:
    grid = table_from_html(EXCEL_HTML.encode("utf-8"))
    assert grid.rows == [["ลำดับ", "มาตรการ", "งบประมาณ"],
                         ["1", "จัดทำคู่มือ\nการปฏิบัติงาน", "50,000.00"],
                         ["2", "ประชุมประจำเดือน & ติดตามผล", ""]]
    measures = read_table(grid).measures
    assert [m.fields.get("budget") for m in measures] == ["50,000.00", None]


def test_html_without_fragment_markers_and_th_header() -> None:
    grid = table_from_html("<table><thead><tr><th>มาตรการ</th><th>ผู้รับผิดชอบ</th></tr></thead>"
                           "<tbody><tr><td>ก</td><td>ข</td></tr></tbody></table>")
    assert grid.header_rows == 1 and grid.rows[1] == ["ก", "ข"]
    assert read_table(grid).measures[0].fields == {"title": "ก", "responsible": "ข"}


def test_html_with_no_table_is_refused() -> None:
    with pytest.raises(ClipboardTableError):
        table_from_html("<p>ข้อความธรรมดา</p>")


def test_html_spans_are_capped() -> None:
    grid = table_from_html(f'<table><tr><td rowspan="{MAX_ROWS * 10}">x</td></tr><tr></tr></table>')
    assert len(grid.rows) == 2  # a span past the last row ends there, as in a browser
    with pytest.raises(ClipboardTableError, match="ใหญ่เกินไป"):
        table_from_html("<table>" + "<tr><td>x</td></tr>" * (MAX_ROWS + 1) + "</table>")
    grid = table_from_html('<table><tr><td colspan="99999999">x</td></tr></table>')
    assert grid.width <= 200


# --- SpreadsheetML --------------------------------------------------------------------------------
def test_spreadsheetml_index_merges_and_full_precision() -> None:
    grid = table_from_spreadsheetml(SPREADSHEETML.encode("utf-8"))
    assert grid.width == 4 and len(grid.rows) == 5
    assert grid.rows[1] == ["1", "มาตรการเผยแพร่ข้อมูล", "จัดทำประกาศ\nลงนามโดยนายก", "72.968333333333334"]
    assert grid.rows[2] == ["", "", "เผยแพร่ทางเว็บไซต์", ""]
    assert grid.merged_down(2, 0) and grid.merged_down(2, 1)
    assert grid.rows[3] == ["", "", "", ""]  # Row ss:Index="5" skipped row 4
    assert grid.rows[4] == ["2", "มาตรการป้องกัน", "", "2025-03-31T00:00:00.000"]
    assert grid.origin[4][2] == (4, 1)
    [a, b] = read_table(grid).measures
    assert a.fields["steps"] == "จัดทำประกาศ\nลงนามโดยนายก\nเผยแพร่ทางเว็บไซต์"
    assert b.title == "มาตรการป้องกัน"


def test_spreadsheetml_given_as_text() -> None:
    assert table_from_spreadsheetml(SPREADSHEETML).rows[0][0] == "ลำดับ"


@pytest.mark.parametrize("payload", [
    # billion laughs
    ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
     '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
     '<Data>&lol2;</Data></Cell></Row></Table></Worksheet></Workbook>'),
    # an external entity
    ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
     '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
     '<Data>&e;</Data></Cell></Row></Table></Worksheet></Workbook>'),
])
def test_spreadsheetml_with_a_dtd_is_refused(payload: str) -> None:
    with pytest.raises(ClipboardTableError, match="DTD"):
        table_from_spreadsheetml(payload.encode())
    with pytest.raises(ClipboardTableError, match="DTD"):
        table_from_spreadsheetml(payload.encode("utf-16"))


@pytest.mark.parametrize("payload", [b"", b"not xml", b"<Workbook/>", b"\xff\xfe\x00garbage"])
def test_spreadsheetml_that_is_no_table_is_refused(payload: bytes) -> None:
    with pytest.raises(ClipboardTableError):
        table_from_spreadsheetml(payload)


def test_spreadsheetml_far_index_is_refused() -> None:
    xml = ('<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table>'
           '<Row ss:Index="1048576"><Cell ss:Index="16384"><Data>x</Data></Cell></Row>'
           '</Table></Worksheet></Workbook>')
    with pytest.raises(ClipboardTableError, match="ใหญ่เกินไป"):
        table_from_spreadsheetml(xml.encode())


# --- TSV ----------------------------------------------------------------------------------------------
def test_tsv_quoted_newlines_and_trailing_row() -> None:
    text = ('ลำดับ\tมาตรการ\tขั้นตอน\r\n'
            '1\tจัดทำคู่มือ\t"๑. รวบรวม\r\n๒. เผยแพร่ ""ฉบับใหม่"""\r\n'
            '2\tประชุม\u00a0ประจำเดือน\t\r\n')
    grid = table_from_tsv(text)
    assert grid.rows == [["ลำดับ", "มาตรการ", "ขั้นตอน"],
                         ["1", "จัดทำคู่มือ", '๑. รวบรวม\n๒. เผยแพร่ "ฉบับใหม่"'],
                         ["2", "ประชุม ประจำเดือน", ""]]
    assert table_from_tsv(text.encode("utf-16")).rows == grid.rows


def test_tsv_ragged_rows_are_padded() -> None:
    assert table_from_tsv("a\tb\tc\nd\n").rows == [["a", "b", "c"], ["d", "", ""]]


# --- choosing the format -------------------------------------------------------------------------
def test_best_table_prefers_spreadsheetml_then_html_then_text() -> None:
    formats: dict[str, bytes | str] = {
        "text/plain": "a\tb\n",
        "text/html": WORD_HTML,
        XML_SPREADSHEET: SPREADSHEETML.encode("utf-8"),
    }
    grid = best_table(formats)
    assert grid is not None and grid.rows[0][3] == "คะแนน"
    del formats[XML_SPREADSHEET]
    grid = best_table(formats)
    assert grid is not None and grid.rows[0][1] == "มาตรการ/โครงการ"
    del formats["text/html"]
    grid = best_table(formats)
    assert grid is not None and grid.rows == [["a", "b"]]
    assert best_table({}) is None


def test_best_table_falls_back_when_a_richer_format_is_bad() -> None:
    grid = best_table({XML_SPREADSHEET: b"<broken", "text/html": "<p>no table</p>", "text/plain": "x\ty"})
    assert grid is not None and grid.rows == [["x", "y"]]
    with pytest.raises(ClipboardTableError):
        best_table({XML_SPREADSHEET: b"<broken"})


def test_random_bytes_never_raise_anything_but_a_refusal() -> None:
    import random

    rng = random.Random(17)
    for _ in range(200):
        blob = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400)))
        for reader in (table_from_spreadsheetml, table_from_html, table_from_tsv):
            with contextlib.suppress(ClipboardTableError):
                reader(blob)
