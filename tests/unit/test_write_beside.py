"""can_write_beside: a write-protected place is told from a file another program holds."""
from __future__ import annotations

import errno
from pathlib import Path

import pytest

from ita_desktop.store.db import can_write_beside


def _failing_open(winerror: int | None, code: int):
    def fake(self: Path, *args: object, **kwargs: object) -> object:
        exc = PermissionError(code, "denied") if code == errno.EACCES else OSError(code, "no")
        if winerror is not None:
            exc.winerror = winerror  # type: ignore[attr-defined]
        raise exc
    return fake


def test_a_writable_folder_is_writable(tmp_path: Path) -> None:
    f = tmp_path / "a.ita"
    f.write_bytes(b"x")
    assert can_write_beside(f)


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_file_another_program_holds_is_not_called_write_protected(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int) -> None:
    f = tmp_path / "a.ita"
    f.write_bytes(b"x")
    monkeypatch.setattr(Path, "open", _failing_open(winerror, errno.EACCES))
    assert can_write_beside(f)


@pytest.mark.parametrize(("winerror", "code"), [(19, errno.EROFS), (5, errno.EACCES), (None, errno.EROFS)])
def test_a_protected_stick_or_a_folder_without_rights_is_not_writable(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, winerror: int | None, code: int) -> None:
    f = tmp_path / "a.ita"
    f.write_bytes(b"x")
    monkeypatch.setattr(Path, "open", _failing_open(winerror, code))
    assert not can_write_beside(f)
