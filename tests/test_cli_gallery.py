"""``mediascrub gallery ...`` through Typer's CliRunner, and consent end to end through ``scrub``.

Tests taking ``where`` run twice: with a SQLite file in tmp_path, and with a database
on a throw-away PostgreSQL server (tests/pg_cluster.py).

Photos are made in code from scikit-image's astronaut (NASA, public domain)
and chelsea the cat (CC0, no human face).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import stat
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from typer.testing import CliRunner

from mediascrub.cli.gallery import gallery_app
from mediascrub.consent.encodings import pack
from mediascrub.consent.gallery import SCHEMA_VERSION, Gallery

runner = CliRunner()


@pytest.fixture(scope="module")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from skimage import data

    d = tmp_path_factory.mktemp("photos")
    astro = data.astronaut()
    out = {
        "astro": d / "astronaut.png",
        "pair": d / "pair.png",
        "cat": d / "cat.png",
        "rotated": d / "rotated.jpg",
        "missing": d / "missing.jpg",
        "text": d / "notes.jpg",
    }
    out["text"].write_text("not a photo")
    Image.fromarray(astro).save(out["astro"])
    half = np.asarray(Image.fromarray(astro).resize((256, 256), Image.Resampling.LANCZOS))
    Image.fromarray(np.concatenate([half, half[:, ::-1]], axis=1)).save(out["pair"])
    Image.fromarray(data.chelsea()).save(out["cat"])
    # Stored sideways with EXIF orientation 6 ("rotate 90 degrees clockwise to display").
    sideways = Image.fromarray(np.ascontiguousarray(np.rot90(astro, 1)))
    exif = Image.Exif()
    exif[0x0112] = 6
    sideways.save(out["rotated"], quality=95, exif=exif)
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])  # PostgreSQL: test_gallery*.py in the fast lane
def where(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """A folder for a SQLite gallery file, or a PostgreSQL database URL."""
    return tmp_path if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))


def store(where: Path | str) -> Path | str:
    return where if isinstance(where, str) else where / "g.sqlite"


def gal(where: Path | str) -> list[str]:
    return ["--gallery", str(store(where))]


def state(where: Path | str) -> str:
    """The gallery's committed state (SQLite: the file's bytes; PostgreSQL: its change counter)."""
    with Gallery.open(store(where), readonly=True) as g:
        return g.stamp()


def invoke(*args: str) -> tuple[int, str]:
    res = runner.invoke(gallery_app, list(args))
    assert "Traceback" not in res.output
    return res.exit_code, res.output


def add(tmp_path: Path | str, photo: Path, name: str = "Eileen", *extra: str) -> tuple[int, str]:
    return invoke(
        "add",
        name,
        "--photo",
        str(photo),
        "--evidence",
        "release-84.pdf",
        "--purpose",
        "social-media",
        *extra,
        *gal(tmp_path),
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_add_list_show(where: Path | str, photos: dict[str, Path]) -> None:
    code, out = add(where, photos["astro"], "Eileen", "--purpose", "Newsletter", "--expires", "2099-01-01", "--reference-id", "C-42")
    assert code == 0, out
    assert "enrolled Eileen" in out
    path = store(where)
    if isinstance(path, Path):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    code, out = invoke("list", *gal(where))
    assert code == 0 and "Eileen [C-42]: 1 face encoding(s); valid: newsletter, social-media until 2099-01-01" in out
    code, out = invoke("show", "eileen", "--json", *gal(where))
    assert code == 0
    shown = json.loads(out)
    assert shown["encodings"] == 1 and shown["consent_records"][0]["evidence"] == "release-84.pdf"
    code, out = invoke("list", "--json", *gal(where))
    assert "values" not in out and len(out) < 1500  # never the encodings


@pytest.mark.slow
def test_add_applies_exif_orientation(tmp_path: Path, photos: dict[str, Path]) -> None:
    code, out = add(tmp_path, photos["rotated"])
    assert code == 0, out
    code, out = invoke("add", "Eileen", "--existing", "--photo", str(photos["astro"]), *gal(tmp_path))
    assert code == 0, out  # the upright photo is the same person as the rotated one
    with Gallery.open(tmp_path / "g.sqlite") as g:
        e = g.encodings_of("Eileen")
    assert e.shape == (2, 128) and np.linalg.norm(e[0] - e[1]) < 0.2


@pytest.mark.slow
@pytest.mark.parametrize(
    ("photo", "extra", "message"),
    [
        ("cat", (), "no clear face found"),
        ("missing", (), "photo "),
        ("text", (), "photo "),
        ("pair", (), "shows 2 faces"),
        ("pair", ("--face", "3"), "--face 3"),
        ("astro", ("--basis", "best-interests"), "needs --assessment"),
        ("astro", ("--expires", "2026-13-01"), "not a date"),
        ("astro", ("--given", "2020-01-01", "--expires", "2019-01-01"), "must be after"),
    ],
)
def test_add_bad_input_stores_nothing(tmp_path: Path, photos: dict[str, Path], photo: str, extra: tuple[str, ...], message: str) -> None:
    # Into an existing gallery: unchanged. Into a new one: not even created.
    existing = tmp_path / "existing"
    existing.mkdir()
    assert add(existing, photos["astro"], "Someone")[0] == 0
    before = digest(existing / "g.sqlite")
    for where in (existing, tmp_path):
        code, out = add(where, photos[photo], "Eileen", *extra)
        assert code == 2, out  # mistakes in the command: usage errors
        assert message in out and out.startswith("mediascrub: ") and len(out.strip().splitlines()) == 1
    assert digest(existing / "g.sqlite") == before
    assert not (tmp_path / "g.sqlite").exists()


def test_add_usage_errors(tmp_path: Path, photos: dict[str, Path]) -> None:
    code, out = invoke("add", "Eileen", "--photo", str(photos["astro"]), "--purpose", "social-media", *gal(tmp_path))
    assert code == 2 and "--evidence is required" in out
    assert not (tmp_path / "g.sqlite").exists()


@pytest.mark.slow
def test_add_face_choice_and_near_warning(where: Path | str, photos: dict[str, Path]) -> None:
    assert add(where, photos["astro"], "Eileen")[0] == 0
    code, out = add(where, photos["pair"], "Mirror", "--face", "2")
    assert code == 0, out
    assert "warning: Mirror's face is close to Eileen's" in out
    code, out = add(where, photos["astro"], "EILEEN")
    assert code == 3 and "already enrolled" in out


@pytest.mark.slow
def test_unknown_person(where: Path | str, tmp_path: Path, photos: dict[str, Path]) -> None:
    assert add(where, photos["astro"])[0] == 0
    before = state(where)
    for args in (
        ["show", "Nobody"],
        ["withdraw", "Nobody"],
        ["forget", "Nobody", "--yes"],
        ["export", "Nobody", "--out", str(tmp_path / "x.json")],
    ):
        code, out = invoke(*args, *gal(where))
        assert code == 3 and "no one called 'Nobody'" in out, out
    assert state(where) == before
    assert not (tmp_path / "x.json").exists()


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["corrupt", "newer"])
def test_damaged_or_newer_gallery(tmp_path: Path, photos: dict[str, Path], damage: str) -> None:
    assert add(tmp_path, photos["astro"])[0] == 0
    path = tmp_path / "g.sqlite"
    if damage == "corrupt":
        data = bytearray(path.read_bytes())
        data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
        path.write_bytes(bytes(data))
        message = "damaged"
    else:
        conn = sqlite3.connect(path)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
        conn.commit()
        conn.close()
        message = "newer mediascrub"
    before = digest(path)
    for args in (["list"], ["show", "Eileen"], ["withdraw", "Eileen"], ["forget", "Eileen", "--yes"]):
        code, out = invoke(*args, *gal(tmp_path))
        assert code == 3 and message in out, out
    code, out = add(tmp_path, photos["astro"], "Other")
    assert code == 3 and message in out
    assert digest(path) == before


@pytest.mark.slow
def test_withdraw_forget_export(where: Path | str, tmp_path: Path, photos: dict[str, Path]) -> None:
    assert add(where, photos["astro"])[0] == 0
    assert add(where, photos["pair"], "Mirror", "--face", "2")[0] == 0
    path = store(where)
    with Gallery.open(path) as g:
        blob = pack(g.encodings_of("Eileen")[0])
    code, out = invoke("withdraw", "Eileen", "--date", "2020-02-03", *gal(where))
    assert code == 3 and "before consent was given" in out
    today = dt.date.today().isoformat()
    code, out = invoke("withdraw", "Eileen", *gal(where))
    assert code == 0 and f"from {today}" in out
    code, out = invoke("export", "Eileen", "--out", str(tmp_path / "sar.json"), *gal(where))
    assert code == 0, out
    exported = json.loads((tmp_path / "sar.json").read_text())
    assert exported["consent_records"][0]["withdrawn"] == today
    assert pack(np.array(exported["face_encodings"][0]["values"])) == blob
    assert stat.S_IMODE((tmp_path / "sar.json").stat().st_mode) == 0o600
    code, out = invoke("export", "Eileen", "--out", str(tmp_path / "sar.json"), *gal(where))
    assert code == 2 and "already exists" in out
    # forget asks first; "n" changes nothing
    before = state(where)
    res = runner.invoke(gallery_app, ["forget", "Eileen", *gal(where)], input="n\n")
    assert res.exit_code == 1 and state(where) == before
    if isinstance(path, Path):
        assert blob in path.read_bytes()
    res = runner.invoke(gallery_app, ["forget", "Eileen", *gal(where)], input="y\n")
    assert res.exit_code == 0, res.output
    if isinstance(path, Path):  # PostgreSQL's files: test_gallery_stores.py
        data = path.read_bytes()
        assert blob not in data and blob[:16] not in data and b"Eileen" not in data
    code, out = invoke("show", "Eileen", *gal(where))
    assert code == 3 and "no one called" in out
    code, out = invoke("list", *gal(where))
    assert code == 0 and out.startswith("Mirror:")


# ---------------------------------------------------------------- end to end through scrub


def _scrub(tmp_path: Path, where: Path | str, photo: Path, run: str, *extra: str) -> dict:
    from mediascrub.cli.app import app

    policy = tmp_path / "mediascrub.toml"
    if not policy.exists():
        policy.write_text("[text]\nenabled = false\n")  # faster: this test is about faces
    report = tmp_path / f"{run}.json"
    res = runner.invoke(
        app,
        [
            "scrub",
            str(photo),
            "--out",
            str(tmp_path / f"out-{run}"),
            "--report",
            str(report),
            "--policy",
            str(policy),
            *gal(where),
            *extra,
        ],
    )
    assert res.exit_code == 0, res.output
    faces = [f for f in json.loads(report.read_text())["files"][0]["findings"]
             if f["kind"] == "face" and not f.get("detail", {}).get("second_look")]  # not what a second look hid beside her
    assert len(faces) == 1
    return faces[0]


def _has_scrub() -> bool:
    try:
        from mediascrub.cli.app import app

        return any(c.name == "scrub" or getattr(c.callback, "__name__", "") == "scrub" for c in app.registered_commands)
    except Exception:
        return False


@pytest.mark.slow
@pytest.mark.skipif(not _has_scrub(), reason="mediascrub scrub not available")
@pytest.mark.parametrize("change", ["withdraw", "expiry", "purpose"])
def test_consent_flips_end_to_end(
    where: Path | str, tmp_path: Path, photos: dict[str, Path], change: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    today = dt.date.today()
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    code, out = add(where, photos["astro"], "Eileen", "--purpose", "newsletter", "--expires", tomorrow)
    assert code == 0, out
    face = _scrub(tmp_path, where, photos["astro"], "before")
    assert face["action"] == "visible" and face["detail"]["person"] == "Eileen"
    assert face["detail"]["consent"] == {
        "evidence": "release-84.pdf",
        "purpose": "social-media",
        "given": today.isoformat(),
        "expires": tomorrow,
        "basis": "consent",
    }
    extra: tuple[str, ...] = ()
    if change == "withdraw":
        assert invoke("withdraw", "Eileen", *gal(where))[0] == 0
        expected = "consent-withdrawn"
    elif change == "purpose":
        extra = ("--purpose", "print")
        expected = "purpose-not-covered"
    else:  # the next day comes

        class Tomorrow(dt.date):
            @classmethod
            def today(cls) -> Tomorrow:
                return cls.fromordinal(today.toordinal() + 1)

        monkeypatch.setattr(dt, "date", Tomorrow)
        expected = "consent-expired"
    face = _scrub(tmp_path, where, photos["astro"], "after", *extra)
    assert face["action"] == "anonymised" and face["reason"] == expected
    assert face["detail"]["person"] == "Eileen" and "consent" not in face["detail"]


@pytest.mark.parametrize("name", ["", "   "])
def test_add_empty_name_is_a_usage_error(tmp_path: Path, photos: dict[str, Path], name: str) -> None:
    code, out = add(tmp_path, photos["astro"], name)
    assert code == 2, out
    assert "must not be empty" in out and not (tmp_path / "g.sqlite").exists()
