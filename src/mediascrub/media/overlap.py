"""Decoding, analysis and encoding side by side: a clip's stages overlapped in threads, memory bounded.

FFmpeg's decoders and encoders and the detector's runtime release Python's lock while they work, so a
frame can be decoded while the one before is analysed and the one before that encoded. Between
threads frames pass through queues of a fixed small depth: at most ``depth`` frames wait at each step,
whatever the clip's length or size, and an error on either side reaches the caller.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from .video import LARGE_FRAME

T = TypeVar("T")

#: Frames that may wait between two threads.
DEPTH = 2
#: ...and for frames larger than video.LARGE_FRAME (px): one (a 4K frame is 25 MB).
LARGE = LARGE_FRAME


def depth_for(width: int, height: int) -> int:
    """How many frames of ``width`` x ``height`` may wait between two threads."""
    return 1 if width * height > LARGE else DEPTH


def release_free_memory() -> None:
    """Give memory the C allocator holds but no longer uses back to the system (glibc's
    ``malloc_trim``; nothing elsewhere): after a clip's analysis, its frames and the detector's
    buffers are freed, but glibc keeps large freed blocks for reuse, so the encoder's would
    come on top of them and the peak would be their sum."""
    with contextlib.suppress(Exception):
        libc = _libc()
        if libc is not None:
            libc.malloc_trim(0)


@functools.cache
def _libc() -> Any:
    """glibc, looked up once (``find_library`` runs ``ldconfig``), or None elsewhere."""
    import ctypes
    import ctypes.util

    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name and "libc" in name else None

_END = object()


class _Failed:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc


def prefetched(source: Callable[[], Iterator[T]], depth: int = DEPTH) -> Iterator[T]:
    """The items of ``source()`` (an iterator made and run in a thread of its own, e.g. a decoder),
    at most ``depth`` of them read ahead. Its exception is raised here, at the item it failed on.
    Closing this generator early stops the thread and closes ``source``'s iterator there."""
    q: queue.Queue[Any] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                q.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            it = source()
            try:
                for item in it:
                    if not put(item):
                        break
            finally:
                close = getattr(it, "close", None)
                if close is not None:
                    close()
        except BaseException as exc:  # handed to the consumer, raised there
            put(_Failed(exc))
            return
        put(_END)

    thread = threading.Thread(target=produce, name="mediascrub-prefetch", daemon=True)
    thread.start()
    try:
        while True:
            item = q.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.exc
            yield item
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                q.get_nowait()
        thread.join()


class Background:
    """Calls ``sink(*args)`` in a thread of its own for each :meth:`put` (e.g. an encoder's write),
    in order, at most ``depth`` calls waiting. The sink's exception is raised by the next
    :meth:`put` or by :meth:`finish`. Use as a context manager: leaving it waits for the
    last call (or, on an error, stops without making the rest)."""

    def __init__(self, sink: Callable[..., None], depth: int = DEPTH) -> None:
        self._sink = sink
        self._q: queue.Queue[Any] = queue.Queue(maxsize=depth)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="mediascrub-writer", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            args = self._q.get()
            if args is _END:
                return
            if self._error is not None:
                continue  # drain: the caller learns of the error at its next put
            try:
                self._sink(*args)
            except BaseException as exc:
                self._error = exc

    def put(self, *args: Any) -> None:
        if self._error is not None:
            raise self._error
        self._q.put(args)

    def finish(self) -> None:
        """Wait for every call made so far; raise the sink's exception, if any."""
        if self._thread.is_alive():
            self._q.put(_END)
            self._thread.join()
        if self._error is not None:
            raise self._error

    def __enter__(self) -> Background:
        return self

    def __exit__(self, exc_type: Any, *_: Any) -> None:
        if exc_type is None:
            self.finish()
            return
        self._error = self._error or RuntimeError("stopped")
        with contextlib.suppress(BaseException):
            self.finish()


__all__ = ["DEPTH", "Background", "depth_for", "prefetched", "release_free_memory"]
