"""Accuracy floors enforced in CI: every extractor is measured on real data and must not fall below its floor.

The floors live in tests/eval_floors.json. Each key names a measurement on a fixed sample; each value maps
a metric path to its floor. Lowering a floor is an explicit edit of that file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import DATASETS, EXAMPLES, REPO, need_shared

FLOORS: dict[str, dict[str, float]] = {
    key: value
    for key, value in json.loads((Path(__file__).parent / "eval_floors.json").read_text(encoding="utf-8")).items()
    if not key.startswith("_")
}


def _bench(script: str, limit: int, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "figures.json"
    command = [sys.executable, f"bench/{script}", "--system", "storyline", "--limit", str(limit), "--jobs", "1"]
    subprocess.run([*command, "--quiet", "--json", str(out)], cwd=REPO, check=True, capture_output=True)
    return json.loads(out.read_text(encoding="utf-8"))["results"][0]


def _quote_scores(dataset: str) -> dict[str, Any]:
    from storyline.evaluation.quotes import evaluate_quotes

    return evaluate_quotes(dataset, split="test")["scores"]


def _events() -> dict[str, Any]:
    from storyline.evaluation.events import evaluate_events

    return evaluate_events("examples")


# key -> (folder the measure needs: a name in ../shared/datasets, a Path in the repo, or None; measure)
MEASURES: dict[str, tuple[str | Path | None, Callable[[Path], dict[str, Any]]]] = {
    "extraction/aeb-first40": ("scrapinghub_aeb", lambda tmp: _bench("extraction_aeb.py", 40, tmp)),
    "extraction/trafilatura_eval-first120": (
        "trafilatura_eval",
        lambda tmp: _bench("extraction_trafilatura_eval.py", 120, tmp),
    ),
    "ner/conll03-en-first60": ("conll2003_en", lambda tmp: _ner("conll03-en", 60)),
    "ner/conll03-de-first60": ("conll2003_de", lambda tmp: _ner("conll03-de", 60)),
    "ner/germeval14-first500": ("germeval2014", lambda tmp: _ner("germeval14", 500)),
    "time/tempeval3": ("tempeval3", lambda tmp: _time("tempeval3")),
    "time/wikiwarsde": ("wikiwarsde", lambda tmp: _time("wikiwarsde")),
    # hand-annotated GermEval 2014 dev sentences (standoff in storyline/evaluation/data): the German dev set
    "time/germeval-dev": ("germeval2014", lambda tmp: _time("germeval-dev")),
    # the German tagger/morphologizer/parser in storyline/models/ner_de (training/parse_de), ~15 s
    "parse/ud-de-test-first300": ("ud_german_gsd", lambda tmp: _parse("ud-de", 300)),
    "quotes/polnear-test": ("polnear", lambda tmp: _quote_scores("polnear")),
    "quotes/redewiedergabe-test": ("redewiedergabe", lambda tmp: _quote_scores("redewiedergabe")),
    "events/examples": (EXAMPLES, lambda tmp: _events()),
    # the example story in the repository (a development set: no gold exists for relations in news)
    "references/examples": (EXAMPLES, lambda tmp: _references()),
    "utterances/examples": (EXAMPLES, lambda tmp: _utterances()),
    "coref/ecbplus-test-human": ("ecbplus", lambda tmp: _coref("human")),
    "coref/ecbplus-test-all": ("ecbplus", lambda tmp: _coref("all")),
    "stories/ecbplus-test": ("ecbplus", lambda tmp: _stories()),
    # small original article pairs in the repository (tests/contradictions)
    "contradictions/suite": (None, lambda tmp: _contradictions()),
}


def _contradictions() -> dict[str, Any]:
    """The in-repo suite (tests/contradictions): needs no ../shared; ~15 s (spaCy loads once)."""
    from storyline.evaluation.contradictions import evaluate_contradictions

    return evaluate_contradictions("suite")


def _references() -> dict[str, Any]:
    from storyline.evaluation.references import evaluate_references

    return evaluate_references("examples")


def _utterances() -> dict[str, Any]:
    from storyline.evaluation.utterances import evaluate_utterances

    return evaluate_utterances("examples")


def _coref(mention_set: str) -> dict[str, Any]:
    from storyline.evaluation.coref import evaluate_coref

    return evaluate_coref("ecbplus", split="test", mention_set=mention_set)


def _stories() -> dict[str, Any]:
    from storyline.evaluation.stories import evaluate_stories

    return evaluate_stories("ecbplus", split="test")


def _ner(dataset: str, limit: int) -> dict[str, Any]:
    from storyline.evaluation.ner import evaluate_ner
    from storyline.language.nlp import has_trained_model

    result = evaluate_ner(dataset, limit=limit, propagate=True)
    if not has_trained_model(result.language):
        pytest.skip(f"no trained NER model for {result.language!r} in storyline/models")
    return result.as_dict()


def _parse(dataset: str, limit: int) -> dict[str, Any]:
    from storyline.evaluation.ud import evaluate_parse

    return evaluate_parse(dataset, split="test", limit=limit)


def _time(dataset: str) -> dict[str, Any]:
    from storyline.evaluation.time import evaluate_time

    return evaluate_time(dataset)


def _metric(figures: dict[str, Any], path: str) -> float:
    """The number at a dotted path ("strict.f1", "speech.direct.cue_overlap.f1")."""
    value: Any = figures
    for part in path.split("."):
        value = value[part]
    return float(value)


def test_every_floor_has_a_measure() -> None:
    assert set(FLOORS) <= set(MEASURES)


@pytest.mark.corpus
@pytest.mark.parametrize("key", sorted(FLOORS))
def test_accuracy_does_not_fall_below_floor(key: str, tmp_path: Path) -> None:
    folder, measure = MEASURES[key]
    if folder is not None:
        need_shared(folder if isinstance(folder, Path) else DATASETS / folder)
    figures = measure(tmp_path)
    below = {
        path: (round(_metric(figures, path), 4), floor)
        for path, floor in FLOORS[key].items()
        if _metric(figures, path) < floor
    }
    assert not below, f"{key}: below floor (measured, floor): {below}"
