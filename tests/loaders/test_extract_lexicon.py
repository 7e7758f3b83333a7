"""Lexicon files are read strictly: a wrong key or value is an error naming the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from lankg.errors import InputError
from lankg.loaders.extract.lexicon import load_agencies, load_degrees, load_posts, load_tenures


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "lex.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("loader", "text", "reason"),
    [
        (load_agencies, "- {name: X, kind: central_agency, acronym: [X]}\n", "unknown key(s) acronym"),
        (load_agencies, "- {name: X, kind: agency}\n", "kind 'agency' is not one of"),
        (load_agencies, "name: X\n", "expected a list"),
        (load_posts, "- {title: Bupati, rank: high}\n", "rank: expected an integer"),
        (load_tenures, "- {name: A, position: B, institution: C, start: 2020-13-01, end: null}\n", "invalid YAML value"),
        (load_tenures, "- {name: A, position: B, institution: C, start: 2020-01-01}\n", "missing key(s) end"),
        (load_tenures, "- {name: A, position: B, institution: C, start: soon, end: null}\n", "is not an ISO date"),
        (load_degrees, "prefix: {}\nsufix: {}\n", "exactly the keys prefix and suffix"),
        (load_agencies, "- [unclosed\n", "invalid YAML"),
    ],
)
def test_bad_lexicon_files_name_the_file(tmp_path: Path, loader: object, text: str, reason: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InputError) as info:
        loader(path)  # type: ignore[operator]
    assert str(path) in str(info.value)
    assert reason in str(info.value)


def test_the_bundled_lexicon_loads() -> None:
    names = {a.name for a in load_agencies()}
    assert "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi" in names
    assert any(p.title == "Sekretaris Daerah" and p.acts_for_head for p in load_posts())
    assert "S.I.Kom." in load_degrees().suffix
    assert all(t.end is None or t.start <= t.end for t in load_tenures())
