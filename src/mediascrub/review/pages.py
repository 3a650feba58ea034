"""What the browser is sent: pages from templates, the static files, JSON errors, and what a
page may know of a finding (never the words read, landmarks or encodings)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..findings import Action, Finding, Kind
from .words import plain_finding

HERE = Path(__file__).parent
NO_STORE = {"cache-control": "no-store"}
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


def error(status: int, message: str, why: str | None = None) -> JSONResponse:
    """A JSON error: ``error`` says what happened (logs, tests, the page when it is plain already);
    ``why``, when given, is what the page shows instead (plain words, :mod:`.words`)."""
    return JSONResponse({"error": message, **({"why": why} if why else {})}, status_code=status, headers=NO_STORE)


class Pages:
    """Templates (autoescaped) rendered with ``context`` (every page gets it: the CSRF token, the
    reviewer's name; for a signed-in request, its own session's), and the static files, read once and
    served by name only. ``nav(template)``: the pages the top bar lists (none before sign-in)."""

    def __init__(self, context: dict[str, Any], *, templates: Path = HERE / "templates", static: Path = HERE / "static",
                 assets: Iterable[str] | None = None, nav: Callable[[str], list[dict[str, Any]]] | None = None,
                 headers: dict[str, dict[str, str]] | None = None) -> None:
        self.context = context
        self.env = Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True))
        names = assets if assets is not None else sorted(p.name for p in static.iterdir() if p.suffix in STATIC_TYPES)
        self.static = {name: (static / name).read_bytes() for name in names}
        self.nav = nav
        self.headers = headers or {}  # extra response headers per template (the desk's upload page allows blob: pictures)

    def page(self, name: str, request: Request | None = None, **ctx: Any) -> HTMLResponse:
        """Render a page. ``nav`` (a list of {href, label, count, current}) fills the navigation slot of
        base.html; a page that gives none gets the ``nav`` function's (the desk's pages) or the context's
        (the station: its one list). A signed-in ``request`` brings its own session's CSRF token and name."""
        context = dict(self.context)
        session = request.scope.get("mediascrub.session") if request is not None else None
        if session is not None:
            context.update(csrf=session.csrf, reviewer=session.user)
            if self.nav is not None:
                context["nav"] = self.nav(name)
        html = self.env.get_template(name).render(**{**context, **ctx})
        return HTMLResponse(html, headers={**NO_STORE, **self.headers.get(name, {})})

    def static_file(self, request: Request) -> Response:
        name = str(request.path_params["name"])
        if name not in self.static:
            return error(404, "not found")
        return Response(self.static[name], media_type=STATIC_TYPES[Path(name).suffix], headers={"cache-control": "no-cache"})


def describe_for_page(index: int, f: Finding, frames: int = 1) -> dict[str, Any]:
    """What the page may know of a finding: never the words read, landmarks or encodings."""
    d: dict[str, Any] = {
        "index": index,
        "kind": f.kind.value,
        "label": f.label,
        "action": f.action.value,
        "reason": f.reason,
        "box": f.box.to_list() if f.box else None,
        "score": round(f.score, 3) if f.score is not None else None,
        "frame": f.frame,
    }
    detail = f.detail or {}
    if f.kind is Kind.FACE and f.action is Action.VISIBLE:
        d["person"] = str(detail.get("person") or "unnamed")
        consent = detail.get("consent")
        if isinstance(consent, dict):
            d["consent"] = ", ".join(f"{k}: {v}" for k, v in consent.items() if isinstance(v, str | int | float))
    if "track" in detail:
        d["track"] = str(detail["track"])
    d["plain"] = plain_finding(f).to_dict()  # what the page says; the fields above stay for the JSON and the audit
    if frames > 1:  # a clip: the frames it is hidden (or left) in
        if "first_frame" in detail:
            d["first_frame"], d["last_frame"] = int(detail["first_frame"]), int(detail["last_frame"])
        else:  # text read on a sampled frame is carried to the frames around it
            from ..video_pipeline import TEXT_EVERY

            d["first_frame"], d["last_frame"] = max(0, f.frame - TEXT_EVERY), min(frames - 1, f.frame + TEXT_EVERY)
    return d
