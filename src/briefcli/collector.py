"""Python's cyclic garbage collector, tuned in one place: briefcli makes many objects and
almost no cycles, so the collector's passes cost time and free nothing. It is paused during
start-up and while a brief is parsed, and runs less often during a command."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

# A command makes many objects that live until it ends (records, answers) and few cycles: the
# young generation is collected every 50,000 allocations instead of 700.
COMMAND_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def paused_for_start_up() -> Iterator[None]:
    """Pause collection while the CLI starts (imports, Typer's command tree, parsing make many
    lasting objects and no cycles); resume_for_command() resumes it before the command runs.
    Collection is back as it was on the way out, also when no command ran (--help)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def resume_for_command() -> None:
    """Resume collection paused for start-up, with every object start-up made (modules,
    classes, Typer's tree) set aside for good, and the command's thresholds."""
    if not gc.isenabled():
        gc.freeze()
        gc.set_threshold(*COMMAND_GC_THRESHOLDS)
        gc.enable()


def without_garbage_collection(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Run `function` with the cyclic garbage collector paused. Parsing builds millions of
    acyclic objects, and the collector rescanning them costs more than the parse itself;
    nothing is lost, collection resumes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return function(*args, **kwargs)
    finally:
        if enabled:
            gc.enable()
