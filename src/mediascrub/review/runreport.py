"""Reading a run report (``scrub --report``) for the listing, and findings back from JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..heldfindings import finding_from_dict  # the inverse of Finding.to_dict (run reports, cached detections)
from .queue import file_id
from .types import RunEntry

QUARANTINE_NOTE = "copied to quarantine: "


def load_run_report(path: Path, out: Path) -> list[RunEntry]:
    """The files of a run report. Raises MediascrubError when it is not one."""
    from ..errors import UsageError
    from .words import plain_summary

    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        files = doc["files"]
        if not isinstance(files, list):
            raise TypeError
    except (OSError, ValueError, KeyError, TypeError):
        raise UsageError(f"{path} is not a mediascrub run report (write one with 'scrub --report')") from None
    entries = []
    real_out = os.path.realpath(out)
    for i, f in enumerate(files):
        if not isinstance(f, dict):
            continue
        quarantine = None
        for note in f.get("notes") or []:
            if isinstance(note, str) and note.startswith(QUARANTINE_NOTE):
                quarantine = os.path.realpath(note.removeprefix(QUARANTINE_NOTE))
        output = None
        if f.get("output") and f.get("status") in ("published", "skipped"):
            real = os.path.realpath(str(f["output"]))
            if real.startswith(real_out + os.sep):
                output = os.path.relpath(real, real_out)
        try:
            findings = [finding_from_dict(x) for x in f.get("findings") or []]
            summary = plain_summary(findings)
        except (KeyError, ValueError, TypeError):
            summary = ""
        entries.append(RunEntry(
            id=file_id(f"run:{i}"), name=os.path.basename(str(f.get("input", "?"))), status=str(f.get("status", "?")),
            reason=str(f.get("reason") or ""), summary=summary, quarantine=quarantine, output=output,
        ))
    return entries
