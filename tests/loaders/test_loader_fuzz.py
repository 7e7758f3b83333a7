"""Property-based tests of the YAML loaders (judgements, lexicons, query headers) and the --param parser.

Whatever they are given, each returns its records or raises the project's
error naming the file (and line, where YAML has one); YAML bombs and deep
nesting are refused before anything is built. Bombs run in a child process
with a generous bound, so a regression fails the test instead of hanging it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lankg.cli.query import _parse_params
from lankg.errors import InputError, QueryError
from lankg.graph.resolve import read_judgements
from lankg.loaders.extract import lexicon
from lankg.queries import QUERIES
from lankg.queries.library import load_query_file, parse_named_query
from lankg.queries.run import bind_params

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

LOADERS: dict[str, Callable[[Path], object]] = {
    "judgements": read_judgements,
    "agencies": lexicon.load_agencies,
    "generic": lexicon.load_generic_rules,
    "posts": lexicon.load_posts,
    "degrees": lexicon.load_degrees,
    "tenures": lexicon.load_tenures,
}
KEYS = ["judgements", "left", "right", "verdict", "note", "name", "kind", "aliases", "acronyms", "head", "title", "rank",
        "variants", "implies", "area", "acts_for_head", "position", "institution", "start", "end", "prefix", "suffix",
        "summary", "params", "tags", "type", "default", "description"]
scalars = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.dates()
           | st.sampled_from(["same", "different", "ministry", "regency", "2020-13-01", "iri", "integer", "x"]) | st.text(max_size=15))
yaml_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), children, max_size=5),
    max_leaves=30,
)


def bomb(levels: int = 9) -> str:
    """A "billion laughs" flow sequence: 9 strings, each level nine aliases of the one below (9**levels strings)."""
    text = "&l0 [" + ", ".join(['"lol"'] * 9) + "]"
    for k in range(1, levels + 1):
        text = f"&l{k} [{text}, " + ", ".join([f"*l{k - 1}"] * 8) + "]"
    return text


def load_or_error(name: str, path: Path) -> None:
    """Run loader ``name``: records, or an InputError that names ``path``; anything else fails the test."""
    try:
        LOADERS[name](path)
    except InputError as exc:
        assert exc.path == path
        assert str(exc).startswith(f"{path}")


@FUZZ
@given(name=st.sampled_from(sorted(LOADERS)), text=st.text(max_size=400))
def test_random_text(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    load_or_error(name, path)


@FUZZ
@given(name=st.sampled_from(sorted(LOADERS)), data=yaml_values, wrap=st.booleans())
def test_yaml_shaped_like_the_schema(tmp_path: Path, name: str, data: object, wrap: bool) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump([data] if wrap else data, allow_unicode=True), encoding="utf-8")
    load_or_error(name, path)


@FUZZ
@given(name=st.sampled_from(sorted(LOADERS)), text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=200))
def test_truncated_utf8_names_file_and_line(tmp_path: Path, name: str, text: str) -> None:
    raw = ("- " + text + "é").encode("utf-8")[:-1]
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        LOADERS[name](path)
    assert caught.value.path == path and caught.value.reason.startswith("not valid UTF-8")
    assert caught.value.line == raw.count(b"\n") + 1


@FUZZ
@given(header=st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40), min_size=1, max_size=6),
       body=st.sampled_from(["SELECT ?x WHERE { ?x ?p ?o }", "SELECT * WHERE { }", "ASK { }", ""]))
@example(header=["?"], body="SELECT ?x WHERE { ?x ?p ?o }")  # a null key: once a TypeError, not a QueryError
@example(header=["1: x", "summary: s"], body="ASK { }")  # an integer key beside a string one
def test_query_header_random(header: list[str], body: str) -> None:
    text = "".join("#+ " + line.replace("\n", " ").replace("\r", " ") + "\n" for line in header) + body
    try:
        parse_named_query("fuzz", "fuzz.rq", text)
    except QueryError as exc:
        assert str(exc).startswith("fuzz.rq:")


@FUZZ
@given(meta=yaml_values)
def test_query_header_yaml_shaped(meta: object) -> None:
    header = yaml.safe_dump({"summary": "s", "params": meta} if isinstance(meta, dict) else meta, allow_unicode=True, width=10_000)
    text = "".join(f"#+ {line}\n" for line in header.splitlines()) + "SELECT ?x ?type WHERE { ?x a ?type }"
    try:
        parse_named_query("fuzz", "fuzz.rq", text)
    except QueryError as exc:
        assert str(exc).startswith("fuzz.rq:")


@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1, max_size=80))
def test_query_file_truncated_utf8(tmp_path: Path, text: str) -> None:
    raw = ("#+ summary: " + text + "é").encode("utf-8")[:-1]
    path = tmp_path / "mine.rq"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        load_query_file(path)
    assert caught.value.path == path and caught.value.line == raw.count(b"\n") + 1


@FUZZ
@given(pairs=st.lists(st.text(max_size=30), max_size=5))
def test_param_pairs(pairs: list[str]) -> None:
    try:
        parsed = _parse_params(pairs)
    except QueryError as exc:
        assert "--param expects NAME=VALUE" in str(exc)
    else:
        assert all(name and name == name.strip() for name in parsed)


@FUZZ
@given(query=st.sampled_from(sorted(n for n, q in QUERIES.items() if q.params)), value=st.text(max_size=60) | st.from_regex(r"-?\d{1,5000}", fullmatch=True))
def test_param_values_become_terms_or_a_query_error(query: str, value: str) -> None:
    named = QUERIES[query]
    for param in named.params:
        try:
            term = bind_params(named, {param.name: value})[param.name]
        except QueryError as exc:
            assert repr(param.name) in str(exc)
        else:
            assert term is not None


HOSTILE_YAML = {
    "bomb": f"- name: {bomb()}\n  kind: ministry\n",
    "bomb in a mapping": f"judgements:\n  - left: a\n    right: b\n    verdict: same\n    note: {bomb()}\n",
    "self-referring alias": "&a [*a]\n",
    "deep sequences": "[" * 20_000 + "]" * 20_000,
    "deep mappings": "a: " + "{b: " * 5_000 + "1" + "}" * 5_000,
    "unhashable key": "? [a, b]\n: c\n",
    "bad date": "- name: x\n  position: y\n  institution: z\n  start: 2020-13-01\n  end: null\n",
    "tabs": "- name:\t[\n",
}
#: The check runs in a child: a loader that expanded a bomb or recursed would be killed here, not hang the suite.
CHILD = r"""
import json, sys, time
from pathlib import Path
from lankg.errors import InputError, QueryError
from lankg.graph.resolve import read_judgements
from lankg.loaders.extract import lexicon
from lankg.queries.library import parse_named_query
loaders = {"judgements": read_judgements, "agencies": lexicon.load_agencies, "posts": lexicon.load_posts,
           "degrees": lexicon.load_degrees, "tenures": lexicon.load_tenures}
