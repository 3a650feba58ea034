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

import contextlib
import contextvars
import hashlib
import os
import threading
from collections.abc import Callable, Iterator
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
_threads_here: contextvars.ContextVar[int] = contextvars.ContextVar("mediascrub_model_threads", default=0)


def model_threads() -> int:
    """Threads each model may use: ``$MEDIASCRUB_THREADS`` (batch workers set it to
    cores / workers so parallel workers do not fight over cores), else what
    :func:`threads_for_models` set for the code running now, else 0 (all cores)."""
    try:
        env = max(0, int(os.environ.get(THREADS_ENV, "0")))
    except ValueError:
        env = 0
    return env or _threads_here.get()


@contextlib.contextmanager
def threads_for_models(threads: int) -> Iterator[None]:
    """Within the block (this thread), models load with ``threads`` threads unless
    ``$MEDIASCRUB_THREADS`` says otherwise. Clips use one: onnxruntime's spare threads
    spin while they wait, which on a busy machine doubles the CPU time for nothing,
    and a clip's decoding and encoding run beside the models in threads of their own."""
    token = _threads_here.set(threads)
    try:
        yield
    finally:
        _threads_here.reset(token)


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


def openvino_available() -> bool:
    """Whether OpenVINO's runtime (the ``openvino`` wheel) can be imported here."""
    try:
        import openvino  # noqa: F401
    except ImportError:
        return False
    return True


class OpenVinoModel:
    """An ONNX model compiled by OpenVINO for the CPU, any input height and width (one compile).

    ``run(inputs)`` returns the outputs in the model's order, as numpy arrays of their own.
    One infer request per thread: a request is not safe to share, the compiled model is.
    """

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        self._local = threading.local()

    def run(self, blob: Any) -> list[Any]:
        request = getattr(self._local, "request", None)
        if request is None:
            request = self._local.request = self._compiled.create_infer_request()
        request.infer({0: blob})
        return [request.get_output_tensor(i).data.copy() for i in range(len(self._compiled.outputs))]


#: OpenVINO's CPU plugin keeps what it prepared for each input shape it has seen (its "runtime cache",
#: 5000 shapes by default, LRU). A clip's detector regions come in many shapes, so by default the
#: process grew with every clip: 200 random region shapes took it from 240 MB to 815 MB (no cache: flat
#: at 240 MB, for 50% more CPU time on such shapes); one process over 4 evaluation clips peaked at
#: 620, 891, 1,090 and 1,181 MB. Keeping 128 shapes: 605, 699 and 728 MB for the first three, the same
#: CPU time (10.6, 13.6, 12.3 s against 11.0, 14.4, 12.2; 32 shapes cost 10-18% more).
OPENVINO_SHAPE_CACHE = 128
#: On a CPU with bfloat16 instructions (OpenVINO's "BF16" capability), what the 8-bit model still computes in
#: floating point runs in bfloat16: 20 to 35% less CPU time a pass here (AMD EPYC with AVX-512 BF16),
#: the heatmap within 2e-4 of float32's. Elsewhere OpenVINO's default (float32).
OPENVINO_BF16 = True


def load_openvino(name: str, sha256: str | None = None, threads: int = 0) -> OpenVinoModel:
    """Model file ``name`` compiled by OpenVINO for the CPU (input NCHW, height and width free), once per process.

    ``threads``: inference threads; 0 means ``model_threads()``, else one (the CPU time per frame is
    lowest with one thread, and clips are spread over cores by ``--jobs``). ModelError when OpenVINO
    is not installed or the file does not load.
    """
    path = model_path(name)
    threads = threads or model_threads() or 1

    def load() -> OpenVinoModel:
        try:
            import openvino as ov
        except ImportError as exc:
            raise ModelError(f"OpenVINO is not installed ({exc}); reinstall mediascrub") from None
        if sha256:
            check_sha256(path, sha256)
        try:
            core = ov.Core()
            model = core.read_model(str(path))
            model.reshape({model.inputs[0].any_name: ov.PartialShape([1, 3, -1, -1])})
            config: dict[str, Any] = {"INFERENCE_NUM_THREADS": threads, "PERFORMANCE_HINT": "LATENCY",
                                      "CPU_RUNTIME_CACHE_CAPACITY": OPENVINO_SHAPE_CACHE}
            if OPENVINO_BF16 and "BF16" in core.get_property("CPU", "OPTIMIZATION_CAPABILITIES"):
                config["INFERENCE_PRECISION_HINT"] = "bf16"
            compiled = core.compile_model(model, "CPU", config)
        except Exception as exc:  # OpenVINO raises RuntimeError with its own text
            raise ModelError(f"cannot load model {path} with OpenVINO: {exc}. Reinstall mediascrub.") from None
        return OpenVinoModel(compiled)

    return cached("openvino", f"{path}:{threads}", load)


__all__ = [
    "MODELS_ENV", "THREADS_ENV", "model_threads", "threads_for_models", "models_dir", "model_path", "sha256_of", "check_sha256", "cached",
    "clear_cache", "load_onnx", "load_openvino", "openvino_available", "OpenVinoModel",
]
