"""The SPARQL 1.1 Service Description the endpoint gives for a GET of /sparql without a query.

It says what the service is (its endpoint, the query language, the result
formats, that the default graph is the union of the named graphs) and what
dataset it answers from: the named graphs the workers loaded and, when a
``void.ttl`` written by ``lankg build`` lies next to the graph file, the VoID
dataset it describes, linked back to this endpoint by ``void:sparqlEndpoint``.
The nodes are IRIs under the endpoint's own (no blank nodes), so the same
graph at the same address gives byte-identical descriptions.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

from lankg.ontology.namespaces import PREFIXES, SD, VOID

#: The W3C's IRIs for the formats the endpoint answers in (https://www.w3.org/ns/formats/).
FORMATS = Namespace("http://www.w3.org/ns/formats/")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "JSON-LD", "N-Triples", "RDF_XML")
#: The media types the description is offered in.
DESCRIPTION_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD, "application/n-triples": ox.RdfFormat.N_TRIPLES,
}


def void_dataset(graph_file: Path) -> URIRef | None:
    """The dataset a ``void.ttl`` next to ``graph_file`` describes (the one no other is a subset of); None without one."""
    path = graph_file.parent / "void.ttl"
    if not path.is_file():
        return None
    void = Graph().parse(path, format="turtle")
    subsets = set(void.objects(None, VOID.subset))
    tops = sorted(s for s in void.subjects(RDF.type, VOID.Dataset) if isinstance(s, URIRef) and s not in subsets)
    return tops[0] if tops else None


def service_description(endpoint: str, graphs: Sequence[str], dataset: URIRef | None) -> Graph:
    """The sd:Service at ``endpoint`` answering from the named ``graphs`` (and their union as default graph), of VoID ``dataset`` if known."""
    g = Graph()
    for prefix in ("sd", "void", "rdf"):
        g.bind(prefix, PREFIXES[prefix], override=True)
    g.bind("formats", FORMATS)
    me = URIRef(endpoint)
    g.add((me, RDF.type, SD.Service))
    g.add((me, SD.endpoint, me))
    g.add((me, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((me, SD.feature, SD.UnionDefaultGraph))
    for name in RESULT_FORMATS:
        g.add((me, SD.resultFormat, FORMATS[name]))
    data = dataset if dataset is not None else URIRef(f"{endpoint}#dataset")
    g.add((me, SD.defaultDataset, data))
    g.add((data, RDF.type, SD.Dataset))
    if dataset is not None:
        g.add((data, RDF.type, VOID.Dataset))
        g.add((data, VOID.sparqlEndpoint, me))
    default = URIRef(f"{endpoint}#default-graph")
    g.add((data, SD.defaultGraph, default))
    g.add((default, RDF.type, SD.Graph))
    for n, iri in enumerate(sorted(graphs), start=1):
        named = URIRef(f"{endpoint}#named-graph-{n}")
        g.add((data, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(iri)))
    return g


def serialised(description: Graph, mime: str) -> bytes:
    """``description`` in the DESCRIPTION_TYPES format ``mime``, its triples in sorted order (the same bytes on every run)."""
    triples = sorted(description, key=lambda t: tuple(str(x) for x in t))
    written = [ox.Triple(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.NamedNode(str(o))) for s, p, o in triples]
    prefixes = dict(sorted((p, str(ns)) for p, ns in description.namespaces() if p in ("sd", "void", "rdf", "formats")))
    fmt = DESCRIPTION_TYPES[mime]
    text = ox.serialize(written, format=fmt, prefixes=prefixes if fmt != ox.RdfFormat.N_TRIPLES else None)
    assert text is not None  # without an output, serialize returns the bytes
    return text


__all__ = ["DESCRIPTION_TYPES", "serialised", "service_description", "void_dataset"]
