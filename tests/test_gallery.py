"""The consent gallery store: round trips, permissions, schema, damage, forgetting, export.

Every behaviour the two stores share runs against both (``gallery_location`` is a
SQLite file, then a database on a throw-away PostgreSQL server: tests/pg_cluster.py).
Uses synthetic encodings only (the store never looks at faces).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import numpy as np
import pytest

from mediascrub.consent.encodings import pack
from mediascrub.consent.gallery import (
    APPLICATION_ID,
    GALLERY_ENV,
    SCHEMA_VERSION,
    Basis,
    EncodingSource,
    Gallery,
    NewConsent,
    default_gallery_path,
    resolve_gallery_path,
)
from mediascrub.errors import GalleryError

TODAY = dt.date(2026, 6, 1)


def enc(seed: int, n: int = 1) -> list[np.ndarray]:
    """``n`` random unit-ish 128-d encodings (like dlib's: norm about 1)."""
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 128))
    return list(v / np.linalg.norm(v, axis=1, keepdims=True))


def consent(**kw: object) -> NewConsent:
    base: dict[str, object] = {
        "evidence": "form-17.pdf",
        "purposes": ("social-media", "Newsletter"),
        "given": dt.date(2026, 1, 10),
        "expires": dt.date(2027, 1, 10),
    }
    base.update(kw)
    return NewConsent(**base)  # type: ignore[arg-type]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make(path: Path | str) -> Gallery:
    return Gallery.open(path, create=True)


def test_round_trip(gallery_location: str) -> None:
    path = gallery_location
    a = enc(1, 2)
    with make(path) as g:
        g.add_person(
            "Ann  Lee",
            a,
            consent(),
            reference_id="C-001",
            sources=[EncodingSource("a.jpg", "00" * 32), None],
            today=TODAY,
        )
        g.add_person("Bob", enc(2), consent(basis=Basis.BEST_INTERESTS, assessment="BIA-2026-04"), today=TODAY)
    with Gallery.open(path, readonly=True) as g:
        people = g.people()
        assert [p.name for p in people] == ["Ann Lee", "Bob"]  # whitespace normalised
        ann = g.person("ann lee")  # case-insensitive lookup
        assert ann.reference_id == "C-001" and ann.encoding_count == 2
        (rec,) = ann.records
        assert rec.evidence == "form-17.pdf"
        assert rec.purposes == ("newsletter", "social-media")  # normalised, sorted
        assert rec.given == dt.date(2026, 1, 10) and rec.expires == dt.date(2027, 1, 10)
        assert rec.withdrawn is None and rec.basis is Basis.CONSENT
        stored = g.encodings_of("Ann Lee")
        assert stored.dtype == np.float64 and np.array_equal(stored, np.array(a))  # bit-exact
        bob = g.person("Bob")
        assert bob.records[0].basis is Basis.BEST_INTERESTS and bob.records[0].assessment == "BIA-2026-04"
        idx = g.index()
        assert idx.matrix.shape == (3, 128)
        nearest = idx.person_distances(a[1])
        assert nearest[0][0].name == "Ann Lee" and nearest[0][1] == pytest.approx(0.0)
        assert nearest[1][0].name == "Bob" and nearest[1][1] > 1.0


