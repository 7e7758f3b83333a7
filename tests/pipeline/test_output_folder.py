"""`lankg build` replaces its outputs together, holds its folder alone, and fails on a full disk or a read-only folder with one line, keeping what was built.

Real processes throughout. The full-disk and read-only cases run in a private
mount namespace (``unshare -m``) on a small tmpfs, so nothing is mounted for
anyone else and the mount goes when the process does.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from lankg.errors import OutputError
from lankg.outfolder import Output, OutputFolder

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "gold"
ARTICLE = ROOT / "data" / "articles" / "000_c565890aab359401.txt"
OUTPUTS = ("graph.ttl", "graph.trig", "void.ttl", "network.html")


def lankg(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lankg", *args], capture_output=True, text=True, timeout=600, cwd=cwd,
                          env={**os.environ, "COLUMNS": "2000"})


def digests(out: Path) -> dict[str, str]:
    return {name: hashlib.sha256((out / name).read_bytes()).hexdigest() for name in OUTPUTS}


def test_a_second_build_into_a_locked_folder_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert lankg("build", str(GOLD), "--out", str(out), "--no-validate").returncode == 0
    before = digests(out)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys\nfrom lankg.outfolder import OutputFolder\n"
         "with OutputFolder(__import__('pathlib').Path(sys.argv[1])):\n    print('locked', flush=True)\n    sys.stdin.read()\n", str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        result = lankg("build", str(ARTICLE), "--out", str(out), "--no-validate")
    finally:
        holder.communicate("", timeout=60)
    assert result.returncode == 5, result.stderr
    assert "Traceback" not in result.stderr
    assert f"error: {out}: another lankg build (pid {holder.pid}) is writing to this folder" in result.stderr
    assert digests(out) == before
    assert lankg("build", str(ARTICLE), "--out", str(out), "--no-validate").returncode == 0  # free again once the holder is gone


def _big_corpus(folder: Path, copies: int) -> None:
    folder.mkdir()
    golds = sorted(GOLD.glob("*.json"))
    for i in range(copies):
        data = json.loads(golds[i % len(golds)].read_text(encoding="utf-8"))
        data["doc"] = f"copy_{i:04d}_{data['doc']}"
        (folder / f"copy_{i:04d}.json").write_text(json.dumps(data), encoding="utf-8")


def test_a_build_killed_at_any_moment_leaves_one_whole_build(tmp_path: Path) -> None:
    """Killed as it starts writing, after each file of the fresh build, and as it switches: every output is of one build."""
    out, reference = tmp_path / "out", tmp_path / "reference"
    corpus = tmp_path / "big"
    _big_corpus(corpus, copies=120)
    assert lankg("build", str(GOLD), "--out", str(out), "--no-validate").returncode == 0
    assert lankg("build", str(corpus), "--out", str(reference), "--no-validate").returncode == 0
    old, new = digests(out), digests(reference)
    assert old != new
    seen = []
    for files_written in range(len(OUTPUTS) + 1):
        proc = subprocess.Popen([sys.executable, "-m", "lankg", "build", str(corpus), "--out", str(out), "--no-validate"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        current = os.readlink(out / ".current")
        try:
            while proc.poll() is None:
                fresh = [b for b in (out / ".builds").iterdir() if b.name != Path(current).name]
                try:
                    if fresh and len(list(fresh[0].iterdir())) >= files_written:
                        break
                except FileNotFoundError:  # the build just switched and pruned the folder we looked at
                    break
                time.sleep(0.0005)
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=60)
        state = digests(out)
        assert state in (old, new), f"killed after {files_written} file(s): outputs of two builds"
        seen.append("old" if state == old else "new")
        if state == new:  # start again from the old outputs
            assert lankg("build", str(GOLD), "--out", str(out), "--no-validate").returncode == 0
    assert "old" in seen


def test_publish_refuses_an_rdf_output_that_does_not_parse_back(tmp_path: Path) -> None:
    out = tmp_path / "out"
    good = [Output("graph.ttl", b"<urn:a> <urn:b> <urn:c> .\n", ox.RdfFormat.TURTLE, 1), Output("network.html", b"<html></html>\n")]
    with OutputFolder(out) as folder:
        folder.publish(good)
    before = (out / "graph.ttl").read_bytes()
    cases = {
        "not Turtle": [Output("graph.ttl", b'<urn:a> <urn:b> "81.03\n .\n', ox.RdfFormat.TURTLE, 1), good[1]],
        "a statement short": [Output("graph.ttl", b"<urn:a> <urn:b> <urn:c> .\n", ox.RdfFormat.TURTLE, 2), good[1]],
    }
    for label, outputs in cases.items():
        with pytest.raises(OutputError) as refused, OutputFolder(out) as folder:
            folder.publish(outputs)
        assert "the previous outputs are kept" in str(refused.value), label
        assert (out / "graph.ttl").read_bytes() == before, label
        assert len(list((out / ".builds").iterdir())) == 1, label


def test_out_naming_a_file_and_a_bad_base_are_one_line_each(tmp_path: Path) -> None:
    a_file = tmp_path / "graph.ttl"
    a_file.write_text("keep me\n", encoding="utf-8")
    result = lankg("build", str(ARTICLE), "-o", str(a_file))
    assert result.returncode == 4 and "Traceback" not in result.stderr
    assert f"error: {a_file}: is a file, not a folder" in result.stderr
    assert a_file.read_text(encoding="utf-8") == "keep me\n"
    for base, reason in (("https://example.org/kg>/", "Invalid IRI code point '>'"), ("https://example.org/kg", "must end with '/' or '#'"),
                         ("kg/", "No scheme found")):
        result = lankg("build", str(ARTICLE), "-o", str(tmp_path / "out"), "--base", base)
        assert result.returncode == 2 and "Traceback" not in result.stderr, base
        assert "error: --base" in result.stderr and reason in result.stderr, base
        assert not (tmp_path / "out").exists()


DRIVER = textwrap.dedent(
    """
    import hashlib, json, os, subprocess, sys
    mount, out, article, gold, fault = sys.argv[1:6]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount], check=True)
    def build(*inputs):
        r = subprocess.run([sys.executable, "-m", "lankg", "build", *inputs, "--out", out, "--no-validate"],
                           capture_output=True, text=True, env={**os.environ, "COLUMNS": "2000"})
        return {"code": r.returncode, "stderr": r.stderr}
    def digests():
        return {n: hashlib.sha256(open(os.path.join(out, n), "rb").read()).hexdigest()
                for n in ("graph.ttl", "graph.trig", "void.ttl", "network.html")}
    first = build(article)
    before = digests()
    if fault == "full":
        stat = os.statvfs(mount)
        with open(os.path.join(mount, "filler"), "wb") as f:
            f.truncate(0)
            os.posix_fallocate(f.fileno(), 0, stat.f_bavail * stat.f_frsize - 1_500_000)
    else:
        subprocess.run(["mount", "-o", "remount,ro", mount], check=True)
    second = build(gold)
    print(json.dumps({"first": first, "second": second, "kept": digests() == before}))
    """
)


@pytest.mark.parametrize(("fault", "message"), [
    ("full", "not enough free space: the outputs need about"),
    ("read-only", "cannot write to the output folder: Read-only file system; nothing was built"),
])
def test_a_full_disk_or_a_read_only_folder_is_one_line_and_keeps_the_outputs(tmp_path: Path, fault: str, message: str) -> None:
    if subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode != 0:
        if os.environ.get("LANKG_REQUIRE_EXTERNAL"):
            pytest.fail("unshare -m is needed for the full-disk and read-only tests")
        pytest.skip("cannot make a private mount namespace here (unshare -m)")
    mount = tmp_path / "disk"
    mount.mkdir()
    out = mount / "out"
    result = subprocess.run(
        ["unshare", "-m", "--propagation", "private", sys.executable, "-c", DRIVER, str(mount), str(out), str(ARTICLE), str(GOLD), fault],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert report["first"]["code"] == 0, report["first"]["stderr"][-2000:]
    second = report["second"]
    assert second["code"] == 4 and "Traceback" not in second["stderr"], second["stderr"][-2000:]
    errors = [line for line in second["stderr"].splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {out}: {message}"), second["stderr"][-2000:]
    assert report["kept"] is True
