"""``mediascrub gallery ...``: enrol, list, show, withdraw, forget and export consented people.

Typer only: parse options, call the core (``gallery.py``,
``stages/consent.py``), print. Every MediascrubError is caught in one place
(:func:`_guarded`) and becomes one line on stderr and exit status 3 (2 for a
usage error), never a traceback. Register with
``app.add_typer(gallery_app, name="gallery")``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from ..consent.gallery import Basis, Gallery, GalleryLocation, NewConsent, Person, gallery_exists, resolve_gallery
from ..consent.store import Actor
from ..errors import GalleryError, MediascrubError, UsageError
from ..policy import Policy, load_policy
from ..report import safe_name
from .common import ExitCode, GalleryOpt, PolicyOpt

EXIT_USAGE = int(ExitCode.USAGE)
EXIT_CONFIG = int(ExitCode.CONFIG)

gallery_app = typer.Typer(
    help=("The consent gallery: the people who may stay visible, with their consent records and face encodings (never their photos)."),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


def _guarded(fn: F) -> F:
    """Turn the core's errors into one line on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UsageError as exc:
            typer.echo(f"mediascrub: {safe_name(exc)}", err=True)
            raise typer.Exit(EXIT_USAGE) from None
        except MediascrubError as exc:
            typer.echo(f"mediascrub: {safe_name(exc)}", err=True)
            raise typer.Exit(EXIT_CONFIG) from None

    return wrapper  # type: ignore[return-value]




def _policy(policy_file: Path | None, gallery: str | None) -> Policy:
    policy, _ = load_policy(policy_file, {"consent.gallery": str(gallery) if gallery is not None else None})
    return policy


def _gallery_location(policy: Policy) -> GalleryLocation:
    return resolve_gallery(policy.consent.gallery or None)[0]


def _open(policy: Policy, *, create: bool = False) -> Gallery:
    g = Gallery.open(_gallery_location(policy), create=create)
    for note in g.notes:
        typer.echo(f"warning: {safe_name(note)}", err=True)
    return g


def _parse_date(value: str | None, option: str) -> _dt.date | None:
    if value is None:
        return None
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date; write it as YYYY-MM-DD") from None


def _consent_summary(person: Person, today: _dt.date) -> str:
    from ..stages.consent import ConsentReason, record_covers

    parts = []
    for r in person.records:
        states = {record_covers(r, p, today) for p in r.purposes}
        state = "valid" if ConsentReason.CONSENTED in states else next(iter(states)).value
        until = f" until {r.expires.isoformat()}" if r.expires else ""
        parts.append(f"{state}: {', '.join(r.purposes)}{until}")
    return "; ".join(parts) or "no consent records"


# ---------------------------------------------------------------- add


