"""Rules vs. the unit CRF (alone and combined with the rules) on REDEWIEDERGABE dev (part of tune) or test.

Scores with storyline's own scorer (``storyline.evaluation.quotes.score_rw_sample``), as
``storyline eval quotes --dataset redewiedergabe``: token F1, span-overlap F1 and speaker accuracy.

    OMP_NUM_THREADS=1 .venv/bin/python training/speech_units_de/evaluate.py --model storyline/models/speech_units_de
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train import cached_vectors, split_tune  # noqa: E402

from storyline.evaluation.quotes import RW_TYPES, _RwRow, group_mentions, score_rw_sample  # noqa: E402
from storyline.evaluation.redewiedergabe import load_redewiedergabe  # noqa: E402
from storyline.extraction.quotes import speech_model  # noqa: E402
from storyline.extraction.quotes.extractor import extract_rule_quotes  # noqa: E402
from storyline.extraction.quotes.speech_model import combine, tag_speech  # noqa: E402
from storyline.records import QuoteMention  # noqa: E402


def model_only(text: str, doc: str, model: Path) -> list[QuoteMention]:
    rules = extract_rule_quotes(text, "de", doc)
    return [
        QuoteMention(doc=doc, start=s, end=e, text=text[s:e], kind=k)
        for s, e, k in tag_speech(text, "de", model, rules)
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--part", choices=("dev", "test"), default="dev")
    parser.add_argument("--systems", default="rules,model,combined")
    parser.add_argument("--bias", default="", help="DIRECT,INDIRECT score offsets to try (a copy of the model)")
    parser.add_argument("--embed-cache", type=Path, default=ROOT / "out" / "speech_units_de_use")
    args = parser.parse_args()
    # a model with embeddings: the unit vectors from the trainer's cache (the same vectors, computed once)
    speech_model.unit_vectors = lambda text, prepared: cached_vectors(text, prepared, args.embed_cache)
    if args.bias:
        import shutil
        import tempfile

        data = json.loads((args.model / "crf.json").read_text(encoding="utf-8"))
        data["bias"] = [0.0, *(float(x) for x in args.bias.split(","))]
        folder = Path(tempfile.mkdtemp())
        shutil.copy(args.model / "meta.json", folder / "meta.json")
        (folder / "crf.json").write_text(json.dumps(data), encoding="utf-8")
        args.model = folder
    samples = split_tune(load_redewiedergabe("tune"))[1] if args.part == "dev" else load_redewiedergabe("test")
    systems = {
        "rules": lambda text, doc: extract_rule_quotes(text, "de", doc),
        "model": lambda text, doc: model_only(text, doc, args.model),
        "combined": lambda text, doc: combine(text, "de", extract_rule_quotes(text, "de", doc), doc, args.model),
    }
    for name in args.systems.split(","):
        rows = {row: _RwRow() for row in RW_TYPES}
        for sample in samples:
            score_rw_sample(sample, group_mentions(systems[name](sample.text, sample.id)), rows)
        result = {
            row: {
                "tokens": rows[row].tokens.as_dict()["f1"],
                "overlap": rows[row].span_overlap.as_dict()["f1"],
                "speaker": rows[row].speaker.as_dict()["accuracy"],
            }
            for row in ("direct", "indirect", "all")
        }
        print(name, json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
