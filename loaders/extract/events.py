"""The ceremony: venue, city, mode, host, and the role and attendance of every official."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey, known_place
from lankg.loaders.extract.officials import OfficialDraft
from lankg.loaders.extract.patterns import (
    BLENDED,
    COLLECTIVE,
    DATELINE,
    IN_PERSON,
    PRESENCE,
    SIGNING_BY,
    SIGNS,
    SIGNS_WITH,
    SPEECH,
    STAND_IN,
    VENUE,
    VIRTUAL,
    WITNESS,
)
from lankg.loaders.extract.text import Sentence, sentence_of
from lankg.records import Span

ROLE_ORDER = ("signatory", "representative", "witness", "speaker", "attendee")


@dataclass(frozen=True, slots=True)
class Place:
    """Where a ceremony took place."""

    venue: str | None
    venue_span: Span | None
    city: str | None


def find_place(text: str) -> Place:
    """The first venue after "di", with a trailing city split off; else the dateline's city."""
    city = None
    m = VENUE.search(text)
    venue = span = None
    if m:
        venue = m.group("venue").rstrip(" ,")
        span = Span(m.start("venue"), m.start("venue") + len(venue))
        head, _, last = venue.rpartition(",")
        if head and known_place(last.strip()):
            city = last.strip()
            venue = head.rstrip(" ,")
            span = Span(span.start, span.start + len(venue))
        elif "Jakarta" in venue:
            city = "Jakarta"
    if city is None:
        d = DATELINE.search(text[:400])
        if d:
            found = (d.group("city") or d.group("up") or "").title()
            city = found if known_place(found) else None
    return Place(venue, span, city)


def find_mode(text: str) -> str:
    """``blended`` when the article says so or mentions both kinds of attendance, else virtual or in person."""
    if BLENDED.search(text):
        return "blended"
    virtual, in_person = VIRTUAL.search(text), IN_PERSON.search(text)
    if virtual and in_person:
        return "blended"
    return "virtual" if virtual else "in_person"


def find_host(text: str, sents: tuple[Sentence, ...], insts: list[InstitutionHit], place: Place) -> InstitutionKey | None:
    """The agency that "signs with" the others in the first full sentence that says so (headlines skipped);
    else the institution named in the venue; else the most mentioned agency; else the first named.

    The host is the side every bilateral agreement of the article is with (shared/gold/SCHEMA.md), so
    the sentence that says who signs with whom outranks the venue: LAN signing with Kota Bogor and
    Jawa Barat "di Balai Kota Bogor" makes two agreements with LAN, not one between Bogor and Jawa Barat."""
    for s in sents:
        body = text[s.start:s.end].rstrip()
        if not body.endswith((".", "!", "?", "”", '"')):
            continue
        m = SIGNS_WITH.search(text, s.start, s.end)
        if m is None:
            continue
        subjects = [h for h in insts if s.start <= h.span.start < m.start() and h.key.code is None]
        if subjects:
            return subjects[-1].key
    if place.venue_span is not None:
        for h in insts:
            if place.venue_span.start <= h.span.start < place.venue_span.end:
                return h.key
    agencies = Counter(h.key for h in insts if h.key.code is None)
    if agencies:
        return agencies.most_common(1)[0][0]
    return insts[0].key if insts else None


def _positions(d: OfficialDraft) -> list[int]:
    return sorted([s.start for _, s in d.mentions] + [s.start for s in d.references])


@dataclass(frozen=True, slots=True)
class _Mentioned:
    pos: int
    end: int
    draft: OfficialDraft


#: The most "mewakili" read in one sentence (a bound for hostile text; real sentences have one or two).
MAX_STAND_INS = 8
#: How far before a signing verb its signer is looked for.
SIGNER_REACH = 200


def _stand_ins(text: str, sents: tuple[Sentence, ...], by_sent: dict[int, list[_Mentioned]]) -> tuple[set[str], set[str]]:
    """("X mewakili Y", "Y yang diwakili X"): the names of those standing in and of those stood in for, who
    were not there."""
    standing, absent = set(), set()
    for i, people in by_sent.items():
        s = sents[i]
        ends = [p.end for p in people]
        starts = [p.pos for p in people]
        for k, m in enumerate(STAND_IN.finditer(text, s.start, s.end)):
            if k >= MAX_STAND_INS:
                break
            b = bisect.bisect_right(ends, m.start())  # people end in order, as they are sorted by start
            a = bisect.bisect_left(starts, m.end())
            if b == 0 and a + 1 < len(people) and not text[s.start:m.start()].strip():
                # "Mewakili Wawali X, Y menjelaskan": the sentence opens with the one stood in for
                standing.add(people[a + 1].draft.name)
                absent.add(people[a].draft.name)
                continue
            if b == 0 or a >= len(people):
                continue
            near_before, near_after = people[b - 1], people[a]
            between = text[m.end():near_after.pos]
            if len(between.split()) > 6 or re.search(r",|\bdan\b|\bserta\b", between):
                continue  # "mewakili Bupati dan Bupati X Y": the one stood in for is not named
            if m.group("verb").lower().startswith("di"):  # "Y yang diwakili X"
                standing.add(near_after.draft.name)
                absent.add(near_before.draft.name)
            else:  # "X mewakili Y"
                standing.add(near_before.draft.name)
                absent.add(near_after.draft.name)
    return standing, absent


