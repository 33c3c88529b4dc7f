"""Main-text extraction on trafilatura's own evaluation set (990 pages, ~half German).

Data: $STORYLINE_DATASETS/trafilatura_eval (``evaldata.json`` = {url: {file, with,
without}}, pages in ``html/<file>.gz``).

Metric: upstream's (adbar/trafilatura ``tests/evaluate.py`` / ``eval_common.py`` /
``eval_gate.py``), re-implemented here:

* both the output and every snippet are whitespace-normalised (each run of
  whitespace -> one space, ends stripped), nothing else (case, punctuation and
  quotes are compared as they are);
* a "with" snippet found as a substring of the output is a TP, else an FN;
  a "without" snippet found is an FP, else a TN;
* no output / empty output / a crash: every "with" is an FN, every "without" a TN;
* precision, recall, accuracy = (TP+TN)/all, F1 = 2TP/(2TP+FP+FN), all over the
  summed counts (micro-averaged over snippets, not per page).

Upstream's own trafilatura runner uses include_comments=False (tables on,
formatting off) and no URL; the "trafilatura" system here is the plain default
(comments on) with the page URL; the upstream setting is the ``no_comments``
variant in bench/_variants.py.

Usage::

    .venv/bin/python bench/extraction_trafilatura_eval.py --system trafilatura
    .venv/bin/python bench/extraction_trafilatura_eval.py --limit 50 --jobs 2
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _common as C

DATA = C.DATASETS / "trafilatura_eval"
_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------- metric


def norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


@dataclass
class Confusion:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: Confusion) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    def scores(self) -> dict[str, float]:
        def div(a: int, b: int) -> float:
            return a / b if b else 0.0

        return {
            "precision": div(self.tp, self.tp + self.fp),
            "recall": div(self.tp, self.tp + self.fn),
            "accuracy": div(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn),
            "f1": div(2 * self.tp, 2 * self.tp + self.fp + self.fn),
        }


def count_page(item: dict, output: str | None) -> Confusion:
    with_, without = item["with"], item["without"]
    if isinstance(output, str) and output:
        out = norm(output)
        tp = sum(norm(s) in out for s in with_)
        fp = sum(norm(s) in out for s in without)
    else:
        tp = fp = 0
    return Confusion(tp=tp, fp=fp, fn=len(with_) - tp, tn=len(without) - fp)


def score(evaldata: dict[str, dict], outputs: dict[str, str | None]) -> dict[str, float]:
    total = Confusion()
    for url, item in evaldata.items():
        total.add(count_page(item, outputs.get(url)))
    return {
        **total.scores(),
        "tp": total.tp,
        "fp": total.fp,
        "fn": total.fn,
        "tn": total.tn,
        "pages": len(evaldata),
        "empty": sum(1 for u in evaldata if not outputs.get(u)),
    }


# --------------------------------------------------------------------------- main

COLUMNS = ["system", "precision", "recall", "f1", "accuracy", "tp", "fp", "fn", "tn", "empty", "errors", "s/page"]


def load_evaldata() -> dict[str, dict]:
    with open(DATA / "evaldata.json", encoding="utf-8") as f:
        return json.load(f)


def main(argv: Sequence[str] | None = None) -> int:
    p = C.base_parser(__doc__.split("\n\n")[0])
    args = p.parse_args(argv)
    systems = C.select_systems(args)

    evaldata = load_evaldata()
    urls = [u for u in evaldata if C.in_split(u, args.split)]  # upstream order
    missing = [u for u in urls if not (DATA / "html" / f"{evaldata[u]['file']}.gz").is_file()]
    if missing:  # upstream skips pages whose file is absent; so do we, loudly
        print(f"warning: {len(missing)} pages without HTML are skipped", file=sys.stderr)
        urls = [u for u in urls if u not in set(missing)]
    if args.limit:
        urls = urls[: args.limit]
    data = {u: evaldata[u] for u in urls}
    tasks = [C.Task(u, str(DATA / "html" / f"{evaldata[u]['file']}.gz"), u, tuple(systems)) for u in urls]
    results = C.run_tasks(tasks, jobs=args.jobs, progress=not args.quiet)

    rows = []
    for s in systems:
        outputs = {r.key: r.outputs.get(s) for r in results}
        row = {"system": s, **score(data, outputs)}
        row["errors"] = sum(1 for r in results if s in r.errors)
        row["s/page"] = statistics.mean(r.seconds.get(s, 0.0) for r in results)
        rows.append(row)
        if args.dump:
            C.dump_outputs(args.dump, s, results)
    n_with = sum(len(v["with"]) for v in data.values())
    n_without = sum(len(v["without"]) for v in data.values())
    print(f"trafilatura_eval: {len(urls)} pages, {n_with} 'with' + {n_without} 'without' snippets")
    C.print_table(rows, COLUMNS)
    if args.json:
        C.write_json(
            args.json,
            {
                "dataset": "trafilatura_eval",
                "pages": len(urls),
                "snippets": {"with": n_with, "without": n_without},
                "metric": "snippet TP/FP/FN/TN, whitespace-normalised substring",
                "split": args.split,
                "versions": C.versions(),
                "results": rows,
            },
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
