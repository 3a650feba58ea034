"""The desk's uploads: each file a person drops into the page is cleaned in the background.

Where things are, while the desk runs:

- a private temporary folder (``mediascrub-desk-<pid>-*`` in the system's temp folder, mode 0700)
  holds ``in/<job>/`` (the upload as it arrived, 0600) and ``safe/<job>/`` (the cleaned copy);
- each upload is cleaned by the same pipeline as ``scrub`` (photos and clips alike), in worker
  processes (``run.batch``'s worker: models loaded once per process), so the page stays quick;
- once a file is done its upload is deleted at once, whatever the outcome. A file that needs a person
  is first held by the pipeline as ``scrub`` holds files (:func:`..publish.quarantine_input`): copied into
  the held folder (``--quarantine``) with its reason, both 0600 in 0700 folders, and what was found
  saved beside it, so the review station ("To check") lists it and opens it without looking again;
  nothing else of the original is kept. A sidecar file (``.xmp``, ``.aae``, ``.thm``) is skipped, as
  ``scrub`` skips it: never cleaned, never held;
- the safe copy's name follows the settings as ``scrub``'s does (``output.names``): a name that reads
  like a person's name or an address becomes a neutral one (:func:`..publish.publish_output`), and the
  zip and the posting folder use that name;
- the cleaned copies stay in the private folder until the person removes them from the list, or the
  desk stops (the whole folder is deleted); a desk that was killed leaves its folder behind, and the
  next desk to start removes it.

Results are kept in memory (:class:`UploadJob`); what happened is also written to the desk's journal
(``history.py``) by the caller's ``on_done``.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import enum
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import UsageError
from ..findings import Report, Status
from ..policy import Policy
from ..publish import beside_held, quarantine_name
from ..run.batch import (
    SIDECAR_REASON,
    PipelineFactory,
    WorkItem,
    _init_worker,
    _pool_context,
    _stop_pool,
    _work,
    default_factory,
    is_sidecar,
)
from ..run.watch import _unique, sweep_stale_staging

TEMP_PREFIX = "mediascrub-desk-"
#: How much lower the cleaning workers' priority is than the desk's (``nice``): the page, and the rest
#: of a shared PC, stay quick while photos are being cleaned.
WORKER_NICENESS = 10
MAX_NAME = 120  # characters of an uploaded file's name that are kept
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f/\\:*?\"<>|]")


def _init_desk_worker(policy: Policy, factory: PipelineFactory, threads: int, frames: Any) -> None:
    """A cleaning worker: a lower priority than the desk itself, then the batch worker's start."""
    with contextlib.suppress(AttributeError, OSError):
        os.nice(WORKER_NICENESS)
    _init_worker(policy, factory, threads, frames)


class JobState(enum.StrEnum):
    RECEIVING = "receiving"
    WAITING = "waiting"
    CLEANING = "cleaning"
    READY = "ready"  # a safe copy is there
    HELD = "held"  # a person must check it: in the held folder, listed under "To check"
    FAILED = "failed"  # could not be made safe, and not held either


