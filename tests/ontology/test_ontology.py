"""The ontology parses, is OWL-RL consistent, agrees with namespaces.py and labels every scope in two languages."""

from __future__ import annotations

import owlrl
import pytest
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from lankg.ontology import TBOX_FILES, load_scopes, load_shapes, load_tbox, turtle_text
from lankg.ontology.namespaces import LANKG

ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


@pytest.mark.parametrize("name", [*TBOX_FILES, "shapes.ttl"])
def test_turtle_file_parses(name: str) -> None:
    graph = Graph().parse(data=turtle_text(name), format="turtle")
    assert len(graph) > 40


def test_owl_rl_closure_is_consistent() -> None:
    graph = load_tbox()
    before = len(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert len(graph) > before
    errors = [str(m) for m in graph.objects(None, ERR.error)]
    assert errors == []


def test_inconsistent_data_is_detected_by_the_closure() -> None:
    """The consistency check above can fail: two different modes for one functional participant do."""
    graph = load_tbox()
    ev = URIRef("https://example.org/e")
    graph.add((ev, RDF.type, LANKG.AttendanceMode))
    graph.add((ev, RDF.type, LANKG.Institution))
    graph.add((LANKG.AttendanceMode, OWL.disjointWith, LANKG.Institution))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
    assert list(graph.objects(None, ERR.error))


def test_namespace_terms_equal_the_ontology_subjects() -> None:
    graph = Graph().parse(data=turtle_text("lankg.ttl"), format="turtle")
    ns = str(LANKG._NS)
    in_turtle = {str(s)[len(ns):] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    in_python = set(LANKG.__annotations__)
    assert in_turtle == in_python


def test_misspelt_term_raises() -> None:
    with pytest.raises(AttributeError):
        LANKG.Agrement  # noqa: B018


def test_every_class_and_property_is_labelled_and_commented_in_indonesian_and_english() -> None:
    graph = load_tbox()
    ns = str(LANKG._NS)
    for term in LANKG.__annotations__:
        iri = URIRef(ns + term)
        for prop in (RDFS.label, RDFS.comment):
            languages = {getattr(lit, "language", None) for lit in graph.objects(iri, prop)}
            assert {"id", "en"} <= languages, f"{term} lacks an @id or @en {prop}"


@pytest.mark.parametrize(
    ("term", "standard"),
    [
        (LANKG.Institution, URIRef("http://www.w3.org/ns/org#FormalOrganization")),
        (LANKG.Membership, URIRef("http://www.w3.org/ns/org#Membership")),
        (LANKG.Agreement, URIRef("http://www.w3.org/ns/prov#Entity")),
        (LANKG.SigningEvent, URIRef("https://schema.org/Event")),
        (LANKG.Scope, SKOS.Concept),
        (LANKG.SourceArticle, URIRef("https://schema.org/NewsArticle")),
    ],
)
def test_classes_are_aligned_to_standard_vocabularies(term: URIRef, standard: URIRef) -> None:
    graph = load_tbox()
    owlrl.DeductiveClosure(owlrl.RDFS_Semantics).expand(graph)
    assert (term, RDFS.subClassOf, standard) in graph


def test_time_alignment() -> None:
    graph = load_tbox()
    assert (LANKG.time, RDFS.subPropertyOf, URIRef("http://www.w3.org/2006/time#hasTime")) in graph
    assert (LANKG.during, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/org#memberDuring")) in graph


def test_every_scope_has_indonesian_and_english_preferred_labels() -> None:
    scopes = load_scopes()
    concepts = list(scopes.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) >= 8
    for concept in concepts:
        langs = [lit.language for lit in scopes.objects(concept, SKOS.prefLabel)]  # type: ignore[attr-defined]
        assert sorted(langs) == ["en", "id"], concept
        assert any(True for _ in scopes.objects(concept, SKOS.inScheme))


def test_no_two_scopes_share_a_label() -> None:
    scopes = load_scopes()
    seen: dict[str, URIRef] = {}
    for concept in scopes.subjects(RDF.type, SKOS.Concept):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for lit in scopes.objects(concept, prop):
                key = str(lit).casefold()
                assert seen.setdefault(key, concept) == concept, f"label {lit!r} on two concepts"


def test_shapes_graph_loads() -> None:
    assert len(load_shapes()) > 50
