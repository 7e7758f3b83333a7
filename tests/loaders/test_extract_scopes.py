"""Scopes after their cues, bound to the agreement their sentence names, on invented sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts
from lankg.records import ArticleRef, FactBundle


def _facts(text: str) -> FactBundle:
    return extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt")))


def _scopes(text: str) -> list[str]:
    return [m.text for a in _facts(text).agreements for m in a.scopes]


@pytest.mark.parametrize(
    ("sentence", "scope"),
    [
        ("Pemkab Sleman dan BPS menandatangani nota kesepahaman tentang penguatan kapasitas aparatur desa.",
         "penguatan kapasitas aparatur desa"),
        ("Pemkab Sleman dan BPS menandatangani MoU mengenai \"Kerja Sama di Bidang Inovasi Statistik\" di Sleman.",
         "Inovasi Statistik"),
        ("Pemkab Sleman dan BPS menandatangani MoU. MoU ini bertujuan untuk meningkatkan kualitas pelayanan publik.",
         "meningkatkan kualitas pelayanan publik"),
        ("Pemkab Sleman menjalin kerja sama dengan BPS. Ruang lingkup kerja sama meliputi pelatihan pegawai.",
         "pelatihan pegawai"),
        ("Pemkab Sleman dan BPS menandatangani Nota Kesepahaman Diklat Statistik.", "Diklat Statistik"),
        ("Pemkab Sleman dan BPS meneken MoU concerning research and training of statisticians.",
         "research and training of statisticians"),
    ],
)
def test_scope_cues(sentence: str, scope: str) -> None:
    assert scope in _scopes(sentence)


def test_a_sentence_that_goes_on_with_the_list_of_the_one_before() -> None:
    text = ("Pemkab Sleman dan BPS menandatangani MoU. Ruang lingkup kesepakatan itu dijelaskan Bupati. "
            "Yakni, penelitian bersama, pelatihan pegawai.")
    assert _scopes(text) == ["penelitian bersama", "pelatihan pegawai"]


def test_subject_words_count_only_right_after_an_agreement_noun() -> None:
    text = "Pemkab Sleman dan BPS menandatangani MoU. Bupati ingin warga belajar terkait inovasi digital."
    assert _scopes(text) == []


def test_the_signing_itself_and_talk_are_no_scopes() -> None:
    text = ("Kepala BPS menambahkan, melalui penandatanganan MoU dengan Pemkab Sleman ini, semua bisa berkomitmen "
            "meningkatkan pelayanan publik.")
    assert _scopes(text) == []


def test_scopes_read_in_a_sentence_naming_one_agreement_go_to_that_one() -> None:
    text = ("MoU tentang pelatihan statistik ditandatangani oleh Kepala BPS, Ani Lestari dan Bupati Sleman, Agus "
            "Salim. MoU tentang penelitian pangan ditandatangani oleh Menteri Pertanian, Yusuf Hamid dan Bupati "
            "Sleman, Agus Salim.")
    by_partner = {frozenset(a.parties): [m.text for m in a.scopes] for a in _facts(text).agreements}
    assert by_partner[frozenset({"Badan Pusat Statistik", "Kabupaten Sleman"})] == ["pelatihan statistik"]
    assert by_partner[frozenset({"Kementerian Pertanian", "Kabupaten Sleman"})] == ["penelitian pangan"]
