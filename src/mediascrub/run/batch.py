"""Folders: walk the inputs, plan where each output goes, run the pipeline over them.

Output paths mirror the input tree: ``scrub photos/ --out clean/`` writes
``clean/a/b.jpg`` for ``photos/a/b.jpg``; a file given directly lands at
``clean/<name>``. The output folder must be separate from every input.

Running: ``run_batch`` spreads the items over worker processes (each builds
its pipeline, and so loads its models, once), records every finished item in
a state file kept outside the output folder (``run/statedir.py``: output name,
sha256 of the input bytes, settings key, output size, and the findings without
their values, so a resumed run's report keeps them) and, on a re-run, skips
items whose input content and settings are unchanged and whose output is still
there. Outputs are written by temp file + rename, so an interrupted
run leaves at most ``.mediascrub-*.part`` temp files; the next run (holding
the output folder's lock) removes them.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import hashlib
import json
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError, utf8
from ..findings import Finding, Report, Status
from ..media.image import EXTENSIONS, Format, atomic_write
from ..models import THREADS_ENV  # threads each model may use; read by the model loaders
from ..pipeline import Pipeline
from ..policy import Policy
from ..runkey import settings_key
from ..stages.filename import FolderNames
from .statedir import LEGACY_NAMES, remove_legacy_lock, state_dir_for, take_legacy

IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
IGNORED_PREFIXES = (".", "~$")
IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")


#: Files cameras and photo apps keep beside a photo: metadata (XMP, Apple's edits), or a thumbnail (THM).
#: Never published, never quarantined: each gets a "skipped" line.
SIDECAR_SUFFIXES = (".xmp", ".aae", ".thm")
SIDECAR_REASON = "a sidecar file (metadata or a thumbnail kept beside a photo): never published"


def is_sidecar(name: str) -> bool:
    return name.lower().endswith(SIDECAR_SUFFIXES)


def is_ignored_name(name: str) -> bool:
    """Hidden, temporary and system files that are never photos (``.DS_Store``, ``~$x``, ``x.part``)."""
    low = name.lower()
    return low in IGNORED_NAMES or name.startswith(IGNORED_PREFIXES) or low.endswith(IGNORED_SUFFIXES)


@dataclass(frozen=True)
class WorkItem:
    src: Path
    dest: Path
    rel: Path  # the path below the output/quarantine folders

    def quarantine_path(self, quarantine: Path | None) -> Path | None:
        return None if quarantine is None else quarantine / self.rel


def _is_within(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
        return True
    except ValueError:
        return False


def check_output_location(inputs: Iterable[Path], out: Path, what: str = "--out") -> None:
    """Refuse an output folder that is a file, is (or is inside) an input folder, or holds an input."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"{what} {out} is a file, not a folder; choose a folder (it is created when missing)")
    out_r = out.resolve()
    for inp in inputs:
        inp_r = inp.resolve()
        if inp.is_dir():
            if out_r == inp_r or _is_within(out_r, inp_r):
                raise UsageError(f"{what} {out} is inside the input folder {inp}; choose a folder outside it")
            if _is_within(inp_r, out_r):
                raise UsageError(f"the input folder {inp} is inside {what} {out}; choose a separate output folder")
        else:
            if out_r == inp_r or _is_within(inp_r, out_r):
                raise UsageError(f"{what} {out} would put outputs next to or over the input {inp}; choose another folder")


# One rule for scrub and watch: a symbolic link inside a folder (to a file or to a folder) is never
# followed; each one is reported with this reason and counted. A path named on the command line is used
# as given (the shell or the person chose it).
LINK_REASON = "symbolic link: not followed (links inside a folder are never followed)"


def _walk(folder: Path) -> tuple[list[Path], list[Path], int]:
    """(files, symbolic links, ignored count) under ``folder``; links are listed, never followed."""
    files: list[Path] = []
    links: list[Path] = []
    ignored = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        keep = []
        for d in sorted(dirs):
            if d.startswith("."):
                continue
            if os.path.islink(os.path.join(root, d)):
                links.append(Path(root) / d)
            else:
                keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            if is_ignored_name(name):
                ignored += 1
                continue
            path = Path(root) / name
            (links if os.path.islink(path) else files).append(path)
    return files, sorted(links), ignored


