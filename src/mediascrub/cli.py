"""The command line. Typer only: parse options, call the core, render, map errors to exit codes."""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from .errors import ConfigError, GalleryError, MediascrubError, ModelError, UsageError
from .findings import Action, Report, Status
from .policy import FaceMode, Policy, load_policy
from .report import counts, describe_findings, safe_name, write_json_report


class ExitCode(enum.IntEnum):
    OK = 0
    UNSAFE = 1  # something is not safe, was quarantined or failed
    USAGE = 2
    CONFIG = 3  # bad policy file or consent gallery
    INTERRUPTED = 130


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

_state: dict[str, bool] = {"debug": False}


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"mediascrub {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show full error details (tracebacks) for bug reports.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    _state["debug"] = debug


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
    except Exception as exc:
        if _state["debug"]:
            raise
        fail(f"internal error: {exc.__class__.__name__}: {exc} (run with --debug for details)", ExitCode.UNSAFE)


# --- options shared by scrub, check and watch --------------------------------------------------

PolicyOpt = Annotated[
    Path | None,
    typer.Option("--policy", help="Settings file (mediascrub.toml). Default: $MEDIASCRUB_POLICY, then ./mediascrub.toml."),
]
GalleryOpt = Annotated[
    Path | None,
    typer.Option("--gallery", help="Consent gallery file. Default: $MEDIASCRUB_GALLERY, then your data folder."),
]
PurposeOpt = Annotated[
    str | None, typer.Option("--purpose", help="What the photo is for; consent must cover it. Default: social-media.")
]
FaceModeOpt = Annotated[
    FaceMode | None,
    typer.Option("--face-mode", case_sensitive=False, help="How faces are hidden: pixelate (default), blur or fill. All are irreversible."),
]
FaceThresholdOpt = Annotated[
    float | None,
    typer.Option("--face-threshold", min=0.01, max=0.99, help="Face detector confidence needed (lower finds more faces, and more false alarms)."),
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
ShowTextOpt = Annotated[
    bool | None, typer.Option("--show-text", help="Include the text that was read in reports (it may itself be an address).")
]


def build_policy(
    policy_file: Path | None,
    *,
    gallery: Path | None = None,
    purpose: str | None = None,
    face_mode: FaceMode | None = None,
    face_threshold: float | None = None,
    mask_scale: float | None = None,
    min_face_size: int | None = None,
    redact_all_text: bool | None = None,
    show_text: bool | None = None,
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
    }
    return load_policy(policy_file, overrides)


def make_pipeline(policy: Policy) -> Any:
    from .pipeline import Pipeline

    return Pipeline(policy)


# --- scrub ----------------------------------------------------------------------------------------


def _print_report(report: Report) -> None:
    name = safe_name(report.input)
    if report.status == Status.PUBLISHED:
        typer.echo(f"published    {name} -> {safe_name(report.output or '')}  ({describe_findings(report.findings)})")
    elif report.status == Status.SKIPPED:
        typer.echo(f"skipped      {name} (already done with the same settings)")
    else:
        label = "quarantined" if report.status == Status.QUARANTINED else "FAILED"
        typer.echo(f"{label:<12} {name}: {safe_name(report.reason or 'unknown reason')}", err=True)


@app.command()
def scrub(
    inputs: Annotated[list[Path], typer.Argument(help="Photos and/or folders (folders are searched recursively).", show_default=False, metavar="INPUT...")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the cleaned copies (must be outside the inputs).")],
    report: Annotated[Path | None, typer.Option("--report", help="Write a JSON audit record for every input here.")] = None,
    quarantine: Annotated[
        Path | None, typer.Option("--quarantine", help="Copy files that could not be made safe here, each with a .reason.txt.")
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
) -> None:
    """Write cleaned copies of photos into --out.

    Every copy is a brand-new file: hidden data removed, faces without consent hidden,
    addresses hidden. A file that cannot be made safe is not published; with --quarantine
    it is copied there with the reason. Exit code 0 when everything was published, 1 when
    anything was quarantined or failed.
    """

    def work() -> int:
        from .batch import check_output_location, plan, run_batch

        policy, _ = build_policy(
            policy_file, gallery=gallery, purpose=purpose, face_mode=face_mode, face_threshold=face_threshold,
            mask_scale=mask_scale, min_face_size=min_face_size, redact_all_text=redact_all_text, show_text=show_text,
        )
        check_output_location(inputs, out)
        if quarantine is not None:
            check_output_location(inputs, quarantine, "--quarantine")
        items, problems = plan(inputs, out)
        for p in problems:
            _print_report(p)
        pipeline = make_pipeline(policy) if items else None
        reports = list(problems)
        if pipeline is not None:
            reports += run_batch(items, pipeline, quarantine=quarantine, on_report=_print_report)
        if report is not None:
            write_json_report(report, reports, command="scrub", policy=policy.to_dict())
        c = counts(reports)
        typer.echo(
            f"{c.get('published', 0)} published, {c.get('quarantined', 0)} quarantined, {c.get('failed', 0)} failed",
            err=bool(c.get("quarantined") or c.get("failed")),
        )
        return int(ExitCode.OK if not (c.get("quarantined") or c.get("failed")) else ExitCode.UNSAFE)

    code = run_guarded(work)
    raise typer.Exit(code)


# --- check ----------------------------------------------------------------------------------------


def _check_lines(report: Report) -> list[str]:
    name = safe_name(report.input)
    if report.status == Status.FAILED:
        return [f"FAILED    {name}: {safe_name(report.reason or '')}"]
    if report.safe:
        return [f"SAFE      {name}"]
    lines = [f"NOT SAFE  {name}"]
    for f in report.findings:
        if f.action in (Action.KEPT,):
            continue
        where = f" at {','.join(str(int(v)) for v in f.box.to_list())}" if f.box is not None else ""
        score = f" (score {f.score:.2f})" if f.score is not None else ""
        what = {
            Action.REMOVED: "would remove",
            Action.CHANGED: "would change",
            Action.ANONYMISED: "would anonymise",
            Action.REDACTED: "would hide",
            Action.VISIBLE: "would leave visible",
            Action.REVIEW: "needs review",
        }[f.action]
        reason = f": {safe_name(f.reason)}" if f.reason else ""
        lines.append(f"  - {what} {f.kind.value} {safe_name(f.label)}{where}{score}{reason}")
    return lines


@app.command()
def check(
    images: Annotated[list[Path], typer.Argument(help="Photos to check. Nothing is written.", show_default=False, metavar="IMAGE...")],
    as_json: Annotated[bool, typer.Option("--json", help="Print machine-readable JSON instead of text.")] = False,
    policy_file: PolicyOpt = None,
    gallery: GalleryOpt = None,
    purpose: PurposeOpt = None,
    face_threshold: FaceThresholdOpt = None,
    min_face_size: MinFaceOpt = None,
    redact_all_text: RedactAllTextOpt = None,
    show_text: ShowTextOpt = None,
) -> None:
    """Say whether photos are already safe to publish as they are, and what scrub would change.

    Exit code 0 when every photo is already safe, 1 when any is not (or cannot be read).
    """

    def work() -> int:
        policy, _ = build_policy(
            policy_file, gallery=gallery, purpose=purpose, face_threshold=face_threshold, min_face_size=min_face_size,
            redact_all_text=redact_all_text, show_text=show_text,
        )
        pipeline = make_pipeline(policy)
        reports = [pipeline.check(p) for p in images]
        if as_json:
            typer.echo(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
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


def entrypoint() -> None:
    """Console-script entry point."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(int(ExitCode.INTERRUPTED))
