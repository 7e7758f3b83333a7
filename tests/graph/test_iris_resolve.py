"""Stable IRIs and resolution across articles, including hand judgements from YAML."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF
from typer.testing import CliRunner

from lankg.cli import app
from lankg.errors import InputError
from lankg.graph.build import article_iri, build_dataset
from lankg.graph.resolve import Judgement, official_record, read_judgements, resolve
from lankg.ontology.namespaces import DEFAULT_BASE, LANKG
from lankg.records import ArticleRef, FactBundle, Institution, Mention
from lankg.store.files import union_graph

LAN = URIRef("https://w3id.org/lankg/id/institution/da66ede0e9405ebd")
ADI = URIRef("https://w3id.org/lankg/id/official/64223de9e92a9d75")
EVENT_2021_03_29 = URIRef("https://w3id.org/lankg/id/event/a39cceaa12926ccd")
TANIMBAR = URIRef("https://w3id.org/lankg/id/region/81.03")
DOC_002 = "002_ed660c4d7e1d7b7b.txt"
DOC_004 = "004_2e92f9f886834b4c.txt"


def test_pinned_iris_under_the_default_base(gold: list[FactBundle]) -> None:
    res = resolve(gold, base=DEFAULT_BASE)
    assert res.of(f"{DOC_002}#institution:Lembaga Administrasi Negara").iri == str(LAN)
    assert res.of(f"{DOC_002}#institution:Kabupaten Kepulauan Tanimbar").iri == str(TANIMBAR)
    assert res.of(official_record(DOC_002, "Adi Suryanto")).iri == str(ADI)
    assert res.of(f"{DOC_002}#event:e1").iri == str(EVENT_2021_03_29)
    assert article_iri(DEFAULT_BASE, DOC_002) == URIRef("https://w3id.org/lankg/id/article/4864b840bc8d250a")


def test_an_article_iri_comes_from_its_address_else_its_text_never_its_file_name() -> None:
    sha = "ab" * 32
    by_url = article_iri(DEFAULT_BASE, ArticleRef(doc="a.html", sha256=sha, url="https://lan.go.id/berita/1"))
    assert by_url == URIRef("https://w3id.org/lankg/id/article/21e7d28c35632bad")
    assert by_url == article_iri(DEFAULT_BASE, ArticleRef(doc="renamed.html", sha256="cd" * 32, url="https://lan.go.id/berita/1"))
    by_text = article_iri(DEFAULT_BASE, ArticleRef(doc="a.txt", sha256=sha))
    assert by_text == article_iri(DEFAULT_BASE, ArticleRef(doc="b.txt", sha256=sha)) != by_url
    assert article_iri(DEFAULT_BASE, ArticleRef(doc="a.txt")) == article_iri(DEFAULT_BASE, "a.txt")  # a curated file giving neither


def test_pinned_iris_under_another_base(gold: list[FactBundle]) -> None:
    res = resolve(gold, base="https://example.org/kg/")
    assert res.of(f"{DOC_004}#institution:Kabupaten Kepulauan Tanimbar").iri == "https://example.org/kg/region/81.03"
    assert res.of(f"{DOC_004}#institution:Lembaga Administrasi Negara").iri == "https://example.org/kg/institution/da66ede0e9405ebd"
    assert res.of(official_record(DOC_004, "Adi Suryanto")).iri == "https://example.org/kg/official/53262955c9dd50b0"


def test_person_iris_are_never_slugs_of_names(gold: list[FactBundle]) -> None:
    res = resolve(gold, base=DEFAULT_BASE)
    officials = res.clusters("official")
    assert len(officials) == 24
    for entity in officials:
        local = entity.iri.rsplit("/", 1)[1]
        assert len(local) == 16 and all(c in "0123456789abcdef" for c in local), entity.iri
        for word in (entity.name or "").lower().split():
            assert word not in entity.iri.lower()


def test_002_and_004_are_one_event_with_both_sources(gold: list[FactBundle]) -> None:
    ds, stats = build_dataset(gold)
    assert len(stats.events) == 5  # six event records: 001 reports two events, 002 and 004 share one
    g = union_graph(ds)
    articles = {article_iri(DEFAULT_BASE, b.source) for b in gold if b.doc in (DOC_002, DOC_004)}
    assert set(g.objects(EVENT_2021_03_29, PROV.wasDerivedFrom)) == articles and len(articles) == 2
    for article in articles:
        assert (EVENT_2021_03_29, RDF.type, LANKG.SigningEvent) in ds.graph(article)
    assert list(g.objects(EVENT_2021_03_29, LANKG.date)) == [Literal("2021-03-29", datatype=g.value(EVENT_2021_03_29, LANKG.date).datatype)]
    # Adi Suryanto of LAN is one person across the five articles
    assert len(set(g.objects(ADI, PROV.wasDerivedFrom))) == 5


def test_region_names_are_the_gazetteers_so_an_institution_has_one_name(gold: list[FactBundle]) -> None:
    b004 = next(b for b in gold if b.doc == DOC_004)
    renamed = tuple(
        dataclasses.replace(i, name="Kab. Tanimbar") if i.kemendagri_code == "81.03" else i for i in b004.institutions
    )
    officials = tuple(
        dataclasses.replace(o, institution="Kab. Tanimbar") if o.institution == "Kabupaten Kepulauan Tanimbar" else o
        for o in b004.officials
    )
    agreements = tuple(
        dataclasses.replace(a, parties=tuple("Kab. Tanimbar" if p == "Kabupaten Kepulauan Tanimbar" else p for p in a.parties))
        for a in b004.agreements
    )
    changed = dataclasses.replace(b004, institutions=renamed, officials=officials, agreements=agreements)
    bundles = [changed if b.doc == DOC_004 else b for b in gold]
    g = union_graph(build_dataset(bundles)[0])
    assert set(g.objects(TANIMBAR, LANKG.name)) == {Literal("Kabupaten Kepulauan Tanimbar")}
    assert Literal("Kab. Tanimbar") in set(g.objects(TANIMBAR, LANKG.alias))


def test_a_region_named_without_its_code_still_resolves_to_it() -> None:
    from lankg.records import ArticleRef

    bundle = FactBundle(
        source=ArticleRef("x.txt"),
        institutions=(Institution("Kota Ambon", "city", (Mention("Kota Ambon"),)),),
    )
    res = resolve([bundle], base=DEFAULT_BASE)
    assert res.of("x.txt#institution:Kota Ambon").iri == f"{DEFAULT_BASE}region/81.71"


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_a_negative_judgement_splits_and_a_positive_one_merges(gold: list[FactBundle]) -> None:
    split = (Judgement(f"{DOC_002}#event:e1", f"{DOC_004}#event:e1", "negative"),)
    res = resolve(gold, split, base=DEFAULT_BASE)
    assert res.of(f"{DOC_002}#event:e1").iri != res.of(f"{DOC_004}#event:e1").iri
    assert res.of(f"{DOC_002}#event:e1").iri == str(EVENT_2021_03_29)  # the other keeps a per-article key

    b004 = next(b for b in gold if b.doc == DOC_004)
    respelt = dataclasses.replace(
        b004, officials=tuple(dataclasses.replace(o, name="Petrus Fatlolon SH") if o.name == "Petrus Fatlolon" else o for o in b004.officials)
    )
    bundles = [respelt if b.doc == DOC_004 else b for b in gold]
    apart = resolve(bundles, base=DEFAULT_BASE)
    left, right = official_record(DOC_002, "Petrus Fatlolon"), official_record(DOC_004, "Petrus Fatlolon SH")
    assert apart.of(left).iri != apart.of(right).iri
    merged = resolve(bundles, (Judgement(left, right, "positive"),), base=DEFAULT_BASE)
    assert merged.of(left).iri == merged.of(right).iri
    unsure = resolve(bundles, (Judgement(left, right, "unsure"),), base=DEFAULT_BASE)
    assert unsure.of(left).iri != unsure.of(right).iri


def test_a_negative_judgement_cuts_a_person_out_of_a_five_article_cluster(gold: list[FactBundle]) -> None:
    cut = (Judgement(official_record("000_c565890aab359401.txt", "Adi Suryanto"), official_record(DOC_002, "Adi Suryanto"), "negative"),)
    res = resolve(gold, cut, base=DEFAULT_BASE)
    assert res.of(official_record("000_c565890aab359401.txt", "Adi Suryanto")).iri != res.of(official_record(DOC_002, "Adi Suryanto")).iri


def test_judgements_file_is_respected_on_rebuild(tmp_path: Path, gold_dir: Path) -> None:
    judgements = _write(
        tmp_path / "judgements.yaml",
        f"judgements:\n  - left: '{DOC_002}#event:e1'\n    right: '{DOC_004}#event:e1'\n    verdict: negative\n    note: checked by hand\n"
        "  - left: 'nowhere.txt#event:e1'\n    right: '002_ed660c4d7e1d7b7b.txt#event:e1'\n    verdict: positive\n",
    )
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["build", str(gold_dir), "--out", str(tmp_path / "out"), "--judgements", str(judgements)])
        assert result.exit_code == 0, result.output
        assert re.search(r"SHACL violations\s*│ 0 ", result.output), result.output
        assert "judgement (line 6) names a record no input has: nowhere.txt#event:e1" in result.output
    ds_text = (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
    from rdflib import Graph

    g = Graph().parse(data=ds_text, format="turtle")
    assert len(set(g.subjects(RDF.type, LANKG.SigningEvent))) == 6


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("judgements:\n  - left: a\n    right: b\n    verdict: maybe\n", 2, "is not one of positive, negative, unsure"),
        ("judgements:\n  - left: a\n\tright: b\n", 3, "invalid YAML"),
        ("judgements:\n  - left: a\n    verdict: positive\n", 2, "right: missing"),
        ("judgements:\n  - left: a\n    right: b\n    verdict: positive\n    colour: red\n", 2, "unknown key(s) colour"),
        ("- a\n- b\n", 1, "single key 'judgements'"),
        ("judgements:\n  - left: a\n    right: b\n    left: c\n    verdict: positive\n", 4, "duplicate key 'left'"),
    ],
)
def test_bad_judgements_files_name_the_file_and_line(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = _write(tmp_path / "j.yaml", text)
    with pytest.raises(InputError) as info:
        read_judgements(path)
    assert info.value.path == path
    assert info.value.line == line
    assert reason in info.value.reason
    assert str(info.value).startswith(f"{path}:{line}: ")


def test_a_missing_default_judgements_file_means_none_but_a_named_one_is_an_error(tmp_path: Path, gold_dir: Path) -> None:
    assert read_judgements(tmp_path / "absent.yaml") == ()
    result = CliRunner().invoke(app, ["build", str(gold_dir), "--out", str(tmp_path / "out"), "--judgements", str(tmp_path / "absent.yaml")])
    assert result.exit_code == 2
    assert "absent.yaml: no such judgements file" in result.output


def test_entities_command_lists_the_record_ids_judgements_use(gold_dir: Path) -> None:
    result = CliRunner().invoke(app, ["entities", str(gold_dir), "--kind", "event"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert str(EVENT_2021_03_29) in result.output
    assert f"{DOC_002}#event:e1" in result.output and f"{DOC_004}#event:e1" in result.output
    bad = CliRunner().invoke(app, ["entities", str(gold_dir), "--kind", "person"])
    assert bad.exit_code == 2 and "unknown kind" in bad.output


def test_entities_as_csv_and_json_keep_each_record_id_whole(gold_dir: Path) -> None:
    import csv
    import io
    import json

    as_csv = CliRunner().invoke(app, ["entities", str(gold_dir), "--kind", "event", "-f", "csv"], env={"COLUMNS": "40"})
    assert as_csv.exit_code == 0, as_csv.output
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert {(r["iri"], r["record"]) for r in rows} >= {(str(EVENT_2021_03_29), f"{DOC_002}#event:e1"), (str(EVENT_2021_03_29), f"{DOC_004}#event:e1")}
    as_json = CliRunner().invoke(app, ["entities", str(gold_dir), "--kind", "event", "-f", "json"], env={"COLUMNS": "40"})
    assert as_json.exit_code == 0, as_json.output
    listed = {e["iri"]: e["records"] for e in json.loads(as_json.stdout)}
    assert {f"{DOC_002}#event:e1", f"{DOC_004}#event:e1"} <= set(listed[str(EVENT_2021_03_29)])
    assert sorted((iri, rec) for iri, recs in listed.items() for rec in recs) == sorted((r["iri"], r["record"]) for r in rows)


def test_a_positive_judgement_merges_institutions_under_one_name(gold: list[FactBundle]) -> None:
    from lankg.records import ArticleRef

    lipi_003 = "003_2b5d0ca615fe9577.txt#institution:Lembaga Ilmu Pengetahuan Indonesia"
    extra = FactBundle(source=ArticleRef("005_extra.txt"), institutions=(Institution("LIPI", "central_agency", (Mention("LIPI"),)),))
    bundles = [*gold, extra]
    judged = (Judgement("005_extra.txt#institution:LIPI", lipi_003, "positive"),)
    res = resolve(bundles, judged, base=DEFAULT_BASE)
    entity = res.of(lipi_003)
    assert res.of("005_extra.txt#institution:LIPI") == entity
    assert entity.iri == "https://w3id.org/lankg/id/institution/5a83827cbb3b0bfb"  # unchanged by the merge
    g = union_graph(build_dataset(bundles, judgements=judged, gazetteer=False)[0])
    node = URIRef(entity.iri)
    assert set(g.objects(node, LANKG.name)) == {Literal("Lembaga Ilmu Pengetahuan Indonesia")}
    assert Literal("LIPI") in set(g.objects(node, LANKG.alias))
