"""Types shared by the review station's modules (state, rendering, run reports, the guard, routes).

The ASGI aliases are Starlette's own (one vocabulary with the middleware we build on); the
dataclasses are what one module hands another, so no module needs to import a sibling
just for a type.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..findings import Finding
from ..policy import Policy

__all__ = ["ASGIApp", "Message", "Receive", "Scope", "Send", "StationConfig", "Detected", "RunEntry", "SignIn"]


@dataclass
class StationConfig:
    held: Path
    out: Path
    policy: Policy
    reviewer: str
    report: Path | None = None
    host: str = "127.0.0.1"
    port: int = 0  # the port actually bound (set before the Station is made): the allowed Host headers depend on it
    token: str = field(default_factory=lambda: secrets.token_urlsafe(32))


@dataclass
class SignIn:
    """The secrets of one server process, checked by the guard (:mod:`.middleware`).

    ``token`` is printed once (in the address) and exchanged, once, for ``session``, which the
    browser then holds in an HttpOnly cookie named ``cookie_name``; ``csrf`` is written into
    each page and must come back in a header with every request that changes anything.
    """

    token: str
    cookie_name: str
    session: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    token_used: bool = False  # the printed token signs in one browser, once


@dataclass
class Detected:
    """Detections for one held file's bytes (cached per sha256 and settings)."""

    sha256: str
    key: str = ""  # sha256 and settings: what the page's finding numbers refer to
    width: int = 0
    height: int = 0
    frames: list[list[Finding]] = field(default_factory=list)
    error: str | None = None
    clip: bool = False  # a video: findings are whole face tracks and text sightings, each at its first frame
    fps: float = 0.0  # a video: frames a second (the page says times, not frame numbers)


@dataclass
class RunEntry:
    """One file of a run report (``--report``): what the listing shows besides the held files."""

    id: str
    name: str
    status: str
    reason: str
    summary: str
    quarantine: str | None  # path of the held copy the run wrote, if any
    output: str | None  # path below OUT of the published copy
