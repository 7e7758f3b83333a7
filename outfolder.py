"""The output folder of ``lankg build``: locked while a build runs, and switched to a new build in one step.

Writing each output atomically is not enough: a build killed between two
renames, or stopped by a full disk, would leave graph.ttl of one run beside
graph.trig of another. So every build is written into a fresh folder,
``.builds/<name>``, and published by one ``rename`` of the symbolic link
``.current`` to point at it; ``graph.ttl``, ``graph.trig``, ``void.ttl`` and
``network.html`` are links through ``.current``, so all of them change at
that one instant, or none does. Before publishing, every RDF output is parsed
back with pyoxigraph and must hold exactly the triples or quads it was made
from, and the disk must have room for all of them.

While a build runs it holds an exclusive lock (``flock``) on ``.lock``; a
second build into the same folder is refused at once with ``OutputBusy``.
A folder the build created and then failed to fill is removed again.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pyoxigraph as ox

from lankg.errors import OutputBusy, OutputError

LOCK = ".lock"
BUILDS = ".builds"
CURRENT = ".current"
#: Room left free on the disk beyond the outputs themselves.
SPARE_BYTES = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Output:
    """One file of a build: its name, its bytes, and for RDF the format and the number of triples (or quads) it must hold."""

    name: str
    data: bytes
    rdf_format: ox.RdfFormat | None = None
    statements: int | None = None


def parsed_back(output: Output) -> None:
    """Raise OutputError unless pyoxigraph reads ``output`` and finds exactly the statements it was made from."""
    if output.rdf_format is None:
        return
    try:
        count = sum(1 for _ in ox.parse(output.data, format=output.rdf_format))
    except (SyntaxError, ValueError) as exc:
        raise OutputError(output.name, f"the built file does not parse back ({exc}); the previous outputs are kept") from None
    if output.statements is not None and count != output.statements:
        raise OutputError(output.name, f"the built file parses back to {count:,} statements, not {output.statements:,}; "
                                       "the previous outputs are kept")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace_with_link(link: Path, target: str) -> None:
    """Make ``link`` a symbolic link to ``target`` in one rename (whatever ``link`` was before: a file, an older link)."""
    if link.is_symlink() and os.readlink(link) == target:
        return
    tmp = link.with_name(f".{link.name}.{os.getpid()}.link")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


class OutputFolder:
    """``with OutputFolder(path) as folder:`` locks ``path`` for one build; ``folder.publish(outputs)`` switches it to them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock_fd: int | None = None
        self._created = False

    def __enter__(self) -> OutputFolder:
        if self.path.exists() and not self.path.is_dir():
            raise OutputError(self.path, "is a file, not a folder (--out names the folder the outputs go to)")
        try:
            self.path.mkdir(parents=True)
            self._created = True
        except FileExistsError:
            pass
        except OSError as exc:
            raise OutputError(self.path, f"cannot create the output folder: {exc.strerror}") from None
        try:
            fd = os.open(self.path / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(self.path, f"cannot write to the output folder: {exc.strerror}; nothing was built") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "another process"
            os.close(fd)
            raise OutputBusy(self.path, f"another lankg build (pid {holder}) is writing to this folder; "
                                        "wait for it to finish or choose another --out") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._lock_fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if kind is not None and self._created and not (self.path / CURRENT).is_symlink():
            shutil.rmtree(self.path, ignore_errors=True)  # made by this build, which built nothing into it
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing releases the lock
            self._lock_fd = None

    def current(self) -> Path | None:
        """The folder of the published build, or None before the first one."""
        link = self.path / CURRENT
        return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None

    def current_size(self) -> int:
        """Bytes of the published build's files: the room the next one will need, about."""
        folder = self.current()
        return 0 if folder is None else sum(p.stat().st_size for p in folder.iterdir() if p.is_file())

    def check_space(self, needed: int) -> None:
        """Raise OutputError unless the output folder's disk has ``needed`` bytes free, and some to spare."""
        stat = os.statvfs(self.path)
        free = stat.f_bavail * stat.f_frsize
        if free < needed + SPARE_BYTES:
            raise OutputError(self.path, f"not enough free space: the outputs need about {needed + SPARE_BYTES:,} bytes "
                                         f"and the disk has {free:,}; the previous outputs are kept")

    def publish(self, outputs: Sequence[Output]) -> list[Path]:
        """Parse back, write into a fresh folder, and switch every output to it in one rename; the paths users read."""
        for output in outputs:
            parsed_back(output)
        self.check_space(sum(len(o.data) for o in outputs))
        builds = self.path / BUILDS
        fresh: Path | None = None
        try:
            builds.mkdir(exist_ok=True)
            fresh = Path(tempfile.mkdtemp(prefix="build-", dir=builds))
            for output in outputs:
                with open(fresh / output.name, "wb") as handle:
                    handle.write(output.data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(fresh / output.name, 0o644)
            os.chmod(fresh, 0o755)
            _fsync_dir(fresh)
            _replace_with_link(self.path / CURRENT, f"{BUILDS}/{fresh.name}")  # the one step
            _fsync_dir(self.path)
        except OSError as exc:
            if fresh is not None:
                shutil.rmtree(fresh, ignore_errors=True)
            raise OutputError(self.path, f"cannot write the outputs: {exc.strerror or exc}; the previous outputs are kept") from None
        try:
            for output in outputs:
                _replace_with_link(self.path / output.name, f"{CURRENT}/{output.name}")
            for stale in builds.iterdir():  # the build replaced, and any left by a build that was killed
                if stale != fresh and stale.is_dir():
                    shutil.rmtree(stale, ignore_errors=True)
        except OSError as exc:
            raise OutputError(self.path, f"the outputs were built into {fresh} but could not be linked: {exc.strerror or exc}") from None
        return [self.path / output.name for output in outputs]


__all__ = ["Output", "OutputFolder", "parsed_back"]
