"""The desk: the review station grown into the place staff work (``mediascrub desk``).

Pages, behind the station's guard (sign-in, Host check, CSRF, strict headers):

- **Add photos** (``/add``): files dropped or picked in the page are uploaded one by one
  (``POST /api/uploads``, the file's bytes as the body) into the :class:`~.uploads.UploadRunner`,
  cleaned in worker processes; each result shows what was removed in plain words, with "Download",
  a zip of every safe copy, and "Put in the posting folder" (``--out``; never over another file).
  Held files go to the held folder, where "To check" lists them.
- **To check** (``/``): the review station.
- **Consent register** (``/register``): everyone enrolled with their consent in words, who was left
  visible in which cleaned file, enrolment (``/register/new``), more photos, withdrawal, forgetting;
  the register's log of changes. Same functions and rules as ``mediascrub gallery``.
- **History** (``/history``): today's files, from the desk's journal and the station's audit log.

The desk's own state lives in the output folder's private state folder (``run/statedir.py``):
its journal and ``desk/`` (the running marker and link requests, see :mod:`.links`).
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..consent.store import Actor, Basis
from ..enrolment import EnrolmentPhoto
from ..errors import MediascrubError, UsageError
from ..findings import Report
from ..policy import Policy
from ..report import safe_name
from .desk_words import describe_change, for_page, removed_in_words, via_words
from .history import appearances, forget_in_journal, history, journal_path, local_time, record_cleaned, record_event
from .posting import copy_to_folder, zip_safe_copies
from .queue import file_id
from .register import MAX_ENROL_PHOTOS, Register
from .sessions import LINK_MINUTES, Sessions
from .uploads import JobState, UploadJob, UploadRunner
from .users import PasswordFile, SignInLimiter
from .words import plain_file_reason

JOB_ID = re.compile(r"^[0-9a-f]{16}$")
#: What the desk serves without a session: the signed-out page and its style (with passwords, the sign-in page too).
PUBLIC = frozenset({"/signed-out", "/static/style.css", "/static/desk.css", "/static/common.js", "/favicon.ico"})
PUBLIC_WITH_PASSWORDS = PUBLIC | {"/signin"}
MAX_ENROL_BODY = MAX_ENROL_PHOTOS * 40 * 1024 * 1024 * 4 // 3 + 64 * 1024  # base64 photos of up to 40 MB each
PREVIEW_SIDE = 1200
PURPOSES = [("social-media", "Social media"), ("website", "Our website"), ("newsletter", "Newsletters"),
            ("print", "Printed leaflets and posters")]


@dataclass
class DeskConfig:
    out: Path
    held: Path
    policy: Policy
    state: Path  # the output folder's private state folder
    gallery: Any  # where the consent register is (a Path or a postgresql:// URL)
    workers: int = 1
    users_file: Path | None = None  # sign-in by name and password (an agency server); None: sign-in links
    keep_enrolment_photos: Path | None = None
    reports: list[Path] = field(default_factory=list)
    temp_parent: Path | None = None


class Desk:
    """The state behind the desk's pages (the station's state is beside it)."""

    def __init__(self, config: DeskConfig, sessions: Sessions, *, factory: Any = None, behind_proxy: bool = False) -> None:
        from ..run.batch import default_factory

        self.config = config
        self.behind_proxy = behind_proxy
        self.journal = journal_path(config.state)
        self.register = Register(config.gallery, config.policy, config.keep_enrolment_photos)
        self.users = PasswordFile(config.users_file) if config.users_file is not None else None
        self.limiter = SignInLimiter()
        self.sessions = sessions  # the station's: one sign-in for every page
        self.runner = UploadRunner(config.held, config.policy, workers=config.workers, factory=factory or default_factory,
                                   on_done=self._cleaned, temp_parent=config.temp_parent)

    @property
    def passwords(self) -> bool:
        return self.users is not None

    def _cleaned(self, job: UploadJob) -> None:
        if job.report is not None:
            record_cleaned(self.journal, job.id, job.name, job.by, job.report, job.held_as)

    def close(self) -> None:
        self.runner.close()

    # -- what the pages show

    def job_for_page(self, job: UploadJob) -> dict[str, Any]:
        report = job.report
        d: dict[str, Any] = {
            "id": job.id, "name": job.name, "state": job.state.value, "frames_done": job.frames_done, "frames_total": job.frames_total,
            "output": job.output_name, "posted_as": job.posted_as,
        }
        if job.state is JobState.READY and report is not None:
            d["words"] = removed_in_words(report.findings)
            if (renamed := _renamed_words(report)) is not None:
                d["renamed"] = renamed
        elif job.state is JobState.HELD:
            d["held_id"] = file_id(job.held_as) if job.held_as else None
            d["why"] = plain_file_reason((report.reason if report else None) or "") + " It waits under To check."
        elif job.state is JobState.FAILED:
            d["why"] = plain_file_reason((report.reason if report else None) or "")
        return d

    def uploads_for_page(self) -> dict[str, Any]:
        # a file still arriving is not listed: the page sending it learns its id when it has arrived
        jobs = [j for j in self.runner.jobs() if j.state is not JobState.RECEIVING]
        return {"jobs": [self.job_for_page(j) for j in jobs], "done": sum(1 for j in jobs if j.done), "total": len(jobs),
                "ready": sum(1 for j in jobs if j.state is JobState.READY),
                "unposted": sum(1 for j in jobs if j.state is JobState.READY and not j.posted_as)}

    def register_for_page(self) -> dict[str, Any]:
        people = self.register.people()
        seen = appearances(self.journal, self.config.reports)
        for p in people:
            p["seen"] = [a.to_page() for a in seen.get(p["name"].casefold(), [])[:20]]
        changes = [{"at": _when(c.at), "what": describe_change(c), "by": c.actor, "via": via_words(c.via)}
                   for c in self.register.changes(30)]
        return {"people": people, "changes": changes}

    def history_for_page(self, day: _dt.date) -> list[dict[str, Any]]:
        from .audit import audit_path

        return [r.to_page() for r in history(self.journal, audit_path(self.config.out), day)]

    # -- actions

    def post(self, job: UploadJob, by: str) -> str:
        """Copy a ready job's safe copy into the posting folder; the name it got there."""
        if job.posted_as:
            return job.posted_as
        path = self.runner.safe_path(job)
        if path is None:
            raise UsageError("there is no safe copy of this file to put in the posting folder")
        final = copy_to_folder(path, self.config.out, path.name)
        job.posted_as = final.name
        record_event(self.journal, "posted", job.id, job.name, by, posted_as=final.name)
        return final.name

    def zip_of(self, jobs: list[UploadJob], by: str) -> Path:
        """A zip of the ready jobs' safe copies, in the private folder (the caller deletes it once sent)."""
        import tempfile

        files = [(p.name, p) for j in jobs if (p := self.runner.safe_path(j)) is not None]
        if not files:
            raise UsageError("no safe copies to download yet")
        fd, name = tempfile.mkstemp(prefix="safe-copies-", suffix=".zip", dir=self.runner.root)
        try:
            with open(fd, "wb") as fh:
                zip_safe_copies(files, fh)
        except BaseException:  # a copy removed meanwhile, a full disk: no half zip left behind
            os.unlink(name)
            raise
        for j in jobs:
            if j.state is JobState.READY:
                record_event(self.journal, "downloaded", j.id, j.name, by, how="zip")
        return Path(name)

    def enrol(self, body: dict[str, Any], by: str) -> dict[str, Any]:
        photos = _photos_from(body)
        expires = _date(body.get("expires"), "the end date")
        given = _date(body.get("given"), "the date consent was given")
        purposes = body.get("purposes")
        if not isinstance(purposes, list) or not all(isinstance(p, str) for p in purposes):
            raise UsageError("choose at least one purpose")
        basis = Basis.BEST_INTERESTS if body.get("basis") == "best-interests" else Basis.CONSENT
        done = self.register.enrol(
            _text(body.get("name"), "the person's name"), photos, evidence=_text(body.get("evidence"), "the consent form's reference"),
            purposes=[p for p in purposes if p.strip()], expires=expires, given=given, basis=basis,
            assessment=_opt_text(body.get("assessment")), reference_id=_opt_text(body.get("reference")), actor=Actor(by, "desk"),
        )
        return {"name": done.person.name, "photos": done.new_encodings, "warnings": [for_page(w) for w in done.warnings]}

    def add_photos(self, body: dict[str, Any], by: str) -> dict[str, Any]:
        done = self.register.add_photos(_text(body.get("name"), "the person's name"), _photos_from(body), actor=Actor(by, "desk"))
        return {"name": done.person.name, "photos": done.person.encoding_count, "warnings": [for_page(w) for w in done.warnings]}

    def withdraw(self, body: dict[str, Any], by: str) -> dict[str, Any]:
        n = self.register.withdraw(_text(body.get("name"), "the person's name"), actor=Actor(by, "desk"))
        return {"withdrawn": n}

    def forget(self, body: dict[str, Any], by: str) -> dict[str, Any]:
        name = _text(body.get("name"), "the person's name")
        if " ".join(str(body.get("confirm", "")).split()).casefold() != " ".join(name.split()).casefold():
            raise UsageError("type the person's name to confirm")
        notes = self.register.forget(name, actor=Actor(by, "desk"))
        forget_in_journal(self.journal, name)
        return {"forgotten": True, "notes": [for_page(n) for n in notes]}


