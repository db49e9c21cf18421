"""Imported once by the fork server that starts Redline's worker processes: every model and dictionary a
per-article stage needs is loaded here, before any worker forks, so a worker (or one that replaces a worker
killed for running out of time) starts ready in milliseconds and shares that memory with its siblings.

Workers fork from this single-threaded server, never from the driver, which may run threads (a progress
display, an HTTP server, a Dask client) whose locks a forked child would inherit held.
"""

from __future__ import annotations

from redline.stages import warm_stages

warm_stages()
