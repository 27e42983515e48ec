"""Renaming, replacing and deleting the files the program writes, on Windows PCs where an
antivirus scanner, the search indexer or a backup tool opens every new file for a moment.

While such a program holds a file, Windows refuses to rename over it or delete it:
PermissionError (winerror 5, access denied; 32, sharing violation; 33, lock violation).
The hold passes, so those errors are retried with a growing wait. Errors that never pass
(a missing file, a full disk, read-only media, a name too long) are raised at once.

Every rename, replace and delete of a file of ours goes through here
(tests/unit/test_safe_files.py keeps it so), and a file the clerk sees is written whole
beside its target and renamed over it (write_bytes_atomically): a failure leaves the old
file, never half of the new one.

Retry window: RETRY_DELAYS, 10 waits from 0.05 s growing to 2 s, 10.0 s in all (11 tries),
enough for a scan of a large file on a slow USB 2.0 stick; a hold of a few tenths of a second
(the usual scan of a new file) costs 0.15-0.35 s. Measured by benchmarks/bench_retry.py
(Linux, ext4 on a virtual disk, three runs): a replace nobody holds takes 5-7 µs, as
os.replace alone (the retry loop adds about 1 µs); a delete 7-12 µs; writing a 2 kB file
whole (write, fsync, replace) 0.4-0.7 ms, most of it the fsync; a target held for good gives
up after 10.00 s (the waits; the 11 failed tries add microseconds). The window is a cost
too, so a PDF the clerk may keep open in a reader is written with SHORT_RETRY_DELAYS (0.75 s).

No imports from the project: domain/ uses it, and domain/ does not import store/.
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

StrPath = str | os.PathLike[str]

# the waits between tries, in seconds: short first (most holds are short), then up to 2 s
RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4, 0.75, 1.0, 1.5, 2.0, 2.0, 2.0)
# for a file the clerk may keep open in another program (a PDF in a reader): that hold does
# not pass, so say so after 0.75 s instead of 10 s; a scanner's short hold still passes
SHORT_RETRY_DELAYS: tuple[float, ...] = (0.05, 0.1, 0.2, 0.4)

# Windows error codes of a hold that passes: access denied (also what a file being deleted
# gives), sharing violation, lock violation
TRANSIENT_WINERRORS = frozenset({5, 32, 33})

# errors that waiting never cures
PERMANENT_ERRNOS = frozenset({errno.ENOENT, errno.ENOSPC, errno.EROFS, errno.ENAMETOOLONG})

# the wait itself, looked up at each retry: tests replace it so that nothing actually waits
sleep: Callable[[float], None] = time.sleep


def is_transient(exc: OSError) -> bool:
    """True when `exc` may be a hold by another program that passes if we wait."""
    if exc.errno in PERMANENT_ERRNOS:
        return False
    return isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in TRANSIENT_WINERRORS


def _retried(action: Callable[[], None], delays: tuple[float, ...] = RETRY_DELAYS) -> None:
    """Run `action`, again after each wait of `delays` while it fails with a transient
    error; the last error is raised when the waits are used up."""
    for delay in delays:
        try:
            action()
            return
        except OSError as exc:
            if not is_transient(exc):
                raise
        sleep(delay)
    action()


def replace_with_retry(src: StrPath, dst: StrPath, delays: tuple[float, ...] = RETRY_DELAYS) -> None:
    """os.replace(src, dst), retried while another program holds either file."""
    _retried(lambda: os.replace(src, dst), delays)


def delete_with_retry(path: StrPath) -> None:
    """Delete the file at `path`, retried while another program holds it; a missing file is
    not an error."""
    def unlink() -> None:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path)
    _retried(unlink)


def temporary_path(path: StrPath) -> Path:
    """The name a new version of `path` is written under, beside it (same folder, so the
    rename cannot cross drives): short and hidden, as a long Thai name plus a suffix could
    pass the 255 bytes a name may have."""
    path = Path(path)
    digest = hashlib.sha256(path.name.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return path.with_name(f".{digest}.ita-part")


def fsync_dir(folder: StrPath) -> None:
    """Make a rename in `folder` durable (POSIX); Windows has no directory handles to flush."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes_atomically(path: StrPath, data: bytes, delays: tuple[float, ...] = RETRY_DELAYS) -> None:
    """Write `data` to `path` whole: into a temporary file beside it, flushed to the device,
    then renamed over it (replace_with_retry). On any failure the old `path` is as it was and
    the temporary file is removed."""
    path = Path(path)
    tmp = temporary_path(path)
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())  # FlushFileBuffers on Windows: on the stick before the rename
        replace_with_retry(tmp, path, delays)
    except BaseException:
        with contextlib.suppress(OSError):
            delete_with_retry(tmp)
        raise
    fsync_dir(path.parent)


def write_text_atomically(path: StrPath, text: str) -> None:
    """write_bytes_atomically of `text` in UTF-8 (newlines as given, on Windows too)."""
    write_bytes_atomically(path, text.encode("utf-8"))
