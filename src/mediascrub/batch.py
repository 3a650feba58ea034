"""Folders: walk the inputs, plan where each output goes, run the pipeline over them.

Output paths mirror the input tree: ``scrub photos/ --out clean/`` writes
``clean/a/b.jpg`` for ``photos/a/b.jpg``; a file given directly lands at
``clean/<name>``. The output folder must be separate from every input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError
from .findings import Report, Status
from .media import EXTENSIONS, Format
from .pipeline import Pipeline

IGNORED_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
IGNORED_PREFIXES = (".", "~$")
IGNORED_SUFFIXES = (".part", ".tmp", ".crdownload", ".partial")


def is_ignored_name(name: str) -> bool:
    """Hidden, temporary and system files that are never photos (``.DS_Store``, ``~$x``, ``x.part``)."""
    low = name.lower()
    return low in IGNORED_NAMES or name.startswith(IGNORED_PREFIXES) or low.endswith(IGNORED_SUFFIXES)


@dataclass(frozen=True)
class WorkItem:
    src: Path
    dest: Path
    rel: Path  # the path below the output/quarantine folders

    def quarantine_path(self, quarantine: Path | None) -> Path | None:
        return None if quarantine is None else quarantine / self.rel


def _is_within(child: Path, parent: Path) -> bool:
    try:
        child.relative_to(parent)
        return True
    except ValueError:
        return False


def check_output_location(inputs: Iterable[Path], out: Path, what: str = "--out") -> None:
    """Refuse an output folder that is, or is inside, an input folder, or holds an input."""
    out_r = out.resolve()
    for inp in inputs:
        inp_r = inp.resolve()
        if inp.is_dir():
            if out_r == inp_r or _is_within(out_r, inp_r):
                raise UsageError(f"{what} {out} is inside the input folder {inp}; choose a folder outside it")
            if _is_within(inp_r, out_r):
                raise UsageError(f"the input folder {inp} is inside {what} {out}; choose a separate output folder")
        else:
            if out_r == inp_r or _is_within(inp_r, out_r):
                raise UsageError(f"{what} {out} would put outputs next to or over the input {inp}; choose another folder")


def _walk(folder: Path) -> tuple[list[Path], int]:
    files: list[Path] = []
    ignored = 0
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if is_ignored_name(name):
                ignored += 1
                continue
            files.append(Path(root) / name)
    return files, ignored


def _heif_like(path: Path) -> bool:
    ext = path.suffix.lower()
    return ext in EXTENSIONS[Format.HEIF] or ext in EXTENSIONS[Format.AVIF]


def plan(inputs: list[Path], out: Path) -> tuple[list[WorkItem], list[Report]]:
    """Work items for every file under the inputs, and reports for inputs that are not usable at all."""
    items: list[WorkItem] = []
    problems: list[Report] = []
    for inp in inputs:
        if inp.is_dir():
            files, _ignored = _walk(inp)
            if not files:
                problems.append(Report(input=str(inp), status=Status.FAILED, reason=f"{inp}: folder contains no images"))
            for f in files:
                rel = f.relative_to(inp)
                items.append(WorkItem(src=f, dest=out / rel, rel=rel))
        elif inp.exists() or inp.is_symlink():
            items.append(WorkItem(src=inp, dest=out / inp.name, rel=Path(inp.name)))
        else:
            problems.append(Report(input=str(inp), status=Status.FAILED, reason=f"{inp}: no such file or folder"))
    return _deduplicate(items), problems


def _deduplicate(items: list[WorkItem]) -> list[WorkItem]:
    """Two inputs must never write the same output (a.heic and a.jpg both become a.jpg)."""
    taken: set[Path] = set()
    result = []
    for item in items:
        final = item.dest.with_suffix(".jpg") if _heif_like(item.dest) else item.dest
        key = Path(str(final).lower())
        if key in taken:
            suffix = item.dest.suffix
            stem = f"{item.dest.stem}-{suffix.lstrip('.').lower() or 'file'}"
            n = 2
            while True:
                dest = item.dest.with_name(stem + suffix)
                final = dest.with_suffix(".jpg") if _heif_like(dest) else dest
                key = Path(str(final).lower())
                if key not in taken:
                    break
                stem = f"{item.dest.stem}-{n}"
                n += 1
            item = WorkItem(src=item.src, dest=dest, rel=item.rel.with_name(dest.name))
        taken.add(key)
        result.append(item)
    return result


def run_batch(
    items: list[WorkItem],
    pipeline: Pipeline,
    *,
    quarantine: Path | None = None,
    on_report: Callable[[Report], None] | None = None,
) -> list[Report]:
    """Process the items one after another; a bad file never stops the batch."""
    reports = []
    for item in items:
        report = pipeline.scrub(item.src, item.dest, quarantine=item.quarantine_path(quarantine))
        reports.append(report)
        if on_report is not None:
            on_report(report)
    return reports
