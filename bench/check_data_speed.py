"""How fast and how lean `bertdoctor check-data` is on a large CoNLL file.

Builds, in a temporary folder, a CoNLL file of about 200,000 sentences from the real data in
../shared/datasets (WNUT-17 train/dev/test and Weibo NER, repeated; every copy of a sentence gets
one extra token naming its copy, so no two sentences are equal and the duplicate index is full
size), and a BERT folder whose WordPiece vocabulary (8,000) is trained on that data. Then prints:

1. sentences per second of check-data (with --model, so every sentence is tokenized and checked)
   over sentences per second of plain `tokenizers` batch-encoding of the same sentences (reading
   the file into word lists, then `encode_batch(..., is_pretokenized=True)` in batches of 2,000),
   measured side by side in this run, best of two. Target: >= 0.7.
2. the peak memory (VmHWM, else ru_maxrss) of check-data on the first 20,000 and on all
   200,000 sentences,
   each in a fresh child process. Target: grows by less than 100 MB.

Usage: python bench/check_data_speed.py [--sentences 200000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "datasets"
SOURCES = [
    "wnut17/wnut17train.conll",
    "wnut17/emerging.dev.conll",
    "wnut17/emerging.test.annotated",
    "weibo_ner/weiboNER_2nd_conll.train",  # character + index column: the index is kept as is
    "weibo_ner/weiboNER.conll.train",
]


def sentences_of(path: Path) -> list[list[str]]:
    """Raw sentences as lists of lines, split on whitespace-only lines."""
    out, cur = [], []
    for line in path.read_bytes().decode("utf-8", "replace").split("\n"):
        if line.strip():
            cur.append(line)
        elif cur:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def base_sentences() -> list[list[str]]:
    return [s for src in SOURCES for s in sentences_of(DATA / src)]


def build_file(folder: Path, n: int) -> Path:
    base = base_sentences()
    path = folder / f"big{n}.conll"
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            sent = base[i % len(base)]
            f.write("\n".join(sent) + f"\ncopy{i // len(base)}\tO\n\n")
    return path


def build_model(folder: Path, sample: Path) -> Path:
    sys.path.insert(0, str(REPO / "tests"))
    from tinybert import build_tiny_bert

    corpus = [" ".join(line.split("\t")[0] for line in s) for s in sentences_of(sample)[:20000]]
    return build_tiny_bert(
        folder / "model",
        corpus=corpus,
        vocab_size=8000,
        weights="none",
        max_position_embeddings=512,
        id2label={0: "O"},
    )


def raw_encode(path: Path, model: Path) -> float:
    """Seconds for plain tokenizers: read the file into word lists, batch-encode them."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model / "tokenizer.json"))
    t0 = time.perf_counter()
    batch, cur, n = [], [], 0
    with path.open(encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.strip():
                cur.append(line.split()[0])
            elif cur:
                batch.append(cur)
                cur = []
                if len(batch) == 2000:
                    n += len(tok.encode_batch(batch, is_pretokenized=True))
                    batch = []
    if batch:
        n += len(tok.encode_batch(batch, is_pretokenized=True))
    return time.perf_counter() - t0


def check_data_seconds(path: Path, model: Path) -> tuple[float, int]:
    from bertdoctor.checks.data import check_data_report

    t0 = time.perf_counter()
    report = check_data_report([str(path)], model=str(model))
    return time.perf_counter() - t0, report.sections[-1].data["examples"]


def child(path: str, model: str) -> None:
    """Run in a fresh process: check-data on one file, print the peak RSS in MB."""
    from bertdoctor.checks.data import check_data_report

    check_data_report([path], model=model)
    print(json.dumps({"maxrss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This process's peak RSS. Linux keeps ru_maxrss across fork+exec (a child would report
    its parent's peak), so VmHWM of /proc/self/status is read where it exists."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mb(path: Path, model: Path) -> float:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), str(model)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])["maxrss_mb"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sentences", type=int, default=200_000)
    ap.add_argument("--child", nargs=2)
    args = ap.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        big = build_file(folder, args.sentences)
        small = build_file(folder, args.sentences // 10)
        model = build_model(folder, small)
        print(f"file: {args.sentences:,} sentences, {big.stat().st_size / 1e6:.1f} MB")
        raw = min(raw_encode(big, model) for _ in range(2))
        runs = [check_data_seconds(big, model) for _ in range(2)]
        ours, n = min(r[0] for r in runs), runs[0][1]
        assert n == args.sentences, n
        print(f"tokenizers encode_batch: {n / raw:,.0f} sentences/s ({raw:.1f} s)")
        print(f"check-data --model:      {n / ours:,.0f} sentences/s ({ours:.1f} s)")
        print(f"ratio check-data / tokenizers: {raw / ours:.2f} (target >= 0.7)")
        # The big file repeats the real sentences, and check-data encodes each distinct word
        # once, so repetition flatters it; the same ratio on one copy of the data, no repeats:
        one = build_file(folder, len(base_sentences()))
        raw1 = min(raw_encode(one, model) for _ in range(3))
        ours1 = min(check_data_seconds(one, model)[0] for _ in range(3))
        print(
            f"ratio on one copy of the data ({len(base_sentences()):,} distinct sentences): "
            f"{raw1 / ours1:.2f} ({raw1:.2f} s vs {ours1:.2f} s)"
        )
        m_small, m_big = peak_mb(small, model), peak_mb(big, model)
        print(
            f"peak memory: {m_small:.0f} MB at {args.sentences // 10:,} sentences, "
            f"{m_big:.0f} MB at {args.sentences:,}: grows by {m_big - m_small:.0f} MB "
            "(target < 100 MB)"
        )


if __name__ == "__main__":
    main()
