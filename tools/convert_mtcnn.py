"""Extract MTCNN's RNet and ONet weights from the facenet-pytorch wheel into
models/mtcnn-rnet.npz and models/mtcnn-onet.npz (one-time, offline).

The wheel (facenet_pytorch-2.6.0-py3-none-any.whl, MIT) ships the weights as
torch state dicts in torch's legacy serialisation (facenet_pytorch/data/
{pnet,rnet,onet}.pt). This script reads that format with the standard
library's pickle and numpy only, so neither torch nor the wheel needs to be
installed: the wheel is opened as a zip file.

Legacy format (torch.serialization, before the zip format): five pickles in a
row (magic number, protocol version, system info, the state dict with
persistent ids for its storages, the list of storage keys), then each storage's
raw bytes, preceded by its element count as a little-endian int64.

Usage:
    python tools/convert_mtcnn.py /path/to/facenet_pytorch-2.6.0-py3-none-any.whl [models/]

It prints the SHA-256 of the wheel, of each .pt file and of each .npz written
(the figures in models/README.md). Running it again gives the same bytes
(np.savez writes no dates: zip entries carry a fixed timestamp).
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
import zipfile
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np

MAGIC = 0x1950A86A20F9469CFC6C
NETS = ("rnet", "onet")
DTYPES = {"FloatStorage": np.float32, "DoubleStorage": np.float64, "LongStorage": np.int64, "IntStorage": np.int32}


class _Storage:
    def __init__(self, dtype: Any) -> None:
        self.dtype = dtype
        self.data: np.ndarray | None = None


def _rebuild_tensor_v2(storage: _Storage, offset: int, size: tuple[int, ...], stride: tuple[int, ...], *_: Any) -> Any:
    return ("tensor", storage, offset, tuple(size), tuple(stride))


class _Unpickler(pickle.Unpickler):
    def __init__(self, f: io.BytesIO, storages: dict[str, _Storage]) -> None:
        super().__init__(f)
        self.storages = storages

    def find_class(self, module: str, name: str) -> Any:
        if module == "collections" and name == "OrderedDict":
            return OrderedDict
        if module == "torch._utils" and name in ("_rebuild_tensor_v2", "_rebuild_tensor"):
            return _rebuild_tensor_v2
        if module == "torch" and name in DTYPES:
            return DTYPES[name]
        raise pickle.UnpicklingError(f"unexpected class {module}.{name}")

    def persistent_load(self, pid: Any) -> Any:
        kind, dtype, key, _location, _size = pid[:5]
        if kind != "storage":
            raise pickle.UnpicklingError(f"unexpected persistent id {pid!r}")
        if key not in self.storages:
            self.storages[key] = _Storage(dtype)
        return self.storages[key]


def load_legacy_state_dict(raw: bytes) -> dict[str, np.ndarray]:
    """A torch legacy-format state dict as float32 numpy arrays, by name."""
    f = io.BytesIO(raw)
    if pickle.load(f) != MAGIC:
        raise ValueError("not a torch legacy file (magic number)")
    if pickle.load(f) != 1001:
        raise ValueError("unexpected torch protocol version")
    info = pickle.load(f)
    if not info.get("little_endian", False):
        raise ValueError("big-endian file")
    storages: dict[str, _Storage] = {}
    state = _Unpickler(f, storages).load()
    keys = pickle.load(f)
    for key in keys:
        st = storages[key]
        count = int(np.frombuffer(f.read(8), "<i8")[0])
        itemsize = np.dtype(st.dtype).itemsize
        st.data = np.frombuffer(f.read(count * itemsize), dtype=np.dtype(st.dtype).newbyteorder("<")).copy()
    if f.read():
        raise ValueError("trailing bytes after the storages")
    out: dict[str, np.ndarray] = {}
    for name, (_tag, st, offset, size, stride) in state.items():
        assert st.data is not None
        itemsize = st.data.itemsize
        arr = np.lib.stride_tricks.as_strided(
            st.data[offset:], shape=size, strides=tuple(s * itemsize for s in stride)
        )
        out[name] = np.ascontiguousarray(arr, dtype=np.float32)
    return out


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    wheel = Path(argv[1])
    out_dir = Path(argv[2]) if len(argv) == 3 else Path(__file__).resolve().parent.parent / "models"
    print(f"wheel {wheel.name} sha256 {sha256(wheel.read_bytes())}")
    with zipfile.ZipFile(wheel) as z:
        for net in NETS:
            member = f"facenet_pytorch/data/{net}.pt"
            raw = z.read(member)
            weights = load_legacy_state_dict(raw)
            target = out_dir / f"mtcnn-{net}.npz"
            buf = io.BytesIO()
            # Fixed zip timestamps: the same input gives the same bytes.
            with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zo:
                for name in sorted(weights):
                    arr_buf = io.BytesIO()
                    np.save(arr_buf, weights[name], allow_pickle=False)
                    info = zipfile.ZipInfo(name + ".npy", date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zo.writestr(info, arr_buf.getvalue())
            target.write_bytes(buf.getvalue())
            shapes = ", ".join(f"{k} {tuple(v.shape)}" for k, v in sorted(weights.items()))
            print(f"{member} sha256 {sha256(raw)} -> {target} sha256 {sha256(buf.getvalue())} ({len(buf.getvalue())} bytes)")
            print(f"  {shapes}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
