"""Finding and loading model files, lazily and once per process.

Models live in the repository's ``models/`` folder (next to ``src/``; found
by source checkouts and editable installs), or in ``mediascrub/data/models/``
inside an installed wheel, or wherever the environment variable
``MEDIASCRUB_MODELS`` points. Nothing is ever downloaded: a missing or
damaged file is a :class:`~mediascrub.errors.ModelError` that names the path
and says what to do.

Every loader caches its result in this module, keyed by the file's path, so a
batch of a thousand photos opens each model once. The cache is guarded by a
lock so worker threads may share it.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .errors import ModelError

MODELS_ENV = "MEDIASCRUB_MODELS"

T = TypeVar("T")

_cache: dict[tuple[str, str], Any] = {}
_lock = threading.Lock()


def _candidate_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent
    dirs = []
    env = os.environ.get(MODELS_ENV)
    if env:
        dirs.append(Path(env))
    dirs.append(here / "data" / "models")  # shipped inside a wheel (package data)
    dirs.append(here.parent.parent / "models")  # source checkout: <repo>/src/mediascrub -> <repo>/models
    return dirs


def models_dir() -> Path:
    """The folder model files are read from.

    ``$MEDIASCRUB_MODELS`` wins when set (even if it does not exist, so that a
    typo there is reported rather than silently ignored); otherwise the first
    existing of the package's ``data/models/`` and the source checkout's
    ``models/``.
    """
    dirs = _candidate_dirs()
    if os.environ.get(MODELS_ENV):
        return dirs[0]
    for d in dirs:
        if d.is_dir():
            return d
    return dirs[-1]


def model_path(name: str) -> Path:
    """The path of model file ``name`` in :func:`models_dir`; ModelError if it is not there."""
    path = models_dir() / name
    if not path.is_file():
        raise ModelError(
            f"model file not found: {path}. Reinstall mediascrub, or set ${MODELS_ENV} "
            f"to a folder that contains {name} (see models/README.md for where it comes from)."
        )
    return path


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def check_sha256(path: Path, expected: str) -> None:
    """Raise ModelError when ``path``'s SHA-256 is not ``expected`` (a damaged or swapped model)."""
    got = sha256_of(path)
    if got != expected.lower():
        raise ModelError(
            f"model file {path} is damaged or not the expected version "
            f"(SHA-256 {got[:12]}..., expected {expected[:12]}...). Reinstall mediascrub."
        )


def cached(kind: str, key: str, loader: Callable[[], T]) -> T:
    """Return the object cached under ``(kind, key)``, calling ``loader()`` the first time only."""
    k = (kind, key)
    with _lock:
        if k not in _cache:
            _cache[k] = loader()
        return _cache[k]  # type: ignore[no-any-return]


def clear_cache() -> None:
    """Forget every loaded model (tests; or to free memory after a batch)."""
    with _lock:
        _cache.clear()


THREADS_ENV = "MEDIASCRUB_THREADS"


def model_threads() -> int:
    """Threads each model may use: ``$MEDIASCRUB_THREADS`` (batch workers set it to
    cores / workers so parallel workers do not fight over cores), else 0 (all cores)."""
    try:
        return max(0, int(os.environ.get(THREADS_ENV, "0")))
    except ValueError:
        return 0


def load_onnx(name: str, sha256: str | None = None, threads: int = 0) -> Any:
    """An onnxruntime ``InferenceSession`` for model file ``name``, created once per process.

    ``sha256``: when given, the file is checked first (about 20 ms for 7 MB) so a
    damaged download fails clearly instead of producing garbage detections.
    ``threads``: intra-op threads; 0 means ``model_threads()`` ($MEDIASCRUB_THREADS, else every core).
    Only the CPU execution provider is used, so results do not depend on the machine.
    """
    path = model_path(name)
    threads = threads or model_threads()

    def load() -> Any:
        try:
            import onnxruntime as ort
        except ImportError as exc:  # pragma: no cover - a broken install
            raise ModelError(f"onnxruntime is not installed ({exc}); reinstall mediascrub") from None
        if sha256:
            check_sha256(path, sha256)
        opts = ort.SessionOptions()
        opts.log_severity_level = 3
        if threads:
            opts.intra_op_num_threads = threads
        try:
            return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelError(f"cannot load model {path}: {exc}. Reinstall mediascrub.") from None

    return cached("onnx", f"{path}:{threads}", load)


__all__ = [
    "MODELS_ENV", "THREADS_ENV", "model_threads", "models_dir", "model_path", "sha256_of", "check_sha256", "cached",
    "clear_cache", "load_onnx",
]
