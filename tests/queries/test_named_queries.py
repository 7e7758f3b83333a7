"""Every named query runs on the graph of the gold facts and gives the answer the gold annotations imply."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from lankg.queries import QUERIES
from lankg.queries.run import QueryAnswer, run_query
from lankg.store.embedded import GraphStore

LAN = "Lembaga Administrasi Negara"
PARTNERS_2021 = {"Kabupaten Kepulauan Tanimbar", "Kabupaten Paser", "Kabupaten Lombok Utara", "Kabupaten Sorong", "Kota Pekanbaru"}
PARTNERS_2019 = {"Badan Pengawas Obat dan Makanan", "Lembaga Ilmu Pengetahuan Indonesia", "Kabupaten Aceh Tengah", "Kabupaten Serang"}
PARTNERS_2022 = {
    "Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam",
    "Kabupaten Banjar", "Kabupaten Bulukumba", "Kabupaten Buton Utara", "Kabupaten Kendal",
    "Kabupaten Merauke", "Kabupaten Nias Utara", "Kabupaten Timor Tengah Selatan",
}
#: Regional governments that are party to an agreement in the gold facts (7 in 000, Ambon in 001, 5 in 002/004, 2 in 003).
REGIONAL_PARTNER_CODES = {"63.03", "73.02", "74.10", "33.24", "93.01", "12.24", "53.02", "81.71", "81.03", "64.01", "52.08", "96.01", "14.71", "36.04", "11.04"}
GAZETTEER_REGIONS = 552  # 38 provinces + 514 regencies and cities


def rows(answer: QueryAnswer) -> list[dict[str, str | None]]:
    return [dict(zip(answer.columns, row, strict=True)) for row in answer.values()]


def check_lan_partners_by_year(a: QueryAnswer) -> None:
    by_year: dict[str, set[str]] = {}
    for r in rows(a):
        by_year.setdefault(r["year"], set()).add(r["partnerName"])
        assert r["host"] == LAN and r["agreements"] == "1"
    assert by_year == {"2019": PARTNERS_2019, "2021": PARTNERS_2021, "2022": PARTNERS_2022}
    kinds = {r["partnerName"]: r["kind"].rsplit("#", 1)[1] for r in rows(a)}
    assert kinds["Kota Pekanbaru"] == "City" and kinds["Kabupaten Paser"] == "Regency"
    assert kinds["Lembaga Ilmu Pengetahuan Indonesia"] == "CentralAgency"


def check_agreements_of_institution(a: QueryAnswer) -> None:
    rs = rows(a)
    assert len(rs) == 18  # 8 + 1 + 5 + 4; 002 and 004 report the same five agreements
    assert {r["institution"] for r in rs} == {LAN}
    ambon = [r for r in rs if r["partners"] == "Kota Ambon"]
    assert len(ambon) == 1 and ambon[0]["type"] == "other" and ambon[0]["signedOn"] is None and ambon[0]["signatories"] is None
    paser = next(r for r in rs if r["partners"] == "Kabupaten Paser")
    assert paser["type"] == "MoU" and paser["signedOn"] == "2021-03-29"
    assert set(paser["signatories"].split("; ")) == {"Adi Suryanto", "Fahmi Fadli"}
    assert "innovation laboratory" in paser["scopes"].split("; ")
    assert [r["signedOn"] for r in rs][1:] == sorted(r["signedOn"] for r in rs[1:])


def check_institutions_by_province(a: QueryAnswer) -> None:
    counts = {r["provinceName"]: (r["institutions"], r["agreements"]) for r in rows(a)}
    assert len(counts) == 14
    assert counts["Provinsi Maluku"] == ("2", "2")  # Kepulauan Tanimbar and Kota Ambon
    assert counts["Provinsi Riau"] == ("1", "1") and counts["Provinsi Aceh"] == ("1", "1")
    assert sum(int(n) for _, n in counts.values()) == len(REGIONAL_PARTNER_CODES)
    assert rows(a)[0]["provinceName"] == "Provinsi Maluku"


def check_scope_frequency_by_year(a: QueryAnswer) -> None:
    freq = {(r["year"], r["label"]): int(r["agreements"]) for r in rows(a)}
    assert freq[("2022", "civil service management")] == 8
    assert freq[("2021", "innovation laboratory")] == 5
    assert freq[("2019", "research and science and technology development")] == 1
    assert freq[("2019", "policy studies")] == 3
    assert {y for y, _ in freq} == {"2019", "2021", "2022"}
    assert len(freq) == 19


def check_officials_posts(a: QueryAnswer) -> None:
    rs = rows(a)
    assert len(rs) == 24
    adi = [r for r in rs if r["officialName"] == "Adi Suryanto"]
    assert adi == [
        {"official": adi[0]["official"], "officialName": "Adi Suryanto", "post": "Kepala", "organizationName": LAN,
         "firstSeen": "2017-03-16", "lastSeen": "2022-03-02"}
    ]
    frans = next(r for r in rs if r["officialName"] == "Frans J. Papilaya")
    assert (frans["post"], frans["organizationName"], frans["firstSeen"]) == ("Penjabat Walikota", "Kota Ambon", "2017-03-16")


def check_events_timeline(a: QueryAnswer) -> None:
    dated = [(r["date"], r["mode"], r["agreements"]) for r in rows(a) if r["date"]]
    assert dated == [("2017-03-16", "InPerson", "0"), ("2019-02-01", "InPerson", "4"), ("2021-03-29", "InPerson", "5"), ("2022-03-02", "Blended", "8")]
    undated = [r for r in rows(a) if not r["date"]]
    assert len(undated) == 1 and undated[0]["agreements"] == "1" and undated[0]["mode"] is None


def check_repeat_partners(a: QueryAnswer) -> None:
    rs = rows(a)
    assert len(rs) == 1
    assert (rs[0]["name"], rs[0]["agreements"], rs[0]["minimum"]) == (LAN, "18", "2")
    assert set(rs[0]["years"].split()) == {"2019", "2021", "2022", "undated"}


def check_regions_without_agreement(a: QueryAnswer) -> None:
    rs = rows(a)
    assert len(rs) == GAZETTEER_REGIONS - len(REGIONAL_PARTNER_CODES) == 537
    codes = {r["code"] for r in rs}
    assert not codes & REGIONAL_PARTNER_CODES
    assert "81" in codes and "31.71" in codes  # Provinsi Maluku itself signed nothing; nor did Jakarta Pusat
    assert {r["kind"] for r in rs} == {"Province", "Regency", "City"}


def check_co_signatories(a: QueryAnswer) -> None:
    rs = rows(a)
    assert len(rs) == 17  # Ambon's agreement (001) names no signatory
    for r in rs:
        assert "Adi Suryanto" in (r["aName"], r["bName"]) and r["agreements"] == "1"
    others = {r["bName"] if r["aName"] == "Adi Suryanto" else r["aName"] for r in rs}
    assert {"Fahmi Fadli", "Ali Saleng", "Laksana Tri Handoko", "Petrus Fatlolon"} <= others


def check_network_edges(a: QueryAnswer) -> None:
    assert a.columns == ("source", "sourceName", "target", "targetName", "weight")
    rs = rows(a)
    assert len(rs) == 18  # LAN with each of its 18 partners
    assert all(LAN in (r["sourceName"], r["targetName"]) and r["weight"] == "1" for r in rs)
    assert all(r["source"] < r["target"] for r in rs)


def check_agreements_by_type(a: QueryAnswer) -> None:
    assert a.values() == [("MoU", "2019", "4"), ("MoU", "2021", "5"), ("MoU", "2022", "8"), ("other", None, "1")]


def check_agreement_sources(a: QueryAnswer) -> None:
    rs = rows(a)
    assert {r["fileName"] for r in rs} == {"002_ed660c4d7e1d7b7b.txt", "004_2e92f9f886834b4c.txt"}
    assert len({r["agreement"] for r in rs}) == 1 and {r["partner"] for r in rs} == {"Kabupaten Paser"}


def check_modes_by_year(a: QueryAnswer) -> None:
    assert a.values() == [("2017", "InPerson", "1", "0"), ("2019", "InPerson", "1", "4"), ("2021", "InPerson", "1", "5"), ("2022", "Blended", "1", "8")]


def check_event_participants(a: QueryAnswer) -> None:
    roles = {r["officialName"]: set(r["roles"].split(", ")) for r in rows(a)}
    assert len(roles) == 8
    assert roles["Raden Nurjati"] == {"Signatory", "Representative", "Attendee"}
    assert roles["Tri Widodo Wahyu Utomo"] == {"Attendee"}
    assert {r["date"] for r in rows(a)} == {"2021-03-29"}


CHECKS: dict[str, Callable[[QueryAnswer], None]] = {
    name[len("check_"):]: fn for name, fn in dict(globals()).items() if name.startswith("check_") and callable(fn)
}


def test_every_named_query_has_an_asserted_answer() -> None:
    names = {n for n in QUERIES if not n.startswith("viz_")} - {"fact_sources"}
    assert len(QUERIES) >= 12
    assert names == set(CHECKS)


@pytest.mark.parametrize("name", sorted(CHECKS))
def test_named_query_answer(name: str, gold_store: GraphStore) -> None:
    CHECKS[name](run_query(gold_store, QUERIES[name]))


def test_viz_queries_run(gold_store: GraphStore) -> None:
    """viz/ owns the answers of its viz_*.rq queries; here they must at least run and answer."""
    for name in (n for n in QUERIES if n.startswith("viz_")):
        answer = run_query(gold_store, QUERIES[name])
        assert answer.columns, f"{name} gives no columns on the gold graph"


def test_fact_sources_of_an_official(gold_store: GraphStore) -> None:
    adi = next(r["official"] for r in rows(run_query(gold_store, QUERIES["officials_posts"])) if r["officialName"] == "Adi Suryanto")
    answer = run_query(gold_store, QUERIES["fact_sources"], {"node": adi})
    files = {r["fileName"] for r in rows(answer)}
    assert files == {"000_c565890aab359401.txt", "001_7a100b7bdb4d91bc.txt", "002_ed660c4d7e1d7b7b.txt", "003_2b5d0ca615fe9577.txt", "004_2e92f9f886834b4c.txt"}
    assert {r["node"] for r in rows(answer)} == {adi}


def test_parameters_change_the_answer(gold_store: GraphStore) -> None:
    everyone = run_query(gold_store, QUERIES["repeat_partners"], {"minimum": "1"})
    assert len(everyone.rows) == 19  # LAN and its 18 partners
    paser = run_query(gold_store, QUERIES["agreements_of_institution"], {"institution": "pemerintah kabupaten paser"})
    assert [r["partners"] for r in rows(paser)] == [LAN]
    nobody = run_query(gold_store, QUERIES["event_participants"], {"date": "2020-01-01"})
    assert nobody.rows == ()
    other_host = run_query(gold_store, QUERIES["lan_partners_by_year"], {"host": "Kabupaten Paser"})
    assert [r["partnerName"] for r in rows(other_host)] == [LAN]
