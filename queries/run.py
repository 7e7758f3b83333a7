"""Run a named query with its parameters bound as RDF terms, and render the answer as a table, CSV or JSON.

Parameter values never enter the query text: each becomes a pyoxigraph term
(an IRI, a typed literal) passed as a ``substitution`` for its variable, so a
value such as ``"} ; DROP ALL #`` is only ever a string literal.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import cast

import pyoxigraph as ox

from lankg.errors import QueryError
from lankg.ontology.namespaces import PREFIXES, QUERY_PREFIXES
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
    boolean: bool | None = None
    """The answer of an ASK query (then also its one ``result`` row); None for any other query."""

    def values(self) -> list[tuple[str | None, ...]]:
        """The rows as plain strings (an IRI's text, a literal's lexical form)."""
        return [tuple(None if t is None else t.value for t in row) for row in self.rows]

    def display_values(self) -> list[tuple[str | None, ...]]:
        """The rows for reading on a screen: IRIs shortened to ``prefix:name`` where a lankg prefix fits."""
        return [tuple(None if t is None else _compact(t) for t in row) for row in self.rows]


_DISPLAY_PREFIXES = sorted(QUERY_PREFIXES.items(), key=lambda kv: -len(kv[1]))


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


def _names_something(store: Store, term: ox.NamedNode | ox.Literal) -> bool:
    """Whether ``term`` is the subject or object of some triple in ``store``."""
    found = store.query("ASK { { ?term ?p ?o } UNION { ?s ?p ?term } }", {"term": term})
    return bool(found) if isinstance(found, ox.QueryBoolean) else True  # a server that answers ASK oddly is not second-guessed


def run_query(store: Store, query: NamedQuery, given: Mapping[str, str] | None = None) -> QueryAnswer:
    """Run a SELECT or ASK named query on ``store`` with its parameters bound."""
    substitutions = bind_params(query, given or {})
    for param in query.params:
        term = substitutions[param.name]
        if param.type == "iri" and param.name in (given or {}) and not _names_something(store, term):
            raise QueryError(f"parameter {param.name!r}: <{term.value}> names nothing in the graph (no triple has it as subject or object)")
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
        return QueryAnswer(("result",), ((ox.Literal(str(bool(result)).lower(), datatype=ox.NamedNode(_XSD + "boolean")),),), bool(result))
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
    """The answer in the W3C SPARQL 1.1 Query Results JSON format, byte for byte as the endpoint serves it (oxigraph's writer)."""
    if answer.boolean is not None:
        return json.dumps({"head": {}, "boolean": answer.boolean}, separators=(",", ":"))
    lines = ["\t".join(f"?{c}" for c in answer.columns)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in answer.rows]
    tsv = ("\n".join(lines) + "\n").encode("utf-8")
    written = ox.parse_query_results(tsv, format=ox.QueryResultsFormat.TSV).serialize(format=ox.QueryResultsFormat.JSON)
    assert written is not None  # without an output, serialize returns the bytes
    return written.decode("utf-8")


#: Literal datatypes written as JSON numbers and booleans in JSON Lines.
_NUMBERS = {_XSD + "integer": int, _XSD + "decimal": float, _XSD + "double": float, _XSD + "float": float}


def _plain(term: Term) -> str | int | float | bool:
    if isinstance(term, ox.Literal):
        kind = term.datatype.value
        if kind == _XSD + "boolean" and term.value in ("true", "false", "1", "0"):
            return term.value in ("true", "1")
        with contextlib.suppress(ValueError):
            if kind in _NUMBERS and math.isfinite(number := _NUMBERS[kind](term.value)):
                return number
    return term.value


def to_jsonl(answer: QueryAnswer) -> str:
    """The answer as JSON Lines for scripts: one object per row, keyed by column, numbers and booleans as JSON ones, unbound left out."""
    return "".join(
        json.dumps({c: _plain(t) for c, t in zip(answer.columns, row, strict=True) if t is not None}, ensure_ascii=False) + "\n"
        for row in answer.rows
    )
