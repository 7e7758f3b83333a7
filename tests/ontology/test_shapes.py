"""Each SHACL shape has a conforming and a violating case in tests/ontology/shapes/.

A ``<Shape>-bad.ttl`` file violates that shape at the node ``ex:bad`` and
nowhere else; a ``<Shape>-ok.ttl`` file conforms to every shape.
"""

from __future__ import annotations

from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from lankg.ontology import load_shapes, load_tbox
from lankg.ontology.namespaces import LANKG_SHAPES

CASES = Path(__file__).parent / "shapes"
SHAPES = load_shapes()
NODE_SHAPES = sorted(str(s)[len(str(LANKG_SHAPES)):] for s in SHAPES.subjects(RDF.type, SH.NodeShape))
BAD = URIRef("https://example.org/bad")


def _validate(path: Path) -> tuple[bool, Graph]:
    data = Graph().parse(path)
    conforms, report, _ = pyshacl.validate(data, shacl_graph=SHAPES, ont_graph=load_tbox(), inference="none")
    return bool(conforms), report


def test_every_shape_has_both_cases() -> None:
    assert len(NODE_SHAPES) >= 9
    for name in NODE_SHAPES:
        assert (CASES / f"{name}-ok.ttl").exists(), name
        assert (CASES / f"{name}-bad.ttl").exists(), name


@pytest.mark.parametrize("name", NODE_SHAPES)
def test_conforming_case_conforms(name: str) -> None:
    conforms, report = _validate(CASES / f"{name}-ok.ttl")
    assert conforms, report.serialize(format="turtle")


@pytest.mark.parametrize("name", NODE_SHAPES)
def test_violating_case_violates_that_shape_at_ex_bad(name: str) -> None:
    conforms, report = _validate(CASES / f"{name}-bad.ttl")
    assert not conforms
    shape = LANKG_SHAPES[name]
    own = {shape, *SHAPES.objects(shape, SH.property)}
    results = list(report.subjects(RDF.type, SH.ValidationResult))
    assert {report.value(r, SH.focusNode) for r in results} == {BAD}
    assert any(report.value(r, SH.sourceShape) in own for r in results)