def _when(stamp: str) -> str:
    t = local_time(stamp)
    return stamp if t is None else t.strftime("%d %b %Y %H:%M")


def _renamed_words(report: Report) -> str | None:
    """What the page says when the safe copy got a neutral name (``output.names``), or None."""
    if not report.output or not any(n.startswith("published as ") for n in report.notes):
        return None
    name = Path(report.output).name
    if any("--names neutral" in n for n in report.notes):
        return f"Your settings give every safe copy a plain name: this one is called {name}."
    return f"Its name could give someone away, so the safe copy is called {name}."


def _text(v: Any, what: str) -> str:
    if not isinstance(v, str) or not v.strip():
        raise UsageError(f"{what} is missing")
    return v.strip()


def _opt_text(v: Any) -> str | None:
    return v.strip() if isinstance(v, str) and v.strip() else None


def _date(v: Any, what: str) -> _dt.date | None:
    if v in (None, ""):
        return None
    try:
        return _dt.date.fromisoformat(str(v))
    except ValueError:
        raise UsageError(f"{what} is not a date") from None


def _photos_from(body: dict[str, Any]) -> list[EnrolmentPhoto]:
    raw = body.get("photos")
    if not isinstance(raw, list) or not raw:
        raise UsageError("add at least one photo of the person's face")
    if len(raw) > MAX_ENROL_PHOTOS:
        raise UsageError(f"at most {MAX_ENROL_PHOTOS} photos at a time")
    photos = []
    for p in raw:
        if not isinstance(p, dict) or not isinstance(p.get("data"), str):
            raise UsageError("a photo did not arrive")
        try:
            data = base64.b64decode(p["data"], validate=True)
        except (binascii.Error, ValueError):
            raise UsageError("a photo did not arrive whole") from None
        from .uploads import clean_upload_name

        photos.append(EnrolmentPhoto(clean_upload_name(str(p.get("name") or "photo")), data))
    return photos


