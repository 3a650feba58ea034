"""Who is signed in: one-time sign-in links and the sessions they become (review station and desk).

A one-time link (``?token=...``) is exchanged, once, for an HttpOnly, SameSite=Strict session cookie
(:mod:`.middleware.session`); each session has its own CSRF token and the name of who signed in (the
audit logs say who published, rejected or enrolled). The link printed at start stays valid until it is
used; links made while the desk runs (its "new sign-in link" button, ``mediascrub desk --link``) for
:data:`LINK_MINUTES` minutes. A desk with a password file starts sessions after a right password
instead. Sessions end after :data:`SESSION_HOURS` hours, or when the server stops.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

LINK_MINUTES = 15
SESSION_HOURS = 12


@dataclass
class Session:
    user: str
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    started: float = field(default_factory=time.time)
    last_seen: float = field(default_factory=time.monotonic)


@dataclass
class _Link:
    user: str | None  # who it is for (None: the desk's default name)
    expires: float | None  # monotonic time; None: until used
    csrf: str | None = None  # the CSRF token its session gets (None: a new one)


class Sessions:
    """One-time sign-in tokens and the sessions they became."""

    def __init__(self, default_user: str) -> None:
        self.default_user = default_user
        self._links: dict[str, _Link] = {}
        self._sessions: dict[str, Session] = {}
        self._used: set[str] = set()  # sha256 of tokens that signed someone in
        self._lock = threading.Lock()

    def new_link(self, user: str | None = None, minutes: float | None = LINK_MINUTES, *, token: str | None = None,
                 csrf: str | None = None) -> str:
        token = token or secrets.token_urlsafe(32)
        with self._lock:
            now = time.monotonic()
            self._links = {t: link for t, link in self._links.items() if link.expires is None or link.expires > now}
            self._links[token] = _Link(user, None if minutes is None else now + minutes * 60, csrf)
        return token

    def redeem(self, token: str, user: str | None = None) -> tuple[str, Session] | None:
        """A new session for a valid, unused token (which is used up); None otherwise (see :meth:`used`)."""
        with self._lock:
            now = time.monotonic()
            match = next((t for t in self._links if hmac.compare_digest(t.encode(), token.encode())), None)
            link = self._links.pop(match, None) if match is not None else None
            if link is None or (link.expires is not None and link.expires < now):
                return None
            self._used.add(hashlib.sha256(token.encode()).hexdigest())
            sid, session = self._start(user or link.user or self.default_user)
            if link.csrf:
                session.csrf = link.csrf
            return sid, session

    def used(self, token: str) -> bool:
        """Whether ``token`` signed someone in already (it works once)."""
        with self._lock:
            return hashlib.sha256(token.encode()).hexdigest() in self._used

    def start(self, user: str) -> tuple[str, Session]:
        """A session for someone who signed in with a password."""
        with self._lock:
            return self._start(user)

    def _start(self, user: str) -> tuple[str, Session]:
        sid = secrets.token_urlsafe(32)
        session = Session(user)
        self._sessions[sid] = session
        return sid, session

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        with self._lock:
            match = next((s for s in self._sessions if hmac.compare_digest(s.encode(), sid.encode())), None)
            if match is None:
                return None
            session = self._sessions[match]
            if time.time() - session.started > SESSION_HOURS * 3600:
                del self._sessions[match]
                return None
            session.last_seen = time.monotonic()
            return session

    def end(self, sid: str | None) -> None:
        with self._lock:
            if sid:
                self._sessions.pop(sid, None)


__all__ = ["Sessions", "Session", "LINK_MINUTES", "SESSION_HOURS"]
