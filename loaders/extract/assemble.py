"""Put the stages together into a ``FactBundle`` for one article."""

from __future__ import annotations

from lankg.loaders.articles import Article
from lankg.loaders.extract.agreements import agreement_type, find_scopes, unique
from lankg.loaders.extract.dates import find_dates, find_published, resolve_date
from lankg.loaders.extract.events import assign_roles, find_host, find_mode, find_place
from lankg.loaders.extract.institutions import InstitutionHit, InstitutionKey, InstitutionMatcher
from lankg.loaders.extract.lexicon import Lexicon
from lankg.loaders.extract.officials import OfficialDraft, OfficialFinder
from lankg.loaders.extract.patterns import COOPERATION, ENUMERATED, PARTY_LIST, PAST_YEAR
from lankg.loaders.extract.text import Sentence, sentence_of, sentences
from lankg.records import Agreement, Event, FactBundle, Institution, Mention, Official

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
    about_signing = {i for i, s in enumerate(sents)
                     if COOPERATION.search(text, s.start, s.end) or PARTY_LIST.search(text, s.start, s.end)
                     or ENUMERATED.match(text, s.start)}
    found = {h.key for h in hits if sentence_of(sents, h.span.start) in about_signing}
    found.update(k for d in drafts if "signatory" in roles[d.name] and (k := institution_of[d.name]) is not None)
    return found


def assemble(article: Article, lexicon: Lexicon) -> FactBundle:
    """Facts of one article."""
    text = article.text
    matcher, finder = _compiled(lexicon)
    hits = matcher.find(text)
    drafts = finder.find(text, hits)
    sents = sentences(text)
    place = find_place(text)
    mode = find_mode(text)
    host = find_host(text, sents, hits, place)
    institution_of = {d.name: d.institution or (host if d.post is not None and d.post.implies is None else None) for d in drafts}

    written = find_dates(text)
    events: list[Event] = []
    if written:
        stamp = find_published(text)
        read = resolve_date(written[0], [d.name for d in drafts], lexicon.tenures, published=stamp[0] if stamp else None)
        date, as_written, note, span = (read.date.isoformat() if read.date else None), read.as_written, read.note, read.span
    else:
        date = as_written = span = None
        note = "The article gives no date."
    events.append(Event(id="e1", date=date, date_as_written=as_written, date_note=note, venue=place.venue,
                        city=place.city, mode=mode, host=host.name if host else None, date_span=span))  # type: ignore[arg-type]

    past_sents: set[int] = set()
    past_partners: list[InstitutionKey] = []
    for m in PAST_YEAR.finditer(text):
        i = sentence_of(sents, m.start())
        s = sents[i]
        if not COOPERATION.search(text, s.start, s.end):
            continue
        partners = [h.key for h in hits if s.start <= h.span.start < s.end and h.key != host]
        if not partners:
            continue
        past_sents.add(i)
        past_partners.extend(p for p in partners if p not in past_partners)
        if len(events) == 1:
            events.append(Event(id="e2", date=None, date_as_written=m.group(), date_span=None,
                                date_note=f"An earlier cooperation; only the year {m.group('y')} is given, so no date."))

    witnessed_only = set()
    roles_probe, _ = assign_roles(text, sents, drafts, institution_of, set(), mode)
    for key in {h.key for h in hits}:
        officials = [d for d in drafts if institution_of[d.name] == key]
        if officials and all("witness" in roles_probe[d.name] for d in officials):
            witnessed_only.add(key)
    in_main = {h.key for h in hits if sentence_of(sents, h.span.start) not in past_sents}
    candidates = [k for k in dict.fromkeys(h.key for h in hits)
                  if k != host and k in in_main and k not in witnessed_only]
    signs = _signing_evidence(text, sents, hits, drafts, institution_of, roles_probe)
    # an institution named only in passing ("sejalan dengan arahan Kemendagri") is no partner; an article
    # whose signing the cues miss altogether keeps every institution it names
    partners = [k for k in candidates if k in signs] or candidates
    parties = set(partners) | ({host} if host else set())
    roles, attendance = assign_roles(text, sents, drafts, institution_of, parties, mode)

    scopes = find_scopes(text, sents, hits, past_sents)
    kind = agreement_type(text)
    agreements = []
    if host is not None:
        for p in partners:
            agreements.append(Agreement(parties=(host.name, p.name), type=kind, event="e1",  # type: ignore[arg-type]
                                        scopes=unique(scopes.per_partner.get(p) or scopes.shared)))
        for p in past_partners:
            agreements.append(Agreement(parties=(host.name, p.name), type="other", event="e2", scopes=unique(scopes.past)))

    officials = []
    for d in drafts:
        seen: dict[str, Mention] = {}
        for t, s in sorted(d.mentions, key=lambda m: m[1].start):
            seen.setdefault(t, Mention(t, s))
        inst = institution_of[d.name]
        officials.append(Official(
            name=d.name, mentions=tuple(seen.values()), degrees_and_titles=tuple(d.degrees), position=d.title,
            institution=inst.name if inst else None, roles=roles[d.name],  # type: ignore[arg-type]
            attendance=attendance[d.name], event="e1",  # type: ignore[arg-type]
        ))
    return FactBundle(source=article.ref, events=tuple(events), institutions=_institutions(hits),
                      agreements=tuple(agreements), officials=tuple(officials))
