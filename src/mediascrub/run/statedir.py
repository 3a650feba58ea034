"""Where a run keeps its own state: outside the output folder.

The output folder is what gets uploaded or synced, and run state lists input file names (which often
carry clients' names), so it never goes there. Each output folder gets its own state folder:

    $MEDIASCRUB_STATE_DIR/runs/<first 16 hex digits of sha256(absolute output path)>/
    (default base: $XDG_STATE_HOME/mediascrub, XDG's default being ~/.local/state/mediascrub)

holding ``lock`` (one run per output folder), ``scrub-state.jsonl`` (what a re-run may skip) and
``watch.jsonl`` (the watcher's journal), plus ``output.txt`` naming the output folder it belongs to.
Folders are created 0700 and files 0600. Deleting a state folder only makes the next run redo work.

State files left in an output folder by earlier versions (``.mediascrub-state.jsonl``,
``.mediascrub.lock``, ``.mediascrub-watch.jsonl``) are read once and removed from it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

STATE_ENV = "MEDIASCRUB_STATE_DIR"
LEGACY_NAMES = (".mediascrub-state.jsonl", ".mediascrub.lock", ".mediascrub-watch.jsonl")


def state_base() -> Path:
    """``$MEDIASCRUB_STATE_DIR``, else ``$XDG_STATE_HOME/mediascrub``, else ``~/.local/state/mediascrub``."""
    explicit = os.environ.get(STATE_ENV) or ""
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_STATE_HOME") or ""
    root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "state"
    return root / "mediascrub"


def state_dir_for(out: Path) -> Path:
    """The private state folder of the output folder ``out`` (created 0700 when missing)."""
    absolute = Path(os.path.abspath(out))
    with contextlib.suppress(OSError):
        absolute = absolute.resolve()
    key = hashlib.sha256(os.fsencode(str(absolute))).hexdigest()[:16]
    folder = state_base() / "runs" / key
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    marker = folder / "output.txt"
    if not marker.exists():
        with contextlib.suppress(OSError):
            fd = os.open(marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="replace") as fh:
                fh.write(f"{absolute}\n")
    return folder


NAMES_KEY = "names.key"


def names_key(out: Path) -> bytes:
    """The output folder's secret for neutral folder names (``stages.filename.FolderNames``): 32 random bytes
    in its private state folder (0600), made once and then read, so a folder keeps its neutral name from run
    to run. Deleting it only gives such folders new names on the next run."""
    path = state_dir_for(out) / NAMES_KEY
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        key = path.read_bytes()
        if len(key) >= 16:
            return key
        path.unlink()  # a key cut short (a crash between create and write): make a new one
        return names_key(out)
    key = os.urandom(32)
    try:
        os.write(fd, key)
        os.fsync(fd)
    finally:
        os.close(fd)
    return key


def take_legacy(out: Path, name: str) -> str | None:
    """The text of a state file an older version left in the output folder, removing it from there."""
    path = out / name
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    with contextlib.suppress(OSError):
        path.unlink()
    return text


def remove_legacy_lock(out: Path) -> None:
    with contextlib.suppress(OSError):
        (out / LEGACY_NAMES[1]).unlink()


__all__ = ["NAMES_KEY", "names_key", "STATE_ENV", "state_base", "state_dir_for", "take_legacy", "remove_legacy_lock"]
