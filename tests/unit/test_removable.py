"""store.removable: is the file on a USB stick or a network drive (then the app works on a
local copy)? Windows is simulated on Linux: sys.platform and os.name say Windows, and a fake
kernel32 answers GetDriveTypeW, CreateFileW and DeviceIoControl the way Windows does — the
descriptor it writes is packed here by the documented layout, not by the module's
structures, so a wrong structure in the module fails these tests."""
from __future__ import annotations

import ctypes
import os
import struct
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from ita_desktop.store import removable
from ita_desktop.store.removable import is_removable

FIXED, REMOVABLE, REMOTE, CDROM = 3, 2, 4, 5
BUS_SATA, BUS_USB, BUS_1394, BUS_SD, BUS_MMC, BUS_NVME = 0x0B, 0x07, 0x04, 0x0C, 0x0D, 0x11


def _value(arg: Any) -> Any:
    return arg.value if hasattr(arg, "value") else arg


class FakeKernel32:
    """kernel32 of a Windows PC whose drives are all of `drive_type`, on bus `bus` (None:
    DeviceIoControl fails)."""

    def __init__(self, drive_type: int = FIXED, bus: int | None = BUS_SATA, removable_media: int = 0,
                 block: threading.Event | None = None, open_fails: bool = False,
                 returned: int | None = None) -> None:
        self.drive_type, self.bus, self.removable_media = drive_type, bus, removable_media
        self.block, self.open_fails, self.returned = block, open_fails, returned
        self.asked: list[str] = []
        self.opened: list[str] = []
        self.closed: list[int] = []

    def GetDriveTypeW(self, root: Any) -> int:
        self.asked.append(_value(root))
        if self.block is not None:
            self.block.wait()
        return self.drive_type

    def CreateFileW(self, name: Any, access: Any, share: Any, security: Any, creation: Any,
                    flags: Any, template: Any) -> int:
        assert (_value(access), _value(share), _value(creation)) == (0, 0x1 | 0x2, 3)
        self.opened.append(_value(name))
        return -1 if self.open_fails else 0x1A4

    def DeviceIoControl(self, handle: Any, code: Any, in_buf: Any, in_size: Any, out_buf: Any,
                        out_size: Any, returned: Any, overlapped: Any) -> int:
        assert _value(handle) == 0x1A4 and _value(code) == 0x2D1400 and overlapped is None
        query = ctypes.string_at(ctypes.addressof(in_buf._obj), _value(in_size))
        assert len(query) >= 9  # two DWORD enums and AdditionalParameters[1]
        assert struct.unpack_from("<II", query) == (0, 0)  # StorageDeviceProperty, PropertyStandardQuery
        if self.bus is None:
            return 0
        # Version, Size, DeviceType, DeviceTypeModifier, RemovableMedia, CommandQueueing,
        # four string offsets, BusType, RawPropertiesLength — then the strings
        head = struct.pack("<IIBBBBIIIIII", 40, 48, 0, 0, self.removable_media, 0, 40, 0, 0, 0,
                           self.bus, 0)
        data = head + b"SanDisk\0"
        assert _value(out_size) >= len(head)
        ctypes.memmove(out_buf, data, min(len(data), _value(out_size)))
        returned._obj.value = len(data) if self.returned is None else self.returned
        return 1

    def CloseHandle(self, handle: Any) -> int:
        self.closed.append(_value(handle))
        return 1


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch):
    """Make this process look like Windows; returns a function installing a fake kernel32."""
    monkeypatch.delenv(removable.ENV_FOLDERS, raising=False)
    monkeypatch.setattr(removable, "_hung", set())
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "name", "nt")

    def install(kernel32: Any) -> Any:
        monkeypatch.setattr(ctypes, "windll", SimpleNamespace(kernel32=kernel32), raising=False)
        return kernel32
    return install


# --- bus type ------------------------------------------------------------------------------
def test_a_usb_ssd_that_says_fixed_is_removable_by_its_bus(windows) -> None:
    k = windows(FakeKernel32(FIXED, BUS_USB))
    assert is_removable(r"E:\ITA\โนนคูณ.ita")
    assert k.asked == ["E:\\"] and k.opened == ["\\\\.\\E:"] and k.closed == [0x1A4]


@pytest.mark.parametrize("bus", [BUS_USB, BUS_SD, BUS_MMC, BUS_1394])
def test_removable_buses(windows, bus: int) -> None:
    windows(FakeKernel32(FIXED, bus))
    assert is_removable(r"F:\งาน\a.ita")


@pytest.mark.parametrize("bus", [BUS_SATA, BUS_NVME])
def test_an_internal_disk_is_not_removable(windows, bus: int) -> None:
    k = windows(FakeKernel32(FIXED, bus))
    assert not is_removable(r"C:\Users\clerk\Documents\a.ita")
    assert k.closed == [0x1A4]


def test_removable_media_counts_whatever_the_bus(windows) -> None:
    windows(FakeKernel32(FIXED, BUS_SATA, removable_media=1))
    assert is_removable(r"G:\a.ita")


@pytest.mark.parametrize("kernel32", [
    FakeKernel32(FIXED, bus=None),                # DeviceIoControl fails
    FakeKernel32(FIXED, BUS_USB, open_fails=True),  # CreateFileW: INVALID_HANDLE_VALUE
    FakeKernel32(FIXED, BUS_USB, returned=8),     # too little came back to hold BusType
], ids=["ioctl-fails", "open-fails", "short-answer"])
def test_a_failed_query_falls_back_to_the_drive_type(windows, kernel32: FakeKernel32) -> None:
    windows(kernel32)
    assert not is_removable(r"C:\a.ita")


