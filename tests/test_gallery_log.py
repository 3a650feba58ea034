"""The consent register's log of changes: written by the store for the command line and the desk alike.

Runs on a SQLite file and on a throw-away PostgreSQL server (tests/pg_cluster.py).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from mediascrub.cli.gallery import gallery_app
from mediascrub.consent.gallery import Gallery, NewConsent
from mediascrub.consent.sqlite import APPLICATION_ID, MIGRATIONS
from mediascrub.consent.store import Actor, ChangeKind
from mediascrub.review.desk_words import describe_change

TODAY = dt.date(2026, 6, 1)


def enc(seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=128)
    return [v / np.linalg.norm(v) * 0.6]


def consent(evidence: str = "form-1.pdf") -> NewConsent:
    return NewConsent(evidence, ("social-media",), dt.date(2026, 1, 1), dt.date(2027, 1, 1))


@pytest.fixture(params=["sqlite", "postgresql"])
def where(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    return tmp_path / "g.sqlite" if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))


def test_every_change_is_logged_with_who(where: Path | str) -> None:
    desk = Actor("Ann Manager", "desk")
    with Gallery.open(where, create=True) as g:
        g.add_person("Eileen", enc(1), consent(), reference_id="C-17", today=TODAY, actor=desk)
        g.add_to_person("Eileen", enc(2), None, today=TODAY, actor=desk)
        g.add_to_person("Eileen", (), consent("form-2.pdf"), today=TODAY, actor=Actor("bob"))
        g.withdraw("eileen", dt.date(2026, 5, 1), actor=desk)
        changes = g.changes()
    assert [c.kind for c in changes] == [ChangeKind.WITHDRAW, ChangeKind.ADD_CONSENT, ChangeKind.ADD_PHOTOS, ChangeKind.ENROL]
    assert all(c.person == "Eileen" and c.reference_id == "C-17" for c in changes)
    assert [(c.actor, c.via) for c in changes][-1] == ("Ann Manager", "desk")
    assert changes[1].actor == "bob" and changes[1].via == "command line"
    enrol = changes[-1]
    assert enrol.detail["evidence"] == "form-1.pdf" and enrol.detail["purposes"] == ["social-media"] and enrol.detail["encodings"] == 1
    assert enrol.detail["expires"] == "2027-01-01"
    assert "Eileen enrolled from 1 photo" in describe_change(enrol)
    assert describe_change(changes[0]) == "consent withdrawn for Eileen from 2026-05-01"
    with Gallery.open(where) as g:
        export = g.export("Eileen")
    assert [line["change"] for line in export["register_log"]] == ["withdraw", "add-consent", "add-photos", "enrol"]


def test_a_failed_change_logs_nothing(where: Path | str) -> None:
    with Gallery.open(where, create=True) as g:
        g.add_person("Eileen", enc(1), consent(), today=TODAY)
        with pytest.raises(Exception, match="already enrolled"):
            g.add_person("EILEEN", enc(3), consent(), today=TODAY)
        g.withdraw("Eileen", TODAY)
        with pytest.raises(Exception, match="no consent left"):
            g.withdraw("Eileen", TODAY)
        assert [c.kind for c in g.changes()] == [ChangeKind.WITHDRAW, ChangeKind.ENROL]


def test_forget_leaves_no_name_in_the_log(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    with Gallery.open(path, create=True) as g:
        g.add_person("Zebedee Quill", enc(1), consent("quill-form-9"), reference_id="REF-ZQ-1", today=TODAY)
        g.add_person("Bob", enc(2), consent(), today=TODAY)
        g.withdraw("Zebedee Quill", TODAY)
        g.forget("zebedee quill", actor=Actor("dpo", "desk"))
        changes = g.changes()
    assert changes[0].kind is ChangeKind.FORGET and changes[0].person is None and changes[0].actor == "dpo"
    assert changes[0].detail == {"records": 1, "encodings": 1}
    about = [c for c in changes if c.kind in (ChangeKind.ENROL, ChangeKind.WITHDRAW) and c.person != "Bob"]
    assert len(about) == 2 and all(c.person is None and c.reference_id is None and c.detail == {} for c in about)
    assert describe_change(changes[0]) == "a forgotten person forgotten: consent records and face data erased"
    data = path.read_bytes()
    for secret in (b"Zebedee", b"Quill", b"quill-form-9", b"REF-ZQ-1"):
        assert secret not in data


def test_a_register_from_before_the_log_is_read_as_it_is_and_upgraded_by_a_writer(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    conn = sqlite3.connect(path)
    for sql in MIGRATIONS[0]:
        conn.execute(sql)
    conn.execute("INSERT INTO people (name, created) VALUES ('Old Timer', '2025-01-01T00:00:00+00:00')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    path.chmod(0o600)
    before = path.read_bytes()
    with Gallery.open(path, readonly=True) as g:  # a watcher started before anyone upgraded it
        assert [p.name for p in g.people()] == ["Old Timer"] and g.changes() == [] and g.schema_version == 1
    assert path.read_bytes() == before
    with Gallery.open(path) as g:
        assert g.schema_version == 2
        assert g.changes() == []


def test_cli_log_shows_the_changes(tmp_path: Path) -> None:
    path = tmp_path / "g.sqlite"
    with Gallery.open(path, create=True) as g:
        g.add_person("Eileen", enc(1), consent(), today=TODAY, actor=Actor("Ann Manager", "desk"))
    res = CliRunner().invoke(gallery_app, ["withdraw", "Eileen", "--gallery", str(path)])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(gallery_app, ["log", "--gallery", str(path)])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert "consent withdrawn for Eileen" in lines[0] and "command line" in lines[0]
    assert "Eileen enrolled from 1 photo (form form-1.pdf: social media, until 31 December 2026)" in lines[1]
    assert "Ann Manager, desk" in lines[1]
