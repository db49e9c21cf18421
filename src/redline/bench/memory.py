"""Peak memory of a benchmark process and everything it starts (worker processes, Dask workers).

``getrusage`` gives the peak of one process at a time: the driver's own, and the largest single child's. A run
holds the driver and its workers at once, so a sampler thread also sums the proportional set size (PSS: shared
pages split between the processes sharing them, so forked workers are not counted twice) of the whole process
tree every ``interval`` seconds, and keeps the largest sum. Linux only (``/proc``); elsewhere it stays 0.
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path

PROC = Path("/proc")


def _parents() -> dict[int, int]:
    """pid -> parent pid of every process visible in /proc."""
    parents: dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        parents[int(entry.name)] = int(stat[stat.rfind(")") + 2 :].split()[1])
    return parents


def tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    for pid, parent in _parents().items():
        children.setdefault(parent, []).append(pid)
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, ()))
    return found


def footprint_kb(pid: int) -> int:
    """PSS of one process in kB (RSS where smaps_rollup is not readable), 0 if it is gone."""
    for name, field in (("smaps_rollup", "Pss:"), ("status", "VmRSS:")):
        try:
            for line in (PROC / str(pid) / name).read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1])
        except OSError:
            continue
    return 0


class TreeSampler:
    """Context manager: samples the summed footprint of this process tree until it exits."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def sample(self) -> None:
        if PROC.is_dir():
            self.peak_kb = max(self.peak_kb, sum(footprint_kb(pid) for pid in tree(os.getpid())))

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> TreeSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def peaks(sampler: TreeSampler | None = None) -> dict[str, float]:
    """Peak memory in MB: this process, its largest finished child, and the sampled tree (see the docstring)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "peak_rss_mb": round(own, 1),
        "children_peak_rss_mb": round(children, 1),
        "tree_peak_mb": round(sampler.peak_kb / 1024, 1) if sampler else 0.0,
    }
