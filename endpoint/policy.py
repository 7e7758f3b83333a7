"""What the endpoint agrees to run, decided on the query's parsed form (rdflib's SPARQL parser), never on its text.

A check over the text with a tokeniser of our own can disagree with the
engine about where a comment or a name ends (``#c\\rSERVICE``, ``ex:a\\#``),
and whatever the check misses the engine runs. So the query is parsed by a
real SPARQL parser and refused on what the parse tree holds: an update, a
SERVICE pattern, a FROM / FROM NAMED clause naming anything but a graph the
store holds, or a ``file:`` IRI anywhere (BASE and PREFIX included). Two parsers can still differ on a text, so the
text both see is made the same first: ``\\uXXXX`` escapes are expanded
(rdflib expands them, oxigraph does not), line ends are ``\\n`` only, an
escape that spells another escape is refused, and that normalised text is
what runs. A query the parser cannot read is refused
(fail closed). The project's prefixes (``PREDECLARED``: lankg:, schema:,
org:, prov:, skos:, rdfs:, xsd:, ... and id: for the instances) need no
PREFIX line: the declarations a query uses but lacks are put in front of it,
on its first line, after the check. They are fixed http(s) namespaces, so
they add no IRI the check would have refused; an undeclared prefix outside
them is refused in one line that names it. The query workers cannot open network connections at all
(``lankg.endpoint.sandbox``), should anything get past this.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef

from lankg.errors import QueryError
from lankg.ontology.namespaces import QUERY_PREFIXES

#: Prefixes every query may use without declaring them: the project's vocabularies, and id: for the instances under the default base.
PREDECLARED: dict[str, str] = QUERY_PREFIXES

#: A codepoint escape left after expansion was escaped twice (``\\u005Cu0053``): rdflib would expand it again, oxigraph not.
_ESCAPE = re.compile(r"\\[uU][0-9A-Fa-f]{4}")


class Refused(QueryError):
    """The endpoint will not run this query; ``status`` is the HTTP status that says why."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        super().__init__(message)


def normalised(text: str) -> str:
    """``text`` as both parsers read it alike: codepoint escapes expanded, then line ends as ``\\n`` (an escaped ``\\r`` too)."""
    return expandUnicodeEscapes(text).replace("\r\n", "\n").replace("\r", "\n")


def _nodes(tree: object) -> Iterator[object]:
    """Every node of an rdflib parse tree, depth first (without recursion, so deep nesting cannot exhaust the stack)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, CompValue):
            stack.extend(node.values())
        elif isinstance(node, (ParseResults, list, tuple)):
            stack.extend(node)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except (ParseBaseException, RecursionError, ValueError, TypeError):
        return False
    return True


@lru_cache(maxsize=128)
def vetted(text: str, graphs: frozenset[str] = frozenset()) -> str:
    """The text to run for the query ``text``; raise Refused if this endpoint will not run it.

    FROM and FROM NAMED may name only ``graphs``, the named graphs the store
    holds (by full IRI, or a prefixed name, without BASE): the engine reads
    them from the store and never fetches anything, and any other IRI is
    refused rather than answered from an empty graph. Parsing costs 10-60 ms,
    so the answers are cached: a worker sees the same named queries and
    client queries again and again.
    """
    try:
        text = normalised(text)
        text.encode("utf-8")
    except (ValueError, UnicodeError) as exc:
        raise Refused(400, f"not valid SPARQL: {exc}") from None
    if _ESCAPE.search(text):
        raise Refused(400, "not valid SPARQL: a codepoint escape (\\u...) spells another escape")
    try:
        tree = parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise Refused(403, "this endpoint is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) is refused") from None
        raise Refused(400, f"not valid SPARQL: error at {exc.lineno}:{exc.col}: {exc.msg}") from None
    except RecursionError:
        raise Refused(400, "not valid SPARQL: the query is nested too deeply to be checked") from None
    except (ValueError, TypeError) as exc:
        raise Refused(400, f"not valid SPARQL: {exc}") from None
    froms: list[object] = []
    has_base = False
    declared: dict[str, str] = {}
    used: set[str] = set()
    for node in _nodes(tree):
        if isinstance(node, CompValue):
            if node.name == "PrefixDecl":
                declared[str(node["prefix"]) if "prefix" in node else ""] = str(node["iri"])
            elif node.name in ("Base", "BaseDecl"):
                has_base = True
            elif node.name == "pname":
                used.add(str(node["prefix"]) if "prefix" in node else "")
            if node.name == "ServiceGraphPattern":
                raise Refused(403, "SERVICE (federated query to another endpoint) is refused: this endpoint only queries its own graph")
            if node.name == "DatasetClause":
                froms.extend(node[key] for key in ("default", "named") if key in node)
        elif isinstance(node, URIRef) and node.lower().startswith("file:"):
            raise Refused(403, "file: IRIs are refused: this endpoint never reads files named in a query")
    for named in froms:
        iri = None if has_base else _iri(named, declared)
        if iri is None or iri not in graphs:
            shown = f"<{iri}>" if iri is not None else "with BASE or an unreadable name"
            raise Refused(400, f"FROM {shown} names no graph of this dataset: FROM and FROM NAMED take only its own graphs, "
                               "listed by GET /sparql (the service description); without FROM the default graph is the union of all")
    return _with_prefixes(text, used - declared.keys())


def _iri(name: object, declared: dict[str, str]) -> str | None:
    """The IRI a FROM clause names: its IRI, or its prefixed name expanded by the query's or the predeclared prefixes; None otherwise."""
    if isinstance(name, URIRef):
        return str(name)
    if isinstance(name, CompValue) and name.name == "pname":
        prefix = str(name["prefix"]) if "prefix" in name else ""
        namespace = declared.get(prefix, PREDECLARED.get(prefix))
        return None if namespace is None else namespace + (str(name["localname"]) if "localname" in name else "")
    return None


def _with_prefixes(text: str, missing: set[str]) -> str:
    """``text`` with the PREDECLARED prefixes in ``missing`` declared on its first line (line numbers stay); any other raises Refused."""
    unknown = sorted(missing - PREDECLARED.keys())
    if unknown:
        known = ", ".join(f"{p}:" for p in PREDECLARED)
        name = f"the prefix {unknown[0]}:" if unknown[0] else "the empty prefix :"
        raise Refused(400, f"not valid SPARQL: {name} is not declared; add PREFIX {unknown[0]}: <...> (these need no declaration: {known})")
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{PREDECLARED[p]}> " for p in sorted(missing)) + text


__all__ = ["PREDECLARED", "Refused", "normalised", "vetted"]
