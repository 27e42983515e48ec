"""Thai word breaking (pythainlp newmm), loaded once, and break markers for display.

On top of newmm, the words of resources/words/thai-extra-words.txt are kept whole wherever
they occur (newmm alone cuts some of them in context: มาตร|การออกคำสั่ง), and a word too wide
for its column is cut where a reader accepts it (break_points).

Qt on Windows has no libthai, so Thai in widgets does not wrap; display text gets U+200B at
word boundaries (ZERO WIDTH SPACE, a break opportunity for Qt's own line breaker). The markers
never reach the file: thai.text.normalize_text removes them on input.
"""
from __future__ import annotations

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


class _Dictionary:
    """pythainlp's word list (the one newmm uses by default) in a marisa trie: built in about
    0.1 s and 2 MB, where pythainlp's own trie of Python objects took 0.5 s and 80 MB (and
    as long again to free at exit). newmm asks a dictionary only for `prefixes` and its
    length; the breaks are the same (tests/unit/test_word_dictionary.py compares them on
    the seeds)."""

    def __init__(self, words: Iterable[str]) -> None:
        import marisa_trie

        self._trie = marisa_trie.Trie(w for w in (x.strip() for x in words) if w)

    def __len__(self) -> int:
        return len(self._trie)

    def prefixes(self, text: str, start: int = 0) -> list[str]:
        # shortest first, as pythainlp's trie gives them (newmm's graph keeps that order)
        return list(self._trie.prefixes(text[start:] if start else text))


_dictionary: _Dictionary | None = None


def _cut(text: str, dictionary: _Dictionary) -> list[str]:
    """newmm with this dictionary, whitespace kept as tokens."""
    from pythainlp.tokenize import word_tokenize

    # newmm asks its dictionary only for prefixes() and len(): ours stands in for pythainlp's Trie
    return list(word_tokenize(text, engine="newmm", custom_dict=dictionary,  # type: ignore[arg-type]
                              keep_whitespace=True))


def _load() -> Callable[[str], list[str]]:
    # Never write ~/pythainlp-data, never download: the two corpus files ship in the wheel.
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    from pythainlp.corpus import thai_words

    from ita_desktop import resources

    global _dictionary
    _dictionary = dictionary = _Dictionary(thai_words())
    for marked in resources.thai_extra_words():
        _extra[marked.replace("|", "")] = _marks(marked)
    _compile_kept()

    def newmm(text: str) -> list[str]:
        return _cut(text, dictionary) if text else []

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


def has_kept_word(text: str) -> bool:
    """Does the text hold a word kept whole (where words() and newmm_words() may differ)?"""
    ensure_loaded()
    return _kept.search(text) is not None


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
    with_break_markers.cache_clear()  # the office's names are now kept whole on screen too
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
    """Load the dictionary (~0.1 s) once; safe to call from any thread."""
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
    ensure_loaded()
    assert _dictionary is not None
    return _cut(text, _dictionary)


def _syllables(word: str) -> list[str]:
    """pythainlp's syllable_tokenize(engine="dict"), with our two dictionaries (its own would
    build pythainlp's word trie, half a second, for one word)."""
    global _syllable_dictionary
    from pythainlp.corpus import thai_syllables

    ensure_loaded()
    with _lock:
        if _syllable_dictionary is None:
            _syllable_dictionary = _Dictionary(thai_syllables())
    out: list[str] = []
    for piece in newmm_words(word):
        out += _cut(piece, _syllable_dictionary)
    return out


_syllable_dictionary: _Dictionary | None = None


@lru_cache(maxsize=4096)
def break_points(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where a Thai word too wide for its column may be cut: (offsets a reader accepts, between
    the words it is made of; offsets between its other syllables). Never inside a syllable."""
    from pythainlp.corpus import thai_words

    syllables = [s for s in _syllables(word) if s]
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


@lru_cache(maxsize=20_000)
def with_break_markers(text: str) -> str:
    """Display text: U+200B between adjacent Thai words. Loads the dictionary if needed.
    Once per text: a table asks for its cells again at every repaint and resize."""
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
