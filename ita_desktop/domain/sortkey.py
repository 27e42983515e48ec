"""Order keys that never renumber: a moved item gets a key between its new neighbours.

Keys are strings over DIGITS compared as plain strings (SQLite ORDER BY works on them);
a key never ends in the lowest digit, so there is always room before it.
"""
from __future__ import annotations

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BASE = len(DIGITS)


def key_between(before: str | None, after: str | None) -> str:
    """A key strictly between two keys (None = open end)."""
    a = before or ""
    b = after
    if b is not None and a >= b:
        raise ValueError(f"keys out of order: {a!r} >= {b!r}")
    out: list[str] = []
    i = 0
    while True:
        da = DIGITS.index(a[i]) if i < len(a) else 0
        db = DIGITS.index(b[i]) if b is not None and i < len(b) else BASE
        if db - da > 1:
            out.append(DIGITS[(da + db) // 2])
            return "".join(out)
        out.append(DIGITS[da])
        if db != da:
            b = None  # the prefix is already below `after`: only `before` bounds the rest
        i += 1


def keys_after(last: str | None, count: int) -> list[str]:
    keys: list[str] = []
    for _ in range(count):
        last = key_between(last, None)
        keys.append(last)
    return keys
