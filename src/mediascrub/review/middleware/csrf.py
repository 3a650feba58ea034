"""Requests that change anything (any method but GET and HEAD) need, on top of the session:
the page's CSRF token in one ``X-CSRF-Token`` header, an ``Origin`` of this server when the
browser sends one, and a JSON body (a plain HTML form cannot send one)."""

from __future__ import annotations

from starlette.datastructures import Headers

from ..types import ASGIApp, Receive, Scope, Send, SignIn
from .refusal import refuse
from .session import same_secret

SAFE_METHODS = ("GET", "HEAD")


class CSRFMiddleware:
    def __init__(self, app: ASGIApp, signin: SignIn) -> None:
        self.app = app
        self.signin = signin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        tokens = headers.getlist("x-csrf-token")
        if len(tokens) != 1 or not tokens[0] or not same_secret(tokens[0], self.signin.csrf):
            await refuse(403, "missing or wrong CSRF token: reload the page")(scope, receive, send)
            return
        host = headers.get("host", "").lower()  # one Host header, checked by the trusted-host layer
        if any(origin.lower() != f"http://{host}" for origin in headers.getlist("origin")):
            await refuse(403, "request from another site refused")(scope, receive, send)
            return
        ctypes = headers.getlist("content-type")
        if len(ctypes) != 1 or ctypes[0].split(";")[0].strip() != "application/json":
            await refuse(415, "JSON only")(scope, receive, send)
            return
        await self.app(scope, receive, send)
