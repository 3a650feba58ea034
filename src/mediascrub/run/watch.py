"""The shared-drive watcher: whatever is saved into an inbox comes out safe in an outbox.

It only feeds files to the pipeline; every safety decision is the pipeline's.
What it adds is care about *when* and *what* to read, and about crashes:

- A file is processed only after its size, mtime, ctime and inode have stayed
  the same for ``settle`` seconds (a copy in progress keeps changing them).
  Temporary and hidden files (``~$x``, ``x.part``, ``.DS_Store``, ``Thumbs.db``)
  are ignored; symbolic links are never followed (they are reported, and
  never published); folders are searched (a folder named ``x.jpg`` too).
- The file is read once (``O_NOFOLLOW``), in 1 MiB chunks that are hashed as
  they are copied into a private staging folder; that private copy of exactly
  the hashed bytes is what the pipeline scrubs, so a file changed or swapped
  for a link while it is being processed cannot slip through. Nothing holds the
  whole file in memory: a clip streams through the same video pipeline as
  ``scrub``, however long it is. Photos larger than ``output.max_file_bytes``
  are refused before they are read (a bomb guard); clips have no size cap (their
  frame size and frame count are checked by the video pipeline instead).
- Restart-safe. For each input the watcher appends to its journal
  (``watch.jsonl`` in the outbox's state folder, outside the outbox: run/statedir.py) a *start* record (input name, content
  hash, the output name chosen) before the work and a *done* record after
  the output (or quarantine copy) is in place; only then is the original
  moved to ``--processed``. Outputs are written by temp file + rename. Killed
  at any moment and restarted: a file with no done record is processed again
  under the same output name (same bytes, overwritten in place, so never
  twice); a file with a done record still in the inbox is just moved on;
  temp files left by the killed run are removed. A new file with the name of
  an earlier one gets a fresh output name (``a-2.jpg``; a clip ``a.mov`` is
  published as ``a.mp4``, so ``a.mp4`` is the name checked): nothing published is
  ever overwritten by a different photo. The one exception is a file that was
  held (quarantined) and never published, for example read while a copy paused
  for longer than the settle time: when the complete file with the same name is
  published, it keeps the original name and the stale held copy and its reason
  are removed.
- Without ``--processed`` the originals stay in the inbox; the done records
  (matched by name, size, times and inode, else by content hash) keep them
  from being processed twice.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import hashlib
import json
import os
import shutil
import stat
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageError, utf8
from ..findings import Report, Status
from ..media.image import ALL_EXTENSIONS, atomic_write, sniff_format
from ..media.video import OUTPUT_EXTENSION, VIDEO_EXTENSIONS, sniff_video
from ..pipeline import Pipeline, output_name
from ..policy import Policy
from ..publish import beside_held, quarantine_name, reason_file, write_reason
from ..stages.filename import FolderNames
from .batch import (
    LINK_REASON,
    SIDECAR_REASON,
    OutputLock,
    PipelineFactory,
    check_output_location,
    default_factory,
    is_ignored_name,
    is_sidecar,
    sweep_partials,
)
from .statedir import LEGACY_NAMES, state_dir_for, take_legacy

STATE_NAME = "watch.jsonl"  # in the outbox's state folder (run/statedir.py), never in the outbox
STAGING_PREFIX = "mediascrub-watch-"
EMPTY_FILE_PATIENCE = 4.0  # zero-byte files must stay unchanged this many settle times
CHUNK = 1 << 20  # files are copied and hashed this many bytes at a time, never read whole
HEAD = 64  # bytes that tell a photo's format or a clip from the rest


class Outcome(enum.StrEnum):
    PUBLISHED = "published"
    QUARANTINED = "quarantined"
    FAILED = "failed"  # not published, and no quarantine folder to put it in
    IGNORED = "ignored"  # links, special files, folders with an image name: reported, never read
    ALREADY_DONE = "already-done"  # the same content was handled before (e.g. only its time changed)


@dataclass(frozen=True)
class WatchEvent:
    """One line of the watcher's log: what happened to one inbox file."""

    rel: str
    outcome: Outcome
    output: str | None = None
    reason: str | None = None
    report: Report | None = None
    moved_to: str | None = None


