"""exiftool as the independent oracle: what it sees in an output that is not plain image structure."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

# Tags exiftool reports for a file that carries nothing but its pixels and their structure.
ALLOWED_GROUPS = {"System", "ExifTool", "File", "Composite", "JFIF"}
ALLOWED_TAGS = {
    "PNG": {"ImageWidth", "ImageHeight", "BitDepth", "ColorType", "Compression", "Filter", "Interlace", "Palette",
            "Transparency", "AnimationFrames", "AnimationPlays"},
    "RIFF": {"VP8Version", "ImageWidth", "ImageHeight", "HorizontalScale", "VerticalScale", "AlphaCompression",
             "AlphaFiltering", "AlphaPreprocessing", "WebP_Flags", "BackgroundColor", "AnimationLoopCount",
             "VP8L_Version", "AlphaIsUsed", "Duration", "FrameCount"},
    "GIF": {"GIFVersion", "ImageWidth", "ImageHeight", "HasColorMap", "ColorResolutionDepth", "BitsPerPixel",
            "BackgroundColor", "AnimationIterations", "FrameCount", "Duration", "TransparentColor"},
    "IFD0": {"ImageWidth", "ImageHeight", "BitsPerSample", "Compression", "PhotometricInterpretation", "StripOffsets",
             "SamplesPerPixel", "RowsPerStrip", "StripByteCounts", "PlanarConfiguration", "ExtraSamples", "Predictor",
             "SubfileType", "FillOrder", "SampleFormat", "TileWidth", "TileLength", "TileOffsets", "TileByteCounts",
             "ColorMap", "XResolution", "YResolution", "ResolutionUnit"},
}
FORBIDDEN_SYSTEM = {"Warning"}  # exiftool warns about trailers and broken structures


def have_exiftool() -> bool:
    return shutil.which("exiftool") is not None


def exiftool_json(paths: Iterable[Path]) -> list[dict[str, object]]:
    paths = [str(p) for p in paths]
    if not paths:
        return []
    out = subprocess.run(["exiftool", "-j", "-a", "-G1", *paths], capture_output=True, text=True, check=False)
    return json.loads(out.stdout or "[]")


def leaks_in(record: dict[str, object]) -> list[str]:
    """Every 'Group:Tag' exiftool saw that is not plain image structure."""
    leaks = []
    for key in record:
        if key == "SourceFile":
            continue
        group, _, tag = key.partition(":")
        if group == "ExifTool" and tag in FORBIDDEN_SYSTEM:
            leaks.append(f"{key}={record[key]}")
        elif group in ALLOWED_GROUPS:
            continue
        elif tag in ALLOWED_TAGS.get(group, set()):
            continue
        else:
            leaks.append(key)
    return leaks


def leaks(paths: Iterable[Path]) -> dict[str, list[str]]:
    """{file: [leaking tags]} for every file with at least one leak."""
    return {str(r["SourceFile"]): found for r in exiftool_json(paths) if (found := leaks_in(r))}
