"""A throw-away PostgreSQL server for the tests: ``initdb`` + ``pg_ctl`` in a temp folder, stopped at the end.

Uses Debian's ``postgresql`` package (binaries in ``/usr/lib/postgresql/*/bin``) or
any ``initdb`` on PATH. PostgreSQL refuses to run as root, so when the tests run
as root (CI) the server runs as the ``postgres`` system user (created by the
package) through ``runuser``. It listens on 127.0.0.1 at a free port with
password (SCRAM) authentication for the test role, whose password reaches
libpq through a ``.pgpass`` file named by ``$PGPASSFILE``, as in a deployment.

``$MEDIASCRUB_TEST_POSTGRES`` = ``postgresql://superuser@host:port/db`` uses a
server of your own instead. Without either, the PostgreSQL tests are skipped,
unless ``$MEDIASCRUB_REQUIRE_POSTGRES=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROLE = "mediascrub_test"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Cluster:
    """A running server: ``admin`` connects as superuser; ``url(db)`` as the test role (password from .pgpass)."""

    host: str
    port: int
    admin_dsn: str  # superuser, for creating databases and roles; "{db}" stands for the database
    password: str
    pgpass: Path
    data_dir: Path | None  # None for a server that is not ours

    def url(self, db: str, *, with_password: bool = False) -> str:
        auth = f"{ROLE}:{self.password}" if with_password else ROLE
        return f"postgresql://{auth}@{self.host}:{self.port}/{db}"

    def admin(self, sql: str, db: str = "postgres") -> list[tuple[object, ...]]:
        import psycopg

        with psycopg.connect(self.admin_dsn.replace("{db}", db), autocommit=True) as conn:
            cur = conn.execute(sql)  # type: ignore[arg-type]
            return cur.fetchall() if cur.description else []

    def create_db(self) -> str:
        name = "g_" + secrets.token_hex(6)
        self.admin(f'CREATE DATABASE "{name}" OWNER {ROLE}')
        return name

    def drop_db(self, name: str) -> None:
        with contextlib.suppress(Exception):
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run_as(user: str | None, cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    if user is not None:
        cmd = ["runuser", "-u", user, "--", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kw)  # type: ignore[call-overload]


@contextlib.contextmanager
def start_cluster() -> Iterator[Cluster | str]:
    """A running throw-away server, or a string saying why there is none."""
    own = os.environ.get("MEDIASCRUB_TEST_POSTGRES", "").strip()
    try:
        import psycopg  # noqa: F401
    except ImportError:
        yield "psycopg is not installed (pip install -e '.[test]')"
        return
    password = secrets.token_urlsafe(16)
    tmp = Path(tempfile.mkdtemp(prefix="mediascrub-pg-"))
    pgpass = tmp / "pgpass"
    if own:
        import urllib.parse

        u = urllib.parse.urlsplit(own)
        cluster = Cluster("", 0, urllib.parse.urlunsplit((u.scheme, u.netloc, "/{db}", u.query, "")), password, pgpass, None)
        cluster.host, cluster.port = u.hostname or "127.0.0.1", u.port or 5432
        cluster.admin(f"DROP ROLE IF EXISTS {ROLE}")
        cluster.admin(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{password}'")
        pgpass.write_text(f"{cluster.host}:{cluster.port}:*:{ROLE}:{password}\n")
        os.chmod(pgpass, 0o600)
        try:
            yield cluster
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
    if not initdb or not pg_ctl:
        shutil.rmtree(tmp, ignore_errors=True)
        yield "PostgreSQL is not installed (Debian: apt-get install postgresql)"
        return
    user: str | None = None
    if os.geteuid() == 0:
        try:
            entry = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(tmp, ignore_errors=True)
            yield "running as root and there is no 'postgres' user to run the server as"
            return
        user = "postgres"
        os.chmod(tmp, 0o755)
    data, sock = tmp / "data", tmp / "sock"
    sock.mkdir()
    if user is not None:
        os.chown(sock, entry.pw_uid, entry.pw_gid)
        data.mkdir(mode=0o700)
        os.chown(data, entry.pw_uid, entry.pw_gid)
    pwfile = tmp / "superuser-password"
    r = _run_as(
        user,
        [initdb, "-D", str(data), "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
         "--no-sync"],
    )
    if r.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        yield f"initdb failed: {r.stderr.strip()[-300:]}"
        return
    port = _free_port()
    opts = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60"
    r = _run_as(user, [pg_ctl, "-D", str(data), "-l", str(sock / "server.log"), "-w", "-t", "60", "-o", opts, "start"])
    if r.returncode != 0:
        log = (sock / "server.log").read_text() if (sock / "server.log").exists() else ""
        shutil.rmtree(tmp, ignore_errors=True)
        yield f"pg_ctl start failed: {r.stderr.strip()[-300:]} {log[-300:]}"
        return
    try:
        cluster = Cluster("127.0.0.1", port, f"postgresql://postgres@/{{db}}?host={sock}&port={port}", password, pgpass, data)
        cluster.admin(f"CREATE ROLE {ROLE} LOGIN PASSWORD '{password}'")
        pgpass.write_text(f"127.0.0.1:{port}:*:{ROLE}:{password}\n")
        os.chmod(pgpass, 0o600)
        pwfile.unlink(missing_ok=True)
        yield cluster
    finally:
        _run_as(user, [pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"])
        time.sleep(0.1)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Cluster]:
    with start_cluster() as cluster:
        if isinstance(cluster, str):
            if os.environ.get("MEDIASCRUB_REQUIRE_POSTGRES") == "1":
                pytest.fail(f"no PostgreSQL server for the tests: {cluster}")
            pytest.skip(f"no PostgreSQL server for the tests: {cluster}")
        yield cluster


@pytest.fixture()
def postgres_url(postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty database owned by the test role; its URL carries no password (libpq reads $PGPASSFILE)."""
    monkeypatch.setenv("PGPASSFILE", str(postgres_cluster.pgpass))
    db = postgres_cluster.create_db()
    try:
        yield postgres_cluster.url(db)
    finally:
        postgres_cluster.drop_db(db)


BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def gallery_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a new gallery goes, once per backend: a file path (SQLite) or a database URL (PostgreSQL)."""
    if request.param == "sqlite":
        return str(tmp_path / "g.sqlite")
    return str(request.getfixturevalue("postgres_url"))
