"""CoNLL-exact micro P/R/F1 (overall and per type) on the German test sets.

    .venv/bin/python training/ner_de/evaluate.py [--model storyline/models/ner_de]
        [--rules] [--propagate] [--dev]

Test sets: CoNLL-03 DE deuutf.testb (all 3,005 sentences) and the first 1,000
sentences of GermEval 2014 NER-de-test.tsv (outer level; OTH and *deriv ->
MISC, *part -> O; see data.py).  Gold tokenisation is used.  --propagate
applies propagate_names() per CoNLL -DOCSTART- document (GermEval is
sentence-level, so it is not applied there).  --dev evaluates the dev split.
"""

from __future__ import annotations

import argparse
import os
import sys
from itertools import groupby
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import data as D
from train import prf

ROOT = Path(__file__).resolve().parents[2]


def run(nlp, sents, rules=False, propagate=False):
    from spacy.tokens import Doc

    docs = list(nlp.pipe((Doc(nlp.vocab, words=s.words) for s in sents), batch_size=256))
    if rules:
        from resources import load_name_lists
        from rules import apply_rules

        names = load_name_lists()
        docs = [apply_rules(d, names) for d in docs]
    if propagate:
        from propagate import propagate_names

        i = 0
        for _, grp in groupby(sents, key=lambda s: s.doc_id):
            k = len(list(grp))
            propagate_names(docs[i : i + k])
            i += k
    out = []
    for doc in docs:
        tags = ["O"] * len(doc)
        for e in doc.ents:
            tags[e.start] = "B-" + e.label_
            for j in range(e.start + 1, e.end):
                tags[j] = "I-" + e.label_
        out.append(tags)
    return out


def report(name, res):
    print(f"{name}")
    for t in [*list(D.TYPES), "ALL"]:
        p, r, f = res[t]
        print(f"  {t:5s} P {p:.3f} R {r:.3f} F1 {f:.3f}")


def main(argv=None):
    import spacy

    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default=str(ROOT / "storyline" / "models" / "ner_de"))
    ap.add_argument("--rules", action="store_true")
    ap.add_argument("--propagate", action="store_true")
    ap.add_argument("--dev", action="store_true")
    a = ap.parse_args(argv)
    nlp = spacy.load(a.model)
    if a.dev:
        _, dev = D.load_sources()
        sets = [("dev-germeval", dev["germeval"], False), ("dev-conll", dev["conll"], True)]
    else:
        sets = [("germeval-test1000", D.germeval_test(), False), ("conll-testb", D.conll_test(), True)]
    for name, sents, docs in sets:
        pred = run(nlp, sents, rules=a.rules, propagate=a.propagate and docs)
        report(name, prf(sents, pred))


if __name__ == "__main__":
    main()
