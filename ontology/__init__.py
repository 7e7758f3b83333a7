"""The lankg ontology, scope scheme and SHACL shapes, read from the Turtle files beside this module."""

from __future__ import annotations

from functools import cache
from importlib import resources

from rdflib import Graph

#: The Turtle files that make up the TBox, in load order.
TBOX_FILES = ("lankg.ttl", "alignments.ttl", "scopes.ttl")
SHAPES_FILE = "shapes.ttl"


def turtle_text(name: str) -> str:
    """The text of one of the ontology's Turtle files."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


def _parse(*names: str) -> Graph:
    graph = Graph()
    for name in names:
        graph.parse(data=turtle_text(name), format="turtle", publicID=f"https://w3id.org/lankg/ontology/{name}")
    return graph


@cache
def _tbox() -> Graph:
    return _parse(*TBOX_FILES)


def load_tbox() -> Graph:
    """A fresh copy of the ontology, its alignments and the scope scheme."""
    copy = Graph()
    for triple in _tbox():
        copy.add(triple)
    return copy


def load_shapes() -> Graph:
    """The SHACL shapes graph."""
    return _parse(SHAPES_FILE)


def load_scopes() -> Graph:
    """The SKOS scheme of cooperation scopes alone."""
    return _parse("scopes.ttl")
