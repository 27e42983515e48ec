"""TH Sarabun New / PSK installed on a clerk's PC are found by the names inside the font files,
in the Windows Fonts folder and in the per-user one, whatever the files are called."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ita_desktop.report import fontfiles, fonts
from tests.support.fontnames import renamed_font


@pytest.fixture
def windows_pc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A Windows PC's two font folders: C:\\Windows\\Fonts and the per-user one."""
    windir, local = tmp_path / "Windows", tmp_path / "AppData" / "Local"
    system, user = windir / "Fonts", local / "Microsoft" / "Windows" / "Fonts"
    system.mkdir(parents=True)
    user.mkdir(parents=True)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", str(windir))
    monkeypatch.setenv("LOCALAPPDATA", str(local))
    monkeypatch.delenv("ITA_DESKTOP_FONT_DIRS", raising=False)
    return system, user


def test_both_windows_font_folders_are_searched(windows_pc: tuple[Path, Path]) -> None:
    assert fontfiles.font_dirs() == list(windows_pc)


def test_fonts_are_found_by_their_names_not_their_file_names(windows_pc: tuple[Path, Path]) -> None:
    system, user = windows_pc
    (system / "arial.ttf").write_bytes(b"\0\1\0\0 not really a font")  # broken: skipped
    (system / "THSarabunNew.ttf").write_bytes(fonts.font_path("Sarabun-Regular.ttf").read_bytes())
    renamed_font(system / "tahoma.ttf", "Tahoma")
    # installed "for this user only": Windows keeps it under a name of its own
    regular = renamed_font(user / "sarabun_new_reg.ttf", "TH Sarabun New")
    bold = renamed_font(user / "THSarabunNew_0.TTF", "TH Sarabun New", "Bold", bold_source=True)
    renamed_font(user / "italic.ttf", "TH Sarabun New", "Italic")
    renamed_font(user / "bolditalic.ttf", "TH Sarabun New", "Bold Italic")
    psk = renamed_font(user / "f1.ttf", "TH Sarabun PSK", mac=True)  # Mac Roman names only
    psk_bold = renamed_font(user / "f2.ttf", "TH SarabunPSK", "Bold", bold_source=True, typographic=True)
    assert fontfiles.installed_families() == {"TH Sarabun New": (regular, bold),
                                               "TH SarabunPSK": (psk, psk_bold)}
    family = fonts.family("TH Sarabun New")  # reportlab and HarfBuzz take the renamed files
    assert family.regular.path == regular.resolve() and family.bold.path == bold.resolve()
    assert family.points(16) > 0


def test_a_family_with_bold_in_its_name_and_no_bold_file(windows_pc: tuple[Path, Path]) -> None:
    system, _user = windows_pc
    regular = renamed_font(system / "a.ttf", "TH SarabunPSK")
    bold = renamed_font(system / "b.ttf", "TH SarabunPSK Bold", "Regular", bold_source=True)
    assert fontfiles.installed_families() == {"TH SarabunPSK": (regular, bold)}
    bold.unlink()
    assert fontfiles.installed_families() == {"TH SarabunPSK": (regular, regular)}


def test_broken_and_unreadable_files_are_skipped(windows_pc: tuple[Path, Path]) -> None:
    system, _user = windows_pc
    good = renamed_font(system / "zz.ttf", "TH Sarabun New")
    data = good.read_bytes()
    (system / "empty.ttf").write_bytes(b"")
    (system / "truncated.ttf").write_bytes(data[:300])
    (system / "garbage.otf").write_bytes(bytes(range(256)) * 40)
    name_at = data.index(b"name")  # the name table's directory entry points past the end
    (system / "badname.ttf").write_bytes(data[:name_at + 8] + b"\x7f\xff\xff\xf0" + data[name_at + 12:])
    (system / "folder.ttf").mkdir()
    assert fontfiles.installed_families() == {"TH Sarabun New": (good, good)}


def test_a_changed_file_is_read_again(windows_pc: tuple[Path, Path]) -> None:
    system, _user = windows_pc
    path = renamed_font(system / "x.ttf", "Tahoma")
    assert fontfiles.installed_families() == {}
    renamed_font(path, "TH Sarabun New")  # another size: not the cached answer
    assert fontfiles.installed_families() == {"TH Sarabun New": (path, path)}
