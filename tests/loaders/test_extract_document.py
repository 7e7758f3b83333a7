"""The shared reading of an article: page chrome, the dateline, the publication date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lankg.loaders.articles import Article
from lankg.loaders.extract.document import Document, find_noise, find_publication
from lankg.records import ArticleRef


def _doc(text: str, url: str | None = None) -> Document:
    return Document.read(Article(ArticleRef("t.txt"), text, Path("t.txt"), url=url))


def test_the_dateline_is_cut_off_the_first_sentence() -> None:
    text = "SLEMAN, KABARJOGJA.com – Pemkab Sleman menandatangani MoU dengan BPS."
    (sentence,) = _doc(text).sentences
    assert text[sentence.start:sentence.end].startswith("Pemkab Sleman")


def test_baca_juga_lines_and_everything_after_related_headlines_are_chrome() -> None:
    text = "Pemkab Sleman meneken MoU.\nBaca juga: Bupati Bantul Resmikan Pasar\nIsi berita.\nBERITA TERKAIT\nLain."
    noise = [text[s.start:s.end] for s in find_noise(text)]
    assert noise[0] == "Baca juga: Bupati Bantul Resmikan Pasar"
    assert noise[-1].startswith("BERITA TERKAIT")


def test_publication_date_from_a_timestamp_a_top_line_or_the_address() -> None:
    assert find_publication("Kamis, 14 April 2016 10:15 WIB\nIsi.", None).latest == dt.date(2016, 4, 14)  # type: ignore[union-attr]
    assert find_publication("Rabu, 19 Maret 2025\nIsi.", None).source == "posting date"  # type: ignore[union-attr]
    by_month = find_publication("Isi.", "https://contoh.id/2024/02/berita.html")
    assert by_month is not None and (by_month.latest, by_month.exact) == (dt.date(2024, 2, 29), False)


def test_a_declared_publication_date_gives_the_missing_year() -> None:
    from lankg.loaders.extract import extract_facts

    article = Article(ArticleRef("t.html"), "Pemkab Sleman menandatangani MoU dengan BPS, Senin (9/6).", Path("t.html"),
                      published="2025-06-10")
    assert _doc("x").published is None
    assert Document.read(article).published.source == "page metadata"  # type: ignore[union-attr]
    event = extract_facts(article).events[0]
    assert event.date == "2025-06-09" and "2025" in event.date_note  # type: ignore[operator]