def _heif_like(path: Path) -> bool:
    ext = path.suffix.lower()
    return ext in EXTENSIONS[Format.HEIF] or ext in EXTENSIONS[Format.AVIF]


def _final_name(dest: Path) -> Path:
    """The name the pipeline will publish under: HEIC/AVIF become .jpg, every clip becomes .mp4."""
    from ..media.video import VIDEO_EXTENSIONS

    if _heif_like(dest):
        return dest.with_suffix(".jpg")
    return dest.with_suffix(".mp4") if dest.suffix.lower() in VIDEO_EXTENSIONS else dest


def plan(inputs: list[Path], out: Path, folders: FolderNames | None = None) -> tuple[list[WorkItem], list[Report]]:
    """Work items for every file under the inputs, and reports for inputs that are not usable at all.
    ``folders``: maps the folders mirrored below ``out`` to names that give nothing away (``--names``);
    None: mirrored as they are. Quarantine keeps the input's own folders (it is private)."""
    items: list[WorkItem] = []
    problems: list[Report] = []
    for inp in inputs:
        if inp.is_dir():
            files, links, _ignored = _walk(inp)
            for link in links:
                problems.append(Report(input=str(link), status=Status.SKIPPED, reason=LINK_REASON))
            if not files and not links:
                problems.append(Report(input=str(inp), status=Status.FAILED, reason=f"{inp}: folder contains no images"))
            for f in files:
                if is_sidecar(f.name):
                    problems.append(Report(input=str(f), status=Status.SKIPPED, reason=SIDECAR_REASON))
                    continue
                rel = f.relative_to(inp)
                items.append(WorkItem(src=f, dest=out / (folders.map(rel) if folders is not None else rel), rel=rel))
        elif is_sidecar(inp.name) and inp.is_file():
            problems.append(Report(input=str(inp), status=Status.SKIPPED, reason=SIDECAR_REASON))
        elif inp.exists() or inp.is_symlink():
            items.append(WorkItem(src=inp, dest=out / inp.name, rel=Path(inp.name)))
        else:
            problems.append(Report(input=str(inp), status=Status.FAILED, reason=f"{inp}: no such file or folder"))
    return _deduplicate(items), problems


def _deduplicate(items: list[WorkItem]) -> list[WorkItem]:
    """Two inputs must never write the same output (a.heic and a.jpg both become a.jpg)."""
    taken: set[Path] = set()
    result = []
    for item in items:
        final = _final_name(item.dest)
        key = Path(str(final).lower())
        if key in taken:
            suffix = item.dest.suffix
            stem = f"{item.dest.stem}-{suffix.lstrip('.').lower() or 'file'}"
            n = 2
            while True:
                dest = item.dest.with_name(stem + suffix)
                final = _final_name(dest)
                key = Path(str(final).lower())
                if key not in taken:
                    break
                stem = f"{item.dest.stem}-{n}"
                n += 1
            item = WorkItem(src=item.src, dest=dest, rel=item.rel.with_name(dest.name))
        taken.add(key)
        result.append(item)
    return result


# --- content and settings keys --------------------------------------------------------------------

STATE_NAME = "scrub-state.jsonl"  # in the output folder's state folder (run/statedir.py), never in the output folder
LOCK_NAME = "lock"
PART_PREFIX = ".mediascrub-"
PART_SUFFIX = ".part"
STATE_VERSION = 1


def sha256_file(path: Path, *, follow_symlinks: bool = True) -> str:
    """The sha256 of a file's bytes (hex). Raises OSError when it cannot be read."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    h = hashlib.sha256()
    with os.fdopen(fd, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


# --- the output folder: lock, leftovers, state ------------------------------------------------------


class OutputLock:
    """An exclusive lock on an output folder, so two runs never write into it at once.

    Held with ``flock`` on ``lock`` in the folder's state folder (run/statedir.py, outside the
    folder itself); the kernel releases it when the process dies, so a killed run never leaves a
    stale lock.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._fd: int | None = None

    def __enter__(self) -> OutputLock:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = state_dir_for(self.folder) / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            import fcntl
        except ImportError:  # Windows: no advisory locks here; run one mediascrub per folder
            self._fd = fd
            return self
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise UsageError(
                f"another mediascrub is already writing into {self.folder}; wait for it to finish or choose another folder"
            ) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        remove_legacy_lock(self.folder)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def sweep_partials(folder: Path | None) -> int:
    """Remove ``.mediascrub-*.part`` temp files left under ``folder`` by a killed run. Returns how many.

    Only call this while holding the folder's ``OutputLock``: a running writer's temp files look the same.
    """
    if folder is None or not folder.is_dir():
        return 0
    removed = 0
    for root, _dirs, names in os.walk(folder, followlinks=False):
        for name in names:
            if name.startswith(PART_PREFIX) and name.endswith(PART_SUFFIX):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(root, name))
                    removed += 1
    return removed


