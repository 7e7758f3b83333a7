"""Signatories, stand-ins and witnesses as the text says them (shared/gold/CONVENTIONS.md, section 5)."""

from __future__ import annotations

from pathlib import Path

from lankg.loaders.articles import Article
from lankg.loaders.extract import extract_facts
from lankg.records import ArticleRef, Official


def _officials(text: str) -> dict[str, Official]:
    return {o.name: o for o in extract_facts(Article(ArticleRef("t.txt"), text, Path("t.txt"))).officials}


def test_those_before_an_active_signing_verb_and_the_partner_after_bersama_sign() -> None:
    found = _officials("Bupati Sleman, Agus Salim menandatangani PKS bersama Kepala BPS, Ani Lestari.")
    assert "signatory" in found["Agus Salim"].roles and "signatory" in found["Ani Lestari"].roles


def test_a_stand_in_signs_and_the_head_stood_in_for_was_not_there() -> None:
    found = _officials("Pemkab Bantul menandatangani MoU dengan BPS. Sekda Bantul Joko Purnomo mewakili Bupati "
                       "Bantul Rina Dewi. Kepala BPS Ani Lestari hadir.")
    assert found["Joko Purnomo"].roles[:2] == ("signatory", "representative")
    assert (found["Rina Dewi"].roles, found["Rina Dewi"].event, found["Rina Dewi"].attendance) == ((), None, None)


def test_yang_diwakili_names_the_stand_in_after_it() -> None:
    found = _officials("Pemkab Bantul menandatangani MoU dengan BPS. Bupati Bantul Rina Dewi yang diwakili Asisten "
                       "Bidang Pemerintahan Dedi Kurnia menyampaikan terima kasih.")
    assert "signatory" in found["Dedi Kurnia"].roles and found["Rina Dewi"].roles == ()


def test_no_inferred_signer_for_a_party_someone_is_said_to_sign_for() -> None:
    found = _officials("MoU antara BPS dan Pemkab Sleman ditandatangani oleh Deputi Bidang Statistik BPS, Yanto, "
                       "dan Bupati Sleman Agus Salim. Kepala BPS Ani Lestari memberikan sambutan.")
    assert "signatory" in found["Yanto"].roles and "signatory" not in found["Ani Lestari"].roles


def test_penandatanganan_diwakili_names_the_signer() -> None:
    found = _officials("Pemprov Bali menandatangani MoU dengan KPK. Penandatanganan diwakili Sekda Bali Made Arta. "
                       "Gubernur Bali Nyoman Sudarsa hadir secara daring.")
    assert "signatory" in found["Made Arta"].roles and "signatory" not in found["Nyoman Sudarsa"].roles


def test_di_hadapan_makes_a_witness_not_a_signer() -> None:
    found = _officials("MoU antara BPS dan UGM ditandatangani di hadapan Menteri Keuangan, Sri Wulandari.")
    assert found["Sri Wulandari"].roles == ("witness",)
