"""Train the German NER pipeline (spaCy CNN, CPU, one thread).

Shipped model (storyline/models/ner_de, "config A": news data only, no vectors,
no lexicon -> pipeline is just `ner`):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    .venv/bin/python training/ner_de/train.py --output storyline/models/ner_de \
        --no-vectors --no-lexicon --sources conll:1,germeval:1,europarl:1 \
        --max-minutes 35 --patience 8 --seed 0

Full variant (the defaults): attribute_ruler (lexicon classes -> token.morph
"Lex=...") -> ner (MultiHashEmbed NORM/PREFIX/SUFFIX/SHAPE/MORPH + static vectors
keyed on LOWER from multilingual-USE subword embeddings) and HIPE/Europeana/LER
data; note HIPE-2020 is CC BY-NC-SA.  Only built-in spaCy components, so the
model loads with spacy.load().  Dev scores are computed, and the best epoch is
saved, with the optimizer's averaged weights (--no-averages: raw weights).  The
output folder is cleared of a previous pipeline first (README.md etc. stay);
train_meta.json records the command, the dev curve and the stopping reason.
Vectors are cached in training/ner_de/cache/vectors.npz (vocabulary = the
training sources of the first build + wordfreq; delete to rebuild).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from contextlib import nullcontext
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as D
import numpy as np
import resources as R

HERE = Path(__file__).resolve().parent
CACHE = HERE / "cache"

NER_CFG = """
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = {attrs}
rows = {rows}
include_static_vectors = {vectors}

