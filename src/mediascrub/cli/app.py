"""The command line. Typer only: parse options, call the core, render, map errors to exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from ..errors import ConfigError, GalleryError, MediascrubError, ModelError, UsageError, plain_text
from ..findings import Action, Kind, Report, Status
from ..policy import FaceMode, NameMode, Policy, load_policy
from ..report import counts, describe_findings, safe_name, write_json_report
from ..run.engines import Engine
from .common import ExitCode, GalleryOpt, PolicyOpt

app = typer.Typer(
    name="mediascrub",
    help=(
        "Make photos safe to publish: removes hidden data (GPS position, camera serial numbers, "
        "owner names, thumbnails), hides faces of people without consent and hides addresses.\n\n"
        "Originals are never changed: cleaned copies go to a separate folder."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
policy_app = typer.Typer(help="Show the settings in force.", no_args_is_help=True)
app.add_typer(policy_app, name="policy")

from .gallery import gallery_app  # noqa: E402  (the gallery commands live in their own module)

app.add_typer(gallery_app, name="gallery")

from .review import review as review_command  # noqa: E402  (the review station lives in its own module)

app.command("review")(review_command)

from .desk import desk as desk_command  # noqa: E402  (the desk lives in its own module)

app.command("desk")(desk_command)

_state: dict[str, bool] = {"debug": False}


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"mediascrub {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show full error details (tracebacks) for bug reports.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    _state["debug"] = debug
    import warnings

    # Pillow's raw DecompressionBombWarning: the loader enforces output.max_pixels itself, and a large image
    # within it gets one plain note ("large image ...") instead.
    warnings.filterwarnings("ignore", message=r"Image size \(\d+ pixels\) exceeds limit")


def fail(message: str, code: ExitCode) -> NoReturn:
    typer.echo(f"mediascrub: {safe_name(message)}", err=True)
    raise typer.Exit(int(code))


def run_guarded(fn: Any, *args: Any, **kwargs: Any) -> Any:
    """Call the core; turn its exceptions into one clear line and an exit code (no traceback)."""
    try:
        return fn(*args, **kwargs)
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        if _state["debug"]:
            raise
        fail("interrupted; no partial files were left in the output folder", ExitCode.INTERRUPTED)
    except (ConfigError, GalleryError, ModelError) as exc:
        if _state["debug"]:
            raise
        fail(str(exc), ExitCode.CONFIG)
    except UsageError as exc:
        if _state["debug"]:
            raise
        fail(str(exc), ExitCode.USAGE)
    except MediascrubError as exc:
        if _state["debug"]:
            raise
        fail(str(exc), ExitCode.UNSAFE)
    except OSError as exc:  # a read-only or full disk, a folder that went away: one plain line
        if _state["debug"]:
            raise
        where = f" {exc.filename}" if exc.filename else ""
        fail(f"cannot write{where}: {exc.strerror or plain_text(exc)}", ExitCode.UNSAFE)
    except Exception as exc:
        if _state["debug"]:
            raise
        fail(f"internal error: {exc.__class__.__name__}: {plain_text(exc)} (run with --debug for details)", ExitCode.UNSAFE)


# --- options shared by scrub, check and watch --------------------------------------------------

PurposeOpt = Annotated[
    str | None, typer.Option("--purpose", help="What the photo is for; consent must cover it. Default: social-media.")
]
FaceModeOpt = Annotated[
    FaceMode | None,
    typer.Option("--face-mode", case_sensitive=False, help="How faces are hidden: pixelate (default), blur or fill. All are irreversible."),
]
FaceThresholdOpt = Annotated[
    float | None,
    typer.Option(
        "--face-threshold", min=0.01, max=0.99,
        help="Face detector confidence needed (lower finds more faces, and more false alarms). Detections a little below it "
        "are hidden too and may send the file to review.",
    ),
]
MaskScaleOpt = Annotated[
    float | None, typer.Option("--mask-scale", min=1.0, max=3.0, help="Enlarge each face box by this factor to cover hair and jaw.")
]
MinFaceOpt = Annotated[
    int | None, typer.Option("--min-face-size", min=1, help="Ignore detections smaller than this many pixels.")
]
RedactAllTextOpt = Annotated[
    bool | None, typer.Option("--redact-all-text/--redact-address-text", help="Hide every piece of text, not only addresses.")
]
ShowValuesOpt = Annotated[
    bool,
    typer.Option("--show-values", help="Write the removed values (GPS position, names, serial numbers) into the JSON "
                 "report too. Without it the report records what kind of data was removed, not its value."),
]
ShowTextOpt = Annotated[
    bool | None, typer.Option("--show-text", help="Include the text that was read in reports (it may itself be an address).")
]
KeepAudioOpt = Annotated[
    bool | None,
    typer.Option("--keep-audio/--drop-audio", help="Video: keep one audio track (its tags removed). Default: dropped, because "
                 "speech often says names and places."),
]


NamesOpt = Annotated[
    NameMode | None,
    typer.Option("--names", case_sensitive=False, help="Output file names: auto (default) gives a neutral name "
                 "(photo-<date>-<hash>) to a file whose name reads like a person's name, an address or other text hidden in "
                 "pictures; neutral renames every file; keep never does. The report maps each input to its output."),
]


def build_policy(
    policy_file: Path | None,
    *,
    gallery: str | None = None,
    purpose: str | None = None,
    face_mode: FaceMode | None = None,
    face_threshold: float | None = None,
    mask_scale: float | None = None,
    min_face_size: int | None = None,
    redact_all_text: bool | None = None,
    show_text: bool | None = None,
    keep_audio: bool | None = None,
    names: NameMode | None = None,
) -> tuple[Policy, dict[str, str]]:
    overrides: dict[str, Any] = {
        "consent.gallery": str(gallery) if gallery is not None else None,
        "consent.purpose": purpose,
        "faces.mode": face_mode,
        "faces.threshold": face_threshold,
        "faces.mask_scale": mask_scale,
        "faces.min_size": min_face_size,
        "text.redact_all": redact_all_text,
        "text.show_text": show_text,
        "video.keep_audio": keep_audio,
        "output.names": names,
    }
    return load_policy(policy_file, overrides)


def make_pipeline(policy: Policy) -> Any:
    """A pipeline with the consent gallery opened (also used by batch workers and the watcher)."""
    from ..pipeline import pipeline_for

    return pipeline_for(policy)


# --- scrub ----------------------------------------------------------------------------------------


def _print_report(report: Report) -> None:
    from ..publish import console_lines

    for line in console_lines(report):
        typer.echo(line.text, err=line.problem)


@app.command()
def scrub(
    inputs: Annotated[
        list[Path],
        typer.Argument(help="Photos and/or folders (folders are searched recursively).", show_default=False, metavar="INPUT..."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the cleaned copies (must be outside the inputs).")],
    report: Annotated[Path | None, typer.Option("--report", help="Write a JSON audit record for every input here.")] = None,
    quarantine: Annotated[
        Path | None, typer.Option("--quarantine", help="Copy files that could not be made safe here, each with a .reason.txt.")
    ] = None,
    review_sheet: Annotated[
        Path | None,
        typer.Option("--review-sheet", help="Write one self-contained HTML page showing every cleaned copy with what was hidden, "
                     "and the files that were not published with the reasons. Shows only cleaned copies, never originals."),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="CPU cores to use: photos processed at once, one per core. Default: every core."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Process every input again, even those already done with the same content and settings.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems and the final summary line.")] = False,
    show_values: ShowValuesOpt = False,
    policy_file: PolicyOpt = None,
    gallery: GalleryOpt = None,
    purpose: PurposeOpt = None,
    face_mode: FaceModeOpt = None,
    face_threshold: FaceThresholdOpt = None,
    mask_scale: MaskScaleOpt = None,
    min_face_size: MinFaceOpt = None,
    redact_all_text: RedactAllTextOpt = None,
    show_text: ShowTextOpt = None,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine", case_sensitive=False,
            help="local: worker processes on this machine. ray: Ray workers on a cluster (--ray-address), or on a local "
            "Ray instance; needs pip install \"mediascrub[ray]\" and shared storage for inputs and --out.",
        ),
    ] = Engine.LOCAL,
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address", help="The Ray cluster to run on (e.g. ray://head:10001). Default: start a local Ray instance."),
    ] = None,
    keep_audio: KeepAudioOpt = None,
    names: NamesOpt = None,
) -> None:
    """Write cleaned copies of photos into --out.

    Every copy is a brand-new file: hidden data removed, faces without consent hidden,
    addresses hidden. A file that cannot be made safe is not published; with --quarantine
    it is copied there with the reason. A re-run skips photos already done with the same
    content and settings; Ctrl-C stops cleanly and the next run carries on. Exit code 0
    when everything was published, 1 when anything was quarantined or failed, 130 when
    interrupted.
    """

    def work() -> int:
        import os
        import signal

        from ..run.batch import LINK_REASON, SIDECAR_REASON, check_output_location, plan, run_batch
        from ..run.progress import BatchProgress, summary_table

        policy, _ = build_policy(
            policy_file, gallery=gallery, purpose=purpose, face_mode=face_mode, face_threshold=face_threshold,
            mask_scale=mask_scale, min_face_size=min_face_size, redact_all_text=redact_all_text, show_text=show_text,
            keep_audio=keep_audio, names=names,
        )
        from ..run.destinations import check_private_folder, check_writable_file, check_writable_folder

        check_output_location(inputs, out)
        if quarantine is not None:
            check_output_location(inputs, quarantine, "--quarantine")
        # every destination is checked before the first file: an audit record must never be lost after publishing
        check_writable_folder(out, "--out")
        if quarantine is not None:
            check_private_folder(quarantine, "--quarantine")
        if report is not None:
            check_writable_file(report, "--report")
        if review_sheet is not None:
            check_writable_file(review_sheet, "--review-sheet")
        run_engine = _batch_engine(engine, ray_address, jobs)
        items, problems = plan(inputs, out, folders := _folder_names(policy, out))
        for folder, (renamed, why) in (folders.renamed.items() if folders is not None else ()):
            typer.echo(f"folder {safe_name(folder)} is published as {renamed}: {why}", err=True)
        for p in problems:
            _print_report(p)
        n_jobs = jobs or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        with BatchProgress(len(items), enabled=not quiet) as bar:

            def on_report(r: Report) -> None:
                bar.advance(r)
                if r.status == Status.SKIPPED:
                    return  # counted once below, not one line each
                if not quiet or r.status != Status.PUBLISHED:
                    _print_report(r)

            def on_term(*_: object) -> None:
                raise KeyboardInterrupt  # SIGTERM (service stop, timeout) stops as cleanly as Ctrl-C

            previous = signal.signal(signal.SIGTERM, on_term)
            try:
                result = run_batch(
                    items, policy, out=out, quarantine=quarantine, jobs=n_jobs, factory=make_pipeline, resume=not force,
                    on_report=on_report, engine=run_engine, on_frames=bar.frames if bar.enabled else None,
                )
            finally:
                signal.signal(signal.SIGTERM, previous)
        reports = list(problems) + result.reports
        if report is not None:
            write_json_report(report, reports, command="scrub", policy=policy.to_dict(), show_values=show_values)
        if review_sheet is not None:
            from ..review.sheet import write_review_sheet

            write_review_sheet(review_sheet, reports)
        c = counts(reports)
        unsafe = bool(c.get("quarantined") or c.get("failed"))
        if not quiet:
            summary_table(c, result.seconds)
        if run_engine is not None and not quiet and run_engine.pool_size:
            died = f"; {run_engine.deaths} worker(s) died and their files were given to others" if run_engine.deaths else ""
            where = f"the Ray cluster at {safe_name(ray_address)}" if ray_address else "a local Ray instance"
            typer.echo(f"ran on {where} with {run_engine.pool_size} worker(s){died}", err=True)
        links = sum(1 for r in problems if r.status == Status.SKIPPED and r.reason == LINK_REASON)
        sidecars = sum(1 for r in problems if r.status == Status.SKIPPED and r.reason == SIDECAR_REASON)
        done = c.get("skipped", 0) - links - sidecars
        skipped = f", {done} skipped (already done with the same content and settings)" if done else ""
        if links:
            skipped += f", {links} symbolic link(s) skipped (never followed)"
        if sidecars:
            skipped += f", {sidecars} sidecar file(s) skipped (never published)"
        typer.echo(
            f"{c.get('published', 0)} published, {c.get('quarantined', 0)} quarantined, {c.get('failed', 0)} failed{skipped}",
            err=unsafe,
        )
        if result.interrupted:
            left = len(items) - len(result.reports)
            fail(f"interrupted; {left} file(s) not done yet (run the same command again to finish them); "
                 "no partial files were left in the output folder", ExitCode.INTERRUPTED)
        return int(ExitCode.UNSAFE if unsafe else ExitCode.OK)

    code = run_guarded(work)
    raise typer.Exit(code)


def _folder_names(policy: Any, out: Path) -> Any:
    """How the folders mirrored below ``out`` are named (``--names``; stages/filename.FolderNames), or None
    under ``--names keep``. Reads the output folder's key for neutral folder names and, under ``--names auto``
    (the only mode that reads folder names), the consent gallery's names (as the file names do)."""
    from ..pipeline import open_gallery
    from ..policy import NameMode
    from ..run.statedir import names_key
    from ..stages.filename import FolderNames

    if policy.output.names is NameMode.KEEP:
        return None
    if policy.output.names is not NameMode.AUTO:  # every folder made neutral: no names to read
        return FolderNames(policy, names_key(out))
    gallery = open_gallery(policy)
    try:
        names = FolderNames(policy, names_key(out), gallery)
    finally:
        close = getattr(gallery, "close", None)
        if callable(close):
            close()
    return names


