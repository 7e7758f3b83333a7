"""Saved news pages in: the main text without the page's chrome, the metadata, spans into that text, the facts; hostile pages."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from lankg.errors import InputError
from lankg.loaders import collect_inputs, load_all
from lankg.loaders.articles import Article, read_article
from lankg.loaders.cache import cached_text, load_all_cached
from lankg.loaders.extract import extract_facts
from lankg.records import FactBundle, Mention

HTML = Path(__file__).resolve().parents[1] / "data" / "html"
HOSTILE = HTML / "hostile"
#: What each fixture page must yield: metadata, sentences of the story, and its facts.
PAGES = {
    "portal.html": {
        "title": "LAN dan Pemkab Tanah Laut Teken Nota Kesepahaman Pengembangan ASN",
        "url": "https://borneowarta.example.id/daerah/2024/03/12/lan-dan-pemkab-tanah-laut-teken-nota-kesepahaman",
        "outlet": "Borneo Warta",
        "author": "Rina Wulandari",
        "published": "2024-03-12",
        "story": ["Lembaga Administrasi Negara (LAN) dan Pemerintah Kabupaten Tanah Laut menandatangani nota kesepahaman",
                  "Kepala LAN mengatakan kerja sama ini"],
        "chrome": ["Beranda", "Olahraga", "Iklan", "Promo Motor", "Baca juga", "Bupati resmikan pasar baru", "Gubernur Kalsel buka pameran",
                   "Berita Terkait", "Wali Kota Banjarmasin", "Komentar", "Mantap", "warga_tala", "Tags", "Hak cipta", "Pedoman Media Siber",
                   "dataLayer", "alert", "steal", "document.write"],
        "parties": ("Lembaga Administrasi Negara", "Kabupaten Tanah Laut"),
        "date": "2024-03-12",
        "officials": {"Muhammad Taufiq", "Sukamta"},
    },
    "pemda.go.id.html": {
        "title": "Pemkab Sumbawa Barat Jalin Kerja Sama dengan LAN",
        "url": "https://sumbawabaratkab.go.id/berita/pemkab-sumbawa-barat-jalin-kerja-sama-dengan-lan",
        "outlet": "sumbawabaratkab.go.id",
        "author": None,
        "published": "2023-08-21",
        "story": ["Pemerintah Kabupaten Sumbawa Barat dan Lembaga Administrasi Negara (LAN) menandatangani nota kesepahaman",
                  "Bupati berharap kerja sama tersebut"],
        "chrome": ["Selamat Datang", "PPID", "LAPOR", "Profil Daerah", "Berita Populer", "Jadwal pelayanan", "Bagikan", "WhatsApp",
                   "Dinas Komunikasi"],
        "parties": ("Kabupaten Sumbawa Barat", "Lembaga Administrasi Negara"),
        "date": "2023-08-21",
        "officials": {"W. Musyafirin", "Adi Suryanto"},
    },
    "amp.html": {
        "title": "LAN Teken MoU dengan Pemkot Bontang",
        "url": "https://kaltimkini.example.id/read/2022/11/29/lan-teken-mou-dengan-pemkot-bontang",
        "outlet": "Kaltim Kini",
        "author": "Dimas Pratama",
        "published": "2022-11-29",
        "story": ["Lembaga Administrasi Negara (LAN) dan Pemerintah Kota Bontang menandatangani nota kesepahaman",
                  "Wali Kota Bontang, Basri Rase, mengatakan"],
        "chrome": ["Home", "Nasional", "adsense", "Baca Juga", "Harga sembako", "{{title}}", "ampproject"],
        "parties": ("Lembaga Administrasi Negara", "Kota Bontang"),
        "date": "2022-11-29",
        "officials": {"Basri Rase"},
    },
}


def _mentions(bundle: FactBundle) -> list[Mention]:
    found = [m for i in bundle.institutions for m in i.mentions] + [m for o in bundle.officials for m in o.mentions]
    return found + [m for a in bundle.agreements for m in a.scopes]


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_metadata_is_read(name: str) -> None:
    article = read_article(HTML / name)
    want = PAGES[name]
    got = {key: getattr(article, key) for key in ("title", "url", "outlet", "author", "published")}
    assert got == {key: want[key] for key in got}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_main_text_keeps_the_story_and_drops_the_chrome(name: str) -> None:
    article = read_article(HTML / name)
    for sentence in PAGES[name]["story"]:
        assert sentence in article.text
    for chrome in PAGES[name]["chrome"]:
        assert chrome not in article.text, chrome
    assert article.ref.doc == name
    assert article.ref.sha256 == hashlib.sha256(article.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_facts_and_their_spans_point_into_the_extracted_text(name: str) -> None:
    article = read_article(HTML / name)
    bundle = extract_facts(article)
    want = PAGES[name]
    assert [a.parties for a in bundle.agreements] == [want["parties"]]
    assert [e.date for e in bundle.events] == [want["date"]]
    assert {o.name for o in bundle.officials} == want["officials"]
    mentions = _mentions(bundle)
    assert mentions and all(m.span is not None for m in mentions)
    for mention in mentions:
        assert mention.span is not None and article.text[mention.span.start:mention.span.end] == mention.text
    event = bundle.events[0]
    assert event.date_span is not None and event.date_as_written == article.text[event.date_span.start:event.date_span.end]


def test_a_sidecar_address_overrides_the_canonical_one(tmp_path: Path) -> None:
    page = tmp_path / "portal.html"
    shutil.copy(HTML / "portal.html", page)
    page.with_suffix(".source").write_text("https://arsip.example.org/portal-copy\n", encoding="utf-8")
    assert read_article(page).url == "https://arsip.example.org/portal-copy"


def test_a_txt_file_holding_html_is_still_refused_and_told_to_be_saved_as_html(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(HTML / "portal.html", page)
    with pytest.raises(InputError, match=r"looks like HTML; save a web page as \.html"):
        read_article(page)


# -- hostile pages -----------------------------------------------------------------------------------------------

_BODY = ("<p>MALINAU - Lembaga Administrasi Negara dan Pemerintah Kabupaten Malinau menandatangani nota kesepahaman tentang "
         "pengembangan kompetensi aparatur di Malinau, Jumat (6/10/2023).</p>")
#: Generated hostile pages (too large to commit, or empty/binary) → what the error must say.
GENERATED = {
    "huge.html": (b"<html><body>" + b"<p>x</p>" * 700_000 + b"</body></html>", "over the 5,242,880-byte limit"),
    "many_elements.html": (("<html><body>" + _BODY + "<i></i>" * 120_000 + "</body></html>").encode(), "over the 100,000-element limit"),
    "deep.html": (("<html><body>" + "<div>" * 20_000 + _BODY + "</div>" * 20_000 + "</body></html>").encode(), "no main text"),
    "empty.html": (b"", "file is empty"),
    "binary.htm": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    "plain_text.html": ("Lembaga Administrasi Negara menandatangani nota kesepahaman.\n".encode(), "cannot be parsed as HTML"),
    "whitespace.html": (b" \n\t\n", "only whitespace"),
}
#: Committed hostile pages that must be refused → what the error must say.
REFUSED = {
    "scripts_only.html": "no main text found in the page",
    "declares_utf8_is_cp1252.html": "page declares UTF-8 but is not valid UTF-8 (byte 0x96",
}


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_hostile_page_is_an_input_error_naming_it(tmp_path: Path, name: str) -> None:
    content, message = GENERATED[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert caught.value.path == path
    assert message in caught.value.reason


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_committed_hostile_page_is_an_input_error_naming_it(name: str) -> None:
    with pytest.raises(InputError) as caught:
        read_article(HOSTILE / name)
    assert caught.value.path == HOSTILE / name
    assert REFUSED[name] in caught.value.reason


def test_scripts_event_handlers_and_script_urls_never_reach_the_text() -> None:
    article = read_article(HOSTILE / "injected.html")
    assert "Lembaga Administrasi Negara (LAN) dan Pemerintah Kota Tarakan menandatangani" in article.text
    for injected in ("alert", "javascript", "Palsu", "document", "evil", "onerror", "<"):
        assert injected not in article.text, injected
    bundle = extract_facts(article)
    assert [a.parties for a in bundle.agreements] == [("Lembaga Administrasi Negara", "Kota Tarakan")]


def test_malformed_markup_still_gives_its_story() -> None:
    article = read_article(HOSTILE / "malformed.html")
    assert article.text.startswith("NUNUKAN - Lembaga Administrasi Negara (LAN) dan Pemerintah Kabupaten Nunukan")
    assert "kajian kebijakan daerah" in article.text
    assert [a.parties for a in extract_facts(article).agreements] == [("Lembaga Administrasi Negara", "Kabupaten Nunukan")]


@pytest.mark.parametrize("name", ["declares_cp1252_is_utf8.html", "declares_latin1_is_latin1.html"])
def test_a_page_is_read_as_utf8_whatever_it_declares_else_in_the_encoding_it_declares(name: str) -> None:
    article = read_article(HOSTILE / name)
    assert "Pemerintah Kabupaten Malinau menandatangani" in article.text
    assert "\ufffd" not in article.text and "â€" not in article.text
    if "latin1" in name:
        assert "Café kerja sama" in article.text
    else:
        assert "“penting”" in article.text


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in PAGES:
        shutil.copy(HTML / name, folder / name)
    for name in ("scripts_only.html", "declares_utf8_is_cp1252.html", "injected.html"):
        shutil.copy(HOSTILE / name, folder / name)
    (folder / "huge.htm").write_bytes(GENERATED["huge.html"][0])
    return folder


def test_bad_pages_are_reported_and_never_stop_the_others(tmp_path: Path) -> None:
    files = collect_inputs([_folder(tmp_path)])
    assert len(files) == 7
    bundles, errors = load_all(files)
    assert sorted(b.doc for b in bundles) == sorted([*PAGES, "injected.html"])
    assert sorted(e.path.name for e in errors) == ["declares_utf8_is_cp1252.html", "huge.htm", "scripts_only.html"]


def test_the_cache_keeps_the_text_the_spans_index_into(tmp_path: Path) -> None:
    files = collect_inputs([_folder(tmp_path)])
    cache = tmp_path / "cache"
    first = load_all_cached(files, cache, jobs=2)
    assert first.bundles == load_all(files)[0]
    page = next(p for p in files if p.name == "portal.html")
    text = cached_text(cache, page)
    assert text == read_article(page).text
    bundle = next(b for b in first.bundles if b.doc == "portal.html")
    for mention in _mentions(bundle):
        assert mention.span is not None and text[mention.span.start:mention.span.end] == mention.text
    second = load_all_cached(files, cache, jobs=2)
    assert second.bundles == first.bundles
    assert (second.stats.hits, second.stats.extracted) == (4, 3)  # the three bad pages are tried again


def test_article_record_defaults_keep_plain_text_articles_unchanged(sample_articles: Path) -> None:
    article = read_article(sorted(sample_articles.glob("*.txt"))[0])
    assert isinstance(article, Article)
    assert (article.title, article.outlet, article.author, article.published) == (None, None, None, None)
