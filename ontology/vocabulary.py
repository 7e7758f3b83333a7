"""The closed vocabularies of the facts format, read from the ontology: each code and the term it stands for.

The ontology is the one place each vocabulary is declared. Every institution
kind (a subclass of ``lankg:Institution``), agreement type (a subclass of
``lankg:Agreement``), attendance mode, participant role and scope carries its
``skos:notation``, the code the facts format writes ("central_agency", "MoU",
"in_person", "signatory", "kajian-kebijakan"). The records' ``Literal`` types,
the shapes' ``sh:in`` lists, the queries' ``VALUES`` tables and the viz styles
are tested against these maps (tests/ontology/test_vocabulary.py), so adding
a kind means adding it to lankg.ttl and following the failing test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from lankg.ontology import load_tbox
from lankg.ontology.namespaces import LANKG


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """One closed vocabulary: its codes and their terms, both ways."""

    name: str
    """What the facts format calls a value of it ("institution kind", "role", ...)."""
    terms: dict[str, URIRef]
    """Code → IRI, codes sorted."""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.terms)

    def code(self, iri: URIRef) -> str:
        """The code of ``iri``; KeyError for a term outside the vocabulary."""
        for code, term in self.terms.items():
            if term == iri:
                return code
        raise KeyError(f"{iri} is not a {self.name}")

    def __getitem__(self, code: str) -> URIRef:
        return self.terms[code]


def _notations(graph: Graph, subjects: set[URIRef], name: str) -> Vocabulary:
    terms: dict[str, URIRef] = {}
    for subject in subjects:
        for notation in graph.objects(subject, SKOS.notation):
            code = str(notation)
            if code in terms:
                raise ValueError(f"the ontology gives the {name} code {code!r} to both {terms[code]} and {subject}")
            terms[code] = subject
    return Vocabulary(name, dict(sorted(terms.items())))


def _subclasses(graph: Graph, root: URIRef) -> set[URIRef]:
    return {c for c in graph.transitive_subjects(RDFS.subClassOf, root) if isinstance(c, URIRef) and c != root}


def _members(graph: Graph, cls: URIRef) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, cls) if isinstance(s, URIRef)}


@cache
def _tbox() -> Graph:
    return load_tbox()


def institution_kinds() -> Vocabulary:
    """``kind`` of an institution → its most specific lankg class."""
    return _notations(_tbox(), _subclasses(_tbox(), LANKG.Institution), "institution kind")


def agreement_types() -> Vocabulary:
    """``type`` of an agreement → its lankg class."""
    return _notations(_tbox(), _subclasses(_tbox(), LANKG.Agreement), "agreement type")


def modes() -> Vocabulary:
    """An event's ``mode`` or an official's ``attendance`` → the ``lankg:AttendanceMode`` individual."""
    return _notations(_tbox(), _members(_tbox(), LANKG.AttendanceMode), "mode")


def roles() -> Vocabulary:
    """An official's ``roles`` → the ``lankg:ParticipantRole`` individuals."""
    return _notations(_tbox(), _members(_tbox(), LANKG.ParticipantRole), "role")


def scopes() -> Vocabulary:
    """The scope scheme's concepts by their notation (their local name)."""
    return _notations(_tbox(), _members(_tbox(), SKOS.Concept), "scope")


def all_vocabularies() -> tuple[Vocabulary, ...]:
    """Every closed vocabulary, in the order of the facts format."""
    return (institution_kinds(), agreement_types(), modes(), roles(), scopes())


__all__ = ["Vocabulary", "agreement_types", "all_vocabularies", "institution_kinds", "modes", "roles", "scopes"]