# --- the routes ------------------------------------------------------------------------------------


def desk_nav(station: Any) -> Any:
    """The top bar of every desk page: its four pages, with how many files wait under To check."""

    def nav(current: str) -> list[dict[str, Any]]:
        return [
            {"href": "/add", "label": "Add photos", "current": current == "desk_add.html"},
            {"href": "/", "label": "To check", "count": len(station.folder.scan()), "current": current in ("queue.html", "file.html")},
            {"href": "/register", "label": "Consent register", "current": current in ("desk_register.html", "desk_enrol.html")},
            {"href": "/history", "label": "History", "current": current == "desk_history.html"},
        ]

    return nav


def desk_routes(desk: Desk, pages: Any, *, max_upload: int, signin: Any) -> list[Any]:
    """The desk's routes, rendered with the station's ``pages``; every one sits behind the station's
    guard, so a handler sees only signed-in, same-host requests (``scope["mediascrub.session"]``),
    except the sign-in page of a desk with a password file. ``signin`` makes the session cookie."""
    from starlette.background import BackgroundTask
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
    from starlette.routing import Route

    from .forms import read_body, read_json
    from .pages import NO_STORE as no_store
    from .pages import error

    page = pages.page

    def session_of(request: Request) -> Any:
        return request.scope["mediascrub.session"]

    def job_of(request: Request) -> UploadJob | None:
        jid = str(request.path_params.get("jid", ""))
        return desk.runner.find(jid) if JOB_ID.fullmatch(jid) else None

    async def add_page(request: Request) -> Response:
        return page("desk_add.html", request, uploads=desk.uploads_for_page(), out=str(desk.config.out), link_minutes=LINK_MINUTES)

    async def register_page(request: Request) -> Response:
        ctx = await run_in_threadpool(_safely, desk.register_for_page)
        return page("desk_register.html", request, **ctx)

    async def enrol_page(request: Request) -> Response:
        return page("desk_enrol.html", request, purposes=PURPOSES, today=_dt.date.today().isoformat(),
                    person=str(request.query_params.get("person", ""))[:200])

    async def history_page(request: Request) -> Response:
        try:
            day = _dt.date.fromisoformat(str(request.query_params.get("day", ""))) if request.query_params.get("day") else _dt.date.today()
        except ValueError:
            day = _dt.date.today()
        rows = await run_in_threadpool(desk.history_for_page, day)
        return page("desk_history.html", request, rows=rows, day=day.isoformat(), day_words=f"{day:%A} {day.day} {day:%B %Y}",
                    before=(day - _dt.timedelta(days=1)).isoformat(),
                    after=(day + _dt.timedelta(days=1)).isoformat() if day < _dt.date.today() else None,
                    is_today=day == _dt.date.today())

    async def upload(request: Request) -> Response:
        from urllib.parse import unquote

        session = session_of(request)
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > max_upload):
            return error(413, f"this file is larger than {max_upload // (1024 * 1024)} MB")
        name = unquote(request.headers.get("x-file-name", "upload"))[:1000]
        cannot_keep = "the desk could not keep this file (its folder may be full): nothing was kept"
        try:
            job, fh = desk.runner.begin(name, session.user)
        except UsageError as exc:
            return error(503, str(exc))
        except OSError:
            return error(507, cannot_keep)
        size = 0
        try:
            with fh:
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > max_upload:
                        raise ValueError("too large")
                    fh.write(chunk)
        except ValueError:
            desk.runner.abandon(job)
            return error(413, f"this file is larger than {max_upload // (1024 * 1024)} MB")
        except OSError:  # a full disk: a plain answer, not a server error, and no part of the file left behind
            desk.runner.abandon(job)
            return error(507, cannot_keep)
        except BaseException:
            desk.runner.abandon(job)
            raise
        if size == 0:
            desk.runner.abandon(job)
            return error(400, "the file is empty")
        job.size = size
        desk.runner.submit(job)
        return JSONResponse({"id": job.id, "name": job.name}, headers=no_store)

    async def uploads(request: Request) -> Response:
        return JSONResponse(desk.uploads_for_page(), headers=no_store)

    async def post_one(request: Request) -> Response:
        job = job_of(request)
        if job is None:
            return error(404, "this file is no longer in the list")
        try:
            name = await run_in_threadpool(desk.post, job, session_of(request).user)
        except (UsageError, OSError) as exc:
            return error(409, for_page(str(exc)) if isinstance(exc, UsageError) else f"could not copy it ({exc.strerror})")
        return JSONResponse({"posted_as": name}, headers=no_store)

    async def post_all(request: Request) -> Response:
        posted, problems = [], []
        for job in desk.runner.jobs():
            if job.state is JobState.READY and not job.posted_as:
                try:
                    posted.append(await run_in_threadpool(desk.post, job, session_of(request).user))
                except (UsageError, OSError) as exc:
                    problems.append(f"{job.name}: {exc}")
        return JSONResponse({"posted": posted, "problems": problems}, headers=no_store)

    async def remove(request: Request) -> Response:
        job = job_of(request)
        if job is None or not desk.runner.remove(job.id):
            return error(409, "this file cannot be removed from the list now (still being cleaned?)")
        return JSONResponse({"removed": True}, headers=no_store)

    async def preview(request: Request) -> Response:
        job = job_of(request)
        path = desk.runner.safe_path(job) if job is not None else None
        if path is None:
            return error(404, "no safe copy")
        try:
            data = await run_in_threadpool(_preview, path, desk.config.policy)
        except (MediascrubError, OSError) as exc:
            return error(422, f"cannot be shown: {exc}")
        return Response(data, media_type="image/jpeg", headers=no_store)

    async def download(request: Request) -> Response:
        job = job_of(request)
        path = desk.runner.safe_path(job) if job is not None else None
        if job is None or path is None:
            return error(404, "no safe copy")
        data = await run_in_threadpool(path.read_bytes)
        record_event(desk.journal, "downloaded", job.id, job.name, session_of(request).user, how="file")
        return Response(data, media_type=_media_type(path), headers={**no_store, "content-disposition": _attachment(path.name)})

    async def download_zip(request: Request) -> Response:
        jobs = [j for j in desk.runner.jobs() if j.state is JobState.READY]
        try:
            path = await run_in_threadpool(desk.zip_of, jobs, session_of(request).user)
        except UsageError as exc:
            return error(404, for_page(str(exc)))
        except OSError as exc:
            return error(507, for_page(f"the download could not be made ({exc.strerror or 'disk error'}); try again"))
        stamp = _dt.datetime.now().strftime("%Y-%m-%d-%H%M")
        headers = {**no_store, "content-disposition": _attachment(f"safe-copies-{stamp}.zip")}
        return FileResponse(path, media_type="application/zip", headers=headers,
                            background=BackgroundTask(path.unlink, missing_ok=True))

    def action(fn: Any, limit: int = 64 * 1024) -> Any:
        async def handler(request: Request) -> Response:
            try:
                doc = await read_json(request, limit)
            except ValueError as exc:
                if "too large" in str(exc):
                    return error(413, "too much at once: send fewer or smaller photos")
                return error(400, "expected a JSON object")
            try:
                result = await run_in_threadpool(fn, doc, session_of(request).user)
            except MediascrubError as exc:
                return error(422 if isinstance(exc, UsageError) else 409, for_page(safe_name(exc)))
            return JSONResponse(result, headers=no_store)
        return handler

    async def new_link(request: Request) -> Response:
        if desk.passwords:
            return error(409, "this desk signs people in with their name and password; add people with mediascrub desk --add-user")
        try:
            who = (await read_json(request, 4096)).get("for")
        except ValueError:
            who = None
        user = who.strip()[:64] if isinstance(who, str) and who.strip() else None
        token = desk.sessions.new_link(user)
        return JSONResponse({"url": str(request.base_url).rstrip("/") + "/add?token=" + token, "minutes": LINK_MINUTES,
                             "for": user}, headers=no_store)

    async def signin_page(request: Request) -> Response:
        if not desk.passwords:
            return RedirectResponse("/", status_code=303, headers=no_store)
        return page("desk_signin.html", request, next=_local_path(str(request.query_params.get("next", "/add"))), user="", message="")

    async def signin_form(request: Request) -> Response:
        from urllib.parse import parse_qs

        if not desk.passwords or desk.users is None:
            return error(404, "this desk signs in with links")
        try:
            body = await read_body(request, 8192)
        except ValueError:
            return error(413, "too large")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        user, password, nxt = form.get("user", "")[:64], form.get("password", "")[:1024], _local_path(form.get("next", "/add"))
        address = _client_address(request, trust_proxy=desk.behind_proxy)

        def again(status: int, message: str) -> Response:
            response = page("desk_signin.html", request, next=nxt, user=user, message=message)
            response.status_code = status
            return response

        wait = desk.limiter.wait_needed(user, address)
        if wait > 0:
            minutes = f"{int(wait // 60) + 1} minutes" if wait >= 60 else f"{int(wait) + 1} seconds"
            response = again(429, f"Too many wrong passwords. Wait {minutes}, then try again.")
            response.headers["retry-after"] = str(int(wait) + 1)
            return response
        who = await run_in_threadpool(desk.users.verify, user, password)
        if who is None:
            desk.limiter.failed(user, address)
            return again(401, "That name and password do not match.")
        desk.limiter.succeeded(user)
        sid, _ = desk.sessions.start(who)
        response = RedirectResponse(nxt, status_code=303, headers=no_store)
        response.raw_headers.append((b"set-cookie", signin.cookie(sid).encode("latin-1")))
        return response

    async def signout(request: Request) -> Response:
        sid = request.cookies.get(signin.cookie_name)
        desk.sessions.end(sid)
        response = JSONResponse({"next": "/signin" if desk.passwords else "/signed-out"}, headers=no_store)
        response.raw_headers.append((b"set-cookie", (signin.cookie("") + "; Max-Age=0").encode("latin-1")))
        return response

    async def signed_out(request: Request) -> Response:
        return page("desk_signed_out.html", request, passwords=desk.passwords)

    async def home(request: Request) -> Response:
        return RedirectResponse("/add", status_code=303, headers=no_store)

    return [
        Route("/signin", signin_page, methods=["GET"]),
        Route("/signin", signin_form, methods=["POST"]),
        Route("/add", add_page),
        Route("/desk", home),
        Route("/register", register_page),
        Route("/register/new", enrol_page),
        Route("/history", history_page),
        Route("/api/uploads", upload, methods=["POST"]),
        Route("/api/uploads", uploads, methods=["GET"]),
        Route("/api/uploads/post-all", post_all, methods=["POST"]),
        Route("/api/uploads/{jid}/post", post_one, methods=["POST"]),
        Route("/api/uploads/{jid}/remove", remove, methods=["POST"]),
        Route("/desk/preview/{jid}", preview),
        Route("/desk/download/{jid}", download),
        Route("/desk/safe-copies.zip", download_zip),
        Route("/api/register/enrol", action(desk.enrol, MAX_ENROL_BODY), methods=["POST"]),
        Route("/api/register/photos", action(desk.add_photos, MAX_ENROL_BODY), methods=["POST"]),
        Route("/api/register/withdraw", action(desk.withdraw), methods=["POST"]),
        Route("/api/register/forget", action(desk.forget), methods=["POST"]),
        Route("/api/links", new_link, methods=["POST"]),
        Route("/api/signout", signout, methods=["POST"]),
        Route("/signed-out", signed_out),
    ]


