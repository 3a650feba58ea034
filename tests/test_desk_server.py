"""The desk's guard, over real sockets: sign-in (links once each, passwords slowed after wrong tries),
the Host check, CSRF, files by id only; and the command line: --host 0.0.0.0 refused without HTTPS and
users, an HTTPS desk with passwords, a second sign-in link from another process without a restart."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from _desk_util import csrf_of, live_desk, signed_in
from _review_util import quiet_policy
from typer.testing import CliRunner

from conftest import dirty_jpeg
from mediascrub.cli.app import app
from mediascrub.review.users import PasswordFile

PAGES = ["/add", "/register", "/register/new", "/history", "/", "/api/uploads", "/desk/safe-copies.zip"]
PASSWORD = "correct horse battery staple"


def raw(client: httpx.Client, csrf: str, data: bytes, name: str = "a.jpg", **headers: str) -> httpx.Response:
    return client.post("/api/uploads", content=data,
                       headers={"content-type": "application/octet-stream", "x-csrf-token": csrf, "x-file-name": name, **headers})


def test_every_desk_page_needs_a_session_and_the_right_host(tmp_path: Path) -> None:
    with live_desk(tmp_path, policy=quiet_policy()) as server:
        base = server.station.base_url()
        with httpx.Client(base_url=base, timeout=30) as anon:
            for path in PAGES:
                assert anon.get(path).status_code == 401, path
            assert anon.post("/api/uploads", content=b"x").status_code == 401
        with httpx.Client(base_url=base, timeout=30, cookies={server.station.cookie_name: "made-up"}) as forged:
            for path in PAGES:
                assert forged.get(path).status_code == 403, path
        client = signed_in(server)
        for path in PAGES[:-1]:
            r = client.get(path)
            assert r.status_code == 200, (path, r.text[:200])
            assert r.headers["cache-control"] == "no-store" and "frame-ancestors 'none'" in r.headers["content-security-policy"]
            assert client.get(path, headers={"host": f"evil.example:{server.station.config.port}"}).status_code == 403
        assert "img-src 'self' blob:" in client.get("/add").headers["content-security-policy"]
        assert "blob:" not in client.get("/register").headers["content-security-policy"]


def test_the_register_page_says_where_a_change_was_made_in_plain_words(tmp_path: Path) -> None:
    import datetime as dt

    import numpy as np

    from mediascrub.consent.store import Actor, Gallery, NewConsent

    with live_desk(tmp_path, policy=quiet_policy()) as server:
        with Gallery.open(tmp_path / "gallery.sqlite") as g:
            g.add_person("Eileen Example", [np.zeros(128)], NewConsent("form-1", ("social-media",), dt.date.today()),
                         actor=Actor("Ann Tester", "desk"))
            g.withdraw("Eileen Example", actor=Actor("Bob Admin", "command line"))
        page = signed_in(server).get("/register").text
        assert "Ann Tester (on this page)" in page and "Bob Admin (command line)" in page and "(desk)" not in page


def test_changes_need_the_sessions_own_csrf_token_a_same_site_origin_and_the_right_body(tmp_path: Path) -> None:
    with live_desk(tmp_path, policy=quiet_policy()) as server:
        a, b = signed_in(server), signed_in(server)
        csrf_a, csrf_b = csrf_of(a), csrf_of(b)
        assert csrf_a != csrf_b
        photo = dirty_jpeg()
        assert raw(a, "", photo).status_code == 403
        assert raw(a, csrf_b, photo).status_code == 403  # another session's token
        assert raw(a, csrf_a, photo, origin="http://evil.example").status_code == 403
        assert a.post("/api/uploads", json={"x": 1}, headers={"x-csrf-token": csrf_a}).status_code == 415
        assert a.post("/api/register/withdraw", content=b"name=x", headers={"x-csrf-token": csrf_a,
                      "content-type": "application/x-www-form-urlencoded"}).status_code == 415
        assert a.post("/api/links", json={}, headers={"x-csrf-token": csrf_b}).status_code == 403
        r = raw(a, csrf_a, photo, origin=server.station.base_url())
        assert r.status_code == 200
        assert server.desk.runner.wait(120)


def test_a_new_sign_in_link_works_once_and_names_who_it_is_for(tmp_path: Path) -> None:
    from mediascrub.review.links import ask_for_link

    with live_desk(tmp_path, policy=quiet_policy()) as server:
        base = server.station.base_url()
        ann = signed_in(server)
        r = ann.post("/api/links", json={"for": "Bob Carer"}, headers={"x-csrf-token": csrf_of(ann)})
        assert r.status_code == 200 and r.json()["minutes"] == 15
        link = r.json()["url"]
        assert link.startswith(base + "/add?token=")
        with httpx.Client(base_url=base, timeout=30) as bob:
            first = bob.get(link.removeprefix(base))
            assert first.status_code == 303 and first.headers["location"] == "/add"
            page = bob.get("/add")
            assert page.status_code == 200 and "Bob Carer" in page.text
            r = raw(bob, csrf_of(bob), dirty_jpeg(), name="bob.jpg")
            assert r.status_code == 200
        with httpx.Client(base_url=base, timeout=30) as again:
            second = again.get(link.removeprefix(base))
            assert second.status_code == 403 and "used already" in second.text
            assert again.get("/add").status_code == 401
        # from another process: the running desk answers through its private request folder
        other = ask_for_link(server.desk.config.state, "Carol")
        with httpx.Client(base_url=base, timeout=30) as carol:
            assert carol.get(other.removeprefix(base)).status_code == 303
            assert "Carol" in carol.get("/add").text
        with httpx.Client(base_url=base, timeout=30) as late:
            assert late.get(other.removeprefix(base)).status_code == 403
        assert server.desk.runner.wait(120)
        journal = [json.loads(line) for line in server.desk.journal.read_text().splitlines()]
        assert [(e["file"], e["by"]) for e in journal if e["event"] == "cleaned"] == [("bob.jpg", "Bob Carer")]


def test_files_are_named_by_id_and_uploads_are_limited(tmp_path: Path) -> None:
    policy = quiet_policy()
    policy = dataclasses.replace(policy, output=dataclasses.replace(policy.output, max_file_bytes=200_000))
    with live_desk(tmp_path, policy=policy) as server:
        client = signed_in(server)
        csrf = csrf_of(client)
        for path in ("/desk/download/../../etc/passwd", "/desk/download/0123456789abcdef", "/desk/preview/zz",
                     "/desk/download/%2e%2e%2fout"):
            assert client.get(path).status_code == 404, path
        r = raw(client, csrf, b"\xff" * 300_000, name="big.jpg")
        assert r.status_code == 413
        r = raw(client, csrf, b"", name="empty.jpg")
        assert r.status_code == 400
        r = raw(client, csrf, dirty_jpeg(), name="..%2F..%2Fescape.jpg")
        assert r.status_code == 200 and r.json()["name"] == "escape.jpg"
        assert server.desk.runner.wait(120)
        [job] = server.desk.runner.jobs()
        assert job.state.value == "ready" and job.output is not None
        assert server.desk.runner.root in job.output.parents
        assert [p.name for p in (server.desk.runner.root / "in").iterdir()] == []
        r = client.get(f"/desk/download/{job.id}")
        assert r.status_code == 200 and r.headers["content-disposition"].startswith('attachment; filename="escape.jpg"')
        assert client.post(f"/api/uploads/{job.id}/post", json={}, headers={"x-csrf-token": csrf}).json() == {"posted_as": "escape.jpg"}
        assert (server.desk.config.out / "escape.jpg").read_bytes() == r.content
        assert not (tmp_path.parent / "escape.jpg").exists()


def test_an_upload_that_cannot_be_kept_is_a_plain_answer_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    with live_desk(tmp_path, policy=quiet_policy()) as server:
        client = signed_in(server)
        csrf = csrf_of(client)
        runner = server.desk.runner
        begin = runner.begin

        class Full:
            def __init__(self, fh: Any) -> None:
                self.fh = fh

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

            def write(self, data: bytes) -> int:
                raise OSError(errno.ENOSPC, "No space left on device")

        def full_disk(name: str, by: str) -> Any:
            job, fh = begin(name, by)
            return job, Full(fh)

        monkeypatch.setattr(runner, "begin", full_disk)
        r = raw(client, csrf, dirty_jpeg(), name="a.jpg")
        assert r.status_code == 507 and "could not keep this file" in r.json()["error"]
        assert runner.jobs() == [] and list((runner.root / "in").iterdir()) == []

        def no_folder(name: str, by: str) -> Any:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(runner, "begin", no_folder)
        r = raw(client, csrf, dirty_jpeg(), name="b.jpg")
        assert r.status_code == 507 and "could not keep this file" in r.json()["error"]


def test_wrong_passwords_are_slowed_down(tmp_path: Path) -> None:
    users = tmp_path / "users.txt"
    PasswordFile(users).set_password("Ann Manager", PASSWORD)
    with live_desk(tmp_path, policy=quiet_policy(), users_file=users) as server:
        base = server.station.base_url()
        with httpx.Client(base_url=base, timeout=30) as c:
            r = c.get("/add")
            assert r.status_code == 303 and r.headers["location"] == "/signin?next=/add"
            assert c.get("/api/uploads").status_code == 401
            assert c.get("/signin").status_code == 200
            assert c.get(server.new_link().removeprefix(base)).status_code == 303  # links do not sign in here...
            assert c.get("/add").status_code == 303  # ...they only lead to the sign-in page
            statuses, waits = [], []
            t0 = time.monotonic()
            for _ in range(20):
                r = c.post("/signin", data={"user": "Ann Manager", "password": "guess", "next": "/add"})
                statuses.append(r.status_code)
                waits.append(int(r.headers.get("retry-after", 0)))
            took = time.monotonic() - t0
            assert statuses == [401] * 5 + [429] * 15, statuses
            assert min(waits[5:]) >= 1 and "Too many wrong passwords" in r.text
            # even the right password waits now
            r = c.post("/signin", data={"user": "Ann Manager", "password": PASSWORD, "next": "/add"})
            assert r.status_code == 429
            time.sleep(waits[-1] + 0.2)
            assert c.post("/signin", data={"user": "Ann Manager", "password": "guess"}).status_code == 401
            r = c.post("/signin", data={"user": "Ann Manager", "password": PASSWORD})
            assert r.status_code == 429 and int(r.headers["retry-after"]) >= 2  # each wrong try doubles the wait
            time.sleep(int(r.headers["retry-after"]) + 0.2)
            r = c.post("/signin", data={"user": "ann manager", "password": PASSWORD, "next": "/register"},
                       headers={"origin": base})
            assert r.status_code == 303 and r.headers["location"] == "/register"
            assert "HttpOnly" in r.headers["set-cookie"] and "SameSite=Strict" in r.headers["set-cookie"]
            page = c.get("/register")
            assert page.status_code == 200 and "Ann Manager" in page.text
            assert c.post("/api/links", json={}, headers={"x-csrf-token": csrf_of(c)}).status_code == 409
        assert took < 30  # the 15 refused tries cost no password check
        with httpx.Client(base_url=base, timeout=30) as evil:
            r = evil.post("/signin", data={"user": "Ann Manager", "password": PASSWORD}, headers={"origin": "http://evil.example"})
            assert r.status_code == 403


# --- the command line -------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, str]:
    res = CliRunner().invoke(app, list(args))
    assert "Traceback" not in res.output
    return res.exit_code, res.output


@pytest.fixture
def cert(tmp_path: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed (.ci/run installs it)")
    crt, key = tmp_path / "desk.crt", tmp_path / "desk.key"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(crt), "-days", "1",
                    "-subj", "/CN=localhost"], check=True, capture_output=True)
    key.chmod(0o600)
    return crt, key


def test_host_0000_refuses_to_start_without_https_and_users(tmp_path: Path, cert: tuple[Path, Path]) -> None:
    crt, key = cert
    out = str(tmp_path / "out")
    users = tmp_path / "users.txt"
    code, text = _cli("desk", "--out", out, "--host", "0.0.0.0", "--no-browser")
    assert code == 2 and "needs HTTPS" in text and "nothing was started" in text
    code, text = _cli("desk", "--out", out, "--host", "0.0.0.0", "--no-browser", "--tls-cert", str(crt), "--tls-key", str(key),
                      "--users", str(users))
    assert code == 2 and "no users" in text
    PasswordFile(users).set_password("Ann Manager", PASSWORD)
    code, text = _cli("desk", "--out", out, "--host", "0.0.0.0", "--no-browser", "--users", str(users))
    assert code == 2 and "needs HTTPS" in text
    code, text = _cli("desk", "--out", out, "--host", "0.0.0.0", "--no-browser", "--tls-cert", str(crt), "--users", str(users))
    assert code == 2 and "both --tls-cert and --tls-key" in text
    key.chmod(0o644)
    code, text = _cli("desk", "--out", out, "--host", "0.0.0.0", "--no-browser", "--tls-cert", str(crt), "--tls-key", str(key),
                      "--users", str(users))
    assert code == 2 and "chmod 600" in text
    code, text = _cli("desk", "--out", out, "--public-url", "https://desk.example.org", "--no-browser",
                      "--users", str(tmp_path / "nobody.txt"))
    assert code == 2 and "no users" in text
    assert not (tmp_path / "out").exists()  # nothing was started or made


def _start(args: list[str], env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen([sys.executable, "-m", "mediascrub", "desk", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    line = proc.stdout.readline().strip()  # type: ignore[union-attr]
    if not line:
        proc.kill()
        raise AssertionError(proc.stderr.read())  # type: ignore[union-attr]
    return proc, line


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return err


@pytest.mark.slow
def test_an_https_desk_with_passwords(tmp_path: Path, cert: tuple[Path, Path]) -> None:
    crt, key = cert
    users = tmp_path / "users.txt"
    PasswordFile(users).set_password("Ann Manager", PASSWORD)
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    proc, url = _start(["--out", str(tmp_path / "out"), "--host", "0.0.0.0", "--no-browser", "--tls-cert", str(crt),
                        "--tls-key", str(key), "--users", str(users), "--gallery", str(tmp_path / "g.sqlite")], env)
    try:
        m = re.fullmatch(r"https://127\.0\.0\.1:(\d+)/signin", url)
        assert m, url
        base = url.removesuffix("/signin")
        with httpx.Client(base_url=base, verify=False, timeout=30) as c:
            assert c.get("/signin").status_code == 200
            r = c.post("/signin", data={"user": "Ann Manager", "password": PASSWORD}, headers={"origin": base})
            assert r.status_code == 303
            cookie = r.headers["set-cookie"]
            assert cookie.startswith(f"__Host-mediascrub_{m.group(1)}=") and "Secure" in cookie and "HttpOnly" in cookie
            assert c.get("/add").status_code == 200
        with pytest.raises(httpx.HTTPError):  # plain HTTP is not served
            httpx.get(base.replace("https://", "http://") + "/signin", timeout=10)
    finally:
        err = _stop(proc)
    assert "desk stopped" in err
    assert not list(tmp_path.glob("mediascrub-desk-*"))  # its private folder went with it


@pytest.mark.slow
def test_desk_link_from_a_second_process_without_restarting(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    out = str(tmp_path / "out")
    held = tmp_path / "held"
    held.mkdir(mode=0o755)  # a --quarantine folder that exists: made private, as scrub and watch make it
    os.chmod(held, 0o755)
    proc, first = _start(["--out", out, "--no-browser", "--gallery", str(tmp_path / "g.sqlite"), "--quarantine", str(held)], env)
    try:
        assert oct(held.stat().st_mode & 0o777) == oct(0o700)
        base = first.split("/add?")[0]
        with httpx.Client(base_url=base, timeout=30) as a:
            assert a.get(first.removeprefix(base)).status_code == 303
        with httpx.Client(base_url=base, timeout=30) as a2:
            assert a2.get(first.removeprefix(base)).status_code == 403  # the printed link worked once
        res = subprocess.run([sys.executable, "-m", "mediascrub", "desk", "--link", "--out", out, "--for", "Bob"],
                             capture_output=True, text=True, env=env, timeout=60)
        assert res.returncode == 0, res.stderr
        link = res.stdout.strip()
        assert link.startswith(base + "/add?token=") and link != first
        with httpx.Client(base_url=base, timeout=30) as b:
            assert b.get(link.removeprefix(base)).status_code == 303
            assert "Bob" in b.get("/add").text
        with httpx.Client(base_url=base, timeout=30) as c:
            assert c.get(link.removeprefix(base)).status_code == 403
    finally:
        _stop(proc)
    res = subprocess.run([sys.executable, "-m", "mediascrub", "desk", "--link", "--out", out], capture_output=True, text=True, env=env,
                         timeout=60)
    assert res.returncode == 2 and "no desk is running" in res.stderr


def test_put_all_in_the_posting_folder_then_remove_from_the_list(tmp_path: Path) -> None:
    with live_desk(tmp_path, policy=quiet_policy()) as server:
        client = signed_in(server)
        csrf = csrf_of(client)
        (server.desk.config.out / "one.jpg").write_bytes(b"someone else's")
        for name in ("one.jpg", "two.jpg"):
            assert raw(client, csrf, dirty_jpeg(), name=name).status_code == 200
        assert server.desk.runner.wait(120)
        r = client.post("/api/uploads/post-all", json={}, headers={"x-csrf-token": csrf})
        assert sorted(r.json()["posted"]) == ["one-2.jpg", "two.jpg"] and r.json()["problems"] == []
        assert client.post("/api/uploads/post-all", json={}, headers={"x-csrf-token": csrf}).json()["posted"] == []
        assert (server.desk.config.out / "one.jpg").read_bytes() == b"someone else's"
        listed = client.get("/api/uploads").json()
        assert listed["unposted"] == 0 and {j["posted_as"] for j in listed["jobs"]} == {"one-2.jpg", "two.jpg"}
        jid = listed["jobs"][0]["id"]
        assert client.post(f"/api/uploads/{jid}/remove", json={}, headers={"x-csrf-token": csrf}).status_code == 200
        assert client.get(f"/desk/download/{jid}").status_code == 404
        assert len(client.get("/api/uploads").json()["jobs"]) == 1
        history = client.get("/history").text
        assert "copied to the posting folder as one-2.jpg" in history


@pytest.mark.slow
def test_many_at_once(tmp_path: Path) -> None:
    """Twenty uploads and two hundred requests from several browsers at once: every one answered, every file cleaned once."""
    from concurrent.futures import ThreadPoolExecutor

    with live_desk(tmp_path, policy=quiet_policy(), workers=2) as server:
        clients = [signed_in(server) for _ in range(4)]
        tokens = [csrf_of(c) for c in clients]
        photo = dirty_jpeg()

        def upload(i: int) -> int:
            c = clients[i % 4]
            return raw(c, tokens[i % 4], photo, name="same-name.jpg").status_code

        def look(i: int) -> int:
            return clients[i % 4].get(["/api/uploads", "/add", "/history", "/register"][i % 4]).status_code

        with ThreadPoolExecutor(24) as pool:
            ups = list(pool.map(upload, range(20)))
            looks = list(pool.map(look, range(200)))
        assert ups == [200] * 20 and looks == [200] * 200
        assert server.desk.runner.wait(180)
        jobs = server.desk.runner.jobs()
        assert len(jobs) == 20 and all(j.state.value == "ready" for j in jobs)
        r = clients[0].post("/api/uploads/post-all", json={}, headers={"x-csrf-token": tokens[0]})
        assert len(set(r.json()["posted"])) == 20
        assert len(list(server.desk.config.out.glob("same-name*.jpg"))) == 20


@pytest.mark.filterwarnings("ignore::getpass.GetPassWarning")  # the two-password prompt reads from CliRunner's input
def test_add_user(tmp_path: Path, _private_state_dir: Path) -> None:
    res = CliRunner().invoke(app, ["desk", "--add-user", "Ann Manager", "--password-stdin"], input=PASSWORD + "\n")
    assert res.exit_code == 0, res.output
    path = _private_state_dir / "desk-users.txt"
    assert f"added Ann Manager in {path}" in res.output and oct(path.stat().st_mode)[-3:] == "600"
    assert PasswordFile(path).verify("ann manager", PASSWORD) == "Ann Manager"
    res = CliRunner().invoke(app, ["desk", "--add-user", "Ann Manager", "--password-stdin"], input="short\n")
    assert res.exit_code == 2 and "at least 10 characters" in res.output
    res = CliRunner().invoke(app, ["desk", "--add-user", "Bob", "--users", str(tmp_path / "u.txt")], input="a long password\nanother one\n")
    assert res.exit_code == 2 and "the two passwords differ" in res.output and not (tmp_path / "u.txt").exists()
    assert PasswordFile(path).verify("Ann Manager", PASSWORD) == "Ann Manager"  # unchanged by the refused tries


def test_a_file_still_arriving_is_not_listed(tmp_path: Path) -> None:
    with live_desk(tmp_path, policy=quiet_policy()) as server:
        client = signed_in(server)
        job, fh = server.desk.runner.begin("slow.jpg", "Ann Tester")  # a file whose bytes are still on their way
        try:
            assert client.get("/api/uploads").json()["jobs"] == []
        finally:
            fh.close()
            server.desk.runner.abandon(job)


def test_sign_out(tmp_path: Path) -> None:
    with live_desk(tmp_path, policy=quiet_policy()) as server:
        base = server.station.base_url()
        client = signed_in(server)
        other = signed_in(server)
        with httpx.Client(base_url=base, timeout=30) as anon:
            page = anon.get("/signed-out")
            assert page.status_code == 200 and "You are signed out" in page.text and 'id="signout"' not in page.text
            assert anon.get("/add").status_code == 401  # the signed-out page opens nothing else
        assert 'id="signout"' in client.get("/add").text
        r = client.post("/api/signout", json={}, headers={"x-csrf-token": csrf_of(client)})
        assert r.status_code == 200 and r.json() == {"next": "/signed-out"} and "Max-Age=0" in r.headers["set-cookie"]
        assert client.get("/add").status_code == 401
        assert other.get("/add").status_code == 200  # only that browser's session ended


def test_a_file_name_that_gives_someone_away_is_neither_posted_nor_zipped(tmp_path: Path) -> None:
    """As scrub does (--names auto): an upload whose name reads like a person's name gets a neutral name for
    its safe copy: on the page, in the download, in the zip and in the posting folder; a camera's own name stays."""
    import io
    import zipfile

    from conftest import photo_like

    with live_desk(tmp_path, policy=quiet_policy()) as server:
        client = signed_in(server)
        csrf = csrf_of(client)
        assert raw(client, csrf, dirty_jpeg(), name="margaret_smith_room14.jpg").status_code == 200
        assert raw(client, csrf, dirty_jpeg(photo_like(320, 240, seed=9)), name="IMG_1234.jpg").status_code == 200
        assert server.desk.runner.wait(120)
        jobs = {j["name"]: j for j in client.get("/api/uploads").json()["jobs"]}
        leaky, camera = jobs["margaret_smith_room14.jpg"], jobs["IMG_1234.jpg"]
        assert leaky["state"] == camera["state"] == "ready"
        assert re.fullmatch(r"photo-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.jpg", leaky["output"]), leaky
        assert camera["output"] == "IMG_1234.jpg" and "renamed" not in camera
        assert leaky["renamed"] == f"Its name could give someone away, so the safe copy is called {leaky['output']}."
        r = client.get(f"/desk/download/{leaky['id']}")
        assert r.status_code == 200 and leaky["output"] in r.headers["content-disposition"]
        assert "margaret" not in r.headers["content-disposition"].lower()
        with zipfile.ZipFile(io.BytesIO(client.get("/desk/safe-copies.zip").content)) as zf:
            assert sorted(zf.namelist()) == sorted([leaky["output"], "IMG_1234.jpg"])
        r = client.post("/api/uploads/post-all", json={}, headers={"x-csrf-token": csrf})
        assert sorted(r.json()["posted"]) == sorted([leaky["output"], "IMG_1234.jpg"])
        out = server.desk.config.out
        assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted([leaky["output"], "IMG_1234.jpg"])
        assert not [p for p in out.rglob("*") if "margaret" in p.name.lower()]


def test_a_download_that_cannot_be_made_says_so_and_leaves_no_half_zip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Review: a zip that failed half-way (a copy removed meanwhile, a full disk) gave a 500 with a traceback
    and left its part in the desk's private folder until the desk closed."""
    import errno

    import mediascrub.review.desk as desk_module

    def full_disk(files: Any, fh: Any) -> None:
        fh.write(b"PK half")
        raise OSError(errno.ENOSPC, "No space left on device")

    with live_desk(tmp_path, policy=quiet_policy()) as server:
        ann = signed_in(server)
        assert raw(ann, csrf_of(ann), dirty_jpeg(), name="a.jpg").status_code == 200
        assert server.desk.runner.wait(120)
        monkeypatch.setattr(desk_module, "zip_safe_copies", full_disk)
        r = ann.get("/desk/safe-copies.zip")
        assert r.status_code == 507 and "could not be made" in r.text and "Traceback" not in r.text
        assert not list(server.desk.runner.root.glob("safe-copies-*"))
