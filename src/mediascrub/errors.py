"""One exception family for the whole core.

The core raises these; only ``cli.py`` turns them into messages and exit codes.
Every message is written for the person running the tool: it says what is
wrong and, where possible, what to do about it.
"""

from __future__ import annotations

import re

_REPR = re.compile(r"\s*<[\w.]+ object at 0x[0-9a-fA-F]+>|\s*\[Errno -?\d+\]")


def plain_text(text: object) -> str:
    """A message from a library made fit for a person: no Python reprs (``<_io.BytesIO object at 0x...>``),
    no ``[Errno 30]`` prefixes."""
    return _REPR.sub("", str(text)).strip()


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 for a file (a report, a state journal, a reason file). A file name that is not
    UTF-8 reaches Python with its odd bytes as lone surrogates, which UTF-8 cannot hold: each is written
    as the escape ``\\udcNN``, which in JSON reads back as the same name (``os.fsencode`` gives its bytes)."""
    return text.encode("utf-8", "backslashreplace")


class MediascrubError(Exception):
    """Base class: something about one input (or the set-up) is not right."""


class UsageError(MediascrubError):
    """The command was asked to do something it must refuse (e.g. --out inside an input)."""


class UnsupportedInputError(MediascrubError):
    """The file is not an image we can clean thoroughly (unknown, wrong extension, multi-page...)."""


class CorruptInputError(MediascrubError):
    """The file claims to be an image but cannot be decoded completely (empty, truncated...)."""


class TooLargeError(MediascrubError):
    """The image has more pixels than the policy allows (decompression-bomb guard)."""


class InputAccessError(MediascrubError):
    """The file cannot be read (permissions, broken link, not a regular file)."""


class StageError(MediascrubError):
    """A detection stage failed or is unsure; the file must not be published."""


class VerificationError(MediascrubError):
    """The freshly written output did not pass the re-open-and-verify check."""


class ConfigError(MediascrubError):
    """The policy file or an option value is invalid."""


class GalleryError(MediascrubError):
    """The consent gallery is missing, corrupt, from a newer version, or the request is invalid."""


class ModelError(MediascrubError):
    """A model file is missing or damaged."""
