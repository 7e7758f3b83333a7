"""Read and write the facts format (shared/gold/SCHEMA.md).

The extractor writes it, the gold files are in it, and a person can correct an
extracted file and load it back as curated facts. Reading is strict: every
object's keys are popped and whatever is left over or of the wrong type is an
``InputError`` naming the file and the JSON path (and line, for syntax errors).
Values are checked whole (``lankg.values``): dates are real ``YYYY-MM-DD``
dates, codes are Kemendagri codes, ``doc`` is a bare file name, and no
string holds a control character or a lone surrogate, so nothing read here
can make an output that lankg itself cannot read back.
The records (``lankg.records``) are the schema: each list of a facts file is a
tuple field of ``FactBundle``, and each record's keys, their types, defaults
and closed choices are read from its dataclass fields, so a new kind of fact
is a new record and a new field of ``FactBundle``, and nothing here changes.
Spans travel in optional keys beside the schema's own (``spans`` aligned with
``mentions``, ``scope_spans`` with ``scopes``, ``date_span``), so a file with
spans is still exactly the schema to anyone who ignores them.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import UnionType
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from lankg import values
from lankg.errors import InputError
from lankg.fileio import MAX_INPUT_BYTES, read_text_checked, write_text_atomic
from lankg.loaders.sources import http_address
from lankg.records import Agreement, ArticleRef, FactBundle, Mention, Span

_NOTE_KEYS = ("scopes_vocabulary_note", "note")


class _Reader:
    """Pops keys from one JSON object and reports problems with their JSON path."""

    def __init__(self, path: Path, where: str, obj: Any) -> None:
        if not isinstance(obj, dict):
            raise InputError(path, f"{where}: expected a JSON object, got {type(obj).__name__}")
        self.path, self.where, self.obj = path, where, dict(obj)

    def fail(self, key: str, reason: str) -> InputError:
        return InputError(self.path, f"{self.where}.{key}: {reason}")

    def str_(self, key: str, *, required: bool = False, choices: tuple[str, ...] | None = None) -> str | None:
        if key not in self.obj:
            if required:
                raise self.fail(key, "missing")
            return None
        value = self.obj.pop(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(key, f"expected a non-empty string, got {value!r:.60}")
        if choices is not None and value not in choices:
            raise self.fail(key, f"{value!r} is not one of {', '.join(choices)}")
        return self.checked(key, value)

    def checked(self, key: str, value: str, check: Callable[[str], str] = values.plain_text) -> str:
        """``value`` once ``check`` (by default: no control characters) accepts it."""
        try:
            return check(value)
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None

    def valued(self, key: str, check: Callable[[str], str]) -> str | None:
        """An optional string that ``check`` must accept (a date, a code)."""
        value = self.str_(key)
        return None if value is None else self.checked(key, value, check)

    def str_list(self, key: str, *, choices: tuple[str, ...] | None = None) -> tuple[str, ...]:
        value = self.obj.pop(key, [])
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, "expected a list of strings")
        for i, v in enumerate(value):
            if choices is not None and v not in choices:
                raise self.fail(key, f"{v!r} is not one of {', '.join(choices)}")
            self.checked(f"{key}[{i}]", v)
        return tuple(value)

    def spans(self, key: str, count: int) -> tuple[Span | None, ...]:
        value = self.obj.pop(key, None)
        if value is None:
            return (None,) * count
        if not isinstance(value, list) or len(value) != count:
            raise self.fail(key, f"expected a list of {count} spans aligned with the texts")
        return tuple(self._span(key, v) for v in value)

    def span(self, key: str) -> Span | None:
        value = self.obj.pop(key, None)
        return None if value is None else self._span(key, value)

    def _span(self, key: str, value: Any) -> Span | None:
        if value is None:
            return None
        if not (isinstance(value, list) and len(value) == 2 and all(type(v) is int for v in value)):
            raise self.fail(key, f"a span is [start, end], got {value!r:.60}")
        if value[1] > MAX_INPUT_BYTES:
            raise self.fail(key, f"span end {value[1]:.3g} is past the end of any article (at most {MAX_INPUT_BYTES:,} characters)")
        try:
            return Span(value[0], value[1])
        except ValueError as exc:
            raise self.fail(key, str(exc)) from None

    def done(self) -> None:
        if self.obj:
            raise InputError(self.path, f"{self.where}: unknown key(s) {', '.join(sorted(self.obj))}")


def _mentions(texts: tuple[str, ...], spans: tuple[Span | None, ...]) -> tuple[Mention, ...]:
    return tuple(Mention(t, s) for t, s in zip(texts, spans, strict=True))


def _list(path: Path, top: dict[str, Any], key: str) -> list[Any]:
    value = top.pop(key, [])
    if not isinstance(value, list):
        raise InputError(path, f"{key}: expected a list")
    return value


# -- the schema, read from the record definitions -------------------------------

#: Checks a value must pass beyond being plain text, by key.
_CHECKS: dict[str, Callable[[str], str]] = {"date": values.iso_date, "kemendagri_code": values.kemendagri_code}
#: Where the spans of a list of mentions travel, beside the schema's list of their texts.
_SPAN_KEYS = {"mentions": "spans", "scopes": "scope_spans"}
#: Key order of SCHEMA.md where it is not the order of the record's fields.
_KEY_ORDER: dict[type, tuple[str, ...]] = {Agreement: ("event", "type", "parties", "scopes")}


@dataclass(frozen=True, slots=True)
class _Field:
    """One field of a record as the facts format holds it."""

    key: str
    kind: str
    """``text`` (a string, maybe one of ``choices``), ``texts`` (a list of them), ``mentions`` (texts with spans) or ``span``."""
    required: bool = False
    default: str | None = None
    choices: tuple[str, ...] | None = None


def _without_none(hint: Any) -> Any:
    """``X`` for ``X | None``, else ``hint``."""
    if get_origin(hint) in (Union, UnionType):
        rest = [a for a in get_args(hint) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return hint


def _choices(hint: Any) -> tuple[str, ...] | None:
    return tuple(get_args(hint)) if get_origin(hint) is Literal else None


def _schema_of(record: type) -> tuple[_Field, ...]:
    """The facts-format fields of a record class, from its dataclass fields and their types."""
    hints = get_type_hints(record)
    found = []
    for f in dataclasses.fields(record):
        hint = _without_none(hints[f.name])
        default = f.default if isinstance(f.default, str) else None
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if hint is Span:
            found.append(_Field(f.name, "span"))
        elif get_origin(hint) is tuple:
            item = get_args(hint)[0]
            kind = "mentions" if item is Mention else "texts"
            if kind == "texts" and item is not str and _choices(item) is None:
                raise TypeError(f"{record.__name__}.{f.name}: the facts format has no list of {item}")
            found.append(_Field(f.name, kind, choices=_choices(item)))
        elif hint is str or _choices(hint) is not None:
            found.append(_Field(f.name, "text", required, default, _choices(hint)))
        else:
            raise TypeError(f"{record.__name__}.{f.name}: the facts format has no value of type {hint}")
    return tuple(found)


def _in_key_order(record: type, schema: tuple[_Field, ...]) -> tuple[_Field, ...]:
    """``schema`` in the order SCHEMA.md writes the record's keys."""
    order = _KEY_ORDER.get(record)
    if order is None:
        return schema
    if sorted(order) != sorted(f.key for f in schema):
        raise TypeError(f"the key order of {record.__name__} does not name its fields")
    return tuple(sorted(schema, key=lambda f: order.index(f.key)))