def _batch_engine(engine: Engine, ray_address: str | None, jobs: int | None) -> Any:
    """None for local worker processes, or the engine that runs the batch elsewhere (``run/ray_engine.py``)."""
    if engine is Engine.LOCAL:
        if ray_address:
            raise UsageError("--ray-address needs --engine ray")
        return None
    from ..run.ray_engine import RayEngine, _ray

    _ray()  # a clear message now when Ray is not installed
    return RayEngine(ray_address, workers=jobs, cpus=jobs)


# --- check ----------------------------------------------------------------------------------------


def _check_lines(report: Report) -> list[str]:
    from ..stages.own_patches import counts_in_check  # imported here: `mediascrub --help` stays quick
    name = safe_name(report.input)
    if report.status == Status.FAILED:
        return [f"FAILED    {name}: {safe_name(report.reason or '')}"]
    large = [f"  note: {safe_name(n)}" for n in report.notes]
    if report.safe:
        return [f"SAFE      {name}", *large]
    lines = [f"NOT SAFE  {name}", *large]
    for f in report.findings:
        if f.action is not Action.VISIBLE and not counts_in_check(f):
            continue
        what = {
            Action.REMOVED: "remove",
            Action.CHANGED: "change",
            Action.ANONYMISED: "anonymise",
            Action.REDACTED: "hide",
            Action.VISIBLE: "leave visible",
            Action.REVIEW: "NEEDS REVIEW",
        }[f.action]
        if f.kind in (Kind.METADATA, Kind.FORMAT):
            value = f": {safe_name(f.value)}" if f.value else ""  # the person checking their own file may see it
            lines.append(f"  - {what}: {safe_name(f.reason)}{value}")
            continue
        where = f" at {','.join(str(int(v)) for v in f.box.to_list())}" if f.box is not None else ""
        score = f" (score {f.score:.2f})" if f.score is not None else ""
        subject = "face" if f.kind == Kind.FACE else f"text ({safe_name(f.label)})"
        reason = f": {safe_name(f.reason)}" if f.reason else ""
        if f.kind == Kind.TEXT and "text" in f.detail:  # only present with --show-text
            reason += f' (reads "{safe_name(str(f.detail["text"]))}")'
        if f.kind == Kind.FACE and f.detail.get("person"):
            reason += f" ({safe_name(str(f.detail['person']))})"
        lines.append(f"  - {what} {subject}{where}{score}{reason}")
    return lines