@dataclass(frozen=True)
class StateRecord:
    """One finished item: ``rel`` is the planned output path below the output folder (posix)."""

    rel: str
    sha256: str
    settings: str
    status: str
    output: str | None = None  # the written file below the output folder (the format may change its name)
    size: int | None = None
    findings: tuple[dict[str, Any], ...] = ()  # without removed values: a resumed run's report shows them again

    def to_json(self) -> str:
        d: dict[str, Any] = {"v": STATE_VERSION, "rel": self.rel, "sha256": self.sha256, "settings": self.settings,
                             "status": self.status}
        if self.output is not None:
            d["output"] = self.output
            d["size"] = self.size
        if self.findings:
            d["findings"] = list(self.findings)
        return json.dumps(d, ensure_ascii=False, separators=(",", ":"))


class StateFile:
    """An append-only JSON-lines record of finished items; the latest line for an output wins.

    Each record is one ``write`` of one line on an ``O_APPEND`` file followed by
    ``fsync``, so a crash loses at most the line being written; a torn last
    line is ignored when reading.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.records: dict[str, StateRecord] = {}
        self._fd: int | None = None

    def load(self, legacy: str | None = None) -> StateFile:
        """Read the records; ``legacy``: the text of an older state file, read first (the newer file wins)."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            text = ""
        for line in ((legacy or "") + "\n" + text).splitlines():
            try:
                d = json.loads(line)
                rec = StateRecord(
                    rel=str(d["rel"]), sha256=str(d["sha256"]), settings=str(d["settings"]), status=str(d["status"]),
                    output=d.get("output"), size=d.get("size"), findings=tuple(d.get("findings") or ()),
                )
            except (ValueError, KeyError, TypeError):
                continue  # a torn line from a killed run, or a newer format
            self.records[rec.rel] = rec
        return self

    def compact(self) -> None:
        """Rewrite the file with only the latest record per output (atomic)."""
        if not self.records and not self.path.exists():
            return
        body = "".join(r.to_json() + "\n" for r in self.records.values())
        atomic_write(self.path, utf8(body), mode=0o600)

    def append(self, rec: StateRecord) -> None:
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.write(self._fd, utf8(rec.to_json() + "\n"))
        with contextlib.suppress(OSError):
            os.fsync(self._fd)
        self.records[rec.rel] = rec

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def _rel_key(rel: Path) -> str:
    return rel.as_posix()


def _already_done(item: WorkItem, rec: StateRecord | None, settings: str, out: Path) -> bool:
    """Whether the record says this item was published with these settings and its output is intact."""
    if rec is None or rec.settings != settings or rec.status != Status.PUBLISHED.value or not rec.output:
        return False
    try:
        st = os.stat(out / rec.output)
    except OSError:
        return False
    if rec.size is not None and st.st_size != rec.size:
        return False
    try:
        return sha256_file(item.src) == rec.sha256
    except OSError:
        return False


# --- running ----------------------------------------------------------------------------------------

PipelineFactory = Callable[[Policy], Pipeline]
#: Runs items[i] for each i in todo and calls finish(i, report, sha256 of the input or None) for each.
BatchEngine = Callable[
    [list[WorkItem], list[int], Policy, PipelineFactory, "Path | None", Callable[[int, Report, "str | None"], None]], None
]


def default_factory(policy: Policy) -> Pipeline:
    """A pipeline for ``policy`` with its consent gallery opened (``pipeline.pipeline_for``)."""
    from ..pipeline import pipeline_for

    return pipeline_for(policy)


