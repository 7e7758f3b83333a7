"""Read the date of a ceremony, choosing a missing year from the weekday and known tenures.

Articles often write only "Rabu (2/3)". The year is one in which that day is
that weekday, no later than the page's publication timestamp when it prints one
("Kamis, 14 April 2016 10:15 WIB"); among those, the ones in which every
official the article names (and the tenure table knows) held office.
``date_note`` says how it was chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from lankg.loaders.extract.lexicon import Tenure
from lankg.loaders.extract.patterns import (
    CLOCK_AFTER,
    DATE_BARE,
    DATE_RELATIVE,
    DATE_SHORT,
    DATELINE_DAY,
    DAY_MONTH_YEAR,
    MONTHS,
    WEEKDAY,
    WEEKDAY_BEFORE,
    WEEKDAYS,
)
from lankg.names import normalise_phrase
from lankg.records import Span

EARLIEST_YEAR = 2000
_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December")


@dataclass(frozen=True, slots=True)
class DateRead:
    """A date as written, where, and what it was read as."""

    as_written: str
    span: Span
    date: dt.date | None
    note: str


@dataclass(frozen=True, slots=True)
class WrittenDate:
    """The parts of a date as written; ``year`` or ``weekday`` may be missing."""

    as_written: str
    span: Span
    day: int
    month: int
    year: int | None
    weekday: int | None


@dataclass(frozen=True, slots=True)
class LongDate:
    """"[Weekday,] d Month yyyy" as found, and where a clock time printed after it ends (a timestamp)."""

    span: Span
    day: int
    month: int
    year: int
    weekday: int | None
    stamp_end: int | None


def long_dates(text: str) -> list[LongDate]:
    """Every "[Weekday,] d Month yyyy", in text order."""
    out = []
    for m in DAY_MONTH_YEAR.finditer(text):
        start = m.start()
        w = WEEKDAY_BEFORE.search(text, max(0, start - 14), start)
        clock = CLOCK_AFTER.match(text, m.end())
        out.append(LongDate(Span(w.start() if w else start, m.end()), int(m.group("d")), MONTHS[m.group("m").lower()],
                            int(m.group("y")), _weekday(w.group("wd")) if w else None, clock.end() if clock else None))
    return out


def find_published(text: str) -> tuple[dt.date, Span] | None:
    """The first publication timestamp (a date with a clock time) and its span, if the article prints one."""
    for d in long_dates(text):
        date = _safe_date(d.year, d.month, d.day) if d.stamp_end is not None else None
        if date is not None:
            return date, Span(d.span.start, d.stamp_end)  # type: ignore[arg-type]
    return None


def find_dates(text: str) -> list[WrittenDate]:
    """Every "Weekday (d/m[/y])" and "[Weekday,] d Month yyyy" in text order, publication timestamps left out."""
    out = []
    if WEEKDAY.search(text):
        for m in DATE_SHORT.finditer(text):
            y = m.group("y")
            year = None if y is None else int(y) + (2000 if len(y) == 2 else 0)
            out.append(WrittenDate(m.group(), Span(m.start(), m.end()), int(m.group("d")), int(m.group("m")), year,
                                   _weekday(m.group("wd"))))
        for m in DATE_BARE.finditer(text):
            out.append(WrittenDate(m.group(), Span(m.start(), m.end()), int(m.group("d")), int(m.group("m")),
                                   int(m.group("y")), _weekday(m.group("wd"))))
    for d in long_dates(text):
        if d.stamp_end is None:
            out.append(WrittenDate(text[d.span.start:d.span.end], d.span, d.day, d.month, d.year, d.weekday))
    return sorted(out, key=lambda w: w.span.start)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _key(official: str | tuple[str, str | None]) -> tuple[str, str | None]:
    return (normalise_phrase(official), None) if isinstance(official, str) else (normalise_phrase(official[0]), official[1])


def resolve_date(
    written: WrittenDate, officials: Iterable[str | tuple[str, str | None]], tenures: Iterable[Tenure], *,
    today: dt.date | None = None, published: dt.date | None = None,
) -> DateRead:
    """The date ``written`` means, with the reasoning.

    ``officials`` are the names the article gives (with their institutions, when known: a tenure counts for
    the person in that institution's post); ``published`` the last day the page can have been published.
    A missing year is the publication's (the year before when the day comes after it), and no date at all
    when the weekday written does not fall on that day then. Without a publication date, the years in which
    that day is that weekday and every named official with a known tenure held office; a year is taken only
    when one is left."""
    today = published or today or dt.date.today()
    day_month = f"{written.day} {_MONTH_NAMES[written.month] if 1 <= written.month <= 12 else written.month}"
    if written.year is not None:
        date = _safe_date(written.year, written.month, written.day)
        if date is None:
            return DateRead(written.as_written, written.span, None, f"{written.as_written!r} is not a calendar date.")
        note = "Full date given."
        if written.weekday is not None and date.weekday() != written.weekday:
            note += f" The weekday written does not match: {date.isoformat()} is a {_WEEKDAY_NAMES[date.weekday()]}."
        return DateRead(written.as_written, written.span, date, note)
    if published is not None:
        year = published.year
        date = _safe_date(year, written.month, written.day)
        if date is not None and date > published:
            year -= 1
            date = _safe_date(year, written.month, written.day)
        if date is None:
            return DateRead(written.as_written, written.span, None, f"{day_month} is not a date of {year}.")
        note = f"Weekday + day/month only; the year {year} is the page's (published by {published.isoformat()})."
        if written.weekday is not None and date.weekday() != written.weekday:
            return DateRead(written.as_written, written.span, None,
                            f"{note} But {date.isoformat()} is a {_WEEKDAY_NAMES[date.weekday()]}, not a "
                            f"{_WEEKDAY_NAMES[written.weekday]}: the weekday and the day disagree, so no date.")
        return DateRead(written.as_written, written.span, date, note)
    candidates = [d for y in range(today.year, EARLIEST_YEAR - 1, -1)
                  if (d := _safe_date(y, written.month, written.day)) is not None and d <= today
                  and (written.weekday is None or d.weekday() == written.weekday)]
    if not candidates:
        return DateRead(written.as_written, written.span, None, f"No year since {EARLIEST_YEAR} has {day_month} on that weekday.")
    wd = _WEEKDAY_NAMES[written.weekday] if written.weekday is not None else "that weekday"
    notes = [f"Weekday + day/month only. {day_month} is a {wd} in {', '.join(str(d.year) for d in sorted(candidates))}."]
    names = [_key(o) for o in officials]
    for t in tenures:
        if not any(n == normalise_phrase(t.name) and (inst is None or inst == t.institution) for n, inst in names):
            continue
        inside = [d for d in candidates if t.start <= d and (t.end is None or d <= t.end)]
        span = f"{t.start.year}-{t.end.year if t.end else 'now'}"
        if inside and len(inside) < len(candidates):
            notes.append(f"{t.name} was {t.position} of {t.institution} {span}, which leaves {', '.join(str(d.year) for d in sorted(inside))}.")
            candidates = inside
        elif not inside:
            notes.append(f"{t.name} ({t.position}, {span}) fits none of them; ignored.")
    if len(candidates) > 1:
        notes.append(f"Still {len(candidates)} candidates, and no year is taken without evidence.")
        return DateRead(written.as_written, written.span, None, " ".join(notes))
    notes.append(f"So {candidates[0].year}.")
    return DateRead(written.as_written, written.span, candidates[0], " ".join(notes))


def _weekday(word: str) -> int:
    return WEEKDAYS[word.lower().replace("’", "'")]


def read_event_date(
    text: str,
    spans_about_signing: list[Span],
    not_the_event: list[Span],
    officials: Iterable[str | tuple[str, str | None]],
    tenures: Iterable[Tenure],
    published: dt.date | None,
    written: list[WrittenDate] | None = None,
) -> DateRead | None:
    """The date of the ceremony: the first date written in a sentence about the signing (else the first date),
    leaving out the page's own date and the dates of earlier agreements (``not_the_event``); a weekday "lalu"
    in a sentence about the signing counts back from the article's other date or its publication date; a
    dateline's day ("Mataram, 2/2") with a weekday of the signing sentence when nothing else is written."""
    officials = list(officials)
    written = [w for w in (find_dates(text) if written is None else written)
               if not any(n.start <= w.span.start < n.end for n in not_the_event)]
    in_signing = [w for w in written if any(s.start <= w.span.start < s.end for s in spans_about_signing)]
    chosen: WrittenDate | None = (in_signing or written)[0] if (in_signing or written) else None
    for s in spans_about_signing:
        rel = DATE_RELATIVE.search(text, s.start, s.end)
        if rel is None:
            continue
        anchor_read = resolve_date(chosen, officials, tenures, published=published) if chosen else None
        anchor = anchor_read.date if anchor_read and anchor_read.date else published
        if anchor is None:
            return DateRead(rel.group(), Span(rel.start(), rel.end()), None, f"{rel.group()!r}, with no date to count back from.")
        back = (anchor.weekday() - _weekday(rel.group("wd"))) % 7 or 7
        date = anchor - dt.timedelta(days=back)
        return DateRead(rel.group(), Span(rel.start(), rel.end()), date,
                        f"{rel.group()!r} counted back from {anchor.isoformat()}, the article's "
                        f"{'other date' if anchor_read and anchor_read.date else 'publication date'}.")
    if chosen is None:
        line = DATELINE_DAY.search(text[:300])
        if line is None:
            return None
        weekday = next((m for s in spans_about_signing if (m := WEEKDAY.search(text, s.start, s.end))), None)
        chosen = WrittenDate(text[line.start("d"):line.end("m")], Span(line.start("d"), line.end("m")), int(line.group("d")),
                             int(line.group("m")), None, _weekday(weekday.group("wd")) if weekday else None)
    return resolve_date(chosen, officials, tenures, published=published)
