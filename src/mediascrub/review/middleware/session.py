"""Sign-in: every request needs a session; a one-time token (or, on a desk with a password file, a
name and password) starts one.

A GET carrying a valid ``?token=`` (each token works once: one seen in a shell history or on a screen
is useless afterwards) is answered with a 303 that sets the session cookie (HttpOnly,
SameSite=Strict, Secure over HTTPS, a browser session) and sends the browser back to the same path
without the token. No credentials: 401; a wrong, expired or used token, or a wrong cookie: 403. On a
desk with a password file there are no tokens: the sign-in page and its style are served to anyone,
a page asked for without a session sends the browser there (303), an API call gets a 401. The paths
in ``signin.public`` (the desk's sign-in and signed-out pages and their style) need no session. Cookies
are read with Starlette's parser (``HTTPConnection.cookies``). A request let through carries its
session in ``scope["mediascrub.session"]``.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs, quote

from starlette.requests import HTTPConnection

from ..types import ASGIApp, Receive, Scope, Send, SignIn
from .refusal import refuse

SESSION_KEY = "mediascrub.session"


def same_secret(given: str, secret: str) -> bool:
    """Constant-time comparison of a secret a request brought with the real one."""
    return hmac.compare_digest(given.encode(), secret.encode())


class SignInMiddleware:
    """Lets through only requests holding a session cookie of ``signin``; turns a one-time token into
    one. WebSocket connections are closed: no route uses one, and the guard is written for HTTP."""

    def __init__(self, app: ASGIApp, signin: SignIn) -> None:
        self.app = app
        self.signin = signin

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        si = self.signin
        cookie = HTTPConnection(scope).cookies.get(si.cookie_name)
        session = si.sessions.get(cookie)
        if session is not None:
            scope[SESSION_KEY] = session
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "/")
        if path in si.public:
            await self.app(scope, receive, send)
            return
        if si.passwords:
            if scope["method"] == "GET" and not path.startswith("/api/"):
                await refuse(303, "sign in first", {"location": "/signin?next=" + quote(path)})(scope, receive, send)
            else:
                await refuse(401, "not signed in: sign in with your name and password")(scope, receive, send)
            return
        token = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
        if token and scope["method"] == "GET":
            redeemed = si.sessions.redeem(token[0])
            if redeemed is None:
                if si.sessions.used(token[0]):
                    await refuse(403, f"this sign-in address has been used already (it works once): {si.again}")(scope, receive, send)
                else:
                    await refuse(403, "wrong or expired sign-in address")(scope, receive, send)
                return
            location = quote(path) or "/"
            await refuse(303, "signed in", {"location": location, "set-cookie": si.cookie(redeemed[0])})(scope, receive, send)
            return
        if cookie is not None or token:
            await refuse(403, "not signed in to this review station: open the address mediascrub printed")(scope, receive, send)
            return
        await refuse(401, "not signed in: open the address (with its token) that mediascrub printed")(scope, receive, send)
