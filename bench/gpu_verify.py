"""Run every step of docs/gpu-verification.md on an NVIDIA machine and compare the readings.

    python bench/gpu_verify.py --out DIR [--deadline 480]

Runs, each in its own process and each with a time limit, writing its output to DIR:

1. `nvidia-smi`, its CSV query, torch's own answers, and `bertdoctor check-env` (`--collect`,
   `-v`, `--json`); then compares each reading in check-env's collection with nvidia-smi and
   torch, row by row (match / mismatch / close for memory in use);
2. the findings that must appear: `CUDA_VISIBLE_DEVICES=` (BD104 and BD110, exit 1) and
   `CUDA_LAUNCH_BLOCKING=1 ... --no-smoke` (BD110, exit 0);
3. real CUDA failures made on purpose in child processes (a label id equal to the number of
   classes, a token type id of 2, an allocation larger than the card, a batch on the CPU for a
   model on the GPU, a BCE target of the wrong size), each error text saved and given to
   `bertdoctor explain`, with the code it should name first;
4. the reference recipes on the GPU (auto precision, fp16, fp32, `--size base`, cls under
   --nproc 1 (which runs in-process), a 100-step BERT-base ner run sized for MFU, and `cls
   --size base`, whose flat loss is INCONCLUSIVE rather than FAIL);
5. `bench/startup.py`, `bench/recipe_vs_trainer.py --size base --device cuda` and
   `bench/monitor_overhead.py` on the GPU, while the deadline allows.

Prints a Markdown summary (also written to DIR/summary.md). Nothing here is a test: it
records what one machine did, for the log in docs/gpu-verification.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BD = [sys.executable, "-m", "bertdoctor"]

TORCH_REF = """
import json, torch
n = torch.cuda.device_count()
try:
    bf16 = torch.cuda.is_bf16_supported(including_emulation=False)
except TypeError:
    bf16 = torch.cuda.is_bf16_supported()
