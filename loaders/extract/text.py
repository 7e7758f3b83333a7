"""Small text helpers shared by the extractor's modules: hits, sentences, normalisation."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from lankg.records import Span


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence's character range in the article."""

    start: int
    end: int


# A full stop ends a sentence unless it closes an honorific, an initial or an abbreviation.
_SENTENCE_END = re.compile(r"\n+|(?<=[.!?])[\"”’]?[ \t]+(?=[A-Z“\"0-9])")
_NO_END_BEFORE = re.compile(r"(?:\b(?:Prof|Dr|dr|Drs|Dra|Ir|H|Hj|Muh|Moh|Jl|No|St|Bpk|Ibu|[A-Z])\.)$")


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


def squash(text: str) -> str:
    """Whitespace runs as single spaces, ends trimmed."""
    return " ".join(text.split())


_PUNCT = re.compile(r"[^\w\s]")


def normalise_name(text: str) -> str:
    """Case-, punctuation- and spacing-insensitive key for names ("Budi S. Hartono" = "budi s hartono")."""
    return " ".join(_PUNCT.sub(" ", text.casefold()).split())


def flexible(phrase: str) -> str:
    """A regex for ``phrase`` that tolerates any whitespace between its words."""
    return r"\s+".join(re.escape(w) for w in phrase.split())
