"""One reading of an article that every stage shares: its text, what is page chrome, its sentences and its date.

News pages as saved carry more than the story: navigation words ("Kembali",
"Menu Close"), bylines ("Penulis: ... | Editor: ...", "Laporan Wartawan ...,
Name"), "Baca juga" links, lists of related headlines, comment forms and tag
lists (shared/gold/CONVENTIONS.md, section 9). None of them carries a fact, and
a name in a byline or a related headline is no official. They are found line
by line and kept as ``noise`` spans; the offsets of everything else are those
of the text, so every span still indexes into ``article.text``.

The page's publication date comes from a printed timestamp ("Kamis, 07 Mei
2009 – 16:36 WIB", "18/7/2025 13:00"), a date alone on a line at the top (a
posting date), or a date in the page's address (``/2022/12/13/``). It bounds
the year of a date written without one, and is never the ceremony's date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from lankg.loaders.articles import Article
from lankg.loaders.extract.dates import find_published
from lankg.loaders.extract.patterns import DATE_LONG, MONTHS
from lankg.loaders.extract.text import Sentence, SpanSet, sentences
from lankg.records import Span

#: A line that starts a block running to the end of the page: related headlines, comment forms, tags.
_TAIL = re.compile(
    r"(?i)^\s*(?:berita\s+terkait|artikel\s+terkait|baca\s+juga\s*:?\s*$|tinggalkan\s+(?:komentar|balasan)|"
    r"tags?\s*:|please\s+follow|comments\s+are\s+closed|bagikan\s*:|share\s*:)"
)
#: A line that is chrome by itself.
_LINE = re.compile(
    r"(?i)^\s*(?:baca\s+(?:juga|pula)\b.*|(?:penulis|reporter|editor|wartawan|pewarta|oleh|foto|sumber)\s*:.*|"
    r"laporan\s+(?:wartawan|reporter|koresponden)\b.*|menu(?:\s+close)?|close|skip\s+to\s+content|kembali|home|beranda|"
    r"notification|iklan(?:\s+\w+)?|sebarkan\s+artikel\s+ini|cek\s+berita\s+dan\s+artikel.*|advertisement|"
    r"#\w+|[\d.,]+|[×x✕]|share|tweet)\s*$"
)
#: A clock time printed with a publication date: "18/7/2025 13:00", "2022-11-29T15:03:42Z".
_STAMP_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\s+\d{1,2}[:.]\d{2}\b")
#: A date in a page address: /2018/09/ or /2022/12/13/.
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d{2})/(?P<m>0?[1-9]|1[0-2])(?:/(?P<d>0?[1-9]|[12]\d|3[01]))?(?:/|$)")
_TOP_LINES = 6


@dataclass(frozen=True, slots=True)
class Published:
    """When the page was published, as precisely as it says, and from where."""

    latest: dt.date
    """The last day it can have been published (the month's last day when only the month is known)."""
    exact: bool
    """True when the day itself is known."""
    source: str
    """``page metadata``, ``timestamp``, ``posting date`` or ``address``."""
    span: Span | None = None


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _month_end(y: int, m: int) -> dt.date:
    first_next = dt.date(y + (m == 12), m % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def _lines(text: str) -> list[Span]:
    out, start = [], 0
    for m in re.finditer(r"\n", text):
        out.append(Span(start, m.start()))
        start = m.end()
    out.append(Span(start, len(text)))
    return out


def _byline_name(line: str) -> bool:
    """A line of two to four capitalised words and nothing else (a reporter's name above a timestamp)."""
    words = line.split()
    return 2 <= len(words) <= 4 and all(re.fullmatch(r"[A-Z][a-z'’]+\.?", w) for w in words)


#: A dateline that opens the story: "KOTAMOBAGU, ZONAUTARA.com – ", "Jakarta (KT) – ", "MUSI RAWAS- ".
_DATELINE = re.compile(r"(?:[A-Z][\w.]*[ ,]*){1,4}(?:\([^()\n\d]{1,20}\))?[ ]*[–—-][ ]*(?=[A-Z\"“])")


def find_noise(text: str) -> list[Span]:
    """Spans of page chrome: whole lines, the dateline before the first sentence of the story, and everything
    after a related-headlines or comment-form line."""
    lines = _lines(text)
    noise: list[Span] = []
    for i, line in enumerate(lines):
        body = text[line.start:line.end]
        dateline = _DATELINE.match(text, line.start, line.end) if i < _TOP_LINES else None
        if dateline is not None and dateline.end() - dateline.start() < 60:
            noise.append(Span(dateline.start(), dateline.end()))
        if _TAIL.match(body):
            noise.append(Span(line.start, len(text)))
            break
        if _LINE.match(body):
            noise.append(line)
        elif _byline_name(body) and i + 1 < len(lines) and _STAMP_NUMERIC.fullmatch(text[lines[i + 1].start:lines[i + 1].end].strip()):
            noise.append(line)
    return noise


def find_publication(text: str, url: str | None) -> Published | None:
    """The page's publication date: a printed timestamp, else a date alone on a top line, else the address's date."""
    stamp = find_published(text)
    if stamp is not None:
        return Published(stamp[0], True, "timestamp", stamp[1])
    for m in _STAMP_NUMERIC.finditer(text):
        date = _date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        if date is not None:
            return Published(date, True, "timestamp", Span(m.start(), m.end()))
    for line in _lines(text)[:_TOP_LINES]:
        top = DATE_LONG.fullmatch(text[line.start:line.end].strip())
        if top is not None:
            date = _date(int(top.group("y")), MONTHS[top.group("m").lower()], int(top.group("d")))
            if date is not None:
                start = line.start + text[line.start:line.end].index(top.group())
                return Published(date, True, "posting date", Span(start, start + len(top.group())))
    if url:
        address = _URL_DATE.search(url.split("?")[0])
        if address is not None:
            y, mo = int(address.group("y")), int(address.group("m"))
            if address.group("d"):
                date = _date(y, mo, int(address.group("d")))
                if date is not None:
                    return Published(date, True, "address")
            return Published(_month_end(y, mo), False, "address")
    return None


@dataclass(frozen=True)
class Document:
    """The shared reading of one article."""

    text: str
    url: str | None
    noise: tuple[Span, ...]
    declared: str | None = None
    """The publication date the page or ``sources.csv`` declares (ISO), if any."""

    @classmethod
    def read(cls, article: Article) -> Document:
        return cls(article.text, article.url, tuple(find_noise(article.text)), article.published)

    @cached_property
    def noise_set(self) -> SpanSet:
        spans = SpanSet()
        for s in self.noise:
            spans.add(s)
        return spans

    def is_noise(self, span: Span) -> bool:
        """True when ``span`` touches page chrome."""
        return self.noise_set.overlaps(span)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences of the story (page chrome left out)."""
        out = []
        for s in sentences(self.text):
            start = s.start
            for n in self.noise:  # a dateline before the first words of the story is cut off, not the sentence
                if n.start <= start < n.end < s.end and self.text[n.start:n.end].rstrip()[-1:] in "–—-":
                    start = n.end
            if not self.is_noise(Span(start, max(start + 1, s.end))):
                out.append(Sentence(start, s.end))
        return tuple(out)

    @cached_property
    def published(self) -> Published | None:
        """The date the page declares or ``sources.csv`` gives, else the one its text or address shows."""
        if self.declared is not None:
            try:
                return Published(dt.date.fromisoformat(self.declared), True, "page metadata")
            except ValueError:
                pass
        return find_publication(self.text, self.url)


__all__ = ["Document", "Published", "find_noise", "find_publication"]
