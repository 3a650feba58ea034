"""How a second process asks the running desk for a sign-in link (``mediascrub desk --link``).

Asking the running desk for a link (``mediascrub desk --link``), with no port or password involved:
the desk keeps a folder ``desk/`` in the output folder's private state folder (``run/statedir.py``:
mode 0700, so only the same login can write in it). It writes ``desk/running.json`` (its process id and
address) and watches ``desk/link-requests/``. ``--link`` drops ``<random>.request`` there (0600); the
desk checks that the file is a regular file owned by its own user and not a link, answers with
``<random>.link`` (0600) holding the new address, and deletes the request; ``--link`` reads the answer,
deletes it and prints the address. Nobody else on the machine can ask, read an answer, or see a token.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import stat
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from ..media.image import atomic_write
from ..run.watch import _pid_alive

REQUESTS = "link-requests"
RUNNING = "running.json"


# --- a second process asks the running desk for a link ----------------------------------------------


def desk_folder(state: Path) -> Path:
    folder = Path(state) / "desk"
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chmod(folder, 0o700)
    (folder / REQUESTS).mkdir(mode=0o700, exist_ok=True)
    return folder


def _own_private_file(path: Path) -> bool:
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and (not hasattr(os, "getuid") or st.st_uid == os.getuid())


class LinkDesk:
    """The running desk's side: says it runs, answers link requests until stopped."""

    def __init__(self, state: Path, address: str, make_link: Callable[[str | None], str], poll: float = 0.3) -> None:
        self.folder = desk_folder(state)
        self.make_link = make_link
        self.poll = poll
        self._stop = threading.Event()
        atomic_write(self.folder / RUNNING, json.dumps({"pid": os.getpid(), "address": address}).encode(), mode=0o600)
        self._thread = threading.Thread(target=self._run, name="mediascrub-desk-links", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.poll):
            with contextlib.suppress(Exception):  # a bad request never stops the desk
                self.answer_pending()

    def answer_pending(self) -> int:
        answered = 0
        for req in sorted((self.folder / REQUESTS).glob("*.request")):
            name = req.name[: -len(".request")]
            if not name.isalnum() or not _own_private_file(req):
                with contextlib.suppress(OSError):
                    req.unlink()
                continue
            try:
                doc = json.loads(req.read_text(encoding="utf-8") or "{}")
                user = doc.get("for") if isinstance(doc, dict) and isinstance(doc.get("for"), str) else None
            except (OSError, ValueError):
                user = None
            url = self.make_link((user or "").strip()[:64] or None)
            atomic_write(self.folder / REQUESTS / f"{name}.link", url.encode(), mode=0o600)
            with contextlib.suppress(OSError):
                req.unlink()
            answered += 1
        return answered

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        with contextlib.suppress(OSError):
            (self.folder / RUNNING).unlink()
        for leftover in (self.folder / REQUESTS).glob("*"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def ask_for_link(state: Path, user: str | None = None, timeout: float = 10.0) -> str:
    """From another process: a new one-time sign-in address from the desk running for this output folder."""
    folder = Path(state) / "desk"
    try:
        running = json.loads((folder / RUNNING).read_text(encoding="utf-8"))
        pid = int(running["pid"])
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError("no desk is running for this output folder (start one with: mediascrub desk --out FOLDER)") from None
    if not _pid_alive(pid):
        raise UsageError("the desk for this output folder is not running any more (start it again with: mediascrub desk --out FOLDER)")
    name = secrets.token_hex(16)
    atomic_write(folder / REQUESTS / f"{name}.request", json.dumps({"for": user}).encode(), mode=0o600)
    answer = folder / REQUESTS / f"{name}.link"
    end = time.monotonic() + timeout
    try:
        while time.monotonic() < end:
            if _own_private_file(answer):
                url = answer.read_text(encoding="utf-8").strip()
                if url:
                    return url
            time.sleep(0.1)
    finally:
        for leftover in (answer, folder / REQUESTS / f"{name}.request"):
            with contextlib.suppress(OSError):
                leftover.unlink()
    raise UsageError(f"the desk did not answer within {timeout:g} seconds; is it still running?")


__all__ = ["LinkDesk", "ask_for_link", "desk_folder"]
