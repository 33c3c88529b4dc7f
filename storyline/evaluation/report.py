"""Printing and saving evaluation figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def print_span_scores(console: Console, title: str, result: dict[str, Any]) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("type", "precision", "recall", "F1", "support"):
        table.add_column(column, justify="left" if column == "type" else "right")
    rows = [("overall", result["overall"])] + [
        (label, scores) for label, scores in result["by_label"].items() if scores["support"] or scores["precision"]
    ]
    for label, scores in rows:
        table.add_row(
            label,
            f"{scores['precision']:.4f}",
            f"{scores['recall']:.4f}",
            f"{scores['f1']:.4f}",
            str(scores["support"]),
        )
    console.print(table)
    extra = {k: v for k, v in result.items() if k not in ("overall", "by_label")}
    console.print(" · ".join(f"{k}: {v}" for k, v in extra.items()), soft_wrap=True)


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
