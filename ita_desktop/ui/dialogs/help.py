"""ช่วยเหลือ › วิธีใช้: the clerk's yearly job, step by step, naming the menus that do each step."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from ita_desktop.ui.dialogs.fit import fit_to_screen

# the steps numbered by hand: Qt's own list numbers are Arabic digits only
HELP_HTML = """
<h3>งานประจำปีของ ITA ทีละขั้น</h3>
<p style="margin-left:28px; text-indent:-28px">๑.&nbsp;<b>ข้อมูลหน่วยงาน</b> — หน้า «ข้อมูลหน่วยงาน»: ชื่อ ตำบล อำเภอ จังหวัด กองหรือส่วนราชการ
และผู้ลงนาม (กรอกครั้งเดียว ใช้ทุกปี)</p>
<p style="margin-left:28px; text-indent:-28px">๒.&nbsp;<b>ผลการประเมิน</b> — «ผลการประเมิน › เพิ่มผลการประเมิน…» เลือกปีที่ประเมินและเกณฑ์
แล้ว «ผลการประเมิน › วางคะแนนจากตาราง…» คัดลอกตารางคะแนนจากเอกสารผลการประเมินหรือจากระบบ ITAS
มาวาง ตรวจตารางใต้ช่องที่วางว่าโปรแกรมอ่านแต่ละแถวได้ถูกต้องก่อนกดตกลง
ในหน้าผลการประเมิน คำว่า «⚠ ไม่ตรง» คือคะแนนที่กรอกไม่ตรงกับที่โปรแกรมคำนวณ</p>
<p style="margin-left:28px; text-indent:-28px">๓.&nbsp;<b>ประเด็นการวิเคราะห์</b> — «มาตรการ › เพิ่มปีงบประมาณ…» (อ้างอิงผลการประเมินของปีนั้น)
แล้ว «มาตรการ › ประเด็นการวิเคราะห์» กด «สร้างตามประเด็น (แม่แบบ)» หรือ «สร้างตามตัวชี้วัด»
เพิ่ม ลบ เปลี่ยนชื่อ และเลื่อนประเด็นได้ กด «เติมข้อความแนะนำในช่องที่ว่าง» แล้วแก้ข้อความให้ตรงกับหน่วยงาน</p>
<p style="margin-left:28px; text-indent:-28px">๔.&nbsp;<b>มาตรการ</b> — «มาตรการ › แนะนำมาตรการ…» เลือกมาตรการที่ตอบข้อที่ได้คะแนนต่ำ
(โปรแกรมผูกมาตรการกับตัวชี้วัดและประเด็นให้) หรือ «มาตรการ › เพิ่มมาตรการ» แล้วกรอกชื่อ ขั้นตอน
ระยะเวลา ผู้รับผิดชอบ และประเด็นที่มาตรการตอบ</p>
<p style="margin-left:28px; text-indent:-28px">๕.&nbsp;<b>ผลการดำเนินการ</b> — เมื่อครบรอบ ๖ เดือน และ ๑๒ เดือน กรอกผลการดำเนินการและผลลัพธ์ของแต่ละมาตรการ
(วันที่ จำนวน หลักฐาน)</p>
<p style="margin-left:28px; text-indent:-28px">๖.&nbsp;<b>ตรวจความครบถ้วน</b> — «แฟ้ม › ตรวจความครบถ้วนของข้อมูล» ดับเบิลคลิกรายการเพื่อไปที่ช่องที่ยังขาด</p>
<p style="margin-left:28px; text-indent:-28px">๗.&nbsp;<b>พิมพ์และอนุมัติ</b> — «แฟ้ม › พิมพ์เอกสาร…» เลือกเอกสาร (การวิเคราะห์ผลการประเมินและมาตรการ
หรือรายงานผลการดำเนินการ) กรอก «มาตรการ › ผู้ลงนามในเอกสาร» และวันที่ลงนาม
เมื่อผู้บริหารอนุมัติแล้วจึงติ๊ก «ผู้บริหารอนุมัติแล้ว» (ก่อนนั้นทุกหน้ามีคำว่า «ฉบับร่าง»)
แล้วบันทึกเป็นไฟล์ PDF เพื่อเผยแพร่บนเว็บไซต์</p>
<p style="margin-left:28px; text-indent:-28px">๘.&nbsp;<b>ทะเบียนการเปิดเผยข้อมูล (OIT)</b> — หน้า «ทะเบียนการเปิดเผยข้อมูล (OIT)»
เลือกปีประเมิน กด «สร้างทะเบียนปีนี้» (ลิงก์ของข้อเดิมยกมาจากปีก่อน ให้ตรวจอีกครั้ง) แต่ละข้อตอบ มี/ไม่มี
ใส่ลิงก์บนเว็บไซต์หลักของหน่วยงาน ตำแหน่งบนเว็บไซต์ และวันที่เผยแพร่ โปรแกรมร่างคำอธิบายให้
แล้ว «ทะเบียน OIT › คัดลอกสำหรับ ITAS» ไปวางในระบบ ITAS ทีละข้อ ภาพกิจกรรมของแต่ละมาตรการเพิ่มได้ใต้ผลการดำเนินการ</p>
<p style="margin-left:28px; text-indent:-28px">๙.&nbsp;<b>แฟลชไดรฟ์</b> — «แฟ้ม › บันทึกสำเนาไปที่ (แฟลชไดรฟ์)…» เพื่อนำไปกรอกที่เครื่องอื่น
และ «แฟ้ม › รวมข้อมูลจากไฟล์อื่น…» เพื่อรวมสิ่งที่กองหรือส่วนราชการกรอกมา</p>
<p>ทุกอย่างบันทึกลงไฟล์เองทันที แก้ผิดกด «แก้ไข › เลิกทำ» (Ctrl+Z)</p>
<h3>แป้นลัด</h3>
<p>Ctrl+N สร้างไฟล์ใหม่ · Ctrl+O เปิด · Ctrl+S บันทึก · Ctrl+P พิมพ์เอกสาร · F7 ตรวจความครบถ้วน ·
Ctrl+Shift+I เพิ่มผลการประเมิน · Ctrl+Shift+V วางคะแนนจากตาราง · Ctrl+Shift+Y เพิ่มปีงบประมาณ ·
Ctrl+M เพิ่มมาตรการ · Ctrl+Shift+M แนะนำมาตรการ · Ctrl+G ประเด็นการวิเคราะห์ ·
Ctrl+Shift+L ผู้ลงนามในเอกสาร · Ctrl+Shift+R สร้างทะเบียน OIT · Ctrl+Shift+C คัดลอกสำหรับ ITAS ·
Ctrl+Z เลิกทำ · Ctrl+Y ทำซ้ำ · F1 วิธีใช้</p>
"""


class HelpDialog(QDialog):
    """A short Thai walk through the year's job (not modal: the clerk follows it in the window)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("วิธีใช้ ITA Desktop"))
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("ขั้นตอนงาน ITA ของหน่วยงานในหนึ่งปี และเมนูที่ใช้ในแต่ละขั้น")))
        self.text = QTextBrowser()
        self.text.setHtml(self.tr(HELP_HTML))
        lay.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("ปิด"))
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        fit_to_screen(self, 760, 620)