def _local_path(value: str) -> str:
    """Where to go after signing in: a path on this desk only (never another site)."""
    if not value.startswith("/") or value.startswith("//") or "\\" in value or any(ord(c) < 32 for c in value):
        return "/add"
    return value


def _client_address(request: Any, *, trust_proxy: bool) -> str:
    """Who is trying to sign in: behind our own reverse proxy, the address it says it forwarded for."""
    if trust_proxy:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
    return request.client.host if request.client else "?"


def _safely(fn: Any) -> dict[str, Any]:
    """A page's content, or what went wrong in words (a register that cannot be opened must not crash the page)."""
    try:
        result = fn()
        return {**result, "problem": None}
    except MediascrubError as exc:
        return {"people": [], "changes": [], "problem": for_page(safe_name(exc))}


def _preview(path: Path, policy: Policy) -> bytes:
    from .render import clip_frame_jpeg, is_clip, render_jpeg

    data = path.read_bytes()
    return clip_frame_jpeg(data, PREVIEW_SIDE) if is_clip(data) else render_jpeg(data, path.name, policy, PREVIEW_SIDE)


def _media_type(path: Path) -> str:
    import mimetypes

    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"


def _attachment(name: str) -> str:
    from urllib.parse import quote

    ascii_name = re.sub(r'[^A-Za-z0-9._ -]', "_", name) or "download"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


