"""Is a path on a removable or network drive (where the working file should not live)?

    is_removable(path)                              # Windows: drive type, then bus type
    is_removable(path, extra_folders=["E:\\ITA"])   # folders the clerk marked in settings

On Windows the drive type alone is not enough: USB SSDs and many USB 3 sticks say "fixed".
A fixed drive is asked its bus (IOCTL_STORAGE_QUERY_PROPERTY); USB, SD, MMC and 1394 count
as removable, and so does a device that says its media is removable. Extended paths
(``\\\\?\\C:\\…``, ``\\\\?\\UNC\\server\\share\\…``) are read as the plain paths they stand for.

Windows is asked in a daemon thread that gets TIMEOUT seconds: a disconnected mapped drive
can block the calls, and the answer then is "removable" (the safe one: work on a local
copy). Such a drive is remembered for the session so that the next file from it does not
wait again. Nothing else is cached: the check takes milliseconds and is made only when a
file is opened, while drive letters come and go with the sticks (E: now may be another
device than E: an hour ago), and a stale "fixed" would skip the local copy.

Nothing here raises: a query that fails falls back to the drive type.
"""
from __future__ import annotations

import ctypes
import os
import sys
import threading
from collections.abc import Iterable
from pathlib import Path, PureWindowsPath
from typing import Any

ENV_FOLDERS = "ITA_DESKTOP_REMOVABLE"  # extra folders, os.pathsep-separated (tests, odd mounts)
TIMEOUT = 2.0  # seconds Windows gets to answer for one drive

# GetDriveTypeW
DRIVE_UNKNOWN, DRIVE_NO_ROOT_DIR, DRIVE_REMOVABLE, DRIVE_FIXED = 0, 1, 2, 3
DRIVE_REMOTE, DRIVE_CDROM, DRIVE_RAMDISK = 4, 5, 6
REMOVABLE_DRIVE_TYPES = frozenset({DRIVE_REMOVABLE, DRIVE_REMOTE, DRIVE_CDROM})

# CreateFileW / DeviceIoControl
FILE_SHARE_READ, FILE_SHARE_WRITE = 0x1, 0x2
OPEN_EXISTING = 3
INVALID_HANDLE_VALUE = -1
IOCTL_STORAGE_QUERY_PROPERTY = 0x2D1400
STORAGE_DEVICE_PROPERTY = 0  # STORAGE_PROPERTY_ID.StorageDeviceProperty
PROPERTY_STANDARD_QUERY = 0  # STORAGE_QUERY_TYPE.PropertyStandardQuery

# STORAGE_BUS_TYPE
BUS_TYPE_1394, BUS_TYPE_USB, BUS_TYPE_SATA = 0x04, 0x07, 0x0B
BUS_TYPE_SD, BUS_TYPE_MMC, BUS_TYPE_NVME = 0x0C, 0x0D, 0x11
REMOVABLE_BUS_TYPES = frozenset({BUS_TYPE_1394, BUS_TYPE_USB, BUS_TYPE_SD, BUS_TYPE_MMC})


class StoragePropertyQuery(ctypes.Structure):
    """STORAGE_PROPERTY_QUERY (winioctl.h): two 32-bit enums and a one-byte array, 12 bytes
    with the structure's padding."""

    _fields_ = [
        ("PropertyId", ctypes.c_uint32),
        ("QueryType", ctypes.c_uint32),
        ("AdditionalParameters", ctypes.c_ubyte * 1),
    ]


class StorageDeviceDescriptor(ctypes.Structure):
    """The fixed head of STORAGE_DEVICE_DESCRIPTOR (winioctl.h); the device's strings and
    bus-specific bytes follow it in the output buffer."""

    _fields_ = [
        ("Version", ctypes.c_uint32),
        ("Size", ctypes.c_uint32),
        ("DeviceType", ctypes.c_ubyte),
        ("DeviceTypeModifier", ctypes.c_ubyte),
        ("RemovableMedia", ctypes.c_ubyte),  # BOOLEAN: one byte
        ("CommandQueueing", ctypes.c_ubyte),
        ("VendorIdOffset", ctypes.c_uint32),
        ("ProductIdOffset", ctypes.c_uint32),
        ("ProductRevisionOffset", ctypes.c_uint32),
        ("SerialNumberOffset", ctypes.c_uint32),
        ("BusType", ctypes.c_uint32),  # STORAGE_BUS_TYPE: a 32-bit enum
        ("RawPropertiesLength", ctypes.c_uint32),
        ("RawDeviceProperties", ctypes.c_ubyte * 1),
    ]


# Bytes of the descriptor that must have come back for BusType to be read.
_BUS_TYPE_END = StorageDeviceDescriptor.BusType.offset + StorageDeviceDescriptor.BusType.size
_OUT_BUFFER = 1024  # the head and the strings after it

_hung: set[str] = set()  # drive roots whose check did not answer in time (this session)
_hung_lock = threading.Lock()


def is_removable(path: str | os.PathLike[str],
                 extra_folders: Iterable[str | os.PathLike[str]] = ()) -> bool:
    """True for a USB stick or card, a network share, a CD, or a file in one of
    `extra_folders` (the clerk's marked folders) or the folders ITA_DESKTOP_REMOVABLE lists.
    On Linux: the usual mount points of removable media."""
    folders = [os.fspath(f) for f in extra_folders if os.fspath(f)]
    folders += [f for f in os.environ.get(ENV_FOLDERS, "").split(os.pathsep) if f]
    if _on_windows():
        target = windows_path(path)
        if any(_within(target, windows_path(f)) for f in folders):
            return True
        root = drive_root(target)
        if root is None:  # a network share (or a path Windows cannot have)
            return True
        return _ask_windows_in_time(root)
    local = Path(path).absolute()
    if any(local.is_relative_to(Path(f).absolute()) for f in folders):
        return True
    return any(local.is_relative_to(p) for p in (Path("/media"), Path("/run/media"), Path("/mnt")))


