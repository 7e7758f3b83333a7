"""Each closed vocabulary is declared once, in the ontology, and every other place that spells it agrees.

The places: the records' ``Literal`` types (the facts format), the graph
builder's maps, the shapes' ``sh:in`` lists, the named queries' ``VALUES``
tables, the network page's node styles and the scope scheme's keys.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest
from rdflib import URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH

from lankg import records
from lankg.graph import build
from lankg.ontology import load_shapes, vocabulary
from lankg.ontology.namespaces import LANKG, SCOPE
from lankg.ontology.scopes import scope_concepts
from lankg.viz.html import KIND_STYLE

ROOT = Path(__file__).resolve().parents[2]
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq")) + sorted((ROOT / "tests" / "store" / "queries").glob("*.rq"))
_VALUES = re.compile(r"\bVALUES\b[^{]*\{(?P<body>[^}]*)\}", re.IGNORECASE)
_TERM = re.compile(r"\blankg:([A-Za-z]+)")
_PAIR = re.compile(r"\(\s*lankg:([A-Za-z]+)\s+\"([^\"]*)\"\s*\)")


def _local(iri: URIRef) -> str:
    return str(iri)[len(str(LANKG._NS)):]


@pytest.mark.parametrize(
    ("literal", "vocab"),
    [
        (records.InstitutionKind, vocabulary.institution_kinds),
        (records.AgreementType, vocabulary.agreement_types),
        (records.Mode, vocabulary.modes),
        (records.Role, vocabulary.roles),
    ],
)
def test_the_records_codes_are_the_ontologys_notations(literal: object, vocab: object) -> None:
    assert set(get_args(literal)) == set(vocab().codes)  # type: ignore[operator]


def test_every_vocabulary_is_non_empty_and_the_builder_uses_the_ontologys_maps() -> None:
    for v in vocabulary.all_vocabularies():
        assert v.terms, v.name
    assert build.KIND_CLASS == vocabulary.institution_kinds().terms
    assert build.AGREEMENT_CLASS == vocabulary.agreement_types().terms
    assert build.MODE_INDIVIDUAL == vocabulary.modes().terms
    assert build.ROLE_INDIVIDUAL == vocabulary.roles().terms
    assert vocabulary.roles().code(LANKG.Signatory) == "signatory"


def test_scope_notations_are_the_concepts_keys() -> None:
    scopes = vocabulary.scopes().terms
    assert {code: str(iri) for code, iri in scopes.items()} == {code: str(SCOPE) + code for code in scopes}
    assert {c.key for c in scope_concepts()} == set(scopes)


def test_every_sh_in_list_of_the_shapes_is_one_whole_vocabulary() -> None:
    shapes = load_shapes()
    vocabularies = {frozenset(v.terms.values()): v.name for v in vocabulary.all_vocabularies()}
    lists = [frozenset(Collection(shapes, head)) for head in shapes.objects(None, SH["in"])]
    assert lists
    for members in lists:
        assert members in vocabularies, f"sh:in ( {' '.join(sorted(map(str, members)))} ) is no vocabulary of the ontology"


@pytest.mark.parametrize("path", QUERY_FILES, ids=lambda p: p.name)
def test_values_tables_of_the_queries_list_a_whole_vocabulary_with_its_codes(path: Path) -> None:
    vocabularies = {frozenset(_local(t) for t in v.terms.values()): v for v in vocabulary.all_vocabularies()}
    for match in _VALUES.finditer(path.read_text(encoding="utf-8")):
        terms = frozenset(_TERM.findall(match.group("body")))
        if not terms:
            continue
        assert terms in vocabularies, f"{path.name}: VALUES {{ {' '.join(sorted(terms))} }} is no whole vocabulary of the ontology"
        vocab = vocabularies[terms]
        for local, code in _PAIR.findall(match.group("body")):
            assert vocab.code(LANKG[local]) == code, f"{path.name}: lankg:{local} is {vocab.code(LANKG[local])!r} in the ontology, not {code!r}"


def test_the_network_page_styles_every_institution_kind_and_nothing_else_but_its_own_kinds() -> None:
    kinds = {_local(c) for c in vocabulary.institution_kinds().terms.values()}
    assert set(KIND_STYLE) - kinds == {"Official", "Scope"}
    assert kinds <= set(KIND_STYLE)


def test_the_gazetteers_kinds_are_institution_kinds() -> None:
    from lankg.ontology.regions import all_regions

    assert {r.kind for r in all_regions()} == {"province", "regency", "city"} <= set(vocabulary.institution_kinds().codes)