__all__ = ["Desk", "DeskConfig", "desk_routes", "PURPOSES"]


# --- starting the desk -------------------------------------------------------------------------------


@dataclass
class DeskServer:
    """A desk ready to serve: its station (To check), its pages, the listening socket."""

    station: Any
    desk: Desk
    sock: Any
    tls_cert: Path | None = None
    tls_key: Path | None = None
    links: Any = None

    def address(self) -> str:
        """What to open first: a one-time sign-in link, or (with passwords) the sign-in page."""
        if self.desk.passwords:
            return self.station.base_url() + "/signin"
        return self.station.url("/add")

    def new_link(self, user: str | None = None) -> str:
        return self.station.url("/add", self.desk.sessions.new_link(user))

    def run(self) -> None:
        """Serve until Ctrl-C / SIGTERM; then stop the workers and delete the private folder."""
        import uvicorn

        from .links import LinkDesk
        from .server import create_app

        if not self.desk.passwords:
            self.links = LinkDesk(self.desk.config.state, self.station.base_url(), self.new_link)
        config = uvicorn.Config(
            create_app(self.station), log_level="warning", access_log=False, lifespan="off", server_header=False, date_header=False,
            ssl_certfile=str(self.tls_cert) if self.tls_cert else None, ssl_keyfile=str(self.tls_key) if self.tls_key else None,
            timeout_keep_alive=30,
        )
        try:
            uvicorn.Server(config).run(sockets=[self.sock])
        finally:
            self.close()

    def close(self) -> None:
        if self.links is not None:
            self.links.close()
            self.links = None
        self.desk.close()
        self.station.close()


