"""What replacing through safe_files costs (issue 18): prints the figures, asserts nothing.

    python benchmarks/bench_retry.py

- a replace and a delete nobody holds, against os.replace and os.unlink alone
- writing a small file whole (temporary file, fsync, replace)
- a target held for good: how long until replace_with_retry gives up (really waited)
"""
from __future__ import annotations

import errno
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ita_desktop import safe_files  # noqa: E402


def per_call(n: int, action) -> float:
    start = time.perf_counter()
    for i in range(n):
        action(i)
    return (time.perf_counter() - start) / n


def main() -> None:
    n = 2000
    with tempfile.TemporaryDirectory(prefix="ita-bench-") as name:
        folder = Path(name)
        a, b = folder / "a", folder / "b"
        a.write_bytes(b"x")

        def swap_plain(i: int) -> None:
            os.replace(*((a, b) if i % 2 == 0 else (b, a)))

        def swap_retry(i: int) -> None:
            safe_files.replace_with_retry(*((a, b) if i % 2 == 0 else (b, a)))

        plain = per_call(n, swap_plain)
        retried = per_call(n, swap_retry)
        print(f"replace, nobody holding it: os.replace {plain * 1e6:.1f} µs,"
              f" replace_with_retry {retried * 1e6:.1f} µs")

        paths = [folder / f"d{i}" for i in range(n)]
        for p in paths:
            p.write_bytes(b"x")
        gone = per_call(n, lambda i: safe_files.delete_with_retry(paths[i]))
        print(f"delete_with_retry, nobody holding it: {gone * 1e6:.1f} µs")

        data = b"{}" * 1024
        target = folder / "ita-2569.json"
        whole = per_call(200, lambda i: safe_files.write_bytes_atomically(target, data))
        print(f"write_bytes_atomically, 2 kB: {whole * 1e3:.2f} ms")

        real = os.replace

        def held(src: object, dst: object) -> None:
            raise PermissionError(errno.EACCES, "held by antivirus")

        os.replace = held  # type: ignore[assignment]
        start = time.perf_counter()
        try:
            safe_files.replace_with_retry(a if a.exists() else b, folder / "c")
        except PermissionError:
            pass
        finally:
            os.replace = real
        print(f"a target held for good: gave up after {time.perf_counter() - start:.2f} s"
              f" ({len(safe_files.RETRY_DELAYS) + 1} tries, planned waits"
              f" {sum(safe_files.RETRY_DELAYS):.2f} s)")


if __name__ == "__main__":
    main()
