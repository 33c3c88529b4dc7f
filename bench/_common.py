"""Shared plumbing for the extraction benchmarks (bench/extraction_*.py).

Nothing here knows about a particular data set or metric: reading the gzipped
pages, the systems under test, a process-pool map, table printing and the
common command line.

The data sets live outside the repository (``$STORYLINE_DATASETS``, default
``/work/shared/datasets``); their text must never be copied into the repo, so
the optional ``--dump`` outputs should go to a scratch directory.
"""

from __future__ import annotations

import argparse
import gzip
import json
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATASETS = Path(os.environ.get("STORYLINE_DATASETS", "/work/shared/datasets"))

SYSTEMS = ("trafilatura", "storyline")


class SystemUnavailable(RuntimeError):
    """A system under test cannot be imported (e.g. not written yet)."""


# --------------------------------------------------------------------------- input


def read_gz(path: str | os.PathLike[str]) -> bytes:
    with gzip.open(path, "rb") as f:
        return f.read()


def decode_html(raw: bytes) -> str:
    """Bytes -> str exactly as trafilatura does it internally (UTF-8 first, then
    charset detection), so passing the str gives the same result as passing bytes
    and every system sees the same text."""
    from trafilatura.utils import decode_file

    return decode_file(raw)


def load_page(path: str | os.PathLike[str]) -> str:
    return decode_html(read_gz(path))


# --------------------------------------------------------------------------- systems


def trafilatura_extract(html: str, url: str | None) -> str | None:
    """The plain baseline: trafilatura with its default settings."""
    import trafilatura

    return trafilatura.extract(html, url=url)


def storyline_extract(html: str, url: str | None) -> str | None:
    """What storyline stores as a document's text for this page (the whole HTML ingest path)."""
    try:
        from storyline.ingest.clean import clean_article
        from storyline.records import RawArticle
    except ImportError as err:
        raise SystemUnavailable(f"storyline is not importable ({type(err).__name__}: {err})") from err
    raw = RawArticle(origin=url or "page", source=url or "page", default_id="page", format="html", html=html, url=url)
    return clean_article(raw).text


def variant_extract(name: str) -> Callable[[str, str | None], str | None]:
    from bench._variants import extract_variant

    def run(html: str, url: str | None) -> str | None:
        return extract_variant(html, url=url, variant=name)

    return run


def get_system(name: str) -> Callable[[str, str | None], str | None]:
    """'trafilatura', 'storyline' or 'variant:<name>' (see bench/_variants.py)."""
    if name == "trafilatura":
        return trafilatura_extract
    if name == "storyline":
        return storyline_extract
    if name.startswith("variant:"):
        return variant_extract(name.split(":", 1)[1])
    raise ValueError(f"unknown system {name!r}")


def check_available(name: str) -> str | None:
    """None if the system can run, else a one-line reason."""
    try:
        get_system(name)("<html><body><article><p>Probe text for import check.</p></article></body></html>", None)
    except SystemUnavailable as err:
        return str(err)
    except Exception:  # a crash on the probe is not an import problem
        return None
    return None


def in_split(key: str, split: str) -> bool:
    """Deterministic half split for tuning hygiene: 'dev' = even sha1 of the page key,
    'test' = odd, 'all' = everything. Tune on dev, report test (and all)."""
    if split == "all":
        return True
    import hashlib

    odd = hashlib.sha1(key.encode("utf-8")).digest()[-1] % 2 == 1
    return odd if split == "test" else not odd


def resolve_systems(choice: str, variants: Sequence[str] = ()) -> list[str]:
    systems = list(SYSTEMS) if choice == "both" else [choice]
    return systems + [f"variant:{v}" for v in variants]


# --------------------------------------------------------------------------- running


@dataclass
class Task:
    key: str
    path: str
    url: str | None
    systems: tuple[str, ...]


