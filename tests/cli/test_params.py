"""`lankg query --param` with malformed pairs and values, as real processes: exit 2, one error line, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

CASES = [
    (["repeat_partners", "-p", "minimum"], "--param expects NAME=VALUE"),
    (["repeat_partners", "-p", "=3"], "--param expects NAME=VALUE"),
    (["repeat_partners", "-p", "minimum=many"], "parameter 'minimum' expects integer"),
    (["repeat_partners", "-p", "minimum=" + "9" * 5000], "parameter 'minimum' expects integer"),
    (["repeat_partners", "-p", "nope=1"], "has no parameter 'nope'"),
    (["fact_sources", "-p", "node=not an iri"], "expects iri"),
    (["fact_sources", "-p", "node=urn:x> } ; DROP ALL #"], "expects iri"),
    (["fact_sources"], "needs --param node"),
    (["fact_sources", "-p", "node=id:region/99.99"], "parameter 'node': <https://w3id.org/lankg/id/region/99.99> names nothing in the graph"),
    (["fact_sources", "-p", "node=https://w3id.org/lankg/id/region/64.01x"], "names nothing in the graph"),
    (["event_participants", "-p", "date=20210329"], "parameter 'date' expects date, got '20210329': '20210329' is not a date written YYYY-MM-DD"),
    (["event_participants", "-p", "date=2021-02-30"], "parameter 'date' expects date, got '2021-02-30': '2021-02-30' is not a calendar date"),
    (["event_participants", "-p", "date=2021-03-29\n"], "is not a date written YYYY-MM-DD"),
]


@pytest.mark.parametrize(("args", "message"), CASES)
def test_bad_params_are_one_line(gold_trig: Path, args: list[str], message: str) -> None:
    result = subprocess.run([sys.executable, "-m", "lankg", "query", *args, "--graph", str(gold_trig)],
                            capture_output=True, text=True, timeout=120, env={**os.environ, "COLUMNS": "400"})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert result.stderr.startswith("error: ") and message in result.stderr


def test_param_bytes_that_are_not_utf8(gold_trig: Path) -> None:
    """An argv byte that is not UTF-8 reaches Python as a lone surrogate; it must be an error line, not a crash."""
    args = [os.fsencode(sys.executable), b"-m", b"lankg", b"query", b"fact_sources",
            b"-p", b"node=urn:\xff\xfe", b"--graph", os.fsencode(gold_trig)]
    result = subprocess.run(args, capture_output=True, timeout=120)
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr
    assert result.returncode == 2 and stderr.startswith("error: parameter 'node' expects iri")


def test_a_prefixed_name_as_tables_show_it_is_accepted(gold_trig: Path) -> None:
    """`lankg query` prints `id:region/64.01`; the same text given back to -p names the same node."""
    def rows(node: str) -> list[str]:
        result = subprocess.run([sys.executable, "-m", "lankg", "query", "fact_sources", "-p", f"node={node}", "-f", "csv",
                                 "--graph", str(gold_trig)], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    full = rows("https://w3id.org/lankg/id/region/64.01")
    assert len(full) > 1 and rows("id:region/64.01") == full == rows("id:region\\/64.01")
