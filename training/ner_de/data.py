"""Readers for the German NER corpora under $STORYLINE_SHARED/datasets.

Every reader yields ``Sent(doc_id, words, tags)`` with BIO tags over the four
CoNLL types PER / LOC / ORG / MISC.  Label mappings (also used for evaluation):

* CoNLL-03 DE: IOB1 -> BIO, types unchanged.
* GermEval 2014: outer level only; PER/LOC/ORG unchanged, OTH -> MISC,
  X-deriv (e.g. LOCderiv "deutsche") -> MISC, X-part (e.g. LOCpart
  "EU-weit") -> O.
* HIPE-2020 (NE-COARSE-LIT): pers -> PER, loc -> LOC, org -> ORG,
  prod -> MISC, time -> O.
* Europeana: PER/LOC/ORG unchanged (garbled tags -> O).
* LER: PER, RR (judge), AN (lawyer) -> PER; LD, ST, STR, LDS -> LOC;
  ORG, UN, INN, GRT, MRK -> ORG; legal norms, case law, literature -> O.
* Europarl (Pado): IO tags PER/LOC/ORG/MISC -> BIO.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

TYPES = ("PER", "LOC", "ORG", "MISC")


def shared_root() -> Path:
    here = Path(__file__).resolve().parents[2]
    return Path(os.environ.get("STORYLINE_SHARED", str(here.parent / "shared")))


def ds(*parts: str) -> Path:
    return shared_root().joinpath("datasets", *parts)


@dataclass
class Sent:
    doc_id: str
    words: list
    tags: list


def _fix_bio(tags):
    """Turn any IOB1/IO/garbled sequence into valid BIO."""
    out, prev = [], "O"
    for t in tags:
        if t == "O" or "-" not in t:
            out.append("O")
            prev = "O"
            continue
        p, typ = t.split("-", 1)
        if typ not in TYPES:
            out.append("O")
            prev = "O"
            continue
        if p == "B" or prev == "O" or prev.split("-", 1)[1] != typ:
            out.append("B-" + typ)
        else:
            out.append("I-" + typ)
        prev = out[-1]
    return out


# ---------------------------------------------------------------- CoNLL-03 DE
def read_conll03(path):
    """CoNLL-03 German (word lemma POS chunk NER); -DOCSTART- starts a doc."""
    sents, words, tags, doc = [], [], [], 0
    name = Path(path).name
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                if words:
                    sents.append(Sent(f"{name}#{doc}", words, _fix_bio(tags)))
                    words, tags = [], []
                doc += 1
                continue
            if not line.strip():
                if words:
                    sents.append(Sent(f"{name}#{doc}", words, _fix_bio(tags)))
                    words, tags = [], []
                continue
            cols = line.split(" ")
            words.append(cols[0])
            tags.append(cols[-1])
    if words:
        sents.append(Sent(f"{name}#{doc}", words, _fix_bio(tags)))
    return sents


# ---------------------------------------------------------------- GermEval
def germeval_tag(t):
    if t == "O":
        return "O"
    p, typ = t.split("-", 1)
    if typ.endswith("part"):
        return "O"
    if typ.endswith("deriv"):
        return p + "-MISC"
    if typ == "OTH":
        return p + "-MISC"
    return p + "-" + typ


def read_germeval(path):
    sents, words, tags, n = [], [], [], 0
    name = Path(path).name
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                continue
            if not line.strip():
                if words:
                    sents.append(Sent(f"{name}#{n}", words, _fix_bio(tags)))
                    n += 1
                    words, tags = [], []
                continue
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(germeval_tag(cols[2]))
    if words:
        sents.append(Sent(f"{name}#{n}", words, _fix_bio(tags)))
    return sents


# ---------------------------------------------------------------- HIPE-2020
HIPE_MAP = {"pers": "PER", "loc": "LOC", "org": "ORG", "prod": "MISC"}


def read_hipe(path):
    sents, words, tags, doc = [], [], [], ""
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("TOKEN\t"):
                continue
            if line.startswith("#"):
                m = re.match(r"# document_id = (.*)", line)
                if m:
                    if words:
                        sents.append(Sent(doc, words, _fix_bio(tags)))
                        words, tags = [], []
                    doc = m.group(1)
                continue
            if not line.strip():
                continue
            cols = line.split("\t")
            tag = cols[1]
            if tag != "O":
                p, typ = tag.split("-", 1)
                tag = p + "-" + HIPE_MAP[typ] if typ in HIPE_MAP else "O"
            words.append(cols[0])
            tags.append(tag)
            misc = cols[-1]
            if ("PySBDSegment" in misc or "EndOfSentence" in misc) or len(words) >= 80:
                sents.append(Sent(doc, words, _fix_bio(tags)))
                words, tags = [], []
    if words:
        sents.append(Sent(doc, words, _fix_bio(tags)))
    return sents


# ---------------------------------------------------------------- two-column
LER_MAP = {
    "PER": "PER",
    "RR": "PER",
    "AN": "PER",
    "LD": "LOC",
    "ST": "LOC",
    "STR": "LOC",
    "LDS": "LOC",
    "ORG": "ORG",
    "UN": "ORG",
    "INN": "ORG",
    "GRT": "ORG",
    "MRK": "ORG",
}


def read_ler(path):
    sents, words, tags, n = [], [], [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if words:
                    sents.append(Sent(f"ler#{n}", words, _fix_bio(tags)))
                    n += 1
                    words, tags = [], []
                continue
            w, t = parts[0], parts[-1]
            if t != "O":
                p, typ = t.split("-", 1)
                t = p + "-" + LER_MAP[typ] if typ in LER_MAP else "O"
            words.append(w)
            tags.append(t)
    if words:
        sents.append(Sent(f"ler#{n}", words, _fix_bio(tags)))
    return sents


def read_europeana(path):
    """Token-per-line without sentence breaks: split at . ! ? followed by an
    upper-case token, and at 60 tokens."""
    sents, words, tags = [], [], []
    name = Path(path).name
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) < 2:
                continue
            rows.append((parts[0], parts[-1].replace("_", "-").replace(".", "-")))
    for i, (w, t) in enumerate(rows):
        words.append(w)
        tags.append(t if t in {f"{p}-{x}" for p in "BI" for x in ("PER", "LOC", "ORG")} else "O")
        nxt = rows[i + 1][0] if i + 1 < len(rows) else ""
        if (w in {".", "!", "?"} and nxt[:1].isupper() and tags[-1] == "O") or len(words) >= 60:
            sents.append(Sent(f"{name}#{len(sents) // 20}", words, _fix_bio(tags)))
            words, tags = [], []
    if words:
        sents.append(Sent(f"{name}#{len(sents) // 20}", words, _fix_bio(tags)))
    return sents


def read_europarl(path):
    sents, words, tags, n = [], [], [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if not parts:
                if words:
                    sents.append(Sent(f"europarl#{n // 30}", words, _fix_bio(tags)))
                    n += 1
                    words, tags = [], []
                continue
            t = parts[-1]
            words.append(parts[0])
            tags.append("I-" + t if t in TYPES else "O")
    if words:
        sents.append(Sent(f"europarl#{n // 30}", words, _fix_bio(tags)))
    return sents


# ---------------------------------------------------------------- splits
def germeval_test():
    """TEST: the first 1,000 sentences of NER-de-test.tsv."""
    return read_germeval(ds("germeval2014", "NER-de-test.tsv"))[:1000]


def conll_test():
    return read_conll03(ds("conll2003_de", "deuutf.testb"))


def load_sources():
    """Training/dev sentences per source (never the test parts).

    Dev = deuutf.dev + the last 10 CoNLL testa documents + the last 400
    sentences of GermEval dev; everything else is training material.
    """
    testa = read_conll03(ds("conll2003_de", "deuutf.testa"))
    docs = sorted({s.doc_id for s in testa}, key=lambda d: int(d.split("#")[1]))
    dev_docs = set(docs[-10:])
    conll_dev = read_conll03(ds("conll2003_de", "deuutf.dev")) + [s for s in testa if s.doc_id in dev_docs]
    conll_train = [s for s in testa if s.doc_id not in dev_docs]
    gdev = read_germeval(ds("germeval2014", "NER-de-dev.tsv"))
    gtest_rest = read_germeval(ds("germeval2014", "NER-de-test.tsv"))[1000:]
    hipe = read_hipe(ds("hipe2020_de", "HIPE-data-v1.4-train-de.tsv")) + read_hipe(
        ds("hipe2020_de", "HIPE-data-v1.4-dev-de.tsv")
    )
    europeana = []
    for n in ("lft", "onb", "sbb"):
        europeana += read_europeana(ds("europeana_ner_de", f"enp_DE.{n}.bio"))
    train = {
        "conll": conll_train,
        "germeval": gdev[:-400] + gtest_rest,
        "europarl": read_europarl(ds("europarl_ner_de", "ep-96-04-15_pado_annotated.tsv")),
        "hipe": hipe,
        "europeana": europeana,
        "ler": read_ler(ds("ler_de", "ler_dev.conll")),
    }
    dev = {"conll": conll_dev, "germeval": gdev[-400:]}
    return train, dev


def spans(tags):
    """BIO tags -> set of (start, end, type)."""
    out, start, typ = [], None, None
    for i, t in enumerate([*list(tags), "O"]):
        if start is not None and (t == "O" or t.startswith("B-") or t[2:] != typ):
            out.append((start, i, typ))
            start = None
        if t.startswith("B-"):
            start, typ = i, t[2:]
    return out


if __name__ == "__main__":
    tr, dv = load_sources()
    for k, v in list(tr.items()) + [("dev-" + k, v) for k, v in dv.items()]:
        n_ent = sum(len(spans(s.tags)) for s in v)
        print(f"{k:12s} sents={len(v):6d} tokens={sum(len(s.words) for s in v):7d} ents={n_ent}")
    for name, v in (("germeval-test1000", germeval_test()), ("conll-testb", conll_test())):
        print(name, len(v), sum(len(spans(s.tags)) for s in v))
