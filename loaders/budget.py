"""A CPU-time budget per article, so one article the extractor is slow on cannot hold up a whole build.

The budget is CPU time of the process (``ITIMER_PROF``), not wall time, so a
busy machine does not push articles over it. When it runs out, SIGPROF
raises ``OverBudget`` wherever the extractor is (CPython checks for signals
inside regular expression matching too); it derives from BaseException so
that no ``except Exception`` in the extractor can swallow it. Signals reach
only the main thread, so elsewhere the budget is not enforced.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from lankg.options import DEFAULT_ARTICLE_BUDGET


class OverBudget(BaseException):
    """The work inside ``cpu_budget`` used up its CPU seconds."""


def _raise_over_budget(signum: int, frame: FrameType | None) -> None:
    raise OverBudget


@contextlib.contextmanager
def cpu_budget(seconds: float | None) -> Iterator[None]:
    """Raise OverBudget inside the block once it has used ``seconds`` of CPU time (None or 0: no limit)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _raise_over_budget)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


__all__ = ["DEFAULT_ARTICLE_BUDGET", "OverBudget", "cpu_budget"]
