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


# --- video (MP4): what exiftool may see in a clip that carries nothing but its streams' structure ---

VIDEO_ALLOWED_TAGS = {
    "QuickTime": {"MajorBrand", "MinorVersion", "CompatibleBrands", "MediaDataSize", "MediaDataOffset", "MovieHeaderVersion",
                  "CreateDate", "ModifyDate", "TimeScale", "Duration", "PreferredRate", "PreferredVolume", "MatrixStructure",
                  "PreviewTime", "PreviewDuration", "PosterTime", "SelectionTime", "SelectionDuration", "CurrentTime",
                  "NextTrackID", "HandlerType", "HandlerVendorID"},
    "Track": {"TrackHeaderVersion", "TrackCreateDate", "TrackModifyDate", "TrackID", "TrackDuration", "TrackLayer", "TrackVolume",
              "MatrixStructure", "ImageWidth", "ImageHeight", "MediaHeaderVersion", "MediaCreateDate", "MediaModifyDate",
              "MediaTimeScale", "MediaDuration", "MediaLanguageCode", "HandlerType", "HandlerDescription", "GraphicsMode",
              "OpColor", "CompressorID", "SourceImageWidth", "SourceImageHeight", "XResolution", "YResolution", "BitDepth",
              "BufferSize", "MaxBitrate", "AverageBitrate", "VideoFrameRate", "Balance", "AudioFormat", "AudioChannels",
              "AudioBitsPerSample", "AudioSampleRate", "PixelAspectRatio", "ColorRepresentation", "ColorPrimaries",
              "TransferCharacteristics", "MatrixCoefficients", "VideoFullRangeFlag"},
}
VIDEO_REQUIRED_VALUES = {
    "CreateDate": "0000:00:00 00:00:00", "ModifyDate": "0000:00:00 00:00:00",
    "TrackCreateDate": "0000:00:00 00:00:00", "TrackModifyDate": "0000:00:00 00:00:00",
    "MediaCreateDate": "0000:00:00 00:00:00", "MediaModifyDate": "0000:00:00 00:00:00",
    "MatrixStructure": "1 0 0 0 1 0 0 0 1", "HandlerDescription": ("VideoHandler", "SoundHandler"),
    "HandlerType": ("Video Track", "Audio Track"),  # no "Metadata": a clean clip has no user data box
}
VIDEO_ALLOWED_COMPOSITE = {"ImageSize", "Megapixels", "AvgBitrate", "Rotation"}


def video_exiftool_json(path: Path) -> dict[str, object]:
    out = subprocess.run(["exiftool", "-j", "-a", "-G1", "-ee", str(path)], capture_output=True, text=True, check=False)
    return json.loads(out.stdout or "[{}]")[0]


def video_leaks_in(record: dict[str, object]) -> list[str]:
    """Every 'Group:Tag' exiftool saw in a clip that is not stream structure (or structure with a date,
    a rotation or a handler name that is not neutral)."""
    found = []
    for key, value in record.items():
        if key == "SourceFile":
            continue
        group, _, tag = key.partition(":")
        if group in ("System", "File") or (group == "ExifTool" and tag not in FORBIDDEN_SYSTEM):
            continue
        if group == "Composite":
            if tag not in VIDEO_ALLOWED_COMPOSITE or (tag == "Rotation" and value != 0):
                found.append(f"{key}={value}")
            continue
        allowed = VIDEO_ALLOWED_TAGS["Track" if group.startswith("Track") else group] if (
            group == "QuickTime" or group.startswith("Track")) else set()
        if tag not in allowed:
            found.append(key)
            continue
        want = VIDEO_REQUIRED_VALUES.get(tag)
        if want is not None and (value not in want if isinstance(want, tuple) else value != want):
            found.append(f"{key}={value}")
    return found
