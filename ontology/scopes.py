"""Map a scope phrase as an article writes it to concepts of the SKOS scope scheme.

The labels come from ``ontology/scopes.ttl`` (preferred and alternative, in
Indonesian and English), so adding a wording there is all it takes to teach
the extractor, the graph builder and the scorer a new phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from rdflib import URIRef
from rdflib.namespace import RDF, SKOS

from lankg.names import normalise_phrase
from lankg.ontology import load_scopes
from lankg.ontology.namespaces import SCOPE


@dataclass(frozen=True, slots=True)
class ScopeConcept:
    """One concept of the scheme."""

    iri: URIRef
    key: str
    """The concept's local name, e.g. ``kajian-kebijakan``."""
    label_id: str
    label_en: str
    labels: tuple[str, ...]
    """Every label, normalised, longest first."""


@cache
def scope_concepts() -> tuple[ScopeConcept, ...]:
    """All concepts of the scope scheme, in a stable order."""
    graph = load_scopes()
    concepts = []
    for iri in sorted(s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)):
        pref = {lit.language: str(lit) for lit in graph.objects(iri, SKOS.prefLabel)}  # type: ignore[attr-defined]
        labels = {normalise_phrase(str(lit)) for p in (SKOS.prefLabel, SKOS.altLabel) for lit in graph.objects(iri, p)}
        concepts.append(ScopeConcept(
            iri=iri, key=str(iri)[len(str(SCOPE)):], label_id=pref["id"], label_en=pref["en"],
            labels=tuple(sorted(labels, key=lambda s: (-len(s), s))),
        ))
    return tuple(concepts)


@cache
def _label_index() -> tuple[tuple[str, ScopeConcept], ...]:
    pairs = [(label, c) for c in scope_concepts() for label in c.labels]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


@lru_cache(maxsize=8192)
def concepts_for(phrase: str) -> tuple[ScopeConcept, ...]:
    """The concepts a phrase names, in the order it names them; () when it names none.

    An exact label wins; otherwise the longest labels found as whole words in the
    phrase are taken, without overlaps ("kajian kebijakan dan inovasi
    administrasi negara" names two concepts).
    """
    norm = normalise_phrase(phrase)
    if not norm:
        return ()
    for label, concept in _label_index():
        if label == norm:
            return (concept,)
    padded = f" {norm} "
    taken: list[tuple[int, int, ScopeConcept]] = []
    for label, concept in _label_index():
        start = padded.find(f" {label} ")
        while start != -1:
            span = (start, start + len(label) + 1)
            if not any(s < span[1] and span[0] < e for s, e, _ in taken):
                taken.append((span[0], span[1], concept))
                break
            start = padded.find(f" {label} ", start + 1)
    found: list[ScopeConcept] = []
    for _, _, concept in sorted(taken, key=lambda t: t[0]):
        if concept not in found:
            found.append(concept)
    return tuple(found)
