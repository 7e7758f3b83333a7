"""Institutions linked to canonical names and Kemendagri codes, ambiguous names included."""

from __future__ import annotations

import pytest

from lankg.loaders.extract.institutions import InstitutionMatcher
from lankg.loaders.extract.lexicon import default_lexicon

MATCHER = InstitutionMatcher.build(default_lexicon())


def _found(text: str) -> list[tuple[str, str, str | None]]:
    return [(h.text, h.key.name, h.key.code) for h in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Bupati Banjar hadir.", "Kabupaten Banjar", "63.03"),
        ("Pemerintah Kabupaten Banjar hadir.", "Kabupaten Banjar", "63.03"),
        ("Walikota Banjar hadir.", "Kota Banjar", "32.79"),
        ("Pemerintah Kota Banjar hadir.", "Kota Banjar", "32.79"),
        ("Pemkot Banjar hadir.", "Kota Banjar", "32.79"),
        ("Pemerintah Kabupaten Labuhanbatu Utara hadir.", "Kabupaten Labuhanbatu Utara", "12.23"),
        ("Pemerintah Kabupaten Labuhanbatu hadir.", "Kabupaten Labuhanbatu", "12.10"),
        ("Bupati Merauke hadir.", "Kabupaten Merauke", "93.01"),
        ("Bupati Sorong hadir.", "Kabupaten Sorong", "96.01"),
        ("Walikota Sorong hadir.", "Kota Sorong", "96.71"),
        ("Pemerintah Provinsi Papua Pegunungan hadir.", "Provinsi Papua Pegunungan", "95"),
        ("Gubernur Papua Barat Daya hadir.", "Provinsi Papua Barat Daya", "96"),
        ("Bupati Tanimbar hadir.", "Kabupaten Kepulauan Tanimbar", "81.03"),
        ("Pemerintah Kota Administrasi Jakarta Utara hadir.", "Kota Administrasi Jakarta Utara", "31.72"),
        ("Pemkot Administrasi Jakarta Selatan hadir.", "Kota Administrasi Jakarta Selatan", "31.74"),
        ("Walikota Administrasi Jakarta Pusat hadir.", "Kota Administrasi Jakarta Pusat", "31.71"),
        ("Pemprov DKI Jakarta hadir.", "Provinsi Daerah Khusus Ibukota Jakarta", "31"),
        ("Pemerintah Provinsi DI Yogyakarta hadir.", "Provinsi Daerah Istimewa Yogyakarta", "34"),
        ("Pemerintah Kabupaten Kep. Tanimbar hadir.", "Kabupaten Kepulauan Tanimbar", "81.03"),
    ],
)
def test_regions_resolve_to_their_code(text: str, name: str, code: str) -> None:
    found = _found(text)
    assert len(found) == 1
    assert found[0][1:] == (name, code)


def test_bp_batam_is_the_free_trade_zone_authority_not_kota_batam() -> None:
    hits = MATCHER.find("Kepala BP Batam, Muhammad Rudi, hadir.")
    assert [(h.text, h.key.name, h.key.kind, h.key.code) for h in hits] == [
        ("BP Batam", "Badan Pengusahaan Kawasan Perdagangan Bebas dan Pelabuhan Bebas Batam", "free_trade_zone_authority", None)
    ]


def test_agency_acronyms_and_full_names_share_one_canonical_name() -> None:
    found = _found("Lembaga Administrasi Negara (LAN) dan LAN RI bersama Kementerian PANRB dan KemenPANRB.")
    assert [f[1] for f in found] == ["Lembaga Administrasi Negara"] * 2 + [
        "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"] * 2
    assert found[0][0] == "Lembaga Administrasi Negara (LAN)"


def test_a_defined_acronym_and_a_bare_region_name_are_later_mentions() -> None:
    found = _found("Pemerintah Kabupaten Kepulauan Tanimbar (KKT) hadir. Bupati KKT dan warga Tanimbar senang.")
    assert {f[0] for f in found} == {"Pemerintah Kabupaten Kepulauan Tanimbar", "KKT", "Tanimbar"}
    assert {f[2] for f in found} == {"81.03"}


def test_generic_universities_and_agencies_outside_the_lexicon() -> None:
    found = _found("Universitas Cenderawasih dan Badan Siber dan Sandi Negara hadir.")
    assert [(f[1]) for f in found] == ["Universitas Cenderawasih", "Badan Siber dan Sandi Negara"]
    assert [h.key.kind for h in MATCHER.find("Universitas Cenderawasih hadir.")] == ["university"]
