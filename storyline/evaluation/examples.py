"""The example story (``examples/story``) as an evaluation set, built once per process.

Three evaluations score the same build against different answer-key files (timeline,
speakers and relations, repeated utterances). The story was written for the project and the
rules were developed while looking at it, so every figure on it is a development figure.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from storyline.records import Dossier

EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"
DATASETS = {"examples": EXAMPLES}


def example_folder(dataset: str) -> Path:
    """The folder holding the story and its gold files (ValueError / FileNotFoundError otherwise)."""
    if dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r} (known: {', '.join(DATASETS)})")
    folder = DATASETS[dataset]
    if not (folder / "story").is_dir():
        raise FileNotFoundError(f"{folder / 'story'}: the example story is missing (run from a source checkout)")
    return folder


@cache
def built_example(dataset: str = "examples") -> Dossier:
    """The dossier of the example story, built in a temporary folder with one worker."""
    from storyline.pipeline import build

    with tempfile.TemporaryDirectory() as out:
        return build([example_folder(dataset) / "story"], out, jobs=1)
