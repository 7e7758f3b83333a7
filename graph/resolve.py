"""Which facts from different articles are the same institution, person or signing event.

Every institution, official and event of an article is a *record* with an id
``<doc>#<kind>:<local>`` (the local part is the canonical name, or the event's
id in the article). Records are linked by automatic rules and by hand
judgements, and the connected components (networkx) of the positive links are
the entities:

- institutions: same Kemendagri code, else same normalised canonical name (a
  name that is exactly a gazetteer region's name counts as that region's code);
- officials: same normalised name and the same institution entity (an official
  without an institution joins the only same-named one, if there is one);
- signing events: same host entity and same date (undated or hostless events
  stay apart).

Hand judgements (nomenklatura style: ``positive``, ``negative``, ``unsure``)
live in a YAML file and are respected on every rebuild: a positive judgement
links two records, a negative one cuts the automatic links between them (a
minimum edge cut in which judged links cannot be cut), ``unsure`` is recorded
and changes nothing. Each entity's canonical key follows one rule: an
authority code (Kemendagri; the name is then the gazetteer's) beats a hash of
the canonical name (the most frequent surface name, then the longest, then the
first in sort order); an official's key adds the institution's IRI; an event's
is its host's IRI and date, else its article and id. The same records always
give the same IRIs; surface names other than the canonical one become
``lankg:alias`` values, so no entity has two ``lankg:name`` values.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, cast

import networkx as nx
import yaml

from lankg.errors import InputError
from lankg.fileio import read_text_checked
from lankg.graph.iris import article_key, mint, region_iri
from lankg.names import normalise_key
from lankg.ontology.regions import region_by_code
from lankg.records import FactBundle
from lankg.yamltext import load_yaml

Verdict = Literal["positive", "negative", "unsure"]
VERDICTS: tuple[str, ...] = ("positive", "negative", "unsure")

#: Where ``lankg build`` looks for hand judgements unless told otherwise.
DEFAULT_JUDGEMENTS = Path("data") / "judgements.yaml"

_JUDGED = 1_000_000  # capacity of a judged link: a cut never goes through it


@dataclass(frozen=True, slots=True)
class Judgement:
    """One person's decision that two records are (not) the same entity."""

    left: str
    right: str
    verdict: Verdict
    line: int | None = None
    note: str | None = None


def institution_record(doc: str, name: str) -> str:
    """The record id of institution ``name`` as article ``doc`` reports it."""
    return f"{doc}#institution:{name}"


def official_record(doc: str, name: str) -> str:
    """The record id of official ``name`` as article ``doc`` reports them."""
    return f"{doc}#official:{name}"


