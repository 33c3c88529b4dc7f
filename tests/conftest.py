"""Shared fixtures. Tests that need ../shared skip with a clear reason when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "corpus" / "seeds"
DATASETS = SHARED / "datasets"
EXAMPLES = REPO / "examples" / "story"


def need_shared(path: Path) -> Path:
    """Skip the calling test unless ``path`` (inside ../shared) exists."""
    if not path.exists():
        pytest.skip(f"needs {path} (the shared corpus/datasets folder beside the repo is absent)")
    return path


@pytest.fixture
def seeds() -> Path:
    return need_shared(SEEDS)


@pytest.fixture
def examples() -> Path:
    return EXAMPLES
