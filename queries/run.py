"""Run a named query with its parameters bound as RDF terms, and render the answer as a table, CSV or JSON.

Parameter values never enter the query text: each becomes a pyoxigraph term
(an IRI, a typed literal) passed as a ``substitution`` for its variable, so a
value such as ``"} ; DROP ALL #`` is only ever a string literal.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from lankg.errors import QueryError
from lankg.ontology.namespaces import DEFAULT_BASE, PREFIXES
from lankg.queries.library import NamedQuery
from lankg.store import Store
from lankg.values import printable

_XSD = PREFIXES["xsd"]


#: An RDF term in an answer.
Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True, slots=True)
class QueryAnswer:
    """The answer to a SELECT or ASK query: column names and rows of RDF terms (None where unbound)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def values(self) -> list[tuple[str | None, ...]]:
        """The rows as plain strings (an IRI's text, a literal's lexical form)."""
        return [tuple(None if t is None else t.value for t in row) for row in self.rows]

    def display_values(self) -> list[tuple[str | None, ...]]:
        """The rows for reading on a screen: IRIs shortened to ``prefix:name`` where a lankg prefix fits."""
        return [tuple(None if t is None else _compact(t) for t in row) for row in self.rows]


_DISPLAY_PREFIXES = sorted({**PREFIXES, "id": DEFAULT_BASE}.items(), key=lambda kv: -len(kv[1]))


def _compact(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    if isinstance(term, ox.NamedNode):
        for prefix, ns in _DISPLAY_PREFIXES:
            if term.value.startswith(ns) and len(term.value) > len(ns):
                return f"{prefix}:{term.value[len(ns):]}"
    return term.value


def bind_params(query: NamedQuery, given: Mapping[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The substitutions for ``query``: given values, else defaults; a missing required one raises QueryError."""
    for name in given:
        query.param(name)
    bound: dict[str, ox.NamedNode | ox.Literal] = {}
    for param in query.params:
        raw = given.get(param.name, param.default)
        if raw is None:
            raise QueryError(f"query {query.name!r} needs --param {param.name}=<{param.type}> ({param.description})")
        bound[param.name] = param.term(raw)
    return bound


def run_query(store: Store, query: NamedQuery, given: Mapping[str, str] | None = None) -> QueryAnswer:
    """Run a SELECT or ASK named query on ``store`` with its parameters bound."""
    substitutions = bind_params(query, given or {})
    try:
        result = store.query(query.text, substitutions)
    except SyntaxError as exc:
        raise QueryError(f"{query.path}: not valid SPARQL: {exc.msg}") from None
    except OSError as exc:
        raise QueryError(f"{query.path}: the query failed: {exc}") from None
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows = tuple(tuple(solution[c] for c in columns) for solution in result)
        return QueryAnswer(columns, rows)
    if isinstance(result, ox.QueryBoolean):
        return QueryAnswer(("result",), ((ox.Literal(str(bool(result)).lower(), datatype=ox.NamedNode(_XSD + "boolean")),),))
    triples = tuple((t.subject, t.predicate, t.object) for t in result)
    return QueryAnswer(("subject", "predicate", "object"), cast(tuple[tuple[Term | None, ...], ...], triples))  # no RDF-star here


def to_csv(answer: QueryAnswer) -> str:
    """The answer as CSV with a header row (values as plain text, unbound as empty, control characters as ``\\xNN``)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(answer.columns)
    for row in answer.values():
        writer.writerow(["" if v is None else printable(v) for v in row])
    return buf.getvalue()


def to_json(answer: QueryAnswer) -> str:
    """The answer as a JSON list of objects, one per row, keyed by column (unbound columns left out)."""
    records = [{c: v for c, v in zip(answer.columns, row, strict=True) if v is not None} for row in answer.values()]
    return json.dumps(records, ensure_ascii=False, indent=2)
