"""The desk's consent register (review/register.py): the same enrolment rules and log as the command line."""

from __future__ import annotations

import datetime as dt
import io
import stat
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from mediascrub.consent.store import Actor, ChangeKind
from mediascrub.enrolment import EnrolmentPhoto
from mediascrub.errors import GalleryError, UsageError
from mediascrub.policy import Policy
from mediascrub.review.desk_words import for_page
from mediascrub.review.register import Register


def _png(pixels: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(pixels).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture(scope="module")
def faces() -> dict[str, EnrolmentPhoto]:
    from skimage import data

    astro = data.astronaut()
    return {
        "front": EnrolmentPhoto("eileen-1.png", _png(astro)),
        "mirror": EnrolmentPhoto("eileen-2.png", _png(np.ascontiguousarray(astro[:, ::-1]))),
        "smaller": EnrolmentPhoto("eileen-3.png", _png(np.asarray(Image.fromarray(astro).resize((384, 384))))),
        "cat": EnrolmentPhoto("cat.png", _png(data.chelsea())),
    }


@pytest.mark.slow
def test_enrol_list_add_withdraw_forget(tmp_path: Path, faces: dict[str, EnrolmentPhoto]) -> None:
    where = tmp_path / "gallery.sqlite"
    kept = tmp_path / "kept"
    reg = Register(where, Policy(), keep_photos=None)
    desk = Actor("Ann Manager", "desk")
    assert reg.people() == []
    done = reg.enrol("Eileen Example", [faces["front"], faces["mirror"]], evidence="form-2026-031", purposes=["social-media", "website"],
                     expires=dt.date.today() + dt.timedelta(days=365), actor=desk)
    assert done.new_encodings == 2 and done.warnings == []
    [row] = reg.people()
    assert row["name"] == "Eileen Example" and row["photos"] == 2 and row["may_show"]
    assert row["records"][0]["purposes"] == "social media, our website" and row["records"][0]["state"].startswith("Valid until ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gallery.sqlite"]  # the photos were not kept anywhere
    with pytest.raises(GalleryError, match="already enrolled"):
        reg.enrol("eileen example", [faces["front"]], evidence="x", purposes=["social-media"], actor=desk)
    with pytest.raises(UsageError, match="no clear face"):
        reg.add_photos("Eileen Example", [faces["cat"]], actor=desk)
    with pytest.raises(UsageError, match="evidence"):
        reg.enrol("Someone", [faces["front"]], evidence=" ", purposes=["social-media"], actor=desk)
    assert reg.add_photos("Eileen Example", [faces["smaller"]], actor=desk).person.encoding_count == 3
    assert reg.withdraw("Eileen Example", actor=desk) == 1
    [row] = reg.people()
    assert not row["may_show"] and row["records"][0]["state"].startswith("Withdrawn on ")
    reg.forget("Eileen Example", actor=desk)
    assert reg.people() == []
    kinds = [c.kind for c in reg.changes()]
    assert kinds == [ChangeKind.FORGET, ChangeKind.WITHDRAW, ChangeKind.ADD_PHOTOS, ChangeKind.ENROL]
    assert all(c.actor == "Ann Manager" and c.via == "desk" for c in reg.changes())
    assert not kept.exists()


@pytest.mark.slow
def test_enrolment_photos_kept_only_when_asked(tmp_path: Path, faces: dict[str, EnrolmentPhoto]) -> None:
    kept = tmp_path / "kept"
    reg = Register(tmp_path / "g.sqlite", Policy(), keep_photos=kept)
    reg.enrol("Eileen", [faces["front"]], evidence="form-1", purposes=["social-media"], actor=Actor("a", "desk"))
    files = [p for p in kept.rglob("*") if p.is_file()]
    assert len(files) == 1 and files[0].read_bytes() == faces["front"].data
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600 and stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    assert "eileen" not in str(files[0]).lower()  # the folder and file names do not name the person
    reg.forget("Eileen", actor=Actor("a", "desk"))
    assert [p for p in kept.rglob("*") if p.is_file()] == []


@pytest.mark.slow
def test_a_keep_folder_that_cannot_be_written_stores_nothing(tmp_path: Path, faces: dict[str, EnrolmentPhoto]) -> None:
    """Review: the photos were kept after the person was stored, so a keep folder the desk could not write
    failed the enrolment with a traceback and left the person stored ('Nothing is stored on any error')."""
    from mediascrub.errors import ConfigError

    (tmp_path / "a-file").write_text("x")
    reg = Register(tmp_path / "g.sqlite", Policy(), keep_photos=tmp_path / "a-file" / "kept")
    with pytest.raises(ConfigError, match="nothing was stored"):
        reg.enrol("Eileen", [faces["front"]], evidence="form-1", purposes=["social-media"], actor=Actor("a", "desk"))
    assert reg.people() == []


def test_messages_for_the_page() -> None:
    assert for_page("--evidence is required: the signed form's file name or document number") == \
        "The consent form's reference is required: the signed form's file name or document number"
    msg = for_page("a.jpg shows 2 faces (1: ...); choose one with --face N (1 is the largest) or use a photo of the person alone; "
                   "nothing was stored")
    assert "--" not in msg and "use a photo of the person alone" in msg
