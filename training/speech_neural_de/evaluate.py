"""The neural tagger alone and combined with the rules on REDEWIEDERGABE dev (or test), storyline's scorer.

Either an exported model folder (``--model``, the numpy forward pass of ``neural_tagger.py``), or the
dev label predictions ``train.py`` brought back from the GPU (``--predictions dev_predictions.npz`` with
``--vocab``: every configuration in the file, scored without exporting it). Three ways to join the
tagger's spans with the rule mentions (:func:`systems`): "combined" is
:func:`storyline.extraction.quotes.speech_model.combine` as the pipeline runs the unit CRF, "model-first"
and "hybrid" let the tagger's spans replace rule mentions.

    OMP_NUM_THREADS=1 .venv/bin/python training/speech_neural_de/evaluate.py --model /tmp/speech_neural_de
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
from neural_tagger import LABELS, Vocab, encode, neural_spans, token_spans  # noqa: E402
from train import split_tune  # noqa: E402

from storyline.evaluation.quotes import RW_TYPES, _RwRow, group_mentions, score_rw_sample  # noqa: E402
from storyline.evaluation.redewiedergabe import load_redewiedergabe  # noqa: E402
from storyline.extraction.quotes import speech_model  # noqa: E402
from storyline.extraction.quotes.extractor import extract_rule_quotes  # noqa: E402
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


def _spans_as_mentions(sample, mentions, tagged) -> list[QuoteMention]:
    """The tagger's spans as mentions, with the cue and source their sentence gives before them, else those
    of a cued rule mention inside them."""
    lexicon = speech_model.speech_lexicon("de")
    out = []
    for start, end, kind in tagged:
        start, end = speech_model._trim(sample.text, start, end)
        if end <= start:
            continue
        mention = speech_model._attributed(sample.text, sample.id, start, end, kind, lexicon)
        cued = (m for m in mentions if m.kind in speech_model.SPEECH_KINDS and m.cue is not None)
        inner = next((m for m in cued if m.start < end and start < m.end), None)
        if mention.source is None and inner is not None:
            fields = ("cue", "cue_start", "cue_end", "source", "source_start", "source_end")
            mention = mention.model_copy(update={name: getattr(inner, name) for name in fields})
        out.append(mention)
    return out


def _overlaps(mention: QuoteMention, spans: list[tuple[int, int]]) -> bool:
    return any(s < mention.end and mention.start < e for s, e in spans)


def systems(tagged: dict[str, list[tuple[int, int, str]]], rules: dict[str, list[QuoteMention]]):
    """Predictors over precomputed model spans ``tagged`` (sample id -> spans): alone; "combined" (the
    pipeline's :func:`~storyline.extraction.quotes.speech_model.combine`: model spans only where no rule
    speech mention or cue is); "model-first" (the spans replace every rule mention they overlap);
    "hybrid" (the rules' direct and partial mentions stay, the spans replace the indirect ones they overlap
    and fill the rest)."""

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
        added = _spans_as_mentions(sample, rules[sample.id], tagged[sample.id])
        spans = [(m.start, m.end) for m in added]
        kept_rules = [m for m in rules[sample.id] if not _overlaps(m, spans)]
        return sorted([*kept_rules, *added], key=lambda m: (m.start, m.end))

    def hybrid(sample):
        model = _spans_as_mentions(sample, rules[sample.id], tagged[sample.id])
        spans = [(m.start, m.end) for m in model]
        direct = [m for m in rules[sample.id] if m.kind != "indirect"]
        indirect = [m for m in rules[sample.id] if m.kind == "indirect" and not _overlaps(m, spans)]
        covered = [(m.start, m.end) for m in direct if m.kind in speech_model.SPEECH_KINDS]
        covered += [(m.cue_start, m.cue_end) for m in direct if m.cue_start is not None and m.cue_end is not None]
        added = [m for m in model if not _overlaps(m, covered)]
        return sorted([*direct, *indirect, *added], key=lambda m: (m.start, m.end))

    return {"alone": alone, "combined": combined, "model-first": model_first, "hybrid": hybrid}


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
        found = {s.id: [(m.start, m.end, m.kind) for m in rules[s.id]] for s in samples}
        runs[str(args.model)] = {
            s.id: kept(s.text, neural_spans(s.text, "de", args.model, found[s.id])) for s in samples
        }
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
    for name, tagged in runs.items():
        for system, predict in systems(tagged, rules).items():
            print(name, system, json.dumps(score(samples, predict)), flush=True)


if __name__ == "__main__":
    main()
