"""Thai word breaking (pythainlp newmm), loaded once, and break markers for display.

Qt on Windows has no libthai, so Thai in widgets does not wrap; display text gets U+200B at
word boundaries (ZERO WIDTH SPACE, a break opportunity for Qt's own line breaker). The markers
never reach the file: thai.text.normalize_text removes them on input.
"""
from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable

ZWSP = "\u200b"
_THAI = re.compile(r"[\u0e00-\u0e7f]")

_lock = threading.Lock()
_tokenize: Callable[[str], list[str]] | None = None


def _load() -> Callable[[str], list[str]]:
    # Never write ~/pythainlp-data, never download: the two corpus files ship in the wheel.
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.tokenize import word_tokenize

    word_tokenize("ทดสอบ", engine="newmm")  # builds the dictionary trie now, not on first use

    def tokenize(text: str) -> list[str]:
        return list(word_tokenize(text, engine="newmm", keep_whitespace=True))

    return tokenize


def ensure_loaded() -> Callable[[str], list[str]]:
    """Load the dictionary (~0.5 s, ~80 MB) once; safe to call from any thread."""
    global _tokenize
    if _tokenize is None:
        with _lock:
            if _tokenize is None:
                _tokenize = _load()
    return _tokenize


def is_loaded() -> bool:
    return _tokenize is not None


def words(text: str) -> list[str]:
    """The text cut into newmm words; whitespace kept as its own tokens."""
    return ensure_loaded()(text)


def with_break_markers(text: str) -> str:
    """Display text: U+200B between adjacent Thai words. Loads the dictionary if needed."""
    if not text or not _THAI.search(text):
        return text
    out: list[str] = []
    prev = ""
    for token in words(text):
        if prev and _THAI.search(prev[-1]) and _THAI.search(token[:1]):
            out.append(ZWSP)
        out.append(token)
        prev = token
    return "".join(out)


def display_text(text: str) -> str:
    """Text for a widget: break markers once the dictionary is loaded (never waits for it)."""
    return with_break_markers(text) if is_loaded() else text


def strip_break_markers(text: str) -> str:
    return text.replace(ZWSP, "")
