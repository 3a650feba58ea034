"""Pictures for the page: thumbnails, the large view and crops, as small JPEGs with no metadata.

They show originals that are not yet safe, so they are only ever cached in the held folder's
state (:mod:`.station`), never in the output folder.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..findings import Box
from ..policy import Policy

if TYPE_CHECKING:
    from PIL import Image as PILImage

THUMB_SIDE = 240
VIEW_SIDE = 1600
CROP_SIDE = 192
QUALITY = 85


def to_jpeg(img: PILImage.Image) -> bytes:
    """``img`` encoded as a fresh JPEG (Pillow writes no metadata unless given some)."""
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=QUALITY)
    return buf.getvalue()


def _shrink(img: PILImage.Image, side: int) -> None:
    from PIL import Image

    img.thumbnail((side, side), Image.Resampling.BILINEAR if side <= THUMB_SIDE else Image.Resampling.LANCZOS)


def is_clip(data: bytes) -> bool:
    from ..media.video import sniff_video

    return sniff_video(data[:64])


def clip_frame_jpeg(data: bytes, side: int) -> bytes:
    """The upright first frame of a clip as a small JPEG with no metadata (the frame the page shows)."""
    from PIL import Image

    from ..errors import CorruptInputError
    from ..media.video import _av, _rotation, upright

    av = _av()
    try:
        with av.open(io.BytesIO(data)) as c:
            frame = next(iter(c.decode(video=0)), None)
            if frame is None:
                raise CorruptInputError("the clip has no frames")
            rgb = upright(frame.to_ndarray(format="rgb24"), _rotation(frame))
    except av.error.FFmpegError as exc:
        raise CorruptInputError(f"the first frame does not decode ({exc.__class__.__name__})") from None
    img = Image.fromarray(rgb)
    _shrink(img, side)
    return to_jpeg(img)


def render_jpeg(data: bytes, name: str, policy: Policy, side: int) -> bytes:
    """The upright first frame of an image as a small JPEG with no metadata (what the page shows)."""
    from PIL import Image

    from ..media.image import load_image

    loaded = load_image(Path(name), policy.output, data=data)
    img = Image.fromarray(loaded.frames[0][..., :3])
    _shrink(img, side)
    return to_jpeg(img)


def render_thumbnail(data: bytes, name: str, policy: Policy, side: int) -> bytes:
    """Like :func:`render_jpeg`, quicker: a JPEG is decoded at a reduced scale (Pillow's draft
    mode, about 1/8 of the work for a big photo). Anything unusual goes the full way."""
    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(data)) as img:
            if img.format != "JPEG" or img.width * img.height > policy.output.max_pixels:
                raise ValueError("not a plain JPEG")
            img.draft("RGB", (side * 2, side * 2))
            upright = ImageOps.exif_transpose(img).convert("RGB")
        upright.thumbnail((side, side), Image.Resampling.BILINEAR)
        return to_jpeg(upright)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return render_jpeg(data, name, policy, side)


def frame_jpeg(rgb: np.ndarray, side: int, quality: int = QUALITY) -> bytes:
    """Upright RGB pixels as a JPEG of at most ``side`` px, with no metadata."""
    from PIL import Image

    img = Image.fromarray(np.ascontiguousarray(rgb[..., :3]))
    img.thumbnail((side, side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    return buf.getvalue()


def clip_frame(path: Path, index: int, policy: Policy) -> np.ndarray:
    """Frame ``index`` of a clip, upright RGB (decoded from the start: held clips are short)."""
    from ..errors import CorruptInputError
    from ..media.video import iter_frames, probe_video

    info = probe_video(path, policy.output)
    for frame in iter_frames(path, info):
        if frame.index == index:
            return frame.rgb
    raise CorruptInputError(f"the clip has no frame {index}")


def crop_jpeg(rgb: np.ndarray, box: Box, width: int, height: int) -> bytes:
    """A small JPEG of ``box`` with a quarter of its size around it, from an upright frame
    of ``width`` x ``height`` (a clip's track or text sighting, shown beside its decision)."""
    from PIL import Image

    pad_x, pad_y = box.width * 0.25, box.height * 0.25
    b = Box(box.x0 - pad_x, box.y0 - pad_y, box.x1 + pad_x, box.y1 + pad_y).clipped(width, height)
    crop = rgb[int(b.y0):max(int(b.y1), int(b.y0) + 1), int(b.x0):max(int(b.x1), int(b.x0) + 1), :3]
    img = Image.fromarray(crop)
    img.thumbnail((CROP_SIDE, CROP_SIDE), Image.Resampling.LANCZOS)
    return to_jpeg(img)
