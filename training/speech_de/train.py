"""Train the German speech tagger (DIRECT / INDIRECT spans) on REDEWIEDERGABE non-fiction.

Data: the **tune** part of storyline's REDEWIEDERGABE split (non-fiction samples, sorted by file
name, index % 5 != 4); its samples at tune-index % 5 == 0 are **dev** (model selection), the rest
**train**. The test part is never read here except by ``--score-test`` after training, for reporting.

Model: ``spacy.blank("de")`` + a stock ``ner`` (BILUO transition parser over a CNN tok2vec whose
MultiHashEmbed reads NORM, PREFIX, SUFFIX, SHAPE and MORPH); MORPH carries the features of
:func:`storyline.extraction.quotes.speech_features.token_features` (quote state, Konjunktiv I,
cue verbs, sentence/clause context). Labels: ``DIRECT`` (a gold STWR whose types include direct),
else ``INDIRECT`` (types include indirect); other STWR types (reported, free indirect) are ``O``.

    OMP_NUM_THREADS=1 .venv/bin/python training/speech_de/train.py --output storyline/models/speech_de

Writes the pipeline (``nlp.to_disk``, best dev epoch, averaged weights) and ``train_meta.json`` (command,
dev curve, figures, seconds).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.training import Example  # noqa: E402
from thinc.api import fix_random_seed  # noqa: E402

from storyline.evaluation.redewiedergabe import RwSample, load_redewiedergabe  # noqa: E402
from storyline.extraction.quotes.lexicon import speech_lexicon  # noqa: E402
from storyline.extraction.quotes.speech_features import token_features  # noqa: E402

LABELS = ("DIRECT", "INDIRECT")
DEV_EVERY = 5

NER_HEAD = """[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = {hidden}
maxout_pieces = 2
use_upper = true
nO = null
"""
TAGGER_HEAD = """[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false
"""

NER_CFG = """
{head}
[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE", "MORPH"]
rows = [{rows}, {rows_small}, {rows_small}, {rows_small}, {rows_small}]
include_static_vectors = false

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = {window}
maxout_pieces = 3
"""


def split_tune(samples: list[RwSample]) -> tuple[list[RwSample], list[RwSample]]:
    """(train, dev): dev is every 5th tune sample (index % 5 == 0)."""
    train = [s for i, s in enumerate(samples) if i % DEV_EVERY != 0]
    dev = [s for i, s in enumerate(samples) if i % DEV_EVERY == 0]
    return train, dev


def token_labels(sample: RwSample) -> list[str]:
    labels = ["O"] * len(sample.tokens)
    for quote in sample.stwr:
        if "indirect" in quote.types:
            for index in quote.tokens:
                if labels[index] == "O":
                    labels[index] = "INDIRECT"
    for quote in sample.stwr:
        if "direct" in quote.types:
            for index in quote.tokens:
                labels[index] = "DIRECT"
    return labels


def runs(labels: list[str]) -> list[tuple[int, int, str]]:
    spans, start = [], None
    for index, label in enumerate([*labels, "O"]):
        if start is not None and label != labels[start]:
            spans.append((start, index, labels[start]))
            start = None
        if start is None and label != "O":
            start = index
    return spans


def make_doc(nlp, sample: RwSample, lexicon) -> Doc:
    spaces = [
        i + 1 < len(sample.offsets) and sample.offsets[i + 1][0] > sample.offsets[i][1]
        for i in range(len(sample.tokens))
    ]
    doc = Doc(nlp.vocab, words=sample.tokens, spaces=spaces)
    for token, morph in zip(doc, token_features(sample.tokens, lexicon), strict=True):
        token.set_morph(morph)
    return doc


def examples(nlp, samples: list[RwSample], lexicon) -> list[Example]:
    out = []
    for sample in samples:
        predicted = make_doc(nlp, sample, lexicon)
        reference = make_doc(nlp, sample, lexicon)
        labels = token_labels(sample)
        for token, label in zip(reference, labels, strict=True):
            token.tag_ = label
        reference.ents = [
            reference.char_span(reference[s].idx, reference[e - 1].idx + len(reference[e - 1]), label=lab)
            for s, e, lab in runs(token_labels(sample))
        ]
        out.append(Example(predicted, reference))
    return out


def predicted_labels(doc: Doc) -> list[str]:
    """One label per token: from the entities (ner) or the tags (tagger)."""
    if doc.has_annotation("TAG"):
        return [token.tag_ or "O" for token in doc]
    labels = ["O"] * len(doc)
    for ent in doc.ents:
        for index in range(ent.start, ent.end):
            labels[index] = ent.label_
    return labels


def token_scores(nlp, samples: list[RwSample], lexicon) -> dict[str, dict[str, float]]:
    """Token P/R/F1 per label over word tokens (a letter or digit), as ``storyline eval quotes``."""
    counts = {label: [0, 0, 0] for label in LABELS}  # tp, predicted, gold
    docs = nlp.pipe((make_doc(nlp, s, lexicon) for s in samples), batch_size=16)
    for sample, doc in zip(samples, docs, strict=True):
        gold = token_labels(sample)
        predicted = predicted_labels(doc)
        for index, token in enumerate(sample.tokens):
            if not any(ch.isalnum() for ch in token):
                continue
            for label in LABELS:
                counts[label][0] += predicted[index] == label and gold[index] == label
                counts[label][1] += predicted[index] == label
                counts[label][2] += gold[index] == label
    scores = {}
    for label, (tp, pred, gold) in counts.items():
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        scores[label] = {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-epochs", type=int, default=30)
    parser.add_argument("--patience", type=int, default=5)
    parser.add_argument("--max-minutes", type=float, default=25)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--window", type=int, default=1)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--dropout", type=float, default=0.2)
    parser.add_argument("--learn-rate", type=float, default=0.001)
    parser.add_argument("--arch", choices=("ner", "tagger"), default="ner", help="BILUO spans or one tag per token")
    parser.add_argument("--score-test", action="store_true", help="after training, also score the test part")
    args = parser.parse_args()

    random.seed(args.seed)
    fix_random_seed(args.seed)
    lexicon = speech_lexicon("de")
    train, dev = split_tune(load_redewiedergabe("tune"))
    nlp = spacy.blank("de")
    head = (NER_HEAD if args.arch == "ner" else TAGGER_HEAD).format(hidden=args.hidden)
    cfg = NER_CFG.format(
        head=head,
        width=args.width,
        rows=args.rows,
        rows_small=max(args.rows // 5, 500),
        depth=args.depth,
        window=args.window,
    )
    ner = nlp.add_pipe(args.arch, config={"model": spacy.util.load_config_from_str(cfg)["model"]})
    for label in LABELS if args.arch == "ner" else ("O", *LABELS):
        ner.add_label(label)
    train_examples = examples(nlp, train, lexicon)
    optimizer = nlp.initialize(lambda: train_examples, sgd=None)
    optimizer.learn_rate = args.learn_rate
    started = time.time()
    best, best_epoch, curve = -1.0, -1, []
    args.output.mkdir(parents=True, exist_ok=True)
    for epoch in range(args.max_epochs):
        random.shuffle(train_examples)
        losses: dict[str, float] = {}
        for batch in spacy.util.minibatch(train_examples, size=4):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        with nlp.use_params(optimizer.averages):
            scores = token_scores(nlp, dev, lexicon)
            mean = (scores["DIRECT"]["f1"] + scores["INDIRECT"]["f1"]) / 2
            if mean > best:
                best, best_epoch = mean, epoch
                nlp.to_disk(args.output)
        minutes = (time.time() - started) / 60
        curve.append(
            {"epoch": epoch, "loss": round(float(sum(losses.values())), 1), "dev": scores, "minutes": round(minutes, 2)}
        )
        print(json.dumps(curve[-1]), flush=True)
        if epoch - best_epoch >= args.patience or minutes > args.max_minutes:
            break
    trained = spacy.load(args.output)
    meta = {
        "command": " ".join(sys.argv),
        "data": {"train_samples": len(train), "dev_samples": len(dev)},
        "best_epoch": best_epoch,
        "dev": token_scores(trained, dev, lexicon),
        "train_minutes": round((time.time() - started) / 60, 2),
        "curve": curve,
    }
    if args.score_test:
        meta["test"] = token_scores(trained, load_redewiedergabe("test"), lexicon)
    (args.output / "train_meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: meta[k] for k in ("best_epoch", "dev", "train_minutes")} | {"test": meta.get("test")}))


if __name__ == "__main__":
    main()
