"""What the two gallery stores add: PostgreSQL schema checks, real erasure, writers from two processes at
once, passwords never shown, and SQLite refusing to write on a network file system.

PostgreSQL runs as a throw-away server (tests/pg_cluster.py); nothing is mocked.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from pg_cluster import ROLE, Cluster
from typer.testing import CliRunner

from mediascrub.consent.encodings import pack
from mediascrub.consent.gallery import GALLERY_ENV, SCHEMA_VERSION, Gallery, NewConsent, resolve_gallery
from mediascrub.consent.sqlite import filesystem_type, network_filesystem
from mediascrub.errors import GalleryError

REPO = Path(__file__).resolve().parents[1]
TODAY = dt.date.today()
GIVEN = TODAY - dt.timedelta(days=30)


def enc(seed: int, n: int = 1) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 128))
    return list(v / np.linalg.norm(v, axis=1, keepdims=True))


def consent(evidence: str = "form-17.pdf") -> NewConsent:
    return NewConsent(evidence=evidence, purposes=("social-media",), given=GIVEN)


def db_of(url: str) -> str:
    return url.rsplit("/", 1)[1]


def role_sql(url: str, sql: str) -> None:
    """Run SQL as the test role (the gallery's owner), outside mediascrub."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


# ---------------------------------------------------------------- PostgreSQL: schema


def test_postgres_schema_is_versioned(postgres_url: str, postgres_cluster: Cluster) -> None:
    with Gallery.open(postgres_url, create=True) as g:
        assert g.schema_version == SCHEMA_VERSION
        g.add_person("Ann", enc(1), consent())
    rows = postgres_cluster.admin("SELECT application, schema_version FROM mediascrub_gallery", db_of(postgres_url))
    assert rows == [("mediascrub-gallery", SCHEMA_VERSION)]
    # a newer schema is refused, for reading and writing, and nothing changes
    postgres_cluster.admin(f"UPDATE mediascrub_gallery SET schema_version = {SCHEMA_VERSION + 1}", db_of(postgres_url))
    before = postgres_cluster.admin("SELECT generation FROM mediascrub_gallery", db_of(postgres_url))
    for readonly in (False, True):
        with pytest.raises(GalleryError, match="newer mediascrub"):
            Gallery.open(postgres_url, readonly=readonly)
    assert postgres_cluster.admin("SELECT generation FROM mediascrub_gallery", db_of(postgres_url)) == before


def test_postgres_older_schema_is_migrated_by_a_writer_only(postgres_url: str) -> None:
    from mediascrub.consent.postgres import BOOTSTRAP

    role_sql(postgres_url, BOOTSTRAP)
    role_sql(
        postgres_url, "INSERT INTO mediascrub_gallery (id, application, schema_version, created) VALUES (1, 'mediascrub-gallery', 0, 'x')"
    )
    with pytest.raises(GalleryError, match="older schema"):
        Gallery.open(postgres_url, readonly=True)
    with Gallery.open(postgres_url) as g:  # a writer migrates it
        assert g.schema_version == SCHEMA_VERSION
        g.add_person("Ann", enc(1), consent())
    with Gallery.open(postgres_url, readonly=True) as g:
        assert [p.name for p in g.people()] == ["Ann"]


def test_postgres_missing_or_foreign_database_is_refused_untouched(postgres_url: str, postgres_cluster: Cluster) -> None:
    with pytest.raises(GalleryError, match="no consent gallery"):
        Gallery.open(postgres_url)
    with pytest.raises(GalleryError, match="no consent gallery"):
        Gallery.open(postgres_url, create=True, readonly=True)
    tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
    assert postgres_cluster.admin(tables, db_of(postgres_url)) == [(0,)]
    role_sql(postgres_url, "CREATE TABLE photos (id int PRIMARY KEY, jpeg bytea)")
    with pytest.raises(GalleryError, match="other table"):
        Gallery.open(postgres_url, create=True)
    assert postgres_cluster.admin(tables, db_of(postgres_url)) == [(1,)]


def test_postgres_connection_problems_are_one_clear_line(postgres_cluster: Cluster, postgres_url: str) -> None:
    wrong = postgres_url.replace(f"{ROLE}@", f"{ROLE}:not-the-password-Zq9@")
    with pytest.raises(GalleryError) as err:
        Gallery.open(wrong)
    assert "cannot connect" in str(err.value) and "not-the-password-Zq9" not in str(err.value) and "***" in str(err.value)
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with pytest.raises(GalleryError, match="cannot connect"):
        Gallery.open(f"postgresql://{ROLE}@127.0.0.1:{closed}/x")


def test_postgres_watcher_connection_survives_a_dropped_session(postgres_url: str, postgres_cluster: Cluster) -> None:
    """A long-running reader whose connection was cut (server restart, idle timeout) connects again."""
    with Gallery.open(postgres_url, create=True) as g:
        g.add_person("Ann", enc(1), consent())
    with Gallery.open(postgres_url, readonly=True) as reader:
        assert len(reader.index()) == 1
        postgres_cluster.admin(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{db_of(postgres_url)}' AND pid <> pg_backend_pid()"
        )
        time.sleep(0.2)
        with Gallery.open(postgres_url) as writer:
            writer.withdraw("Ann")
        assert reader.index().people[0].records[0].withdrawn == TODAY


# ---------------------------------------------------------------- PostgreSQL: forget erases for real


def _database_files(cluster: Cluster, url: str) -> bytes:
    """Every byte of the database's table and index files (base/<oid>/), after a checkpoint wrote them out."""
    assert cluster.data_dir is not None
    cluster.admin("CHECKPOINT")
    oid = cluster.admin(f"SELECT oid FROM pg_database WHERE datname = '{db_of(url)}'")[0][0]
    folder = cluster.data_dir / "base" / str(oid)
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def test_postgres_forget_leaves_no_bytes_in_the_database_files(postgres_url: str, postgres_cluster: Cluster) -> None:
    if postgres_cluster.data_dir is None:
        pytest.skip("needs the test's own server (its data folder is read)")
    ann, bob = enc(11, 3), enc(12, 2)
    with Gallery.open(postgres_url, create=True) as g:
        g.add_person("Ann Zebedee-Quill", ann, consent("ann-form-XYZ.pdf"), reference_id="REF-ANN-77")
        g.add_person("Bob", bob, consent())
        g.withdraw("Ann Zebedee-Quill")  # an UPDATE leaves an old row version behind too
    data = _database_files(postgres_cluster, postgres_url)
    assert all(pack(e) in data for e in ann) and b"Zebedee" in data  # the search below can find them
    with Gallery.open(postgres_url) as g:
        g.forget("ann zebedee-quill")
        assert [p.name for p in g.people()] == ["Bob"]
        assert g.notes == []
    data = _database_files(postgres_cluster, postgres_url)
    for e in ann:
        blob = pack(e)
        assert blob not in data and blob[:16] not in data and blob[-16:] not in data
    assert b"Zebedee" not in data and b"zebedee" not in data and b"ann-form-XYZ" not in data and b"REF-ANN-77" not in data
    assert all(pack(e) in data for e in bob)  # the others are untouched
    counts = postgres_cluster.admin(
        "SELECT (SELECT count(*) FROM people), (SELECT count(*) FROM consent_records), "
        "(SELECT count(*) FROM consent_purposes), (SELECT count(*) FROM encodings)",
        db_of(postgres_url),
    )
    assert counts == [(1, 1, 1, 2)]


def test_postgres_forget_needs_the_tables_owner(postgres_url: str, postgres_cluster: Cluster) -> None:
    with Gallery.open(postgres_url, create=True) as g:
        g.add_person("Ann", enc(1), consent())
    reader = f"reader_{db_of(postgres_url)}"
    postgres_cluster.admin(f"CREATE ROLE {reader} LOGIN PASSWORD '{postgres_cluster.password}'")
    try:
        postgres_cluster.admin(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {reader}", db_of(postgres_url))
        pgpass = postgres_cluster.pgpass
        pgpass.write_text(pgpass.read_text() + f"{postgres_cluster.host}:{postgres_cluster.port}:*:{reader}:{postgres_cluster.password}\n")
        with Gallery.open(postgres_url.replace(f"{ROLE}@", f"{reader}@")) as g:
            assert [p.name for p in g.people()] == ["Ann"]  # a watcher's role can read
            with pytest.raises(GalleryError, match="owns the gallery's tables"):
                g.forget("Ann")
            assert [p.name for p in g.people()] == ["Ann"]
    finally:
        postgres_cluster.drop_db(db_of(postgres_url))
        postgres_cluster.admin(f"DROP ROLE IF EXISTS {reader}")


# ---------------------------------------------------------------- two processes writing at once

WRITER = r"""
import datetime as dt, json, sys, time
from pathlib import Path
import numpy as np
from mediascrub.consent.gallery import Gallery, NewConsent
from mediascrub.errors import GalleryError

location, me, n, start = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
given = dt.date.today() - dt.timedelta(days=30)
while not start.exists():
    time.sleep(0.005)
added = withdrawn = refused = 0
g = Gallery.open(location)
for i in range(n):
    v = np.random.default_rng(hash((me, i)) % 2**32).normal(size=128)
    g.add_person(f"{me}-{i}", [v], NewConsent(f"{me}-{i}.pdf", ("social-media",), given))
    g.add_to_person("Shared", consent=NewConsent(f"renewal-{me}-{i}.pdf", ("newsletter",), given))
    added += 1
    try:
        withdrawn += g.withdraw("Shared")
    except GalleryError as exc:
        assert "no consent left" in str(exc), exc
        refused += 1
g.close()
print(json.dumps({"added": added, "withdrawn": withdrawn, "refused": refused}))
"""


@pytest.mark.slow
def test_two_processes_adding_and_withdrawing_at_once_lose_nothing(gallery_location: str, tmp_path: Path) -> None:
    """Two writers race on the same person: every consent record is counted exactly once, none is left active."""
    n = 12
    with Gallery.open(gallery_location, create=True) as g:
        g.add_person("Shared", enc(1), consent("first.pdf"))
    start = tmp_path / "go"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, gallery_location, me, str(n), str(start)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for me in ("A", "B")
    ]
    time.sleep(1.0)  # both have imported and are waiting
    start.touch()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err[-2000:]
        results.append(json.loads(out))
    with Gallery.open(gallery_location, readonly=True) as g:
        people = {p.name: p for p in g.people()}
        assert len(people) == 1 + 2 * n
        shared = people["Shared"].records
        assert len(shared) == 1 + sum(r["added"] for r in results)
        assert all(r.withdrawn is not None for r in shared)  # every add was followed by a withdrawal somewhere
        assert sum(r["withdrawn"] for r in results) == len(shared)  # each record withdrawn exactly once: no lost update
        assert len(g.index().people) == 1 + 2 * n


# ---------------------------------------------------------------- passwords are never shown


def test_password_never_shown(postgres_url: str, postgres_cluster: Cluster, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mediascrub.cli.app import app

    secret = postgres_cluster.password
    monkeypatch.delenv("PGPASSFILE")
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))  # only the URL's password now
    url = postgres_cluster.url(db_of(postgres_url), with_password=True)
    with Gallery.open(url, create=True) as g:
        g.add_person("Ann", enc(1), consent())
        assert secret not in g.location and "***" in g.location
        with pytest.raises(GalleryError) as err:
            g.person("Nobody")
        assert secret not in str(err.value)
    runner = CliRunner()
    res = runner.invoke(app, ["gallery", "list", "--gallery", url])
    assert res.exit_code == 0 and "Ann" in res.output and secret not in res.output
    res = runner.invoke(app, ["gallery", "show", "Nobody", "--gallery", url])
    assert res.exit_code == 3 and "***" in res.output and secret not in res.output
    policy = tmp_path / "mediascrub.toml"
    policy.write_text(f'[consent]\ngallery = "{url}"\n\n[text]\nenabled = false\n')
    for args in (["policy", "show", "--policy", str(policy)], ["policy", "show", "--json", "--policy", str(policy)]):
        res = runner.invoke(app, args)
        assert res.exit_code == 0 and "postgresql://" in res.output and secret not in res.output, res.output
    from PIL import Image

    Image.new("RGB", (64, 48), (90, 120, 150)).save(tmp_path / "p.jpg")
    res = runner.invoke(app, ["scrub", str(tmp_path / "p.jpg"), "--out", str(tmp_path / "out"), "--report", str(tmp_path / "r.json"),
                              "--policy", str(policy), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    report = (tmp_path / "r.json").read_text()
    assert secret not in report and secret not in res.output
    assert json.loads(report)["policy"]["consent"]["gallery"].endswith(f":***@{postgres_cluster.host}:{postgres_cluster.port}/{db_of(url)}")


def test_database_urls_resolve_as_urls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = "postgresql://care@db.example/consent"
    assert resolve_gallery(url) == (url, True)
    monkeypatch.setenv(GALLERY_ENV, "postgres://care@db.example/consent")
    assert resolve_gallery(None) == ("postgres://care@db.example/consent", True)
    assert resolve_gallery(str(tmp_path / "g.sqlite")) == (tmp_path / "g.sqlite", True)


# ---------------------------------------------------------------- SQLite on a network file system

MOUNTS = """sysfs /sys sysfs rw,nosuid 0 0
/dev/sda1 / ext4 rw,relatime 0 0
server:/export {share} nfs4 rw,relatime,vers=4.2 0 0
//nas/photos {smb} cifs rw,relatime 0 0
"""


def test_mount_table_lookup(tmp_path: Path) -> None:
    share, smb = tmp_path / "share", tmp_path / "with space"
    share.mkdir()
    smb.mkdir()  # a mount point exists while mounted
    mounts = MOUNTS.format(share=share, smb=str(smb).replace(" ", "\\040"))
    assert filesystem_type(tmp_path / "local.sqlite", mounts) == "ext4"
    assert network_filesystem(tmp_path / "local.sqlite", mounts) is None
    assert network_filesystem(share / "deep" / "g.sqlite", mounts) == "nfs4"  # not yet existing: its nearest folder counts
    assert network_filesystem(smb / "g.sqlite", mounts) == "cifs"
    assert network_filesystem(Path("/"), "") is None
    assert network_filesystem(share / "g.sqlite", mounts.replace("nfs4", "fuse.sshfs")) == "fuse.sshfs"


def test_sqlite_gallery_on_a_network_share_is_read_only_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mediascrub.consent.sqlite as sqlite_store
    from mediascrub.cli.app import app

    share = tmp_path / "share"
    share.mkdir()
    path = share / "g.sqlite"
    with Gallery.open(path, create=True) as g:  # made while the folder was a local disk
        g.add_person("Ann", enc(1), consent())
    before = path.read_bytes()
    monkeypatch.setattr(sqlite_store, "read_mounts", lambda: MOUNTS.format(share=share, smb="/nas"))
    with pytest.raises(GalleryError, match=r"network file system \(nfs4\)"):
        Gallery.open(share / "new.sqlite", create=True)
    assert not (share / "new.sqlite").exists()
    with Gallery.open(path, readonly=True) as g:
        assert any("network file system (nfs4)" in n for n in g.notes)
        assert [p.name for p in g.index().people] == ["Ann"]  # scrubbing and watching still work
    with Gallery.open(path) as g:
        with pytest.raises(GalleryError, match="PostgreSQL"):
            g.withdraw("Ann")
        with pytest.raises(GalleryError, match="network file system"):
            g.forget("Ann")
    runner = CliRunner()
    res = runner.invoke(app, ["gallery", "list", "--gallery", str(path)])
    assert res.exit_code == 0 and "warning:" in res.output and "nfs4" in res.output and "Ann" in res.output
    res = runner.invoke(app, ["gallery", "withdraw", "Ann", "--gallery", str(path)])
    assert res.exit_code == 3 and "network file system (nfs4)" in res.output and "Traceback" not in res.output
    assert path.read_bytes() == before


# ---------------------------------------------------------------- moving a gallery: gallery copy


def _everything(location: str | Path) -> list[dict]:
    with Gallery.open(location, readonly=True) as g:
        docs = [g.export(p.name) for p in g.people()]
    for d in docs:
        d.pop("exported")
    return docs


def test_copy_sqlite_to_postgres_and_back_keeps_everything(postgres_url: str, tmp_path: Path, postgres_cluster: Cluster) -> None:
    from mediascrub.cli.app import app
    from mediascrub.consent.gallery import Basis, EncodingSource

    old = tmp_path / "old.sqlite"
    with Gallery.open(old, create=True) as g:
        g.add_person("Ann", enc(1, 2), consent(), reference_id="C-1", sources=[EncodingSource("a.jpg", "ab" * 32)])
        g.add_person("Bob", enc(2), NewConsent("bia.pdf", ("newsletter", "print"), GIVEN, basis=Basis.BEST_INTERESTS, assessment="BIA-9"))
        g.withdraw("Bob")
    runner = CliRunner()
    res = runner.invoke(app, ["gallery", "copy", str(old), "--gallery", postgres_url])
    assert res.exit_code == 0, res.output
    assert "copied 2 people, 2 consent record(s) and 3 face encoding(s)" in res.output
    assert _everything(postgres_url) == _everything(old)  # names, dates, withdrawals, encodings bit for bit, sources
    res = runner.invoke(app, ["gallery", "copy", str(old), "--gallery", postgres_url])  # never into a gallery with people
    assert res.exit_code == 3 and "already holds people" in res.output
    assert len(_everything(postgres_url)) == 2
    res = runner.invoke(app, ["gallery", "copy", postgres_url, "--gallery", str(tmp_path / "back.sqlite")])
    assert res.exit_code == 0, res.output
    assert _everything(tmp_path / "back.sqlite") == _everything(old)


def test_resume_key_follows_a_database_gallery(postgres_url: str) -> None:
    """A re-run skips photos done with the same settings and gallery state: a withdrawal in PostgreSQL must redo them."""
    from mediascrub.policy import load_policy
    from mediascrub.run.batch import settings_key

    with Gallery.open(postgres_url, create=True) as g:
        g.add_person("Ann", enc(1), consent())
    policy, _ = load_policy(None, {"consent.gallery": postgres_url})
    first = settings_key(policy)
    assert settings_key(policy) == first  # reading changes nothing
    with Gallery.open(postgres_url) as g:
        g.withdraw("Ann")
    assert settings_key(policy) != first