def assign_roles(
    text: str,
    sents: tuple[Sentence, ...],
    drafts: list[OfficialDraft],
    institution_of: dict[str, InstitutionKey | None],
    parties: set[InstitutionKey],
    mode: str,
) -> tuple[dict[str, tuple[str, ...]], dict[str, str | None]]:
    """Roles and attendance per official name, from cue words in the sentences that mention them.

    Signatories (shared/gold/CONVENTIONS.md, section 5): the people the text says signed ("ditandatangani
    oleh", "Penandatanganan diwakili", "X dan Y menandatangani", "X menandatangani ... bersama Y"); for a
    party no one is said to sign for, its most senior official present, or the one standing in for its head
    ("X mewakili Bupati Y"). Whoever is stood in for was not there: no role."""
    by_sent: dict[int, list[_Mentioned]] = {}
    for d in drafts:
        spans = sorted([s for _, s in d.mentions] + list(d.references), key=lambda s: s.start)
        for span in spans:
            by_sent.setdefault(sentence_of(sents, span.start), []).append(_Mentioned(span.start, span.end, d))
    for people in by_sent.values():
        people.sort(key=lambda p: p.pos)
    roles: dict[str, set[str]] = {d.name: set() for d in drafts}
    virtual: set[str] = set()
    in_person: set[str] = set()
    explicit: set[str] = set()
    delegated: set[str] = set()
    witnessed_with_signing: set[str] = set()
    for i, s in enumerate(sents):
        body = text[s.start:s.end]
        people = by_sent.get(i, [])
        if not people:
            if SPEECH.search(body) and COLLECTIVE.search(body) and "“" not in body and '"' not in body:
                for p in by_sent.get(i - 1, []):
                    roles[p.draft.name].add("speaker")
            continue
        w = WITNESS.search(body)
        sig = SIGNING_BY.search(body)
        active = SIGNS.search(body)
        # once per sentence, not once per person in it: a long sentence naming thousands of people stays linear
        speech, presence = SPEECH.search(body) is not None, PRESENCE.search(body) is not None
        remote, on_site = VIRTUAL.search(body) is not None, IN_PERSON.search(body) is not None
        for p in people:
            name = p.draft.name
            if w and p.pos >= s.start + w.end():
                roles[name].add("witness")
                if sig or active:
                    witnessed_with_signing.add(name)
            if sig and p.pos >= s.start + sig.end():
                explicit.add(name)
                if "diwakili" in sig.group().lower():  # "Penandatanganan diwakili Sekda X": X stands in
                    delegated.add(name)
            if active and (p.end <= s.start + active.start() < p.end + SIGNER_REACH
                           and not SPEECH.search(text, p.end, s.start + active.start())
                           or _partner_after(text, s.start + active.end(), p.pos)):
                explicit.add(name)
            if speech:
                roles[name].add("speaker")
            if presence:
                roles[name].add("present")
            if remote:
                virtual.add(name)
            if on_site:
                in_person.add(name)
    for name in explicit - witnessed_with_signing:  # a witness word elsewhere ("saksi gugatan") does not undo it
        roles[name].discard("witness")
    standing, absent = _stand_ins(text, sents, by_sent)
    standing |= delegated
    signed_for = {institution_of[n] for n in explicit if n not in absent and "witness" not in roles[n]}
    best: dict[InstitutionKey, int] = {}
    for d in drafts:
        inst = institution_of[d.name]
        if (inst in parties and inst not in signed_for and "witness" not in roles[d.name] and d.post is not None
                and d.name not in absent):
            rank = -1 if d.name in standing else d.post.rank
            best[inst] = min(best.get(inst, 99), rank)
    for d in drafts:
        inst = institution_of[d.name]
        r = roles[d.name]
        if d.name in explicit:
            r.add("signatory")
        seniority = -1 if d.name in standing else (d.post.rank if d.post is not None else None)
        if inst in best and seniority is not None and seniority == best[inst] and "witness" not in r:
            r.add("signatory")
        if "witness" in r:
            r.discard("signatory")
        if "signatory" in r and (d.name in standing or (d.post is not None and d.post.acts_for_head and inst not in signed_for)):
            r.add("representative")
        if "present" in r:
            r.discard("present")
            if "speaker" not in r:
                r.add("attendee")
        if d.name in absent:
            r.clear()
        elif not r:
            r.add("attendee")
    attendance: dict[str, str | None] = {}
    for d in drafts:
        if d.name in absent:
            attendance[d.name] = None
        elif mode == "blended":
            attendance[d.name] = "virtual" if d.name in virtual and d.name not in in_person else "in_person"
        else:
            attendance[d.name] = mode
    return {n: tuple(x for x in ROLE_ORDER if x in r) for n, r in roles.items()}, attendance


def _partner_after(text: str, verb_end: int, pos: int) -> bool:
    """True when ``pos`` is the official named as the partner of an active signing: "... menandatangani PKS
    bersama Kepala X, Y"."""
    if pos < verb_end:
        return False
    gap = text[verb_end:pos]
    return len(gap) < 160 and re.search(r"(?i)\b(?:bersama|dengan)\b", gap) is not None and not re.search(r"[.;]", gap)
