"""The ner recipe run with a clock on every optimizer step, for the benches that time it."""

from __future__ import annotations

import time
from typing import Any


def stamped_ner_run(device: str, **config: Any) -> tuple[float, list[float], dict[str, Any]]:
    """Runs the ner recipe with a progress hook that synchronises the device and stamps the time
    after every optimizer step: (the time before the run, the stamps, the run's metrics)."""
    from bertdoctor.recipes import ner

    if device.startswith("cuda"):
        import torch

        sync = torch.cuda.synchronize
    else:

        def sync() -> None:
            pass

    stamps: list[float] = []

    def on_step(**_: object) -> None:
        sync()  # the step's GPU work is done when it is stamped
        stamps.append(time.perf_counter())

    cfg = ner.Config(device=device, save_every=0, seed=0, **config)
    start = time.perf_counter()
    metrics = ner.main(cfg, progress=on_step)
    return start, stamps, metrics