[model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3
"""


MODEL_ENTRIES = ("config.cfg", "meta.json", "tokenizer", "vocab", "ner", "attribute_ruler", "train_meta.json")


def clean_model_dir(out: Path):
    """Remove a previous pipeline from ``out`` (other files such as README.md stay), so
    the folder holds only what the new pipeline saves (e.g. no stale vectors/attribute_ruler)."""
    import shutil

    for name in MODEL_ENTRIES:
        p = out / name
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def parse_sources(spec):
    out = {}
    for part in spec.split(","):
        name, _, w = part.partition(":")
        out[name] = float(w or 1)
    return out


def build_nlp(train_sents, use_vectors, use_lexicon, width, depth):
    import spacy
    from spacy.vectors import Vectors
    from thinc.api import Config

    nlp = spacy.blank("de")
    if use_vectors:
        CACHE.mkdir(exist_ok=True)
        f = CACHE / "vectors.npz"
        if f.exists():
            z = np.load(f, allow_pickle=False)
            keys, Y = list(z["keys"]), z["Y"]
        else:
            t = time.time()
            keys, Y = R.build_vectors(train_sents)
            np.savez(f, keys=np.array(keys), Y=Y)
            print(f"vectors built: {Y.shape} in {time.time() - t:.0f}s", flush=True)
        vec = Vectors(strings=nlp.vocab.strings, shape=Y.shape, attr="LOWER")
        for k in keys:
            nlp.vocab.strings.add(k)
        vec.data[:] = Y
        for i, k in enumerate(keys):
            vec.add(k, row=i)
        nlp.vocab.vectors = vec
    attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
    rows = [5000, 1000, 2500, 2500]
    if use_lexicon:
        R.write_name_lists(train_sents)
        ar = nlp.add_pipe("attribute_ruler")
        ar.add_patterns(R.attribute_ruler_patterns(R.lexicon_classes()))
        attrs.append("MORPH")
        rows.append(64)
    cfg = Config().from_str(
        NER_CFG.format(
            width=width, depth=depth, attrs=json.dumps(attrs), rows=json.dumps(rows), vectors=str(use_vectors).lower()
        )
    )
    nlp.add_pipe("ner", config=cfg)
    return nlp


def make_examples(nlp, sents):
    from spacy.tokens import Doc
    from spacy.training import Example

    ar = nlp.get_pipe("attribute_ruler") if "attribute_ruler" in nlp.pipe_names else None
    out = []
    for s in sents:
        ref = Doc(nlp.vocab, words=s.words, ents=s.tags)
        pred = Doc(nlp.vocab, words=s.words)
        if ar is not None:
            pred = ar(pred)
        out.append(Example(pred, ref))
    return out


def predict(nlp, sents, batch_size=256):
    """Run the pipeline on gold tokens; returns list of BIO tag lists."""
    from spacy.tokens import Doc

    docs = [Doc(nlp.vocab, words=s.words) for s in sents]
    out = []
    for doc in nlp.pipe(docs, batch_size=batch_size):
        tags = ["O"] * len(doc)
        for e in doc.ents:
            tags[e.start] = "B-" + e.label_
            for i in range(e.start + 1, e.end):
                tags[i] = "I-" + e.label_
        out.append(tags)
    return out


def prf(gold_sents, pred_tags):
    from collections import Counter

    tp, np_, ng = Counter(), Counter(), Counter()
    for s, p in zip(gold_sents, pred_tags, strict=True):
        g = set(D.spans(s.tags))
        q = set(D.spans(p))
        for x in g:
            ng[x[2]] += 1
        for x in q:
            np_[x[2]] += 1
            if x in g:
                tp[x[2]] += 1
    res = {}
    for t in [*list(D.TYPES), "ALL"]:
        a = sum(tp.values()) if t == "ALL" else tp[t]
        b = sum(np_.values()) if t == "ALL" else np_[t]
        c = sum(ng.values()) if t == "ALL" else ng[t]
        p = a / b if b else 0.0
        r = a / c if c else 0.0
        res[t] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return res


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--output", required=True)
    ap.add_argument("--max-minutes", type=float, default=35)
    ap.add_argument("--seed", type=int, default=0)
    # Defaults reproduce the shipped model (news data only: licence- and size-clean; see the model README).
    ap.add_argument("--sources", default="conll:1,germeval:1,europarl:1", help="name:fraction-per-epoch list")
    ap.add_argument("--vectors", dest="no_vectors", action="store_false", help="add USE subword static vectors")
    ap.add_argument("--lexicon", dest="no_lexicon", action="store_false", help="add the name-list attribute_ruler")
    ap.add_argument("--no-vectors", dest="no_vectors", action="store_true", default=True)
    ap.add_argument("--no-lexicon", dest="no_lexicon", action="store_true", default=True)
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--dropout", type=float, default=0.15)
    ap.add_argument("--patience", type=int, default=8)
    ap.add_argument(
        "--no-averages",
        dest="averages",
        action="store_false",
        help="evaluate/save the raw instead of the averaged (Adam moving-average) weights",
    )
    ap.add_argument("--test", action="store_true", help="also print test figures at the end")
    a = ap.parse_args(argv)

    import spacy
    from spacy.util import compounding, minibatch
    from thinc.api import Adam, fix_random_seed

    fix_random_seed(a.seed)
    random.seed(a.seed)
    t0 = time.time()
    sources = parse_sources(a.sources)
    train, dev = D.load_sources()
    train = {k: v for k, v in train.items() if k in sources}
    all_train = [s for v in train.values() for s in v]
    nlp = build_nlp(all_train, not a.no_vectors, not a.no_lexicon, a.width, a.depth)
    exs = {k: make_examples(nlp, v) for k, v in train.items()}
    print(f"setup {time.time() - t0:.0f}s; train sizes", {k: len(v) for k, v in exs.items()}, flush=True)

    all_ex = [e for v in exs.values() for e in v]
    optimizer = Adam(learn_rate=0.001, L2=1e-6, grad_clip=1.0)
    nlp.initialize(lambda: all_ex[:2000], sgd=optimizer)
    if "attribute_ruler" in nlp.pipe_names:
        # initialize() clears the attribute_ruler: add the lexicon patterns again
        nlp.get_pipe("attribute_ruler").add_patterns(R.attribute_ruler_patterns(R.lexicon_classes()))
    out = Path(a.output)
    clean_model_dir(out)
    best, bad, epoch, best_epoch, curve = -1.0, 0, 0, 0, []
    deadline = t0 + a.max_minutes * 60
    sizes = compounding(100.0, 1000.0, 1.001)
    while time.time() < deadline and bad < a.patience:
        epoch += 1
        batch_ex = []
        for k, v in exs.items():
            frac = sources[k]
            if frac >= 1:
                batch_ex += v * int(frac)
            else:
                batch_ex += random.sample(v, int(len(v) * frac))
        random.shuffle(batch_ex)
        losses = {}
        for batch in minibatch(batch_ex, size=sizes):
            nlp.update(batch, drop=a.dropout, sgd=optimizer, losses=losses, exclude=["attribute_ruler"])
            if time.time() > deadline:
                break
        # evaluate and save with the averaged parameters (as spaCy's own loop does)
        with nlp.use_params(optimizer.averages) if a.averages else nullcontext():
            res = {k: prf(v, predict(nlp, v))["ALL"][2] for k, v in dev.items()}
            score = (res["conll"] + res["germeval"]) / 2
            if score > best:
                nlp.to_disk(out)
        mins = (time.time() - t0) / 60
        curve.append(
            {
                "epoch": epoch,
                "minutes": round(mins, 2),
                "dev_conll": round(res["conll"], 4),
                "dev_germeval": round(res["germeval"], 4),
                "dev": round(score, 4),
            }
        )
        print(
            f"epoch {epoch} {time.time() - t0:5.0f}s loss {losses.get('ner', 0):8.1f} "
            f"dev conll {res['conll']:.3f} germeval {res['germeval']:.3f} avg {score:.3f}"
            f"{' *' if score > best else ''}",
            flush=True,
        )
        if score > best:
            best, bad, best_epoch = score, 0, epoch
        else:
            bad += 1
    stop = "patience" if bad >= a.patience else "time"
    print(
        f"best dev {best:.3f} (epoch {best_epoch}); stopped by {stop} after {epoch} epochs; "
        f"total {time.time() - t0:.0f}s",
        flush=True,
    )
    meta = {
        "command": " ".join(["training/ner_de/train.py", *list(argv if argv is not None else sys.argv[1:])]),
        "sources": sources,
        "vectors": not a.no_vectors,
        "lexicon": not a.no_lexicon,
        "width": a.width,
        "depth": a.depth,
        "dropout": a.dropout,
        "averages": a.averages,
        "seed": a.seed,
        "best_dev": best,
        "best_epoch": best_epoch,
        "epochs_run": epoch,
        "stopped_by": stop,
        "train_minutes": round((time.time() - t0) / 60, 1),
        "curve": curve,
    }
    (out / "train_meta.json").write_text(json.dumps(meta, indent=1))
    if a.test:
        nlp = spacy.load(out)
        for name, sents in (("germeval-test1000", D.germeval_test()), ("conll-testb", D.conll_test())):
            r = prf(sents, predict(nlp, sents))
            print(name, " ".join(f"{t} {r[t][2]:.3f}" for t in [*list(D.TYPES), "ALL"]), flush=True)


if __name__ == "__main__":
    main()
