"""The key of everything that can change what mediascrub finds and writes for a file: the version,
the policy, and the consent gallery's state (its bytes or change counter, and today's date: consent
expires at midnight). Batch resume uses it (a changed key means "process again"); the review station
keys its detections with it, so detections saved when a file was held are reused only under the same
settings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from pathlib import Path

from .policy import Policy


def _gallery_stamp(policy: Policy) -> str:
    """What in the consent gallery can change an output: its bytes, and today's date (consent expires).

    No gallery file: "" (every face is anonymised, whatever the date). A PostgreSQL gallery: its change counter.
    """
    from .consent.store import is_database_url

    if is_database_url(policy.consent.gallery or os.environ.get("MEDIASCRUB_GALLERY", "")):
        return _database_gallery_stamp(policy)
    try:
        from .consent.gallery import resolve_gallery_path

        path, _explicit = resolve_gallery_path(policy.consent.gallery or None)
    except Exception:  # the gallery module is optional to this key; fall back to the policy value
        path = Path(policy.consent.gallery) if policy.consent.gallery else None  # type: ignore[assignment]
    if path is None or not path.is_file():
        return ""
    h = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        with contextlib.suppress(OSError):
            h.update(part.read_bytes())
    h.update(dt.date.today().isoformat().encode())
    return h.hexdigest()[:16]


def _database_gallery_stamp(policy: Policy) -> str:
    """A gallery in a database: its state (a change counter, bumped by every write) and today's date."""
    from .pipeline import open_gallery

    gallery = open_gallery(policy)
    if gallery is None:
        return ""
    try:
        return hashlib.sha256(f"{gallery.stamp()}|{dt.date.today().isoformat()}".encode()).hexdigest()[:16]
    finally:
        gallery.close()


def settings_key(policy: Policy) -> str:
    """A key for every setting that can change an output: the policy and the consent gallery's state.

    A gallery change (new consent, withdrawal) or a new day (consent can expire)
    makes previously published files be processed again.
    """
    from . import __version__

    stamp = _gallery_stamp(policy)
    return hashlib.sha256(f"{__version__}|{policy.fingerprint()}|{stamp}".encode()).hexdigest()[:20]


def detection_key(policy: Policy) -> str:
    """The short key the review station and the held files' saved detections are keyed by."""
    return hashlib.sha256(settings_key(policy).encode()).hexdigest()[:16]


__all__ = ["settings_key", "detection_key"]