@app.command()
def check(
    images: Annotated[list[Path], typer.Argument(help="Photos to check. Nothing is written.", show_default=False, metavar="IMAGE...")],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of text.")] = False,
    show_values: Annotated[
        bool, typer.Option("--show-values", help="Include the values found (GPS position, names, serials) in --json output.")
    ] = False,
    policy_file: PolicyOpt = None,
    gallery: GalleryOpt = None,
    purpose: PurposeOpt = None,
    face_threshold: FaceThresholdOpt = None,
    min_face_size: MinFaceOpt = None,
    redact_all_text: RedactAllTextOpt = None,
    show_text: ShowTextOpt = None,
    keep_audio: KeepAudioOpt = None,
) -> None:
    """Say whether photos are already safe to publish as they are, and what scrub would change.

    Exit code 0 when every photo is already safe, 1 when any is not (or cannot be read).
    """

    def work() -> int:
        policy, _ = build_policy(
            policy_file, gallery=gallery, purpose=purpose, face_threshold=face_threshold, min_face_size=min_face_size,
            redact_all_text=redact_all_text, show_text=show_text,
            keep_audio=keep_audio,
        )
        from ..run.progress import BatchProgress

        pipeline = make_pipeline(policy)
        reports = []
        with BatchProgress(len(images)) as bar:  # on a terminal only: a clip's frames with its ETA, under the files
            for p in images:
                pipeline.video_progress = lambda done, total, name=p.name: bar.frames(name, done, total)
                reports.append(pipeline.check(p))
                bar.advance(reports[-1])
        if as_json:
            typer.echo(json.dumps([r.to_dict(show_values=show_values) for r in reports], indent=2, ensure_ascii=False))
        else:
            for r in reports:
                for line in _check_lines(r):
                    typer.echo(line)
        return int(ExitCode.OK if all(r.safe for r in reports) else ExitCode.UNSAFE)

    raise typer.Exit(run_guarded(work))


