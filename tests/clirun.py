"""The bertdoctor command run as a user runs it: a fresh Python, its own output and exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def bertdoctor(
    *args: str,
    cwd: Path | None = None,
    env: dict | None = None,
    stdin: str | None = None,
    columns: int | None = None,
    timeout: int = 300,
) -> subprocess.CompletedProcess[str]:
    """``python -m bertdoctor ARGS``; ``columns`` sets the width rich wraps at when it is not on
    a terminal (80 by default)."""
    full_env = {**os.environ, **({"COLUMNS": str(columns)} if columns else {}), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "bertdoctor", *args],
        cwd=cwd,
        env=full_env,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