@dataclass
class Result:
    key: str
    outputs: dict[str, str | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _run_task(task: Task) -> Result:
    res = Result(task.key)
    html = load_page(task.path)
    multi = [s for s in task.systems if s.startswith("variant:")]
    single = [s for s in task.systems if not s.startswith("variant:")]
    for name in single:
        t0 = time.perf_counter()
        try:
            res.outputs[name] = get_system(name)(html, task.url)
        except SystemUnavailable:
            raise
        except Exception as err:  # a crash counts as an empty output (full miss)
            res.outputs[name] = None
            res.errors[name] = f"{type(err).__name__}: {err}"
        res.seconds[name] = time.perf_counter() - t0
    if multi:
        # variants sharing trafilatura settings are extracted once per page
        from bench._variants import extract_variants

        t0 = time.perf_counter()
        names = [s.split(":", 1)[1] for s in multi]
        outs, errs = extract_variants(html, task.url, names)
        elapsed = (time.perf_counter() - t0) / len(names)
        for n in names:
            res.outputs[f"variant:{n}"] = outs[n]
            if n in errs:
                res.errors[f"variant:{n}"] = errs[n]
            res.seconds[f"variant:{n}"] = elapsed
    return res


def _init_worker() -> None:
    import logging

    logging.disable(logging.CRITICAL)  # trafilatura logs a lot on odd pages
    repo = str(Path(__file__).resolve().parent.parent)
    if repo not in sys.path:
        sys.path.insert(0, repo)


def run_tasks(tasks: Sequence[Task], jobs: int = 2, progress: bool = True) -> list[Result]:
    """Run tasks in a process pool (jobs<=1: in-process), keeping input order."""
    out: list[Result] = []
    n = len(tasks)
    step = max(1, n // 10)

    def report(i: int) -> None:
        if progress and (i % step == 0 or i == n):
            print(f"  {i}/{n} pages", file=sys.stderr, flush=True)

    if jobs <= 1:
        _init_worker()
        for i, t in enumerate(tasks, 1):
            out.append(_run_task(t))
            report(i)
        return out
    ctx = mp.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(jobs, initializer=_init_worker, maxtasksperchild=200) as pool:
        for i, r in enumerate(pool.imap(_run_task, tasks, chunksize=2), 1):
            out.append(r)
            report(i)
    return out


# --------------------------------------------------------------------------- output


def fmt(v: Any, digits: int = 3) -> str:
    if isinstance(v, float):
        return f"{v:.{digits}f}"
    return str(v)


def format_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    cells = [[fmt(r.get(c, "")) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) if cells else len(c) for i, c in enumerate(columns)]
    head = " | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))
    sep = "-|-".join("-" * w for w in widths)
    body = [
        " | ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths, strict=True)))
        for row in cells
    ]
    return "\n".join([head, sep, *body])


def print_table(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> None:
    print(format_table(rows, columns))


def write_json(path: str | os.PathLike[str], payload: Any) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps(payload, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def dump_outputs(directory: str | os.PathLike[str], system: str, results: Iterable[Result]) -> None:
    """Write raw outputs for error analysis (keep them OUT of the repository)."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    payload = {r.key: r.outputs.get(system) for r in results}
    (d / f"{system.replace(':', '_')}.json").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": sys.version.split()[0]}
    for pkg in ("trafilatura", "lxml", "storyline"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "-"
    return out


# --------------------------------------------------------------------------- cli


def base_parser(description: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--system",
        choices=["trafilatura", "storyline", "both"],
        default="both",
        help="system(s) under test (default: both)",
    )
    p.add_argument(
        "--variants", default="", help="comma-separated bench/_variants.py variants to score as well, or 'all'"
    )
    p.add_argument("--limit", type=int, default=0, help="only the first N pages (0 = all)")
    p.add_argument(
        "--split",
        choices=["all", "dev", "test"],
        default="all",
        help="hash-based half of the pages (tune on dev, report on test)",
    )
    p.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--json", metavar="PATH", help="write the figures as JSON")
    p.add_argument("--dump", metavar="DIR", help="write raw outputs per system to DIR (scratch only, not the repo)")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return p


def parse_variants(spec: str) -> list[str]:
    if not spec:
        return []
    from bench._variants import VARIANTS

    names = list(VARIANTS) if spec == "all" else [s.strip() for s in spec.split(",") if s.strip()]
    unknown = [n for n in names if n not in VARIANTS]
    if unknown:
        raise SystemExit(f"unknown variant(s): {', '.join(unknown)}; known: {', '.join(VARIANTS)}")
    return names


def select_systems(args: argparse.Namespace) -> list[str]:
    """Systems to run; unavailable ones are dropped with a clear message
    (exit 2 if nothing is left)."""
    systems = resolve_systems(args.system, parse_variants(args.variants))
    keep = []
    for s in systems:
        why = check_available(s)
        if why:
            print(f"SKIPPED {s}: {why}", file=sys.stderr)
        else:
            keep.append(s)
    if not keep:
        print("nothing to run", file=sys.stderr)
        raise SystemExit(2)
    return keep