@gallery_app.command("add")
@_guarded
def add(
    name: Annotated[str, typer.Argument(help="The person's name, as it should appear in reports.")],
    photo: Annotated[
        list[Path],
        typer.Option("--photo", help="A photo of the person (repeat for several; 2-3 different photos match best)."),
    ],
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="The consent evidence: signed form's file name or document number.")
    ] = None,
    purpose: Annotated[
        list[str] | None,
        typer.Option("--purpose", help="A purpose the consent covers, e.g. social-media, newsletter (repeat for several)."),
    ] = None,
    expires: Annotated[str | None, typer.Option("--expires", help="YYYY-MM-DD: the first day the consent no longer covers.")] = None,
    given: Annotated[str | None, typer.Option("--given", help="YYYY-MM-DD the consent was given. Default: today.")] = None,
    basis: Annotated[
        Basis,
        typer.Option(
            "--basis",
            case_sensitive=False,
            help="consent: the person's own written consent (a child's: someone with parental responsibility). "
            "best-interests: an adult who lacks capacity; a relative's signature is not consent, "
            "record the best-interests decision and give --assessment.",
        ),
    ] = Basis.CONSENT,
    assessment: Annotated[
        str | None, typer.Option("--assessment", help="Reference of the best-interests assessment (needed with best-interests).")
    ] = None,
    face: Annotated[
        int | None, typer.Option("--face", min=1, help="Which face to enrol when a photo shows several (1 = the largest).")
    ] = None,
    reference_id: Annotated[str | None, typer.Option("--reference-id", help="Your own reference for the person.")] = None,
    existing: Annotated[
        bool,
        typer.Option("--existing", help="Add photos and/or new consent to someone already enrolled."),
    ] = False,
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
) -> None:
    """Enrol a person: their face (from each --photo) and their consent record. Nothing is stored on any error."""
    from ..consent.gallery import validate_name
    from ..enrolment import EnrolmentPhoto, consent_from, enrolment_encodings, store_enrolment

    try:  # mistakes in the command itself are usage errors (exit 2), not gallery errors (exit 3)
        name = validate_name(name)
    except GalleryError as exc:
        raise UsageError(str(exc)) from None
    policy = _policy(policy_file, gallery)
    today = _dt.date.today()
    consent: NewConsent | None = None
    if evidence is not None or purpose or not existing:
        consent = consent_from(evidence, purpose or [], given=_parse_date(given, "--given"), expires=_parse_date(expires, "--expires"),
                               basis=basis, assessment=assessment, today=today)
    elif any(v is not None for v in (expires, given, assessment)):
        raise UsageError("--expires, --given and --assessment belong to a consent record: give --evidence and --purpose too")
    location = _gallery_location(policy)
    # Fail fast on a damaged or newer gallery, before the slow part; create it only once all is well.
    g = _open(policy, create=not isinstance(location, Path)) if gallery_exists(location) else None
    try:
        encodings, sources = enrolment_encodings([EnrolmentPhoto.read(p, policy) for p in photo], policy, face=face)
        if g is None:
            g = _open(policy, create=True)
        done = store_enrolment(g, name, encodings, sources, consent, existing=existing, reference_id=reference_id, today=today,
                               actor=Actor.here())
        for warning in done.warnings:
            typer.echo(f"warning: {warning}", err=True)
    finally:
        if g is not None:
            g.close()
    person = done.person
    what = f"consent {safe_name(consent.evidence)} for {', '.join(consent.purposes)}" if consent else "no new consent"
    typer.echo(
        f"enrolled {safe_name(person.name)}: {done.new_encodings} new face encoding(s) "
        f"({person.encoding_count} in all), {what}; now {_consent_summary(person, today)}"
    )


# ---------------------------------------------------------------- list / show


@gallery_app.command("list")
@_guarded
def list_people(
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (no encodings).")] = False,
) -> None:
    """Everyone enrolled, with their consent status today (never their encodings)."""
    policy = _policy(policy_file, gallery)
    today = _dt.date.today()
    with _open(policy) as g:
        people = g.people()
    if as_json:
        typer.echo(json.dumps([p.to_dict() for p in people], indent=2))
        return
    if not people:
        typer.echo("no one is enrolled")
        return
    for p in people:
        ref = f" [{safe_name(p.reference_id)}]" if p.reference_id else ""
        typer.echo(f"{safe_name(p.name)}{ref}: {p.encoding_count} face encoding(s); {_consent_summary(p, today)}")


@gallery_app.command("show")
@_guarded
def show(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (no encodings).")] = False,
) -> None:
    """One person's consent records and how many face encodings are held."""
    policy = _policy(policy_file, gallery)
    with _open(policy) as g:
        p = g.person(name)
    if as_json:
        typer.echo(json.dumps(p.to_dict(), indent=2))
        return
    typer.echo(f"name:          {safe_name(p.name)}")
    if p.reference_id:
        typer.echo(f"reference id:  {safe_name(p.reference_id)}")
    typer.echo(f"enrolled:      {p.created}")
    typer.echo(f"encodings:     {p.encoding_count}")
    for i, r in enumerate(p.records, start=1):
        typer.echo(f"consent record {i}:")
        typer.echo(f"  evidence:    {safe_name(r.evidence)}")
        typer.echo(f"  basis:       {r.basis.value}" + (f" (assessment {safe_name(r.assessment)})" if r.assessment else ""))
        typer.echo(f"  purposes:    {', '.join(r.purposes)}")
        typer.echo(f"  given:       {r.given.isoformat()}")
        typer.echo(f"  expires:     {r.expires.isoformat() if r.expires else 'never'}")
        if r.withdrawn:
            typer.echo(f"  withdrawn:   {r.withdrawn.isoformat()}")


# ---------------------------------------------------------------- withdraw / forget / export