# --- policy ---------------------------------------------------------------------------------------


@policy_app.command("show")
def policy_show(
    policy_file: PolicyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Print every setting in force and where it came from (default, a file, or the command line)."""

    def work() -> int:
        policy, sources = load_policy(policy_file)
        if as_json:
            doc = {f"{s}.{k}": {"value": v, "source": sources[f"{s}.{k}"]} for s, sec in policy.to_dict().items() for k, v in sec.items()}
            typer.echo(json.dumps(doc, indent=2))
            return 0
        for section, values in policy.to_dict().items():
            typer.echo(f"[{section}]")
            for key, value in values.items():
                typer.echo(f"{key} = {json.dumps(value)}    # {sources[f'{section}.{key}']}")
            typer.echo("")
        return 0

    raise typer.Exit(run_guarded(work))


# --- watch ----------------------------------------------------------------------------------------


def _watch_line(event: Any) -> str:
    """One log line per inbox file: UTC time, outcome, name, and where it went or why."""
    import datetime as _dt

    from ..run.watch import Outcome

    stamp = _dt.datetime.now(_dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    name = safe_name(event.rel)
    moved = f"; original moved to {safe_name(event.moved_to)}" if event.moved_to else ""
    if event.outcome == Outcome.PUBLISHED:
        what = describe_findings(event.report.findings) if event.report is not None else ""
        return f"{stamp} published    {name} -> {safe_name(event.output or '')} ({what}){moved}"
    if event.outcome == Outcome.ALREADY_DONE:
        return f"{stamp} already-done {name} (handled before){moved}"
    return f"{stamp} {event.outcome.value:<12} {name}: {safe_name(event.reason or 'unknown reason')}{moved}"


@app.command()
def watch(
    inbox: Annotated[Path, typer.Argument(help="The folder to watch (subfolders too). Originals are never changed.", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the cleaned copies (the outbox; must be outside the inbox).")],
    quarantine: Annotated[
        Path | None, typer.Option("--quarantine", help="Copy files that could not be made safe here, each with a .reason.txt.")
    ] = None,
    processed: Annotated[
        Path | None,
        typer.Option("--processed", help="Move each original here once it is handled. Without it, originals stay in the inbox "
                     "and are remembered so they are not processed twice."),
    ] = None,
    polling: Annotated[
        bool, typer.Option("--polling", help="Check the inbox by polling: needed for network shares (SMB/CIFS, NFS).")
    ] = False,
    once: Annotated[bool, typer.Option("--once", help="Process what is in the inbox now, then exit (for cron).")] = False,
    settle: Annotated[
        float | None,
        typer.Option("--settle", min=0.0, help="Seconds a file must stay unchanged before it is read (policy watch.settle_seconds)."),
    ] = None,
    poll_interval: Annotated[
        float | None, typer.Option("--poll-interval", min=0.1, help="Seconds between polls with --polling (policy watch.poll_interval).")
    ] = None,
    policy_file: PolicyOpt = None,
    gallery: GalleryOpt = None,
    purpose: PurposeOpt = None,
    face_mode: FaceModeOpt = None,
    face_threshold: FaceThresholdOpt = None,
    mask_scale: MaskScaleOpt = None,
    min_face_size: MinFaceOpt = None,
    redact_all_text: RedactAllTextOpt = None,
    show_text: ShowTextOpt = None,
    keep_audio: KeepAudioOpt = None,
    names: NamesOpt = None,
) -> None:
    """Watch a folder: every photo saved into INBOX comes out cleaned in --out.

    A file is read only once it has stopped changing (--settle seconds), so copies in
    progress are never published. Temporary and hidden files are ignored; links are never
    followed. Safe to stop or kill at any moment: restarted, it carries on without losing
    or repeating a photo. Logs one line per file. Stop with Ctrl-C (exit 130) or SIGTERM (exit 0).
    """

    def work() -> int:
        import signal

        from ..run.batch import LINK_REASON
        from ..run.watch import Outcome, WatchConfig, Watcher

        policy, _ = build_policy(
            policy_file, gallery=gallery, purpose=purpose, face_mode=face_mode, face_threshold=face_threshold,
            mask_scale=mask_scale, min_face_size=min_face_size, redact_all_text=redact_all_text, show_text=show_text,
            keep_audio=keep_audio, names=names,
        )
        if processed is not None and policy.watch.keep_originals:
            raise UsageError("watch.keep_originals is true in the policy, so --processed would never be used; remove one of them")
        config = WatchConfig(
            inbox=inbox, out=out, quarantine=quarantine, processed=processed, polling=polling,
            settle=policy.watch.settle_seconds if settle is None else settle,
            poll_interval=policy.watch.poll_interval if poll_interval is None else poll_interval,
        )
        problems = 0
        links = 0

        def on_event(event: Any) -> None:
            nonlocal problems, links
            bad = event.outcome in (Outcome.QUARANTINED, Outcome.FAILED, Outcome.IGNORED)
            problems += event.outcome in (Outcome.QUARANTINED, Outcome.FAILED)
            links += event.reason == LINK_REASON
            typer.echo(_watch_line(event), err=bad)

        watcher = Watcher(config, policy, factory=make_pipeline, on_event=on_event, folders=_folder_names(policy, out))
        previous = signal.signal(signal.SIGTERM, lambda *_: watcher.stop())
        try:
            if not once:
                mode = "polling every " + f"{config.poll_interval:g} s" if polling else "file-system events"
                typer.echo(f"watching {safe_name(str(inbox))} ({mode}); cleaned copies go to {safe_name(str(out))}", err=True)
            watcher.run(once=once)
        finally:
            signal.signal(signal.SIGTERM, previous)
        if links:
            typer.echo(f"{links} symbolic link(s) skipped (never followed)", err=True)
        return int(ExitCode.UNSAFE if once and problems else ExitCode.OK)

    raise typer.Exit(run_guarded(work))


def entrypoint() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