_worker: dict[str, Any] = {}


def _exit_with_parent() -> None:
    """End this worker as soon as the batch process is gone (killed with SIGKILL, say): nobody would
    record its work, and an orphan would hold its models in memory for ever."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        from multiprocessing.connection import wait

        wait([parent.sentinel])
        os._exit(1)  # a temp file it leaves is removed by the next run

    threading.Thread(target=watch, name="mediascrub-parent-watch", daemon=True).start()


FramesCallback = Callable[[str, int, int], None]
"""Called with (item's relative name, frames done, frames expected) while a clip is processed."""


def _init_worker(policy: Policy, factory: PipelineFactory, threads: int, frames: Any = None) -> None:
    """Worker process start: ignore Ctrl-C (the parent decides), limit threads, build the pipeline once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _exit_with_parent()
    for var in (THREADS_ENV, "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(threads)
    with contextlib.suppress(Exception):
        import cv2

        cv2.setNumThreads(threads)
    _worker["frames"] = frames  # a queue for clips' frame progress, or None
    try:
        _worker["pipeline"] = factory(policy)
    except BaseException as exc:  # reported with the first item, so the parent can exit with the right code
        _worker["error"] = exc


def _scrub_one(
    pipeline: Pipeline, item: WorkItem, quarantine: Path | None, frames: FramesCallback | None = None
) -> tuple[Report, str | None]:
    """Scrub one item; also return the sha256 of its input when it did not change during the work."""
    name = str(item.rel)
    pipeline.video_progress = (lambda done, total: frames(name, done, total)) if frames is not None else None
    try:
        before: str | None = sha256_file(item.src)
    except OSError:
        before = None
    report = pipeline.scrub(item.src, item.dest, quarantine=item.quarantine_path(quarantine))
    if before is not None:
        try:
            after = sha256_file(item.src)
        except OSError:
            after = None
        if after != before:
            before = None  # changed while we worked: do not record it as done
    return report, before


def _work(item: WorkItem, quarantine: Path | None) -> tuple[Report, str | None]:
    if "error" in _worker:
        raise _worker["error"]
    q = _worker.get("frames")
    return _scrub_one(_worker["pipeline"], item, quarantine, (lambda *msg: q.put(msg)) if q is not None else None)


def _sweep_run_folders(out: Path, quarantine: Path | None) -> None:
    """Remove our temp files left in the output and quarantine folders by a killed run."""
    sweep_partials(out)
    if quarantine is not None:
        sweep_partials(quarantine)


@dataclass
class BatchResult:
    reports: list[Report] = field(default_factory=list)
    skipped: int = 0
    interrupted: bool = False
    seconds: float = 0.0


def _make_skipped(item: WorkItem, rec: StateRecord, out: Path) -> Report:
    """The report of an item done in an earlier run, with the findings recorded then (without values)."""
    findings = []
    for d in rec.findings:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            findings.append(Finding.from_dict(d))
    return Report(
        input=str(item.src), status=Status.SKIPPED, output=str(out / (rec.output or rec.rel)), findings=findings,
        notes=["already done in an earlier run with the same content and settings"],
    )


def run_batch(
    items: list[WorkItem],
    policy: Policy,
    *,
    out: Path,
    quarantine: Path | None = None,
    jobs: int = 1,
    factory: PipelineFactory = default_factory,
    resume: bool = True,
    on_report: Callable[[Report], None] | None = None,
    on_skipped: Callable[[int], None] | None = None,
    engine: BatchEngine | None = None,
    on_frames: FramesCallback | None = None,
) -> BatchResult:
    """Process the items, in parallel when ``jobs`` > 1; a bad file never stops the batch.

    ``jobs``: the number of cores the batch may use: that many worker processes,
    each with single-threaded models (fewer workers with more threads each when
    there are fewer items). Each worker loads its own models (memory grows with
    it); more than the number of cores only adds memory. ``factory`` builds a
    pipeline from the policy, once per worker; it must be a module-level
    function (it is sent to the workers). ``resume``: skip items already done
    with the same input content and settings. Reports come back in the order
    of ``items``. Ctrl-C stops the workers, removes temp files and returns
    with ``interrupted`` set (the finished items are recorded). ``engine``:
    run the items elsewhere instead of in local worker processes (e.g.
    ``run.ray_engine.RayEngine``); planning, resuming, the state file and the
    reports stay here.
    """
    t0 = time.perf_counter()
    result = BatchResult()
    with OutputLock(out):
        _sweep_run_folders(out, quarantine)
        state = StateFile(state_dir_for(out) / STATE_NAME).load(legacy=take_legacy(out, LEGACY_NAMES[0]))
        settings = settings_key(policy)
        todo: list[int] = []
        slots: list[Report | None] = [None] * len(items)
        with cf.ThreadPoolExecutor(max_workers=max(1, min(4, jobs))) as hashers:
            done_flags = list(
                hashers.map(lambda it: resume and _already_done(it, state.records.get(_rel_key(it.rel)), settings, out), items)
            )
        for i, (item, done) in enumerate(zip(items, done_flags, strict=True)):
            if done:
                slots[i] = _make_skipped(item, state.records[_rel_key(item.rel)], out)
                result.skipped += 1
            else:
                todo.append(i)
        if on_skipped is not None:
            on_skipped(result.skipped)
        if on_report is not None:
            for s in slots:
                if s is not None:
                    on_report(s)
        state.compact()

        def finish(i: int, report: Report, sha: str | None) -> None:
            slots[i] = report
            if sha is not None and report.status in (Status.PUBLISHED, Status.QUARANTINED, Status.FAILED):
                output = size = None
                if report.status == Status.PUBLISHED and report.output:
                    with contextlib.suppress(ValueError, OSError):
                        output = Path(report.output).relative_to(out).as_posix()
                        size = os.stat(report.output).st_size
                found = tuple(f.to_dict(show_values=False) for f in report.findings)
                state.append(StateRecord(_rel_key(items[i].rel), sha, settings, report.status.value, output, size, found))
            if on_report is not None:
                on_report(report)

        try:
            workers = max(1, min(jobs, len(todo)))
            threads = max(1, jobs // workers)  # --jobs is the number of cores the batch may use
            if engine is not None:
                engine(items, todo, policy, factory, quarantine, finish)
            elif workers == 1:
                _run_here(items, todo, policy, factory, quarantine, threads, finish, on_frames)
            else:
                _run_pool(items, todo, policy, factory, quarantine, workers, threads, finish, on_frames)
        except KeyboardInterrupt:
            result.interrupted = True
            _sweep_run_folders(out, quarantine)
        finally:
            state.close()
    result.reports = [r for r in slots if r is not None]
    result.seconds = time.perf_counter() - t0
    return result


@contextlib.contextmanager
def _thread_budget(threads: int) -> Iterator[None]:
    """Tell the model loaders (``$MEDIASCRUB_THREADS``) how many threads this process may use, for the run."""
    old = os.environ.get(THREADS_ENV)
    os.environ[THREADS_ENV] = str(threads)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(THREADS_ENV, None)
        else:
            os.environ[THREADS_ENV] = old


def _run_here(
    items: list[WorkItem], todo: list[int], policy: Policy, factory: PipelineFactory, quarantine: Path | None, threads: int,
    finish: Callable[[int, Report, str | None], None], on_frames: FramesCallback | None = None,
) -> None:
    if not todo:
        return
    with _thread_budget(threads):
        pipeline = factory(policy)
        for i in todo:
            report, sha = _scrub_one(pipeline, items[i], quarantine, on_frames)
            finish(i, report, sha)


def _pool_context() -> Any:
    """'spawn': workers start clean (no inherited threads, locks or half-loaded models), on every OS."""
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold Ctrl-C back while workers are started: they inherit the block and so never see it
    (the parent alone decides what an interrupt means); the parent gets it right after."""
    can = hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread()
    if can:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if can:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _submit(executor: cf.ProcessPoolExecutor, item: WorkItem, quarantine: Path | None) -> cf.Future[tuple[Report, str | None]]:
    with _sigint_held():  # submit may start a worker process
        return executor.submit(_work, item, quarantine)


def _submit_more(
    executor: cf.ProcessPoolExecutor, inflight: dict[cf.Future[tuple[Report, str | None]], int], queue: Iterator[int],
    items: list[WorkItem], quarantine: Path | None, limit: int,
) -> None:
    while len(inflight) < limit:
        nxt = next(queue, None)
        if nxt is None:
            return
        inflight[_submit(executor, items[nxt], quarantine)] = nxt


def _run_pool(
    items: list[WorkItem], todo: list[int], policy: Policy, factory: PipelineFactory, quarantine: Path | None, jobs: int,
    threads: int, finish: Callable[[int, Report, str | None], None], on_frames: FramesCallback | None = None,
) -> None:
    """The worker pool, with a queue and a reader thread passing clips' frame progress to ``on_frames``."""
    if on_frames is None:
        _run_pool_items(items, todo, policy, factory, quarantine, jobs, threads, finish, None)
        return
    frames_q = _pool_context().SimpleQueue()

    def read() -> None:
        while (msg := frames_q.get()) is not None:
            with contextlib.suppress(Exception):  # a progress display must never break a batch
                on_frames(*msg)

    reader = threading.Thread(target=read, name="mediascrub-frames", daemon=True)
    reader.start()
    try:
        _run_pool_items(items, todo, policy, factory, quarantine, jobs, threads, finish, frames_q)
    finally:
        frames_q.put(None)
        reader.join(timeout=5)


#: Seconds between two looks at the pool by the batch's main thread while nothing finishes. A Ctrl-C
#: that arrives while the main thread holds it back (``_sigint_held``) may be taken by another thread
#: of the process; Python acts on it only when the main thread next runs Python code, which in one
#: long wait could be when a clip of several minutes is done.
WAKE_EVERY = 0.25


def _run_pool_items(
    items: list[WorkItem], todo: list[int], policy: Policy, factory: PipelineFactory, quarantine: Path | None, jobs: int,
    threads: int, finish: Callable[[int, Report, str | None], None], frames_q: Any,
) -> None:
    """Keep at most two items per worker in flight.

    A worker that dies (killed for memory, a crash in a native library) breaks
    the pool: the items then in flight are run again one at a time in a new
    pool, so only the file that kills a worker on its own is failed.
    """
    queue: Iterator[int] = iter(todo)
    alone: collections.deque[int] = collections.deque()  # suspects from a broken pool
    remaining = len(todo)
    while remaining:
        executor = cf.ProcessPoolExecutor(
            max_workers=jobs, mp_context=_pool_context(), initializer=_init_worker, initargs=(policy, factory, threads, frames_q)
        )
        inflight: dict[cf.Future[tuple[Report, str | None]], int] = {}
        try:
            while True:
                if alone:
                    if not inflight:
                        i = alone.popleft()
                        inflight[_submit(executor, items[i], quarantine)] = i
                else:
                    _submit_more(executor, inflight, queue, items, quarantine, 2 * jobs)
                if not inflight:
                    break
                done: set[cf.Future[tuple[Report, str | None]]] = set()
                while not done:  # woken now and then: see WAKE_EVERY
                    done, _ = cf.wait(inflight, timeout=WAKE_EVERY, return_when=cf.FIRST_COMPLETED)
                crashed: list[int] = []
                for fut in done:
                    i = inflight.pop(fut)
                    try:
                        report, sha = fut.result()  # a MediascrubError here (models, gallery) ends the batch
                    except cf.process.BrokenProcessPool:
                        crashed.append(i)
                        continue
                    finish(i, report, sha)
                    remaining -= 1
                if crashed:
                    crashed += inflight.values()
                    inflight.clear()
                    if len(crashed) == 1:
                        finish(crashed[0], _worker_died(items[crashed[0]]), None)
                        remaining -= 1
                    else:
                        alone.extend(sorted(crashed))
                    break
        except BaseException:
            _stop_pool(executor)
            raise
        executor.shutdown(wait=True, cancel_futures=True)


def _worker_died(item: WorkItem) -> Report:
    return Report(
        input=str(item.src), status=Status.FAILED,
        reason="a worker process stopped unexpectedly (out of memory?) while this file was being processed; "
        "nothing was published for it. Run again to retry it.",
    )


def _stop_pool(executor: cf.ProcessPoolExecutor) -> None:
    """Cancel queued items and stop the workers now (their temp files are swept by the caller)."""
    procs = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(timeout=10)