def test_created_private(tmp_path: Path) -> None:
    path = tmp_path / "new" / "deeper" / "g.sqlite"
    make(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700


def test_readable_by_others_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    make(path).close()
    os.chmod(path, 0o644)
    with Gallery.open(path) as g:
        assert any("0644" in n for n in g.notes)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_schema_version_and_marker(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    with make(path) as g:
        assert g.schema_version == SCHEMA_VERSION
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_empty_file_is_migrated_to_current_schema(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    path.touch(mode=0o600)
    with Gallery.open(path) as g:
        assert g.schema_version == SCHEMA_VERSION
        g.add_person("Ann", enc(1), consent(), today=TODAY)


def _set_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.commit()
    conn.close()


def test_newer_schema_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    with make(path) as g:
        g.add_person("Ann", enc(1), consent(), today=TODAY)
    _set_version(path, SCHEMA_VERSION + 1)
    before = digest(path)
    for readonly in (False, True):
        with pytest.raises(GalleryError, match="newer mediascrub"):
            Gallery.open(path, readonly=readonly)
    assert digest(path) == before


def test_older_schema_needs_write_access_to_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")  # a database from before the schema
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.commit()
    conn.close()
    os.chmod(path, 0o600)
    with pytest.raises(GalleryError, match="older schema"):
        Gallery.open(path, readonly=True)


@pytest.mark.parametrize(
    "damage",
    ["garbage", pytest.param("truncated", marks=pytest.mark.slow), pytest.param("foreign", marks=pytest.mark.slow), "zeroed-page"],
)
def test_damaged_gallery_refused_unchanged(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "g.sqlite"
    with make(path) as g:
        for i in range(40):
            g.add_person(f"Person {i}", enc(i, 3), consent(), today=TODAY)
    data = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(np.random.default_rng(0).bytes(len(data)))
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "foreign":
        path.unlink()
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, jpeg BLOB)")
        conn.commit()
        conn.close()
    else:  # a page in the middle overwritten with zeros
        page = 4096
        path.write_bytes(data[: 3 * page] + b"\0" * page + data[4 * page :])
    os.chmod(path, 0o600)
    before = digest(path)
    with pytest.raises(GalleryError) as err:
        with Gallery.open(path) as g:
            g.people()
            g.index()
    assert str(path) in str(err.value)
    assert digest(path) == before


def test_missing_gallery(tmp_path: Path) -> None:
    with pytest.raises(GalleryError, match="no consent gallery"):
        Gallery.open(tmp_path / "none.sqlite")
    with pytest.raises(GalleryError):
        Gallery.open(tmp_path / "none.sqlite", create=True, readonly=True)
    assert not (tmp_path / "none.sqlite").exists()


def test_forget_leaves_no_bytes(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    ann, bob = enc(11, 3), enc(12, 2)
    with make(path) as g:
        g.add_person("Ann Zebedee-Quill", ann, consent(evidence="ann-form-XYZ.pdf"), today=TODAY)
        g.add_person("Bob", bob, consent(), today=TODAY)
    data = path.read_bytes()
    assert all(pack(e) in data for e in ann)  # the search below can find them
    with Gallery.open(path) as g:
        g.forget("ann zebedee-quill")
        assert [p.name for p in g.people()] == ["Bob"]
    data = path.read_bytes()
    for e in ann:
        blob = pack(e)
        assert blob not in data
        assert blob[:16] not in data and blob[-16:] not in data  # not even a fragment
    assert b"Zebedee" not in data and b"ann-form-XYZ" not in data
    assert all(pack(e) in data for e in bob)  # the others are untouched
    for suffix in ("-journal", "-wal"):
        assert not Path(str(path) + suffix).exists()


def test_withdraw(gallery_location: str) -> None:
    with make(gallery_location) as g:
        g.add_person("Ann", enc(1), consent(), today=TODAY)
        g.add_to_person("Ann", consent=consent(evidence="renewal.pdf", given=dt.date(2026, 3, 1)), today=TODAY)
        assert g.withdraw("Ann", dt.date(2026, 5, 1)) == 2
        assert all(r.withdrawn == dt.date(2026, 5, 1) for r in g.person("Ann").records)
        with pytest.raises(GalleryError, match="no consent left"):
            g.withdraw("Ann")
        g.add_person("Bob", enc(2), consent(given=dt.date(2026, 2, 1)), today=TODAY)
        with pytest.raises(GalleryError, match="before consent was given"):
            g.withdraw("Bob", dt.date(2026, 1, 1))
        assert g.person("Bob").records[0].withdrawn is None


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"basis": Basis.BEST_INTERESTS}, "needs --assessment"),
        ({"assessment": "BIA-1"}, "only applies"),
        ({"evidence": "  "}, "--evidence is required"),
        ({"purposes": ()}, "at least one --purpose"),
        ({"purposes": ("social media!",)}, "is not valid"),
        ({"expires": dt.date(2026, 1, 10)}, "must be after"),
        ({"given": dt.date(2026, 7, 1)}, "in the future"),
    ],
)
def test_invalid_consent_stores_nothing(gallery_location: str, kwargs: dict[str, object], message: str) -> None:
    with make(gallery_location) as g:
        with pytest.raises(GalleryError, match=message):
            g.add_person("Ann", enc(1), consent(**kwargs), today=TODAY)
        assert g.people() == []