@dataclass(frozen=True, slots=True)
class _FactList:
    """One list of records in a facts file: its key, the record class, its fields as read and as written."""

    key: str
    record: type
    fields: tuple[_Field, ...]
    """In the order of the record's fields, the order they are read in."""
    written: tuple[_Field, ...]
    """In the order of SCHEMA.md."""


def _fact_lists() -> tuple[_FactList, ...]:
    """The lists of records a facts file holds (``events``, ``institutions``, ...), from FactBundle's fields."""
    hints = get_type_hints(FactBundle)
    lists = []
    for f in dataclasses.fields(FactBundle):
        hint = hints[f.name]
        if get_origin(hint) is tuple and dataclasses.is_dataclass(item := get_args(hint)[0]) and isinstance(item, type):
            schema = _schema_of(item)
            lists.append(_FactList(f.name, item, schema, _in_key_order(item, schema)))
    return tuple(lists)


_LISTS = _fact_lists()
_TOP_KEYS = ("doc", "source", *(facts.key for facts in _LISTS), *_NOTE_KEYS)


def _read_record(facts: _FactList, r: _Reader) -> Any:
    """One record of ``facts``, its keys popped from ``r`` in the order of its fields."""
    read: dict[str, Any] = {}
    for f in facts.fields:
        if f.kind == "span":
            read[f.key] = r.span(f.key)
        elif f.kind == "mentions":
            texts = r.str_list(f.key)
            read[f.key] = _mentions(texts, r.spans(_SPAN_KEYS[f.key], len(texts)))
        elif f.kind == "texts":
            read[f.key] = r.str_list(f.key, choices=f.choices)
        else:
            value = r.str_(f.key, required=f.required, choices=f.choices)
            if value is not None and f.key in _CHECKS:
                value = r.checked(f.key, value, _CHECKS[f.key])
            read[f.key] = (value or "") if f.required else (value or f.default) if f.default is not None else value
    r.done()
    return facts.record(**read)


