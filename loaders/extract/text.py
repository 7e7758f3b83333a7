"""Small text helpers shared by the extractor's modules: hits, sentences, normalisation."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lankg.records import Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's character range in the article."""

    start: int
    end: int


# A full stop ends a sentence unless it closes an honorific, an initial or an abbreviation.
# Pages that drop the space after a full stop ("lalu.Mewakili", "kebijakan.\"Naota") still end a sentence there
# when a lower-case word of three letters or more precedes the stop.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])[\"”’]?[ \t]+(?=[A-Z“\"0-9])|(?<=[a-z]{3}[.!?])[\"”’]?(?=[\"“]?[A-Z][a-z])")
_NO_END_BEFORE = re.compile(r"(?:\b(?:Prof|Dr|dr|Drs|Dra|Ir|H|Hj|Muh|Moh|Jl|No|St|Bpk|Ibu|Kep|Kab|Kec|Kel|Prov|[A-Z])\.)$")


def sentences(text: str) -> tuple[Sentence, ...]:
    """Split ``text`` into sentences (newlines always split; honorifics and initials never do)."""
    out: list[Sentence] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if "\n" not in m.group() and _NO_END_BEFORE.search(text[max(0, m.start() - 6):m.start()]):
            continue
        if m.start() > start:
            out.append(Sentence(start, m.start()))
        start = m.end()
    if start < len(text):
        out.append(Sentence(start, len(text)))
    return tuple(out)


def sentence_of(sents: tuple[Sentence, ...], pos: int) -> int:
    """Index of the sentence holding character ``pos`` (binary search)."""
    lo, hi = 0, len(sents) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sents[mid].start <= pos:
            lo = mid
        else:
            hi = mid - 1
    return lo


class SpanSet:
    """Non-overlapping spans kept sorted, so "is this range free?" is a binary search, not a scan."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, span: Span) -> bool:
        """True when ``span`` shares a character with a span already taken."""
        i = bisect.bisect_right(self._starts, span.start)
        if i > 0 and self._ends[i - 1] > span.start:
            return True
        return i < len(self._starts) and self._starts[i] < span.end

    def add(self, span: Span) -> None:
        """Take ``span`` (the caller has checked it is free, or accepts the overlap)."""
        i = bisect.bisect_right(self._starts, span.start)
        self._starts.insert(i, span.start)
        self._ends.insert(i, span.end)


def in_range(starts: list[int], lo: int, hi: int, *, limit: int | None = None) -> slice:
    """The items (sorted by start, ``starts`` their starts) that start in [lo, hi), at most ``limit`` of them:
    a binary search, so a stage that asks this per sentence stays linear."""
    i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
    return slice(i, j if limit is None else min(j, i + limit))


def flexible(phrase: str) -> str:
    """A regex for ``phrase`` that tolerates any whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in phrase.split())


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def find_phrase(text: str, phrase: str, *, not_before: str = "-", not_after: str = "-") -> Iterator[Span]:
    """Non-overlapping spans of ``phrase`` in ``text`` as whole words, any whitespace between its words.

    The same matches as ``re.finditer(rf"(?<![\\w{not_before}]){flexible(phrase)}(?![\\w{not_after}])", text)``
    without compiling a pattern: officials' names and defined acronyms differ in every article, and
    compiling one regex per name was a third of the extractor's time.
    """
    words = phrase.split()
    if not words:
        return
    first, pos = words[0], 0
    while (start := text.find(first, pos)) != -1:
        pos = start + 1
        if start > 0 and (_word_char(text[start - 1]) or text[start - 1] in not_before):
            continue
        end = start + len(first)
        for word in words[1:]:
            gap = end
            while gap < len(text) and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            if end < len(text) and (_word_char(text[end]) or text[end] in not_after):
                continue
            yield Span(start, end)
            pos = end
