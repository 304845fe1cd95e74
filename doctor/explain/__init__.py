"""`bertdoctor explain`: the cause and the fix from a pasted error, traceback or training log.

How it reads a text, in one pass that stays fast on a 10 MB log:

1. It finds the *error zone*: the last traceback (walking back over chained ones, "During
   handling of the above exception ...", and past a launcher's own traceback such as
   torchrun's ChildFailedError); without a traceback, the last exception line of the log; in
   a short paste without either, the whole text. Every error pattern is looked for only there,
   and never in the quoted source lines of a traceback.
2. Each pattern has literal needles; `str.find` locates them (C speed) and the pattern's regex
   runs only on the few lines around a hit, never over the whole text, so no regex can
   backtrack across megabytes.
3. A few *context* patterns (warnings printed long before the crash: "Some weights ... newly
   initialized", "Token indices sequence length is longer ...", `loss: nan`, the CUDA
   assertion lines that name the failing kernel) are looked for in the whole text.
4. The best error hit becomes the one error finding (the cause, with the values read from the
   text and, with ``model``, compared with the folder's config.json); context hits become
   warnings; weak matches become hints, never findings. Unknown text gives a report without
   findings that says "no known cause": ``ExplainReport.recognised`` is False and the exit
   status is 1.
"""

from .core import (
    Diagnosis,
    ExplainReport,
    Frame,
    Hit,
    ModelFacts,
    Pattern,
    Scan,
)
from .engine import (
    context_findings,
    diagnose,
    explain_text,
    find_exception,
    find_frames,
    find_zone,
    normalise,
    read_log,
    read_model_facts,
    scan_text,
)
from .patterns import HINTS, PATTERNS

__all__ = [
    "HINTS",
    "PATTERNS",
    "Diagnosis",
    "ExplainReport",
    "Frame",
    "Hit",
    "ModelFacts",
    "Pattern",
    "Scan",
    "context_findings",
    "diagnose",
    "explain_text",
    "find_exception",
    "find_frames",
    "find_zone",
    "normalise",
    "read_log",
    "read_model_facts",
    "scan_text",
]
