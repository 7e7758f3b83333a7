"""The one way lankg reads input text and writes output files.

Reads refuse empty, binary, oversized and non-UTF-8 files with an
``InputError`` that names the file; writes go to a temporary file in the same
folder and are renamed into place, so a crash never leaves half a file behind
and never destroys what an earlier run built; a write the system refuses (a
read-only folder, a full disk, a file where a folder should be) is an
``OutputError`` naming the path, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from lankg.errors import InputError, OutputError

#: Larger inputs are refused: no news article comes near it.
MAX_INPUT_BYTES = 5 * 1024 * 1024


def read_bytes_checked(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """Return the bytes of ``path``, a file neither empty nor over ``max_bytes``, or raise ``InputError`` saying why not."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if path.is_dir():
        raise InputError(path, "is a folder, not a file")
    if size == 0:
        raise InputError(path, "file is empty")
    if size > max_bytes:
        raise InputError(path, f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
    return path.read_bytes()


def read_text_checked(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """Return the UTF-8 text of ``path`` or raise ``InputError`` saying why not."""
    raw = read_bytes_checked(path, max_bytes=max_bytes)
    if b"\x00" in raw[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), expected UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(path, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})", line=line) from None
    if not text.strip():
        raise InputError(path, "file holds only whitespace")
    return text


@contextlib.contextmanager
def atomic_write(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO[Any]]:
    """Open a temporary sibling of ``path`` for writing; rename it over ``path`` on success."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None
    binary = "b" in mode
    try:
        with os.fdopen(fd, mode, encoding=None if binary else encoding, newline=None if binary else "") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise OutputError(path, f"cannot write: {exc.strerror or exc}") from None
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_write(path) as handle:
        handle.write(text)
