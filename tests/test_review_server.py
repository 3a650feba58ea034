"""The review station over real HTTP: sign-in, Host check, CSRF, ids not paths, links, locks, the queue, the CLI."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from _review_util import base_url, live_station, quiet_policy, signed_in_client, wait_ready
from PIL import Image

from conftest import dirty_jpeg, photo_like
from mediascrub.review.audit import AUDIT_NAME
from mediascrub.review.queue import FileLock, HeldFolder, file_id

SECRET_TEXT = b"TOP-SECRET-OUTSIDE-THE-HELD-FOLDER"


@pytest.fixture()
def folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    held, out, outside = tmp_path / "held", tmp_path / "out", tmp_path / "outside"
    for d in (held, out, outside):
        d.mkdir()
    (held / "a.jpg").write_bytes(dirty_jpeg(photo_like(320, 240, seed=1)))
    (held / "a.jpg.reason.txt").write_text("needs a person to review: uncertain face (score 0.41)\n")
    (held / "sub").mkdir()
    (held / "sub" / "b.jpg").write_bytes(dirty_jpeg(photo_like(320, 240, seed=2)))
    (outside / "secret.txt").write_bytes(SECRET_TEXT)
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 10, 10)).save(buf, "PNG")
    (outside / "secret.png").write_bytes(buf.getvalue() + SECRET_TEXT)
    return held, out, outside


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under the folders (not our state folder's caches), to prove nothing was written."""
    out = {}
    for folder in folders:
        for root, _, names in os.walk(folder):
            for n in names:
                p = Path(root) / n
                if ".mediascrub-review" in p.parts and ("cache" in p.parts or "locks" in p.parts):
                    continue
                out[str(p)] = p.read_bytes() if not p.is_symlink() else b"link"
    return out


