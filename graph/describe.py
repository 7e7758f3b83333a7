"""A VoID / DCAT description of a built dataset: sizes, classes, named graphs, licence.

It describes the data only (counts, partitions, distributions), never the
moment it was made, so the same input gives a byte-identical description.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from lankg.graph.iris import mint
from lankg.ontology.namespaces import DATA_LICENSE, DCAT, PREFIXES, SD, VOID
from lankg.store.files import union_graph

TITLE = "lankg: LAN's cooperation agreements with Indonesian institutions"
MEDIA_TYPES: dict[str, str] = {
    "graph.ttl": "text/turtle",
    "graph.trig": "application/trig",
}


def dataset_iri(base: str) -> URIRef:
    """The IRI of the dataset as a whole."""
    return URIRef(f"{base}dataset/lankg")


def _count(n: int) -> Literal:
    return Literal(n, datatype=XSD.integer)


def describe(ds: Dataset, base: str) -> Graph:
    """VoID/DCAT triples describing ``ds``: triples, entities per class, one subset per named graph."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    me = dataset_iri(base)
    union = union_graph(ds)
    g.add((me, RDF.type, VOID.Dataset))
    g.add((me, RDF.type, DCAT.Dataset))
    g.add((me, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((me, DCTERMS.license, DATA_LICENSE))
    g.add((me, VOID.triples, _count(len(union))))
    g.add((me, VOID.distinctSubjects, _count(len(set(union.subjects())))))
    g.add((me, VOID.properties, _count(len(set(union.predicates())))))
    classes = Counter(o for _, o in union.subject_objects(RDF.type))
    g.add((me, VOID.classes, _count(len(classes))))
    for cls in sorted(cast("Counter[URIRef]", classes)):  # rdf:type objects are IRIs in a lankg graph
        part = mint(base, "void", "class", str(cls))
        g.add((me, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, _count(classes[cls])))
    for graph in sorted(ds.graphs(), key=lambda x: str(x.identifier)):
        size = len(graph)
        if not size:
            continue
        subset = mint(base, "void", "graph", str(graph.identifier))
        g.add((me, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, SD.name, graph.identifier))
        g.add((subset, VOID.triples, _count(size)))
    for name, media in MEDIA_TYPES.items():
        dist = mint(base, "distribution", name)
        g.add((me, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(name)))
        g.add((dist, DCAT.mediaType, Literal(media)))
    return g
