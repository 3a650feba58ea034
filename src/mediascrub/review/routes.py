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
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from ..decisions import DecisionError, ReviewDecisions
from ..errors import MediascrubError
from ..findings import Action, Report, Status
from .audit import append_audit, audit_decision, read_audit
from .drafts import DraftConflict
from .forms import MAX_NOTE, parse_review, read_json
from .pages import NO_STORE, Pages, describe_for_page, error
from .queue import FileLock, HeldFile, file_id, valid_id
from .render import THUMB_SIDE, render_jpeg
from .station import Station
from .types import Detected
from .words import plain_file_reason, plain_metadata, plain_status

#: Pictures of held files show originals that are not safe yet: never kept in a browser's cache (a shared PC).
IMAGE_CACHE = NO_STORE


def unique_name(path: Path) -> Path:
    """``NAME-2.ext``, ``NAME-3.ext``, ...: the first that does not exist beside ``path`` (httpie's rule)."""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
        n += 1


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
            Route("/frame/{fid}/{n}", self.frame),
            Route("/preview/{fid}", self.preview),
            Route("/api/file/{fid}/draft", self.get_draft),
            Route("/api/file/{fid}/draft", self.put_draft, methods=["POST"]),
            Route("/api/file/{fid}/take-back", self.take_back, methods=["POST"]),
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
            reason = "" if h.refused else st.folder.reason(h)
            why = plain_file_reason(reason) if not h.refused else \
                "It cannot be opened here: it is a shortcut to another place, or not an ordinary file."
            items.append({"id": h.id, "name": h.rel, "refused": h.refused, "reason": reason, "why": why, "version": h.signature,
                          "draft": st.drafts.version(h.id) > 0})
        return self.pages.page("queue.html", request, items=items, run=self.run_rows(held_paths), held=str(st.folder.root), out=str(st.out),
                               nav=self.nav("queue", len(items)))

    def nav(self, current: str, count: int | None = None) -> list[dict[str, Any]]:
        """The navigation slot of base.html (the desk adds its pages to this list)."""
        if self.station.desk is not None:
            from .desk import desk_nav

            return desk_nav(self.station)(f"{current}.html")
        if count is None:
            count = len(self.station.folder.scan())
        return [{"href": "/", "label": "To check", "count": count, "current": current == "queue"}]

    def run_rows(self, held_paths: set[str]) -> list[dict[str, Any]]:
        """The run report's files as the list shows them, brought up to date with what reviewers did
        since (the audit log): a held file published here shows as published, with its output."""
        st = self.station
        if not st.run:
            return []
        last: dict[str, dict[str, Any]] = {}
        for rec in read_audit(st.audit):
            last[str(rec.get("file", ""))] = rec
        root = os.path.realpath(st.folder.root)
        rows = []
        for e in st.run:
            state, output = e.status, e.output
            if e.quarantine is not None:
                if e.quarantine in held_paths:
                    continue  # shown with the held files
                rel = os.path.relpath(e.quarantine, root) if e.quarantine.startswith(root + os.sep) else ""
                done = last.get(rel)
                if done is not None and done.get("outcome") == "published":
                    state, output = "reviewed", str(done.get("output"))
                elif done is not None and done.get("outcome") == "rejected":
                    state = "rejected"
            st.run_outputs[e.id] = output
            what = plain_file_reason(e.reason) if e.reason and state in ("quarantined", "failed") else e.summary
            if state == "reviewed":
                what = f"Checked by a person and published as {output}"
            rows.append({"id": e.id, "name": e.name, "output": output, "state": state, "result": plain_status(state), "what": what})
        return rows

    def file_page(self, request: Request) -> Response:
        held = self.find(request)
        if held is None:
            page = self.pages.page("gone.html", request, nav=self.nav("file"))
            page.status_code = 404
            return page
        if held.refused:
            return error(403, f"refused: {held.refused}")
        ids = [h for h in self.station.folder.scan() if not h.refused]
        at = next((i for i, h in enumerate(ids) if h.id == held.id), -1)
        rest = ids[at + 1:] + ids[:max(at, 0)]
        nxt = {"href": f"/file/{rest[0].id}", "label": "Next file"} if rest else None
        item = {"id": held.id, "name": held.rel, "why": plain_file_reason(self.station.folder.reason(held))}
        return self.pages.page("file.html", request, item=item, next=nxt, nav=self.nav("file", len(ids)))

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
        output = st.run_outputs.get(fid) if valid_id(fid) else None
        if output is None:
            return error(404, "no such output")
        path = st.out / output
        real = os.path.realpath(path)
        if not real.startswith(os.path.realpath(st.out) + os.sep):
            return error(403, "outside the output folder")
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "rb") as fh:
                data = fh.read(st.config.policy.output.max_file_bytes)
            jpeg = render_jpeg(data, output, st.config.policy, THUMB_SIDE)
        except (MediascrubError, OSError) as exc:
            return error(422, f"cannot be shown: {exc}")
        return Response(jpeg, media_type="image/jpeg", headers=IMAGE_CACHE)

    async def numbered_picture(self, request: Request, make: Callable[[HeldFile, Detected, int], bytes | None]) -> Response:
        """A picture of the held file numbered ``n`` in the path (a close-up, a clip frame), made by
        ``make`` in a worker thread. It shows the original: no-store."""
        found = self.detections_of(request)
        if isinstance(found, Response):
            return found
        held, job = found
        n = str(request.path_params.get("n", ""))
        if not job.done() or job.result().error or not n.isdigit() or len(n) > 6:
            return error(404, "no such picture")
        try:
            data = await run_in_threadpool(make, held, job.result(), int(n))
        except (MediascrubError, OSError) as exc:
            return error(422, f"cannot be shown: {exc}")
        if data is None:
            return error(404, "no such picture")
        return Response(data, media_type="image/jpeg", headers=IMAGE_CACHE)

    async def crop(self, request: Request) -> Response:
        """A close-up of finding ``n``."""
        return await self.numbered_picture(request, self.station.crop)

    async def frame(self, request: Request) -> Response:
        """Frame ``n`` of a held clip."""
        def make(held: HeldFile, det: Detected, n: int) -> bytes | None:
            return self.station.frame_jpeg(held, det, n) if n < len(det.frames) else None
        return await self.numbered_picture(request, make)

    def ready(self, request: Request) -> tuple[HeldFile, Detected] | Response:
        """The held file and its finished detections, or the error to answer (409 while still looking)."""
        found = self.detections_of(request)
        if isinstance(found, Response):
            return found
        held, job = found
        if not job.done() or job.result().error:
            return error(409, "still looking at the picture")
        return held, job.result()

    def saved_review(self, held: HeldFile, det: Detected) -> ReviewDecisions:
        """The decisions saved as the file's draft (none: the machine's decisions)."""
        draft, _ = self.station.drafts.load(held.id, det.sha256, det.key)
        body = {"decisions": draft.decisions, "marks": draft.marks} if draft is not None else {}
        return parse_review(det, body, self.station.config.reviewer)

    async def preview(self, request: Request) -> Response:
        """The cleaned copy as publishing now would write it, from the saved draft (no-store)."""
        ready = self.ready(request)
        if isinstance(ready, Response):
            return ready
        held, det = ready
        f = request.query_params.get("frame", "0")
        index = int(f) if f.isdigit() and len(f) < 7 else -1
        if not 0 <= index < len(det.frames):
            return error(404, "no such frame")
        try:
            review = self.saved_review(held, det)
            data = await run_in_threadpool(self.station.preview, held, det, review, index)
        except (ValueError, DecisionError) as exc:
            return error(409, f"the saved choices do not fit this file: {exc}")
        except (MediascrubError, OSError) as exc:
            return error(422, f"the cleaned copy cannot be made: {exc}", plain_file_reason(str(exc)))
        return Response(data, media_type="image/jpeg", headers=IMAGE_CACHE)

    def get_draft(self, request: Request) -> Response:
        """The decisions saved so far (a second window polls this)."""
        found = self.detections_of(request)
        if isinstance(found, Response):
            return found
        held, job = found
        empty = {"version": 0, "decisions": [], "marks": []}
        if not job.done() or job.result().error:
            return JSONResponse(empty, headers=NO_STORE)
        det = job.result()
        draft, _ = self.station.drafts.load(held.id, det.sha256, det.key)
        return JSONResponse(draft.for_page() if draft else empty, headers=NO_STORE)

    async def put_draft(self, request: Request) -> Response:
        """Save the page's decisions as they are made (validated like a publish)."""
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(400, str(exc))
        ready = self.ready(request)
        if isinstance(ready, Response):
            return ready
        held, det = ready
        if body.get("sha256") != det.sha256 or body.get("key") != det.key:
            return error(409, "the file or the settings changed since this page was opened: reload it")
        base = body.get("base", 0)
        if not isinstance(base, int) or isinstance(base, bool):
            return error(400, "base must be a number")
        try:
            review = parse_review(det, body, self.station.config.reviewer)
            indexes = [int(d["index"]) for d in body.get("decisions", [])]
            verdicts = [{"index": i, "verdict": d.verdict.value} for i, d in zip(indexes, review.decisions, strict=True)]
            draft = self.station.drafts.save(held.id, det.sha256, det.key, base, verdicts, [m.to_dict() for m in review.marks])
        except DraftConflict as exc:
            return JSONResponse({"error": "changed in another window", "draft": exc.current.for_page()}, status_code=409,
                                headers=NO_STORE)
        except ValueError as exc:
            return error(400, str(exc))
        return JSONResponse({"version": draft.version}, headers=NO_STORE)

    async def take_back(self, request: Request) -> Response:
        """Withdraw a publication: the output leaves the posting folder (kept privately in the station's
        folder), the held original goes back into the list, one audit line says so."""
        try:
            body = await read_json(request)
        except ValueError as exc:
            return error(400, str(exc))
        fid = str(request.path_params.get("fid", ""))
        if not valid_id(fid) or not isinstance(body.get("output_sha256"), str):
            return error(400, "name the publication to take back")
        return await run_in_threadpool(self._take_back, fid, body["output_sha256"], reviewer_of(request, self.station))

    def _take_back(self, fid: str, output_sha256: str, reviewer: str) -> Response:
        st = self.station
        rec = next((r for r in reversed(list(read_audit(st.audit))) if file_id(str(r.get("file", ""))) == fid), None)
        if rec is None or rec.get("outcome") != "published" or rec.get("output_sha256") != output_sha256:
            return error(409, "this file's last publication is not the one named (taken back already?)")
        rel, output = str(rec["file"]), st.out / str(rec["output"])
        if not os.path.realpath(output).startswith(os.path.realpath(st.out) + os.sep) or output.is_symlink():
            return error(403, "outside the output folder")
        try:
            if hashlib.sha256(output.read_bytes()).hexdigest() != output_sha256:
                return error(409, "the published file was changed since: nothing was taken back")
            held = st.folder.restore(st.folder.state / str(rec.get("held_copy", "")), rel)
            kept = st.folder.withdraw(output, str(rec["output"]))
        except (OSError, MediascrubError) as exc:
            return error(409, f"not taken back: {exc}")
        append_audit(st.audit, {"file": rel, "reviewer": reviewer, "outcome": "withdrawn", "output": rec["output"],
                                "output_sha256": output_sha256, "withdrawn_to": kept.relative_to(st.folder.state).as_posix()})
        return JSONResponse({"state": "taken-back", "id": held.id}, headers=NO_STORE)

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
            return JSONResponse({"state": "failed", "error": det.error, "why": plain_file_reason(det.error), "sha256": det.sha256},
                                headers=NO_STORE)
        findings = [f for fs in det.frames for f in fs]
        draft, set_aside = self.station.drafts.load(found[0].id, det.sha256, det.key)
        return JSONResponse({
            "state": "ready", "sha256": det.sha256, "key": det.key, "width": det.width, "height": det.height, "frames": len(det.frames),
            "clip": det.clip, "fps": det.fps,
            "findings": [describe_for_page(i, f, len(det.frames)) for i, f in enumerate(findings) if f.box is not None],
            "metadata": [f.reason for f in findings if f.box is None and f.action is not Action.KEPT][:50],
            "metadata_plain": plain_metadata(findings),
            "draft": draft.for_page() if draft is not None else None,
            "draft_note": "Earlier choices were made before the file or the settings changed: please look again." if set_aside else None,
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
                return error(422, f"cannot be published: {det.error}", plain_file_reason(det.error))
            if det.sha256 != body["sha256"]:  # _claim checked the bytes against the page's hash
                return error(409, "the file changed since this page was opened: reload it")
            if body.get("key") != det.key:  # the numbers the page sent refer to other findings
                return error(409, "the findings changed since this page was opened (settings or consent gallery): reload it")
            try:
                review = parse_review(det, body, reviewer_of(request, st))
            except ValueError as exc:
                return error(400, str(exc))
            dest = st.output_path(held.rel)
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
                suggest = unique_name(final)
                if body.get("as_name") is None:
                    return JSONResponse({"error": f"{final.relative_to(st.out).as_posix()} already exists in the output folder; "
                                                  "nothing was overwritten", "exists": final.name, "suggest": suggest.name},
                                        status_code=409, headers=NO_STORE)
                if body["as_name"] != suggest.name:  # only the name offered: same folder, same extension, free now
                    return error(409, f"publish as {suggest.name} instead (the name offered is taken now)")
                final = dest = suggest
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
                    rendered = st.rendered_output(held, det, review)
                    if rendered is not None:  # the exact file the page showed: write it (it was verified when made)
                        from ..publish import failing_closed, publish_output

                        report = Report(input=str(st.folder.path_of(held)), status=Status.FAILED)
                        with failing_closed(report):
                            pipe = st.pipeline()
                            publish_output(report, final, rendered, src=st.folder.path_of(held), policy=pipe.policy,
                                           gallery=pipe.ctx.gallery)
                            report.notes.append("the cleaned copy shown to the reviewer")
                    else:
                        report = st.pipeline().publish_reviewed(st.folder.path_of(held), final, review, data=data,
                                                                detections=det.frames)
            entry: dict[str, Any] = {
                "file": held.rel, "reviewer": reviewer_of(request, st), "held_sha256": det.sha256,
                "decisions": [audit_decision(d, det) for d in review.decisions],
                "marks": [m.to_dict() for m in review.marks], "hidden_by_default": max(0, undecided),
            }
            if report.status.value != "published" or report.output is None:
                append_audit(st.audit, {**entry, "outcome": "failed", "reason": report.reason or "not published"})
                return error(422, f"not published: {report.reason}", plain_file_reason(report.reason or ""))
            out_path = Path(report.output)
            out_sha = hashlib.sha256(out_path.read_bytes()).hexdigest()
            kept = st.folder.retire(held, "published")
            rec = append_audit(st.audit, {**entry, "outcome": "published", "output": out_path.relative_to(st.out).as_posix(),
                                          "output_sha256": out_sha, "held_copy": kept.relative_to(st.folder.state).as_posix()})
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
            self.station.drafts.delete(held.id)
            append_audit(self.station.audit, {"file": held.rel, "reviewer": reviewer_of(request, self.station), "outcome": "rejected",
                                              "held_sha256": body["sha256"], "reason": reason.strip()[:MAX_NOTE]})
        finally:
            lock.release()
        return JSONResponse({"state": "rejected"}, headers=NO_STORE)
