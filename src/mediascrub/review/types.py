"""Types shared by the review station's modules (state, rendering, run reports, the guard, routes).

The ASGI aliases are Starlette's own (one vocabulary with the middleware we build on); the
dataclasses are what one module hands another, so no module needs to import a sibling
just for a type.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..findings import Finding
from ..policy import Policy

if TYPE_CHECKING:
    from .sessions import Sessions

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
    https: bool = False  # served over HTTPS (directly, or by a reverse proxy in front): Secure cookies, https Origin
    public_host: str | None = None  # behind a reverse proxy: the host[:port] people's browsers name (accepted too)


@dataclass
class SignIn:
    """How one server process signs people in, checked by the guard (:mod:`.middleware`).

    ``token`` is printed once (in the address) and exchanged, once, for a session in ``sessions``,
    which the browser then holds in an HttpOnly cookie named ``cookie_name``; each session's CSRF
    token is written into its pages and must come back in a header with every request that changes
    anything (``csrf`` is that of the session the printed token opens). ``passwords``: a desk with a
    password file, where people sign in at ``/signin`` with their name and password instead.
    """

    token: str
    cookie_name: str
    sessions: Sessions
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    secure: bool = False  # over HTTPS: the cookie is Secure, and requests come from an https:// Origin
    public_host: str | None = None  # behind a reverse proxy: requests through it come from https://<public_host>
    passwords: bool = False
    again: str = "restart mediascrub review for a new one"  # how to get another sign-in address
    public: frozenset[str] = frozenset()  # paths served without a session (the desk's sign-in and signed-out pages)

    def cookie(self, sid: str) -> str:
        """The Set-Cookie value that holds session ``sid``."""
        return f"{self.cookie_name}={sid}; HttpOnly; SameSite=Strict; Path=/" + ("; Secure" if self.secure else "")

    def origin(self, host: str) -> str:
        """The Origin a request to ``host`` comes from when it comes from our own page."""
        return f"https://{host}" if self.secure or host == self.public_host else f"http://{host}"


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