def open_desk(
    *, out: Path, held: Path, state: Path, policy: Policy, gallery: Any, user: str, host: str = "127.0.0.1", port: int = 0,
    workers: int = 1, users_file: Path | None = None, tls_cert: Path | None = None, tls_key: Path | None = None,
    public_url: str | None = None, keep_enrolment_photos: Path | None = None, reports: list[Path] | None = None,
    factory: Any = None, temp_parent: Path | None = None,
) -> DeskServer:
    """Bind the socket and build the station and the desk (nothing is served until :meth:`DeskServer.run`).
    The caller checked the exposure rules (``users.check_exposure``)."""
    from urllib.parse import urlsplit

    from .server import bind_socket
    from .station import Station
    from .types import StationConfig

    public_host = urlsplit(public_url).netloc.lower() if public_url else None
    if public_url and (not public_host or urlsplit(public_url).scheme != "https"):
        raise UsageError("--public-url must be the https:// address people use, e.g. https://desk.example.org")
    try:
        sock = bind_socket(host, port)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror})") from None
    config = StationConfig(held=held, out=out, policy=policy, reviewer=user, host=host, port=sock.getsockname()[1],
                           https=bool(tls_cert) or bool(public_url), public_host=public_host)
    station = Station(config)
    desk = Desk(DeskConfig(out=Path(out).absolute(), held=held, policy=policy, state=state, gallery=gallery, workers=workers,
                           users_file=users_file, keep_enrolment_photos=keep_enrolment_photos, reports=list(reports or []),
                           temp_parent=temp_parent),
                station.sessions, factory=factory, behind_proxy=bool(public_url))
    station.desk = desk
    station.signin.passwords = desk.passwords
    station.signin.public = PUBLIC_WITH_PASSWORDS if desk.passwords else PUBLIC
    station.signin.again = "ask for a new sign-in link (the desk's button, or mediascrub desk --link)"
    return DeskServer(station, desk, sock, tls_cert, tls_key)