def _on_windows() -> bool:
    return sys.platform == "win32"


# --- Windows paths (pure: testable anywhere) ---------------------------------------------------
def windows_path(path: str | os.PathLike[str]) -> PureWindowsPath:
    """The plain absolute Windows path `path` stands for: ``\\\\?\\C:\\x`` and ``\\\\.\\C:\\x``
    are ``C:\\x``, ``\\\\?\\UNC\\srv\\share\\x`` is ``\\\\srv\\share\\x``. A volume GUID path
    (``\\\\?\\Volume{…}\\x``) stays as it is."""
    text = os.fspath(path).replace("/", "\\")
    if text.startswith(("\\\\?\\", "\\\\.\\")):
        rest = text[4:]
        if rest[:4].upper() == "UNC\\":
            text = "\\\\" + rest[4:]
        elif len(rest) >= 2 and rest[1] == ":" and rest[0].isalpha():
            text = rest
    result = PureWindowsPath(text)
    if not result.drive:  # relative, or rooted on the current drive
        result = PureWindowsPath(os.getcwd()) / result
    return result


def drive_root(path: PureWindowsPath) -> str | None:
    """The root Windows is asked about (``C:\\`` or ``\\\\?\\Volume{…}\\``); None for a
    network share (``\\\\server\\share``), which needs no asking, and for any other
    device path (treated as network: the safe answer)."""
    drive = path.drive
    if len(drive) == 2 and drive[1] == ":":
        return drive.upper() + "\\"
    text = str(path)
    end = text.find("}\\")
    if text.upper().startswith("\\\\?\\VOLUME{") and end > 0:
        return text[:end + 2]
    return None


def device_of(root: str) -> str:
    """The device CreateFileW opens for a root: ``\\\\.\\C:`` for ``C:\\``."""
    if len(root) == 3 and root[1:] == ":\\":
        return "\\\\.\\" + root[:2]
    return root.rstrip("\\")


def _within(path: PureWindowsPath, folder: PureWindowsPath) -> bool:
    """`path` is `folder` or inside it; letter case does not matter (as on Windows)."""
    return bool(folder.drive) and path.is_relative_to(folder)


# --- asking Windows ----------------------------------------------------------------------------
def _ask_windows_in_time(root: str) -> bool:
    """Ask in a daemon thread; no answer within TIMEOUT means a hung (disconnected network)
    drive: removable, remembered so that the next call does not wait again."""
    key = root.upper()
    with _hung_lock:
        if key in _hung:
            return True
    answer: list[bool] = []
    worker = threading.Thread(target=lambda: answer.append(_ask_windows(root)), daemon=True,
                              name=f"ita-removable-{root[:2]}")
    worker.start()
    worker.join(TIMEOUT)
    if answer:
        return answer[0]
    with _hung_lock:
        _hung.add(key)
    return True


def _ask_windows(root: str) -> bool:
    """Drive type first; a fixed drive is asked its bus. Never raises: Windows that cannot
    tell the drive type gets the safe answer (removable)."""
    try:
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        kind = int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))
    except Exception:
        return True
    if kind in REMOVABLE_DRIVE_TYPES:
        return True
    if kind != DRIVE_FIXED:  # unknown, no such root, RAM disk
        return False
    try:
        on_removable_bus = _bus_says_removable(kernel32, device_of(root))
    except Exception:
        on_removable_bus = None
    return bool(on_removable_bus)  # no answer: the drive type's (fixed)


def _bus_says_removable(kernel32: Any, device: str) -> bool | None:
    """What the storage device says of itself: True on a USB, SD, MMC or 1394 bus or with
    removable media, False otherwise, None when it cannot be asked."""
    from ctypes import wintypes

    # Kernel handles have 32 significant bits (Windows truncates and sign-extends them
    # between 32- and 64-bit code), so CreateFileW's default int result is the handle.
    handle = kernel32.CreateFileW(
        ctypes.c_wchar_p(device), wintypes.DWORD(0),  # no access: only the device's properties
        wintypes.DWORD(FILE_SHARE_READ | FILE_SHARE_WRITE), None,
        wintypes.DWORD(OPEN_EXISTING), wintypes.DWORD(0), None)
    if handle is None or int(handle) in (INVALID_HANDLE_VALUE, 0):
        return None
    try:
        query = StoragePropertyQuery(STORAGE_DEVICE_PROPERTY, PROPERTY_STANDARD_QUERY)
        out = (ctypes.c_ubyte * _OUT_BUFFER)()
        returned = wintypes.DWORD(0)
        ok = kernel32.DeviceIoControl(
            wintypes.HANDLE(int(handle)), wintypes.DWORD(IOCTL_STORAGE_QUERY_PROPERTY),
            ctypes.byref(query), wintypes.DWORD(ctypes.sizeof(query)),
            out, wintypes.DWORD(ctypes.sizeof(out)), ctypes.byref(returned), None)
        if not ok or returned.value < _BUS_TYPE_END:
            return None
        descriptor = StorageDeviceDescriptor.from_buffer_copy(out)
        return descriptor.BusType in REMOVABLE_BUS_TYPES or bool(descriptor.RemovableMedia)
    finally:
        kernel32.CloseHandle(wintypes.HANDLE(int(handle)))
