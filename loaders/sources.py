"""Where articles came from, for many at once: a ``sources.csv`` in their folder.

One row per article file in the same folder, under the header
``file,url,outlet,published,retrieved`` (only ``file`` is required; the
columns may come in any order and any but ``file`` may be left out or empty):

- ``file``: the article's bare file name (``berita-01.txt``, ``halaman.html``);
- ``url``: the page's http(s) address;
- ``outlet``: the site or outlet that published it;
- ``published``: the publication date, ``YYYY-MM-DD``;
- ``retrieved``: the date the page was saved, ``YYYY-MM-DD``.

The file is read strictly: an unknown column, a missing ``file`` column, a
path or a repeated file name, an address that is not one http(s) address, a
date that is not a real ``YYYY-MM-DD`` date is an ``InputError`` naming
``sources.csv`` and its line. A row whose file is not in the folder is unused.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from pathlib import Path

from lankg import values
from lankg.errors import InputError
from lankg.fileio import read_text_checked

SOURCES_CSV = "sources.csv"
COLUMNS = ("file", "url", "outlet", "published", "retrieved")


@dataclass(frozen=True, slots=True)
class Source:
    """One row of ``sources.csv``: what is known of where one article came from."""

    file: str
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    """ISO ``YYYY-MM-DD``."""
    retrieved: str | None = None
    """ISO ``YYYY-MM-DD``."""


def http_address(value: str) -> bool:
    """True when ``value`` is one http(s) address, without spaces."""
    return value.startswith(("http://", "https://")) and len(value) > len("https://") and not any(c.isspace() for c in value)


def _row(csv_path: Path, line: int, row: dict[str, str]) -> Source:
    fields = {key: values.without_controls(value or "").strip() for key, value in row.items()}
    name = fields.pop("file", "")
    try:
        name = values.bare_file_name(name)
    except ValueError as exc:
        raise InputError(csv_path, f"column file: {exc}", line=line) from None
    url = fields.pop("url", "") or None
    if url is not None and not http_address(url):
        raise InputError(csv_path, f"column url: {url!r} is not an http(s) address", line=line)
    dates: dict[str, str | None] = {}
    for column in ("published", "retrieved"):
        value = fields.pop(column, "") or None
        if value is not None:
            try:
                value = values.iso_date(value)
            except ValueError:
                raise InputError(csv_path, f"column {column}: {value!r} is not a YYYY-MM-DD date", line=line) from None
        dates[column] = value
    outlet = " ".join(fields.pop("outlet", "").split()) or None
    return Source(file=name, url=url, outlet=outlet, **dates)


@functools.lru_cache(maxsize=64)
def _read(csv_path: Path, _stamp: tuple[int, int]) -> dict[str, Source]:
    text = read_text_checked(csv_path)
    reader = csv.DictReader(io.StringIO(text, newline=""), restkey="\0extra", strict=True)
    header = [h.strip() for h in reader.fieldnames or []]
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InputError(csv_path, f"unknown column {unknown[0]!r}; the columns are {', '.join(COLUMNS)}", line=1)
    if "file" not in header:
        raise InputError(csv_path, "no 'file' column in the header", line=1)
    if len(set(header)) != len(header):
        raise InputError(csv_path, "a column is named twice in the header", line=1)
    reader.fieldnames = header
    sources: dict[str, Source] = {}
    while True:
        line = reader.line_num + 1  # where the next record starts
        try:
            row = next(reader)
        except StopIteration:
            return sources
        except csv.Error as exc:
            raise InputError(csv_path, f"not valid CSV ({exc})", line=line) from None
        if "\0extra" in row:
            raise InputError(csv_path, f"more values than the {len(header)} columns", line=line)
        if not any((v or "").strip() for v in row.values()):
            continue
        source = _row(csv_path, line, row)
        if source.file in sources:
            raise InputError(csv_path, f"{source.file} has a row already", line=line)
        sources[source.file] = source


def read_sources(csv_path: Path) -> dict[str, Source]:
    """The rows of ``csv_path`` by file name; read once per version of the file."""
    try:
        stat = csv_path.stat()
    except OSError:
        return _read(csv_path, (0, 0))  # raises the InputError saying why
    return _read(csv_path, (stat.st_mtime_ns, stat.st_size))


def source_of(path: Path) -> Source | None:
    """The row of the ``sources.csv`` beside article ``path`` for it; None without the file or the row."""
    csv_path = path.parent / SOURCES_CSV
    if not csv_path.is_file():
        return None
    return read_sources(csv_path).get(path.name)
