"""Train a German tagger + morphologizer + dependency parser (spaCy CNN, CPU, one thread) on UD German GSD.

Shipped into storyline/models/ner_de (see training/parse_de/README.md):

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
    /work/main/.venv/bin/python training/parse_de/train.py --output training/parse_de/cache/parse_de \
        --max-minutes 35 --patience 12 --seed 0
    /work/main/.venv/bin/python training/parse_de/train.py --ship training/parse_de/cache/parse_de

Data: only ``de_gsd-ud-dev.conllu`` and ``-test.conllu`` are in ../shared. The dev file's first
649 sentences train (``storyline.evaluation.ud.ud_split(..., "train")``), its last 150 select the
epoch (``"dev"``); the test file is only scored at the end (``storyline eval parse``).

Pipeline: ``tok2vec`` (MultiHashEmbed NORM/PREFIX/SUFFIX/SHAPE, no vectors, window CNN) shared by
``tagger`` (STTS), ``morphologizer`` (UPOS + FEATS) and ``parser`` (UD labels; the root is ``ROOT``).
Dev is scored after every epoch with the optimizer's averaged weights; the best epoch (mean of LAS
and morph accuracy) is saved. ``--ship`` sources the four components into the NER pipeline after
its ``ner`` (so NER output cannot change) and checks that the NER files are byte-identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from storyline.evaluation.ud import UDSentence, score_parses, ud_split  # noqa: E402

COMPONENTS = ("tok2vec", "tagger", "morphologizer", "parser")
TOK2VEC_CFG = """
[model]
@architectures = "spacy.Tok2Vec.v2"

