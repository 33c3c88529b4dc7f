"""Train the German speech-unit CRF (DIRECT / INDIRECT / O per clause) on REDEWIEDERGABE non-fiction.

Data: the **tune** part of storyline's REDEWIEDERGABE split (non-fiction samples sorted by file name,
index % 5 != 4); its samples at tune-index % 5 == 0 are **dev** (model selection), the rest **train**.
The test part is never read here.

Units and features: :mod:`storyline.extraction.quotes.speech_units` (the same code at run time). A unit's
gold label is the majority label of its word tokens (DIRECT when a gold STWR whose types include
``direct`` covers the token, else INDIRECT for ``indirect``; ``reported``/``freeIndirect`` are O).

Model: a linear-chain CRF (:mod:`storyline.extraction.quotes.unit_crf`), trained full-batch by Adam on
the negative log-likelihood plus an L2 penalty, numpy only. Features seen fewer than ``--min-count`` times
in train are dropped. The last iteration is kept (``--select best`` keeps the one with the best dev token F1,
DIRECT and INDIRECT averaged, over units; that proxy swings from one evaluation to the next, and the
iteration it picks did worse end to end on dev, so the default is a fixed number of iterations).

Embeddings (``--embeddings dense|clusters``, default ``none``): the multilingual Universal Sentence Encoder's
vector of every unit (:mod:`storyline.extraction.quotes.unit_embeddings`), as whitened principal components
fitted on train whose weights are learnt jointly with the rest (``dense``), or as the nearest of k-means
centroids fitted on train (``clusters``, sparse ``E:`` features). The projection or the centroids go into
``crf.json``; ``meta.json`` records the setting. Vectors are cached per document under ``--embed-cache``.

    OMP_NUM_THREADS=1 .venv/bin/python training/speech_units_de/train.py --output storyline/models/speech_units_de
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from storyline.evaluation.redewiedergabe import RwSample, load_fiction, load_redewiedergabe  # noqa: E402
from storyline.extraction.quotes.dependency import parse_marks  # noqa: E402
from storyline.extraction.quotes.extractor import extract_rule_quotes  # noqa: E402
from storyline.extraction.quotes.speech_units import UnitText, prepare, unit_words  # noqa: E402
from storyline.extraction.quotes.unit_crf import MODEL_FILE, UnitCrf  # noqa: E402
from storyline.extraction.quotes.unit_embeddings import (  # noqa: E402
    UnitEmbedding,
    nearest_centroid,
    probe_features,
    softmax,
    unit_texts,
    unit_vectors,
)

LABELS = ("O", "DIRECT", "INDIRECT")
NEWS, FICTION = "news|", "fiction|"  # domain copies of the features (--domain-copies)
DEV_EVERY = 5


def split_tune(samples: list[RwSample]) -> tuple[list[RwSample], list[RwSample]]:
    """(train, dev): dev is every 5th tune sample (index % 5 == 0)."""
    return (
        [s for i, s in enumerate(samples) if i % DEV_EVERY != 0],
        [s for i, s in enumerate(samples) if i % DEV_EVERY == 0],
    )


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


def unit_counts(sample: RwSample, prepared: UnitText) -> np.ndarray:
    """(units, labels): how many word tokens of each gold label every unit holds."""
    gold = token_labels(sample)
    starts = [start for start, _ in sample.offsets]
    counts = np.zeros((len(prepared.units), len(LABELS)))
    for row, unit in enumerate(prepared.units):
        for start, _end in prepared.spans[unit.first : unit.last]:
            if sample.text[start].isalnum():
                token = max(bisect.bisect_right(starts, start) - 1, 0)
                counts[row, LABELS.index(gold[token])] += 1
    return counts


class Data:
    """Documents as padded arrays: unit features as (unit row, feature id) pairs, gold labels, word counts."""

    def __init__(
        self,
        docs: list[tuple[UnitText, np.ndarray]],
        vocab: dict[str, int],
        weights: list[float] | None = None,
        dense: np.ndarray | None = None,
    ) -> None:
        self.lengths = [len(p.units) for p, _ in docs]
        self.doc_weights = np.array(weights if weights is not None else [1.0] * len(docs))
        self.offsets = np.cumsum([0, *self.lengths])
        rows, ids = [], []
        for d, (prepared, _) in enumerate(docs):
            for u, names in enumerate(prepared.features):
                for name in names:
                    if name in vocab:
                        rows.append(self.offsets[d] + u)
                        ids.append(vocab[name])
        self.rows, self.ids = np.array(rows, dtype=np.int64), np.array(ids, dtype=np.int64)
        self.counts = np.concatenate([c for _, c in docs]) if docs else np.zeros((0, len(LABELS)))
        self.gold = self.counts.argmax(axis=1)
        self.gold[self.counts.sum(axis=1) == 0] = 0
        self.units = int(self.offsets[-1])
        self.max_len = max(self.lengths) if self.lengths else 0
        mask = np.zeros((len(docs), self.max_len), dtype=bool)
        index = np.zeros((len(docs), self.max_len), dtype=np.int64)
        for d, n in enumerate(self.lengths):
            mask[d, :n] = True
            index[d, :n] = np.arange(self.offsets[d], self.offsets[d] + n)
        self.mask, self.index = mask, index
        self.dense = dense if dense is not None else np.zeros((self.units, 0))  # (units, d) embedding inputs

    def emissions(self, weights: np.ndarray, dense_weights: np.ndarray) -> np.ndarray:
        out = np.zeros((self.units, weights.shape[1]))
        for label in range(weights.shape[1]):
            out[:, label] = np.bincount(self.rows, weights=weights[self.ids, label], minlength=self.units)
        return out + self.dense @ dense_weights


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = x.max(axis=axis, keepdims=True)
    return np.squeeze(top, axis) + np.log(np.exp(x - top).sum(axis=axis))


def nll_and_gradients(data: Data, weights: np.ndarray, start: np.ndarray, trans: np.ndarray, dense_w: np.ndarray):
    """Negative log-likelihood and its gradients (weights, start, transitions, dense weights), batched over docs."""
    emit = data.emissions(weights, dense_w)[data.index]  # (D, T, L); padding rows repeat unit 0, masked below
    mask = data.mask
    _docs, length, labels = emit.shape
    alpha = np.zeros_like(emit)
    alpha[:, 0] = start + emit[:, 0]
    for t in range(1, length):
        step = _logsumexp(alpha[:, t - 1, :, None] + trans, axis=1) + emit[:, t]
        alpha[:, t] = np.where(mask[:, t, None], step, alpha[:, t - 1])
    beta = np.zeros_like(emit)
    for t in range(length - 2, -1, -1):
        step = _logsumexp(trans + emit[:, t + 1, None, :] + beta[:, t + 1, None, :], axis=2)
        beta[:, t] = np.where(mask[:, t + 1, None], step, beta[:, t + 1])
    log_z = _logsumexp(alpha[:, -1], axis=1)
    marginals = np.exp(alpha + beta - log_z[:, None, None]) * mask[:, :, None]
    gold = data.gold[data.index]
    doc_w = data.doc_weights
    onehot = np.eye(labels)[gold] * mask[:, :, None]
    gold_score = ((emit * onehot).sum(axis=(1, 2)) * doc_w).sum() + (start[gold[:, 0]] * doc_w).sum()
    pair = np.exp(
        alpha[:, :-1, :, None] + trans + emit[:, 1:, None, :] + beta[:, 1:, None, :] - log_z[:, None, None, None]
    )
    pair_mask = mask[:, 1:]
    pair = pair * (pair_mask * doc_w[:, None])[:, :, None, None]
    gold_pairs = np.zeros((labels, labels))
    pair_w = np.broadcast_to(doc_w[:, None], pair_mask.shape)[pair_mask]
    np.add.at(gold_pairs, (gold[:, :-1][pair_mask], gold[:, 1:][pair_mask]), pair_w)
    gold_score += (gold_pairs * trans).sum()
    nll = (log_z * doc_w).sum() - gold_score
    delta = np.zeros((data.units, labels))
    delta[data.index[mask]] = ((marginals - onehot) * doc_w[:, None, None])[mask]
    grad_w = np.zeros_like(weights)
    for label in range(labels):
        grad_w[:, label] = np.bincount(data.ids, weights=delta[data.rows, label], minlength=weights.shape[0])
    grad_start = ((marginals[:, 0] - np.eye(labels)[gold[:, 0]]) * doc_w[:, None]).sum(axis=0)
    grad_trans = pair.sum(axis=(0, 1)) - gold_pairs
    grad_dense = data.dense.T @ delta
    return nll, grad_w, grad_start, grad_trans, grad_dense


def viterbi_f1(
    data: Data, weights: np.ndarray, start: np.ndarray, trans: np.ndarray, dense_w: np.ndarray
) -> dict[str, dict[str, float]]:
    """Token P/R/F1 of DIRECT and INDIRECT when every unit's words take the unit's decoded label."""
    crf = UnitCrf(LABELS, start, trans, {})
    emit = data.emissions(weights, dense_w)
    predicted = np.zeros(data.units, dtype=np.int64)
    for d, n in enumerate(data.lengths):
        rows = slice(data.offsets[d], data.offsets[d] + n)
        predicted[rows] = crf.best_path(emit[rows])
    words = data.counts.sum(axis=1)
    scores = {}
    for label in (1, 2):
        tp = data.counts[predicted == label, label].sum()
        pred = words[predicted == label].sum()
        gold = data.counts[:, label].sum()
        p, r = (tp / pred if pred else 0.0), (tp / gold if gold else 0.0)
        scores[LABELS[label]] = {
            "p": round(p, 4),
            "r": round(r, 4),
            "f1": round(2 * p * r / (p + r) if p + r else 0, 4),
        }
    return scores


def cached_vectors(text: str, prepared: UnitText, cache: Path) -> np.ndarray:
    """The encoder's unit vectors, kept on disk by a hash of the unit texts (the encoder is the slow part)."""
    key = hashlib.sha1("\x1f".join(unit_texts(text, prepared)).encode("utf-8")).hexdigest()
    path = cache / f"{key}.npy"
    if path.exists():
        return np.load(path)
    vectors = unit_vectors(text, prepared)
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def fit_pca(vectors: np.ndarray, dims: int) -> tuple[np.ndarray, np.ndarray]:
    """(mean, projection 512 × dims): the top principal components, scaled to unit variance."""
    mean = vectors.mean(axis=0)
    centred = (vectors - mean).astype(np.float64)
    values, vecs = np.linalg.eigh(centred.T @ centred / len(centred))
    order = np.argsort(values)[::-1][:dims]
    vecs = vecs[:, order]
    vecs *= np.where(vecs[np.abs(vecs).argmax(axis=0), np.arange(dims)] < 0, -1.0, 1.0)  # a fixed sign
    return mean, vecs / np.sqrt(values[order])


