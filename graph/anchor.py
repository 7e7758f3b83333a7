"""Give hand-curated facts the character spans they lack, by finding each mention in its article.

Gold and curated facts files list mentions as text only; the graph promises
that every mention traces to a character span. When the article's text is at
hand, each span-less mention is anchored at the first place its text occurs
(exactly, else ignoring case); a text the article does not contain stays
without a span rather than getting a wrong one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from lankg.records import FactBundle, Mention, Span


def _find(text: str, needle: str) -> Span | None:
    at = text.find(needle)
    if at >= 0:
        return Span(at, at + len(needle))
    match = re.search(re.escape(needle), text, flags=re.IGNORECASE)
    return Span(match.start(), match.end()) if match else None


def _anchor(text: str, mentions: tuple[Mention, ...]) -> tuple[Mention, ...]:
    return tuple(m if m.span is not None or not m.text else Mention(m.text, _find(text, m.text)) for m in mentions)


def anchor_spans(bundle: FactBundle, text: str) -> FactBundle:
    """``bundle`` with every span-less mention anchored in ``text`` and the article's digest filled in."""
    events = tuple(
        dataclasses.replace(e, date_span=_find(text, e.date_as_written))
        if e.date_span is None and e.date_as_written else e
        for e in bundle.events
    )
    institutions = tuple(dataclasses.replace(i, mentions=_anchor(text, i.mentions)) for i in bundle.institutions)
    officials = tuple(dataclasses.replace(o, mentions=_anchor(text, o.mentions)) for o in bundle.officials)
    agreements = tuple(dataclasses.replace(a, scopes=_anchor(text, a.scopes)) for a in bundle.agreements)
    source = bundle.source
    if source.sha256 is None:
        source = dataclasses.replace(source, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    return dataclasses.replace(
        bundle, source=source, events=events, institutions=institutions, officials=officials, agreements=agreements
    )