def clean_upload_name(name: str) -> str:
    """A file name a browser sent, fit to use as one file's name: no folders, no control or reserved
    characters, not hidden, at most MAX_NAME characters (the extension kept)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip().lstrip(".")
    if not base or base in (".", ".."):
        base = "upload"
    if len(base) > MAX_NAME:
        stem, dot, ext = base.rpartition(".")
        ext = ext[:10] if dot else ""
        base = (stem if dot else base)[: MAX_NAME - len(ext) - 1] + (f".{ext}" if ext else "")
    return base


@dataclass
class UploadJob:
    id: str
    name: str  # the name it was uploaded under (cleaned)
    by: str
    size: int = 0
    received: float = field(default_factory=time.time)
    state: JobState = JobState.RECEIVING
    frames_done: int = 0
    frames_total: int = 0
    report: Report | None = None
    output: Path | None = None  # the cleaned copy, in the private folder
    held_as: str | None = None  # its name in the held folder, when held
    posted_as: str | None = None  # its name in the posting folder, once copied there
    tries: int = 0
    finished: float | None = None

    @property
    def output_name(self) -> str | None:
        return self.output.name if self.output is not None else None

    @property
    def done(self) -> bool:
        return self.state in (JobState.READY, JobState.HELD, JobState.FAILED)


class UploadRunner:
    """Receives uploads into a private folder and cleans them in worker processes, ``workers`` at a time."""

    def __init__(
        self, held: Path, policy: Policy, *, workers: int = 1, factory: PipelineFactory = default_factory,
        on_done: Callable[[UploadJob], None] | None = None, temp_parent: Path | None = None,
    ) -> None:
        self.held = Path(held)
        self.policy = policy
        self.workers = max(1, workers)
        self.factory = factory
        self.on_done = on_done
        sweep_stale_staging(temp_parent, TEMP_PREFIX)  # folders of desks that were killed
        self.root = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=temp_parent))
        os.chmod(self.root, 0o700)
        for sub in ("in", "safe"):
            (self.root / sub).mkdir(mode=0o700)
        self._lock = threading.RLock()
        self._jobs: dict[str, UploadJob] = {}
        self._order: list[str] = []
        self._pending: collections.deque[str] = collections.deque()
        self._inflight: dict[cf.Future[tuple[Report, str | None]], str] = {}
        self._by_rel: dict[str, str] = {}  # the held name a job would get -> job id (clips' frame progress)
        self._untold = 0  # jobs settled whose on_done (the journal line) has not run yet: not idle until it has
        self._executor: cf.ProcessPoolExecutor | None = None
        self._frames_q: Any = None
        self._reader: threading.Thread | None = None
        self._closed = False
        # Jobs are started from a thread of our own: never from a future's callback (the pool's own thread).
        self._wake = threading.Event()
        self._dispatcher = threading.Thread(target=self._dispatch_loop, name="mediascrub-desk-dispatch", daemon=True)
        self._dispatcher.start()

    # -- receiving

    def begin(self, name: str, by: str) -> tuple[UploadJob, BinaryIO]:
        """A new job and the file to write the upload into (0600, in the private folder)."""
        if self._closed:
            raise UsageError("the desk is stopping")
        job = UploadJob(id=secrets.token_hex(8), name=clean_upload_name(name), by=by)
        folder = self.root / "in" / job.id
        folder.mkdir(mode=0o700)
        fd = os.open(folder / job.name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with self._lock:
            self._jobs[job.id] = job
            self._order.append(job.id)
        return job, os.fdopen(fd, "wb")

    def abandon(self, job: UploadJob) -> None:
        """An upload that did not arrive whole (too large, connection lost): nothing of it is kept."""
        shutil.rmtree(self.root / "in" / job.id, ignore_errors=True)
        with self._lock:
            self._jobs.pop(job.id, None)
            with contextlib.suppress(ValueError):
                self._order.remove(job.id)

    def submit(self, job: UploadJob) -> None:
        """The upload has arrived whole: queue it for cleaning."""
        with self._lock:
            job.state = JobState.WAITING
            self._pending.append(job.id)
        self._wake.set()

    def receive(self, name: str, data: bytes, by: str) -> UploadJob:
        """Receive a whole upload at once (tests and small files)."""
        job, fh = self.begin(name, by)
        with fh:
            fh.write(data)
        job.size = len(data)
        self.submit(job)
        return job

    # -- the work

    def _pool(self) -> cf.ProcessPoolExecutor:
        if self._executor is None:
            ctx = _pool_context()
            self._frames_q = ctx.SimpleQueue()
            self._reader = threading.Thread(target=self._read_frames, args=(self._frames_q,), name="mediascrub-desk-frames", daemon=True)
            self._reader.start()
            threads = max(1, ((os.cpu_count() or 1) - 1) // self.workers)
            self._executor = cf.ProcessPoolExecutor(
                max_workers=self.workers, mp_context=ctx, initializer=_init_desk_worker,
                initargs=(self.policy, self.factory, threads, self._frames_q),
            )
        return self._executor

    def _read_frames(self, q: Any) -> None:
        while (msg := q.get()) is not None:
            with contextlib.suppress(Exception):
                rel, done, total = msg
                with self._lock:
                    job = self._jobs.get(self._by_rel.get(str(rel), ""))
                    if job is not None:
                        job.frames_done, job.frames_total = int(done), int(total)

    def _held_taken(self, cand: str) -> bool:
        """Whether a held copy named ``cand`` would meet another file: one being cleaned under that name,
        a held copy, or a file that goes with one (its reason, what was found in it)."""
        held = quarantine_name(self.held / cand)
        return cand in self._by_rel or any(os.path.lexists(p) for p in (held, *beside_held(held)))

    def _held_name(self, rel: str) -> str:
        """The name the pipeline holds ``rel`` under in the held folder (shortened when too long)."""
        return quarantine_name(self.held / rel).relative_to(self.held).as_posix()

    def _dispatch_loop(self) -> None:
        while not self._closed:
            self._wake.wait()
            self._wake.clear()
            if self._closed:
                return
            try:
                skipped = self._dispatch()
            except Exception as exc:  # a pool that cannot start: every waiting job fails closed, with the reason
                skipped = []
                with self._lock:
                    while self._pending:
                        job = self._jobs.get(self._pending.popleft())
                        if job is not None:
                            self._settle(job, Report(input=job.name, status=Status.FAILED, reason=f"could not be cleaned: {exc}"), None)
                            skipped.append(job)
            for job in skipped:
                self._tell(job)

    def _dispatch(self) -> list[UploadJob]:
        """Start waiting jobs while fewer than ``workers`` are cleaning (so 'cleaning' means just that);
        return the jobs settled without cleaning (sidecars)."""
        skipped: list[UploadJob] = []
        with self._lock:
            while self._pending and len(self._inflight) < self.workers and not self._closed:
                job = self._jobs.get(self._pending.popleft())
                if job is None:
                    continue
                if is_sidecar(job.name):  # details kept beside a photo: skipped, as scrub skips them
                    self._settle(job, Report(input=job.name, status=Status.SKIPPED, reason=SIDECAR_REASON), None)
                    skipped.append(job)
                    continue
                rel = _unique(job.name, self._held_taken)  # never over another held file
                self._by_rel[rel] = job.id
                src = self.root / "in" / job.id / job.name
                dest = self.root / "safe" / job.id / job.name
                dest.parent.mkdir(mode=0o700, exist_ok=True)
                job.state = JobState.CLEANING
                job.tries += 1
                fut = self._pool().submit(_work, WorkItem(src=src, dest=dest, rel=Path(rel)), self.held)
                self._inflight[fut] = job.id
                fut.add_done_callback(self._finished)
        return skipped

    def _finished(self, fut: cf.Future[tuple[Report, str | None]]) -> None:
        with self._lock:
            job_id = self._inflight.pop(fut, None)
            job = self._jobs.get(job_id or "")
            rel = next((r for r, j in self._by_rel.items() if j == job_id), None)
            if rel is not None:
                del self._by_rel[rel]
            if job is None or self._closed:
                return
            try:
                report, _ = fut.result()
            except cf.process.BrokenProcessPool:
                if self._executor is not None:  # a worker died (out of memory?): a new pool for what follows
                    self._executor.shutdown(wait=False, cancel_futures=True)
                    self._executor = None
                if job.tries < 2:
                    job.state = JobState.WAITING
                    self._pending.appendleft(job.id)
                    self._wake.set()
                    return
                report = Report(input=job.name, status=Status.FAILED,
                                reason="the cleaning process stopped unexpectedly (out of memory?) twice; nothing was published")
            except cf.CancelledError:
                return
            except Exception as exc:  # the pipeline could not be built (models, gallery): fail closed, say why
                report = Report(input=job.name, status=Status.FAILED, reason=f"could not be cleaned: {exc}")
            self._settle(job, report, rel)
        self._wake.set()
        self._tell(job)

    def _tell(self, job: UploadJob) -> None:
        try:
            if self.on_done is not None:
                with contextlib.suppress(Exception):  # the journal must never stop the desk
                    self.on_done(job)
        finally:
            with self._lock:
                self._untold -= 1

    def _settle(self, job: UploadJob, report: Report, rel: str | None) -> None:
        """Record how ``job`` ended (under the lock); the caller then calls :meth:`_tell` once for it."""
        self._untold += 1
        job.report = report
        job.finished = time.time()
        job.frames_done = job.frames_total
        if report.status is Status.PUBLISHED and report.output:
            job.output = Path(report.output)
            job.state = JobState.READY
        elif report.status is Status.QUARANTINED and rel is not None:
            job.held_as = self._held_name(rel)
            job.state = JobState.HELD
        else:
            job.state = JobState.FAILED
        shutil.rmtree(self.root / "in" / job.id, ignore_errors=True)  # the upload itself: never kept

    # -- reading

    def jobs(self) -> list[UploadJob]:
        with self._lock:
            return [self._jobs[i] for i in self._order if i in self._jobs]

    def find(self, job_id: str) -> UploadJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def idle(self) -> bool:
        with self._lock:
            return not self._pending and not self._inflight and self._untold == 0

    def wait(self, timeout: float = 600.0) -> bool:
        """Block until every job is done (tests, benchmarks). True when they are."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.idle() and all(j.state is not JobState.RECEIVING for j in self.jobs()):
                return True
            time.sleep(0.05)
        return False

    def remove(self, job_id: str) -> bool:
        """Take a finished job off the list and delete its cleaned copy."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or not job.done:
                return False
            del self._jobs[job_id]
            self._order.remove(job_id)
        shutil.rmtree(self.root / "safe" / job_id, ignore_errors=True)
        return True

    def safe_path(self, job: UploadJob) -> Path | None:
        """The cleaned copy of a ready job, checked to lie in the private folder (never a link)."""
        if job.state is not JobState.READY or job.output is None:
            return None
        path = job.output
        folder = self.root / "safe" / job.id
        if path.parent != folder or path.is_symlink() or not path.is_file():
            return None
        return path

    def close(self) -> None:
        """Stop the workers and delete the private folder (uploads and cleaned copies)."""
        with self._lock:
            self._closed = True
            self._wake.set()
            executor, self._executor = self._executor, None
            futures = list(self._inflight)
        for fut in futures:
            fut.cancel()
        if executor is not None:
            _stop_pool(executor)
        if self._frames_q is not None:
            with contextlib.suppress(Exception):
                self._frames_q.put(None)
        shutil.rmtree(self.root, ignore_errors=True)


__all__ = ["UploadRunner", "UploadJob", "JobState", "clean_upload_name", "TEMP_PREFIX"]