@dataclass(frozen=True)
class WatchConfig:
    """Where things go and how patient to be.

    ``settle``: seconds a file must stay unchanged before it is read. Longer is
    safer on slow networks and adds that delay to every photo.
    ``polling``: stat the inbox every ``poll_interval`` seconds instead of
    relying on inotify/FSEvents (needed on SMB/CIFS and NFS shares, which do
    not report changes made by other machines).
    ``rescan_interval``: a full rescan this often even without events (a
    safety net for missed events).
    """

    inbox: Path
    out: Path
    quarantine: Path | None = None
    processed: Path | None = None
    settle: float = 2.0
    polling: bool = False
    poll_interval: float = 1.0
    rescan_interval: float = 10.0


# --- state ------------------------------------------------------------------------------------------

Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def _signature(st: os.stat_result) -> Signature:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


@dataclass
class _Done:
    rel: str
    sha: str
    status: str
    output: str | None
    sig: Signature | None
    name: str | None = None  # the name chosen below out/quarantine


class WatchState:
    """The watcher's journal: start and done records, one JSON line each, appended and fsynced."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.starts: dict[tuple[str, str], str] = {}  # (rel, sha) -> chosen name below out/quarantine
        self.done: dict[tuple[str, str], _Done] = {}
        self.latest: dict[str, _Done] = {}  # rel -> latest done record
        self._fd: int | None = None

    def load(self, legacy: str | None = None) -> WatchState:
        """Read the journal; ``legacy``: the text of an older journal, read first."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            text = ""
        for line in ((legacy or "") + "\n" + text).splitlines():
            try:
                d = json.loads(line)
                rel, sha = str(d["rel"]), str(d["sha"])
                if d["e"] == "start":
                    self.starts[(rel, sha)] = str(d["name"])
                elif d["e"] == "done":
                    sig = tuple(d["sig"]) if d.get("sig") else None
                    rec = _Done(rel, sha, str(d["status"]), d.get("output"), sig, d.get("name"))  # type: ignore[arg-type]
                    self.done[(rel, sha)] = rec
                    self.latest[rel] = rec
            except (ValueError, KeyError, TypeError):
                continue  # a torn last line from a killed run
        return self

    def _append(self, d: dict[str, Any]) -> None:
        if self._fd is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        os.write(self._fd, utf8(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n"))
        with contextlib.suppress(OSError):
            os.fsync(self._fd)

    def start(self, rel: str, sha: str, name: str) -> None:
        self._append({"e": "start", "rel": rel, "sha": sha, "name": name})
        self.starts[(rel, sha)] = name

    def finish(self, rel: str, sha: str, status: str, output: str | None, sig: Signature | None, name: str | None = None) -> None:
        self._append({"e": "done", "rel": rel, "sha": sha, "status": status, "output": output, "sig": list(sig) if sig else None,
                      "name": name})
        rec = _Done(rel, sha, status, output, sig, name)
        self.done[(rel, sha)] = rec
        self.latest[rel] = rec

    def compact(self, present: set[str]) -> None:
        """Keep only what is still needed: records of files still in the inbox (atomic rewrite)."""
        lines: list[dict[str, Any]] = []
        for (rel, sha), name in self.starts.items():
            if rel in present and (rel, sha) not in self.done:
                lines.append({"e": "start", "rel": rel, "sha": sha, "name": name})
        for rel, rec in self.latest.items():
            if rel in present:
                lines.append({"e": "done", "rel": rel, "sha": rec.sha, "status": rec.status, "output": rec.output,
                              "sig": list(rec.sig) if rec.sig else None, "name": rec.name})
        self.starts = {k: v for k, v in self.starts.items() if k[0] in present and k not in self.done}
        self.latest = {k: v for k, v in self.latest.items() if k in present}
        self.done = {(r.rel, r.sha): r for r in self.latest.values()}
        self.close()
        body = "".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n" for d in lines)
        atomic_write(self.path, utf8(body), mode=0o600)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


# --- helpers ----------------------------------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale_staging(tmp: Path | None = None, prefix: str = STAGING_PREFIX) -> int:
    """Remove private copies left in the temp folder by watchers (or desks: ``prefix``) that were killed."""
    base = Path(tmp or tempfile.gettempdir())
    removed = 0
    for d in base.glob(prefix + "*"):
        try:
            pid = int(d.name[len(prefix):].split("-", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _pid_alive(pid) and d.is_dir() and not d.is_symlink():
            shutil.rmtree(d, ignore_errors=True)
            removed += 1
    return removed


def _unique(name: str, taken: Callable[[str], bool]) -> str:
    """``name`` or ``stem-2.ext``, ``stem-3.ext``...: the first that ``taken`` says is free."""
    if not taken(name):
        return name
    p = Path(name)
    n = 2
    while True:
        cand = (p.parent / f"{p.stem}-{n}{p.suffix}").as_posix()
        if not taken(cand):
            return cand
        n += 1


def published_name(cand: str, head: bytes) -> str:
    """The file name the output of input ``cand`` gets: a clip becomes ``.mp4``, a photo keeps or changes its
    extension as the pipeline writes it, anything else keeps its name (it will not be published)."""
    if sniff_video(head):
        return Path(cand).stem + OUTPUT_EXTENSION
    fmt = sniff_format(head)
    return output_name(Path(cand), fmt) if fmt is not None else Path(cand).name


def _clip_key(name: str) -> str | None:
    """Inputs ``a.mov`` and ``a.mp4`` both publish ``a.mp4``: the name that key stands for, for clip names."""
    p = Path(name)
    return (p.parent / (p.stem + OUTPUT_EXTENSION)).as_posix() if p.suffix.lower() in VIDEO_EXTENSIONS else None


def _same_prefix(short: Path, long: Path) -> bool:
    """Whether the file ``short`` is a proper first part of the file ``long`` (compared in chunks)."""
    try:
        if not 0 < short.stat().st_size < long.stat().st_size:
            return False
        with open(short, "rb") as a, open(long, "rb") as b:
            while True:
                chunk = a.read(CHUNK)
                if not chunk:
                    return True
                if b.read(len(chunk)) != chunk:
                    return False
    except OSError:
        return False


def move_file(src: Path, dest: Path) -> None:
    """Move a file (or a link itself) to ``dest``: rename, or across file systems copy + rename + delete."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(src, dest)
        return
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
    if os.path.islink(src):
        os.symlink(os.readlink(src), dest)
    else:
        fd, tmp = tempfile.mkstemp(prefix=".mediascrub-", suffix=".part", dir=dest.parent)
        try:
            with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
                shutil.copyfileobj(inp, out, 1 << 20)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, dest)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    os.unlink(src)


class _Handler:
    """watchdog event handler: any change in the inbox wakes the main loop."""

    def __init__(self, wake: threading.Event) -> None:
        self.wake = wake

    def dispatch(self, event: Any) -> None:
        self.wake.set()


# --- the watcher ------------------------------------------------------------------------------------


@dataclass
class _Tracked:
    sig: Signature
    since: float


@dataclass
class Watcher:
    """Watch ``config.inbox`` and process each settled file once. ``run()`` blocks; ``stop()`` ends it."""

    config: WatchConfig
    policy: Policy
    factory: PipelineFactory = default_factory
    on_event: Callable[[WatchEvent], None] = lambda e: None
    #: Maps the inbox's folders to names below ``out`` that give nothing away (``--names``); None: as they are.
    folders: FolderNames | None = None
    _stop: threading.Event = field(default_factory=threading.Event)
    _wake: threading.Event = field(default_factory=threading.Event)
    _tracked: dict[str, _Tracked] = field(default_factory=dict)
    _noted_dirs: set[str] = field(default_factory=set)
    _unmovable: set[str] = field(default_factory=set)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()

    # -- set-up -------------------------------------------------------------------------------------

    def _check_folders(self) -> None:
        c = self.config
        if not c.inbox.is_dir():
            raise UsageError(f"the inbox {c.inbox} is not a folder")
        check_output_location([c.inbox], c.out)
        if c.quarantine is not None:
            check_output_location([c.inbox], c.quarantine, "--quarantine")
        if c.processed is not None:
            check_output_location([c.inbox], c.processed, "--processed")
            if c.processed.resolve() == c.out.resolve():
                raise UsageError("--processed must not be the output folder: originals would be published")
        from .destinations import check_private_folder, check_writable_folder

        for folder, what in ((c.out, "--out"), (c.quarantine, "--quarantine"), (c.processed, "--processed")):
            if folder is not None:
                (check_private_folder if folder is c.quarantine else check_writable_folder)(folder, what)

    def run(self, *, once: bool = False) -> None:
        """Process the backlog, then watch until ``stop()`` (or, with ``once``, until the backlog is done)."""
        self._check_folders()
        c = self.config
        with OutputLock(c.out):
            for folder in (c.out, c.quarantine, c.processed):
                sweep_partials(folder)
            sweep_stale_staging()
            state = WatchState(state_dir_for(c.out) / STATE_NAME).load(legacy=take_legacy(c.out, LEGACY_NAMES[2]))
            state.compact({rel for rel, _ in self._walk()})
            pipeline = self.factory(self.policy)
            staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
            observer = None
            try:
                if not once:
                    observer = self._start_observer()
                self._loop(pipeline, state, staging, once)
            finally:
                if observer is not None:
                    observer.stop()
                    observer.join(timeout=5)
                state.close()
                shutil.rmtree(staging, ignore_errors=True)

    def _start_observer(self) -> Any:
        if self.config.polling:
            from watchdog.observers.polling import PollingObserver

            observer: Any = PollingObserver(timeout=self.config.poll_interval)
        else:
            from watchdog.observers import Observer

            observer = Observer()
        observer.schedule(_Handler(self._wake), str(self.config.inbox), recursive=True)
        observer.daemon = True
        observer.start()
        return observer

    # -- the loop -------------------------------------------------------------------------------------

    def _loop(self, pipeline: Pipeline, state: WatchState, staging: Path, once: bool) -> None:
        tick = max(0.05, min(self.config.settle / 4.0, 0.5))
        while not self._stop.is_set():
            self._wake.clear()
            self._scan(pipeline, state, staging)
            if once and not self._tracked:
                return
            timeout = tick if self._tracked else (self.config.poll_interval if self.config.polling else self.config.rescan_interval)
            self._wake.wait(timeout)
            if self._wake.is_set() and not self._stop.is_set():
                time.sleep(min(tick, 0.1))  # let a burst of events arrive before rescanning

    def _walk(self) -> Iterator[tuple[str, Path]]:
        """(rel, path) of every entry that might be a photo: regular files, links, special files."""
        inbox = self.config.inbox
        for root, dirs, names in os.walk(inbox, followlinks=False):
            keep = []
            for d in sorted(dirs):
                p = Path(root) / d
                if d.startswith("."):
                    continue
                if p.is_symlink():
                    names.append(d)  # a link to a folder: reported, never followed
                    continue
                keep.append(d)
                rel = p.relative_to(inbox).as_posix()
                if Path(d).suffix.lower() in ALL_EXTENSIONS and rel not in self._noted_dirs:
                    self._noted_dirs.add(rel)
                    self.on_event(WatchEvent(rel, Outcome.IGNORED, reason="is a folder, not a photo (files inside it are processed)"))
            dirs[:] = keep
            for name in sorted(names):
                if is_ignored_name(name):
                    continue
                p = Path(root) / name
                if is_sidecar(name) and not p.is_symlink():  # left where it is, said once
                    rel = p.relative_to(inbox).as_posix()
                    if rel not in self._noted_dirs:
                        self._noted_dirs.add(rel)
                        self.on_event(WatchEvent(rel, Outcome.IGNORED, reason=SIDECAR_REASON))
                    continue
                yield p.relative_to(inbox).as_posix(), p

    def _scan(self, pipeline: Pipeline, state: WatchState, staging: Path) -> None:
        seen: set[str] = set()
        for rel, path in self._walk():
            if self._stop.is_set():
                return
            seen.add(rel)
            try:
                st = os.lstat(path)
            except OSError:
                continue  # gone already
            sig = _signature(st)
            latest = state.latest.get(rel)
            if latest is not None and latest.sig == sig:
                self._tracked.pop(rel, None)
                self._finalise(rel, path, latest, state)
                continue
            now = time.monotonic()  # per file: processing earlier files in this scan takes time
            tracked = self._tracked.get(rel)
            if tracked is None or tracked.sig != sig:
                self._tracked[rel] = _Tracked(sig, now)
                continue
            # an empty file is usually a copy that has not started writing yet: give it longer
            patience = self.config.settle * (EMPTY_FILE_PATIENCE if sig[0] == 0 else 1.0)
            if now - tracked.since < patience:
                continue
            del self._tracked[rel]
            self._handle(rel, path, st, pipeline, state, staging)
        for rel in list(self._tracked):
            if rel not in seen:
                del self._tracked[rel]  # deleted or renamed before it settled

    # -- one file -------------------------------------------------------------------------------------

    def _handle(self, rel: str, path: Path, st: os.stat_result, pipeline: Pipeline, state: WatchState, staging: Path) -> None:
        if stat.S_ISLNK(st.st_mode):
            target = os.readlink(path)
            key = "link:" + hashlib.sha256(os.fsencode(target)).hexdigest()
            self._refuse(rel, path, key, _signature(st), LINK_REASON, state)
            return
        if not stat.S_ISREG(st.st_mode):
            self._refuse(rel, path, f"special:{st.st_mode:o}", _signature(st), "not a regular file (device, pipe or socket)", state)
            return
        limit = self.policy.output.max_file_bytes
        if st.st_size > limit and not sniff_video(self._peek(path, st)):  # photos keep the bomb limit; clips stream
            self._refuse(
                rel, path, f"size:{st.st_size}:{st.st_mtime_ns}", _signature(st),
                f"file is {st.st_size / 1e6:.0f} MB, more than the limit of {limit / 1e6:.0f} MB (output.max_file_bytes)", state,
            )
            return
        staged = self._stage(path, st, staging)
        if staged is None:
            return  # changed or replaced while reading: it will settle again
        private, sha, head, sig = staged
        try:
            self._handle_staged(rel, path, private, sha, head, sig, pipeline, state, staging, limit)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(private)

    def _handle_staged(self, rel: str, path: Path, private: Path, sha: str, head: bytes, sig: Signature,
                       pipeline: Pipeline, state: WatchState, staging: Path, limit: int) -> None:
        prior = state.done.get((rel, sha))
        if prior is not None:  # same content as before (only its times or inode changed)
            state.finish(rel, sha, prior.status, prior.output, sig)
            self._finalise(rel, path, state.latest[rel], state)
            return
        if sig[0] > limit and not sniff_video(head):  # it looked like a clip when it was peeked at, but is not one
            self._refuse(rel, path, f"size:{sig[0]}:{sig[1]}", sig,
                         f"file is {sig[0] / 1e6:.0f} MB, more than the limit of {limit / 1e6:.0f} MB (output.max_file_bytes)", state)
            return
        name = state.starts.get((rel, sha))
        stale = self._stale_held(rel, state, private)
        if name is None:
            reserved = set(state.starts.values())
            reserved_clips = {k for k in map(_clip_key, reserved) if k is not None}
            name = stale or _unique(rel, lambda cand: cand in reserved or _clip_key(cand) in reserved_clips
                                    or self._name_taken(cand, head))
            state.start(rel, sha, name)
        report = self._scrub(pipeline, path, private, name, staging)
        if name != stale or report.status == Status.PUBLISHED:
            self._settle_outcome(report, name, head)  # a stale held entry stays until the complete file is published
        output = None
        if report.status == Status.PUBLISHED and report.output:
            output = Path(report.output).relative_to(self.config.out).as_posix()
        state.finish(rel, sha, report.status.value, output, sig, name)
        outcome = {Status.PUBLISHED: Outcome.PUBLISHED, Status.QUARANTINED: Outcome.QUARANTINED}.get(report.status, Outcome.FAILED)
        moved = self._finalise(rel, path, state.latest[rel], state, log=False)
        self.on_event(WatchEvent(rel, outcome, output=report.output, reason=report.reason, report=report, moved_to=moved))

    @staticmethod
    def _open(path: Path) -> int | None:
        try:
            return os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0))
        except OSError:
            return None

    def _peek(self, path: Path, st: os.stat_result) -> bytes:
        """The first bytes of the file that settled (empty when it is no longer that file)."""
        fd = self._open(path)
        if fd is None:
            return b""
        with os.fdopen(fd, "rb") as fh:
            return fh.read(HEAD) if _signature(os.fstat(fh.fileno())) == _signature(st) else b""

    def _stage(self, path: Path, st: os.stat_result, staging: Path) -> tuple[Path, str, bytes, Signature] | None:
        """Copy the file, without following links and a chunk at a time, into a private file in ``staging``,
        hashing the bytes as they are copied. Returns (private copy, SHA-256, first bytes, signature), or None
        when it is not the file that settled or it changed while being copied. Memory stays at one chunk."""
        fd = self._open(path)
        if fd is None:
            return None
        out_fd, name = tempfile.mkstemp(prefix="staged-", dir=staging)
        private = Path(name)
        ok = False
        try:
            with os.fdopen(fd, "rb") as fh, os.fdopen(out_fd, "wb") as out:
                before = _signature(os.fstat(fh.fileno()))
                if before != _signature(st):
                    return None
                digest, head, copied = hashlib.sha256(), b"", 0
                while chunk := fh.read(CHUNK):
                    if not head:
                        head = chunk[:HEAD]
                    digest.update(chunk)
                    out.write(chunk)
                    copied += len(chunk)
                after = _signature(os.fstat(fh.fileno()))
            if after != before or copied != before[0]:
                return None
            ok = True
            return private, digest.hexdigest(), head, after
        finally:
            if not ok:
                with contextlib.suppress(OSError):
                    private.unlink()

    def _stale_held(self, rel: str, state: WatchState, private: Path) -> str | None:
        """The name of this input's held (quarantined, never published) entry when the held copy is a first part
        of ``private``: it was read while still being written. The complete file takes over that name."""
        latest = state.latest.get(rel)
        c = self.config
        if latest is None or latest.status != Status.QUARANTINED.value or not latest.name or c.quarantine is None:
            return None
        return latest.name if _same_prefix(quarantine_name(c.quarantine / latest.name), private) else None

    def _out(self, name: str) -> Path:
        """Where the input chosen as ``name`` (below the inbox) is published, before its own name is judged."""
        rel = Path(name)
        return self.config.out / (self.folders.map(rel) if self.folders is not None else rel)

    def _name_taken(self, cand: str, head: bytes) -> bool:
        c = self.config
        if (self._out(cand).parent / published_name(cand, head)).exists():
            return True
        held = quarantine_name(c.quarantine / cand) if c.quarantine is not None else None
        if held is not None and (held.exists() or reason_file(held).exists()):
            return True
        return False

    def _scrub(self, pipeline: Pipeline, path: Path, staged: Path, name: str, staging: Path) -> Report:
        """Scrub the private copy of exactly the bytes that were read and hashed (renamed to the input's name,
        whose extension the pipeline goes by)."""
        c = self.config
        private = staging / Path(name).name
        os.replace(staged, private)
        try:
            quarantine = c.quarantine / name if c.quarantine is not None else None
            report = pipeline.scrub(private, self._out(name), quarantine=quarantine)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(private)
        report.input = str(path)
        if report.reason:
            report.reason = report.reason.replace(str(private), str(path))
        return report

    def _settle_outcome(self, report: Report, name: str, head: bytes) -> None:
        """After a rerun of an interrupted item, keep only this outcome (the names belong to this input)."""
        c = self.config
        if report.status == Status.PUBLISHED and c.quarantine is not None:
            held = quarantine_name(c.quarantine / name)
            for p in (held, *beside_held(held)):
                with contextlib.suppress(OSError):
                    p.unlink()
        elif report.status != Status.PUBLISHED and (sniff_video(head) or sniff_format(head) is not None):
            with contextlib.suppress(OSError):
                (self._out(name).parent / published_name(name, head)).unlink()

    def _refuse(self, rel: str, path: Path, key: str, sig: Signature, reason: str, state: WatchState) -> None:
        """Record an input that is never read (link, special file, too large), with a reason file."""
        c = self.config
        if (rel, key) in state.done:
            state.finish(rel, key, state.done[(rel, key)].status, None, sig)
            self._finalise(rel, path, state.latest[rel], state)
            return
        status = Status.FAILED
        if c.quarantine is not None:
            quarantine = c.quarantine
            name = state.starts.get((rel, key))
            if name is None:  # same name again after a restart: one reason file, never two
                reserved = set(state.starts.values())
                name = _unique(rel, lambda cand: cand in reserved or (quarantine / (cand + ".reason.txt")).exists())
                state.start(rel, key, name)
            write_reason(quarantine_name(quarantine / name), f"{path}: {reason}")
            status = Status.QUARANTINED
        state.finish(rel, key, status.value, None, sig)
        moved = self._finalise(rel, path, state.latest[rel], state, log=False)
        outcome = Outcome.QUARANTINED if status == Status.QUARANTINED else Outcome.IGNORED
        self.on_event(WatchEvent(rel, outcome, reason=reason, moved_to=moved))

    def _finalise(self, rel: str, path: Path, rec: _Done, state: WatchState, *, log: bool = True) -> str | None:
        """Move a handled original to --processed (when configured). Returns where it went."""
        c = self.config
        if c.processed is None:
            return None
        if rec.status == Status.FAILED.value and c.quarantine is None:
            return None  # no quarantine to look in: leave it where people will see it
        taken = lambda cand: os.path.lexists(c.processed / cand)  # type: ignore[operator]  # noqa: E731
        dest = c.processed / _unique(rel, taken)
        try:
            move_file(path, dest)
        except OSError as exc:
            if rel not in self._unmovable:  # said once, not at every scan
                self._unmovable.add(rel)
                self.on_event(WatchEvent(rel, Outcome.FAILED, reason=f"could not move the original to {dest}: {exc.strerror}"))
            return None
        self._unmovable.discard(rel)
        if log:
            self.on_event(WatchEvent(rel, Outcome.ALREADY_DONE, output=rec.output, moved_to=str(dest)))
        return str(dest)


__all__ = ["published_name", "Watcher", "WatchConfig", "WatchEvent", "Outcome", "WatchState", "move_file", "sweep_stale_staging"]
