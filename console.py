"""Terminal output for the CLI: one console for results, one for errors and progress.

Library code never prints; commands report through these and turn a
``LankgError`` into one line on stderr and the error's exit code.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from lankg.errors import LankgError

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

#: Characters that a terminal would act on rather than show: C0 controls but tab and line feed, DEL, C1 controls (ESC, CSI, OSC...).
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: each control character (tab and line feed kept) written as its ``\\xNN`` escape.

    Literals come from news articles and facts files; an ESC or OSC sequence
    in one must not recolour, retitle or rewrite the reader's terminal.
    """
    return _TERMINAL_CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a ``LankgError`` raised by ``command`` into ``error: <message>`` and its exit code."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except LankgError as exc:
            err.print(f"[bold red]error:[/] {escape(printable(str(exc)))}")
            raise typer.Exit(exc.exit_code) from None

    return wrapper


def progress() -> Progress:
    """A progress bar on stderr; it stays quiet when stderr is not a terminal."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=False,
        disable=not err.is_terminal,
    )
