"""``sources.csv``: address, outlet and dates of many articles at once, read strictly, beside the ``NAME.source`` sidecar."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lankg.errors import InputError
from lankg.loaders import collect_inputs, load_all
from lankg.loaders.articles import read_article
from lankg.loaders.cache import load_all_cached
from lankg.loaders.extract import extract_facts
from lankg.loaders.sources import Source, read_sources

HTML = Path(__file__).resolve().parents[1] / "data" / "html"
#: A sample article dated "Rabu (2/3)": weekday and day/month, no year.
UNDATED = "000_c565890aab359401.txt"
HEADER = "file,url,outlet,published,retrieved\n"


@pytest.fixture()
def folder(tmp_path: Path, sample_articles: Path) -> Path:
    shutil.copy(sample_articles / UNDATED, tmp_path / "lan-8-instansi.txt")
    shutil.copy(HTML / "portal.html", tmp_path / "portal.html")
    return tmp_path


def test_rows_give_address_outlet_and_dates_of_text_and_page_articles(folder: Path) -> None:
    (folder / "sources.csv").write_text(
        HEADER
        + "lan-8-instansi.txt,https://lan.go.id/2022/03/02/mou-8-instansi,LAN RI,2022-03-02,2024-01-05\n"
        + "portal.html,,Harian Borneo Warta,2024-03-13,2024-03-14\n",
        encoding="utf-8",
    )
    text = read_article(folder / "lan-8-instansi.txt")
    assert (text.url, text.outlet, text.published, text.retrieved) == ("https://lan.go.id/2022/03/02/mou-8-instansi", "LAN RI", "2022-03-02", "2024-01-05")
    page = read_article(folder / "portal.html")  # the CSV's outlet and date over the page's; the page's own address stays
    assert page.url is not None and page.url.startswith("https://borneowarta.example.id/daerah/2024/03/12/")
    assert (page.outlet, page.published, page.retrieved) == ("Harian Borneo Warta", "2024-03-13", "2024-03-14")


def test_the_rows_address_dates_a_weekday_date_without_a_year(folder: Path) -> None:
    (folder / "sources.csv").write_text(HEADER + "lan-8-instansi.txt,https://lan.go.id/2022/03/02/mou-8-instansi,,,\n", encoding="utf-8")
    [event] = extract_facts(read_article(folder / "lan-8-instansi.txt")).events
    assert event.date == "2022-03-02"
    assert event.date_note is not None and "the year 2022 is the page's" in event.date_note


def test_columns_may_be_few_and_in_any_order(tmp_path: Path) -> None:
    csv_path = tmp_path / "sources.csv"
    csv_path.write_text("retrieved,file\n2024-01-05,a.txt\n\n", encoding="utf-8")
    assert read_sources(csv_path) == {"a.txt": Source(file="a.txt", retrieved="2024-01-05")}


def test_no_csv_and_no_row_change_nothing(folder: Path) -> None:
    assert read_article(folder / "lan-8-instansi.txt").url is None
    (folder / "sources.csv").write_text(HEADER + "other.txt,https://example.org/x,,,\n", encoding="utf-8")
    assert read_article(folder / "lan-8-instansi.txt").url is None


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("file,url,penerbit\n", 1, "unknown column 'penerbit'"),
        ("url,outlet\nhttps://example.org/a,X\n", 1, "no 'file' column"),
        ("file,url,url\n", 1, "named twice"),
        (HEADER + "sub/a.txt,,,,\n", 2, "not a bare file name"),
        (HEADER + "a.txt,javascript:alert(1),,,\n", 2, "is not an http(s) address"),
        (HEADER + "a.txt,https://example.org/a b,,,\n", 2, "is not an http(s) address"),
        (HEADER + "a.txt,,,2024-02-30,\n", 2, "column published: '2024-02-30' is not a YYYY-MM-DD date"),
        (HEADER + "a.txt,,,,12/03/2024\n", 2, "column retrieved"),
        (HEADER + "a.txt,,,,\nb.txt,,,,\na.txt,,,,\n", 4, "a.txt has a row already"),
        (HEADER + "a.txt,,,,,extra\n", 2, "more values than the 5 columns"),
        (HEADER + 'a.txt,"https://example.org/a,,,\n', 2, "not valid CSV"),
    ],
)
def test_a_bad_csv_is_an_input_error_naming_it_and_its_line(tmp_path: Path, content: str, line: int, message: str) -> None:
    csv_path = tmp_path / "sources.csv"
    csv_path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_sources(csv_path)
    assert (caught.value.path, caught.value.line) == (csv_path, line)
    assert message in caught.value.reason


def test_a_sidecar_and_a_row_disagreeing_on_the_address_is_an_error(folder: Path) -> None:
    (folder / "lan-8-instansi.source").write_text("https://lan.go.id/a\n", encoding="utf-8")
    (folder / "sources.csv").write_text(HEADER + "lan-8-instansi.txt,https://lan.go.id/b,,,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"sources\.csv: gives lan-8-instansi\.txt the address https://lan\.go\.id/b"):
        read_article(folder / "lan-8-instansi.txt")
    (folder / "sources.csv").write_text(HEADER + "lan-8-instansi.txt,https://lan.go.id/a,LAN,,\n", encoding="utf-8")
    assert read_article(folder / "lan-8-instansi.txt").outlet == "LAN"


def test_a_bad_csv_stops_only_the_articles_of_its_folder(folder: Path, tmp_path: Path, sample_articles: Path) -> None:
    (folder / "sources.csv").write_text("file,penerbit\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(sample_articles / "001_7a100b7bdb4d91bc.txt", other / "b.txt")
    bundles, errors = load_all(collect_inputs([folder, other]))
    assert [b.doc for b in bundles] == ["b.txt"]
    assert sorted(str(e) for e in errors) == [f"{folder / 'sources.csv'}:1: unknown column 'penerbit'; the columns are "
                                              "file, url, outlet, published, retrieved"] * 2


def test_the_cache_sees_a_changed_row(folder: Path, tmp_path: Path) -> None:
    csv_path = folder / "sources.csv"
    csv_path.write_text(HEADER + "lan-8-instansi.txt,https://lan.go.id/2016/03/02/mou,,,\n", encoding="utf-8")
    files = collect_inputs([folder])
    cache = tmp_path / "cache"
    first = load_all_cached(files, cache, jobs=1)
    assert (first.stats.extracted, first.stats.hits) == (2, 0)
    assert load_all_cached(files, cache, jobs=1).stats.hits == 2
    csv_path.write_text(HEADER + "lan-8-instansi.txt,https://lan.go.id/2022/03/02/mou,,,\n", encoding="utf-8")
    again = load_all_cached(files, cache, jobs=1)
    assert (again.stats.extracted, again.stats.hits) == (1, 1)
    assert again.bundles == load_all(files)[0]
    assert again.bundles != first.bundles
