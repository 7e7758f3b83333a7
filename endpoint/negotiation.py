"""Content negotiation: which of the answer formats an ``Accept`` header asks for."""

from __future__ import annotations

from collections.abc import Mapping

import pyoxigraph as ox

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}


def negotiate(accept: tuple[str, ...], offered: Mapping[str, object]) -> str | None:
    """The first media type in ``offered`` the client accepts, best quality first; None if there is none."""
    ranked: list[tuple[float, int, str]] = []
    for i, item in enumerate(accept):
        mime, _, params = item.partition(";")
        quality = 1.0
        for p in params.split(";"):
            key, _, value = p.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, i, mime.strip().lower()))
    if not ranked:
        return next(iter(offered))
    refused = {mime for negq, _, mime in ranked if negq == 0}
    for negq, _, mime in sorted(ranked):
        if negq == 0:
            continue
        if mime in offered:
            return mime
        prefix = "" if mime in ("*/*", "*") else mime[:-1] if mime.endswith("/*") else None
        if prefix is not None:
            for candidate in offered:
                if candidate.startswith(prefix) and candidate not in refused:
                    return candidate
    return None
