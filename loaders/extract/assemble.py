"""Put the stages together into a ``FactBundle`` for one article."""

from __future__ import annotations

import re

from lankg.loaders.articles import Article
from lankg.loaders.extract.agreements import ScopeFinding, agreement_type, find_scopes, unique
from lankg.loaders.extract.dates import find_dates, read_event_date, resolve_date
from lankg.loaders.extract.document import Document
from lankg.loaders.extract.events import assign_roles, find_host, find_mode, find_place
from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey, InstitutionMatcher
from lankg.loaders.extract.lexicon import Lexicon
from lankg.loaders.extract.officials import OfficialDraft, OfficialFinder
from lankg.loaders.extract.parties import SIGNING, PartySet, read_party_sets
from lankg.loaders.extract.patterns import MOU, PKS
from lankg.loaders.extract.text import Sentence, sentence_of
from lankg.records import Agreement, Event, FactBundle, Institution, Mention, Official, Span

_COMPILED: dict[int, tuple[Lexicon, InstitutionMatcher, OfficialFinder]] = {}


def _compiled(lexicon: Lexicon) -> tuple[InstitutionMatcher, OfficialFinder]:
    entry = _COMPILED.get(id(lexicon))
    if entry is None or entry[0] is not lexicon:
        entry = _COMPILED[id(lexicon)] = (lexicon, InstitutionMatcher.build(lexicon), OfficialFinder(lexicon))
    return entry[1], entry[2]


def _institutions(hits: list[InstitutionHit]) -> tuple[Institution, ...]:
    grouped: dict[InstitutionKey, list[Mention]] = {}
    for h in hits:
        grouped.setdefault(h.key, []).append(Mention(h.text, h.span))
    out = []
    for key, mentions in grouped.items():
        seen: dict[str, Mention] = {}
        for m in mentions:
            seen.setdefault(m.text, m)
        out.append(Institution(key.name, key.kind, tuple(seen.values()), key.code))  # type: ignore[arg-type]
    return tuple(out)


def _signing_evidence(
    text: str,
    sents: tuple[Sentence, ...],
    hits: list[InstitutionHit],
    drafts: list[OfficialDraft],
    institution_of: dict[str, InstitutionKey | None],
    roles: dict[str, tuple[str, ...]],
) -> set[InstitutionKey]:
    """Institutions the article ties to the signing: named in a sentence about the cooperation or in a
    list of the parties, or represented by an official who signs."""
    about_signing = {i for i, s in enumerate(sents) if SIGNING.search(text, s.start, s.end)}
    found = {h.key for h in hits if sentence_of(sents, h.span.start) in about_signing}
    found.update(k for d in drafts if "signatory" in roles[d.name] and (k := institution_of[d.name]) is not None)
    return found


#: The most officials of one sentence looked at for the one a stand-in accompanies.
MAX_NEAR = 12
_REGIONAL_UNIT = re.compile(r"\b(?:Sekretaris Daerah|Asisten|Dinas|Setda\w*|Sekretariat Daerah|Bappeda|Inspektorat|BPSDM|BKD|Kepala Bagian)\b")
_STAND_IN = re.compile(r"(?i)\b(?:mewakili|diwakili|didampingi|mendampingi)\b")


def _institution_of(text: str, sents: tuple[Sentence, ...], hits: list[InstitutionHit], drafts: list[OfficialDraft],
                    host: InstitutionKey | None) -> dict[str, InstitutionKey | None]:
    """Each official's institution: the one written in the post; else, for a regional post ("Bupati Khamami",
    "Asisten Bidang Ekonomi"), the article's one region of that kind or the region of the person stood in for
    or accompanied; else the host, for an agency's post."""
    regions = list(dict.fromkeys(h.key for h in hits if h.key.code is not None))
    out: dict[str, InstitutionKey | None] = {d.name: d.institution for d in drafts}
    in_sentence: dict[int, list[OfficialDraft]] = {}
    for o in drafts:
        for i in {sentence_of(sents, s.start) for _, s in o.mentions}:
            in_sentence.setdefault(i, []).append(o)
    for d in drafts:
        if d.institution is not None or d.post is None:
            continue
        if d.post.implies is not None:
            of_kind = [r for r in regions if r.kind == d.post.implies]
            out[d.name] = of_kind[0] if len(of_kind) == 1 else None
        elif d.title is not None and _REGIONAL_UNIT.search(d.title):
            near = None
            for _, span in d.mentions[:3]:
                i = sentence_of(sents, span.start)
                if _STAND_IN.search(text, sents[i].start, sents[i].end):
                    near = next((k for o in in_sentence.get(i, ())[:MAX_NEAR] if o is not d
                                 and (k := out.get(o.name)) is not None and k.code is not None), None)
                    if near:
                        break
            out[d.name] = near or (regions[0] if len(regions) == 1 else None)
        else:
            out[d.name] = host
    return out


