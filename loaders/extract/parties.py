"""Who signs with whom: party sets read clause by clause from the sentences about signing.

A sentence about a signing ("menandatangani", "penandatanganan", "teken",
"MoU", "kerja sama", ...) names its parties in one of a few constructions:

- "antara A, B dan C": one document of all of them (three or more make one
  multi-party agreement, shared/gold/SCHEMA.md);
- "A ... dengan/bersama B, C dan D": A with each of them, one bilateral
  agreement per partner;
- "A dan B menandatangani": the two of them;
- "ditandatangani oleh P1 (untuk I1) dan P2": the institutions the signers
  sign for.

A collective ("dengan lima Pemda", "bersama empat pemerintah kabupaten
lainnya", "pemerintah daerah di Provinsi X") stands for the regions whose heads
or stand-ins the article names; only named regions become parties. A sentence
about an earlier cooperation (a date of another year, "sejak", "pada 2016 lalu",
"telah terjalin sebelumnya") gives the agreements of an earlier event.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey
from lankg.loaders.extract.officials import OfficialDraft
from lankg.loaders.extract.patterns import SIGNS
from lankg.loaders.extract.text import Sentence, in_range

SIGNING = re.compile(
    r"(?i)\b(?:menandatangani|tandatangani|ditandatangani|ditandatanganinya|meneken|teken|diteken|"
    r"penandatangan(?:an)?|penantanganan|bertandatangan|menjalin|jalin|sepakat|menyepakati|bersepakat|"
    r"bekerja\s*sama|bekerjasama|kerja\s*sama|kerjasama|MoU|MOU|PKS|nota|perjanjian|memorandum|kesepakatan|"
    r"record\s+of\s+discussion)\b"
)
_ANTARA = re.compile(r"(?i)\bantara\b")
_WITH = re.compile(r"(?i)\b(?:dengan|bersama)\b")
_BY = re.compile(r"(?i)\b(?:dilakukan|ditandatangani|diteken|dilaksanakan)\s+(?:langsung\s+|secara\s+\w+\s+)?oleh\b")
#: Where a list of parties ends: a place, a date, a topic, a purpose, a relative clause.
_LIST_END = re.compile(
    r"(?i)\s(?:di|pada|tentang|mengenai|terkait|berkenaan|yang|dalam|untuk|guna|agar|sebagai|tahun|nomor|tanggal|"
    r"sejak|melalui|resmi|menandatangani|meneken|teken|tandatangani|menjalin|telah|secara|berlangsung)\b|[.;:!?]|$"
)
_JOINER = re.compile(
    r"(?i)^(?:[\s,&\-–—]|\bdan\b|\bserta\b|\bdengan\b|\b(?:Bupati|Walikota|Wali\s+Kota|Gubernur|Wakil|Penjabat|Pj\.?|"
    r"Plt\.?|Pemerintah|Kabupaten|Kota|Provinsi)\b)*$"
)
#: A collective of regional governments, with or without a number.
COLLECTIVE = re.compile(
    r"(?i)\b(?:(?:se?)?(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|para|seluruh|kelima|keenam|"
    r"keempat|ketiga)(?:\s*\(\w+\))?\s+)?(?:instansi(?:\s+pemerintah)?|pemerintah\s+(?:daerah|kabupaten|kota|provinsi)(?:\s*/\s*kota)?|pemda|pemkab|pemkot|"
    r"pemprov|kabupaten\s*/\s*kota|kepala\s+daerah|daerah|provinsi)\b(?:\s*\(\s*Pemda\s*\))?(?:\s+lainnya)?"
)
_NUMBER_WORDS = {"dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10}
_FOR = re.compile(r"\s*,?\s*untuk\s+")
#: An earlier cooperation: "pada 2016 lalu", "sejak 15 Agustus 2008", "telah terjalin sebelumnya".
PAST = re.compile(
    r"(?i)\bpada\s+(?:tahun\s+)?\d{4}\s+lalu\b|\bsejak\s+(?:\d{1,2}\s+\w+\s+)?\d{4}\b|\btanggal\s+\d{1,2}\s+\w+\s+\d{4}\b|"
    r"\btelah\s+terjalin\s+sebelumnya\b|\bkerja\s*sama\s+sebelumnya\b"
)
#: The most institutions, and "dengan" clauses, read in one sentence: real sentences name far fewer, and the
#: bounds keep a hostile sentence of thousands of names linear.
MAX_PER_SENTENCE = 60
MAX_CLAUSES = 12
REGIONAL_POSTS = frozenset({"Bupati", "Walikota", "Gubernur", "Wakil Bupati", "Wakil Walikota", "Wakil Gubernur",
                            "Sekretaris Daerah", "Asisten"})


@dataclass(frozen=True, slots=True)
class PartySet:
    """The parties of one agreement as one sentence names them."""

    parties: tuple[InstitutionKey, ...]
    sentence: int
    past: bool


def _between_only_joiners(text: str, a: InstitutionHit, b: InstitutionHit) -> bool:
    return bool(_JOINER.match(text[a.span.end:b.span.start]))


def _list_after(text: str, pos: int, end: int, hits: list[InstitutionHit]) -> list[InstitutionHit]:
    """The institutions listed from ``pos``: the first one within a few words, then every one joined by "dan",
    commas or "dengan", up to the list's end."""
    stop = _LIST_END.search(text, pos, end)
    limit = stop.start() if stop else end
    out: list[InstitutionHit] = []
    for h in hits:
        if h.span.start < pos:
            continue
        if h.span.start >= limit and not (out and _between_only_joiners(text, out[-1], h)):
            break
        if not out:
            if len(text[pos:h.span.start].split()) > 3:
                break
        elif not _between_only_joiners(text, out[-1], h):
            break
        out.append(h)
        if h.span.end > limit:  # a list of regions with one prefix runs past a "dan"
            limit = h.span.end
            nxt = _LIST_END.search(text, h.span.end, end)
            limit = nxt.start() if nxt else end
    return out


