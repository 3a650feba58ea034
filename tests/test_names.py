"""File names: names that are not UTF-8 never break a run or its report."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import dirty_jpeg, photo_like


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "mediascrub", *args], cwd=cwd, capture_output=True, timeout=300)


def _metadata_only(tmp_path: Path) -> Path:
    policy = tmp_path / "policy.toml"
    policy.write_text("[faces]\nenabled = false\n[text]\nenabled = false\n")
    return policy


@pytest.mark.slow
def test_names_that_are_not_utf8(tmp_path: Path) -> None:
    """A name with a Latin-1 byte used to end the batch after publishing with "internal error:
    UnicodeEncodeError" and no report. Now: published, named in the report (read back as the same
    bytes), shown escaped on the console, and a second run finds it done."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    odd = os.fsencode(inbox) + b"/caf\xe9 \xff.jpg"
    with open(odd, "wb") as fh:
        fh.write(dirty_jpeg(photo_like(64, 48)))
    buf = io.BytesIO()
    Image.fromarray(photo_like(40, 30)).save(buf, "PNG")
    (inbox / "plain.png").write_bytes(buf.getvalue())
    with open(os.fsencode(inbox) + b"/text \xfe.jpg", "wb") as fh:
        fh.write(b"not an image at all\n")
    report = tmp_path / "report.json"
    args = ["scrub", "in", "--out", "out", "--report", str(report), "--quarantine", "held", "--policy", str(_metadata_only(tmp_path))]
    first = _run(*args, cwd=tmp_path)
    out = first.stdout.decode("utf-8", "replace") + first.stderr.decode("utf-8", "replace")
    assert first.returncode == 1, out  # the text file is held
    assert "internal error" not in out and "Traceback" not in out
    assert "caf\\xe9 \\xff.jpg" in out  # the odd bytes shown, escaped
    doc = json.loads(report.read_bytes())
    by_input = {os.fsencode(r["input"]): r for r in doc["files"]}
    assert by_input[b"in/caf\xe9 \xff.jpg"]["status"] == "published"
    assert os.path.exists(os.fsencode(tmp_path) + b"/" + os.fsencode(by_input[b"in/caf\xe9 \xff.jpg"]["output"]))
    assert by_input[b"in/text \xfe.jpg"]["status"] == "quarantined"
    assert os.path.exists(os.fsencode(tmp_path / "held") + b"/text \xfe.jpg.reason.txt")
    second = _run(*args, cwd=tmp_path)
    assert second.returncode == 1 and b"internal error" not in second.stdout + second.stderr
    assert b"2 skipped" in second.stdout + second.stderr
    check = _run("check", "--json", "--show-values", os.fsdecode(odd), cwd=tmp_path)
    assert check.returncode == 1 and b"Traceback" not in check.stderr


