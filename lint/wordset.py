"""A compact, read-only set of words for membership tests.

A word list such as Viet74K (74,000 entries) held as a ``frozenset`` of ``str`` costs about 8.6 MB in
every process that reads it; a run over a folder has one such process per core. Rules only ask
whether a word is in the list, so the list is kept as the sorted 64-bit BLAKE2b keys of its words in
one ``array`` (8 bytes a word: about 0.6 MB) and a lookup is a binary search. Two different words
share a key with a probability of about 2⁻⁶⁴ per pair: for a list of 74,000 words, a word that is
not in the list is taken for one about once in 10¹⁴ lookups.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from hashlib import blake2b
from typing import Iterable


def _key(word: str) -> int:
    return int.from_bytes(blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


class WordSet:
    """``word in WordSet(words)`` as for a set of the words; nothing else (it cannot list them)."""

    __slots__ = ("_keys",)

    def __init__(self, words: Iterable[str] = ()):
        self._keys = array("Q", sorted({_key(w) for w in words}))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        k = _key(word)
        keys = self._keys
        i = bisect_left(keys, k)
        return i < len(keys) and keys[i] == k

    def __len__(self) -> int:
        return len(self._keys)

    def __getstate__(self):
        return self._keys.tobytes()

    def __setstate__(self, state: bytes) -> None:
        keys = array("Q")
        keys.frombytes(state)
        self._keys = keys
