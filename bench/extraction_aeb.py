"""Main-text extraction on the Zyte/Scrapinghub Article Extraction Benchmark.

Data: $STORYLINE_DATASETS/scrapinghub_aeb (181 article pages, gold ``articleBody``).

Metric: the benchmark's own (upstream ``evaluate.py`` at
github.com/scrapinghub/article-extraction-benchmark), re-implemented here:

* text -> tokens: every ``\\w+`` run (Unicode, case kept);
* tokens -> shingles: all runs of 4 consecutive tokens (a text of 1-3 tokens
  is one short shingle, an empty text has none), counted as a multiset;
* per page: tp = sum min(gold, pred) over shingles, fp/fn = the excesses, then
  tp, fp, fn are divided by their sum so that every page weighs the same;
* precision = mean over pages with tp+fp > 0 (an empty output does not lower
  precision, only recall), recall = mean over pages with tp+fn > 0, and each
  page scores 1.0 when fp = fn = 0, 0.0 when tp = 0;
* F1 = harmonic mean of the two *averaged* figures (not a mean of per-page F1);
* accuracy = share of pages whose token sequence equals the gold one exactly;
* ± = standard deviation over bootstrap resamples of pages (upstream prints the
  same; 1000 resamples, here with a fixed seed).

Usage::

    .venv/bin/python bench/extraction_aeb.py                      # both systems
    .venv/bin/python bench/extraction_aeb.py --system trafilatura --json out/aeb.json
    .venv/bin/python bench/extraction_aeb.py --check-reference    # metric self-check
    .venv/bin/python bench/extraction_aeb.py --system trafilatura --variants all
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _common as C

DATA = C.DATASETS / "scrapinghub_aeb"
NGRAM = 4
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]  # tp, fp, fn, normalised to sum 1


# --------------------------------------------------------------------------- metric


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i : i + n]) for i in range(len(toks) - n + 1))


def page_counts(gold: str | None, pred: str | None) -> Counts:
    g, p = shingles(gold), shingles(pred)
    tp = float(sum((g & p).values()))
    fp = float(sum((p - g).values()))
    fn = float(sum((g - p).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def _ratio(hit: float, miss: float, other_miss: float) -> float:
    if miss == 0 and other_miss == 0:
        return 1.0
    if hit == 0 and miss == 0:
        return 0.0
    return hit / (hit + miss)


def aggregate(counts: Sequence[Counts]) -> dict[str, float]:
    precs = [_ratio(tp, fp, fn) for tp, fp, fn in counts if tp + fp > 0]
    recs = [_ratio(tp, fn, fp) for tp, fp, fn in counts if tp + fn > 0]
    p = statistics.mean(precs) if precs else 0.0
    r = statistics.mean(recs) if recs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def exact_match(gold: str | None, pred: str | None) -> float:
    return float(tokens(gold) == tokens(pred))


def score(
    gold: dict[str, str | None], pred: dict[str, str | None], n_bootstrap: int = 1000, seed: int = 0
) -> dict[str, float]:
    """Score predictions for the pages in ``gold`` (missing prediction = empty)."""
    keys = list(gold)
    counts = [page_counts(gold[k], pred.get(k)) for k in keys]
    acc = [exact_match(gold[k], pred.get(k)) for k in keys]
    out = aggregate(counts)
    out["accuracy"] = statistics.mean(acc) if acc else 0.0
    out["pages"] = len(keys)
    out["empty"] = sum(1 for k in keys if not tokens(pred.get(k)))
    if n_bootstrap and len(keys) > 1:
        rng = random.Random(seed)
        samples: dict[str, list[float]] = {}
        n = len(keys)
        for _ in range(n_bootstrap):
            idx = [rng.randrange(n) for _ in range(n)]
            b = aggregate([counts[i] for i in idx])
            b["accuracy"] = statistics.mean(acc[i] for i in idx)
            for m, v in b.items():
                samples.setdefault(m, []).append(v)
        for m, vs in samples.items():
            out[f"{m}_std"] = statistics.stdev(vs)
    return out


# --------------------------------------------------------------------------- data


def load_gold() -> dict[str, dict[str, str]]:
    with open(DATA / "ground-truth.json", encoding="utf-8") as f:
        return json.load(f)


def load_reference(path: Path) -> dict[str, str | None]:
    """Upstream output files are either {id: {articleBody}} or
    {"output": {id: {articleBody}}, "version": ...}."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if "output" in data and isinstance(data["output"], dict):
        data = data["output"]
    return {k: (v or {}).get("articleBody") for k, v in data.items()}


def check_reference(n_bootstrap: int) -> list[dict[str, object]]:
    gold = {k: v.get("articleBody", "") for k, v in load_gold().items()}
    rows = []
    for path in sorted((DATA / "reference-outputs").glob("*.json")):
        pred = load_reference(path)
        if set(pred) != set(gold):
            print(f"warning: {path.name}: keys differ from ground truth", file=sys.stderr)
        rows.append({"system": f"ref:{path.stem}", **score(gold, pred, n_bootstrap)})
    return rows


# --------------------------------------------------------------------------- main

COLUMNS = ["system", "precision", "recall", "f1", "accuracy", "f1_std", "empty", "errors", "s/page"]


def main(argv: Sequence[str] | None = None) -> int:
    p = C.base_parser(__doc__.split("\n\n")[0])
    p.add_argument(
        "--check-reference",
        action="store_true",
        help="score the stored upstream outputs in reference-outputs/ and exit",
    )
    p.add_argument("--n-bootstrap", type=int, default=1000)
    args = p.parse_args(argv)

    if args.check_reference:
        rows = check_reference(args.n_bootstrap)
        C.print_table(rows, ["system", "precision", "recall", "f1", "accuracy", "f1_std", "empty"])
        if args.json:
            C.write_json(args.json, {"dataset": "scrapinghub_aeb", "reference": rows})
        return 0

    systems = C.select_systems(args)
    gold_all = load_gold()
    keys = [k for k in sorted(gold_all) if C.in_split(k, args.split)]
    if args.limit:
        keys = keys[: args.limit]
    tasks = [C.Task(k, str(DATA / "html" / f"{k}.html.gz"), gold_all[k].get("url"), tuple(systems)) for k in keys]
    results = C.run_tasks(tasks, jobs=args.jobs, progress=not args.quiet)
    gold = {k: gold_all[k].get("articleBody", "") for k in keys}

    rows = []
    for s in systems:
        pred = {r.key: r.outputs.get(s) for r in results}
        row = {"system": s, **score(gold, pred, args.n_bootstrap)}
        row["errors"] = sum(1 for r in results if s in r.errors)
        row["s/page"] = statistics.mean(r.seconds.get(s, 0.0) for r in results)
        rows.append(row)
        if args.dump:
            C.dump_outputs(args.dump, s, results)
    print(f"scrapinghub_aeb: {len(keys)} pages")
    C.print_table(rows, COLUMNS)
    if args.json:
        C.write_json(
            args.json,
            {
                "dataset": "scrapinghub_aeb",
                "pages": len(keys),
                "metric": "AEB shingle P/R/F1 (n=4) + exact-token accuracy",
                "split": args.split,
                "versions": C.versions(),
                "results": rows,
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
