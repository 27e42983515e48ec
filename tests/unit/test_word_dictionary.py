"""The word-break dictionary (issue 15): the compact trie breaks the seeds' text exactly as
pythainlp's own newmm with its default dictionary does."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pythainlp.tokenize import word_tokenize

from ita_desktop.thai import words

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


@pytest.mark.parametrize("seed", ["seed000.json", "seed002.json", "seed004.json"])
def test_breaks_equal_pythainlp_default_dictionary_on_the_seeds(seed: str) -> None:
    texts = [t for t in _strings(json.loads((FIXTURES / seed).read_text(encoding="utf-8"))) if t.strip()]
    assert sum(map(len, texts)) > 5000
    for text in texts:
        assert words.newmm_words(text) == list(word_tokenize(text, engine="newmm", keep_whitespace=True)), text


def test_prefixes_shortest_first_as_pythainlp_gives_them() -> None:
    from pythainlp.tokenize import word_dict_trie

    words.ensure_loaded()
    assert words._dictionary is not None
    for text, start in (("สวัสดีครับ", 0), ("การประเมินคุณธรรม", 0), ("ของการประเมิน", 3), ("xyz", 0), ("", 0)):
        assert words._dictionary.prefixes(text, start) == word_dict_trie().prefixes(text, start)
    assert len(words._dictionary) == len(word_dict_trie())


def test_syllables_equal_pythainlp_dict_syllables() -> None:
    from pythainlp.tokenize import syllable_tokenize

    seed = json.loads((FIXTURES / "seed002.json").read_text(encoding="utf-8"))
    long_words = {w for t in _strings(seed) for w in words.words(t) if len(w) > 6}
    assert len(long_words) > 100
    for word in ("องค์กรปกครองส่วนท้องถิ่น", "มาตรการออกคำสั่ง", "ก", *sorted(long_words)):
        assert words._syllables(word) == syllable_tokenize(word, engine="dict"), word
