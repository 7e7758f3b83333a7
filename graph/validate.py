"""Validate the graph against ontology/shapes.ttl with pyshacl and turn the report into typed records.

The TBox is given to pyshacl as the ontology graph, so ``sh:class
lankg:Institution`` accepts a ``lankg:Regency`` through rdfs:subClassOf. The
gazetteer's regions are validated too: they are facts of the dataset.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal
from rdflib.namespace import RDF, SH

from lankg.ontology import load_shapes, load_tbox


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL result: which node, along which path, broke which shape, and why."""

    focus: str
    path: str | None
    message: str
    shape: str
    severity: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """Whether the graph conforms, and every result pyshacl found, in a stable order."""

    conforms: bool
    violations: tuple[Violation, ...]


def _text(term: object) -> str | None:
    return None if term is None else str(term)


def validate_graph(data: Graph) -> ValidationReport:
    """SHACL-validate ``data`` (one graph, e.g. the union of the dataset's named graphs)."""
    shapes = load_shapes()
    conforms, results, _ = shacl_validate(
        data, shacl_graph=shapes, ont_graph=load_tbox(), inference="none", allow_warnings=True
    )
    assert isinstance(results, Graph)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal))
        english = [str(m) for m in results.objects(result, SH.resultMessage) if isinstance(m, Literal) and m.language in (None, "en")]
        shape = results.value(result, SH.sourceShape)
        parent = next(iter(shapes.subjects(SH.property, shape)), None) if shape is not None else None
        violations.append(Violation(
            focus=str(results.value(result, SH.focusNode)),
            path=_text(results.value(result, SH.resultPath)),
            message=(english or messages or ["(no message)"])[0],
            shape=str(parent if parent is not None else shape),
            severity=str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1],
            value=_text(results.value(result, SH.value)),
        ))
    violations.sort(key=lambda v: (v.shape, v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), tuple(violations))
