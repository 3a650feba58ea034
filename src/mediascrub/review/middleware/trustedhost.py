"""The Host check (DNS rebinding): a request must name this server exactly, port included.

Shaped like Starlette's ``starlette.middleware.trustedhost.TrustedHostMiddleware`` (an app and
a list of allowed hosts), which does not fit as it stands: it matches the name only (it drops
the port, so ``127.0.0.1:<another port>`` or a bare ``127.0.0.1`` would pass), allows ``*``
wildcards and a www redirect, and refuses with a 400 "Invalid host header". Here the whole
``name:port`` must be one of the allowed ones, a second Host header is refused, and the
refusal is a 403 in plain words.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.datastructures import Headers

from ..types import ASGIApp, Receive, Scope, Send
from .refusal import refuse

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")


WILDCARD = ("0.0.0.0", "::")


def allowed_hosts(host: str, port: int) -> set[str]:
    """The Host headers a server bound to ``host``:``port`` answers: the address itself and,
    on loopback, its other loopback names (``localhost``, ``[::1]``). Bound to every address
    (``0.0.0.0``), the names this machine answers to: its host name, full name and their
    addresses, and the loopback names (a name served by a reverse proxy is added by the caller)."""
    names = {"127.0.0.1", "localhost", "[::1]"} if host in LOOPBACK_NAMES or host in WILDCARD else set()
    if host in WILDCARD:
        names |= _machine_names()
    else:
        names.add(f"[{host}]" if ":" in host and not host.startswith("[") else host)
    return {f"{n}:{port}" for n in names}


def _machine_names() -> set[str]:
    import socket

    names: set[str] = set()
    for name in {socket.gethostname(), socket.getfqdn()}:
        if not name:
            continue
        names.add(name.lower())
        try:
            for *_, addr in socket.getaddrinfo(name, None):
                ip = str(addr[0]).split("%")[0]
                names.add(f"[{ip}]" if ":" in ip else ip)
        except OSError:
            pass
    return names


class TrustedHostMiddleware:
    """Refuses (403) any HTTP request whose one Host header is not exactly one of ``allowed_hosts``."""

    def __init__(self, app: ASGIApp, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = Headers(scope=scope).getlist("host")
        if len(hosts) != 1 or hosts[0].lower() not in self.allowed_hosts:
            await refuse(403, "wrong Host header: open the address mediascrub printed")(scope, receive, send)
            return
        await self.app(scope, receive, send)
