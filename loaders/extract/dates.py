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
from lankg.loaders.extract.patterns import DATE_LONG, DATE_SHORT, MONTHS, PUBLISHED, WEEKDAYS
from lankg.loaders.extract.text import normalise_name
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


def find_published(text: str) -> tuple[dt.date, Span] | None:
    """The first publication timestamp (a date with a clock time) and its span, if the article prints one."""
    for m in PUBLISHED.finditer(text):
        date = _safe_date(int(m.group("y")), MONTHS[m.group("m").lower()], int(m.group("d")))
        if date is not None:
            return date, Span(m.start(), m.end())
    return None


def find_dates(text: str) -> list[WrittenDate]:
    """Every "Weekday (d/m[/y])" and "[Weekday,] d Month yyyy" in text order, publication timestamps left out."""
    stamps = [Span(m.start(), m.end()) for m in PUBLISHED.finditer(text)]
    out = []
    for m in DATE_SHORT.finditer(text):
        y = m.group("y")
        year = None if y is None else int(y) + (2000 if len(y) == 2 else 0)
        out.append(WrittenDate(m.group(), Span(m.start(), m.end()), int(m.group("d")), int(m.group("m")), year,
                               WEEKDAYS[m.group("wd").lower().replace("’", "'")]))
    for m in DATE_LONG.finditer(text):
        if any(s.start <= m.start() < s.end for s in stamps):
            continue
        wd = m.group("wd")
        out.append(WrittenDate(m.group(), Span(m.start(), m.end()), int(m.group("d")), MONTHS[m.group("m").lower()],
                               int(m.group("y")), None if wd is None else WEEKDAYS[wd.lower().replace("’", "'")]))
    return sorted(out, key=lambda w: w.span.start)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_date(
    written: WrittenDate, officials: Iterable[str], tenures: Iterable[Tenure], *, today: dt.date | None = None,
    published: dt.date | None = None,
) -> DateRead:
    """The date ``written`` means, with the reasoning; ``officials`` are the names the article gives,
    ``published`` the article's publication date, when it prints one (no ceremony is reported before it happens)."""
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
    candidates = [d for y in range(today.year, EARLIEST_YEAR - 1, -1)
                  if (d := _safe_date(y, written.month, written.day)) is not None and d <= today
                  and (written.weekday is None or d.weekday() == written.weekday)]
    if not candidates:
        return DateRead(written.as_written, written.span, None, f"No year since {EARLIEST_YEAR} has {day_month} on that weekday.")
    wd = _WEEKDAY_NAMES[written.weekday] if written.weekday is not None else "that weekday"
    until = f" up to the publication date {published.isoformat()}" if published else ""
    notes = [f"Weekday + day/month only. {day_month} is a {wd} in {', '.join(str(d.year) for d in sorted(candidates))}{until}."]
    names = {normalise_name(n) for n in officials}
    for t in tenures:
        if normalise_name(t.name) not in names:
            continue
        inside = [d for d in candidates if t.start <= d and (t.end is None or d <= t.end)]
        span = f"{t.start.year}-{t.end.year if t.end else 'now'}"
        if inside and len(inside) < len(candidates):
            notes.append(f"{t.name} was {t.position} of {t.institution} {span}, which leaves {', '.join(str(d.year) for d in sorted(inside))}.")
            candidates = inside
        elif not inside:
            notes.append(f"{t.name} ({t.position}, {span}) fits none of them; ignored.")
    chosen = max(candidates)
    if len(candidates) > 1:
        notes.append(f"Still {len(candidates)} candidates; the latest, {chosen.year}, is taken.")
    else:
        notes.append(f"So {chosen.year}.")
    return DateRead(written.as_written, written.span, chosen, " ".join(notes))
