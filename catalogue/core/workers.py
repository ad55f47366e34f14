"""Work over all cores in forked workers that share the parent's memory (the site read once),
and that die with the build: a worker must never outlive a build that was killed.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1
_job: Callable | None = None  # set in each worker process only, by _start_worker


def orphan_guard() -> Callable[[], None]:
    """What a child of this process runs first (a forked worker, or Pagefind before its exec):
    ask the kernel to kill it when this process dies, so that nothing outlives a killed build.
    libc is loaded here, before the fork: the child only makes two system calls."""
    parent = os.getpid()
    try:
        prctl = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True).prctl
    except (OSError, AttributeError):
        prctl = None  # not Linux: the operating system leaves orphans to the user

    def guard() -> None:
        if prctl is not None:
            prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before the line above
            os._exit(1)

    return guard


def _start_worker(guard: Callable[[], None], job: Callable) -> None:
    """Runs first in each worker: die with the build, and keep the job (inherited through
    fork, never pickled)."""
    global _job
    guard()
    _job = job


def _run(task: object) -> object:
    assert _job is not None
    return _job(task)


def in_workers(tasks: list[T], job: Callable[[T], R]) -> Iterator[tuple[T, R]]:
    """(task, job(task)) for every task, in order, computed over all cores; in this process
    when there is one core or no fork."""
    workers = min(len(tasks), os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from ((task, job(task)) for task in tasks)
        return
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=fork, initializer=_start_worker, initargs=(orphan_guard(), job)) as pool:
        try:
            yield from zip(tasks, pool.map(_run, tasks), strict=True)
        except BaseException:
            pool.shutdown(cancel_futures=True)  # a task failed: the tasks not started never will
            raise


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Exempt what is already allocated (the site read, kept to the end) from the cyclic garbage
    collector's full passes, which would also copy every page of the forked workers' memory."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