[model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = {width}
attrs = ["NORM", "PREFIX", "SUFFIX", "SHAPE"]
rows = [3000, 1000, 2000, 1000]
include_static_vectors = false

[model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = {width}
depth = {depth}
window_size = 1
maxout_pieces = 3
"""
LISTENER = """
[model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = {width}
upstream = "tok2vec"
"""
PARSER_CFG = (
    """
[model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "parser"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null
"""
    + LISTENER
)
TAGGER_CFG = (
    """
[model]
@architectures = "spacy.Tagger.v2"
nO = null
normalize = false
"""
    + LISTENER
)


# Konjunktiv I of present-tense 3rd-person forms that do not follow "lemma minus n" (sind -> seien: plural).
KONJUNKTIV_I = {
    "ist": "sei", "hat": "habe", "wird": "werde", "kann": "könne", "muss": "müsse", "muß": "müsse", "will": "wolle",
    "soll": "solle", "darf": "dürfe", "mag": "möge", "weiß": "wisse", "sind": "seien",
}  # fmt: skip
# Frames of saying put around a Konjunktiv copy: (words, UPOS, XPOS, FEATS) of the subject, then the verb.
PRON3 = "Case=Nom|Gender={g}|Number=Sing|Person=3|PronType=Prs"
ART = "Case=Nom|Definite=Def|Gender={g}|Number=Sing|PronType=Art"
SUBJECTS = [
    [("Er", "PRON", "PPER", PRON3.format(g="Masc"))],
    [("Sie", "PRON", "PPER", PRON3.format(g="Fem"))],
    [("Der", "DET", "ART", ART.format(g="Masc")), ("Sprecher", "NOUN", "NN", "Case=Nom|Gender=Masc|Number=Sing")],
    [("Die", "DET", "ART", ART.format(g="Fem")), ("Ministerin", "NOUN", "NN", "Case=Nom|Gender=Fem|Number=Sing")],
]
FRAME_VERBS = ["sagte", "erklärte", "betonte", "meinte", "berichtete", "schrieb"]
PAST3 = "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"


def _konjunktiv_word(word: str, lemma: str, feats: str) -> str | None:
    """The Konjunktiv I of a present indicative 3rd-person verb form, or ``None`` (not such a form, or irregular)."""
    f = dict(x.split("=", 1) for x in feats.split("|") if "=" in x)
    if (f.get("VerbForm"), f.get("Mood"), f.get("Tense"), f.get("Person")) != ("Fin", "Ind", "Pres", "3"):
        return None
    low, lemma = word.lower(), lemma.lower()
    if low in KONJUNKTIV_I and (low != "sind" or f.get("Number") == "Plur"):
        new = KONJUNKTIV_I[low]
    elif f.get("Number") == "Sing" and low.endswith("t") and lemma.endswith("en") and lemma[:1] == low[:1]:
        new = lemma[:-1] if not lemma.endswith(("ern", "eln")) else None
    else:
        new = None
    if new is None:
        return None
    return new[0].upper() + new[1:] if word[0].isupper() else new


def konjunktiv_copy(s: UDSentence, rng: random.Random, frame: float) -> UDSentence | None:
    """The sentence as reported speech: its present 3rd-person verbs in Konjunktiv I (``Mood=Sub``), and, with
    probability ``frame``, a frame of saying before ("Er sagte, …") or after it ("…, sagte er.") whose verb
    governs it as ``ccomp``. ``None`` when no verb can be turned."""
    words, feats = list(s.words), list(s.feats)
    turned = 0
    for i, (word, lemma, feat) in enumerate(zip(s.words, s.lemmas, s.feats, strict=True)):
        new = _konjunktiv_word(word, lemma, feat)
        if new is not None:
            words[i], feats[i], turned = new, feat.replace("Mood=Ind", "Mood=Sub"), turned + 1
    if not turned:
        return None
    copy = UDSentence(s.id + "-konj", words, list(s.spaces), list(s.lemmas), list(s.upos), list(s.xpos), feats,
                      list(s.heads), list(s.deps))  # fmt: skip
    if rng.random() >= frame:
        return copy
    return _framed(copy, rng.choice(SUBJECTS), rng.choice(FRAME_VERBS), before=rng.random() < 0.5)


def _framed(s: UDSentence, subject, verb: str, before: bool) -> UDSentence:
    root = next(i for i, h in enumerate(s.heads) if h == i)
    n = len(s.words)
    final = n - 1 if s.upos[-1] == "PUNCT" and n > 1 else None
    body = list(range(n if final is None else final))
    rows = []  # (word, upos, xpos, feats, head key, dep, space); head keys: ("b", i) body token, ("f", k) frame token
    if before:
        v = len(subject)
        for w, u, x, f in subject:
            dep = "det" if u == "DET" else "nsubj"
            rows.append((w, u, x, f, ("f", len(subject) - 1) if u == "DET" else ("f", v), dep, True))
        rows.append((verb, "VERB", "VVFIN", PAST3, ("f", v), "ROOT", False))
        rows.append((",", "PUNCT", "$,", "", ("b", root), "punct", True))
        offset = len(rows)
        first_word = s.words[0] if s.upos[0] in ("NOUN", "PROPN") else s.words[0][0].lower() + s.words[0][1:]
        for i in body:
            w = first_word if i == 0 else s.words[i]
            head = ("f", v) if i == root else ("b", s.heads[i])
            rows.append((w, s.upos[i], s.xpos[i], s.feats[i], head, "ccomp" if i == root else s.deps[i], s.spaces[i]))
        if final is not None:
            rows.append((s.words[final], "PUNCT", s.xpos[final], "", ("f", v), "punct", True))
    else:
        offset = 0
        for i in body:
            head = ("F", 0) if i == root else ("b", s.heads[i])
            space = s.spaces[i] if i + 1 < len(body) else False
            dep = "ccomp" if i == root else s.deps[i]
            rows.append((s.words[i], s.upos[i], s.xpos[i], s.feats[i], head, dep, space))
        rows.append((",", "PUNCT", "$,", "", ("b", root), "punct", True))
        start = len(rows)
        rows.append((verb, "VERB", "VVFIN", PAST3, ("F", 0), "ROOT", True))
        subject_start = len(rows)
        for w, u, x, f in subject:
            w = w if u == "NOUN" else w.lower()
            head = ("abs", subject_start + len(subject) - 1) if u == "DET" else ("F", 0)
            rows.append((w, u, x, f, head, "det" if u == "DET" else "nsubj", True))
        rows[-1] = (*rows[-1][:6], False)
        rows.append((".", "PUNCT", "$.", "", ("F", 0), "punct", True))
    heads = []
    for row in rows:
        kind, at = row[4]
        if kind == "b":
            heads.append(offset + at)
        elif kind == "f":
            heads.append(at)
        elif kind == "F":
            heads.append(start)
        else:
            heads.append(at)
    return UDSentence(
        s.id + "-framed",
        [r[0] for r in rows],
        [r[6] for r in rows],
        [""] * len(rows),
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
        heads,
        ["root" if r[5] == "ROOT" else r[5] for r in rows],
    )


def build_nlp(width: int, depth: int):
    import spacy
    from thinc.api import Config

    nlp = spacy.blank("de")
    nlp.add_pipe("tok2vec", config=Config().from_str(TOK2VEC_CFG.format(width=width, depth=depth)))
    nlp.add_pipe("tagger", config=Config().from_str(TAGGER_CFG.format(width=width)))
    nlp.add_pipe("morphologizer", config=Config().from_str(TAGGER_CFG.format(width=width)))
    nlp.add_pipe("parser", config=Config().from_str(PARSER_CFG.format(width=width)))
    return nlp


def make_examples(nlp, sentences, max_group: int = 1, seed: int = 0):
    """One Example per run of 1..``max_group`` consecutive sentences (the parser learns where sentences end:
    at run time it parses whole paragraphs)."""
    from spacy.tokens import Doc
    from spacy.training import Example

    rng = random.Random(seed)
    out, index = [], 0
    while index < len(sentences):
        group = sentences[index : index + rng.randint(1, max_group)]
        index += len(group)
        words, spaces, tags, pos, morphs, heads, deps = [], [], [], [], [], [], []
        for s in group:
            offset = len(words)
            words += s.words
            spaces += [*s.spaces[:-1], True]
            tags += s.xpos
            pos += s.upos
            morphs += s.feats
            heads += [offset + h for h in s.heads]
            deps += ["ROOT" if d == "root" else d for d in s.deps]
        ref = Doc(nlp.vocab, words=words, spaces=spaces, tags=tags, pos=pos, morphs=morphs, heads=heads, deps=deps)
        out.append(Example(Doc(nlp.vocab, words=words, spaces=spaces), ref))
    return out


def score(nlp, sentences):
    from spacy.tokens import Doc

    docs = [Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences]
    return score_parses(sentences, list(nlp.pipe(docs)))


def train(a) -> None:
    from spacy.util import compounding, minibatch
    from thinc.api import Adam, fix_random_seed

    fix_random_seed(a.seed)
    random.seed(a.seed)
    t0 = time.time()
    nlp = build_nlp(a.width, a.depth)
    train_sents = ud_split("ud-de", "train")
    if a.konjunktiv > 0:
        rng = random.Random(a.seed)
        copies = [c for s in train_sents if rng.random() < a.konjunktiv and (c := konjunktiv_copy(s, rng, a.frame))]
        print(f"{len(copies)} Konjunktiv copies", flush=True)
        train_sents = train_sents + copies
        random.Random(a.seed).shuffle(train_sents)
    train_ex = make_examples(nlp, train_sents, a.group, a.seed)
    dev = ud_split("ud-de", "dev")
    optimizer = Adam(learn_rate=0.001, L2=1e-6, grad_clip=1.0)
    nlp.initialize(lambda: train_ex, sgd=optimizer)
    out = Path(a.output)
    out.mkdir(parents=True, exist_ok=True)
    best, bad, epoch, best_epoch, curve = -1.0, 0, 0, 0, []
    deadline = t0 + a.max_minutes * 60
    sizes = compounding(2.0, 12.0, 1.001)  # examples (runs of sentences) per batch
    while time.time() < deadline and bad < a.patience:
        epoch += 1
        random.shuffle(train_ex)
        losses: dict[str, float] = {}
        for batch in minibatch(train_ex, size=sizes):
            nlp.update(batch, drop=a.dropout, sgd=optimizer, losses=losses)
            if time.time() > deadline:
                break
        with nlp.use_params(optimizer.averages):
            res = score(nlp, dev)
            value = (res["las"] + res["morph"]) / 2
            if value > best:
                nlp.to_disk(out)
        curve.append({"epoch": epoch, "minutes": round((time.time() - t0) / 60, 2), **res, "score": round(value, 4)})
        print(
            f"epoch {epoch} {time.time() - t0:5.0f}s loss "
            + " ".join(f"{k} {v:7.1f}" for k, v in losses.items())
            + f" | dev upos {res['upos']:.3f} xpos {res['xpos']:.3f} morph {res['morph']:.3f}"
            f" uas {res['uas']:.3f} las {res['las']:.3f}{' *' if value > best else ''}",
            flush=True,
        )
        if value > best:
            best, bad, best_epoch = value, 0, epoch
        else:
            bad += 1
    stop = "patience" if bad >= a.patience else "time"
    print(f"best dev {best:.4f} (epoch {best_epoch}); stopped by {stop} after {epoch} epochs", flush=True)
    meta = {
        "command": " ".join(["training/parse_de/train.py", *sys.argv[1:]]),
        "width": a.width,
        "depth": a.depth,
        "dropout": a.dropout,
        "group": a.group,
        "konjunktiv": a.konjunktiv,
        "frame": a.frame,
        "seed": a.seed,
        "best_dev": best,
        "best_epoch": best_epoch,
        "epochs_run": epoch,
        "stopped_by": stop,
        "train_minutes": round((time.time() - t0) / 60, 1),
        "curve": curve,
    }
    (out / "train_meta.json").write_text(json.dumps(meta, indent=1))


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def ship(source: Path, target: Path) -> None:
    """Source the parse components into the NER pipeline (after ``ner``) and check the NER is unchanged."""
    import spacy

    before = _digest(target / "ner")
    nlp = spacy.load(target)
    parse_nlp = spacy.load(source)
    for name in COMPONENTS:
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    for name in COMPONENTS:
        nlp.add_pipe(name, source=parse_nlp)
    nlp.to_disk(target)
    after = _digest(target / "ner")
    assert before == after, "the NER component changed while shipping"
    meta = json.loads((source / "train_meta.json").read_text())
    meta.pop("curve", None)
    (target / "parse_meta.json").write_text(json.dumps(meta, indent=1))
    print(f"shipped {', '.join(COMPONENTS)} into {target}; ner files byte-identical ({len(after)} files)")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--output", default=str(Path(__file__).parent / "cache" / "parse_de"))
    ap.add_argument("--max-minutes", type=float, default=35)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--patience", type=int, default=12)
    ap.add_argument("--group", type=int, default=5, help="train on runs of 1..N consecutive sentences")
    ap.add_argument(
        "--konjunktiv",
        type=float,
        default=0.0,
        help="share of train sentences with a present 3rd-person verb added again in Konjunktiv I",
    )
    ap.add_argument("--frame", type=float, default=0.5, help="share of those copies put in a frame of saying")
    ap.add_argument("--ship", metavar="TRAINED", help="source a trained pipeline's components into --target")
    ap.add_argument("--target", default=str(REPO / "storyline" / "models" / "ner_de"))
    a = ap.parse_args(argv)
    if a.ship:
        ship(Path(a.ship), Path(a.target))
    else:
        train(a)


if __name__ == "__main__":
    main()
