"""What the command-line modules share: exit codes and the options that mean the same everywhere."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer


class ExitCode(enum.IntEnum):
    OK = 0
    UNSAFE = 1  # something is not safe, was quarantined or failed
    USAGE = 2
    CONFIG = 3  # bad policy file or consent gallery
    INTERRUPTED = 130


PolicyOpt = Annotated[
    Path | None,
    typer.Option("--policy", help="Settings file (mediascrub.toml). Default: $MEDIASCRUB_POLICY, then ./mediascrub.toml."),
]
GalleryOpt = Annotated[
    str | None,
    typer.Option(
        "--gallery",
        help="Consent gallery: a file (SQLite), or a PostgreSQL register as postgresql://user@host/db "
        "(password in ~/.pgpass or $PGPASSFILE). Default: $MEDIASCRUB_GALLERY, then your data folder.",
    ),
]
PortOpt = Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on. Default: a free one.")]
NoBrowserOpt = Annotated[bool, typer.Option("--no-browser", help="Do not open a browser; just print the address.")]
