"""Temporal tagging: storyline's rule tagger against a dateparser-only baseline.

Runs both systems on TempEval-3 platinum (English news, TIMEX3, the official test set) and
WikiWarsDE (German narratives, TIMEX2, all 22 documents) and prints the TempEval-3 measures side
by side (see storyline/evaluation/time.py for their definitions).

    .venv/bin/python -m bench.time_dateparser [--json PATH] [--limit N] [--dataset NAME ...]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from storyline.evaluation.time import SYSTEMS, evaluate_time

DEFAULT_DATASETS = ("tempeval3", "wikiwarsde")
ROWS = (
    ("strict P", ("strict", "precision")),
    ("strict R", ("strict", "recall")),
    ("strict F1", ("strict", "f1")),
    ("relaxed P", ("relaxed", "precision")),
    ("relaxed R", ("relaxed", "recall")),
    ("relaxed F1", ("relaxed", "f1")),
    ("value accuracy", ("value_accuracy",)),
    ("value F1", ("value_f1",)),
    ("type accuracy", ("type_accuracy",)),
    ("type F1", ("type_f1",)),
    ("strict+value F1", ("strict_value", "f1")),
    ("relaxed+value F1", ("relaxed_value", "f1")),
    ("gold / system", None),
    ("seconds", ("seconds",)),
)


def _get(result: dict, path: tuple[str, ...] | None) -> str:
    if path is None:
        return f"{result['n_gold']} / {result['n_system']}"
    value: object = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return "-"
        value = value[key]
    return f"{value:.1f}" if path == ("seconds",) else f"{100 * float(value):.2f}"  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", action="append", help="tempeval3, wikiwarsde, tempeval3-train, ...")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    results = []
    for dataset in args.dataset or DEFAULT_DATASETS:
        for system in SYSTEMS:
            started = time.perf_counter()
            result = evaluate_time(dataset, system, limit=args.limit)
            result["seconds"] = round(time.perf_counter() - started, 2)
            results.append(result)
            print(f"done {dataset} {system} ({result['seconds']} s)", file=sys.stderr)
    header = ["measure (%)"] + [f"{r['dataset']}/{r['system']}" for r in results]
    lines = [header] + [[name] + [_get(r, path) for r in results] for name, path in ROWS]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(line)))
        if index == 0:
            print("  ".join("-" * w for w in widths))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