@pytest.mark.slow
def test_sidecars_are_never_published_nor_quarantined(tmp_path: Path) -> None:
    """.xmp, .aae and .thm files beside photos (metadata, Apple's edit record, a thumbnail that is a JPEG)
    are skipped with a line each: scrub and watch leave them alone."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / "IMG_0001.jpg").write_bytes(dirty_jpeg(photo_like(64, 48)))
    (inbox / "IMG_0001.xmp").write_text("<x:xmpmeta>Doris Smith, Room 14</x:xmpmeta>")
    (inbox / "IMG_0001.AAE").write_text("<plist>adjustments</plist>")
    (inbox / "MVI_0002.THM").write_bytes(dirty_jpeg(photo_like(32, 24)))
    policy = _metadata_only(tmp_path)
    report = tmp_path / "report.json"
    result = _run("scrub", "in", "--out", "out", "--quarantine", "held", "--report", str(report), "--policy", str(policy), cwd=tmp_path)
    text = (result.stdout + result.stderr).decode()
    assert result.returncode == 0, text
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["IMG_0001.jpg"]
    assert not (tmp_path / "held").exists() or not any((tmp_path / "held").iterdir())
    assert "3 sidecar file(s) skipped (never published)" in text and "symbolic link" not in text
    statuses = {Path(r["input"]).name: r["status"] for r in json.loads(report.read_text())["files"]}
    assert statuses == {"IMG_0001.jpg": "published", "IMG_0001.xmp": "skipped", "IMG_0001.AAE": "skipped", "MVI_0002.THM": "skipped"}
    watched = _run("watch", "in", "--out", "wout", "--quarantine", "wheld", "--once", "--settle", "0.2", "--policy", str(policy),
                   cwd=tmp_path)
    wtext = (watched.stdout + watched.stderr).decode()
    assert sorted(p.name for p in (tmp_path / "wout").iterdir()) == ["IMG_0001.jpg"], wtext
    assert not (tmp_path / "wheld").exists() or not any((tmp_path / "wheld").iterdir()), wtext
    assert (inbox / "IMG_0001.xmp").exists() and (inbox / "MVI_0002.THM").exists()
    assert "sidecar" in wtext


NAME_CASES = {
    # gives something away: a neutral name in auto mode
    "doris_smith_room14_birthday": True, "MargaretFletcher": True, "mrs-patel": True, "bob_dementia_ward": True,
    "flat3_12_high_street": True, "42-rue-de-la-mare": True, "JE2 3QB": True, "07700900123": True, "AB12CDE": True,
    "mary.jones@example.com": True, "margaret_birthday": True, "john_and_mary_wedding": True, "room14_doris": True,
    # says nothing about anyone: kept
    "trip_with_Priya": True,
    "IMG_1234": False, "sampleWithExifData": False, "DSC01234": False, "PXL_20240501_123456789": False, "20240501_123456": False,
    "Screenshot 2024-05-01 at 10.00.00": False, "IMG_1234 (2)": False, "garden_party": False, "summer-outing": False,
    "christmas_lunch": False, "team-photo-2023": False, "painting-class": False, "easter_bonnets": False,
    "victoria_sponge": False, "summer_fete_2024": False, "2024": False, "2024-05": False, "2024_05_01": False,
    "Samsung_GT-I9000_Galaxy_S": False, "Sony_DSC-HX5V_2": False, "doris-smith-room14": True, "doris_smith-room14": True,
}


def test_which_names_give_something_away() -> None:
    from mediascrub.policy import TextPolicy
    from mediascrub.stages.filename import name_leak

    wrong = {n: name_leak(n, TextPolicy()) for n, leaks in NAME_CASES.items() if (name_leak(n, TextPolicy()) is not None) != leaks}
    assert wrong == {}
    assert name_leak("team_photo", TextPolicy(names=("Team Photo Person",))) is None
    assert name_leak("kershaw_visit", TextPolicy(names=("Alan Kershaw",)), [("Alan Kershaw", "the names list")]) is not None


@pytest.mark.slow
def test_names_option(tmp_path: Path) -> None:
    """auto renames only the telling names; neutral renames all (two copies of one photo get two names);
    keep renames none; the report maps each input to its output; nothing is overwritten."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    jpeg = dirty_jpeg(photo_like(64, 48))
    for name in ("doris_smith_room14_birthday.jpg", "IMG_1234.jpg", "copy_of_IMG_1234.jpg"):
        (inbox / name).write_bytes(jpeg)
    (inbox / "garden_party.jpg").write_bytes(dirty_jpeg(photo_like(64, 48, seed=3)))
    policy = _metadata_only(tmp_path)
    outputs = {}
    for mode in ("auto", "neutral", "keep"):
        report = tmp_path / f"report-{mode}.json"
        result = _run("scrub", "in", "--out", f"out-{mode}", "--names", mode, "--report", str(report), "--policy", str(policy),
                      cwd=tmp_path)
        assert result.returncode == 0, result.stderr.decode()
        files = json.loads(report.read_text())["files"]
        outputs[mode] = {Path(r["input"]).name: Path(r["output"]).name for r in files}
        assert sorted(p.name for p in (tmp_path / f"out-{mode}").iterdir()) == sorted(outputs[mode].values())
    auto = outputs["auto"]
    assert auto["doris_smith_room14_birthday.jpg"].startswith("photo-") and auto["doris_smith_room14_birthday.jpg"].endswith(".jpg")
    assert "doris" not in auto["doris_smith_room14_birthday.jpg"].lower()
    assert {k: v for k, v in auto.items() if k != "doris_smith_room14_birthday.jpg"} == {
        "IMG_1234.jpg": "IMG_1234.jpg", "copy_of_IMG_1234.jpg": "copy_of_IMG_1234.jpg", "garden_party.jpg": "garden_party.jpg"}
    neutral = outputs["neutral"]
    assert all(v.startswith("photo-") for v in neutral.values()) and len(set(neutral.values())) == 4  # same bytes, two names
    assert outputs["keep"] == {k: k for k in outputs["keep"]}


