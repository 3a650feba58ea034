"""The one shape of a refusal: a short plain-text line a person can act on, never cached."""

from __future__ import annotations

from starlette.responses import PlainTextResponse


def refuse(status: int, text: str, headers: dict[str, str] | None = None) -> PlainTextResponse:
    """A plain-text response (``text`` and a newline) with ``cache-control: no-store``; the security
    headers are added by :class:`.headers.SecurityHeadersMiddleware` around it."""
    return PlainTextResponse(text + "\n", status_code=status, headers={"cache-control": "no-store", **(headers or {})})