@gallery_app.command("withdraw")
@_guarded
def withdraw(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD from which consent is withdrawn. Default: today.")] = None,
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
) -> None:
    """Record that a person withdrew consent: from that date their face is always anonymised."""
    policy = _policy(policy_file, gallery)
    day = _parse_date(date, "--date") or _dt.date.today()
    with _open(policy) as g:
        n = g.withdraw(name, day, actor=Actor.here())
        person = g.person(name)
    typer.echo(
        f"withdrew {n} consent record(s) of {safe_name(person.name)} from {day.isoformat()}; "
        "their face encodings are kept so reports can say why they were hidden "
        "(use `gallery forget` to erase them)"
    )


@gallery_app.command("forget")
@_guarded
def forget(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
) -> None:
    """Erase a person: their consent records and face encodings, leaving no trace in the gallery file."""
    policy = _policy(policy_file, gallery)
    with _open(policy) as g:
        person = g.person(name)
        if not yes and not typer.confirm(
            f"Erase {person.name}, {len(person.records)} consent record(s) and {person.encoding_count} "
            "face encoding(s)? This cannot be undone",
            default=False,
        ):
            typer.echo("nothing was changed", err=True)
            raise typer.Exit(1)
        g.forget(person.name, actor=Actor.here())
    for note in g.notes:
        typer.echo(f"warning: {safe_name(note)}", err=True)
    typer.echo(f"erased {safe_name(person.name)} from {safe_name(g.location)}")


@gallery_app.command("log")
@_guarded
def log(
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many changes to show, newest first.")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Who changed the register, when: enrolments, added photos or consent, withdrawals, people forgotten.

    The command line and the desk write the same log, in the gallery itself. A forgotten person's lines
    keep no name, reference id or detail.
    """
    from ..review.desk_words import describe_change

    policy = _policy(policy_file, gallery)
    with _open(policy) as g:
        changes = g.changes(limit=limit)
    if as_json:
        typer.echo(json.dumps([c.to_dict() for c in changes], indent=2, ensure_ascii=False))
        return
    if not changes:
        typer.echo("no changes recorded yet")
        return
    for c in changes:
        typer.echo(f"{c.at}  {safe_name(describe_change(c))}  (by {safe_name(c.actor)}, {safe_name(c.via)})")


@gallery_app.command("copy")
@_guarded
def copy(
    source: Annotated[str, typer.Argument(help="The gallery to copy from: a file, or a postgresql:// URL. It is only read.")],
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
) -> None:
    """Copy a whole gallery into a new, empty one (--gallery): e.g. a SQLite file into a PostgreSQL register.

    Everything is copied in one transaction (people, consent records with their dates and withdrawals,
    face encodings with their sources). The source is left as it is: once the copy is checked, delete it
    securely, or its biometric data outlives any later `gallery forget`.
    """
    policy = _policy(policy_file, gallery)
    with Gallery.open(resolve_gallery(source)[0], readonly=True) as src:
        for note in src.notes:
            typer.echo(f"warning: {safe_name(note)}", err=True)
        with _open(policy, create=True) as target:
            if target.location == src.location:
                raise UsageError("the source and --gallery are the same gallery")
            people, records, encodings = target.copy_from(src, actor=Actor.here())
    typer.echo(
        f"copied {people} people, {records} consent record(s) and {encodings} face encoding(s) from {safe_name(src.location)} "
        f"to {safe_name(target.location)}; check with `mediascrub gallery list`, then delete the old gallery securely"
    )


@gallery_app.command("export")
@_guarded
def export(
    name: Annotated[str, typer.Argument(help="The person's name.")],
    out: Annotated[Path, typer.Option("--out", help="JSON file to write (must not exist yet).")],
    gallery: GalleryOpt = None,
    policy_file: PolicyOpt = None,
) -> None:
    """Everything held about a person, for a subject-access request (face encodings included as numbers).

    The file is created readable by you only; hand it to the person securely.
    """
    policy = _policy(policy_file, gallery)
    with _open(policy) as g:
        data = g.export(name)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    try:
        fd = os.open(out, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        raise UsageError(f"{safe_name(out)} already exists; choose another --out (nothing is ever overwritten)") from None
    except OSError as exc:
        raise GalleryError(f"cannot write {safe_name(out)}: {exc.strerror}") from None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    typer.echo(f"wrote everything held about {safe_name(data['person']['name'])} to {safe_name(out)}")


__all__ = ["gallery_app"]