@pytest.mark.slow
def test_clip_names(tmp_path: Path) -> None:
    from _video_util import panning, write_clip

    inbox = tmp_path / "in"
    inbox.mkdir()
    write_clip(inbox / "doris_smith_birthday.mp4", panning(6, 160, 120))
    (inbox / "margaret_fletcher.mp4").write_bytes((inbox / "doris_smith_birthday.mp4").read_bytes())  # the same clip
    result = _run("scrub", "in", "--out", "out", "--report", "r.json", "--policy", str(_metadata_only(tmp_path)), cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 2 and all(n.startswith("clip-") and n.endswith(".mp4") for n in names), names  # never one over the other
    outputs = {Path(r["input"]).name: Path(r["output"]).name for r in json.loads((tmp_path / "r.json").read_text())["files"]}
    assert sorted(outputs.values()) == names


def test_exclusive_write_never_replaces_a_file(tmp_path: Path) -> None:
    from mediascrub.media.image import atomic_write

    target = tmp_path / "photo-2026-01-01-00000000.jpg"
    atomic_write(target, b"first", exclusive=True)
    try:
        atomic_write(target, b"second", exclusive=True)
        raise AssertionError("an existing file was replaced")
    except FileExistsError:
        pass
    assert target.read_bytes() == b"first" and sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    # A clip is rendered once into the temp file: when its name is taken it goes to the next free one.
    renders = []

    def render(tmp: Path) -> None:
        renders.append(tmp)
        tmp.write_bytes(b"clip")

    second = tmp_path / "photo-2026-01-01-000000000000.jpg"
    third = tmp_path / "photo-2026-01-01-0000000000000000.jpg"
    assert atomic_write(target, render, exclusive=True, alternatives=iter([second, third])) == second
    assert len(renders) == 1 and second.read_bytes() == b"clip" and target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, second.name])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the umask from /proc")
def test_atomic_write_learns_the_umask_without_changing_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.umask(0) to read the umask leaves every thread's new files unprotected for a moment (the review
    station serves requests in threads): the write takes the usual permissions without setting it."""
    from mediascrub.media.image import atomic_write, current_umask

    old = os.umask(0o027)
    try:
        assert current_umask() == 0o027

        def never(mask: int) -> int:
            raise AssertionError(f"the umask was set to {mask:o}")

        monkeypatch.setattr(os, "umask", never)
        written = atomic_write(tmp_path / "photo.jpg", b"pixels")
        assert written.stat().st_mode & 0o777 == 0o640
    finally:
        monkeypatch.undo()
        os.umask(old)


def test_folder_names_are_read_like_file_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder whose name gives someone away is mirrored under a keyed neutral name: the same name for the
    same folder and key (files of one folder stay together run after run), another key another name (the name
    cannot be guessed back by hashing a list of names); plain folders and the file's own name are left as they are."""
    from mediascrub.policy import NameMode, OutputPolicy, Policy
    from mediascrub.run.statedir import names_key
    from mediascrub.stages.filename import FolderNames

    policy = Policy()
    assert policy.output.names is NameMode.AUTO
    folders = FolderNames(policy, b"k" * 32)
    mapped = folders.map(Path("2024/Doris Smith/room14/cake.jpg"))
    assert mapped.parts[0] == "2024" and mapped.parts[2] == "room14" and mapped.name == "cake.jpg"
    assert mapped.parts[1].startswith("folder-") and "doris" not in mapped.as_posix().lower()
    assert folders.map(Path("2024/Doris Smith/other.jpg")).parent == mapped.parents[1]  # one folder, one name
    assert folders.map(Path("Garden party/IMG_1.jpg")) == Path("Garden party/IMG_1.jpg")
    assert folders.map(Path("cake.jpg")) == Path("cake.jpg")
    assert list(folders.renamed) == ["2024/Doris Smith"] and "person name" in folders.renamed["2024/Doris Smith"][1]
    assert FolderNames(policy, b"x" * 32).map(Path("Doris Smith/a.jpg")).parent != mapped.parents[1].relative_to("2024")
    neutral = FolderNames(Policy(output=OutputPolicy(names=NameMode.NEUTRAL)), b"k" * 32).map(Path("Garden party/a.jpg"))
    assert neutral.parent.name.startswith("folder-")
    assert FolderNames(Policy(output=OutputPolicy(names=NameMode.KEEP)), b"k" * 32).map(Path("Doris Smith/a.jpg")) == Path(
        "Doris Smith/a.jpg")
    # The key: made once per output folder, private, then read back.
    monkeypatch.setenv("MEDIASCRUB_STATE_DIR", str(tmp_path / "state"))
    first = names_key(tmp_path / "out")
    assert first == names_key(tmp_path / "out") and len(first) == 32 and first != names_key(tmp_path / "out2")
    key_file = next((tmp_path / "state").rglob("names.key"))
    assert key_file.stat().st_mode & 0o777 == 0o600