def _unique(keys: list[InstitutionKey]) -> tuple[InstitutionKey, ...]:
    return tuple(dict.fromkeys(keys))


def read_party_sets(
    text: str,
    sents: tuple[Sentence, ...],
    hits: list[InstitutionHit],
    drafts: list[OfficialDraft],
    institution_of: dict[str, InstitutionKey | None],
    hub: InstitutionKey | None = None,
) -> list[PartySet]:
    """Party sets of every sentence about a signing, in text order; ``hub`` is the body that several others sign
    with one by one (the host), if the article says so, which splits a list of many signers into pairs."""
    out: list[PartySet] = []
    pending: list[tuple[tuple[InstitutionKey, ...], int, bool]] = []  # signers named after "ditandatangani oleh"
    members = collective_members(text, hits, drafts, institution_of)
    starts = [h.span.start for h in hits]
    mentions = sorted(((span.start, d) for d in drafts for _, span in d.mentions), key=lambda m: m[0])
    mention_starts = [m[0] for m in mentions]
    for i, s in enumerate(sents):
        if not SIGNING.search(text, s.start, s.end):
            continue
        inside = hits[in_range(starts, s.start, s.end, limit=MAX_PER_SENTENCE)]
        past_cue = PAST.search(text, s.start, s.end)
        # "tanggal <date>" dates an earlier document only where nobody signs in the sentence itself
        past = past_cue is not None and not (past_cue.group().lower().startswith("tanggal")
                                             and SIGNS.search(text, s.start, s.end))
        found: list[tuple[InstitutionKey, ...]] = []
        by = _BY.search(text, s.start, s.end)
        if by is not None:
            signers = _signers(text, by.end(), s.end, inside, mentions[in_range(mention_starts, by.end(), s.end)],
                               institution_of)
            if signers:
                pending.append((signers, i, past))
                continue
        antara = _ANTARA.search(text, s.start, s.end)
        if antara is not None and not found:
            listed = _list_after(text, antara.end(), s.end, inside)
            has_with = _WITH.search(text, antara.end(), listed[-1].span.start) if len(listed) > 1 else None
            if len(listed) >= 2 and has_with is None:
                found.append(_unique([h.key for h in listed]))
            elif len(listed) >= 2:
                found.extend((listed[0].key, h.key) for h in listed[1:] if h.key != listed[0].key)
            elif len(listed) == 1 and COLLECTIVE.match(text, _skip_with(text, listed[0].span.end)) and members:
                found.extend((listed[0].key, m) for m in members if m != listed[0].key)
        if not found:
            side: list[InstitutionKey] = []
            objects: set[int] = set()  # "Selain dengan Bupati X, LAN juga ... dengan Y": X is no subject
            for clause, w in enumerate(_WITH.finditer(text, s.start, s.end)):
                if clause >= MAX_CLAUSES:
                    break
                partners = _list_after(text, w.end(), s.end, inside)
                subject = [h for h in inside if h.span.end <= w.start() and h.span.start not in objects]
                objects.update(h.span.start for h in partners)
                if not subject:
                    if partners and members and COLLECTIVE.search(text, s.start, w.start()):
                        # "3 instansi daerah menjalin kerja sama dengan LAN": each of them with LAN
                        found.extend((m, partners[0].key) for m in members if m != partners[0].key)
                    continue
                first = subject[0]
                joined = [first]  # "A dan B menandatangani MoU dengan C": both sign with C
                for h in subject[1:]:
                    if not _between_only_joiners(text, joined[-1], h):
                        break
                    joined.append(h)
                collective = COLLECTIVE.match(text, _skip_space(text, w.end()))
                if not partners and collective is not None and "lainnya" in collective.group().lower():
                    side = [m for m in members if m != first.key]  # "A bersama empat pemerintah kabupaten lainnya"
                    continue
                if partners:
                    partner_keys = [h.key for h in partners if h.key != first.key]
                elif collective is not None and members:
                    partner_keys = [m for m in members if m != first.key]
                else:
                    continue
                for a in dict.fromkeys([*(h.key for h in joined), *side]):
                    found.extend((a, p) for p in partner_keys if p != a)
        if not found:
            verb = SIGNS.search(text, s.start, s.end)  # "A dan B menandatangani": an active verb, a real joiner
            before = [h for h in inside if h.span.end <= verb.start()] if verb else []
            joined = [before[0]] if before else []
            for h in before[1:]:
                gap = text[joined[-1].span.end:h.span.start]
                if _between_only_joiners(text, joined[-1], h) and gap.strip():
                    joined.append(h)
                else:
                    joined = [h]
            keys = _unique([h.key for h in joined])
            if len(keys) >= 2:
                found.append(keys)
        for keys in found:
            keys = _unique(list(keys))
            if len(keys) >= 2:
                out.append(PartySet(keys, i, past))
    # signers: one document of them all, unless the article has them sign with one body one by one (the hub
    # of the pairs read so far, or the host that "empat instansi" sign with); one signer signs with the hub
    counts = Counter(k for p in out if len(p.parties) == 2 for k in p.parties)
    paired = (counts.most_common(1)[0][0] if counts and counts.most_common(1)[0][1] >= 2 else None) or hub
    for signers, i, past in pending:
        covered = paired is not None and all(any({paired, k} == set(p.parties) for p in out) for k in signers if k != paired)
        if len(signers) == 1 and paired is not None and signers[0] != paired:
            out.append(PartySet((paired, signers[0]), i, past))
        elif len(signers) == 2 or (len(signers) > 2 and paired is None):
            out.append(PartySet(signers, i, past))
        elif len(signers) > 2 and not covered:
            out.extend(PartySet((paired, k), i, past) for k in signers if k != paired)  # type: ignore[arg-type]
    return sorted(out, key=lambda p: p.sentence)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _skip_with(text: str, pos: int) -> int:
    m = re.compile(r"\s*(?:dengan|dan)\s+").match(text, pos)
    return m.end() if m else pos


