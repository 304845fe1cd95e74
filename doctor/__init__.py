"""bertdoctor: finds why BERT fine-tuning fails.

``import bertdoctor`` stays light: the Python API that needs torch or transformers is loaded on
first use (PEP 562), so the CLI's start-up never pays for it.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .findings import DoctorError, ExitStatus, Finding, Location, Report, Section, Severity

__all__ = [
    "DoctorError",
    "ExitStatus",
    "Finding",
    "Location",
    "Report",
    "Section",
    "Severity",
    "check_batch",
    "check_loss",
    "DoctorCallback",
    "TrainingStopped",
    "watch",
]

# public name -> module that defines it, imported on first access
_LAZY = {
    "check_loss": ".checks.losses",
    "check_batch": ".checks.batch",
    "DoctorCallback": ".monitor",
    "TrainingStopped": ".monitor",
    "watch": ".monitor",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module 'bertdoctor' has no attribute {name!r}")
