"""Agreements: one per partner, its type, and the scopes the article lists for it (or for all)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey
from lankg.loaders.extract.patterns import (
    AGREEMENT_NOUN,
    COOPERATION,
    ENUMERATED,
    MOU,
    PKS,
    SCOPE_CUE,
    SCOPE_END,
    SCOPE_FALLBACK,
    SCOPE_GOES_ON,
    SCOPE_NOT,
    SCOPE_SPLIT,
)
from lankg.loaders.extract.text import Sentence, in_range
from lankg.ontology.scopes import concepts_for
from lankg.records import Mention, Span


def agreement_type(text: str) -> str:
    """``PKS`` when only a perjanjian kerja sama is named, ``MoU`` for a nota/MoU, else ``other``."""
    if PKS.search(text) and not MOU.search(text):
        return "PKS"
    return "MoU" if MOU.search(text) else "other"


#: The longest scope list read after one cue, so a sentence of thousands of cues stays linear.
MAX_SCOPE_CHARS = 400


def _pieces(text: str, start: int, end: int) -> tuple[list[Mention], int]:
    """Scope phrases of a list starting at ``start`` (up to ``end``), each naming at least one scope concept,
    and where the list ends."""
    found = SCOPE_END.search(text, start, min(end, start + MAX_SCOPE_CHARS))
    stop = found.start() if found else min(end, start + MAX_SCOPE_CHARS)
    out = []
    pos = start
    for sep in [*SCOPE_SPLIT.finditer(text, start, stop), None]:
        piece_end = sep.start() if sep else stop
        raw = text[pos:piece_end]
        lead = len(raw) - len(raw.lstrip())
        phrase = raw.strip().rstrip(",;:")
        if phrase and concepts_for(phrase) and not SCOPE_NOT.match(phrase):
            s = pos + lead
            out.append(Mention(phrase, Span(s, s + len(phrase))))
        if sep:
            pos = sep.end()
    return out, stop


@dataclass
class ScopeFinding:
    """Scopes listed for all partners, per partner, and for an earlier cooperation."""

    shared: list[Mention] = field(default_factory=list)
    per_partner: dict[InstitutionKey, list[Mention]] = field(default_factory=dict)
    past: list[Mention] = field(default_factory=list)
    by_sentence: dict[int, list[Mention]] = field(default_factory=dict)
    """The shared scopes by the sentence they are read from, to bind them to the agreement that sentence names."""


def find_scopes(text: str, sents: tuple[Sentence, ...], insts: list[InstitutionHit], past_sents: set[int]) -> ScopeFinding:
    """Read scope phrases after their cue words in the sentences about the cooperation (and in a sentence that
    goes on with the one before: "Yakni, ..."); an enumerated line names its partner first."""
    found = ScopeFinding()
    previous_had_scopes = False
    for i, s in enumerate(sents):
        body = text[s.start:s.end]
        enumerated = ENUMERATED.match(body)
        goes_on = SCOPE_GOES_ON.match(body) if previous_had_scopes else None
        if not enumerated and not goes_on and not COOPERATION.search(body):
            previous_had_scopes = False
            continue
        pieces: list[Mention] = []
        if goes_on is not None:
            pieces.extend(_pieces(text, s.start + goes_on.end(), s.end)[0])
        for cue in SCOPE_CUE.finditer(text, s.start, s.end):
            if cue.group("subject") and not AGREEMENT_NOUN.search(text, max(s.start, cue.start() - 60), cue.start()):
                continue  # "belajar terkait inovasi": not the subject of the agreement
            more = _pieces(text, cue.end(), s.end)[0]
            if more and enumerated:
                partner = next((h.key for h in insts if s.start <= h.span.start < cue.start()), None)
                if partner is not None:
                    found.per_partner.setdefault(partner, []).extend(more)
                    continue
            pieces.extend(more)
        (found.past if i in past_sents else found.shared).extend(pieces)
        if pieces and i not in past_sents:
            found.by_sentence[i] = pieces
        previous_had_scopes = bool(pieces) or bool(re.search(r"(?i)ruang\s+lingkup", body))
    starts = [h.span.start for h in insts]
    for i, s in enumerate(sents):  # "memberikan dukungan bagi X" in a sentence that names a party
        span = in_range(starts, s.start, s.end, limit=1)
        if i not in past_sents and span.stop > span.start:
            for cue in SCOPE_FALLBACK.finditer(text, s.start, s.end):
                pieces = _pieces(text, cue.end(), s.end)[0]
                found.shared.extend(pieces)
                found.by_sentence.setdefault(i, []).extend(pieces)
    return found


def unique(mentions: list[Mention]) -> tuple[Mention, ...]:
    """Mentions with repeated texts dropped, first kept."""
    seen: dict[str, Mention] = {}
    for m in mentions:
        seen.setdefault(re.sub(r"\s+", " ", m.text.lower()), m)
    return tuple(seen.values())