_MANY_WITH = re.compile(r"(?i)\b(?:\d+|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|beberapa|sejumlah|para)"
                        r"(?:\s*\(\w+\))?\s+"
                        r"(?:instansi|lembaga|pemerintah|pemda|kementerian|daerah|kepala\s+daerah|bupati)")


def _hub(text: str, sents: tuple[Sentence, ...], hits: list[InstitutionHit], host: InstitutionKey | None) -> InstitutionKey | None:
    """The host, when the article says that several bodies sign with it ("empat instansi menjalin kerja sama
    dengan LAN", "Delapan Instansi ... adalah"); else None, and a list of signers is one document."""
    if host is None:
        return None
    return host if _MANY_WITH.search(text) else None


def _without_subsets(sets: list[tuple[InstitutionKey, ...]]) -> list[tuple[InstitutionKey, ...]]:
    """Party sets in order, each once, none that is part of a larger one named too."""
    unique = list(dict.fromkeys(tuple(sorted(s, key=lambda k: k.name)) for s in sets))
    first = {tuple(sorted(s, key=lambda k: k.name)): s for s in reversed(sets)}
    return [first[u] for u in unique if not any(set(u) < set(o) for o in unique)]


def assemble(article: Article, lexicon: Lexicon) -> FactBundle:
    """Facts of one article."""
    text = article.text
    doc = Document.read(article)
    matcher, finder = _compiled(lexicon)
    hits = [h for h in matcher.find(text) if not doc.is_noise(h.span)]
    drafts = [d for d in finder.find(text, hits) if any(not doc.is_noise(s) for _, s in d.mentions)]
    sents = doc.sentences
    place = find_place(text)
    mode = find_mode(text)
    host = find_host(text, sents, hits, place)
    institution_of = _institution_of(text, sents, hits, drafts, host)

    party_sets = read_party_sets(text, sents, hits, drafts, institution_of, _hub(text, sents, hits, host))
    past_sents = {p.sentence for p in party_sets if p.past}
    published = doc.published
    about_signing = [Span(s.start, s.end) for i, s in enumerate(sents) if SIGNING.search(text, s.start, s.end)
                     and i not in past_sents]
    not_the_event = [Span(sents[i].start, sents[i].end) for i in past_sents] + list(doc.noise)
    if published is not None and published.span is not None:
        not_the_event.append(published.span)
    officials_known = [(d.name, k.name if (k := institution_of[d.name]) else None) for d in drafts]
    written = find_dates(text)
    read = read_event_date(text, about_signing, not_the_event, officials_known, lexicon.tenures,
                           published.latest if published else None, written)
    events: list[Event] = []
    date: str | None = None
    as_written: str | None = None
    span: Span | None = None
    note = "The article gives no date."
    if read is not None:
        date, as_written, note, span = (read.date.isoformat() if read.date else None), read.as_written, read.note, read.span
    events.append(Event(id="e1", date=date, date_as_written=as_written, date_note=note, venue=place.venue,
                        city=place.city, mode=mode, host=host.name if host else None, date_span=span))  # type: ignore[arg-type]

    main_sets = _without_subsets([p.parties for p in party_sets if not p.past])
    past_sets = [p for p in party_sets if p.past]
    if not main_sets:
        main_sets = _fallback_sets(text, sents, hits, drafts, institution_of, host, mode, past_sents)
    if past_sets:
        p = past_sets[0]
        s = sents[p.sentence]
        when = [w for w in written if s.start <= w.span.start < s.end]
        past_date = resolve_date(when[0], [], ()) if when and when[0].year is not None else None
        events.append(Event(id="e2", date=past_date.date.isoformat() if past_date and past_date.date else None,
                            date_as_written=when[0].as_written if when else None,
                            date_span=when[0].span if when else None,
                            date_note=(f"An earlier agreement, dated {past_date.date.isoformat()} in the text."
                                       if past_date and past_date.date else "An earlier cooperation; the text gives no date of it.")))
    parties = {k for ps in main_sets for k in ps}
    roles, attendance = assign_roles(text, sents, drafts, institution_of, parties, mode)

    scopes = find_scopes(text, sents, hits, past_sents)
    kind = agreement_type(text)
    bound = _bind_scopes(scopes, [p for p in party_sets if not p.past], main_sets)
    agreements = []
    for ps in main_sets:
        partner = next((k for k in ps if k != host), ps[-1])
        agreements.append(Agreement(parties=tuple(k.name for k in ps), type=kind, event="e1",  # type: ignore[arg-type]
                                    scopes=unique(scopes.per_partner.get(partner) or bound[ps])))
    for p in past_sets[:1]:
        body = text[sents[p.sentence].start:sents[p.sentence].end]
        agreements.append(Agreement(parties=tuple(k.name for k in p.parties),
                                    type=agreement_type(body) if MOU.search(body) or PKS.search(body) else "other",  # type: ignore[arg-type]
                                    event="e2", scopes=unique(scopes.past)))

    officials = []
    for d in drafts:
        seen: dict[str, Mention] = {}
        for t, where in sorted(d.mentions, key=lambda m: m[1].start):
            seen.setdefault(t, Mention(t, where))
        inst = institution_of[d.name]
        officials.append(Official(
            name=d.name, mentions=tuple(seen.values()), degrees_and_titles=tuple(d.degrees), position=d.title,
            institution=inst.name if inst else None, roles=roles[d.name],  # type: ignore[arg-type]
            attendance=attendance[d.name], event="e1" if roles[d.name] else None,  # type: ignore[arg-type]
        ))
    taking_part = parties | {k for ps in past_sets[:1] for k in ps.parties} | ({host} if host else set())
    taking_part |= {k for d in drafts if (k := institution_of[d.name]) is not None}
    return FactBundle(source=article.ref, events=tuple(events),
                      institutions=_institutions([h for h in hits if h.key in taking_part]),
                      agreements=tuple(agreements), officials=tuple(officials))


