"""Print options declared once (report/options.py OPTIONS): the dataclass, the validation, the
settings file, the saved settings and the render command are all read from the declarations."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from ita_desktop import cli
from ita_desktop.report import options as o
from ita_desktop.report.options import Option, OptionsError, ReportOptions


def test_every_declared_option_is_a_field_with_its_default() -> None:
    names = [opt.name for opt in o.OPTIONS]
    assert len(set(names)) == len(names)
    fields = {f.name for f in dataclasses.fields(ReportOptions)}
    assert set(names) == fields
    defaults = ReportOptions()
    for opt in o.OPTIONS:
        assert getattr(defaults, opt.name) == opt.default, opt.name
        assert opt.kind in o.KINDS, opt.name
        assert opt.label and not opt.label.isascii(), opt.name  # a Thai label
        if opt.kind == "choice":
            assert opt.default in [v for v, _ in opt.choices], opt.name
            assert all(not label.isascii() for _, label in opt.choices), opt.name
        if opt.kind == "number":
            assert opt.range is not None and opt.range[0] <= opt.default <= opt.range[1], opt.name
    flags = [opt.flag for opt in o.OPTIONS if opt.flag and opt.flag != "--margins"]
    assert len(set(flags)) == len(flags)


def test_validate_names_the_option_by_its_thai_label_never_by_a_flag() -> None:
    cases = {
        "round": ReportOptions(round="quarter"),
        "columns": ReportOptions(columns=()),
        "body_size": ReportOptions(body_size=40),
        "margin_left_cm": ReportOptions(margin_left_cm=9),
        "sign_date": ReportOptions(sign_date="2568-09-30"),
        "title": ReportOptions(title="{ชื่อเล่น}"),
        "widths_mm": ReportOptions(widths_mm={"title": 2}),
        "page_numbers": ReportOptions(page_numbers="roman"),
    }
    for name, opts in cases.items():
        with pytest.raises(OptionsError) as err:
            opts.validate()
        label = o.option(name).label
        assert err.value.option == name
        assert str(err.value) == f"{label}: {err.value.text}"
        assert "--" not in str(err.value) and name not in str(err.value), str(err.value)
    with pytest.raises(OptionsError, match=r"year .รอบ ๑๒ เดือน. หรือ half .รอบ ๖ เดือน. ไม่ใช่ «quarter»"):
        ReportOptions(round="quarter").validate()


def test_the_render_command_has_a_flag_for_every_declared_one() -> None:
    render = next(a for a in cli._parser()._subparsers._group_actions[0].choices.items()  # type: ignore[union-attr]
                  if a[0] == "render")[1]
    flags = {s for action in render._actions for s in action.option_strings}
    for opt in o.OPTIONS:
        if opt.flag:
            assert opt.flag in flags, opt.flag
    # every flag of the command before the declarations, with the same meaning
    assert {"--document", "--round", "--layout", "--columns", "--heading", "--width", "--orientation",
            "--digits", "--division", "--only-division", "--no-numbers", "--title", "--intro", "--body-size",
            "--table-size", "--heading-size", "--font", "--margins", "--page-numbers", "--no-signatures",
            "--no-cover", "--figure1", "--figure2", "--front-matter", "--appendix", "--draft",
            "--table-orientation", "--sign-date", "--settings", "--year", "-o"} <= flags


def _options(*argv: str) -> ReportOptions:
    args = cli._parser().parse_args(["render", "x.ita", "-o", "x.pdf", "--year", "2568", *argv])
    opts = cli.render_options(args)
    assert isinstance(opts, ReportOptions)
    return opts


def test_the_flags_set_what_they_always_set(tmp_path: Path) -> None:
    image = tmp_path / "ภาพ.png"
    image.write_bytes(b"\x89PNG")
    opts = _options("--document", "analysis", "--layout", "blocks", "--columns", "title, steps",
                    "--heading", "title=มาตรการ", "--width", "title=๖๐", "--digits", "arabic",
                    "--division", "กองคลัง", "--only-division", "--no-numbers", "--title", "ก\\nข",
                    "--body-size", "๑๕", "--margins", "2,2,3,1.5", "--page-numbers", "of",
                    "--no-signatures", "--no-cover", "--figure1", str(image), "--front-matter",
                    "--appendix", str(image), "--appendix", str(image), "--draft", "no",
                    "--table-orientation", "landscape", "--sign-date", "30/9/2568", "--font", "Sarabun")
    assert (opts.fiscal_year, opts.document, opts.layout, opts.columns) == (2568, "analysis", "blocks",
                                                                            ("title", "steps"))
    assert opts.headings == {"title": "มาตรการ"} and opts.widths_mm == {"title": 60.0}
    assert (opts.digits, opts.division, opts.filter_division, opts.number_titles) == ("arabic", "กองคลัง",
                                                                                    True, False)
    assert opts.title == "ก\nข" and opts.body_size == 15.0
    assert (opts.margin_top_cm, opts.margin_bottom_cm, opts.margin_left_cm, opts.margin_right_cm) == (2, 2, 3, 1.5)
    assert (opts.page_numbers, opts.signatures, opts.cover, opts.front_matter) == ("of", False, False, True)
    assert opts.figure1 == str(image) and opts.appendix == (str(image), str(image))
    assert (opts.draft, opts.table_orientation, opts.sign_date, opts.font) == ("no", "landscape",
                                                                              "2025-09-30", "Sarabun")
    plain = _options()
    assert plain == ReportOptions(fiscal_year=2568)


def test_the_command_line_puts_the_flag_before_the_message(tmp_path: Path) -> None:
    with pytest.raises(cli._BadOptionError) as err:
        _options("--round", "quarter")
    assert str(err.value).startswith("--round: ต้องเป็น")
    with pytest.raises(cli._BadOptionError) as err:
        _options("--margins", "2,2,9,2")
    assert str(err.value).startswith("--margins (ขอบซ้าย): ต้องอยู่ระหว่าง")
    settings = tmp_path / "s.json"
    settings.write_text(json.dumps({"preface": "{ไม่มี}"}), encoding="utf-8")
    with pytest.raises(cli._BadOptionError) as err:
        _options("--settings", str(settings))
    assert str(err.value).startswith("คำนำ (ค่าตั้ง preface): ไม่รู้จัก")


def test_settings_kinds_come_from_the_declarations() -> None:
    for opt in o.OPTIONS:
        good = json.dumps({opt.name: o.to_json(opt, opt.default)}).encode()
        assert o.parse_settings(good) == {opt.name: o.to_json(opt, opt.default)}, opt.name
    with pytest.raises(OptionsError, match="ค่าตั้ง body_size ต้องเป็นตัวเลข"):
        o.parse_settings(b'{"body_size": "16"}')
    with pytest.raises(OptionsError, match="ค่าตั้ง cover ต้องเป็น true หรือ false หรือ null"):
        o.parse_settings(b'{"cover": 1}')


def test_saved_options_are_what_differs_and_never_a_file_of_this_pc(tmp_path: Path) -> None:
    image = tmp_path / "ภาพ.png"
    image.write_bytes(b"\x89PNG")
    opts = ReportOptions(fiscal_year=2568, document="analysis", digits="arabic", cover=True,
                         analysis_columns=("title", "group"), figure1=str(image), appendix=(str(image),),
                         font=str(tmp_path / "THSarabunNew.ttf"), headings={"title": "มาตรการ"})
    saved = o.saved_options(opts)
    # the key (year, document, round) is the record's; cover True is the analysis' habit
    assert saved == {"digits": "arabic", "analysis_columns": ["title", "group"], "headings": {"title": "มาตรการ"}}
    assert o.saved_options(ReportOptions(fiscal_year=2568, font="TH Sarabun New")) == {"font": "TH Sarabun New"}
    assert o.saved_options(ReportOptions(fiscal_year=2568, layout="blocks", document="analysis")) == {}
    # read back: what a newer version or a damaged copy wrote is left out, the rest kept
    back = o.options_from_saved({**saved, "colour": "red", "body_size": "big", "figure1": "C:/x.png",
                                 "fiscal_year": 2570})
    assert back == {"digits": "arabic", "analysis_columns": ("title", "group"), "headings": {"title": "มาตรการ"}}


@dataclasses.dataclass
class WithStamp(ReportOptions):
    stamp: str = "none"


STAMP = Option("stamp", "choice", "none", "ตราประทับ", "--stamp", "none | secret",
               choices=(("none", "ไม่มี"), ("secret", "ลับ")), tab="page")


def test_a_new_option_needs_only_its_declaration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A fake option (with the typed field the builder would read): the render command gets its
    flag, validation its check and message, the settings file and the saved settings its kind."""
    monkeypatch.setattr(o, "OPTIONS", (*o.OPTIONS, STAMP))
    monkeypatch.setattr(o, "ReportOptions", WithStamp)
    opts = _options("--stamp", "secret")
    assert isinstance(opts, WithStamp) and opts.stamp == "secret"
    with pytest.raises(cli._BadOptionError, match=r"^--stamp: ต้องเป็น none .ไม่มี. หรือ secret .ลับ. ไม่ใช่ «red»"):
        _options("--stamp", "red")
    with pytest.raises(OptionsError, match=r"^ตราประทับ: ต้องเป็น"):
        WithStamp(stamp="red").validate()
    assert o.parse_settings(b'{"stamp": "secret"}') == {"stamp": "secret"}
    with pytest.raises(OptionsError, match="ค่าตั้ง stamp ต้องเป็นข้อความ"):
        o.parse_settings(b'{"stamp": 1}')
    assert o.saved_options(opts) == {"stamp": "secret"}
    assert o.options_from_saved({"stamp": "secret"}) == {"stamp": "secret"}
