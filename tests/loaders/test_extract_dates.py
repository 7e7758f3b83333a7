"""Dates as Indonesian articles write them, and the choice of a missing year."""

from __future__ import annotations

import datetime as dt

from lankg.loaders.extract.dates import find_dates, find_published, resolve_date
from lankg.loaders.extract.lexicon import Tenure, default_lexicon

TODAY = dt.date(2026, 1, 1)


def _one(text: str) -> object:
    found = find_dates(text)
    assert len(found) == 1
    return found[0]


def test_short_forms_are_read_with_their_spans() -> None:
    text = "di Kantor LAN, Rabu (2/3). Lalu Senin (29/3/2021) dan Jumat (1/2)."
    found = find_dates(text)
    assert [(w.day, w.month, w.year, w.weekday) for w in found] == [(2, 3, None, 2), (29, 3, 2021, 0), (1, 2, None, 4)]
    assert [text[w.span.start:w.span.end] for w in found] == ["Rabu (2/3)", "Senin (29/3/2021)", "Jumat (1/2)"]


def test_a_full_indonesian_date() -> None:
    w = _one("ditandatangani pada Kamis, 15 Februari 2024 di Jakarta")
    read = resolve_date(w, [], (), today=TODAY)  # type: ignore[arg-type]
    assert read.date == dt.date(2024, 2, 15)
    assert read.as_written == "Kamis, 15 Februari 2024"
    assert read.note == "Full date given."


def test_a_weekday_that_does_not_match_the_full_date_is_noted() -> None:
    read = resolve_date(_one("Kamis, 12 Februari 2024"), [], (), today=TODAY)  # type: ignore[arg-type]
    assert read.date == dt.date(2024, 2, 12)
    assert "does not match" in read.note and "Monday" in read.note


def test_without_evidence_no_year_is_guessed() -> None:
    read = resolve_date(_one("Rabu (2/3)"), [], (), today=TODAY)  # type: ignore[arg-type]
    assert read.date is None
    assert "2016" in read.note and "2022" in read.note and "without evidence" in read.note


def test_the_tenure_table_decides_between_years_with_the_same_weekday() -> None:
    tenures = (Tenure("Budi Santoso", "Bupati", "Kabupaten Contoh", dt.date(2015, 1, 1), dt.date(2019, 12, 31)),)
    read = resolve_date(_one("Rabu (2/3)"), ["budi  SANTOSO"], tenures, today=TODAY)  # type: ignore[arg-type]
    assert read.date == dt.date(2016, 3, 2)
    assert "Budi Santoso was Bupati of Kabupaten Contoh 2015-2019" in read.note


def test_a_tenure_of_someone_not_named_is_ignored() -> None:
    tenures = (Tenure("Orang Lain", "Kepala", "Badan X", dt.date(2015, 1, 1), dt.date(2019, 12, 31)),)
    read = resolve_date(_one("Rabu (2/3)"), ["Budi Santoso"], tenures, today=TODAY)  # type: ignore[arg-type]
    assert read.date is None


def test_a_tenure_counts_for_the_person_in_that_institution_only() -> None:
    tenures = (Tenure("Budi Santoso", "Kepala", "Badan X", dt.date(2015, 1, 1), dt.date(2019, 12, 31)),)
    other_post = resolve_date(_one("Rabu (2/3)"), [("Budi Santoso", "Badan Y")], tenures, today=TODAY)  # type: ignore[arg-type]
    assert other_post.date is None
    same_post = resolve_date(_one("Rabu (2/3)"), [("Budi Santoso", "Badan X")], tenures, today=TODAY)  # type: ignore[arg-type]
    assert same_post.date == dt.date(2016, 3, 2)


def test_bundled_tenures_choose_2017_for_the_2017_ceremony() -> None:
    read = resolve_date(_one("Kamis (16/3)"), ["Asman Abnur"], default_lexicon().tenures, today=TODAY)
    assert read.date == dt.date(2017, 3, 16)
    assert "Asman Abnur" in read.note


