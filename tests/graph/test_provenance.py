"""Every fact traces to its article (one named graph each) and to the character span it was read at; posts over time."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF, SDO, TIME, XSD

from lankg.graph.build import article_iri, build_dataset
from lankg.loaders.articles import read_article
from lankg.ontology.namespaces import DEFAULT_BASE, LANKG
from lankg.pipeline import BuildResult
from lankg.records import FactBundle
from lankg.store.files import serialise, union_graph

ARTICLES = Path(__file__).resolve().parents[2] / "data" / "articles"
FACT_CLASSES = (LANKG.Institution, LANKG.Official, LANKG.Agreement, LANKG.SigningEvent, LANKG.Membership, LANKG.Participation)
ADI = URIRef("https://w3id.org/lankg/id/official/64223de9e92a9d75")
LAN = URIRef("https://w3id.org/lankg/id/institution/da66ede0e9405ebd")


def test_every_fact_in_an_article_graph_derives_from_that_article(gold: list[FactBundle]) -> None:
    ds, _ = build_dataset(gold)
    checked = 0
    for bundle in gold:
        article = article_iri(DEFAULT_BASE, bundle.source)
        g = ds.graph(article)
        for cls in (LANKG.SourceArticle, SDO.NewsArticle, PROV.Entity):
            assert (article, RDF.type, cls) in g
        assert (article, LANKG.fileName, Literal(bundle.doc)) in g
        typed = {s for s, o in g.subject_objects(RDF.type) if s != article and o not in (LANKG.Mention, TIME.Instant, SDO.Organization)}
        assert typed
        for node in typed:
            assert (node, PROV.wasDerivedFrom, article) in g, node
            checked += 1
    assert checked > 100


def test_every_mention_is_the_exact_text_at_its_span(gold: list[FactBundle]) -> None:
    ds, _ = build_dataset(gold)
    texts = {article_iri(DEFAULT_BASE, b.source): (ARTICLES / b.doc).read_text(encoding="utf-8") for b in gold}
    g = union_graph(ds)
    mentions = set(g.subjects(RDF.type, LANKG.Mention))
    assert len(mentions) > 100
    for m in mentions:
        text = texts[g.value(m, LANKG.inArticle)]
        start, end = int(g.value(m, LANKG.start)), int(g.value(m, LANKG.end))
        assert text[start:end].casefold() == str(g.value(m, LANKG.text)).casefold(), m
    # the institutions, officials and dated events of every article point at spans
    for cls in (LANKG.Official, LANKG.Agreement):
        for node in g.subjects(RDF.type, cls):
            assert any(True for _ in g.objects(node, LANKG.mention)), node


def test_trig_keeps_one_named_graph_per_article(gold_build: BuildResult) -> None:
    out = gold_build.outputs[0].parent
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    articles = {str(article_iri(DEFAULT_BASE, read_article(p).ref)) for p in ARTICLES.glob("*.txt")}
    assert articles <= names
    assert {f"{DEFAULT_BASE}graph/{n}" for n in ("gazetteer", "scopes", "timeline")} <= names
    assert len(names) == 8
    for name in articles:
        assert (URIRef(name), RDF.type, LANKG.SourceArticle) in ds.graph(URIRef(name))


def test_posts_over_time_are_memberships_with_an_owl_time_interval(gold: list[FactBundle]) -> None:
    ds, _ = build_dataset(gold)
    g = union_graph(ds)
    memberships = [m for m in g.subjects(LANKG.member, ADI) if g.value(m, LANKG.organization) == LAN]
    assert len(memberships) == 1
    m = memberships[0]
    assert (m, RDF.type, LANKG.Membership) in g
    assert g.value(m, LANKG.postTitle) == Literal("Kepala")
    dates = sorted(str(d) for d in g.objects(m, LANKG.evidencedOn))
    assert dates == ["2017-03-16", "2019-02-01", "2021-03-29", "2022-03-02"]
    interval = g.value(m, LANKG.during)
    assert (interval, RDF.type, TIME.Interval) in g
    begin, end = g.value(interval, TIME.hasBeginning), g.value(interval, TIME.hasEnd)
    assert g.value(begin, TIME.inXSDDate) == Literal("2017-03-16", datatype=XSD.date)
    assert g.value(end, TIME.inXSDDate) == Literal("2022-03-02", datatype=XSD.date)
    # the interval combines articles, so it is in the timeline graph, not in an article's
    assert (m, LANKG.during, interval) in ds.graph(URIRef(f"{DEFAULT_BASE}graph/timeline"))
    assert "lankg:during" in serialise(ds, "ttl")