def test_every_request_needs_the_session(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    fid = file_id("a.jpg")
    with live_station(held, out, policy=quiet_policy()) as st:
        before = snapshot(held, out)
        anon = httpx.Client(base_url=base_url(st), follow_redirects=False)
        for path in ("/", f"/file/{fid}", f"/thumb/{fid}", f"/view/{fid}", f"/api/file/{fid}", f"/crop/{fid}/0", "/static/app.js"):
            assert anon.get(path).status_code == 401, path
        assert anon.post(f"/api/file/{fid}/publish", json={}).status_code == 401
        assert anon.get("/?token=wrong").status_code == 403
        forged = httpx.Client(base_url=base_url(st), cookies={st.cookie_name: "forged"})
        assert forged.get("/").status_code == 403
        # the right token is exchanged for an HttpOnly, SameSite=Strict cookie, and the page works with it
        r = anon.get(st.url().removeprefix(base_url(st)))
        assert r.status_code == 303 and r.headers["location"] == "/"
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and st.config.token not in cookie
        page = anon.get("/")
        assert page.status_code == 200 and "a.jpg" in page.text
        # the token works once: a second browser cannot sign in with it
        second = httpx.Client(base_url=base_url(st), follow_redirects=False)
        r = second.get(st.url().removeprefix(base_url(st)))
        assert r.status_code == 403 and "set-cookie" not in r.headers and "used already" in r.text
        csp = page.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "http" not in csp
        assert page.headers["x-frame-options"] == "DENY"
        # the page references nothing outside itself
        for asset in ("/static/app.js", "/static/style.css"):
            body = anon.get(asset).text
            assert "http://" not in body.replace("http://www.w3.org/2000/svg", "") and "https://" not in body
        assert snapshot(held, out) == before


def test_wrong_host_is_refused(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        assert client.get("/").status_code == 200
        for host in ("evil.example", f"evil.example:{st.config.port}", f"127.0.0.1:{st.config.port + 1}", "127.0.0.1"):
            r = client.get("/", headers={"Host": host})
            assert r.status_code == 403, host
            assert "a.jpg" not in r.text
        # even the token is not accepted through a rebound name
        r = httpx.get(f"{base_url(st)}/?token={st.config.token}", headers={"Host": f"attacker.test:{st.config.port}"})
        assert r.status_code == 403 and "set-cookie" not in r.headers


def test_state_changes_need_the_csrf_token(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    fid = file_id("a.jpg")
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        doc = wait_ready(client, fid)
        body = {"sha256": doc["sha256"], "key": doc["key"], "marks": [], "decisions": []}
        before = snapshot(held, out)
        for path in (f"/api/file/{fid}/publish", f"/api/file/{fid}/reject"):
            assert client.post(path, json={**body, "reason": "x"}).status_code == 403  # no token
            assert client.post(path, json={**body, "reason": "x"}, headers={"X-CSRF-Token": "wrong"}).status_code == 403
            r = client.post(path, json={**body, "reason": "x"}, headers={"X-CSRF-Token": st.csrf, "Origin": "http://evil.example"})
            assert r.status_code == 403
            form = {"X-CSRF-Token": st.csrf, "Content-Type": "application/x-www-form-urlencoded"}
            r = client.post(path, content=b"sha256=x", headers=form)
            assert r.status_code == 415
        assert snapshot(held, out) == before
        assert not (out / AUDIT_NAME).exists()
        # with the token it works
        r = client.post(f"/api/file/{fid}/publish", json=body, headers={"X-CSRF-Token": st.csrf})
        assert r.status_code == 200 and r.json()["state"] == "published"
        assert (out / "a.jpg").exists()


TRAVERSALS = [
    "..%2F..%2Foutside%2Fsecret.txt", "%2E%2E%2F%2E%2E%2Foutside%2Fsecret.txt", "%2E%2E", "%2Fetc%2Fpasswd",
    "%2F..%2Foutside%2Fsecret.png", "a.jpg", "sub%2Fb.jpg", "..%5C..%5Coutside%5Csecret.txt", "0123456789abcdef%2F..",
]


def test_ids_not_paths_in_every_parameter(folders: tuple[Path, Path, Path]) -> None:
    held, out, outside = folders
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        before = snapshot(held, out, outside)
        csrf = {"X-CSRF-Token": st.csrf}
        for bad in TRAVERSALS:
            for route in ("/file/{}", "/thumb/{}", "/view/{}", "/output-thumb/{}", "/api/file/{}", "/static/{}", "/crop/{}/0",
                          f"/crop/{file_id('a.jpg')}/{{}}"):
                r = client.get(route.format(bad))
                assert r.status_code in (404, 403), (route, bad, r.status_code)
                assert SECRET_TEXT not in r.content
            for action in ("publish", "reject"):
                r = client.post(f"/api/file/{bad}/{action}", json={"sha256": "x", "reason": "x"}, headers=csrf)
                assert r.status_code in (404, 403, 405), (action, bad, r.status_code)
        # raw (un-normalised) paths straight on the socket
        for raw in ("/thumb/../../outside/secret.txt", "/static/../server.py", "//etc/passwd", "/view/%2e%2e/%2e%2e/outside/secret.png"):
            r = client.get(httpx.URL(base_url(st) + raw))
            assert r.status_code in (404, 403) and SECRET_TEXT not in r.content
        # query parameters and body fields that look like paths are never used as paths
        fid = file_id("a.jpg")
        r = client.get(f"/thumb/{fid}?v=../../outside/secret.txt&path=/etc/passwd")
        assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
        doc = wait_ready(client, fid)
        for body in (
            {"sha256": "../../outside/secret.txt"},
            {"sha256": doc["sha256"], "key": "../../outside/secret.txt"},
            {"sha256": doc["sha256"], "key": doc["key"], "marks": [{"box": "/etc/passwd"}]},
            {"sha256": doc["sha256"], "key": doc["key"], "decisions": [{"index": "../0", "verdict": "hide"}]},
            {"sha256": doc["sha256"], "key": doc["key"], "output": "/tmp/evil.jpg", "marks": [{"box": [1, 1, 2, 2], "shape": "../x"}]},
        ):
            r = client.post(f"/api/file/{fid}/publish", json=body, headers=csrf)
            expected = 400 if body.get("key") == doc["key"] else 409
            assert r.status_code == expected, (body, r.status_code)
        assert snapshot(held, out, outside) == before
        assert not Path("/tmp/evil.jpg").exists()


def test_a_planted_symlink_is_refused_and_never_read(folders: tuple[Path, Path, Path]) -> None:
    held, out, outside = folders
    (held / "planted.png").symlink_to(outside / "secret.png")
    (held / "linkdir").symlink_to(outside, target_is_directory=True)
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        page = client.get("/").text
        assert "planted.png" in page and "it is a shortcut to another place" in page
        assert "secret" not in page.replace("planted", "")
        before = snapshot(held, out, outside)
        for rel in ("planted.png", "linkdir", "linkdir/secret.png"):
            fid = file_id(rel)
            for route in (f"/file/{fid}", f"/thumb/{fid}", f"/view/{fid}", f"/api/file/{fid}"):
                r = client.get(route)
                assert r.status_code in (403, 404), (route, r.status_code)
                assert SECRET_TEXT not in r.content
            r = client.post(f"/api/file/{fid}/publish", json={"sha256": "x"}, headers={"X-CSRF-Token": st.csrf})
            assert r.status_code in (403, 404)
        # a real file swapped for a link after it was listed is refused too
        fid = file_id("a.jpg")
        os.replace(held / "a.jpg", outside / "a.jpg")
        (held / "a.jpg").symlink_to(outside / "secret.png")
        assert client.get(f"/thumb/{fid}").status_code == 403
        assert snapshot(held, out, outside) == {**before, str(held / "a.jpg"): b"link", str(outside / "a.jpg"): before[str(held / "a.jpg")]}
        assert not any(out.iterdir())


def test_two_reviewers_cannot_publish_the_same_file_twice(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    fid = file_id("a.jpg")
    with live_station(held, out, policy=quiet_policy(), reviewer="Ann") as a, \
            live_station(held, out, policy=quiet_policy(), reviewer="Bob") as b:
        ca, cb = signed_in_client(a), signed_in_client(b)
        doc = wait_ready(ca, fid)
        sha, key = doc["sha256"], doc["key"]
        assert wait_ready(cb, fid)["key"] == key
        # another reviewer holds the file: refused, nothing written
        other = FileLock(HeldFolder(held), next(h for h in HeldFolder(held).scan() if h.id == fid))
        assert other.acquire()
        r = cb.post(f"/api/file/{fid}/publish", json={"sha256": sha, "key": key}, headers={"X-CSRF-Token": b.csrf})
        assert r.status_code == 409 and "another reviewer" in r.json()["error"]
        other.release()
        assert not (out / "a.jpg").exists()
        # both at once: exactly one wins
        results: list[int] = []

        def go(client: httpx.Client, station: object) -> None:
            results.append(client.post(f"/api/file/{fid}/publish", json={"sha256": sha, "key": key},
                                       headers={"X-CSRF-Token": station.csrf}).status_code)  # type: ignore[attr-defined]

        threads = [threading.Thread(target=go, args=(ca, a)), threading.Thread(target=go, args=(cb, b))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results) in ([200, 404], [200, 409]), results
        lines = [json.loads(x) for x in (out / AUDIT_NAME).read_text().splitlines()]
        assert [x["outcome"] for x in lines] == ["published"]
        assert oct((out / AUDIT_NAME).stat().st_mode & 0o777) == "0o600"
        # the held copy left the queue
        assert not (held / "a.jpg").exists() and (held / ".mediascrub-review" / "published" / "a.jpg").exists()
        assert "a.jpg" not in ca.get("/").text.replace("sub/b.jpg", "")


def test_files_added_while_the_page_is_open_appear(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        assert "new.jpg" not in client.get("/").text
        ids = client.get("/api/queue").json()["ids"]
        (held / "new.jpg").write_bytes(dirty_jpeg(photo_like(320, 240, seed=5)))
        assert set(client.get("/api/queue").json()["ids"]) == {*ids, file_id("new.jpg")}
        page = client.get("/").text
        assert "new.jpg" in page
        assert client.get(f"/thumb/{file_id('new.jpg')}").status_code == 200
        # a file still being copied (temp name) is not listed
        (held / "c.jpg.part").write_bytes(b"partial")
        assert "c.jpg.part" not in client.get("/").text


def test_reject_records_the_reason(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    fid = file_id("sub/b.jpg")
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        sha = wait_ready(client, fid)["sha256"]
        assert client.post(f"/api/file/{fid}/reject", json={"sha256": sha}, headers={"X-CSRF-Token": st.csrf}).status_code == 400
        r = client.post(f"/api/file/{fid}/reject", json={"sha256": sha, "reason": "child in school uniform"},
                        headers={"X-CSRF-Token": st.csrf})
        assert r.status_code == 200
        assert not (out / "sub").exists()
        (rec,) = [json.loads(x) for x in (out / AUDIT_NAME).read_text().splitlines()]
        assert rec["outcome"] == "rejected" and rec["reason"] == "child in school uniform" and rec["file"] == "sub/b.jpg"
        assert (held / ".mediascrub-review" / "rejected" / "sub" / "b.jpg").exists()


@pytest.mark.slow
def test_cli_prints_the_url_first_and_stops_cleanly_on_ctrl_c(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    env = {**os.environ, "MEDIASCRUB_GALLERY": ""}
    proc = subprocess.Popen([sys.executable, "-m", "mediascrub", "review", str(held), "--out", str(out), "--no-browser",
                             "--reviewer", "Cli"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        client = httpx.Client(follow_redirects=True, timeout=30)
        assert "a.jpg" in client.get(url).text
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "review station stopped" in err and "Traceback" not in err


@pytest.mark.slow
def _answers(url: str, timeout: float = 60) -> None:
    """Wait until the station at ``url`` answers (any status: without its token it says 401 or 403)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            httpx.get(url, timeout=5)
            return
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_cli_warns_off_loopback_and_prints_the_log(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    err_lines: list[str] = []
    proc = subprocess.Popen([sys.executable, "-m", "mediascrub", "review", str(held), "--out", str(out), "--no-browser",
                             "--host", "127.0.0.2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        url = proc.stdout.readline().strip()
        assert url.startswith("http://127.0.0.2:")
        assert proc.stderr is not None
        err_lines += [proc.stderr.readline(), proc.stderr.readline()]
        _answers(url.split("?")[0])  # serving (Ctrl-C in the moment uvicorn takes over the signals is not what this tests)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert "warning: listening on 127.0.0.2" in err_lines[0] and "reviewing" in err_lines[1]
    assert proc.returncode == 0 and "review station stopped" in err
    (out / AUDIT_NAME).write_text(json.dumps({"time": "t", "file": "a\x1b[2J.jpg", "reviewer": "Ann", "outcome": "rejected",
                                              "reason": "no"}) + "\n")
    r = subprocess.run([sys.executable, "-m", "mediascrub", "review", "--log", "--out", str(out)], capture_output=True, text=True)
    assert r.returncode == 0 and "rejected" in r.stdout and "\x1b" not in r.stdout
    r = subprocess.run([sys.executable, "-m", "mediascrub", "review", str(held)], capture_output=True, text=True)
    assert r.returncode == 2 and "--out" in r.stderr and "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-m", "mediascrub", "review", str(held / "nope"), "--out", str(out), "--no-browser"],
                       capture_output=True, text=True)
    assert r.returncode == 2 and "is not a folder" in r.stderr and "Traceback" not in r.stderr


def test_with_a_run_report_every_file_of_the_run_is_listed(folders: tuple[Path, Path, Path], tmp_path: Path) -> None:
    from mediascrub.findings import Report, Status
    from mediascrub.pipeline import Pipeline
    from mediascrub.report import write_json_report

    held, out, _ = folders
    src = tmp_path / "inbox" / "fine.jpg"
    src.parent.mkdir()
    src.write_bytes(dirty_jpeg(photo_like(320, 240, seed=7)))
    published = Pipeline(quiet_policy()).scrub(src, out / "fine.jpg")
    assert published.status is Status.PUBLISHED
    held_report = Report(input=str(tmp_path / "inbox" / "a.jpg"), status=Status.QUARANTINED, reason="needs a person to review: x",
                         notes=[f"copied to quarantine: {held / 'a.jpg'}"])
    failed = Report(input=str(tmp_path / "inbox" / "broken.jpg"), status=Status.FAILED, reason="not a supported image")
    run = tmp_path / "run.json"
    write_json_report(run, [published, held_report, failed], command="scrub")
    with live_station(held, out, policy=quiet_policy(), report=run) as st:
        client = signed_in_client(st)
        page = client.get("/").text
        assert "fine.jpg" in page and "broken.jpg" in page and "not a kind of photo or video that can be cleaned" in page
        assert page.count(">a.jpg<") == 1  # the held one is listed once, with the held files
        (entry,) = [e for e in st.run if e.name == "fine.jpg"]
        r = client.get(f"/output-thumb/{entry.id}")
        assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
        (broken,) = [e for e in st.run if e.name == "broken.jpg"]
        assert client.get(f"/output-thumb/{broken.id}").status_code == 404
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    with pytest.raises(Exception, match="not a mediascrub run report"):
        with live_station(held, out, policy=quiet_policy(), report=bad):
            pass


def test_a_file_that_cannot_be_read_can_still_be_rejected(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    (held / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not really a JPEG")
    fid = file_id("broken.jpg")
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        doc = wait_ready(client, fid)
        assert doc["state"] == "failed" and doc["error"]
        csrf = {"X-CSRF-Token": st.csrf}
        r = client.post(f"/api/file/{fid}/publish", json={"sha256": doc["sha256"]}, headers=csrf)
        assert r.status_code == 422 and not (out / "broken.jpg").exists()
        assert client.get(f"/thumb/{fid}").status_code == 422
        r = client.post(f"/api/file/{fid}/reject", json={"sha256": doc["sha256"], "reason": "damaged file"}, headers=csrf)
        assert r.status_code == 200


def test_an_existing_output_is_never_overwritten(folders: tuple[Path, Path, Path]) -> None:
    held, out, _ = folders
    (out / "a.jpg").write_bytes(b"someone else's output")
    fid = file_id("a.jpg")
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        doc = wait_ready(client, fid)
        r = client.post(f"/api/file/{fid}/publish", json={"sha256": doc["sha256"], "key": doc["key"]}, headers={"X-CSRF-Token": st.csrf})
        assert r.status_code == 409 and "already exists" in r.json()["error"]
        # decisions made against other findings (the gallery or settings changed) are refused
        r = client.post(f"/api/file/{fid}/publish", json={"sha256": doc["sha256"], "key": doc["sha256"] + "-0000"},
                        headers={"X-CSRF-Token": st.csrf})
        assert r.status_code == 409 and "findings changed" in r.json()["error"]
    assert (out / "a.jpg").read_bytes() == b"someone else's output" and (held / "a.jpg").exists()


def test_the_page_names_consented_people_but_never_the_words_read() -> None:
    from mediascrub.findings import Action, Box, Finding, Kind
    from mediascrub.review.pages import describe_for_page

    face = Finding(Kind.FACE, "face", Action.VISIBLE, "consent on file", Box(1, 2, 30, 40), 0.9,
                   detail={"person": "Ann Example", "consent": {"purposes": "social-media", "expires": "2027-01-01"},
                           "landmarks": [[1, 2]] * 5})
    text = Finding(Kind.TEXT, "address", Action.REDACTED, "street and number", Box(5, 5, 50, 20), 0.8,
                   detail={"text": "42 Rue de la Mare", "polygon": [[5, 5], [50, 5], [50, 20], [5, 20]]})
    d = describe_for_page(0, face)
    assert d["person"] == "Ann Example" and "social-media" in d["consent"] and "landmarks" not in json.dumps(d)
    assert "Rue de la Mare" not in json.dumps(describe_for_page(1, text))


def test_a_page_added_to_the_app_is_behind_the_whole_guard(folders: tuple[Path, Path, Path]) -> None:
    """What the desk and a redesigned station build on: routes passed to create_app get the sign-in,
    Host check, CSRF rule and security headers without doing anything, errors included."""
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse
    from starlette.routing import Route

    def desk(request: Request) -> PlainTextResponse:
        return PlainTextResponse("the desk")

    def change(request: Request) -> JSONResponse:
        return JSONResponse({"changed": True})

    def boom(request: Request) -> PlainTextResponse:
        raise RuntimeError("a bug in a new page")

    held, out, _ = folders
    routes = [Route("/desk", desk), Route("/desk/change", change, methods=["POST"]), Route("/desk/boom", boom)]
    with live_station(held, out, policy=quiet_policy(), routes=routes) as st:
        anon = httpx.Client(base_url=base_url(st), follow_redirects=False)
        assert anon.get("/desk").status_code == 401 and "the desk" not in anon.get("/desk").text
        assert anon.post("/desk/change", json={}).status_code == 401
        assert httpx.get(f"{base_url(st)}/desk", headers={"Host": "evil.example"}).status_code == 403
        client = signed_in_client(st)
        r = client.get("/desk")
        assert r.status_code == 200 and r.text == "the desk"
        assert "default-src 'none'" in r.headers["content-security-policy"] and r.headers["x-frame-options"] == "DENY"
        assert client.post("/desk/change", json={}).status_code == 403
        assert client.post("/desk/change", json={}, headers={"X-CSRF-Token": st.csrf, "Origin": "http://evil.example"}).status_code == 403
        form = {"X-CSRF-Token": st.csrf, "Content-Type": "application/x-www-form-urlencoded"}
        assert client.post("/desk/change", content=b"a=1", headers=form).status_code == 415
        r = client.post("/desk/change", json={}, headers={"X-CSRF-Token": st.csrf})
        assert r.status_code == 200 and r.json() == {"changed": True}
        # one CSRF header: a second copy is refused even when one of the two is right
        r = client.post("/desk/change", json={}, headers=[("X-CSRF-Token", "wrong"), ("X-CSRF-Token", st.csrf)])
        assert r.status_code == 403
        assert client.get("/").status_code == 200  # the station's own pages are still there
        # a bug in a page is a 500 that still carries the security headers (the guard wraps Starlette's error handler)
        r = client.get("/desk/boom")
        assert r.status_code == 500 and "default-src 'none'" in r.headers["content-security-policy"]
        assert "a bug in a new page" not in r.text


def _publish_as_is(client: httpx.Client, station: object, fid: str) -> httpx.Response:
    """Publish held file ``fid`` with no decisions, once the station has looked at it; the answer (200)."""
    doc = wait_ready(client, fid)
    r = client.post(f"/api/file/{fid}/publish", json={"sha256": doc["sha256"], "key": doc["key"]},
                    headers={"X-CSRF-Token": station.csrf})  # type: ignore[attr-defined]
    assert r.status_code == 200, r.text
    return r


def test_a_held_file_in_a_folder_named_after_someone_is_published_under_a_neutral_folder(
        folders: tuple[Path, Path, Path]) -> None:
    """The station names output folders as scrub does (--names auto): held/Doris Smith/IMG_1.jpg is published
    below a folder-<hash> folder, the same one scrub gives it, never under her name."""
    from mediascrub.run.statedir import names_key
    from mediascrub.stages.filename import FolderNames

    held, out, _ = folders
    (held / "Doris Smith").mkdir()
    (held / "Doris Smith" / "IMG_1.jpg").write_bytes(dirty_jpeg(photo_like(320, 240, seed=5)))
    fid = file_id("Doris Smith/IMG_1.jpg")
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        r = _publish_as_is(client, st, fid)
        expected = FolderNames(quiet_policy(), names_key(out)).map(Path("Doris Smith/IMG_1.jpg"))
        assert r.json()["output"] == expected.as_posix() and expected.parts[0].startswith("folder-")
        assert (out / expected).is_file() and not (out / "Doris Smith").exists()
        assert not any("doris" in p.as_posix().lower() for p in out.rglob("*"))


def test_a_file_page_opened_after_its_file_left_says_so_in_plain_words(folders: tuple[Path, Path, Path]) -> None:
    """A page bookmarked or opened in a second window after the file was published: a page of the station
    (its navigation, a way back), in plain words, not a bare 'no longer in the queue'."""
    held, out, _ = folders
    fid = file_id("a.jpg")
    with live_station(held, out, policy=quiet_policy()) as st:
        client = signed_in_client(st)
        _publish_as_is(client, st, fid)
        page = client.get(f"/file/{fid}")
        assert page.status_code == 404 and page.headers["cache-control"] == "no-store"
        text = page.text
        assert "no longer waiting to be checked" in text and 'href="/"' in text and "queue" not in text.lower()
        assert 'aria-label="Pages"' in text  # the station's own page, with its navigation


def test_a_cache_write_that_fails_leaves_no_partial_file(tmp_path: Path) -> None:
    """The station's cache files are written whole or not at all (here the rename fails: a folder is in the way)."""
    import stat as _stat

    from mediascrub.review.station import write_private

    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    (cache / "thumb-x.jpg").mkdir()
    with pytest.raises(OSError):
        write_private(cache / "thumb-x.jpg", b"jpeg")
    assert sorted(p.name for p in cache.iterdir()) == ["thumb-x.jpg"]
    write_private(cache / "view-x.jpg", b"jpeg")
    assert (cache / "view-x.jpg").read_bytes() == b"jpeg"
    assert _stat.S_IMODE((cache / "view-x.jpg").stat().st_mode) == 0o600
