"""Where a batch runs: the choice only (cheap to import); the engines are run/batch.py and run/ray_engine.py."""

from __future__ import annotations

import enum


class Engine(enum.StrEnum):
    """Where ``scrub`` runs a batch's files."""

    LOCAL = "local"  # worker processes on this machine (--jobs): run/batch.py
    RAY = "ray"  # Ray actors on a cluster, or on a local Ray instance: run/ray_engine.py


__all__ = ["Engine"]
