"""The one way lankg parses YAML (lexicons, judgements, query headers): safely, within limits, errors naming file and line.

``yaml.safe_load`` builds no objects from tags, but it still follows aliases
and nests without limit: a "billion laughs" document of a few hundred bytes
expands to 9**9 strings the moment anything prints or walks it, and a few
thousand ``[`` overflow the parser's recursion. So the event stream is
checked first, without building anything: the size the document would have
with every alias expanded, and how deep it nests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from lankg.errors import InputError

#: More nodes than this, counting each alias as the node it repeats, is refused.
MAX_NODES = 200_000
#: Deeper nesting of sequences and mappings than this is refused (no lankg file needs more than 5).
MAX_DEPTH = 64

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _line(exc: yaml.YAMLError) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return None if mark is None else mark.line + 1


def check_yaml_size(text: str, path: Path | str) -> None:
    """Raise InputError if ``text`` would expand past MAX_NODES, nests past MAX_DEPTH, or has a self-referring alias."""
    open_counts = [0]
    open_anchors: list[str | None] = []
    sizes: dict[str, int] = {}
    try:
        for event in yaml.parse(text, Loader=_Parser):
            line = event.start_mark.line + 1 if event.start_mark is not None else None
            if isinstance(event, yaml.ScalarEvent):
                open_counts[-1] += 1
                if event.anchor:
                    sizes[event.anchor] = 1
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in sizes:
                    raise InputError(path, f"alias *{event.anchor} refers to an unfinished or unknown anchor", line=line)
                open_counts[-1] += sizes[event.anchor]
            elif isinstance(event, yaml.CollectionStartEvent):
                if len(open_anchors) >= MAX_DEPTH:
                    raise InputError(path, f"nested more than {MAX_DEPTH} levels deep", line=line)
                open_counts.append(1)
                open_anchors.append(event.anchor)
            elif isinstance(event, yaml.CollectionEndEvent):
                size = open_counts.pop()
                anchor = open_anchors.pop()
                if anchor:
                    sizes[anchor] = size
                open_counts[-1] += size
            else:
                continue
            if sum(open_counts) > MAX_NODES:
                raise InputError(path, f"more than {MAX_NODES:,} values once aliases are expanded (a YAML bomb?)", line=line)
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {getattr(exc, 'problem', None) or exc}", line=_line(exc)) from None


def load_yaml(text: str, path: Path | str, *, loader: type[yaml.SafeLoader] = yaml.SafeLoader) -> Any:
    """The data in YAML ``text`` read from ``path``; anything malformed or oversized raises InputError naming path and line."""
    check_yaml_size(text, path)
    try:
        return yaml.load(text, Loader=loader)  # noqa: S506 - every loader used here is a SafeLoader
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {getattr(exc, 'problem', None) or exc}", line=_line(exc)) from None
    except (ValueError, TypeError) as exc:  # a bad timestamp ("2020-13-01") or an unhashable key, met while building values
        raise InputError(path, f"invalid YAML value: {exc}") from None