def _signers(text: str, pos: int, end: int, inside: list[InstitutionHit], named_after: list[tuple[int, OfficialDraft]],
             institution_of: dict[str, InstitutionKey | None]) -> tuple[InstitutionKey, ...]:
    """The institutions of the officials named after "ditandatangani oleh" (``named_after``: their mentions
    there, in text order), or the ones they sign "untuk"."""
    if not named_after:
        # "juga ditandatangani oleh Pemerintah Kabupaten X": a body named without its signer
        return _unique([h.key for h in _list_after(text, pos, end, inside)])
    named: list[InstitutionKey] = []
    seen: set[str] = set()
    by_start = {h.span.start: h for h in inside}
    for start, d in named_after:
        if d.name in seen:
            continue
        seen.add(d.name)
        key = institution_of.get(d.name)
        span_end = next(s.end for _, s in d.mentions if s.start == start)
        after = _FOR.match(text, span_end)
        if after is not None and after.end() in by_start:
            key = by_start[after.end()].key
        if key is not None:
            named.append(key)
    return _unique(named)


#: What introduces a list of the members of a collective: "di antaranya", "yakni", "adalah", a colon.
_LIST_INTRO = re.compile(r"(?i)\b(?:di\s*antaranya|yakni|yaitu|adalah|antara\s+lain|terdiri\s+(?:dari|atas)|meliputi)\b|:")
_MEMBER_JOINER = re.compile(r"(?:[\s,;&]|\bdan\b|\bserta\b|\([^()\n]{0,40}\))*")


def collective_members(text: str, hits: list[InstitutionHit], drafts: list[OfficialDraft],
                       institution_of: dict[str, InstitutionKey | None]) -> list[InstitutionKey]:
    """What "lima Pemda" stands for: the regions an article lists after "di antaranya", "yakni", ... and the
    regions whose heads or stand-ins it names, in order of first mention."""
    found: list[tuple[int, InstitutionKey]] = []
    regions = hits  # "Delapan instansi ... adalah BP Batam, Pemkab X, ...": any body listed
    region_starts = [h.span.start for h in regions]
    for intro in _LIST_INTRO.finditer(text):
        listed: list[InstitutionHit] = []
        pos = intro.end()
        for h in regions[in_range(region_starts, pos, len(text) + 1, limit=MAX_PER_SENTENCE)]:
            gap = text[pos:h.span.start]
            if _MEMBER_JOINER.fullmatch(gap) is None or (not listed and len(gap.split()) > 1):
                break
            listed.append(h)
            pos = h.span.end
        if len(listed) >= 2:
            found.extend((h.span.start, h.key) for h in listed)
    for d in drafts:
        key = institution_of.get(d.name)
        if key is None or key.code is None or d.post is None or d.title is None:
            continue
        base = d.title.removeprefix("Penjabat ").removeprefix("Pelaksana Tugas ").removeprefix("Pelaksana Harian ")
        if base in REGIONAL_POSTS and d.mentions:
            found.append((min(s.start for _, s in d.mentions), key))
    return list(dict.fromkeys(k for _, k in sorted(found, key=lambda x: x[0])))