def _bind_scopes(scopes: ScopeFinding, read: list[PartySet], main_sets: list[tuple[InstitutionKey, ...]]
                 ) -> dict[tuple[InstitutionKey, ...], list[Mention]]:
    """Scopes of each agreement: those read in a sentence that names some of the agreements go to those only
    ("MoU tentang pendidikan ini ditandatangani oleh A dan B"); the others go to every agreement."""
    named: dict[int, set[frozenset[InstitutionKey]]] = {}
    for p in read:
        named.setdefault(p.sentence, set()).add(frozenset(p.parties))
    everyone = {frozenset(ps) for ps in main_sets}
    bound: dict[tuple[InstitutionKey, ...], list[Mention]] = {ps: [] for ps in main_sets}
    for i, pieces in scopes.by_sentence.items():
        targets = named.get(i, set()) & everyone
        for ps in main_sets:
            if not targets or targets == everyone or frozenset(ps) in targets:
                bound[ps].extend(pieces)
    return bound


def _fallback_sets(text: str, sents: tuple[Sentence, ...], hits: list[InstitutionHit], drafts: list[OfficialDraft],
                   institution_of: dict[str, InstitutionKey | None], host: InstitutionKey | None, mode: str,
                   past_sents: set[int]) -> list[tuple[InstitutionKey, ...]]:
    """When no sentence names who signs with whom: the host with each institution tied to the signing."""
    if host is None:
        return []
    witnessed_only = set()
    roles_probe, _ = assign_roles(text, sents, drafts, institution_of, set(), mode)
    of_key: dict[InstitutionKey, list[OfficialDraft]] = {}
    for d in drafts:
        if (k := institution_of[d.name]) is not None:
            of_key.setdefault(k, []).append(d)
    for key, officials in of_key.items():
        if all("witness" in roles_probe[d.name] for d in officials):
            witnessed_only.add(key)
    in_main = {h.key for h in hits if sentence_of(sents, h.span.start) not in past_sents}
    candidates = [k for k in dict.fromkeys(h.key for h in hits)
                  if k != host and k in in_main and k not in witnessed_only]
    signs = _signing_evidence(text, sents, hits, drafts, institution_of, roles_probe)
    partners = [k for k in candidates if k in signs]
    return [(host, p) for p in partners]