results = []
for path in map(Path, sys.argv[1:]):
    text = path.read_text(encoding="utf-8")
    for name, load in loaders.items():
        start = time.perf_counter()
        try:
            load(path)
            outcome = "loaded"
        except InputError as exc:
            outcome = str(exc)
        results.append([path.name, name, outcome, time.perf_counter() - start])
    start = time.perf_counter()
    try:
        parse_named_query("h", str(path), "".join("#+ " + l + "\n" for l in text.splitlines()) + "SELECT * { }")
        outcome = "loaded"
    except QueryError as exc:
        outcome = str(exc)
    results.append([path.name, "query header", outcome, time.perf_counter() - start])
print(json.dumps(results))
"""


def test_bombs_and_deep_nesting_are_refused_quickly(tmp_path: Path) -> None:
    paths = []
    for i, text in enumerate(HOSTILE_YAML.values()):
        path = tmp_path / f"hostile{i}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    child = subprocess.run([sys.executable, "-c", CHILD, *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr[-2000:]
    assert "Traceback" not in child.stderr
    results = json.loads(child.stdout)
    assert len(results) == len(paths) * 6
    for file, loader, outcome, _seconds in results:
        assert outcome != "loaded", (file, loader)
        assert str(tmp_path / file) in outcome, (file, loader, outcome)
    by_case = {f"hostile{i}.yaml": case for i, case in enumerate(HOSTILE_YAML)}
    reasons = {by_case[file]: outcome for file, loader, outcome, _ in results if loader == "agencies"}
    assert "aliases are expanded" in reasons["bomb"]
    assert "unfinished or unknown anchor" in reasons["self-referring alias"]
    # ours, or the one newer libyaml builds of PyYAML hit first while scanning "[[[[…" ahead
    for case in ("deep sequences", "deep mappings"):
        assert "nested more than" in reasons[case] or "exceeded maximum nesting depth" in reasons[case], reasons[case]
    assert f"{tmp_path / 'hostile0.yaml'}:1:" in reasons["bomb"]  # file and line
