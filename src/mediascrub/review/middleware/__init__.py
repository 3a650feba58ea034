"""The guard: security as composable ASGI middleware, in front of every route.

:func:`guard` wraps an app (outermost first):

1. :class:`.headers.SecurityHeadersMiddleware`: a strict Content-Security-Policy and friends on
   every response, refusals and errors included;
2. :class:`.trustedhost.TrustedHostMiddleware`: the ``Host`` header must name this server,
   port included (DNS rebinding);
3. :class:`.session.SignInMiddleware`: the one-time token becomes an HttpOnly session cookie,
   and every request needs that cookie;
4. :class:`.csrf.CSRFMiddleware`: anything but GET/HEAD needs the page's CSRF token, a
   same-site ``Origin`` and a JSON body.

Each refuses before anything behind it runs. The stack wraps the whole Starlette app (not
``Starlette(middleware=...)``, which puts Starlette's error handler outside it), so even a
500 carries the security headers. A new page or API (the desk) gets all of it by being a
route of an app passed through :func:`guard` (or of :func:`..server.create_app`).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..types import ASGIApp, SignIn
from .csrf import CSRFMiddleware
from .headers import CSP, SECURITY_HEADERS, SecurityHeadersMiddleware
from .refusal import refuse
from .session import SignInMiddleware, same_secret
from .trustedhost import TrustedHostMiddleware, allowed_hosts

__all__ = ["guard", "CSRFMiddleware", "SecurityHeadersMiddleware", "SignInMiddleware", "TrustedHostMiddleware",
           "CSP", "SECURITY_HEADERS", "allowed_hosts", "refuse", "same_secret"]


def guard(app: ASGIApp, signin: SignIn, hosts: Iterable[str]) -> ASGIApp:
    """``app`` behind the whole guard: security headers, Host check, sign-in, CSRF."""
    return SecurityHeadersMiddleware(TrustedHostMiddleware(SignInMiddleware(CSRFMiddleware(app, signin), signin), hosts))
