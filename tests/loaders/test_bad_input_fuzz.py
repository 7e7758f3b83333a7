"""Property-based tests: whatever bytes or JSON a loader is given, it returns a record or raises InputError naming the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lankg.errors import InputError
from lankg.loaders.articles import read_article
from lankg.loaders.facts_json import facts_from_json, read_facts

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=25,
)

facts_like = st.fixed_dictionaries(
    {"doc": st.text(min_size=1, max_size=10)},
    optional={
        "events": st.lists(st.dictionaries(st.sampled_from(["id", "date", "mode", "host", "x"]), json_values, max_size=4), max_size=3),
        "institutions": st.lists(st.dictionaries(st.sampled_from(["name", "kind", "mentions", "spans"]), json_values, max_size=4), max_size=3),
        "agreements": st.lists(st.dictionaries(st.sampled_from(["parties", "scopes", "type", "event"]), json_values, max_size=4), max_size=3),
        "officials": st.lists(st.dictionaries(st.sampled_from(["name", "roles", "attendance", "mentions"]), json_values, max_size=4), max_size=3),
    },
)


@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_give_an_article_or_an_input_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(data)
    try:
        article = read_article(path)
    except InputError as exc:
        assert exc.path == path
        assert str(path) in str(exc)
    else:
        assert article.text.strip()


@FUZZ
@given(text=st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), min_size=1, max_size=300))
def test_truncated_utf8_names_the_file_and_line(tmp_path: Path, text: str) -> None:
    raw = (text + "é").encode("utf-8")[:-1]  # drop the last byte of a two-byte character
    path = tmp_path / "truncated.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        read_article(path)
    if text.strip():
        assert caught.value.reason.startswith("not valid UTF-8")
        assert caught.value.line == raw.count(b"\n") + 1
    assert str(path) in str(caught.value)


@FUZZ
@given(value=json_values)
def test_any_json_value_gives_a_bundle_or_an_input_error(tmp_path: Path, value: object) -> None:
    try:
        facts_from_json(tmp_path / "f.json", value)
    except InputError as exc:
        assert "f.json" in str(exc)


@FUZZ
@given(value=facts_like)
def test_facts_shaped_json_gives_a_bundle_or_an_input_error(tmp_path: Path, value: dict) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    try:
        bundle = read_facts(path)
    except InputError as exc:
        assert exc.path == path
    else:
        assert bundle.doc == value["doc"]


def test_deeply_nested_json_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    try:
        read_facts(path)
    except InputError as exc:
        assert exc.path == path
    else:  # pragma: no cover - the assertion is the point
        raise AssertionError("deeply nested JSON was accepted")


def test_malformed_json_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "doc": "a.txt",\n  "events": [,]\n}\n', encoding="utf-8")
    try:
        read_facts(path)
    except InputError as exc:
        assert (exc.path, exc.line, exc.column) == (path, 3, 14)
        assert str(exc).startswith(f"{path}:3:14: invalid JSON")
    else:  # pragma: no cover
        raise AssertionError("malformed JSON was accepted")


def test_a_50_mb_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    try:
        read_article(path)
    except InputError as exc:
        assert "over the" in exc.reason and "52,428,800 bytes" in exc.reason
    else:  # pragma: no cover
        raise AssertionError("a 50 MB file was accepted")


def test_unknown_key_in_a_facts_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "facts.json"
    path.write_text(json.dumps({"doc": "a.txt", "officials": [{"name": "X", "rank": 3}]}), encoding="utf-8")
    try:
        read_facts(path)
    except InputError as exc:
        assert str(exc) == f"{path}: $.officials[0]: unknown key(s) rank"
    else:  # pragma: no cover
        raise AssertionError("unknown key accepted")
