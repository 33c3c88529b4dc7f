"""The neural tagger alone and combined with the rules on REDEWIEDERGABE dev (or test), storyline's scorer.

Either an exported model folder (``--model``, the numpy forward pass storyline runs), or the dev
label predictions ``train.py`` brought back from the GPU (``--predictions dev_predictions.npz`` with
``--vocab``: every configuration in the file, scored without exporting it). "combined" is
:func:`storyline.extraction.quotes.speech_model.combine`, as the pipeline runs it.

    OMP_NUM_THREADS=1 .venv/bin/python training/speech_neural_de/evaluate.py --model storyline/models/speech_neural_de
    OMP_NUM_THREADS=1 .venv/bin/python training/speech_neural_de/evaluate.py \
        --predictions /path/dev_predictions.npz --vocab /work/main/.gpu/vocab.json
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training" / "speech_units_de"))

import numpy as np  # noqa: E402
from train import split_tune  # noqa: E402

from storyline.evaluation.quotes import RW_TYPES, _RwRow, group_mentions, score_rw_sample  # noqa: E402
from storyline.evaluation.redewiedergabe import load_redewiedergabe  # noqa: E402
from storyline.extraction.quotes import speech_model  # noqa: E402
from storyline.extraction.quotes.extractor import extract_rule_quotes  # noqa: E402
from storyline.extraction.quotes.neural_speech import LABELS, Vocab, encode, token_spans  # noqa: E402
from storyline.extraction.quotes.speech_units import unit_words  # noqa: E402
from storyline.records import QuoteMention  # noqa: E402


def score(samples, predict) -> dict:
    rows = {row: _RwRow() for row in RW_TYPES}
    for sample in samples:
        score_rw_sample(sample, group_mentions(predict(sample)), rows)
    return {
        row: {
            "tokens": rows[row].tokens.as_dict()["f1"],
            "overlap": rows[row].span_overlap.as_dict()["f1"],
            "speaker": rows[row].speaker.as_dict()["accuracy"],
        }
        for row in ("direct", "indirect")
    }


def kept(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    return [
        (s, e, speech_model.KIND_OF_LABEL[label])
        for s, e, label in spans
        if len(speech_model.WORD.findall(text[s:e])) >= speech_model.MIN_WORDS
    ]


def systems(tagged: dict[str, list[tuple[int, int, str]]], rules: dict[str, list[QuoteMention]]):
    """(alone, combined, model-first) predictors over precomputed model spans ``tagged`` (sample id -> spans).

    "combined" is :func:`storyline.extraction.quotes.speech_model.combine` as it treats the unit CRF (model
    spans only where no rule mention is), "model-first" as it treats the neural tagger (its spans replace
    the rule mentions they overlap).
    """

    def alone(sample):
        return [
            QuoteMention(doc=sample.id, start=s, end=e, text=sample.text[s:e], kind=k) for s, e, k in tagged[sample.id]
        ]

    def combined(sample):
        original = speech_model.tag_speech
        speech_model.tag_speech = lambda *args, **kwargs: tagged[sample.id]
        try:
            return speech_model.combine(sample.text, "de", rules[sample.id], sample.id, Path("."))
        finally:
            speech_model.tag_speech = original

    def model_first(sample):
        lexicon = speech_model.speech_lexicon("de")
        return speech_model._model_first(sample.text, sample.id, rules[sample.id], tagged[sample.id], lexicon)

    return alone, combined, model_first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path)
    parser.add_argument("--predictions", type=Path)
    parser.add_argument("--vocab", type=Path)
    parser.add_argument("--part", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    samples = split_tune(load_redewiedergabe("tune"))[1] if args.part == "dev" else load_redewiedergabe("test")
    rules = {s.id: extract_rule_quotes(s.text, "de", s.id) for s in samples}
    print("rules", json.dumps(score(samples, lambda s: rules[s.id])), flush=True)
    runs: dict[str, dict[str, list]] = {}
    if args.model:
        runs[str(args.model)] = {s.id: speech_model.tag_speech(s.text, "de", args.model, rules[s.id]) for s in samples}
    if args.predictions:
        if args.part != "dev":
            raise SystemExit("--predictions holds dev labels only")
        vocab = Vocab.from_json(json.loads(args.vocab.read_text(encoding="utf-8")))
        known = unit_words("de")
        encoded = {
            s.id: encode(s.text, "de", known, vocab, [(m.start, m.end, m.kind) for m in rules[s.id]]) for s in samples
        }
        with np.load(args.predictions) as data:
            for name in data.files:
                labels, start, tagged = data[name], 0, {}
                for s in samples:
                    n = len(encoded[s.id].spans)
                    names = [LABELS[i] for i in labels[start : start + n]]
                    tagged[s.id] = kept(s.text, token_spans(encoded[s.id], names))
                    start += n
                assert start == len(labels), (name, start, len(labels))
                runs[name] = tagged
    if args.model:
        pipeline = lambda s: speech_model.combine(s.text, "de", rules[s.id], s.id, args.model)  # noqa: E731
        print(str(args.model), "pipeline", json.dumps(score(samples, pipeline)), flush=True)
    for name, tagged in runs.items():
        alone, combined, model_first = systems(tagged, rules)
        print(name, "alone", json.dumps(score(samples, alone)), flush=True)
        print(name, "combined", json.dumps(score(samples, combined)), flush=True)
        print(name, "model-first", json.dumps(score(samples, model_first)), flush=True)


if __name__ == "__main__":
    main()