@pytest.mark.slow
def test_folders_that_name_someone_are_not_mirrored(tmp_path: Path) -> None:
    """scrub and watch: a photo in a folder named after a client is published under a neutral folder, the
    same one on a second run; the console says so once; quarantine (private) keeps the folders as they are."""
    inbox = tmp_path / "in"
    (inbox / "Doris Smith").mkdir(parents=True)
    (inbox / "Garden").mkdir()
    (inbox / "Doris Smith" / "IMG_1.jpg").write_bytes(dirty_jpeg(photo_like(64, 48)))
    (inbox / "Garden" / "IMG_2.jpg").write_bytes(dirty_jpeg(photo_like(64, 48, seed=2)))
    policy = _metadata_only(tmp_path)
    env_state = tmp_path / "state"
    runs = []
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "mediascrub", "scrub", "in", "--out", "out", "--force", "--policy", str(policy)],
                                cwd=tmp_path, capture_output=True, timeout=300, env={**os.environ, "MEDIASCRUB_STATE_DIR": str(env_state)})
        assert result.returncode == 0, result.stderr.decode()
        runs.append(sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.jpg")))
        assert result.stderr.decode().count("folder Doris Smith is published as folder-") == 1
    assert runs[0] == runs[1] and len(runs[0]) == 2 and "Garden/IMG_2.jpg" in runs[0]
    assert not any("doris" in r.lower() for r in runs[0]) and any(r.startswith("folder-") for r in runs[0])
    watched = subprocess.run([sys.executable, "-m", "mediascrub", "watch", "in", "--out", "w-out", "--once", "--settle", "0",
                              "--policy", str(policy)],
                             cwd=tmp_path, capture_output=True, timeout=300, env={**os.environ, "MEDIASCRUB_STATE_DIR": str(env_state)})
    assert watched.returncode == 0, watched.stderr.decode()
    published = sorted(p.relative_to(tmp_path / "w-out").as_posix() for p in (tmp_path / "w-out").rglob("*.jpg"))
    assert len(published) == 2 and not any("doris" in r.lower() for r in published) and "Garden/IMG_2.jpg" in published


def test_folder_names_open_the_gallery_only_when_names_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """--names neutral renames every folder without reading it, so the consent gallery (biometric data) is not
    opened for it; --names auto reads the gallery's names and closes it again."""
    import mediascrub.pipeline
    from mediascrub.cli.app import _folder_names
    from mediascrub.policy import NameMode, OutputPolicy, Policy

    monkeypatch.setenv("MEDIASCRUB_STATE_DIR", str(tmp_path / "state"))
    opened: list[str] = []

    class Gallery:
        def people(self) -> list[object]:
            return []

        def close(self) -> None:
            opened.append("closed")

    def open_gallery(policy: Policy) -> Gallery:
        opened.append("opened")
        return Gallery()

    monkeypatch.setattr(mediascrub.pipeline, "open_gallery", open_gallery)
    neutral = _folder_names(Policy(output=OutputPolicy(names=NameMode.NEUTRAL)), tmp_path / "out")
    assert neutral.map(Path("Garden/a.jpg")).parent.name.startswith("folder-") and opened == []
    assert _folder_names(Policy(output=OutputPolicy(names=NameMode.KEEP)), tmp_path / "out") is None and opened == []
    assert _folder_names(Policy(), tmp_path / "out").map(Path("Garden/a.jpg")) == Path("Garden/a.jpg")
    assert opened == ["opened", "closed"]


def test_a_state_folder_that_cannot_be_written_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The key for neutral folder names lives in the state folder: when that cannot be made (here it is a
    file), scrub says so in one line, exits non-zero with no traceback and publishes nothing."""
    from typer.testing import CliRunner

    from mediascrub.cli.app import app

    (tmp_path / "in" / "Doris Smith").mkdir(parents=True)
    (tmp_path / "in" / "Doris Smith" / "IMG_1.jpg").write_bytes(dirty_jpeg(photo_like(64, 48)))
    (tmp_path / "state").write_text("not a folder")
    monkeypatch.setenv("MEDIASCRUB_STATE_DIR", str(tmp_path / "state"))
    for names in ("auto", "neutral"):
        result = CliRunner().invoke(app, ["scrub", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--names", names,
                                          "--policy", str(_metadata_only(tmp_path))])
        assert result.exit_code != 0 and (result.exception is None or isinstance(result.exception, SystemExit)), result.exception
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and "state" in lines[0] and "Traceback" not in result.output, result.output
        assert not list((tmp_path / "out").rglob("*.jpg"))
