"""Batch runs on a Ray cluster: ``mediascrub scrub ... --engine ray [--ray-address ADDR]``.

The same pipeline as a local run, on Ray actors instead of local worker
processes. ``run_batch`` (run/batch.py) still plans the work, skips what is
already done, records every finished file in the output folder's state file
and builds the report; this module only replaces the local process pool:

* one actor per CPU of the cluster (``--jobs`` caps it), each building its
  pipeline, and so loading its models and opening the consent gallery, once;
* at most two files in flight per actor, so a slow 12 MP photo never holds up
  a queue behind it, and results come back as they finish;
* every worker reads the inputs and writes the outputs itself, by the same
  paths: inputs, output and quarantine folders (and a SQLite gallery file, if
  that is what is used: prefer PostgreSQL) must be on storage every node mounts
  at the same path, and mediascrub (with its models) must be installed on
  every node. Each actor works in the folder the command was started from,
  so relative paths mean the same as in a local run and the report is the same;
* outputs are written by temp file + rename as always, so a worker that dies
  (killed, out of memory, its node lost) never leaves a half-written output:
  its files are given to another worker once more and, if that one dies too,
  reported failed ("run again to retry"); the temp files of dead workers are
  removed at the end of the run;
* an error that concerns the whole run (a missing model, an unreadable
  gallery) ends it, as in a local run, with the same message.

Without ``--ray-address`` a local Ray instance is started for the run (and
stopped after it), so the engine can be tried on one machine.
``pip install "mediascrub[ray]"``: the core install does not include Ray.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import MediascrubError, UsageError
from ..findings import Report
from ..policy import Policy
from .batch import PipelineFactory, WorkItem
from .engines import Engine

#: The most times one file is given to a fresh worker after the worker holding it died.
ATTEMPTS = 2
#: Object store for a local instance: reports are small; leave shared memory to the others.
LOCAL_OBJECT_STORE_BYTES = 128 * 1024 * 1024

Finish = Callable[[int, Report, "str | None"], None]


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise UsageError('--engine ray needs Ray: pip install "mediascrub[ray]"') from None
    return ray


class _Scrubber:
    """One Ray actor: a pipeline built once, then file after file (wrapped by ``ray.remote`` on first use)."""

    def __init__(self, policy: Policy, factory: PipelineFactory, threads: int, cwd: str) -> None:
        from ..models import THREADS_ENV

        for var in (THREADS_ENV, "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[var] = str(threads)
        with contextlib.suppress(Exception):
            import cv2

            cv2.setNumThreads(threads)
        self._error: BaseException | None = None
        try:
            os.chdir(cwd)
        except OSError:
            self._error = UsageError(
                f"the folder the run was started from ({cwd}) does not exist on a Ray worker: start mediascrub from a folder "
                "on the storage every node shares, and give inputs and --out on it"
            )
            return
        try:
            self._pipeline = factory(policy)
        except BaseException as exc:  # reported with the first file, so the driver ends the run with the right message
            self._error = exc

    def pid(self) -> int:
        return os.getpid()

    def scrub(self, item: WorkItem, quarantine: Path | None) -> tuple[Report, str | None]:
        from .batch import _scrub_one

        if self._error is not None:
            raise self._error
        return _scrub_one(self._pipeline, item, quarantine)


def _cause(exc: BaseException) -> BaseException:
    """The exception raised inside the worker (Ray wraps it in a RayTaskError)."""
    cause = getattr(exc, "cause", None)
    return cause if isinstance(cause, BaseException) else exc


class RayEngine:
    """Runs a batch's files on Ray actors; pass it to ``run_batch(engine=...)``.

    ``address``: a running cluster (``ray://head:10001`` or ``head:6379``);
    None starts a local instance with ``cpus`` CPUs (default: every core).
    ``workers``: the most actors to start (default: one per CPU in the cluster).
    """

    def __init__(self, address: str | None = None, *, workers: int | None = None, cpus: int | None = None) -> None:
        self.address = address
        self.workers = workers
        self.cpus = cpus
        self.pool_size = 0  # how many actors the last run used
        self.deaths = 0  # how many actors died during the last run

    # -- the cluster

    def _start(self) -> tuple[Any, bool]:
        ray = _ray()
        if ray.is_initialized():
            return ray, False
        kwargs: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False, "include_dashboard": False}
        if self.address:
            kwargs["address"] = self.address
        else:
            kwargs["num_cpus"] = self.cpus or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
            kwargs["object_store_memory"] = LOCAL_OBJECT_STORE_BYTES
        try:
            ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray instance"
            raise UsageError(f"cannot start or reach {where}: {exc}") from None
        return ray, True

    # -- the run

    def __call__(
        self, items: list[WorkItem], todo: list[int], policy: Policy, factory: PipelineFactory, quarantine: Path | None, finish: Finish
    ) -> None:
        if not todo:
            return
        ray, started = self._start()
        try:
            self._run(ray, items, todo, policy, factory, quarantine, finish)
        finally:
            if started:
                ray.shutdown()

    def _run(
        self, ray: Any, items: list[WorkItem], todo: list[int], policy: Policy, factory: PipelineFactory, quarantine: Path | None,
        finish: Finish,
    ) -> None:
        from .batch import _worker_died

        cpus = int(ray.cluster_resources().get("CPU", 1))
        size = max(1, min(cpus, self.workers or cpus, len(todo)))
        self.pool_size, self.deaths = size, 0
        actor_cls = ray.remote(num_cpus=1, max_restarts=0, max_task_retries=0)(_Scrubber)
        cwd = os.getcwd()
        policy_ref = ray.put(policy)

        def new_actor() -> Any:
            return actor_cls.remote(policy_ref, factory, 1, cwd)

        actors = [new_actor() for _ in range(size)]
        generation = [0] * size  # bumped when a slot's actor is replaced
        busy = [0] * size  # files in flight on each slot's current actor
        queue: collections.deque[int] = collections.deque(todo)
        attempts: collections.Counter[int] = collections.Counter()
        inflight: dict[Any, tuple[int, int, int]] = {}  # object ref -> (actor slot, its generation, item index)
        try:
            while queue or inflight:
                for slot in sorted(range(size), key=lambda s: busy[s]):  # fill the least busy actors first
                    while queue and busy[slot] < 2:
                        i = queue.popleft()
                        inflight[actors[slot].scrub.remote(items[i], quarantine)] = (slot, generation[slot], i)
                        busy[slot] += 1
                ready, _ = ray.wait(list(inflight), num_returns=1)
                for ref in ready:
                    slot, gen, i = inflight.pop(ref)
                    current = gen == generation[slot]
                    if current:
                        busy[slot] -= 1
                    try:
                        report, sha = ray.get(ref)
                    except ray.exceptions.RayActorError:  # the worker died with this file in hand
                        attempts[i] += 1
                        if current:  # its other files come back as failed calls of the old generation
                            self.deaths += 1
                            with contextlib.suppress(Exception):
                                ray.kill(actors[slot])
                            actors[slot] = new_actor()
                            generation[slot] += 1
                            busy[slot] = 0
                        if attempts[i] >= ATTEMPTS:
                            finish(i, _worker_died(items[i]), None)
                        else:
                            queue.appendleft(i)
                        continue
                    except ray.exceptions.RayTaskError as exc:
                        cause = _cause(exc)
                        if isinstance(cause, MediascrubError):
                            raise cause from None  # models, gallery: the whole run stops, as in a local run
                        raise RuntimeError(f"{type(cause).__name__}: {cause}") from None
                    finish(i, report, sha)
        finally:
            for actor in actors:
                with contextlib.suppress(Exception):
                    ray.kill(actor)
            if self.deaths:
                _sweep_dead_workers_files(items, quarantine)


def _sweep_dead_workers_files(items: list[WorkItem], quarantine: Path | None) -> None:
    """Remove the temp files dead workers left (run_batch holds the output folder's lock; every actor has stopped)."""
    from .batch import sweep_partials

    folders = {item.dest.parent for item in items} | ({quarantine} if quarantine else set())
    for folder in sorted(folders):
        if not any(parent in folders for parent in folder.parents):  # a parent's sweep covers it
            with contextlib.suppress(OSError):
                sweep_partials(folder)


__all__ = ["Engine", "RayEngine", "ATTEMPTS"]
