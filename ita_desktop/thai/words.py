"""Thai word breaking (pythainlp newmm), loaded once, and break markers for display.

On top of newmm, the words of resources/words/thai-extra-words.txt are kept whole wherever
they occur (newmm alone cuts some of them in context: มาตร|การออกคำสั่ง), and a word too wide
for its column is cut where a reader accepts it (break_points).

Qt on Windows has no libthai, so Thai in widgets does not wrap; display text gets U+200B at
word boundaries (ZERO WIDTH SPACE, a break opportunity for Qt's own line breaker). The markers
never reach the file: thai.text.normalize_text removes them on input.
"""
from __future__ import annotations

import gc
import os
import re
import threading
from collections.abc import Callable, Iterable
from functools import lru_cache

ZWSP = "\u200b"
_THAI = re.compile(r"[\u0e00-\u0e7f]")

_lock = threading.Lock()
_tokenize: Callable[[str], list[str]] | None = None
# the extra words, each with the offsets where a reader accepts a break inside it
_extra: dict[str, tuple[int, ...]] = {}
_names: frozenset[str] = frozenset()  # place names of the office being printed (keep_whole)
_kept = re.compile(r"(?!)")


def _load() -> Callable[[str], list[str]]:
    # Never write ~/pythainlp-data, never download: the two corpus files ship in the wheel.
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.tokenize import word_tokenize

    from ita_desktop import resources

    # builds the dictionary trie now, not on first use: ~235,000 objects that live as long as
    # the process, so the cyclic collector is kept from walking them while they are made and
    # after (gc.freeze): about half of the build's time was the collector's
    collecting = gc.isenabled()
    gc.disable()
    try:
        word_tokenize("ทดสอบ", engine="newmm")
    finally:
        if collecting:
            gc.enable()
    gc.freeze()
    for marked in resources.thai_extra_words():
        _extra[marked.replace("|", "")] = _marks(marked)
    _compile_kept()

    def newmm(text: str) -> list[str]:
        return list(word_tokenize(text, engine="newmm", keep_whitespace=True)) if text else []

    def tokenize(text: str) -> list[str]:
        out: list[str] = []
        pos = 0
        for m in _kept.finditer(text):
            out += newmm(text[pos:m.start()])
            out.append(m.group())
            pos = m.end()
        return out + newmm(text[pos:])

    return tokenize


def _compile_kept() -> None:
    global _kept
    whole = set(_extra) | _names
    _kept = re.compile("|".join(sorted(map(re.escape, whole), key=len, reverse=True)) or r"(?!)")


def keep_whole(names: Iterable[str]) -> bool:
    """Also keep these words whole: the office's own place names (บ้านผือ, โนนสูง), which no
    dictionary holds and newmm cuts (บ้าน|ผือ). Replaces the names given before; True when
    they changed (words cut before may now be cut differently)."""
    global _names
    ensure_loaded()
    wanted = frozenset(n for n in (x.strip() for x in names) if _THAI.search(n) and " " not in n and len(n) > 2)
    with _lock:
        if wanted == _names:
            return False
        _names = wanted
        _compile_kept()
        return True


def starts_with_common_word(text: str) -> bool:
    """Does the text begin with a common word (และ, ต่อ, เพื่อ, ให้ …: pythainlp's stop words)?
    After "องค์การบริหารส่วนตำบล" such a word means no name follows."""
    from pythainlp.corpus import thai_stopwords

    first = next((w for w in words(text) if w.strip()), "")
    return first in thai_stopwords()


def _marks(marked: str) -> tuple[int, ...]:
    """Offsets of the "|" marks in a word of the list, in the word without them."""
    out: list[int] = []
    for piece in marked.split("|")[:-1]:
        out.append((out[-1] if out else 0) + len(piece))
    return tuple(out)


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
    """The text cut into newmm words, the extra words kept whole; whitespace kept as its own
    tokens."""
    return ensure_loaded()(text)


def newmm_words(text: str) -> list[str]:
    """The text cut by newmm alone, as a reader's checker reads it (whitespace kept)."""
    from pythainlp.tokenize import word_tokenize

    ensure_loaded()
    return list(word_tokenize(text, engine="newmm", keep_whitespace=True))


@lru_cache(maxsize=4096)
def break_points(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where a Thai word too wide for its column may be cut: (offsets a reader accepts, between
    the words it is made of; offsets between its other syllables). Never inside a syllable."""
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import syllable_tokenize

    ensure_loaded()
    syllables = [s for s in syllable_tokenize(word, engine="dict") if s]
    if "".join(syllables) != word:
        return (), ()
    ends = [0]
    for s in syllables:
        ends.append(ends[-1] + len(s))
    inner = tuple(ends[1:-1])
    accepted = _extra[word] if word in _extra else _dictionary_split(word, ends, thai_words())
    return accepted, tuple(b for b in inner if b not in accepted)


def _dictionary_split(word: str, ends: list[int], known: frozenset[str]) -> tuple[int, ...]:
    """Inner boundaries of the split of a word into the fewest dictionary words (pieces made of
    whole syllables; a syllable that is no word costs two, a word of the extra list half)."""
    n = len(ends) - 1
    best: list[tuple[float, tuple[int, ...]] | None] = [None] * (n + 1)
    best[0] = (0, ())
    for j in range(1, n + 1):
        for i in range(j):
            prev = best[i]
            if prev is None or (i == 0 and j == n):
                continue
            piece = word[ends[i]:ends[j]]
            cost = 0.5 if piece in _extra else 1 if piece in known else 2 if j == i + 1 else 0
            if not cost:
                continue
            cand = (prev[0] + cost, prev[1] + ((ends[i],) if i else ()))
            if best[j] is None or cand[0] < best[j][0]:  # type: ignore[index]
                best[j] = cand
    last = best[n]
    return last[1] if last else ()


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