def test_a_query_that_raises_falls_back_and_never_raises(windows) -> None:
    k = FakeKernel32(FIXED, BUS_USB)

    def broken(*_a: Any) -> int:
        raise OSError("access denied")
    k.DeviceIoControl = broken  # type: ignore[method-assign]
    windows(k)
    assert not is_removable(r"C:\a.ita")
    assert k.closed == [0x1A4]  # the handle is closed all the same


@pytest.mark.parametrize("drive_type", [REMOVABLE, REMOTE, CDROM])
def test_drive_types_that_are_removable_need_no_bus_query(windows, drive_type: int) -> None:
    k = windows(FakeKernel32(drive_type, BUS_SATA))
    assert is_removable(r"E:\a.ita")
    assert k.opened == []


def test_no_kernel32_at_all_gives_the_safe_answer(windows, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ctypes, "windll", SimpleNamespace(), raising=False)
    assert is_removable(r"C:\a.ita")


def test_answers_are_not_cached_sticks_come_and_go(windows) -> None:
    """E: is a USB stick now and an internal disk's partition after a replug: asked again."""
    k = windows(FakeKernel32(FIXED, BUS_USB))
    assert is_removable(r"E:\a.ita")
    k.bus = BUS_SATA
    assert not is_removable(r"E:\a.ita")
    assert len(k.asked) == 2


# --- paths ---------------------------------------------------------------------------------
def test_an_extended_length_drive_path_is_the_drive_not_the_network(windows) -> None:
    k = windows(FakeKernel32(FIXED, BUS_SATA))
    assert not is_removable("\\\\?\\C:\\Users\\clerk\\Documents\\a.ita")
    assert not is_removable("//?/c:/Users/clerk/a.ita")
    assert k.asked == ["C:\\", "C:\\"] and k.opened == ["\\\\.\\C:", "\\\\.\\C:"]


def test_extended_length_unc_and_plain_unc_are_network(windows) -> None:
    k = windows(FakeKernel32(FIXED, BUS_SATA))
    assert is_removable("\\\\?\\UNC\\srv\\share\\ita\\a.ita")
    assert is_removable("\\\\srv\\share\\a.ita")
    assert k.asked == []  # a share needs no asking


def test_windows_path_normalisation() -> None:
    wp = removable.windows_path
    assert str(wp("\\\\?\\C:\\x\\y.ita")) == "C:\\x\\y.ita"
    assert str(wp("\\\\.\\D:\\x")) == "D:\\x"
    assert str(wp("\\\\?\\UNC\\srv\\share\\x")) == "\\\\srv\\share\\x"
    assert removable.drive_root(wp("\\\\?\\UNC\\srv\\share\\x")) is None
    assert removable.drive_root(wp("c:/x")) == "C:\\"
    volume = "\\\\?\\Volume{0b1c2d3e-0000-0000-0000-100000000000}\\"
    assert removable.drive_root(wp(volume + "ita\\a.ita")) == volume
    assert removable.device_of(volume) == volume.rstrip("\\")
    assert removable.device_of("E:\\") == "\\\\.\\E:"


# --- a hung drive --------------------------------------------------------------------------
def test_a_hung_drive_is_removable_within_the_timeout_and_not_waited_for_again(
        windows, monkeypatch: pytest.MonkeyPatch) -> None:
    assert 1.0 <= removable.TIMEOUT <= 3.0  # about two seconds in the app
    monkeypatch.setattr(removable, "TIMEOUT", 0.3)
    release = threading.Event()
    k = windows(FakeKernel32(REMOTE, block=release))
    try:
        started = time.monotonic()
        assert is_removable(r"Z:\ITA\a.ita")
        assert time.monotonic() - started < 2.0
        started = time.monotonic()
        assert is_removable(r"z:\อื่น\b.ita")  # the same drive: remembered, no second wait
        assert time.monotonic() - started < 0.1
        assert k.asked == ["Z:\\"]
    finally:
        release.set()
    k.block = None  # another drive is still asked (and answers)
    k.drive_type, k.bus = FIXED, BUS_SATA
    assert not is_removable(r"C:\a.ita")


# --- folders the clerk marked ---------------------------------------------------------------
def test_a_marked_folder_is_removable_on_windows(windows) -> None:
    k = windows(FakeKernel32(FIXED, BUS_SATA))
    marked = ["d:\\ita\\งานแฟลชไดรฟ์"]
    assert is_removable("D:\\ITA\\งานแฟลชไดรฟ์\\ปี 2569\\a.ita", extra_folders=marked)
    assert is_removable("\\\\?\\D:\\ITA\\งานแฟลชไดรฟ์\\a.ita", extra_folders=marked)
    assert k.asked == []
    assert not is_removable("D:\\ITA\\งานแฟลชไดรฟ์เก่า\\a.ita", extra_folders=marked)


def test_a_marked_folder_is_removable_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(removable.ENV_FOLDERS, raising=False)
    usb = tmp_path / "usb"
    assert is_removable(usb / "งาน" / "a.ita", extra_folders=[usb])
    assert is_removable(usb / "a.ita", extra_folders=[str(usb)])
    assert not is_removable(tmp_path / "usb-old" / "a.ita", extra_folders=[usb])
    assert not is_removable(tmp_path / "a.ita")


def test_the_environment_variable_still_marks_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(removable.ENV_FOLDERS, str(tmp_path / "usb"))
    assert is_removable(tmp_path / "usb" / "a.ita")
    assert not is_removable(tmp_path / "a.ita")
