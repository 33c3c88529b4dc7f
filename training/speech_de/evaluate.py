"""Rules vs. model vs. combined on REDEWIEDERGABE dev (part of tune, see train.py) or test.

Scores with storyline's own scorer (``storyline.evaluation.quotes.score_rw_sample``): token P/R/F1
per type, as ``storyline eval quotes --dataset redewiedergabe``.

    OMP_NUM_THREADS=1 .venv/bin/python training/speech_de/evaluate.py --model storyline/models/speech_de --part dev
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train import split_tune  # noqa: E402

from storyline.evaluation.quotes import RW_TYPES, _RwRow, group_mentions, score_rw_sample  # noqa: E402
from storyline.evaluation.redewiedergabe import load_redewiedergabe  # noqa: E402
from storyline.extraction.quotes.extractor import extract_rule_quotes  # noqa: E402
from storyline.extraction.quotes.speech_model import combine, tag_speech  # noqa: E402
from storyline.records import QuoteMention  # noqa: E402


def model_only(text: str, doc: str, model: Path) -> list[QuoteMention]:
    return [QuoteMention(doc=doc, start=s, end=e, text=text[s:e], kind=k) for s, e, k in tag_speech(text, "de", model)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--part", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    samples = split_tune(load_redewiedergabe("tune"))[1] if args.part == "dev" else load_redewiedergabe("test")
    systems = {
        "rules": lambda text, doc: extract_rule_quotes(text, "de", doc),
        "model": lambda text, doc: model_only(text, doc, args.model),
        "combined": lambda text, doc: combine(text, "de", extract_rule_quotes(text, "de", doc), doc, args.model),
    }
    result = {}
    for name, system in systems.items():
        rows = {row: _RwRow() for row in RW_TYPES}
        for sample in samples:
            score_rw_sample(sample, group_mentions(system(sample.text, sample.id)), rows)
        result[name] = {row: rows[row].tokens.as_dict() for row in ("direct", "indirect")}
        print(name, json.dumps(result[name]), flush=True)


if __name__ == "__main__":
    main()