def fit_kmeans(vectors: np.ndarray, k: int, seed: int, iterations: int = 25) -> np.ndarray:
    """(k, 512) centroids by Lloyd's algorithm from k distinct random rows."""
    rng = np.random.default_rng(seed)
    centroids = vectors[rng.choice(len(vectors), k, replace=False)].astype(np.float64)
    for _ in range(iterations):
        nearest = nearest_centroid(vectors, centroids)
        for c in range(k):
            members = vectors[nearest == c]
            if len(members):
                centroids[c] = members.mean(axis=0)
    return centroids


def train_probe(x: np.ndarray, gold: np.ndarray, weight: np.ndarray, l2: float, iterations: int = 100):
    """Multinomial logistic regression (weights 512 × labels, intercepts) by full-batch Adam, numpy only."""
    labels = len(LABELS)
    w, b = np.zeros((x.shape[1], labels)), np.zeros(labels)
    params, moments, squares = [w, b], [np.zeros_like(w), np.zeros_like(b)], [np.zeros_like(w), np.zeros_like(b)]
    onehot = np.eye(labels)[gold]
    total = weight.sum()
    for step in range(1, iterations + 1):
        p = softmax(x @ w + b)
        delta = (p - onehot) * weight[:, None] / total
        grads = [x.T @ delta + l2 * w / total, delta.sum(axis=0)]
        for param, g, m, v in zip(params, grads, moments, squares, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            param -= 0.05 * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w, b


def fit_probe(train_docs, vectors, doc_weights, contexts, args, folds: int = 5):
    """The probe on all train units (shipped) and the train units' out-of-fold probe features (for the CRF)."""
    xs = [vectors[id(p)].astype(np.float64) for p, _ in train_docs]
    golds = [counts.argmax(axis=1) * (counts.sum(axis=1) > 0) for _, counts in train_docs]
    ws = [np.full(len(x), w) for x, w in zip(xs, doc_weights, strict=True)]
    fold_of = np.arange(len(train_docs)) % folds
    window = "window" in contexts
    features: list[list[list[str]] | None] = [None] * len(train_docs)
    for fold in range(folds):
        fit = [d for d in range(len(train_docs)) if fold_of[d] != fold]
        w, b = train_probe(
            np.concatenate([xs[d] for d in fit]),
            np.concatenate([golds[d] for d in fit]),
            np.concatenate([ws[d] for d in fit]),
            args.probe_l2,
        )
        for d in range(len(train_docs)):
            if fold_of[d] == fold:
                features[d] = probe_features(softmax(xs[d] @ w + b), window)
    w, b = train_probe(np.concatenate(xs), np.concatenate(golds), np.concatenate(ws), args.probe_l2)
    return UnitEmbedding("probe", contexts, b, w), features


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--learn-rate", type=float, default=0.05)
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--eval-every", type=int, default=10)
    parser.add_argument("--max-minutes", type=float, default=15)
    parser.add_argument(
        "--select", choices=("last", "best"), default="last", help="keep the last iteration or the best on dev"
    )
    parser.add_argument(
        "--fiction", type=float, default=0.3, help="weight of the corpus' fictional samples in train (0: left out)"
    )
    parser.add_argument(
        "--domain-copies",
        type=int,
        default=0,
        help="1: every feature also as a news and a fiction copy; the model keeps shared + news weights",
    )
    parser.add_argument("--rules", type=int, default=1, help="1: the rule mentions are unit features")
    parser.add_argument(
        "--parse",
        type=int,
        default=0,
        help="1: the dependency parse's marks (report clause, Konjunktiv) are features (tried, not kept: README)",
    )
    parser.add_argument(
        "--drop",
        default="w=,s3=,fw2=,fw=",
        help="comma-separated feature-name prefixes to leave out (default: the bag of words and the first word, "
        "which overfit to the papers of train)",
    )
    parser.add_argument(
        "--embeddings",
        choices=("none", "dense", "clusters", "probe"),
        default="none",
        help="pretrained unit vectors (Universal Sentence Encoder) as evidence: none, dense inputs, k-means clusters",
    )
    parser.add_argument(
        "--embed-contexts", default="unit", help="comma-separated: unit, sentence (its mean), window (neighbours)"
    )
    parser.add_argument("--embed-dims", type=int, default=32, help="principal components per context (dense)")
    parser.add_argument("--clusters", type=int, default=64, help="k of k-means (clusters)")
    parser.add_argument("--probe-l2", type=float, default=1.0, help="L2 of the probe's logistic regression")
    parser.add_argument("--embed-cache", type=Path, default=ROOT / "out" / "speech_units_de_use")
    args = parser.parse_args()

    started = time.time()
    rng = np.random.default_rng(args.seed)
    known = unit_words("de")
    train, dev = split_tune(load_redewiedergabe("tune"))

    vectors: dict[int, np.ndarray] = {}  # id(prepared) -> unit vectors

    def docs(samples: list[RwSample], domain: str) -> list[tuple[UnitText, np.ndarray]]:
        out = []
        for sample in samples:
            mentions = extract_rule_quotes(sample.text, "de", sample.id) if args.rules else []
            marks = parse_marks(sample.text, "de") if args.parse else []
            prepared = prepare(sample.text, "de", known, [(m.start, m.end, m.kind) for m in mentions], marks)
            if args.domain_copies and domain:
                features = [[*names, *(domain + name for name in names)] for names in prepared.features]
                prepared = UnitText(prepared.spans, prepared.units, features)
            if args.embeddings != "none":
                vectors[id(prepared)] = cached_vectors(sample.text, prepared, args.embed_cache)
            out.append((prepared, unit_counts(sample, prepared)))
        return out

    fiction = load_fiction() if args.fiction > 0 else []
    train_docs = docs(train, NEWS) + docs(fiction, FICTION)
    dev_docs = docs(dev, NEWS)
    train_weights = [1.0] * len(train) + [args.fiction] * len(fiction)
    embedding = None
    contexts = tuple(c for c in args.embed_contexts.split(",") if c)
    if args.embeddings != "none":
        train_vectors = np.concatenate([vectors[id(p)] for p, _ in train_docs])
        if args.embeddings == "dense":
            mean, projection = fit_pca(train_vectors, args.embed_dims)
            embedding = UnitEmbedding("dense", contexts, mean, projection)
        else:
            if args.embeddings == "clusters":
                centroids = fit_kmeans(train_vectors, args.clusters, args.seed)
                embedding = UnitEmbedding("clusters", contexts, np.zeros(0), centroids)
                train_probes = None
            else:
                embedding, train_probes = fit_probe(train_docs, vectors, train_weights, contexts, args)

            def with_sparse(
                docs_in: list[tuple[UnitText, np.ndarray]], given: list[list[list[str]]] | None
            ) -> list[tuple[UnitText, np.ndarray]]:
                out = []
                for d, (prepared, counts) in enumerate(docs_in):
                    extra = given[d] if given is not None else embedding.sparse_features(vectors[id(prepared)])
                    features = [[*a, *b] for a, b in zip(prepared.features, extra, strict=True)]
                    out.append((UnitText(prepared.spans, prepared.units, features), counts))
                return out

            train_docs, dev_docs = with_sparse(train_docs, train_probes), with_sparse(dev_docs, None)

    def dense_inputs(docs_in: list[tuple[UnitText, np.ndarray]]) -> np.ndarray | None:
        if embedding is None or embedding.kind != "dense":
            return None
        return np.concatenate([embedding.inputs(vectors[id(p)], p.units) for p, _ in docs_in])

    frequency = Counter(name for prepared, _ in train_docs for names in prepared.features for name in names)
    dropped = tuple(prefix for prefix in args.drop.split(",") if prefix)
    names = sorted(
        name for name, n in frequency.items() if n >= args.min_count and not (dropped and name.startswith(dropped))
    )
    vocab = {name: i for i, name in enumerate(names)}
    train_data = Data(train_docs, vocab, train_weights, dense_inputs(train_docs))
    dev_data = Data(dev_docs, vocab, dense=dense_inputs(dev_docs))
    print(f"{len(names)} features, {train_data.units} train units, {dev_data.units} dev units", flush=True)

    labels = len(LABELS)
    params = [
        rng.normal(0, 0.01, (len(names), labels)),
        np.zeros(labels),
        np.zeros((labels, labels)),
        np.zeros((train_data.dense.shape[1], labels)),
    ]
    moments = [np.zeros_like(p) for p in params]
    squares = [np.zeros_like(p) for p in params]
    best, best_iteration, best_params, curve = -1.0, -1, None, []
    for iteration in range(1, args.iterations + 1):
        nll, *grads = nll_and_gradients(train_data, *params)
        grads[0] = grads[0] + args.l2 * params[0]
        grads[3] = grads[3] + args.l2 * params[3]
        for p, g, m, v in zip(params, grads, moments, squares, strict=True):
            m *= 0.9
            m += 0.1 * g
            v *= 0.999
            v += 0.001 * g * g
            p -= args.learn_rate * (m / (1 - 0.9**iteration)) / (np.sqrt(v / (1 - 0.999**iteration)) + 1e-8)
        if iteration % args.eval_every == 0 or iteration == args.iterations:
            scores = viterbi_f1(dev_data, *params)
            mean = (scores["DIRECT"]["f1"] + scores["INDIRECT"]["f1"]) / 2
            minutes = (time.time() - started) / 60
            curve.append(
                {"iteration": iteration, "nll": round(float(nll), 1), "dev": scores, "minutes": round(minutes, 2)}
            )
            print(json.dumps(curve[-1]), flush=True)
            if mean > best:
                best, best_iteration, best_params = mean, iteration, [p.copy() for p in params]
            if minutes > args.max_minutes:
                break
    if args.select == "last":
        best_iteration, best_params = iteration, params
    weights, start, trans, dense_w = best_params
    merged = {
        name: weights[i] + (weights[vocab[NEWS + name]] if NEWS + name in vocab else 0.0)
        for name, i in vocab.items()
        if not name.startswith((NEWS, FICTION))
    }
    merged.update(
        {
            name[len(NEWS) :]: weights[i]
            for name, i in vocab.items()
            if name.startswith(NEWS) and name[len(NEWS) :] not in vocab
        }
    )
    kept = {name: w for name, w in merged.items() if np.abs(w).max() >= 0.01}
    if embedding is not None and embedding.kind == "dense":
        embedding = UnitEmbedding("dense", contexts, embedding.mean, embedding.projection, dense_w)
    crf = UnitCrf(LABELS, start, trans, kept, embedding=embedding)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / MODEL_FILE).write_text(json.dumps(crf.to_json(), ensure_ascii=False) + "\n", encoding="utf-8")
    meta = {
        "name": "speech_units_de",
        "kind": "unit-crf",
        "command": " ".join(sys.argv),
        "data": {
            "train_samples": len(train),
            "fiction_samples": len(fiction),
            "fiction_weight": args.fiction,
            "dev_samples": len(dev),
            "features": len(kept),
        },
        "embeddings": {
            "kind": args.embeddings,
            **(
                {"contexts": list(contexts), "dims": args.embed_dims}
                if args.embeddings == "dense"
                else {"contexts": list(contexts), "clusters": args.clusters}
                if args.embeddings == "clusters"
                else {"contexts": list(contexts), "probe_l2": args.probe_l2, "folds": 5}
                if args.embeddings == "probe"
                else {}
            ),
        },
        "best_iteration": best_iteration,
        "dev": viterbi_f1(dev_data, *best_params),
        "train": viterbi_f1(train_data, *best_params),
        "train_minutes": round((time.time() - started) / 60, 2),
        "curve": curve,
    }
    (args.output / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: meta[k] for k in ("best_iteration", "dev", "train", "train_minutes")}))


if __name__ == "__main__":
    main()
