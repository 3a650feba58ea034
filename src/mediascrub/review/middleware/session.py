"""Sign-in: the one-time token in the printed address becomes an HttpOnly session cookie.

Every HTTP request needs the session. A GET carrying the right ``?token=`` (once per process:
a token seen in a shell history or on a screen is useless afterwards) is answered with a
303 that sets the cookie (HttpOnly, SameSite=Strict, a browser session) and sends the browser
back to the same path without the token. No credentials: 401; a wrong token, a used token or
a wrong cookie: 403. Cookies are read with Starlette's parser (``HTTPConnection.cookies``).
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs, quote

from starlette.requests import HTTPConnection

from ..types import ASGIApp, Receive, Scope, Send, SignIn
from .refusal import refuse


def same_secret(given: str, secret: str) -> bool:
    """Constant-time comparison of a secret a request brought with the real one."""
    return hmac.compare_digest(given.encode(), secret.encode())


class SignInMiddleware:
    """Lets through only requests holding the session cookie of ``signin``; turns the one-time
    token into that cookie. WebSocket connections are closed: no route uses one, and the
    guard is written for HTTP."""

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
        if cookie is None or not same_secret(cookie, si.session):
            token = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token")
            if token and scope["method"] == "GET":
                if not same_secret(token[0], si.token):
                    await refuse(403, "wrong token")(scope, receive, send)
                    return
                if si.token_used:
                    await refuse(403, "this sign-in address has been used already (it works once): "
                                 "restart mediascrub review for a new one")(scope, receive, send)
                    return
                si.token_used = True  # one event loop: no other request runs between the check and this
                set_cookie = f"{si.cookie_name}={si.session}; HttpOnly; SameSite=Strict; Path=/"
                path = quote(scope.get("path", "/")) or "/"
                await refuse(303, "signed in", {"location": path, "set-cookie": set_cookie})(scope, receive, send)
                return
            if cookie is not None or token:
                await refuse(403, "not signed in to this review station: open the address mediascrub printed")(scope, receive, send)
                return
            await refuse(401, "not signed in: open the address (with its token) that mediascrub printed")(scope, receive, send)
            return
        await self.app(scope, receive, send)
