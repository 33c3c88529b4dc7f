"""The lint step covers the whole repository, not a list of folders a new one could be missed from."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_make_test_lints_and_format_checks_the_whole_repository() -> None:
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ntest:", 1)[1].split("\n\n", 1)[0]
    commands = [line.strip() for line in recipe.splitlines() if "ruff" in line]
    assert any(re.search(r"ruff check \.$", c) for c in commands), commands
    assert any(re.search(r"ruff format --check \.$", c) for c in commands), commands
