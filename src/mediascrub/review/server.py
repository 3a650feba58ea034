"""The review station: a local web page where a person resolves held files.

``mediascrub review HELD --out OUT`` serves it. The page lists the files held in HELD
(with ``--report``, every file of that run), shows one file with every finding drawn,
and lets the reviewer hide more (boxes, ellipses, detections marked "hide"), dismiss
false alarms ("not a face", "not sensitive"), then publish through the same render,
encode, verify and atomic write as ``scrub`` (:meth:`Pipeline.publish_reviewed`) or
reject. Every decision goes to the audit log (:mod:`.audit`).

The package, one concern a module: :mod:`.station` (state: queue, detection cache, pipeline,
secrets), :mod:`.render` (thumbnails, views, crops), :mod:`.runreport` (a run report for the
listing), :mod:`.middleware` (the guard), :mod:`.pages` and :mod:`.routes` (what is served),
:mod:`.forms` (what the page sends), :mod:`.types` (what they share). This module builds the
app and serves it.

Security, because the page shows originals that are not yet safe:

- the server binds to 127.0.0.1 unless told otherwise;
- every request needs the session: the one-time URL token (printed at start) is
  exchanged, once, for an HttpOnly, SameSite=Strict session cookie (a browser session; the
  token in a shell history or on a screen is useless afterwards); no credentials: 401, wrong: 403;
- the ``Host`` header must name this server (DNS rebinding), else 403;
- requests that change anything need the CSRF token from the page in a header, a JSON
  body, and (when the browser sends one) an ``Origin`` of this server;
- files are addressed by id (:mod:`.queue`), never by path; links are never followed;
- a per-file lock (flock) means two reviewers cannot publish the same file twice;
- every response carries a strict Content-Security-Policy: the page loads only its own
  script, style and images, nothing from the network.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from .middleware import guard
from .pages import Pages, describe_for_page
from .routes import ReviewRoutes
from .runreport import finding_from_dict, load_run_report
from .station import Station
from .types import ASGIApp, StationConfig


def create_app(station: Station, routes: Iterable[BaseRoute] = ()) -> ASGIApp:
    """The review station's Starlette app (its own routes, the desk's when ``station.desk`` is set, then
    ``routes``), behind the guard (:func:`.middleware.guard`: security headers, Host check, sign-in, CSRF)."""
    desk = station.desk
    nav = None
    headers: dict[str, dict[str, str]] = {}
    extra: list[BaseRoute] = []
    if desk is not None:
        from .desk import desk_nav, desk_routes
        from .middleware import CSP

        nav = desk_nav(station)
        # the "before" pictures on the upload page are the person's own files, shown from the browser's memory
        headers["desk_add.html"] = {"content-security-policy": CSP.replace("img-src 'self'", "img-src 'self' blob:")}
    pages = Pages({"csrf": station.csrf, "reviewer": station.config.reviewer, "desk": desk is not None,
                   "links": desk is not None and not desk.passwords},
                  nav=nav, headers=headers)
    if desk is not None:
        extra = desk_routes(desk, pages, max_upload=station.config.policy.output.max_file_bytes, signin=station.signin)
    app = Starlette(routes=[*extra, *ReviewRoutes(station, pages).routes(), *routes])
    return guard(app, station.signin, station.allowed_hosts())


def bind_socket(host: str, port: int) -> Any:
    """A listening socket on ``host``:``port`` (0: a free port chosen by the system)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP named explicitly: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say
    # so; without it every reply on a kept-alive connection stalls about 40 ms (delayed ACK).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(station: Station, sock: Any) -> None:
    """Serve until Ctrl-C / SIGTERM (uvicorn handles both and returns)."""
    import uvicorn

    config = uvicorn.Config(create_app(station), log_level="warning", access_log=False, lifespan="off",
                            server_header=False, date_header=False)
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        station.close()


# Station, StationConfig, load_run_report, finding_from_dict and describe_for_page were defined here
# before the split; they stay importable from here for code written against that.
__all__ = ["Station", "StationConfig", "create_app", "bind_socket", "serve", "load_run_report", "finding_from_dict",
           "describe_for_page"]
