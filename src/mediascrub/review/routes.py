"""The review station's pages and API: one method per route, on :class:`ReviewRoutes`.

Files are addressed by id (:mod:`.queue`), never by a path from the request. Every route sits
behind the guard (:mod:`.middleware`), so a handler only ever sees a signed-in, same-host
request (with the CSRF token when it changes anything). To add pages, pass more routes to
:func:`.server.create_app`, or subclass :class:`ReviewRoutes` and extend :meth:`routes`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..decisions import DecisionError
from ..errors import MediascrubError
from ..findings import Action
from .audit import append_audit, audit_decision
from .forms import MAX_NOTE, parse_review, read_json
from .pages import NO_STORE, Pages, describe_for_page, error
from .queue import FileLock, HeldFile, valid_id
from .render import THUMB_SIDE, render_jpeg
from .station import Station
from .types import Detected

IMAGE_CACHE = {"cache-control": "private, max-age=3600"}


def final_output_path(dest: Path, data: bytes) -> Path:
    """Where the pipeline will write ``dest`` (the extension changes with the format: HEIC -> .jpg)."""
    from ..media.image import sniff_format
    from ..pipeline import output_name

    fmt = sniff_format(data[:64])
    return dest if fmt is None else dest.with_name(output_name(dest, fmt))


def reviewer_of(request: Request, station: Station) -> str:
    """Who is deciding: the name the request's session signed in with (the station's reviewer before)."""
    session = request.scope.get("mediascrub.session")
    return session.user if session is not None else station.config.reviewer


class ReviewRoutes:
    """The listing, one file's page, its pictures and detections, publish and reject."""

    def __init__(self, station: Station, pages: Pages) -> None:
        self.station = station
        self.pages = pages

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.index),
            Route("/static/{name}", self.pages.static_file),
            Route("/favicon.ico", lambda request: Response(status_code=204, headers={"cache-control": "max-age=86400"})),
            Route("/file/{fid}", self.file_page),
            Route("/thumb/{fid}", self.image("thumb")),
            Route("/view/{fid}", self.image("view")),
            Route("/output-thumb/{fid}", self.output_thumb),
            Route("/crop/{fid}/{n}", self.crop),
            Route("/api/queue", self.api_queue),
            Route("/api/file/{fid}", self.api_file),
            Route("/api/file/{fid}/publish", self.publish, methods=["POST"]),
            Route("/api/file/{fid}/reject", self.reject, methods=["POST"]),
        ]

    # -- finding the file a request names -----------------------------------------------------------

    def find(self, request: Request) -> HeldFile | None:
        fid = str(request.path_params.get("fid", ""))
        return self.station.folder.find(fid) if valid_id(fid) else None

    def usable(self, request: Request) -> HeldFile | Response:
        """The held file the request names, or the error to answer: not in the queue, or refused."""
        held = self.find(request)
        if held is None:
            return error(404, "no such file in the queue")
        if held.refused:
            return error(403, f"refused: {held.refused}")
        return held

    def detections_of(self, request: Request) -> tuple[HeldFile, Any] | Response:
        """The held file and its detection job (running or done), or the error to answer."""
        held = self.usable(request)
        if isinstance(held, Response):
            return held
        try:
            return held, self.station.detections(held)
        except MediascrubError as exc:
            return error(422, str(exc))

    # -- pages --------------------------------------------------------------------------------------

    def index(self, request: Request) -> Response:
        st = self.station
        items = []
        held_paths = set()
        for h in st.folder.scan():
            held_paths.add(os.path.realpath(st.folder.path_of(h)))
            items.append({"id": h.id, "name": h.rel, "refused": h.refused, "reason": "" if h.refused else st.folder.reason(h),
                          "version": h.signature})
        run = []
        for e in st.run:
            if e.quarantine is not None and e.quarantine in held_paths:
                continue  # shown with the held files
            run.append(e)
        return self.pages.page("queue.html", request, items=items, run=run, held=str(st.folder.root), out=str(st.out))

    def file_page(self, request: Request) -> Response:
        held = self.find(request)
        if held is None:
            return HTMLResponse("<p>This file is no longer in the queue.</p>", status_code=404, headers=NO_STORE)
        if held.refused:
            return error(403, f"refused: {held.refused}")
        return self.pages.page("file.html", request, item={"id": held.id, "name": held.rel, "reason": self.station.folder.reason(held)})

    # -- pictures -----------------------------------------------------------------------------------

    def image(self, kind: str) -> Callable[[Request], Awaitable[Response]]:
        """The handler of a held file's thumbnail (``thumb``) or large view (``view``)."""
        async def handler(request: Request) -> Response:
            held = self.usable(request)
            if isinstance(held, Response):
                return held
            make = self.station.thumbnail if kind == "thumb" else self.station.view
            cached = self.station.cached_image(kind, held)  # a few KB from the cache: no thread hop
            try:
                data = cached if cached is not None else await run_in_threadpool(make, held)
            except (MediascrubError, OSError) as exc:
                return error(422, f"cannot be shown: {exc}")
            return Response(data, media_type="image/jpeg", headers=IMAGE_CACHE)
        return handler

    def output_thumb(self, request: Request) -> Response:
        st = self.station
        fid = str(request.path_params.get("fid", ""))
        entry = next((e for e in st.run if e.id == fid and e.output), None) if valid_id(fid) else None
        if entry is None or entry.output is None:
            return error(404, "no such output")
        path = st.out / entry.output
        real = os.path.realpath(path)
        if not real.startswith(os.path.realpath(st.out) + os.sep):
            return error(403, "outside the output folder")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as fh:
                data = fh.read(st.config.policy.output.max_file_bytes)
            jpeg = render_jpeg(data, entry.output, st.config.policy, THUMB_SIDE)
        except (MediascrubError, OSError) as exc:
            return error(422, f"cannot be shown: {exc}")
        return Response(jpeg, media_type="image/jpeg", headers=IMAGE_CACHE)

    def crop(self, request: Request) -> Response:
        found = self.detections_of(request)
        if isinstance(found, Response):
            return found
        _, job = found
        n = str(request.path_params.get("n", ""))
        if not job.done() or not n.isdigit() or len(n) > 6:
            return error(404, "no such crop")
        data = self.station.crop(job.result(), int(n))
        if data is None:
            return error(404, "no such crop")
        return Response(data, media_type="image/jpeg", headers=IMAGE_CACHE)

    # -- API ----------------------------------------------------------------------------------------

    def api_queue(self, request: Request) -> Response:
        """The ids in the queue now: the page compares them with what it shows (a watcher adds files)."""
        return JSONResponse({"ids": [h.id for h in self.station.folder.scan()]}, headers=NO_STORE)

    def api_file(self, request: Request) -> Response:
        found = self.detections_of(request)
        if isinstance(found, Response):
            return found
        _, job = found
        if not job.done():
            return JSONResponse({"state": "detecting"}, headers=NO_STORE)
        det = job.result()
        if det.error:
            return JSONResponse({"state": "failed", "error": det.error, "sha256": det.sha256}, headers=NO_STORE)
        findings = [f for fs in det.frames for f in fs]
        return JSONResponse({
            "state": "ready", "sha256": det.sha256, "key": det.key, "width": det.width, "height": det.height, "frames": len(det.frames),
            "clip": det.clip,
            "findings": [describe_for_page(i, f, len(det.frames)) for i, f in enumerate(findings) if f.box is not None],
            "metadata": [f.reason for f in findings if f.box is None and f.action is not Action.KEPT][:50],
        }, headers=NO_STORE)

    async def publish(self, request: Request) -> Response:
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(400, str(exc))
        return await run_in_threadpool(self._publish, request, body)

    async def reject(self, request: Request) -> Response:
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(400, str(exc))
        reason = body.get("reason")
        if not isinstance(reason, str) or not reason.strip():
            return error(400, "say why the file is rejected")
        return await run_in_threadpool(self._reject, request, body, reason)

    # -- publishing and rejecting (in a worker thread) ------------------------------------------------

    def _claim(self, request: Request, body: dict[str, Any]) -> tuple[HeldFile, FileLock, bytes] | Response:
        """Lock the held file the request names and read it; its bytes must be the ones the page saw."""
        st = self.station
        held = self.find(request)
        if held is None:
            return error(404, "no such file in the queue (already published or rejected?)")
        if held.refused:
            return error(403, f"refused: {held.refused}")
        lock = FileLock(st.folder, held)
        if not lock.acquire():
            return error(409, "another reviewer is handling this file right now")
        try:
            again = st.folder.find(held.id)
            if again is None:
                lock.release()
                return error(409, "this file has already left the queue (published or rejected by someone else)")
            data = st.read_held(again)
        except MediascrubError as exc:
            lock.release()
            return error(422, str(exc))
        if not isinstance(body.get("sha256"), str) or hashlib.sha256(data).hexdigest() != body["sha256"]:
            lock.release()
            return error(409, "the file changed since this page was opened: reload it")
        return again, lock, data

    def _publish(self, request: Request, body: dict[str, Any]) -> Response:
        st = self.station
        claimed = self._claim(request, body)
        if isinstance(claimed, Response):
            return claimed
        held, lock, data = claimed
        try:
            job = st.detections(held)
            if not job.done():
                return error(409, "still looking for faces and text: wait a moment")
            det: Detected = job.result()
            if det.error:
                return error(422, f"cannot be published: {det.error}")
            if det.sha256 != body["sha256"]:  # _claim checked the bytes against the page's hash
                return error(409, "the file changed since this page was opened: reload it")
            if body.get("key") != det.key:  # the numbers the page sent refer to other findings
                return error(409, "the findings changed since this page was opened (settings or consent gallery): reload it")
            try:
                review = parse_review(det, body, reviewer_of(request, st))
            except ValueError as exc:
                return error(400, str(exc))
            dest = st.out / held.rel
            dest.parent.mkdir(parents=True, exist_ok=True)
            real_parent = os.path.realpath(dest.parent)
            real_out = os.path.realpath(st.out)
            if real_parent != real_out and not real_parent.startswith(real_out + os.sep):
                return error(403, "the output would land outside the output folder")
            if det.clip:
                from ..media.video import OUTPUT_EXTENSION

                final = dest.with_name(dest.stem + OUTPUT_EXTENSION)
            else:
                final = final_output_path(dest, data)
            if final.exists() or final.is_symlink():
                return error(409, f"{final.relative_to(st.out).as_posix()} already exists in the output folder; "
                                  "nothing was overwritten")
            undecided = sum(1 for fs in det.frames for f in fs if f.action is Action.REVIEW) - sum(
                1 for d in review.decisions if any(f.action is Action.REVIEW and d.ref.matches(f) for fs in det.frames for f in fs))
            with st.pipeline_lock:
                if det.clip:
                    from ..video_pipeline import VideoPipeline

                    vp = VideoPipeline(st.pipeline(), keep_audio=st.config.policy.video.keep_audio)
                    report = vp.publish_reviewed(st.folder.path_of(held), dest, review, analysis=st.analysis_of(det.key))
                    if hashlib.sha256(st.read_held(held)).hexdigest() != det.sha256:  # read by path: still the same bytes?
                        if report.output:
                            Path(report.output).unlink(missing_ok=True)
                        return error(409, "the clip changed while it was being published: nothing was published")
                else:
                    report = st.pipeline().publish_reviewed(st.folder.path_of(held), dest, review, data=data, detections=det.frames)
            entry: dict[str, Any] = {
                "file": held.rel, "reviewer": reviewer_of(request, st), "held_sha256": det.sha256,
                "decisions": [audit_decision(d, det) for d in review.decisions],
                "marks": [m.to_dict() for m in review.marks], "hidden_by_default": max(0, undecided),
            }
            if report.status.value != "published" or report.output is None:
                append_audit(st.audit, {**entry, "outcome": "failed", "reason": report.reason or "not published"})
                return error(422, f"not published: {report.reason}")
            out_path = Path(report.output)
            out_sha = hashlib.sha256(out_path.read_bytes()).hexdigest()
            st.folder.retire(held, "published")
            rec = append_audit(st.audit, {**entry, "outcome": "published", "output": out_path.relative_to(st.out).as_posix(),
                                          "output_sha256": out_sha})
            return JSONResponse({"state": "published", "output": rec["output"], "output_sha256": out_sha,
                                 "notes": report.notes}, headers=NO_STORE)
        except DecisionError as exc:
            return error(409, str(exc))
        finally:
            lock.release()

    def _reject(self, request: Request, body: dict[str, Any], reason: str) -> Response:
        claimed = self._claim(request, body)
        if isinstance(claimed, Response):
            return claimed
        held, lock, _ = claimed
        try:
            self.station.folder.retire(held, "rejected")
            append_audit(self.station.audit, {"file": held.rel, "reviewer": reviewer_of(request, self.station), "outcome": "rejected",
                                              "held_sha256": body["sha256"], "reason": reason.strip()[:MAX_NOTE]})
        finally:
            lock.release()
        return JSONResponse({"state": "rejected"}, headers=NO_STORE)
