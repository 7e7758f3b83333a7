"""The named-query library: each ``.rq`` file in this folder, with its ``#+`` YAML header parsed strictly.

A header is a block of ``#+ key: value`` comment lines at the top of the file
(grlc style): ``summary`` (required), ``params`` (a mapping of name to
``{type, default, description}``) and ``tags``. A header that is not valid
YAML, or declares a parameter the query never uses, is refused with the file
and line, so a broken query is caught when it is loaded rather than when a
researcher runs it. pyoxigraph binds a parameter only when its variable is
in the SELECT projection, so a parameter must also be projected (the answer
then shows the value it was run with).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from lankg import values
from lankg.errors import InputError, QueryError
from lankg.fileio import read_text_checked
from lankg.ontology.namespaces import PREFIXES, expand
from lankg.store.lexer import sparql_code
from lankg.yamltext import load_yaml

_XSD = PREFIXES["xsd"]
PARAM_TYPES = ("iri", "literal", "date", "integer", "string")
_HEADER_KEYS = {"summary", "params", "tags"}
_PARAM_KEYS = {"type", "default", "description"}


@dataclass(frozen=True, slots=True)
class QueryParam:
    """One declared parameter: the query variable ``?name`` it binds, its RDF type and optional default."""

    name: str
    type: str
    default: str | None
    description: str

    @property
    def required(self) -> bool:
        return self.default is None

    def term(self, raw: str) -> ox.NamedNode | ox.Literal:
        """The RDF term for a value given as text; a value of the wrong shape raises QueryError."""
        try:
            if self.type == "iri":
                raw = expand(raw)
                if any(c in raw for c in ' <>"{}|^`\\') or ":" not in raw:
                    raise ValueError("not an absolute IRI")
                return ox.NamedNode(raw)
            if self.type == "date":
                values.iso_date(raw)
                return ox.Literal(raw, datatype=ox.NamedNode(_XSD + "date"))
            if self.type == "integer":
                return ox.Literal(str(int(raw)), datatype=ox.NamedNode(_XSD + "integer"))
            return ox.Literal(raw)
        except ValueError as exc:
            raise QueryError(f"parameter {self.name!r} expects {self.type}, got {raw!r}: {exc}") from None


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A named query: its stem, the file it came from, its summary, parameters, tags and SPARQL text."""

    name: str
    path: str
    summary: str
    params: tuple[QueryParam, ...]
    tags: tuple[str, ...]
    text: str

    def param(self, name: str) -> QueryParam:
        for p in self.params:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.params) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (its parameters: {known})")


def query_variables(text: str) -> set[str]:
    """The names of the variables (``?x`` or ``$x``) that occur in the query body."""
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", sparql_code(text)))


def projected_variables(text: str) -> set[str] | None:
    """The variables a SELECT query projects (None for ``SELECT *`` or a query form without projection)."""
    body = sparql_code(text)
    match = re.search(r"\bSELECT\b(.*?)(\bWHERE\b|\{)", body, flags=re.IGNORECASE | re.DOTALL)
    if match is None or match.group(1).strip().upper().lstrip("DISTINCT REDUCED").strip() == "*":
        return None
    return set(re.findall(r"[?$]([A-Za-z_][A-Za-z0-9_]*)", match.group(1)))


def _is_variable(name: str) -> bool:
    try:
        values.variable_name(name)
    except ValueError:
        return False
    return True


def _fail(path: str, line: int, reason: str) -> QueryError:
    return QueryError(f"{path}:{line}: {reason}")


def parse_named_query(name: str, path: str, text: str) -> NamedQuery:
    """The named query in ``text`` (read from ``path``); a bad header raises QueryError naming file and line."""
    lines = text.splitlines()
    header: list[str] = []
    for line in lines:
        if not line.startswith("#+"):
            break
        header.append(line[3:] if line.startswith("#+ ") else line[2:])
    if not header:
        raise _fail(path, 1, "no '#+ summary: ...' metadata header at the top of the query")
    try:
        meta = load_yaml("\n".join(header), path)
    except InputError as exc:
        raise _fail(path, exc.line or 1, f"the '#+' header is not valid YAML: {exc.reason.removeprefix('invalid YAML: ')}") from None
    if not isinstance(meta, dict):
        raise _fail(path, 1, "the '#+' header must be a YAML mapping of summary, params and tags")

    def line_of(key: str) -> int:
        for i, h in enumerate(header, start=1):
            if re.match(rf"\s*{re.escape(key)}\s*:", h) or re.search(rf"[{{,]\s*{re.escape(key)}\s*:", h):
                return i
        return 1

    unknown = [k for k in meta if k not in _HEADER_KEYS]
    if unknown:
        key = min(unknown, key=str)  # YAML keys need not be strings: "#+ ?" is a null key, "#+ 1: x" an integer one
        raise _fail(path, line_of(str(key)), f"unknown header key {key!r} (allowed: {', '.join(sorted(_HEADER_KEYS))})")
    summary = meta.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        raise _fail(path, line_of("summary"), "the header needs a non-empty 'summary'")
    tags = meta.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise _fail(path, line_of("tags"), "'tags' must be a list of strings")
    raw_params = meta.get("params") or {}
    if not isinstance(raw_params, dict):
        raise _fail(path, line_of("params"), "'params' must be a mapping of parameter name to {type, default, description}")
    body = "\n".join(lines[len(header) :])
    variables, projected = query_variables(body), projected_variables(body)
    params: list[QueryParam] = []
    for pname, spec in raw_params.items():
        where = line_of(str(pname))
        if not isinstance(pname, str) or not _is_variable(pname):
            raise _fail(path, where, f"parameter name {pname!r} is not a SPARQL variable name")
        if not isinstance(spec, dict) or set(spec) - _PARAM_KEYS:
            raise _fail(path, where, f"parameter {pname!r} must be a mapping with keys {', '.join(sorted(_PARAM_KEYS))}")
        ptype = spec.get("type")
        if ptype not in PARAM_TYPES:
            raise _fail(path, where, f"parameter {pname!r} has type {ptype!r}; use one of {', '.join(PARAM_TYPES)}")
        if pname not in variables:
            raise _fail(path, where, f"parameter {pname!r} is declared but ?{pname} does not occur in the query")
        if projected is not None and pname not in projected:
            raise _fail(path, where, f"parameter {pname!r} must be projected: add ?{pname} to the SELECT clause")
        default = spec.get("default")
        param = QueryParam(
            name=pname,
            type=ptype,
            default=None if default is None else str(default),
            description=str(spec.get("description") or ""),
        )
        if param.default is not None:
            try:
                param.term(param.default)
            except QueryError as exc:
                raise _fail(path, where, f"default: {exc}") from None
        params.append(param)
    return NamedQuery(name=name, path=path, summary=summary.strip(), params=tuple(params), tags=tuple(tags), text=text)


def load_query_file(path: Path) -> NamedQuery:
    """A user's own ``.rq`` file; the header is optional there, but if present it must be valid."""
    text = read_text_checked(path)
    if text.startswith("#+"):
        return parse_named_query(path.stem, str(path), text)
    return NamedQuery(name=path.stem, path=str(path), summary="", params=(), tags=(), text=text)
