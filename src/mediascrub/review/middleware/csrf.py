"""Requests that change anything (any method but GET and HEAD) need, on top of the session:
that session's CSRF token (written into its pages) in one ``X-CSRF-Token`` header, an ``Origin`` of
this server when the browser sends one, and a JSON body (a plain HTML form cannot send one); the
desk's upload route takes a file's bytes (``application/octet-stream``) instead. The sign-in form of
a desk with a password file (before any session) is refused only when its ``Origin`` names another site."""

from __future__ import annotations

from starlette.datastructures import Headers

from ..types import ASGIApp, Receive, Scope, Send, SignIn
from .refusal import refuse
from .session import SESSION_KEY, same_secret

SAFE_METHODS = ("GET", "HEAD")
#: Routes whose body is a file's bytes, not JSON.
RAW_BODY = frozenset({"/api/uploads"})


class CSRFMiddleware:
    def __init__(self, app: ASGIApp, signin: SignIn) -> None:
        self.app = app
        self.signin = signin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "").lower()  # one Host header, checked by the trusted-host layer
        same_site = all(origin.lower() == self.signin.origin(host) for origin in headers.getlist("origin"))
        session = scope.get(SESSION_KEY)
        if session is None:  # let through by the sign-in layer without a session: the sign-in form
            # Our pages send no referrer, so a browser posts that form with "Origin: null": refused is only
            # a form from another site that says so (signing someone in as someone else needs a password anyway).
            foreign = any(o.lower() not in ("null", self.signin.origin(host)) for o in headers.getlist("origin"))
            if scope.get("path") not in self.signin.public or foreign:
                await refuse(403, "request from another site refused")(scope, receive, send)
                return
            await self.app(scope, receive, send)
            return
        tokens = headers.getlist("x-csrf-token")
        if len(tokens) != 1 or not tokens[0] or not same_secret(tokens[0], session.csrf):
            await refuse(403, "missing or wrong CSRF token: reload the page")(scope, receive, send)
            return
        if not same_site:
            await refuse(403, "request from another site refused")(scope, receive, send)
            return
        ctypes = headers.getlist("content-type")
        wanted = "application/octet-stream" if scope.get("path") in RAW_BODY else "application/json"
        if len(ctypes) != 1 or ctypes[0].split(";")[0].strip() != wanted:
            await refuse(415, "JSON only" if wanted == "application/json" else "the file's bytes only")(scope, receive, send)
            return
        await self.app(scope, receive, send)