def event_record(doc: str, event_id: str) -> str:
    """The record id of event ``event_id`` of article ``doc``."""
    return f"{doc}#event:{event_id}"


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping, for error messages."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, object]:
    seen: set[object] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    mapping = cast(dict[str, object], loader.construct_mapping(node, deep=True))
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def read_judgements(path: Path) -> tuple[Judgement, ...]:
    """Judgements from a YAML file: ``judgements: [{left, right, verdict, note?}, ...]``; errors name file and line.

    A missing file means no judgements; an empty or malformed one is an error.
    """
    if not path.exists():
        return ()
    text = read_text_checked(path)
    data = load_yaml(text, path, loader=_LineLoader)
    if not isinstance(data, dict) or set(data) - {"judgements", "__line__"}:
        raise InputError(path, "expected a mapping with the single key 'judgements'", line=1)
    items = data.get("judgements") or []
    if not isinstance(items, list):
        raise InputError(path, "'judgements' must be a list", line=data.get("__line__"))
    found: list[Judgement] = []
    for i, item in enumerate(items):
        line = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict):
            raise InputError(path, f"judgements[{i}]: expected a mapping with left, right, verdict")
        unknown = set(item) - {"left", "right", "verdict", "note", "__line__"}
        if unknown:
            raise InputError(path, f"judgements[{i}]: unknown key(s) {', '.join(sorted(unknown))}", line=line)
        for key in ("left", "right", "verdict"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise InputError(path, f"judgements[{i}].{key}: missing or not a non-empty string", line=line)
        if item["verdict"] not in VERDICTS:
            raise InputError(path, f"judgements[{i}].verdict: {item['verdict']!r} is not one of {', '.join(VERDICTS)}", line=line)
        if item["left"] == item["right"]:
            raise InputError(path, f"judgements[{i}]: left and right are the same record", line=line)
        note = item.get("note")
        if note is not None and not isinstance(note, str):
            raise InputError(path, f"judgements[{i}].note: expected a string", line=line)
        found.append(Judgement(item["left"], item["right"], item["verdict"], line, note))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Entity:
    """One resolved institution, official or event: its IRI, canonical name and records."""

    iri: str
    name: str | None
    records: tuple[str, ...]
    code: str | None = None


@dataclass(slots=True)
class Resolution:
    """Record id → entity, for every record of the bundles."""

    entities: dict[str, Entity] = field(default_factory=dict)
    unknown_judgements: list[Judgement] = field(default_factory=list)

    def of(self, record: str) -> Entity:
        return self.entities[record]

    def clusters(self, kind: str) -> list[Entity]:
        """The distinct entities of one kind (``institution``, ``official``, ``event``), sorted by IRI."""
        seen = {e.iri: e for r, e in self.entities.items() if r.split("#", 1)[1].startswith(f"{kind}:")}
        return [seen[k] for k in sorted(seen)]


def _components(
    nodes: Sequence[str], auto: Iterable[tuple[str, str]], judgements: Sequence[Judgement]
) -> list[set[str]]:
    """Connected components of the positive links after negative judgements cut them apart."""
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(nodes)
    for a, b in auto:
        if a != b:
            g.add_edge(a, b, capacity=1)
    known = set(nodes)
    for j in judgements:
        if j.verdict == "positive" and j.left in known and j.right in known:
            g.add_edge(j.left, j.right, capacity=_JUDGED)
    for j in judgements:
        if j.verdict != "negative" or j.left not in known or j.right not in known:
            continue
        if not nx.has_path(g, j.left, j.right):
            continue
        value, (side, _) = nx.minimum_cut(g, j.left, j.right)
        if value >= _JUDGED:
            continue  # positive judgements connect them: the positive decision stands
        cut = [(a, b) for a in side for b in g[a] if b not in side]
        g.remove_edges_from(cut)
    # ordered by smallest record, so when a cut leaves two parts with one key the same part keeps it
    return sorted((set(c) for c in nx.connected_components(g)), key=min)


def _star(groups: Mapping[Any, list[str]]) -> Iterable[tuple[str, str]]:
    for members in groups.values():
        first = min(members)
        for other in members:
            yield first, other


def resolve(
    bundles: Sequence[FactBundle], judgements: Sequence[Judgement] = (), *, base: str, copy_of: Mapping[str, str] | None = None
) -> Resolution:
    """Resolve the institutions, officials and events of ``bundles`` into entities with IRIs under ``base``.

    ``copy_of`` maps the ``article_key`` of an article that is a copy of another (``graph.duplicates``) to its group's
    key: an event the copies report without host and date is then one event, not one per copy.
    """
    copy_of = copy_of or {}
    res = Resolution()
    all_records: set[str] = set()
    regions = region_by_code()
    region_names = {normalise_key(r.name): r.code for r in regions.values()}

    # -- institutions --------------------------------------------------
    inst_code: dict[str, str | None] = {}
    inst_name: dict[str, str] = {}
    by_key: dict[object, list[str]] = defaultdict(list)
    for b in bundles:
        names = {i.name: i for i in b.institutions}
        referenced = {e.host for e in b.events if e.host} | {p for a in b.agreements for p in a.parties}
        referenced |= {o.institution for o in b.officials if o.institution}
        for name in sorted(set(names) | referenced):
            rec = institution_record(b.doc, name)
            inst = names.get(name)
            code = inst.kemendagri_code if inst is not None and inst.kemendagri_code else region_names.get(normalise_key(name))
            inst_code[rec], inst_name[rec] = code, name
            by_key[("code", code) if code else ("name", normalise_key(name))].append(rec)
    nodes = sorted(inst_code)
    all_records.update(nodes)
    taken: set[str] = set()
    for comp in _components(nodes, _star(by_key), judgements):
        codes = sorted({c for r in comp if (c := inst_code[r])})
        if codes:
            code = codes[0]
            iri = str(region_iri(base, code))
            name = regions[code].name if code in regions else Counter(inst_name[r] for r in comp).most_common(1)[0][0]
        else:
            code = None
            name = _canonical_name(inst_name[r] for r in comp)
            iri = str(mint(base, "institution", normalise_key(name)))
        if iri in taken:  # split off by a negative judgement: named by its smallest record
            iri, code = str(mint(base, "institution", "split", min(comp))), None
        taken.add(iri)
        entity = Entity(iri, name, tuple(sorted(comp)), code)
        for r in comp:
            res.entities[r] = entity

    # -- officials -----------------------------------------------------
    off_name: dict[str, str] = {}
    off_inst: dict[str, str] = {}
    by_person: dict[tuple[str, str], list[str]] = defaultdict(list)
    loose: list[str] = []
    for b in bundles:
        for off in b.officials:
            rec = official_record(b.doc, off.name)
            off_name[rec] = off.name
            inst_iri = res.of(institution_record(b.doc, off.institution)).iri if off.institution else ""
            off_inst[rec] = inst_iri
            if inst_iri:
                by_person[(normalise_key(off.name), inst_iri)].append(rec)
            else:
                loose.append(rec)
    auto = list(_star(by_person))
    for rec in loose:
        matches = [k for k in by_person if k[0] == normalise_key(off_name[rec])]
        if len(matches) == 1:
            auto.append((by_person[matches[0]][0], rec))
    nodes = sorted(off_name)
    all_records.update(nodes)
    for comp in _components(nodes, auto, judgements):
        # keys with an institution beat bare names; then the smallest
        person = min((not off_inst[r], normalise_key(off_name[r]), off_inst[r]) for r in comp)[1:]
        iri = str(mint(base, "official", *person))
        if iri in taken:
            iri = str(mint(base, "official", "split", min(comp)))
        taken.add(iri)
        entity = Entity(iri, _canonical_name(off_name[r] for r in comp), tuple(sorted(comp)))
        for r in comp:
            res.entities[r] = entity

    # -- events --------------------------------------------------------
    ev_key: dict[str, tuple[str, ...]] = {}
    by_occasion: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for b in bundles:
        story = copy_of.get(article_key(b.source), article_key(b.source))
        for ev in b.events:
            rec = event_record(b.doc, ev.id)
            if ev.host and ev.date:
                key: tuple[str, ...] = (res.of(institution_record(b.doc, ev.host)).iri, ev.date)
                by_occasion[key].append(rec)
            else:
                key = (story, ev.id)
                by_occasion[("copy", *key)].append(rec)
            ev_key[rec] = key
    nodes = sorted(ev_key)
    all_records.update(nodes)
    for comp in _components(nodes, _star(by_occasion), judgements):
        # hosted and dated keys (two parts, the first an IRI) beat per-article keys
        key = min((not ev_key[r][0].startswith(base), ev_key[r]) for r in comp)[1]
        iri = str(mint(base, "event", *key))
        if iri in taken:
            iri = str(mint(base, "event", "split", min(comp)))
        taken.add(iri)
        entity = Entity(iri, None, tuple(sorted(comp)))
        for r in comp:
            res.entities[r] = entity

    res.unknown_judgements = [j for j in judgements if j.left not in all_records or j.right not in all_records]
    return res


def _canonical_name(names: Iterable[str]) -> str:
    """The most frequent name; among equally frequent ones the longest, then the first in sort order."""
    counts = Counter(names)
    return min(counts, key=lambda n: (-counts[n], -len(n), n))
