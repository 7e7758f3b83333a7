"""Syndicated copies: a reposted story is found, reported, kept as a source of its own, and never doubles a count."""

from __future__ import annotations

import shutil
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import PROV, RDF

from lankg.graph.build import article_iri
from lankg.graph.duplicates import find_copies, shingles
from lankg.loaders.articles import read_article
from lankg.ontology.namespaces import LANKG
from lankg.pipeline import Copies, run_build
from lankg.queries import QUERIES
from lankg.queries.run import run_query
from lankg.store.embedded import GraphStore
from lankg.store.files import union_graph

HTML = Path(__file__).resolve().parents[1] / "data" / "html"
#: An invented story whose signing the text does not date: each copy would otherwise report an event of its own.
UNDATED = (
    "{dateline} - Lembaga Administrasi Negara (LAN) dan Pemerintah Kota Tarakan menandatangani nota kesepahaman tentang "
    "pengembangan kompetensi aparatur sipil negara. Nota kesepahaman itu ditandatangani oleh Kepala LAN, Muhammad Taufiq, "
    "dan Wali Kota Tarakan, Khairul, di Balai Kota Tarakan. Ruang lingkup kerja sama meliputi pelatihan kepemimpinan, "
    "inovasi administrasi negara dan kajian kebijakan daerah. Wali Kota Tarakan berharap kerja sama itu mempercepat "
    "peningkatan kualitas aparatur di lingkungan Pemerintah Kota Tarakan.{tail}\n"
)


def test_a_reposted_page_is_a_copy_and_an_unrelated_one_is_not(sample_articles: Path) -> None:
    texts = {name: read_article(HTML / name).text for name in ("portal.html", "repost.html", "amp.html", "pemda.go.id.html")}
    texts |= {p.name: read_article(p).text for p in sorted(sample_articles.glob("*.txt"))}
    [group] = find_copies(texts)
    assert group.members == ("portal.html", "repost.html") and group.key == "portal.html"
    assert 0.8 <= group.similarity < 1.0
    assert find_copies(texts) == [group]  # seeded: the same on every run


def test_shingles_are_case_folded_word_runs() -> None:
    assert shingles("LAN dan Pemkab Banjar teken MoU", size=5) == {b"lan dan pemkab banjar teken", b"dan pemkab banjar teken mou"}
    assert shingles("Dua kata", size=5) == {b"dua kata"} and shingles("--", size=5) == set()


def _count(store: GraphStore, name: str) -> int:
    return sum(int(row[-1] or 0) for row in run_query(store, QUERIES[name]).values())


def test_copies_are_reported_kept_as_sources_and_never_double_a_count(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HTML / "portal.html", folder / "portal.html")
    shutil.copy(HTML / "repost.html", folder / "repost.html")
    (folder / "tarakan.txt").write_text(UNDATED.format(dateline="TARAKAN", tail=""), encoding="utf-8")
    (folder / "tarakan-ulang.txt").write_text(UNDATED.format(dateline="TARAKAN, KALTARA POS", tail=" (red)"), encoding="utf-8")
    (folder / "salinan.txt").write_text(UNDATED.format(dateline="TARAKAN", tail=""), encoding="utf-8")  # the same file saved twice
    result = run_build([folder], tmp_path / "out")
    assert result.copies == [
        Copies(("portal.html", "repost.html"), result.copies[0].similarity),
        Copies(("salinan.txt", "tarakan-ulang.txt", "tarakan.txt"), result.copies[1].similarity),
    ]
    g = union_graph(result.dataset)
    articles = set(g.subjects(RDF.type, LANKG.SourceArticle))
    assert len(articles) == 4  # the twice-saved file is one article, known by its text; the copies stay sources
    portal = article_iri("https://w3id.org/lankg/id/", read_article(folder / "portal.html").ref)
    repost = article_iri("https://w3id.org/lankg/id/", read_article(folder / "repost.html").ref)
    assert len(result.stats.events) == 2 and len(result.stats.agreements) == 2
    for event in result.stats.events:
        assert len(set(g.objects(event, PROV.wasDerivedFrom))) == 2
    tala = next(e for e in result.stats.events if portal in set(g.objects(e, PROV.wasDerivedFrom)))
    assert set(g.objects(tala, PROV.wasDerivedFrom)) == {portal, repost}
    store = GraphStore.from_dataset(result.dataset)
    assert _count(store, "agreements_by_type") == 2
    years = sorted((row[1] or "", row[2]) for row in run_query(store, QUERIES["agreements_by_type"]).values())
    assert years == [("", "1"), ("2024", "1")]  # one agreement a year: the copies' one each, undated or not
    assert isinstance(next(iter(result.stats.agreements)), URIRef)


def test_without_copies_the_summary_lists_none(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(HTML / "portal.html", folder / "portal.html")
    shutil.copy(HTML / "amp.html", folder / "amp.html")
    assert run_build([folder], tmp_path / "out").copies == []
