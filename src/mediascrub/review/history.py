"""What the desk did, from its records: today's files ("History") and who was left visible where.

Two records are read, both private (0600) and neither in the posting folder's visible files:

- the desk's journal, ``desk-journal.jsonl`` in the output folder's state folder (``run/statedir.py``):
  one line per cleaned upload (its report: status, output name, every finding without its value,
  the name of each consented person left visible and the consent relied on) and one per copy into
  the posting folder or download;
- the review station's audit log (``review/audit.py``): files published or rejected under "To check".

Run reports given with ``--report`` (``scrub --report``) add the people left visible in those runs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Report
from .audit import append_audit, read_audit
from .words import plain_file_reason

JOURNAL_NAME = "desk-journal.jsonl"


def journal_path(state: Path) -> Path:
    return Path(state) / JOURNAL_NAME


def record_cleaned(journal: Path, job_id: str, name: str, by: str, report: Report, held_as: str | None) -> None:
    """One cleaned upload: what the pipeline reported (removed values never written)."""
    append_audit(journal, {
        "event": "cleaned", "job": job_id, "file": name, "by": by, "status": report.status.value,
        "output": Path(report.output).name if report.output else None, "held_as": held_as, "reason": report.reason,
        "findings": [f.to_dict(show_values=False) for f in report.findings],
    })


def record_event(journal: Path, event: str, job_id: str, name: str, by: str, **extra: Any) -> None:
    """A copy into the posting folder (``posted``, with ``posted_as``) or a download (``downloaded``)."""
    append_audit(journal, {"event": event, "job": job_id, "file": name, "by": by, **extra})


def forget_in_journal(journal: Path, name: str) -> int:
    """Take a person the register forgot out of the journal: their name and consent details leave every
    line (the face is counted as "a forgotten person"). Rewritten in place under the journal's lock, so
    a line appended meanwhile is not lost. Returns how many faces were changed."""
    import fcntl
    import os

    key = " ".join(name.split()).casefold()
    try:
        fd = os.open(journal, os.O_RDWR | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return 0
    changed = 0
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        with os.fdopen(os.dup(fd), "rb") as fh:
            lines = fh.read().splitlines()
        out = []
        for raw in lines:
            try:
                rec = json.loads(raw)
            except ValueError:
                out.append(raw)
                continue
            touched = False
            findings = rec.get("findings") if isinstance(rec, dict) else None
            for f in findings if isinstance(findings, list) else []:
                detail = f.get("detail") if isinstance(f, dict) else None
                if isinstance(detail, dict) and str(detail.get("person", "")).casefold() == key:
                    detail["person"] = "a forgotten person"
                    for k in ("consent", "reference_id", "match"):
                        detail.pop(k, None)
                    touched = True
                    changed += 1
            out.append(json.dumps(rec, ensure_ascii=False).encode("utf-8") if touched else raw)
        if changed:
            data = b"".join(line + b"\n" for line in out)
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, data)
            os.fsync(fd)
    finally:
        os.close(fd)
    return changed


def local_time(stamp: str) -> dt.datetime | None:
    """A journal's or log's ISO time stamp in local time (UTC when it names no zone); None when it is none."""
    try:
        t = dt.datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=dt.UTC)
    return t.astimezone()


#: The station's audit outcomes that History lists, in its words.
STATION_OUTCOMES = {"published": "published after checking", "rejected": "rejected", "withdrawn": "taken back"}


@dataclass
class HistoryRow:
    time: dt.datetime
    file: str
    outcome: str  # "made safe", "held", "not published", "published after checking", "rejected", "taken back"
    by: str
    detail: str = ""

    def to_page(self) -> dict[str, Any]:
        return {"time": self.time.strftime("%H:%M"), "file": self.file, "outcome": self.outcome, "by": self.by, "detail": self.detail}


def _visible_people(findings: Iterable[Any]) -> list[tuple[str, str]]:
    """(person, consent evidence) of each face left visible, from findings as dicts."""
    out = []
    for f in findings:
        if isinstance(f, dict) and f.get("kind") == "face" and f.get("action") == "visible":
            detail = f.get("detail") or {}
            consent = detail.get("consent")
            evidence = consent.get("evidence") if isinstance(consent, dict) else None
            out.append((str(detail.get("person") or "someone with consent"), str(evidence or "")))
    return out


def history(journal: Path, review_audit: Path | None, day: dt.date | None = None) -> list[HistoryRow]:
    """Everything that happened to files on ``day`` (local time; default today), newest first."""
    day = day or dt.date.today()
    rows: list[HistoryRow] = []
    posted: dict[str, list[str]] = {}
    downloaded: set[str] = set()
    records = list(read_audit(journal))  # read once, walked twice
    for rec in records:
        t = local_time(str(rec.get("time", "")))
        if t is None or t.date() != day:
            continue
        job = str(rec.get("job", ""))
        if rec.get("event") == "posted":
            posted.setdefault(job, []).append(str(rec.get("posted_as", "")))
        elif rec.get("event") == "downloaded":
            downloaded.add(job)
    for rec in records:
        t = local_time(str(rec.get("time", "")))
        if t is None or t.date() != day or rec.get("event") != "cleaned":
            continue
        job, status = str(rec.get("job", "")), rec.get("status")
        if status == "published":
            where = []
            if posted.get(job):
                where.append("copied to the posting folder as " + ", ".join(posted[job]))
            if job in downloaded:
                where.append("downloaded")
            people = _visible_people(rec.get("findings") or [])
            if people:
                where.append("left visible: " + ", ".join(sorted({p for p, _ in people})))
            rows.append(HistoryRow(t, str(rec.get("file", "?")), "made safe", str(rec.get("by", "")), "; ".join(where)))
        elif status == "quarantined":
            rows.append(HistoryRow(t, str(rec.get("file", "?")), "held for checking", str(rec.get("by", "")), "listed under To check"))
        else:
            rows.append(HistoryRow(t, str(rec.get("file", "?")), "not published", str(rec.get("by", "")),
                                   plain_file_reason(str(rec.get("reason") or ""))))
    if review_audit is not None:
        for rec in read_audit(review_audit):
            t = local_time(str(rec.get("time", "")))
            if t is None or t.date() != day:
                continue
            outcome = STATION_OUTCOMES.get(str(rec.get("outcome")))
            if outcome is None:
                continue
            if outcome == "taken back":
                detail = f"{rec.get('output')} was taken out of the posting folder; it is back under To check"
            else:
                detail = f"as {rec['output']}" if rec.get("output") else str(rec.get("reason") or "")
            rows.append(HistoryRow(t, str(rec.get("file", "?")), outcome, str(rec.get("reviewer", "")), detail))
    rows.sort(key=lambda r: r.time, reverse=True)
    return rows


@dataclass
class Appearance:
    person: str
    file: str
    time: dt.datetime
    evidence: str
    where: str  # how it left: "copied to the posting folder as X", "downloaded", a run report's output...

    def to_page(self) -> dict[str, Any]:
        return {"person": self.person, "file": self.file, "when": self.time.strftime("%d %b %Y %H:%M"), "evidence": self.evidence,
                "where": self.where}


def appearances(journal: Path, reports: Iterable[Path] = ()) -> dict[str, list[Appearance]]:
    """Each consented person left visible, and in which cleaned file (newest first), by person (case-folded key)."""
    posted: dict[str, list[str]] = {}
    records = list(read_audit(journal))  # read once, walked twice
    for rec in records:
        if rec.get("event") == "posted":
            posted.setdefault(str(rec.get("job", "")), []).append(str(rec.get("posted_as", "")))
    found: list[Appearance] = []
    for rec in records:
        if rec.get("event") != "cleaned" or rec.get("status") != "published":
            continue
        t = local_time(str(rec.get("time", "")))
        if t is None:
            continue
        copies = posted.get(str(rec.get("job", "")))
        where = ("copied to the posting folder as " + ", ".join(copies)) if copies else "made safe at the desk"
        for person, evidence in _visible_people(rec.get("findings") or []):
            found.append(Appearance(person, str(rec.get("output") or rec.get("file") or "?"), t, evidence, where))
    for path in reports:
        found.extend(_report_appearances(path))
    by_person: dict[str, list[Appearance]] = {}
    for a in sorted(found, key=lambda a: a.time, reverse=True):
        by_person.setdefault(a.person.casefold(), []).append(a)
    return by_person


def _report_appearances(path: Path) -> Iterator[Appearance]:
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        files = doc["files"]
        created = local_time(str(doc.get("created", ""))) or dt.datetime.now().astimezone()
    except (OSError, ValueError, KeyError, TypeError):
        return
    for f in files if isinstance(files, list) else []:
        if not isinstance(f, dict) or f.get("status") != "published":
            continue
        for person, evidence in _visible_people(f.get("findings") or []):
            yield Appearance(person, Path(str(f.get("output") or "?")).name, created, evidence, f"published by a run ({Path(path).name})")


__all__ = [
    "JOURNAL_NAME", "journal_path",
    "local_time", "record_cleaned", "record_event", "forget_in_journal", "history", "appearances", "HistoryRow",
    "Appearance",
]
