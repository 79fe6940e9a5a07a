"""Work spread over the cores: how many processes, and mapping a function over them.

Workers are forked, so they start with everything the parent holds (the controls, the
resources) without pickling it; only the arguments and the results cross between processes.
Where processes cannot be forked, the work is done in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def worker_count() -> int:
    """How many processes to work in: the cores this process may use, or $ASSAYMARK_WORKERS
    (1 works in this process)."""
    given = os.environ.get("ASSAYMARK_WORKERS", "")
    if given.isdigit() and int(given) > 0:
        return int(given)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether worker processes can be forked here."""
    return "fork" in multiprocessing.get_all_start_methods()


def forked_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> Iterator[R]:
    """`function` over `items` in `workers` forked processes, results in the items' order."""
    # What the workers inherit stays where it is: a collection in a worker would walk (and
    # so copy) every page of it, and a collection here walk it again while they work.
    gc.freeze()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(function, items)
