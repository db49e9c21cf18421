"""Redline's command line: a thin face over the library (parsing options, printing results)."""

from __future__ import annotations

import importlib

from redline.cli.main import cli

# Command modules register on `cli` when imported; a module not yet written is skipped.
COMMAND_MODULES = ("articles", "quotes", "actors", "events", "stories", "serve", "bench")

for _name in COMMAND_MODULES:
    try:
        importlib.import_module(f"redline.cli.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"redline.cli.{_name}":
            raise

__all__ = ["cli"]