def test_an_impossible_date_gives_no_date_and_says_why() -> None:
    read = resolve_date(_one("Senin (31/2/2021)"), [], (), today=TODAY)  # type: ignore[arg-type]
    assert read.date is None
    assert "not a calendar date" in read.note


def test_a_publication_timestamp_bounds_the_missing_year_and_is_not_the_ceremony_date() -> None:
    text = "Kamis, 14 April 2016 10:15 WIB\n\nJakarta – LAN menandatangani MoU, Selasa (12/4)."
    stamp = find_published(text)
    assert stamp is not None and stamp[0] == dt.date(2016, 4, 14)
    assert text[stamp[1].start:stamp[1].end] == "Kamis, 14 April 2016 10:15 WIB"
    (written,) = find_dates(text)  # the timestamp is not a candidate for the ceremony
    assert written.as_written == "Selasa (12/4)"
    read = resolve_date(written, [], (), today=TODAY, published=stamp[0])  # type: ignore[arg-type]
    # 12 April is a Tuesday in 2016 and 2022 too; the page was published in 2016
    assert read.date == dt.date(2016, 4, 12)
    assert "published by 2016-04-14" in read.note
    unbounded = resolve_date(written, [], (), today=TODAY)  # type: ignore[arg-type]
    assert unbounded.date is None  # 2016 and 2022 both fit


def test_a_weekday_that_does_not_fall_on_the_day_in_the_publication_year_gives_no_date() -> None:
    (written,) = find_dates("LAN menandatangani PKS, Jumat (17/7).")
    read = resolve_date(written, [], (), published=dt.date(2025, 7, 18))  # type: ignore[arg-type]
    assert read.date is None  # 17 July 2025 is a Thursday
    assert "disagree" in read.note


def test_a_day_after_the_publication_date_is_of_the_year_before() -> None:
    (written,) = find_dates("LAN menandatangani PKS, Senin (30/12).")
    read = resolve_date(written, [], (), published=dt.date(2025, 1, 3))  # type: ignore[arg-type]
    assert read.date == dt.date(2024, 12, 30)


def test_a_date_without_a_clock_time_is_not_a_publication_timestamp() -> None:
    assert find_published("Jakarta, Kamis, 14 April 2016 – LAN menandatangani MoU.") is None


def _event(text: str, url: str | None = None) -> object:
    from pathlib import Path

    from lankg.loaders.articles import Article
    from lankg.loaders.extract import extract_facts
    from lankg.records import ArticleRef

    return extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt"), url=url)).events[0]


def test_a_weekday_lalu_counts_back_from_the_articles_other_date() -> None:
    event = _event("Pada apel Senin (9/6), Asisten menjelaskan MoU yang ditandatangani Pemkab Sleman dengan BPS "
                   "Rabu lalu.", url="https://contoh.id/2025/06/apel.html")
    assert (event.date, event.date_as_written) == ("2025-06-04", "Rabu lalu")  # type: ignore[attr-defined]


def test_a_datelines_day_with_the_weekday_of_the_signing() -> None:
    event = _event("Sleman, 3/2 (ANTARA) - Kerja sama BPS dan Pemkab Sleman ditandatangani di Sleman, Senin. "
                   "Kepala BPS Ani Lestari hadir.", url="https://contoh.id/2025/02/03/mou.html")
    assert event.date == "2025-02-03"  # type: ignore[attr-defined]


def test_a_numeric_date_with_its_year_and_no_parentheses() -> None:
    (written,) = find_dates("MoU ditandatangani pada Rabu 5/3/2025 di Sleman.")
    assert (written.day, written.month, written.year, written.weekday) == (5, 3, 2025, 2)


def test_the_page_date_at_the_top_is_not_the_ceremony_date() -> None:
    event = _event("Rabu, 19 Maret 2025\nBPS dan Pemkab Sleman menandatangani MoU pada tanggal 10 Maret 2025.")
    assert event.date == "2025-03-10"  # type: ignore[attr-defined]
