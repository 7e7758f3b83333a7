"""The #+ header of a named query is parsed strictly: bad YAML or a parameter the query does not use names file and line."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest

from lankg.errors import QueryError
from lankg.ontology.namespaces import PREFIXES
from lankg.queries import QUERIES, query_text
from lankg.queries.library import load_query_file, parse_named_query

BODY = "PREFIX lankg: <https://w3id.org/lankg/ontology#>\nSELECT ?x ?name WHERE { ?x lankg:name ?name }\n"


def test_library_has_the_named_queries_with_summaries() -> None:
    assert len(QUERIES) >= 12
    for name, query in QUERIES.items():
        assert query.name == name and query.summary, name
        assert query_text(name) == query.text


def test_queries_declare_only_the_project_prefixes() -> None:
    for name, query in QUERIES.items():
        for prefix, iri in re.findall(r"^PREFIX\s+(\w*):\s*<([^>]*)>", query.text, flags=re.MULTILINE):
            assert PREFIXES.get(prefix) == iri, f"{name}: PREFIX {prefix}: <{iri}> is not the project's"


def test_network_edges_keeps_the_columns_viz_reads() -> None:
    answer = pyoxigraph.Store().query(query_text("network_edges"))
    assert [v.value for v in answer.variables] == ["source", "sourceName", "target", "targetName", "weight"]  # type: ignore[union-attr]


def test_header_parameters_are_typed_records() -> None:
    param = QUERIES["repeat_partners"].param("minimum")
    assert (param.type, param.default, param.required) == ("integer", "2", False)
    assert QUERIES["fact_sources"].param("node").required


def test_unknown_query_name() -> None:
    with pytest.raises(QueryError, match="^no query named 'nope'"):
        QUERIES["nope"]
    assert QUERIES.get("nope") is None and "nope" not in QUERIES


def test_invalid_yaml_names_file_and_line() -> None:
    text = "#+ summary: fine\n#+ params: {a: {type: iri\n#+ tags: [x]\n" + BODY
    with pytest.raises(QueryError, match=r"^bad\.rq:3: the '#\+' header is not valid YAML"):
        parse_named_query("bad", "bad.rq", text)


def test_colon_in_unquoted_summary_is_invalid_yaml() -> None:
    with pytest.raises(QueryError, match=r"^bad\.rq:1: .*not valid YAML"):
        parse_named_query("bad", "bad.rq", "#+ summary: edges: weighted\n" + BODY)


def test_declared_parameter_not_in_query() -> None:
    text = "#+ summary: s\n#+ params:\n#+   year: {type: integer, default: 2021}\n" + BODY
    with pytest.raises(QueryError, match=r"^bad\.rq:3: parameter 'year' is declared but \?year does not occur"):
        parse_named_query("bad", "bad.rq", text)


def test_parameter_only_in_a_comment_does_not_count() -> None:
    text = "#+ summary: s\n#+ params: {year: {type: integer}}\n" + BODY + "# ?year\n"
    with pytest.raises(QueryError, match="'year' is declared but"):
        parse_named_query("bad", "bad.rq", text)


def test_parameter_must_be_projected() -> None:
    text = "#+ summary: s\n#+ params: {name: {type: string}}\nSELECT ?x WHERE { ?x ?p ?name }\n"
    with pytest.raises(QueryError, match=r"bad\.rq:2: parameter 'name' must be projected"):
        parse_named_query("bad", "bad.rq", text)


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("#+ summary: s\n#+ params: {name: {type: uri}}\n", "has type 'uri'"),
        ("#+ summary: s\n#+ params: {name: {type: string, colour: red}}\n", "must be a mapping with keys"),
        ("#+ summary: s\n#+ author: me\n", "unknown header key 'author'"),
        ("#+ params: {}\n", "needs a non-empty 'summary'"),
        ("#+ summary: s\n#+ tags: x\n", "'tags' must be a list"),
        ("#+ - a\n#+ - b\n", "must be a YAML mapping"),
    ],
)
def test_header_errors(header: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_named_query("bad", "bad.rq", header + BODY)


def test_named_query_without_header_is_refused() -> None:
    with pytest.raises(QueryError, match=r"bad\.rq:1: no '#\+ summary"):
        parse_named_query("bad", "bad.rq", BODY)


def test_users_file_may_omit_the_header(tmp_path: Path) -> None:
    path = tmp_path / "mine.rq"
    path.write_text(BODY, encoding="utf-8")
    query = load_query_file(path)
    assert (query.name, query.params, query.text) == ("mine", (), BODY)


def test_default_of_the_wrong_type_is_refused() -> None:
    text = "#+ summary: s\n#+ params:\n#+   year: {type: integer, default: soon}\nSELECT ?year WHERE { ?s ?p ?year }\n"
    with pytest.raises(QueryError, match=r"^bad\.rq:3: default: parameter 'year' expects integer"):
        parse_named_query("bad", "bad.rq", text)
