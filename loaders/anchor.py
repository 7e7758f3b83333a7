"""Give hand-curated facts the character spans they lack, by finding each mention in its article, and check the spans they have.

Gold and curated facts files list mentions as text only; the graph promises
that every mention traces to a character span. When the article's text is at
hand, each span-less mention is anchored at the first place its text occurs
(exactly, else ignoring case); a text the article does not contain stays
without a span rather than getting a wrong one. A span the file gives must
lie inside the text, and a digest it gives must be the text's: otherwise the
facts were made from another text, and the file is refused.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from lankg.errors import InputError
from lankg.records import FactBundle, Mention, Span


def _find(text: str, needle: str) -> Span | None:
    at = text.find(needle)
    if at >= 0:
        return Span(at, at + len(needle))
    match = re.search(re.escape(needle), text, flags=re.IGNORECASE)
    return Span(match.start(), match.end()) if match else None


def _anchor(text: str, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    return tuple(m if m.span is not None or not m.text else Mention(m.text, _find(text, m.text)) for m in mentions)


def _given_spans(bundle: FactBundle) -> Iterator[tuple[str, Span]]:
    """Every span the bundle carries, with the JSON path of the facts format it came from."""
    for i, e in enumerate(bundle.events):
        if e.date_span is not None:
            yield f"$.events[{i}].date_span", e.date_span
    mentioned = (("institutions", [r.mentions for r in bundle.institutions]), ("officials", [r.mentions for r in bundle.officials]))
    for key, mention_lists in mentioned:
        for i, mentions in enumerate(mention_lists):
            for j, m in enumerate(mentions):
                if m.span is not None:
                    yield f"$.{key}[{i}].spans[{j}]", m.span
    for i, a in enumerate(bundle.agreements):
        for j, m in enumerate(a.scopes):
            if m.span is not None:
                yield f"$.agreements[{i}].scope_spans[{j}]", m.span


def anchor_spans(bundle: FactBundle, text: str, path: Path | None = None) -> FactBundle:
    """``bundle`` with every span-less mention anchored in ``text`` and the article's digest filled in.

    A span past the end of ``text``, or a ``source.sha256`` that is not the
    digest of ``text``, raises InputError naming ``path`` (the facts file) and the field.
    """
    where = path if path is not None else Path(bundle.doc)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if bundle.source.sha256 is not None and bundle.source.sha256 != digest:
        raise InputError(where, f"$.source.sha256: the facts were made from another text of {bundle.doc} "
                                f"(its SHA-256 is now {digest[:12]}…); extract it again or drop the digest and spans")
    for field, span in _given_spans(bundle):
        if span.end > len(text):
            raise InputError(where, f"{field}: span [{span.start}, {span.end}] is past the end of {bundle.doc} ({len(text):,} characters)")
    events = tuple(
        dataclasses.replace(e, date_span=_find(text, e.date_as_written))
        if e.date_span is None and e.date_as_written else e
        for e in bundle.events
    )
    institutions = tuple(dataclasses.replace(i, mentions=_anchor(text, i.mentions)) for i in bundle.institutions)
    officials = tuple(dataclasses.replace(o, mentions=_anchor(text, o.mentions)) for o in bundle.officials)
    agreements = tuple(dataclasses.replace(a, scopes=_anchor(text, a.scopes)) for a in bundle.agreements)
    source = dataclasses.replace(bundle.source, sha256=digest)
    return dataclasses.replace(
        bundle, source=source, events=events, institutions=institutions, officials=officials, agreements=agreements
    )