print(json.dumps({
    'version': torch.__version__, 'cuda': torch.version.cuda,
    'cudnn': torch.backends.cudnn.version(), 'arch_list': torch.cuda.get_arch_list(),
    'cuda_available': torch.cuda.is_available(), 'device_count': n,
    'bf16_supported': bf16,
    'nccl': '.'.join(map(str, torch.cuda.nccl.version())),
    'devices': [[torch.cuda.get_device_name(i), list(torch.cuda.get_device_capability(i)),
                 torch.cuda.get_device_properties(i).total_memory // 2**20]
                for i in range(n)],
}))
"""

# Real failures, made on the GPU on purpose; the code explain should name first.
FAILURES: dict[str, tuple[str, str]] = {
    "label-equals-num-labels": (
        "BD117",
        """
        import torch
        logits = torch.randn(8, 5, device="cuda", requires_grad=True)
        labels = torch.tensor([0, 1, 2, 3, 4, 5, 1, 2], device="cuda")  # 5 == num_labels
        loss = torch.nn.functional.cross_entropy(logits, labels)
        loss.backward()
        print(loss.item())
        """,
    ),
    "token-type-id-2": (
        "BD117",
        """
        import torch
        from transformers import BertConfig, BertModel
        config = BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=1,
                            num_attention_heads=2, intermediate_size=64, type_vocab_size=2)
        model = BertModel(config).cuda()
        ids = torch.randint(0, 100, (2, 16), device="cuda")
        types = torch.full_like(ids, 2)
        out = model(input_ids=ids, token_type_ids=types)
        print(out.last_hidden_state.sum().item())
        """,
    ),
    "out-of-memory": (
        "BD509",
        """
        import torch
        free, total = torch.cuda.mem_get_info()
        x = torch.empty(int(total * 1.5) // 4, dtype=torch.float32, device="cuda")
        """,
    ),
    "batch-on-cpu": (
        "BD411",
        """
        import torch
        from transformers import BertConfig, BertForSequenceClassification
        config = BertConfig(vocab_size=100, hidden_size=32, num_hidden_layers=1,
                            num_attention_heads=2, intermediate_size=64)
        model = BertForSequenceClassification(config).cuda()
        ids = torch.randint(0, 100, (2, 16))
        print(model(input_ids=ids).logits)
        """,
    ),
    "bce-target-size": (
        "BD401",
        """
        import torch
        logits = torch.randn(8, device="cuda", requires_grad=True)
        labels = torch.ones(4, device="cuda")
        loss = torch.nn.BCEWithLogitsLoss()(logits, labels)
        """,
    ),
}


class Runner:
    def __init__(self, out: Path, deadline: float) -> None:
        self.out = out
        self.deadline = deadline
        self.log: list[str] = []

    def left(self) -> float:
        return self.deadline - time.monotonic()

    def run(
        self,
        name: str,
        cmd: list[str],
        *,
        env: dict[str, str] | None = None,
        limit: float = 300,
        cwd: Path | None = None,
    ) -> tuple[int | None, str, str, float]:
        """Run one step; save its stdout and stderr; return (exit status, out, err, seconds)."""
        limit = min(limit, self.left())
        if limit < 5:
            self.log.append(f"- `{name}`: not run, the deadline was reached")
            return None, "", "", 0.0
        start = time.perf_counter()
        try:
            proc = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                timeout=limit,
                env={**os.environ, "NO_COLOR": "1", "COLUMNS": "100", **(env or {})},
                cwd=cwd or self.out,
            )
            code, out, err = proc.returncode, proc.stdout, proc.stderr
        except OSError as exc:  # no such program (nvidia-smi on a machine without a driver)
            code, out, err = None, "", f"{type(exc).__name__}: {exc}"
        except subprocess.TimeoutExpired as exc:
            code = None
            out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else exc.stdout or ""
            err = (exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or "") + (
                f"\n[killed after {limit:.0f} s]"
            )
        seconds = time.perf_counter() - start
        (self.out / f"{name}.out").write_text(out)
        (self.out / f"{name}.err").write_text(err)
        self.log.append(f"- `{name}`: exit {code}, {seconds:.1f} s")
        return code, out, err, seconds


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def compare_env(collected: dict, smi_csv: str, smi_text: str, ref: dict) -> list[list[str]]:
    """Rows of (reading, bertdoctor, reference, verdict)."""
    rows: list[list[str]] = []

    def row(name: str, ours: Any, theirs: Any, close: float | None = None) -> None:
        if close is not None and isinstance(ours, int | float) and isinstance(theirs, int | float):
            verdict = "close" if abs(ours - theirs) <= close else "MISMATCH"
            verdict = "match" if ours == theirs else verdict
        else:
            verdict = "match" if str(ours) == str(theirs) else "MISMATCH"
        rows.append([name, str(ours), str(theirs), verdict])

    nvidia = collected.get("nvidia") or {}
    smi_rows = list(csv.reader(io.StringIO(smi_csv.strip())))
    header_cuda = ""
    for line in smi_text.splitlines():
        if "CUDA Version" in line:
            header_cuda = line.split("CUDA Version:")[1].split("|")[0].strip()
    if smi_rows:
        row("nvidia.driver", nvidia.get("driver"), smi_rows[0][2].strip())
    row("nvidia.cuda_driver", nvidia.get("cuda_driver"), header_cuda)
    for i, smi in enumerate(smi_rows):
        gpu = (nvidia.get("gpus") or [{}] * (i + 1))[i]
        name, uuid, _, cap, total, used = (c.strip() for c in smi)
        row(f"nvidia.gpus[{i}].name", gpu.get("name"), name)
        row(f"nvidia.gpus[{i}].uuid", gpu.get("uuid"), uuid)
        row(f"nvidia.gpus[{i}].capability", gpu.get("capability"), cap)
        row(f"nvidia.gpus[{i}].memory_total_mib", gpu.get("memory_total_mib"), int(total))
        row(f"nvidia.gpus[{i}].memory_used_mib", gpu.get("memory_used_mib"), int(used), close=64)
    t = collected.get("torch") or {}
    for key in (
        "version",
        "cuda",
        "cudnn",
        "arch_list",
        "cuda_available",
        "device_count",
        "bf16_supported",
        "nccl",
    ):
        row(f"torch.{key}", t.get(key), ref.get(key))
    for i, (name, cap, total) in enumerate(ref.get("devices", [])):
        dev = (t.get("devices") or [{}] * (i + 1))[i]
        row(f"torch.devices[{i}].name", dev.get("name"), name)
        row(f"torch.devices[{i}].capability", dev.get("capability"), f"{cap[0]}.{cap[1]}")
        row(f"torch.devices[{i}].memory_total_mib", dev.get("memory_total_mib"), total)
    for smoke in collected.get("smoke") or []:
        i = smoke.get("index")
        row(f"smoke[{i}].ok", smoke.get("ok"), True)
        for key, bound in (("matmul_rel_diff", 0.01), ("autocast_rel_diff", 0.05)):
            value = smoke.get(key)
            ok = isinstance(value, int | float) and value < bound
            rows.append([f"smoke[{i}].{key}", str(value), f"< {bound}", "match" if ok else "FAIL"])
    return rows


def codes(report: Any) -> list[str]:
    return [f["code"] for f in (report or {}).get("findings", [])]


def recipe_line(name: str, code: int | None, report: Any) -> str:
    m = ((report or {}).get("data") or {}).get("metrics") or {}
    if not m:
        return f"| {name} | exit {code} | no metrics | | | | | |"
    mfu = m.get("mfu")
    return (
        f"| {name} | {m.get('verdict')} (exit {code}) | {m.get('precision')} | "
        f"{m.get('metric_name')} {m.get('metric')} | {m.get('samples_per_s')} | "
        f"{m.get('achieved_tflops')} | {f'{mfu:.1%}' if mfu is not None else '-'} | "
        f"{m.get('peak_memory_mib')} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--deadline", type=float, default=480, help="seconds for all steps")
    parser.add_argument("--skip-bench", action="store_true")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    r = Runner(out, time.monotonic() + args.deadline)
    md: list[str] = [f"# GPU verification ({time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})"]

    # 1. readings
    _, smi_text, _, _ = r.run("nvidia-smi", ["nvidia-smi"], limit=30)
    query = "name,uuid,driver_version,compute_cap,memory.total,memory.used"
    _, smi_csv, _, _ = r.run(
        "nvidia-smi-query",
        ["nvidia-smi", f"--query-gpu={query}", "--format=csv,noheader,nounits"],
        limit=30,
    )
    _, ref_text, _, _ = r.run("torch-ref", [sys.executable, "-c", TORCH_REF], limit=120)
    _, collected_text, _, collect_s = r.run("check-env-collect", [*BD, "check-env", "--collect"])
    code_v, verbose_text, _, verbose_s = r.run("check-env-v", [*BD, "check-env", "-v"])
    code_j, report_text, _, _ = r.run("check-env-json", [*BD, "check-env", "--json"])
    collected, ref = _json(collected_text) or {}, _json(ref_text) or {}
    md += ["", "## check-env readings against nvidia-smi and torch", ""]
    md += ["| reading | bertdoctor | reference | verdict |", "|---|---|---|---|"]
    md += [f"| {' | '.join(x)} |" for x in compare_env(collected, smi_csv, smi_text, ref)]
    report = _json(report_text)
    md += [
        "",
        f"`check-env -v`: exit {code_v}, {verbose_s:.1f} s (smoke test included); "
        f"`--collect` {collect_s:.1f} s; `--json` exit {code_j}, findings {codes(report)}",
        "",
        "```",
        verbose_text.rstrip(),
        "```",
    ]

    # 2. findings that must appear
    md += ["", "## Findings that must appear", ""]
    for name, env, extra, want_codes, want_exit in (
        ("no-visible-devices", {"CUDA_VISIBLE_DEVICES": ""}, [], {"BD104", "BD110"}, 1),
        ("launch-blocking", {"CUDA_LAUNCH_BLOCKING": "1"}, ["--no-smoke"], {"BD110"}, 0),
    ):
        code, text, _, _ = r.run(name, [*BD, "check-env", "--json", *extra], env=env)
        got = codes(_json(text))
        ok = want_codes <= set(got) and code == want_exit
        md.append(
            f"- {name}: exit {code} (want {want_exit}), codes {got} "
            f"(want {sorted(want_codes)}): {'ok' if ok else 'FAIL'}"
        )

    # 3. real CUDA failures, read by explain
    md += ["", "## explain on real CUDA failures made here", ""]
    md += [
        "| failure | last line of the error | explain first | want | ok |",
        "|---|---|---|---|---|",
    ]
    for name, (want, source) in FAILURES.items():
        code, _, err, _ = r.run(
            f"fail-{name}", [sys.executable, "-c", textwrap.dedent(source)], limit=120
        )
        log = out / f"fail-{name}.err"
        _, explained, _, _ = r.run(
            f"explain-{name}", [*BD, "explain", "--json", "--file", str(log)]
        )
        first = (codes(_json(explained)) or ["none"])[0]
        last = next((x for x in reversed(err.strip().splitlines()) if x.strip()), "")[:90]
        last = last.replace("|", "\\|")
        md.append(f"| {name} | `{last}` | {first} | {want} | {'ok' if first == want else 'NO'} |")

    # 4. the recipes
    runs = out / "runs"
    runs.mkdir(exist_ok=True)
    recipes = [
        ("ner-auto", ["ner"]),
        ("ner-fp16", ["ner", "--precision", "fp16"]),
        ("ner-fp32", ["ner", "--precision", "fp32"]),
        ("ner-base", ["ner", "--size", "base"]),
        ("cls-nproc1", ["cls", "--nproc", "1"]),
        (
            "ner-base-mfu",
            ["ner", "--size", "base", "--batch-size", "256", "--max-length", "128"]
            + ["--max-steps", "100"],
        ),
        # at its defaults; a fresh BERT-base learns the cls XOR only some of the time, and a
        # flat loss there is INCONCLUSIVE (BD531, exit 0), not FAIL
        ("cls-base", ["cls", "--size", "base"]),
    ]
    md += ["", "## Reference recipes on the GPU", ""]
    md += [
        "| run | verdict | precision | metric | samples/s | TFLOP/s | MFU | peak MiB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, argv in recipes:
        cmd = [*BD, "run-recipe", *argv, "--device", "cuda", "--json", "--output", str(runs / name)]
        code, text, _, _ = r.run(f"recipe-{name}", cmd)
        md.append(recipe_line(name, code, _json(text)))
    code, text, _, _ = r.run("diagnose", [*BD, "diagnose", "--json"], cwd=runs)
    report = _json(text) or {}
    sections = [
        (s.get("title"), s.get("status"), s.get("summary")) for s in report.get("sections", [])
    ]
    md += ["", f"`diagnose`: exit {code}, findings {codes(report)}", ""]
    md += [f"- {t}: {s}: {x}" for t, s, x in sections]

    # 5. benches
    if not args.skip_bench:
        md += ["", "## Benches", ""]
        for name, cmd, limit in (
            ("bench-startup", [sys.executable, "bench/startup.py", "--repeat", "3"], 120),
            (
                "bench-recipe-vs-trainer",
                [sys.executable, "bench/recipe_vs_trainer.py", "--size", "base", "--steps", "30"]
                + ["--device", "cuda"],
                240,
            ),
            (
                "bench-monitor-overhead",
                [sys.executable, "bench/monitor_overhead.py", "--hidden", "768", "--layers", "12"]
                + ["--seq", "128", "--batch", "32", "--steps", "60"],
                180,
            ),
        ):
            code, text, err, _ = r.run(name, cmd, limit=limit, cwd=REPO)
            tail = (text.strip() or err.strip()).splitlines()[-12:]
            md += [f"### {name} (exit {code})", "", "```", *tail, "```", ""]

    md += ["", "## Steps", "", *r.log]
    summary = "\n".join(md) + "\n"
    (out / "summary.md").write_text(summary)
    print(summary)


if __name__ == "__main__":
    main()
