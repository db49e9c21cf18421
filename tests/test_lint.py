"""The code stays ruff clean (lint and format), so CI catches style drift like any other failure."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize("args", [["check", "src", "tests"], ["format", "--check", "src", "tests"]])
def test_ruff(args: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
