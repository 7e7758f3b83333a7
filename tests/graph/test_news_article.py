"""The article in the graph: a schema:NewsArticle with address, headline, outlet, dates and digest; its IRI never from its file name."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, SDO, XSD

from lankg.errors import InputError
from lankg.graph.build import article_iri, build_dataset
from lankg.loaders import collect_inputs, load_all
from lankg.loaders.articles import read_article
from lankg.loaders.facts_json import facts_to_json, read_facts, write_facts
from lankg.ontology.namespaces import DEFAULT_BASE, LANKG
from lankg.store.files import union_graph

HTML = Path(__file__).resolve().parents[1] / "data" / "html"
UNDATED = "000_c565890aab359401.txt"


def _corpus(folder: Path, sample_articles: Path, names: dict[str, str]) -> Path:
    """The portal and AMP pages and a sample text under the names ``names`` gives them, with a sources.csv for two."""
    folder.mkdir()
    shutil.copy(HTML / "portal.html", folder / names["portal"])
    shutil.copy(HTML / "amp.html", folder / names["amp"])
    shutil.copy(sample_articles / UNDATED, folder / names["text"])
    shutil.copy(sample_articles / "001_7a100b7bdb4d91bc.txt", folder / names["bare"])
    (folder / "sources.csv").write_text(
        "file,url,outlet,published,retrieved\n"
        f"{names['text']},https://lan.go.id/2022/03/02/mou-8-instansi,Lembaga Administrasi Negara,2022-03-02,2024-01-05\n"
        f"{names['amp']},,,,2024-02-01\n",
        encoding="utf-8",
    )
    return folder


def _build(folder: Path) -> Dataset:
    bundles, errors = load_all(collect_inputs([folder]))
    assert not errors
    return build_dataset(bundles)[0]


def test_a_page_is_a_news_article_with_its_address_headline_outlet_and_dates(tmp_path: Path, sample_articles: Path) -> None:
    folder = _corpus(tmp_path / "in", sample_articles, {"portal": "portal.html", "amp": "amp.html", "text": "a.txt", "bare": "b.txt"})
    g = union_graph(_build(folder))
    portal = read_article(folder / "portal.html")
    article = article_iri(DEFAULT_BASE, portal.ref)
    for cls in (LANKG.SourceArticle, SDO.NewsArticle, PROV.Entity):
        assert (article, RDF.type, cls) in g
    assert g.value(article, SDO.url) == Literal(portal.url, datatype=XSD.anyURI)
    assert g.value(article, SDO.headline) == Literal("LAN dan Pemkab Tanah Laut Teken Nota Kesepahaman Pengembangan ASN")
    assert g.value(article, SDO.datePublished) == Literal("2024-03-12", datatype=XSD.date)
    assert g.value(article, LANKG.sha256) == Literal(hashlib.sha256(portal.text.encode("utf-8")).hexdigest())
    outlet = g.value(article, SDO.publisher)
    assert (outlet, RDF.type, SDO.Organization) in g and g.value(outlet, SDO.name) == Literal("Borneo Warta")
    text = article_iri(DEFAULT_BASE, read_article(folder / "a.txt").ref)
    assert g.value(text, SDO.url) == Literal("https://lan.go.id/2022/03/02/mou-8-instansi", datatype=XSD.anyURI)
    assert g.value(g.value(text, SDO.publisher), SDO.name) == Literal("Lembaga Administrasi Negara")
    assert g.value(text, LANKG.retrievedOn) == Literal("2024-01-05", datatype=XSD.date)
    amp = article_iri(DEFAULT_BASE, read_article(folder / "amp.html").ref)
    assert g.value(amp, LANKG.retrievedOn) == Literal("2024-02-01", datatype=XSD.date)
    bare = article_iri(DEFAULT_BASE, read_article(folder / "b.txt").ref)
    assert g.value(bare, SDO.url) is None and g.value(bare, SDO.publisher) is None


def _iris(ds: Dataset) -> set[URIRef]:
    return {t for quad in ds.quads((None, None, None, None)) for t in quad if isinstance(t, URIRef)}


def test_renaming_the_files_changes_no_iri(tmp_path: Path, sample_articles: Path) -> None:
    before = _build(_corpus(tmp_path / "a", sample_articles, {"portal": "portal.html", "amp": "amp.html", "text": "a.txt", "bare": "b.txt"}))
    after = _build(_corpus(tmp_path / "b", sample_articles,
                           {"portal": "berita-tala.htm", "amp": "kaltim.html", "text": "lan-8.txt", "bare": "lain.txt"}))
    assert _iris(before) == _iris(after)
    assert len([i for i in _iris(before) if "/id/article/" in i]) == 4
    names = {o for _, _, o in union_graph(after).triples((None, LANKG.fileName, None))}
    assert names == {Literal(n) for n in ("berita-tala.htm", "kaltim.html", "lan-8.txt", "lain.txt")}


def test_the_same_build_twice_is_the_same_graph(tmp_path: Path, sample_articles: Path) -> None:
    folder = _corpus(tmp_path / "in", sample_articles, {"portal": "portal.html", "amp": "amp.html", "text": "a.txt", "bare": "b.txt"})
    first, second = _build(folder), _build(folder)
    assert sorted(first.quads((None, None, None, None))) == sorted(second.quads((None, None, None, None)))


def test_the_facts_json_keeps_where_the_article_came_from(tmp_path: Path, sample_articles: Path) -> None:
    folder = _corpus(tmp_path / "in", sample_articles, {"portal": "portal.html", "amp": "amp.html", "text": "a.txt", "bare": "b.txt"})
    [bundle] = [b for b in load_all([folder / "portal.html"])[0]]
    assert facts_to_json(bundle)["source"] == {
        "sha256": bundle.source.sha256, "url": bundle.source.url, "title": "LAN dan Pemkab Tanah Laut Teken Nota Kesepahaman Pengembangan ASN",
        "outlet": "Borneo Warta", "published": "2024-03-12",
    }
    write_facts(tmp_path / "portal.json", bundle)
    assert read_facts(tmp_path / "portal.json") == bundle


@pytest.mark.parametrize(
    ("source", "message"),
    [({"url": "javascript:alert(1)"}, "$.source.url"), ({"published": "12/03/2024"}, "$.source.published"),
     ({"outlet": "A\u0007B"}, "$.source.outlet"), ({"publisher": "X"}, "$.source")],
)
def test_bad_source_metadata_in_a_facts_file_is_named(tmp_path: Path, source: dict[str, str], message: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"doc": "a.txt", "source": source}), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_facts(path)
    assert message in str(caught.value)