def test_bad_requests_change_nothing(gallery_location: str) -> None:
    path = gallery_location
    with make(path) as g:
        g.add_person("Ann", enc(1), consent(), today=TODAY)
        before = g.stamp()
    with Gallery.open(path) as g:
        with pytest.raises(GalleryError, match="already enrolled"):
            g.add_person("ANN", enc(2), consent(), today=TODAY)
        with pytest.raises(GalleryError, match="no one called"):
            g.withdraw("Nobody")
        with pytest.raises(GalleryError, match="no one called"):
            g.forget("Nobody")
        with pytest.raises(GalleryError, match="no one called"):
            g.export("Nobody")
        with pytest.raises(GalleryError, match="128 finite"):
            g.add_person("Cy", [enc(3)[0], np.full(128, np.nan)], consent(), today=TODAY)
        with pytest.raises(GalleryError, match="name"):
            g.add_person("bad\x1bname", enc(4), consent(), today=TODAY)
        assert [p.name for p in g.people()] == ["Ann"]
    with Gallery.open(path) as g:
        assert g.stamp() == before  # for SQLite the file's bytes; for PostgreSQL its change counter


def test_readonly_refuses_writes(gallery_location: str) -> None:
    path = gallery_location
    with make(path) as g:
        g.add_person("Ann", enc(1), consent(), today=TODAY)
    with Gallery.open(path, readonly=True) as g:
        with pytest.raises(GalleryError, match="read-only"):
            g.add_person("Bob", enc(2), consent(), today=TODAY)
        for change in (lambda: g.withdraw("Ann"), lambda: g.forget("Ann"), lambda: g.add_to_person("Ann", enc(3))):
            with pytest.raises(GalleryError, match="read-only"):
                change()
        assert g.person("Ann").records[0].withdrawn is None


def test_export(gallery_location: str) -> None:
    a = enc(5, 2)
    with make(gallery_location) as g:
        g.add_person("Ann", a, consent(), reference_id="C-9", sources=[EncodingSource("a.jpg", "ab" * 32)], today=TODAY)
        g.add_person("Bob", enc(6), consent(), today=TODAY)
        data = g.export("ann")
    assert data["person"] == {"name": "Ann", "reference_id": "C-9", "created": data["person"]["created"]}
    assert data["consent_records"][0]["evidence"] == "form-17.pdf"
    vals = [e["values"] for e in data["face_encodings"]]
    assert np.array_equal(np.array(vals), np.array(a))
    assert data["face_encodings"][0]["photo_file_name"] == "a.jpg"
    import json

    json.dumps(data)  # JSON-safe


def test_gallery_path_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(GALLERY_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_gallery_path() == tmp_path / "xdg" / "mediascrub" / "gallery.sqlite"
    assert resolve_gallery_path(None) == (default_gallery_path(), False)
    monkeypatch.setenv(GALLERY_ENV, str(tmp_path / "env.sqlite"))
    assert resolve_gallery_path(None) == (tmp_path / "env.sqlite", True)
    assert resolve_gallery_path(tmp_path / "flag.sqlite") == (tmp_path / "flag.sqlite", True)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_gallery_path() == tmp_path / "home" / ".local" / "share" / "mediascrub" / "gallery.sqlite"


def test_index_follows_changes_made_by_another_process(gallery_location: str) -> None:
    """The watcher keeps the gallery open: a withdrawal made meanwhile must count at once."""
    path = gallery_location
    with make(path) as writer:
        writer.add_person("Ann", enc(1), consent(), today=TODAY)
    with Gallery.open(path, readonly=True) as reader:
        first = reader.index()
        assert first is reader.index()  # cached while nothing changes
        with Gallery.open(path) as writer:
            writer.withdraw("Ann", TODAY)
            writer.add_person("Bob", enc(2), consent(), today=TODAY)
        now = reader.index()
        assert [p.name for p in now.people] == ["Ann", "Bob"]
        assert now.people[0].records[0].withdrawn == TODAY
        with Gallery.open(path) as writer:
            writer.forget("Ann")
        assert [p.name for p in reader.index().people] == ["Bob"]
        assert reader.index().matrix.shape == (1, 128)