def _http_address(text: str) -> str:
    """``text`` if it is one http(s) address."""
    if not http_address(values.plain_text(text)):
        raise ValueError(f"{text!r:.60} is not an http(s) address")
    return text


def facts_from_json(path: Path, data: Any, *, curated: bool = False) -> FactBundle:
    """Turn parsed facts JSON into a ``FactBundle``; ``path`` is only for messages."""
    top = _Reader(path, "$", data)
    unknown = sorted(k for k in top.obj if k not in _TOP_KEYS)
    if unknown:
        raise InputError(path, f"$: unknown key(s) {', '.join(map(repr, unknown))} (a facts file has {', '.join(_TOP_KEYS)})")
    doc = top.checked("doc", top.str_("doc", required=True) or "", values.bare_file_name)
    source_obj = top.obj.pop("source", None)
    source: dict[str, str | None] = {}
    if source_obj is not None:
        src = _Reader(path, "$.source", source_obj)
        source["sha256"] = src.valued("sha256", values.sha256_hex)
        source["url"] = src.valued("url", _http_address)
        for key in ("title", "outlet"):
            source[key] = src.valued(key, values.plain_text)
        for key in ("published", "retrieved"):
            source[key] = src.valued(key, values.iso_date)
        src.str_("doc")
        src.done()
    lists = {
        facts.key: tuple(_read_record(facts, _Reader(path, f"$.{facts.key}[{i}]", obj)) for i, obj in enumerate(_list(path, top.obj, facts.key)))
        for facts in _LISTS
    }
    note = None
    for key in _NOTE_KEYS:
        if key in top.obj:
            note = top.str_(key)
    return FactBundle(source=ArticleRef(doc=doc, **source), note=note, curated=curated, **lists)


def read_facts(path: Path, *, curated: bool = False) -> FactBundle:
    """Read one facts JSON file; any problem is an ``InputError`` naming the file."""
    text = read_text_checked(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON: {exc.msg}", line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise InputError(path, "invalid JSON: nested too deeply") from None
    except ValueError:  # Python refuses to convert integers of more than sys.get_int_max_str_digits() digits
        raise InputError(path, f"invalid JSON: a number of more than {sys.get_int_max_str_digits():,} digits") from None
    return facts_from_json(path, data, curated=curated)


def _spans(mentions: tuple[Mention, ...]) -> list[list[int] | None] | None:
    """The spans of ``mentions`` as the facts format writes them, or None when none has one."""
    if not any(m.span is not None for m in mentions):
        return None
    return [None if m.span is None else [m.span.start, m.span.end] for m in mentions]


def _record_to_json(record: object, schema: tuple[_Field, ...], with_spans: bool) -> dict[str, Any]:
    """One record in the facts format: its keys in schema order, then the spans that travel beside them."""
    out: dict[str, Any] = {}
    spans: dict[str, Any] = {}
    for f in schema:
        value = getattr(record, f.key)
        if f.kind == "span":
            if with_spans and value is not None:
                spans[f.key] = [value.start, value.end]
        elif f.kind == "mentions":
            out[f.key] = [m.text for m in value]
            if with_spans and (aligned := _spans(value)) is not None:
                spans[_SPAN_KEYS[f.key]] = aligned
        elif f.kind == "texts":
            out[f.key] = list(value)
        else:
            out[f.key] = value
    return {**out, **spans}


def facts_to_json(bundle: FactBundle, *, with_spans: bool = True) -> dict[str, Any]:
    """The facts-format object for ``bundle``, keys in the order of SCHEMA.md."""
    out: dict[str, Any] = {"doc": bundle.doc}
    src = bundle.source
    source = {key: value for key, value in (("sha256", src.sha256), ("url", src.url), ("title", src.title), ("outlet", src.outlet),
                                            ("published", src.published), ("retrieved", src.retrieved)) if value}
    if with_spans and source:
        out["source"] = source
    for facts in _LISTS:
        out[facts.key] = [_record_to_json(record, facts.written, with_spans) for record in getattr(bundle, facts.key)]
    if bundle.note:
        out["scopes_vocabulary_note"] = bundle.note
    return out


def write_facts(path: Path, bundle: FactBundle, *, with_spans: bool = True) -> None:
    """Write ``bundle`` as facts JSON, atomically, in a stable layout."""
    text = json.dumps(facts_to_json(bundle, with_spans=with_spans), ensure_ascii=False, indent=2)
    write_text_atomic(path, text + "\n")
