"""Who signs with whom, read clause by clause, on invented sentences with other names and places."""

from __future__ import annotations

from pathlib import Path

from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts
from lankg.records import ArticleRef, FactBundle


def _facts(text: str) -> FactBundle:
    return extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt")))


def _sets(text: str) -> set[frozenset[str]]:
    return {frozenset(a.parties) for a in _facts(text).agreements if a.event == "e1"}


def test_antara_with_three_parties_is_one_document() -> None:
    sets = _sets("Penandatanganan nota kesepahaman antara BKN, Kemenkeu dan Lemhannas berlangsung di Jakarta.")
    assert sets == {frozenset({"Badan Kepegawaian Negara", "Kementerian Keuangan", "Lembaga Ketahanan Nasional"})}


def test_dengan_a_list_is_one_agreement_with_each() -> None:
    sets = _sets("Pemerintah Provinsi Riau menandatangani MoU dengan BPKP, BKN dan Pemerintah Kota Dumai.")
    riau = "Provinsi Riau"
    assert sets == {frozenset({riau, "Badan Pengawasan Keuangan dan Pembangunan"}),
                    frozenset({riau, "Badan Kepegawaian Negara"}), frozenset({riau, "Kota Dumai"})}


def test_a_dan_b_sign() -> None:
    assert _sets("Pemkab Sleman dan Universitas Gadjah Mada menandatangani nota kesepakatan.") == {
        frozenset({"Kabupaten Sleman", "Universitas Gadjah Mada"})}


def test_signers_sign_for_the_body_named_after_untuk() -> None:
    sets = _sets("MoU ditandatangani oleh Menteri Keuangan, Sri Wulandari untuk BPS dan Rektor UGM, Budi Hartono.")
    assert sets == {frozenset({"Badan Pusat Statistik", "Universitas Gadjah Mada"})}


def test_a_collective_stands_for_the_regions_whose_heads_are_named() -> None:
    text = ("BPKP menandatangani nota kesepakatan dengan tiga pemerintah daerah. Hadir Bupati Sleman Agus Salim, "
            "Bupati Bantul Rina Dewi dan Walikota Yogyakarta Heru Prasetyo.")
    bpkp = "Badan Pengawasan Keuangan dan Pembangunan"
    assert _sets(text) == {frozenset({bpkp, "Kabupaten Sleman"}), frozenset({bpkp, "Kabupaten Bantul"}),
                           frozenset({bpkp, "Kota Yogyakarta"})}


def test_a_collective_on_the_subject_side_signs_with_the_partner() -> None:
    text = ("Pemkab Sleman bersama dua pemerintah kabupaten lainnya menandatangani nota kesepakatan dengan KPK. "
            "Bupati Bantul Rina Dewi hadir.")
    kpk = "Komisi Pemberantasan Korupsi"
    assert _sets(text) == {frozenset({"Kabupaten Sleman", kpk}), frozenset({"Kabupaten Bantul", kpk})}


def test_a_list_after_di_antaranya_is_what_the_collective_means() -> None:
    text = ("Ombudsman RI menandatangani MoU dengan empat pemda, di antaranya Kabupaten Kerinci; "
            "Kota Jambi, Kabupaten Tebo dan Kabupaten Bungo.")
    assert len(_sets(text)) == 4


def test_heads_of_several_bodies_signing_with_one_sign_one_by_one() -> None:
    text = ("Tiga instansi menjalin kerja sama dengan BPS. Penandatanganan dilakukan oleh Kepala BPS Ani Lestari, "
            "Bupati Sleman Agus Salim, Walikota Yogyakarta Heru Prasetyo dan Bupati Bantul Rina Dewi.")
    assert len(_sets(text)) == 3 and all("Badan Pusat Statistik" in s for s in _sets(text))


def test_an_earlier_dated_agreement_is_an_event_of_its_own() -> None:
    facts = _facts("Pemkab Sleman menandatangani PKS dengan BPS, Senin (3/2/2025). PKS ini melanjutkan Nota "
                   "Kesepahaman antara Pemkab Sleman dengan BPS tanggal 12 Maret 2019.")
    assert [(e.id, e.date) for e in facts.events] == [("e1", "2025-02-03"), ("e2", "2019-03-12")]
    assert [a.event for a in facts.agreements] == ["e1", "e2"]


def test_only_institutions_taking_part_are_output() -> None:
    facts = _facts("Pemkab Sleman menandatangani MoU dengan BPS. Sebelumnya Kemenkeu dan Polri menggelar rapat.")
    assert {i.name for i in facts.institutions} == {"Kabupaten Sleman", "Badan Pusat Statistik"}
