"""Every named query gives the same answer in Apache Jena ARQ as in lankg's pyoxigraph store.

ARQ runs on the exported files (graph.trig for the named graphs, graph.ttl as the
union default graph). Parameters are bound by a VALUES clause in a copy of the
query, the way a researcher would run a named query in another SPARQL engine.
"""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from lankg.queries import QUERIES
from lankg.queries.library import NamedQuery
from lankg.queries.run import run_query
from lankg.store.embedded import GraphStore
from tests.conftest import require_program  # registered under this name by pytest's importlib mode

JAVA_LIB = Path("/usr/share/java")
#: Jena 4 and only the libraries it needs: one slf4j binding (nop), so no double-binding warning.
JENA_LIBS = (
    "slf4j-api", "slf4j-nop", "commons-lang3", "commons-io", "commons-codec", "commons-compress", "commons-csv",
    "commons-cli", "dexx.collection", "gson", "guava", "jackson-core", "jackson-databind", "jackson-annotations",
    "jsonld-java", "titanium-json-ld", "jakarta.json-api", "protobuf", "thrift",
)
#: Parameter values for queries whose parameters have no default.
REQUIRED_VALUES = {("fact_sources", "node"): "https://w3id.org/lankg/id/region/64.01"}

pytestmark = pytest.mark.external


def jena_classpath(resources: Path) -> str:
    jars = sorted(JAVA_LIB.glob("jena-*.jar"))
    jars = [j for j in jars if not re.search(r"-\d[\d.]*\.jar$", j.name)] or jars
    libs = [JAVA_LIB / f"{name}.jar" for name in JENA_LIBS]
    # Debian's jena-core moved the bundled Xerces classes to package `xerces` but left their
    # message bundles under org/apache/jena/ext/xerces; put copies where the classes look.
    with zipfile.ZipFile(JAVA_LIB / "jena-core.jar") as jar:
        for member in jar.namelist():
            if member.startswith("org/apache/jena/ext/xerces/") and member.endswith(".properties"):
                target = resources / member[len("org/apache/jena/ext/") :]
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(member))
    return ":".join(str(p) for p in [*jars, *libs, resources] if p == resources or p.exists())


def sparql_term(ptype: str, value: str) -> str:
    if ptype == "iri":
        return URIRef(value).n3()
    if ptype == "integer":
        return Literal(int(value)).n3()
    if ptype == "date":
        return Literal(value, datatype=XSD.date).n3()
    return Literal(value).n3()


def with_values(query: NamedQuery) -> tuple[str, dict[str, str]]:
    """A copy of the query with each parameter bound by VALUES at the start of every WHERE block (subqueries too), and the values."""
    given = {p.name: p.default if p.default is not None else REQUIRED_VALUES[(query.name, p.name)] for p in query.params}
    clause = "".join(f" VALUES ?{p.name} {{ {sparql_term(p.type, given[p.name])} }}" for p in query.params)
    text, count = re.subn(r"\bWHERE\s*\{", lambda m: m.group(0) + clause, query.text)
    assert count >= 1 or not query.params
    return text, given


def concat_separators(text: str) -> dict[str, str]:
    """GROUP_CONCAT output columns and their separators: their order of parts is engine-defined."""
    found = re.findall(r'GROUP_CONCAT\(.*?SEPARATOR\s*=\s*"(.*?)"\s*\)\s*AS\s*\?(\w+)', text, flags=re.DOTALL)
    return {var: sep for sep, var in found}


def normalise(rows: list[dict[str, str | None]], seps: dict[str, str]) -> Counter:
    out: Counter = Counter()
    for row in rows:
        key = []
        for var in sorted(row):
            value = row[var]
            if value is not None and var in seps:
                value = seps[var].join(sorted(value.split(seps[var])))
            key.append((var, value))
        out[tuple(key)] += 1
    return out


def test_named_queries_agree_with_jena_arq(gold_store: GraphStore, gold_files: dict[str, Path], tmp_path: Path) -> None:
    require_program("java")
    require_program(str(JAVA_LIB / "jena-arq.jar"))
    queries = {name: q for name, q in QUERIES.items()}
    folder = tmp_path / "queries"
    folder.mkdir()
    out = tmp_path / "answers"
    out.mkdir()
    given_by_name = {}
    for name, query in queries.items():
        text, given = with_values(query)
        (folder / f"{name}.rq").write_text(text, encoding="utf-8")
        given_by_name[name] = given
    classpath = jena_classpath(tmp_path / "xerces-resources")
    command = ["java", "-cp", classpath, str(Path(__file__).with_name("ArqBatch.java")),
               str(gold_files["trig"]), str(gold_files["ttl"]), str(out), *sorted(str(p) for p in folder.glob("*.rq"))]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "SLF4J" not in done.stderr
    for name, query in queries.items():
        arq = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        arq_rows = [{v: b[v]["value"] if v in b else None for v in arq["head"]["vars"]} for b in arq["results"]["bindings"]]
        answer = run_query(gold_store, query, given_by_name[name])
        ox_rows = [dict(zip(answer.columns, row, strict=True)) for row in answer.values()]
        assert arq["head"]["vars"] == list(answer.columns), name
        seps = concat_separators(query.text)
        assert normalise(arq_rows, seps) == normalise(ox_rows, seps), name
        assert arq_rows, f"{name}: no rows, so the cross-check proves nothing"

