"""The ``storyline`` command line: a thin layer over :mod:`storyline.pipeline`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline import __version__
from storyline.ingest.readers import DEFAULT_MAX_BYTES, IngestProblem
from storyline.pipeline import run_build
from storyline.records import Dossier
from storyline.report.json import DossierSchemaError, load_dossier

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Turn news articles into a sourced story dossier.")
err = Console(stderr=True, highlight=False)
out = Console(highlight=False)

EXIT_PROBLEMS = 1
EXIT_NOTHING_READ = 2


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders (read recursively).")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for dossier.json, dossier.html, storyline.db.")],
    db: Annotated[str | None, typer.Option(help="SQLAlchemy URL of the store (default: OUT/storyline.db).")] = None,
    strict: Annotated[bool, typer.Option(help="Exit non-zero when any input could not be read.")] = False,
    max_mb: Annotated[float, typer.Option(help="Largest single article to accept, in MB.")] = DEFAULT_MAX_BYTES / 1e6,
    jobs: Annotated[int | None, typer.Option(help="Worker processes (default: all cores).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")] = False,
) -> None:
    """Read PATHS and write (or update) the dossier in --out."""

    def on_problem(problem: IngestProblem) -> None:
        err.print(f"[red]error[/red]: {escape(str(problem))}", soft_wrap=True)

    progress = Progress(
        TextColumn("[bold]reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet,
    )
    with progress:
        task = progress.add_task("", total=None)

        def on_file(name: str) -> None:
            progress.update(task, advance=1, description=Path(name).name)

        report = run_build(
            paths, out_dir, db=db, max_bytes=int(max_mb * 1e6), jobs=jobs, on_file=on_file, on_problem=on_problem
        )
    dossier = report.dossier
    err.print(
        f"{report.files_seen} files: {report.documents_added} documents added, "
        f"{report.files_skipped} unchanged files skipped, {report.duplicates} duplicates, "
        f"{len(report.problems)} problems; dossier holds {len(dossier.documents)} documents",
        soft_wrap=True,
    )
    out.print(f"dossier written to {report.json_path}", soft_wrap=True)
    out.print(f"report written to {report.html_path}", soft_wrap=True)
    if report.documents_added == 0 and report.files_skipped == 0 and report.duplicates == 0:
        err.print("nothing could be read")
        raise typer.Exit(EXIT_NOTHING_READ)
    if strict and report.problems:
        raise typer.Exit(EXIT_PROBLEMS)


@app.command()
def validate(path: Annotated[Path, typer.Argument(help="A dossier.json to check against the schema.")]) -> None:
    """Check a dossier.json against storyline's JSON Schema."""
    try:
        dossier = load_dossier(path)
    except (OSError, ValueError, DossierSchemaError) as error:
        err.print(escape(f"{path}: {error}"), soft_wrap=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    out.print(f"{path}: valid (schema_version {dossier.schema_version}, {len(dossier.documents)} documents)")


@app.command()
def people(
    path: Annotated[Path, typer.Argument(help="A dossier.json.")],
    min_mentions: Annotated[int, typer.Option(help="Only people with at least this many mentions.")] = 1,
) -> None:
    """List the people (aliases, attributes) and relations (with evidence sentences) of a dossier."""
    from storyline.report.people import format_people

    out.print(format_people(_load(path), min_mentions=min_mentions), soft_wrap=True, markup=False)


@app.command()
def quotes(path: Annotated[Path, typer.Argument(help="A dossier.json.")]) -> None:
    """List who said what: the quotes of a dossier grouped by speaker, with cue, channel and outlet."""
    from storyline.report.quotes import format_quotes

    out.print(format_quotes(_load(path)), soft_wrap=True, markup=False)


@app.command()
def disagreements(path: Annotated[Path, typer.Argument(help="A dossier.json.")]) -> None:
    """List where sources disagree (both sides with their sources) and what was checked and found consistent."""
    from storyline.report.disagreements import format_disagreements

    out.print(format_disagreements(_load(path)), soft_wrap=True, markup=False)


def _load(path: Path) -> Dossier:
    """The dossier at ``path``, or a one-line error naming the file."""
    try:
        return load_dossier(path)
    except (OSError, ValueError, DossierSchemaError) as error:
        err.print(escape(f"{path}: {error}"), soft_wrap=True)
        raise typer.Exit(EXIT_PROBLEMS) from None


eval_app = typer.Typer(no_args_is_help=True, help="Measure an extractor on annotated data in ../shared/datasets.")
app.add_typer(eval_app, name="eval")


def _print_figures(evaluate: Callable[[], dict[str, Any]], json_path: Path | None) -> None:
    """Run one evaluation, print its figures as JSON (and write them to ``json_path``).

    A missing data set or a bad dossier is a one-line error and a failing exit code, not a traceback.
    """
    from storyline.evaluation.report import write_json

    try:
        result = evaluate()
    except (OSError, ValueError, KeyError, DossierSchemaError) as error:
        err.print(escape(str(error)), soft_wrap=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    out.print(json.dumps(result, indent=2, ensure_ascii=False), soft_wrap=True, markup=False)
    if json_path:
        write_json(json_path, result)


@eval_app.command("ner")
def eval_ner(
    dataset: Annotated[str, typer.Option(help="conll03-en, conll03-de or germeval14.")],
    limit: Annotated[int | None, typer.Option(help="Only the first N documents (a fixed sample).")] = None,
    propagate: Annotated[bool, typer.Option(help="Propagate confident names within each document.")] = False,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Named entities: precision, recall, F1 overall and per type (exact span and type)."""
    from storyline.evaluation.ner import evaluate_ner
    from storyline.evaluation.report import print_span_scores, write_json

    try:
        result = evaluate_ner(dataset, limit=limit, propagate=propagate)
    except (ValueError, FileNotFoundError) as error:
        err.print(escape(str(error)), soft_wrap=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    print_span_scores(out, f"NER {dataset}", result.as_dict())
    if json_path:
        write_json(json_path, result.as_dict())


@eval_app.command("time")
def eval_time(
    dataset: Annotated[str, typer.Option(help="tempeval3 (TE-3 platinum), wikiwarsde or germeval-dev.")],
    system: Annotated[str, typer.Option(help="storyline, or dateparser for the baseline.")] = "storyline",
    limit: Annotated[int | None, typer.Option(help="Only the first N documents (a fixed sample).")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
    errors: Annotated[bool, typer.Option("--errors", help="List every miss instead (tuning sets only).")] = False,
) -> None:
    """Time expressions: TempEval-3 strict/relaxed extraction F1, value F1 and type F1."""
    from storyline.evaluation.time import TUNING_DATASETS, evaluate_time
    from storyline.evaluation.time import errors as time_errors

    if errors:
        if dataset not in TUNING_DATASETS:
            err.print(f"--errors lists misses on tuning sets only ({', '.join(TUNING_DATASETS)}), not on {dataset!r}")
            raise typer.Exit(EXIT_PROBLEMS)
        for row in time_errors(dataset, limit=limit):
            typer.echo("\t".join(row))
        return
    _print_figures(lambda: evaluate_time(dataset, system=system, limit=limit), json_path)


@eval_app.command("quotes")
def eval_quotes(
    dataset: Annotated[str, typer.Option(help="polnear (EN) or redewiedergabe (DE, non-fiction).")],
    split: Annotated[str, typer.Option(help="polnear: train/dev/test; redewiedergabe: tune/test.")] = "test",
    limit: Annotated[int | None, typer.Option(help="Only the first N documents (a fixed sample).")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Quotes: content, cue and source P/R/F1 (exact and overlap), direct and indirect; speaker accuracy."""
    from storyline.evaluation.quotes import evaluate_quotes, format_quote_scores
    from storyline.evaluation.report import write_json

    try:
        result = evaluate_quotes(dataset, split=split, limit=limit)
    except (ValueError, KeyError, FileNotFoundError) as error:
        err.print(escape(str(error)), soft_wrap=True)
        raise typer.Exit(EXIT_PROBLEMS) from None
    out.print(format_quote_scores(result), soft_wrap=True, markup=False)
    if json_path:
        write_json(json_path, result)


@eval_app.command("parse")
def eval_parse(
    dataset: Annotated[str, typer.Option(help="ud-de (UD German GSD).")] = "ud-de",
    split: Annotated[str, typer.Option(help="dev (the held-out end of GSD's dev file) or test.")] = "test",
    limit: Annotated[int | None, typer.Option(help="Only the first N sentences (a fixed sample).")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Tagger and parser: UPOS, XPOS and morph accuracy, UAS and LAS on gold tokens."""
    from storyline.evaluation.ud import evaluate_parse

    _print_figures(lambda: evaluate_parse(dataset, split=split, limit=limit), json_path)


@eval_app.command("events")
def eval_events(
    dataset: Annotated[str, typer.Option(help="examples (the example story and its canonical timeline).")] = "examples",
    dossier: Annotated[
        Path | None, typer.Option(help="Score this dossier.json instead of building the corpus.")
    ] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Events: strict and relaxed P/R/F1 of (event type, date) pairs with provenance, and date estimates."""
    from storyline.evaluation.events import evaluate_events

    _print_figures(lambda: evaluate_events(dataset, load_dossier(dossier) if dossier else None), json_path)


@eval_app.command("coref")
def eval_coref(
    dataset: Annotated[str, typer.Option(help="ecbplus (ECB+, test topics 36-45).")] = "ecbplus",
    split: Annotated[str, typer.Option(help="train, dev or test.")] = "test",
    mentions: Annotated[str, typer.Option(help="human (HUMAN_PART_*) or all (participants, places, times).")] = "all",
    system: Annotated[str, typer.Option(help="storyline, or head-lemma for the baseline.")] = "storyline",
    blocks: Annotated[str, typer.Option(help="topics (gold topics) or stories (predicted story clusters).")] = "topics",
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Cross-document entity coreference with gold mentions: MUC, B³, CEAF-e and CoNLL F1."""
    from storyline.evaluation.coref import evaluate_coref

    _print_figures(
        lambda: evaluate_coref(dataset, split=split, mention_set=mentions, system=system, blocks=blocks), json_path
    )


@eval_app.command("references")
def eval_references(
    dataset: Annotated[str, typer.Option(help="examples (the example story; a development set).")] = "examples",
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """References and relations: quote speaker linking accuracy, relation P/R/F1, relationship-state recall."""
    from storyline.evaluation.references import evaluate_references

    _print_figures(lambda: evaluate_references(dataset), json_path)


@eval_app.command("utterances")
def eval_utterances(
    dataset: Annotated[str, typer.Option(help="examples (the example story; a development set).")] = "examples",
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """The same utterance across articles and languages: pairwise P/R/F1 of 'same utterance' links."""
    from storyline.evaluation.utterances import evaluate_utterances

    _print_figures(lambda: evaluate_utterances(dataset), json_path)


@eval_app.command("stories")
def eval_stories(
    dataset: Annotated[str, typer.Option(help="ecbplus (ECB+ topics and sub-topics as gold stories).")] = "ecbplus",
    split: Annotated[str, typer.Option(help="train, dev or test.")] = "test",
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Story clustering of documents: B³ against gold topics and against gold sub-topics."""
    from storyline.evaluation.stories import evaluate_stories

    _print_figures(lambda: evaluate_stories(dataset, split=split), json_path)


@eval_app.command("contradictions")
def eval_contradictions(
    dataset: Annotated[str, typer.Option(help="suite (tests/contradictions) or a folder of cases.")] = "suite",
    limit: Annotated[int | None, typer.Option(help="Only the first N cases.")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the figures as JSON.")] = None,
) -> None:
    """Contradictions: precision, recall, F1 over small article pairs; consistency notes found."""
    from storyline.evaluation.contradictions import evaluate_contradictions

    _print_figures(lambda: evaluate_contradictions(dataset, limit=limit), json_path)


@app.command()
def timeline(
    path: Annotated[Path, typer.Argument(help="A dossier.json (from storyline build).")],
    undated: Annotated[bool, typer.Option(help="Also list events without a date.")] = False,
) -> None:
    """Print the story's timeline: date, event, sources (document ids)."""
    from rich.table import Table

    dossier = _load(path)
    table = Table(title=f"Timeline of {path}", title_justify="left")
    for column in ("date", "event", "sources"):
        table.add_column(column)
    for event in dossier.events:
        if event.date is None and not undated:
            continue
        date = event.date or "undated"
        if len(event.dates) > 1:
            date += f" ({' / '.join(event.dates)})"
        sources = ", ".join(dict.fromkeys(m.doc for m in event.mentions))
        table.add_row(escape(date), escape(event.summary), escape(sources))
    wide = Console(highlight=False, width=None if out.is_terminal else 160)  # a piped timeline is not squeezed to 80
    wide.print(table)
    for document in dossier.documents:
        if not document.published and document.published_estimate:
            estimate = document.published_estimate
            window = f" [{estimate.range.earliest} … {estimate.range.latest or ''}]" if estimate.range else ""
            wide.print(
                escape(f"{document.id}: undated, estimated {estimate.value}{window}: {estimate.basis}"), soft_wrap=True
            )


train_app = typer.Typer(no_args_is_help=True, help="Train the models shipped in storyline/models (source checkout).")
app.add_typer(train_app, name="train")


@train_app.command("ner")
def train_ner(
    lang: Annotated[str, typer.Option(help="Language code: en or de.")],
    max_minutes: Annotated[float | None, typer.Option(help="Stop training after this many minutes.")] = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
) -> None:
    """Reproduce storyline/models/ner_<lang> with training/ner_<lang>/train.py."""
    import subprocess
    import sys

    repo = Path(__file__).resolve().parent.parent
    script = repo / "training" / f"ner_{lang}" / "train.py"
    if not script.exists():
        err.print(f"{script}: no training script (train from a source checkout of storyline)", soft_wrap=True)
        raise typer.Exit(EXIT_PROBLEMS)
    command = [sys.executable, str(script), "--output", str(repo / "storyline" / "models" / f"ner_{lang}")]
    command += ["--seed", str(seed)] + (["--max-minutes", str(max_minutes)] if max_minutes else [])
    raise typer.Exit(subprocess.call(command, cwd=repo))


@app.command()
def version() -> None:
    """Print the version."""
    out.print(__version__)


def main() -> None:
    app()
