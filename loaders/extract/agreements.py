"""Agreements: one per partner, its type, and the scopes the article lists for it (or for all)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey
from lankg.loaders.extract.patterns import (
    COOPERATION,
    ENUMERATED,
    MOU,
    PKS,
    SCOPE_CUE,
    SCOPE_END,
    SCOPE_FALLBACK,
    SCOPE_SPLIT,
)
from lankg.loaders.extract.text import Sentence
from lankg.ontology.scopes import concepts_for
from lankg.records import Mention, Span


def agreement_type(text: str) -> str:
    """``PKS`` when only a perjanjian kerja sama is named, ``MoU`` for a nota/MoU, else ``other``."""
    if PKS.search(text) and not MOU.search(text):
        return "PKS"
    return "MoU" if MOU.search(text) else "other"


def _pieces(text: str, start: int) -> list[Mention]:
    """Scope phrases of a list starting at ``start``, each naming at least one scope concept."""
    end = SCOPE_END.search(text, start)
    stop = end.start() if end else len(text)
    out = []
    pos = start
    for sep in [*SCOPE_SPLIT.finditer(text, start, stop), None]:
        piece_end = sep.start() if sep else stop
        raw = text[pos:piece_end]
        lead = len(raw) - len(raw.lstrip())
        phrase = raw.strip().rstrip(",;:")
        if phrase and concepts_for(phrase):
            s = pos + lead
            out.append(Mention(phrase, Span(s, s + len(phrase))))
        if sep:
            pos = sep.end()
    return out


@dataclass
class ScopeFinding:
    """Scopes listed for all partners, per partner, and for an earlier cooperation."""

    shared: list[Mention] = field(default_factory=list)
    per_partner: dict[InstitutionKey, list[Mention]] = field(default_factory=dict)
    past: list[Mention] = field(default_factory=list)


def find_scopes(text: str, sents: tuple[Sentence, ...], insts: list[InstitutionHit], past_sents: set[int]) -> ScopeFinding:
    """Read scope lists after their cue words; an enumerated line names its partner first."""
    found = ScopeFinding()
    for i, s in enumerate(sents):
        body = text[s.start:s.end]
        enumerated = ENUMERATED.match(body)
        if not enumerated and not COOPERATION.search(body):
            continue
        for cue in SCOPE_CUE.finditer(text, s.start, s.end):
            pieces = _pieces(text[:s.end], cue.end())
            if not pieces:
                continue
            if enumerated:
                partner = next((h.key for h in insts if s.start <= h.span.start < cue.start()), None)
                if partner is not None:
                    found.per_partner.setdefault(partner, []).extend(pieces)
                    break
            (found.past if i in past_sents else found.shared).extend(pieces)
            break
    if not found.shared and not found.per_partner:
        for s in sents:
            for cue in SCOPE_FALLBACK.finditer(text, s.start, s.end):
                found.shared.extend(_pieces(text[:s.end], cue.end()))
    return found


def unique(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Mentions with repeated texts dropped, first kept."""
    seen: dict[str, Mention] = {}
    for m in mentions:
        seen.setdefault(re.sub(r"\s+", " ", m.text.lower()), m)
    return tuple(seen.values())
