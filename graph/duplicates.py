"""Syndicated and duplicate copies: the same story in several articles, found by MinHash over word shingles.

Outlets repost one story (a ministry's press release, a wire report) with a
new headline, a different byline or a paragraph less. Each copy stays a
source of its own, but they are one report: ``find_copies`` groups articles
whose texts share at least ``THRESHOLD`` of their word shingles (Jaccard
similarity, estimated with datasketch's MinHash and candidate pairs from its
LSH index), and the build gives an event that a group reports without a date
one IRI, so copies never double a count. The hashing is seeded, so the groups
are the same on every run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: Jaccard similarity of word shingles from which two texts are copies of one story.
THRESHOLD = 0.8
#: Words per shingle.
SHINGLE = 5
_PERMUTATIONS = 128
_SEED = 15
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class CopyGroup:
    """Articles carrying one story: their keys, sorted, and the smallest estimated similarity of a pair that joined them."""

    members: tuple[str, ...]
    similarity: float

    @property
    def key(self) -> str:
        """The group's key: its smallest member."""
        return self.members[0]


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The ``size``-word shingles of ``text``, case-folded (the whole text as one shingle when it is shorter)."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


def find_copies(texts: Mapping[str, str], threshold: float = THRESHOLD) -> list[CopyGroup]:
    """Groups of two or more of ``texts`` (key → text) that are copies of one story, sorted by their members."""
    from datasketch import MinHash, MinHashLSH

    hashes: dict[str, MinHash] = {}
    for key in sorted(texts):
        found = shingles(texts[key])
        if not found:
            continue
        mh = MinHash(num_perm=_PERMUTATIONS, seed=_SEED)
        mh.update_batch(sorted(found))
        hashes[key] = mh
    lsh = MinHashLSH(threshold=threshold, num_perm=_PERMUTATIONS)
    for key, mh in hashes.items():
        lsh.insert(key, mh)
    parent = {key: key for key in hashes}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    weakest: dict[str, float] = {}
    for key, mh in hashes.items():
        for other in sorted(lsh.query(mh)):
            if other <= key:
                continue
            similarity = mh.jaccard(hashes[other])
            if similarity < threshold:
                continue
            a, b = root(key), root(other)
            low = min(similarity, weakest.get(a, 1.0), weakest.get(b, 1.0))
            if a != b:
                parent[max(a, b)] = min(a, b)
            weakest[min(a, b)] = low
    groups: dict[str, list[str]] = {}
    for key in hashes:
        groups.setdefault(root(key), []).append(key)
    return sorted(
        (CopyGroup(tuple(sorted(members)), round(weakest.get(r, 1.0), 2)) for r, members in groups.items() if len(members) > 1),
        key=lambda g: g.members,
    )
