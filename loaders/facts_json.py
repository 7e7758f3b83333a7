"""Read and write the facts format (shared/gold/SCHEMA.md).

The extractor writes it, the gold files are in it, and a person can correct an
extracted file and load it back as curated facts. Reading is strict: every
object's keys are popped and whatever is left over or of the wrong type is an
``InputError`` naming the file and the JSON path (and line, for syntax errors).
Values are checked whole (``lankg.values``): dates are real ``YYYY-MM-DD``
dates, codes are Kemendagri codes, ``doc`` is a bare file name, and no
string holds a control character or a lone surrogate, so nothing read here
can make an output that lankg itself cannot read back.
Spans travel in optional keys beside the schema's own (``spans`` aligned with
``mentions``, ``scope_spans`` with ``scopes``, ``date_span``), so a file with
spans is still exactly the schema to anyone who ignores them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lankg import values
from lankg.errors import InputError
from lankg.fileio import MAX_INPUT_BYTES, read_text_checked, write_text_atomic
from lankg.records import (
    AGREEMENT_TYPES,
    INSTITUTION_KINDS,
    MODES,
    ROLES,
    Agreement,
    ArticleRef,
    Event,
    FactBundle,
    Institution,
    Mention,
    Official,
    Span,
)

_NOTE_KEYS = ("scopes_vocabulary_note", "note")
_TOP_KEYS = ("doc", "source", "events", "institutions", "agreements", "officials", *_NOTE_KEYS)


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


def facts_from_json(path: Path, data: Any, *, curated: bool = False) -> FactBundle:
    """Turn parsed facts JSON into a ``FactBundle``; ``path`` is only for messages."""
    top = _Reader(path, "$", data)
    unknown = sorted(k for k in top.obj if k not in _TOP_KEYS)
    if unknown:
        raise InputError(path, f"$: unknown key(s) {', '.join(map(repr, unknown))} (a facts file has {', '.join(_TOP_KEYS)})")
    doc = top.checked("doc", top.str_("doc", required=True) or "", values.bare_file_name)
    source_obj = top.obj.pop("source", None)
    sha = None
    if source_obj is not None:
        src = _Reader(path, "$.source", source_obj)
        sha = src.valued("sha256", values.sha256_hex)
        src.str_("doc")
        src.done()
    events = []
    for i, obj in enumerate(_list(path, top.obj, "events")):
        r = _Reader(path, f"$.events[{i}]", obj)
        events.append(Event(
            id=r.str_("id", required=True) or "",
            type=r.str_("type") or "signing",
            date=r.valued("date", values.iso_date),
            date_as_written=r.str_("date_as_written"),
            date_note=r.str_("date_note"),
            venue=r.str_("venue"),
            city=r.str_("city"),
            mode=r.str_("mode", choices=MODES),  # type: ignore[arg-type]
            host=r.str_("host"),
            date_span=r.span("date_span"),
        ))
        r.done()
    institutions = []
    for i, obj in enumerate(_list(path, top.obj, "institutions")):
        r = _Reader(path, f"$.institutions[{i}]", obj)
        name = r.str_("name", required=True) or ""
        kind = r.str_("kind", required=True, choices=INSTITUTION_KINDS)
        texts = r.str_list("mentions")
        institutions.append(Institution(
            name=name,
            kind=kind,  # type: ignore[arg-type]
            mentions=_mentions(texts, r.spans("spans", len(texts))),
            kemendagri_code=r.valued("kemendagri_code", values.kemendagri_code),
        ))
        r.done()
    agreements = []
    for i, obj in enumerate(_list(path, top.obj, "agreements")):
        r = _Reader(path, f"$.agreements[{i}]", obj)
        parties = r.str_list("parties")
        scopes = r.str_list("scopes")
        agreements.append(Agreement(
            parties=parties,
            type=r.str_("type", choices=AGREEMENT_TYPES) or "MoU",  # type: ignore[arg-type]
            event=r.str_("event"),
            scopes=_mentions(scopes, r.spans("scope_spans", len(scopes))),
        ))
        r.done()
    officials = []
    for i, obj in enumerate(_list(path, top.obj, "officials")):
        r = _Reader(path, f"$.officials[{i}]", obj)
        name = r.str_("name", required=True) or ""
        texts = r.str_list("mentions")
        officials.append(Official(
            name=name,
            mentions=_mentions(texts, r.spans("spans", len(texts))),
            degrees_and_titles=r.str_list("degrees_and_titles"),
            position=r.str_("position"),
            institution=r.str_("institution"),
            roles=r.str_list("roles", choices=ROLES),  # type: ignore[arg-type]
            attendance=r.str_("attendance", choices=MODES),  # type: ignore[arg-type]
            event=r.str_("event"),
        ))
        r.done()
    note = None
    for key in _NOTE_KEYS:
        if key in top.obj:
            note = top.str_(key)
    return FactBundle(
        source=ArticleRef(doc=doc, sha256=sha),
        events=tuple(events),
        institutions=tuple(institutions),
        agreements=tuple(agreements),
        officials=tuple(officials),
        note=note,
        curated=curated,
    )


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


def _with_spans(out: dict[str, Any], key: str, mentions: tuple[Mention, ...]) -> None:
    if any(m.span is not None for m in mentions):
        out[key] = [None if m.span is None else [m.span.start, m.span.end] for m in mentions]


def facts_to_json(bundle: FactBundle, *, with_spans: bool = True) -> dict[str, Any]:
    """The facts-format object for ``bundle``, keys in the order of SCHEMA.md."""
    out: dict[str, Any] = {"doc": bundle.doc}
    if with_spans and bundle.source.sha256:
        out["source"] = {"sha256": bundle.source.sha256}
    out["events"] = []
    for e in bundle.events:
        ev: dict[str, Any] = {
            "id": e.id, "type": e.type, "date": e.date, "date_as_written": e.date_as_written,
            "date_note": e.date_note, "venue": e.venue, "city": e.city, "mode": e.mode, "host": e.host,
        }
        if with_spans and e.date_span is not None:
            ev["date_span"] = [e.date_span.start, e.date_span.end]
        out["events"].append(ev)
    out["institutions"] = []
    for inst in bundle.institutions:
        io: dict[str, Any] = {
            "name": inst.name, "kind": inst.kind, "mentions": [m.text for m in inst.mentions],
            "kemendagri_code": inst.kemendagri_code,
        }
        if with_spans:
            _with_spans(io, "spans", inst.mentions)
        out["institutions"].append(io)
    out["agreements"] = []
    for a in bundle.agreements:
        ag: dict[str, Any] = {
            "event": a.event, "type": a.type, "parties": list(a.parties), "scopes": [s.text for s in a.scopes],
        }
        if with_spans:
            _with_spans(ag, "scope_spans", a.scopes)
        out["agreements"].append(ag)
    out["officials"] = []
    for o in bundle.officials:
        of: dict[str, Any] = {
            "name": o.name, "mentions": [m.text for m in o.mentions], "degrees_and_titles": list(o.degrees_and_titles),
            "position": o.position, "institution": o.institution, "roles": list(o.roles),
            "attendance": o.attendance, "event": o.event,
        }
        if with_spans:
            _with_spans(of, "spans", o.mentions)
        out["officials"].append(of)
    if bundle.note:
        out["scopes_vocabulary_note"] = bundle.note
    return out


def write_facts(path: Path, bundle: FactBundle, *, with_spans: bool = True) -> None:
    """Write ``bundle`` as facts JSON, atomically, in a stable layout."""
    text = json.dumps(facts_to_json(bundle, with_spans=with_spans), ensure_ascii=False, indent=2)
    write_text_atomic(path, text + "\n")
