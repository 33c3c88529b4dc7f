"""Train the neural German speech tagger (torch; run on the GPU machine, CPU works for a smoke test).

Reads what ``prepare.py`` wrote (``data.npz``, ``pretrain.npz``, ``vocab.json`` in ``--data``), then

1. pretrains word vectors (skip-gram with negative sampling) on the unlabelled German text;
2. trains one tagger per configuration in ``--configs`` (each in its own process, side by side on the
   device): word vectors + a character CNN + token flags + the summed embeddings of the unit's features,
   two BiLSTM layers, a linear-chain CRF; chunks of ``--chunk`` tokens; Adam; the epoch with the best dev
   token F1 (DIRECT and INDIRECT averaged, word tokens, model alone) is kept;
3. writes to ``--out``: ``results.json`` (every configuration's dev curve and best epoch),
   ``dev_predictions.npz`` (every configuration's dev labels at its best epoch, for storyline's scorer on
   the CPU) and the weights of the best ``--keep`` configurations (``model_<name>.pt``, float16).

    cd .gpu && python3 train.py --data . --out $OUT
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

LABELS = ("O", "DIRECT", "INDIRECT")

# name -> overrides of the defaults below. Round 1 (no weight averaging: ema 0), round 2 (averaged weights).
ROUND1 = {
    "base": {"ema": 0},
    "fiction0": {"ema": 0, "fiction": 0.0},
    "fiction1": {"ema": 0, "fiction": 1.0},
    "nounits": {"ema": 0, "unit_dim": 0},
    "frozen": {"ema": 0, "freeze_words": 1},
    "now2v": {"ema": 0, "w2v": 0},
    "h256": {"ema": 0, "hidden": 256},
    "seed1": {"ema": 0, "seed": 1},
}
ROUND2 = {
    "e0": {"w2v": 0, "seed": 0},
    "e1": {"w2v": 0, "seed": 1},
    "e2": {"w2v": 0, "seed": 2},
    "e3": {"w2v": 0, "seed": 3},
    "w0": {"w2v": 1, "seed": 0},
    "w1": {"w2v": 1, "seed": 1},
    "ef1": {"w2v": 0, "fiction": 1.0},
    "edrop": {"w2v": 0, "dropout": 0.6, "unit_dropout": 0.3, "word_dropout": 0.1},
}
CONFIGS = {**ROUND1, **ROUND2}
DEFAULTS = {
    "seed": 0,
    "fiction": 0.3,
    "unit_dim": 32,
    "freeze_words": 0,
    "w2v": 1,
    "hidden": 128,
    "layers": 2,
    "word_dim": 100,
    "char_dim": 25,
    "char_filters": 50,
    "dropout": 0.5,
    "word_dropout": 0.05,
    "unit_dropout": 0.2,
    "lr": 2e-3,
    "batch": 32,
    "chunk": 256,
    "epochs": 40,
    "minutes": 6.0,
    "ema": 0.995,  # decay of the exponential moving average of the weights that is evaluated and kept (0: off)
}


# --------------------------------------------------------------------------- data


class Part:
    """One part of data.npz (train / dev / fiction) as tensors on the device, with document offsets."""

    def __init__(self, data: np.lib.npyio.NpzFile, name: str, device: torch.device) -> None:
        self.tokens = data[f"{name}_tokens"]
        self.token_offsets = np.concatenate([[0], np.cumsum(self.tokens)])
        units = data[f"{name}_units"]
        unit_offsets = np.concatenate([[0], np.cumsum(units)])
        pairs = data[f"{name}_pairs"]
        rows = data[f"{name}_unit_rows"].astype(np.int64)
        rows += np.repeat(unit_offsets[:-1], pairs)
        token_unit = data[f"{name}_token_unit"].astype(np.int64) + np.repeat(unit_offsets[:-1], self.tokens)
        self.units = int(unit_offsets[-1])
        t = lambda a, dtype: torch.as_tensor(np.ascontiguousarray(a), dtype=dtype, device=device)  # noqa: E731
        self.words = t(data[f"{name}_words"], torch.long)
        self.chars = t(data[f"{name}_chars"], torch.long)
        self.flags = t(data[f"{name}_flags"], torch.float32)
        self.gold = t(data[f"{name}_gold"], torch.long)
        self.token_unit = t(token_unit, torch.long)
        self.unit_rows = t(rows, torch.long)
        self.unit_ids = t(data[f"{name}_unit_ids"], torch.long)

    def chunks(self, size: int, rng: np.random.Generator | None) -> list[tuple[int, int]]:
        """Global ``[start, end)`` token ranges, each within one document; random first cut when ``rng``."""
        out = []
        for d, n in enumerate(self.tokens):
            base = int(self.token_offsets[d])
            first = int(rng.integers(1, size)) if rng is not None and n > size else size
            start = 0
            end = min(first, n)
            while start < n:
                out.append((base + start, base + end))
                start, end = end, min(end + size, n)
        return out


# --------------------------------------------------------------------------- model


class Tagger(nn.Module):
    def __init__(self, words: int, chars: int, unit_features: int, flags: int, cfg: dict) -> None:
        super().__init__()
        self.cfg = cfg
        self.word_emb = nn.Embedding(words, cfg["word_dim"], padding_idx=0)
        self.char_emb = nn.Embedding(chars, cfg["char_dim"], padding_idx=0)
        self.char_conv = nn.Conv1d(cfg["char_dim"], cfg["char_filters"], 3, padding=1)
        self.unit_emb = nn.Embedding(unit_features, max(cfg["unit_dim"], 1))
        size = cfg["word_dim"] + cfg["char_filters"] + flags + cfg["unit_dim"]
        self.lstm = nn.LSTM(
            size, cfg["hidden"], num_layers=cfg["layers"], bidirectional=True, batch_first=True, dropout=0.3
        )
        self.out = nn.Linear(2 * cfg["hidden"], len(LABELS))
        self.crf_start = nn.Parameter(torch.zeros(len(LABELS)))
        self.crf_trans = nn.Parameter(torch.zeros(len(LABELS), len(LABELS)))
        self.drop = nn.Dropout(cfg["dropout"])

    def unit_vectors(self, part: Part) -> torch.Tensor:
        dim = self.unit_emb.weight.shape[1]
        vectors = torch.zeros(part.units, dim, device=self.unit_emb.weight.device)
        if self.cfg["unit_dim"] == 0:
            return vectors[:, :0]
        ids, rows = part.unit_ids, part.unit_rows
        if self.training and self.cfg["unit_dropout"] > 0:
            keep = torch.rand(len(ids), device=ids.device) >= self.cfg["unit_dropout"]
            ids, rows = ids[keep], rows[keep]
        return vectors.index_add(0, rows, self.unit_emb(ids))

    def emissions(self, part: Part, index: torch.Tensor, mask: torch.Tensor, units: torch.Tensor) -> torch.Tensor:
        """Label scores (B, L, labels) of the global token ``index`` (B, L), padding where ``mask`` is false."""
        words = part.words[index]
        if self.training and self.cfg["word_dropout"] > 0:
            words = torch.where(torch.rand(words.shape, device=words.device) < self.cfg["word_dropout"], 1, words)
        chars = part.chars[index]
        b, length, c = chars.shape
        embedded = self.char_emb(chars.view(b * length, c)).transpose(1, 2)
        conv = self.char_conv(embedded).masked_fill(~(chars.view(b * length, c) > 0)[:, None, :], -math.inf)
        pooled = conv.max(dim=2).values
        pooled = torch.relu(torch.where(torch.isfinite(pooled), pooled, torch.zeros_like(pooled)))
        x = torch.cat(
            [self.word_emb(words), pooled.view(b, length, -1), part.flags[index], units[part.token_unit[index]]], -1
        )
        x = self.drop(x)
        lengths = mask.sum(1).cpu()
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        hidden, _ = self.lstm(packed)
        hidden, _ = nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True, total_length=length)
        return self.out(self.drop(hidden))

    def nll(self, emis: torch.Tensor, gold: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Per-sequence negative log-likelihood of the linear-chain CRF."""
        alpha = self.crf_start + emis[:, 0]
        for t in range(1, emis.shape[1]):
            step = torch.logsumexp(alpha[:, :, None] + self.crf_trans, dim=1) + emis[:, t]
            alpha = torch.where(mask[:, t, None], step, alpha)
        log_z = torch.logsumexp(alpha, dim=1)
        score = self.crf_start[gold[:, 0]] + (emis.gather(2, gold[..., None]).squeeze(-1) * mask).sum(1)
        score = score + (self.crf_trans[gold[:, :-1], gold[:, 1:]] * mask[:, 1:]).sum(1)
        return log_z - score

    @torch.no_grad()
    def viterbi(self, emis: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        score = self.crf_start + emis[:, 0]
        back = []
        for t in range(1, emis.shape[1]):
            candidates = score[:, :, None] + self.crf_trans
            best, arg = candidates.max(dim=1)
            step = best + emis[:, t]
            score = torch.where(mask[:, t, None], step, score)
            back.append(torch.where(mask[:, t, None], arg, torch.arange(len(LABELS), device=emis.device)))
        last = score.argmax(1)
        path = [last]
        for arg in reversed(back):
            last = arg.gather(1, last[:, None]).squeeze(1)
            path.append(last)
        return torch.stack(path[::-1], dim=1)


def batch_index(chunks: list[tuple[int, int]], device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    length = max(e - s for s, e in chunks)
    index = np.zeros((len(chunks), length), dtype=np.int64)
    mask = np.zeros((len(chunks), length), dtype=bool)
    for row, (s, e) in enumerate(chunks):
        index[row, : e - s] = np.arange(s, e)
        mask[row, : e - s] = True
    return torch.as_tensor(index, device=device), torch.as_tensor(mask, device=device)


@torch.no_grad()
def predict(model: Tagger, part: Part, device: torch.device, batch: int = 16) -> np.ndarray:
    model.eval()
    units = model.unit_vectors(part)
    out = np.zeros(len(part.words), dtype=np.int8)
    docs = [(int(part.token_offsets[d]), int(part.token_offsets[d + 1])) for d in range(len(part.tokens))]
    docs = [d for d in docs if d[1] > d[0]]
    for i in range(0, len(docs), batch):
        chunk = docs[i : i + batch]
        index, mask = batch_index(chunk, device)
        labels = model.viterbi(model.emissions(part, index, mask, units), mask).cpu().numpy()
        for row, (s, e) in enumerate(chunk):
            out[s:e] = labels[row, : e - s]
    return out


def token_f1(predicted: np.ndarray, gold: np.ndarray, words: np.ndarray) -> dict[str, float]:
    scores = {}
    for label in (1, 2):
        tp = float(((predicted == label) & (gold == label) & words).sum())
        p = tp / max(float(((predicted == label) & words).sum()), 1)
        r = tp / max(float(((gold == label) & words).sum()), 1)
        scores[LABELS[label]] = round(2 * p * r / (p + r) if p + r else 0.0, 4)
    return scores


# --------------------------------------------------------------------------- word vectors


def train_word_vectors(stream: np.ndarray, words: int, dim: int, device: torch.device, epochs: int = 5) -> np.ndarray:
    """Skip-gram with negative sampling (window 5, 5 negatives, frequent words subsampled)."""
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    counts = np.bincount(stream, minlength=words).astype(np.float64)
    counts[0] = 0
    freq = counts / counts.sum()
    keep_p = np.minimum(1.0, np.sqrt(1e-4 / np.maximum(freq, 1e-12)) + 1e-4 / np.maximum(freq, 1e-12))
    noise = torch.as_tensor(counts**0.75 / (counts**0.75).sum(), device=device, dtype=torch.float32)
    inp = nn.Embedding(words, dim).to(device)
    nn.init.uniform_(inp.weight, -0.5 / dim, 0.5 / dim)
    ctx = nn.Embedding(words, dim).to(device)
    nn.init.zeros_(ctx.weight)
    optimiser = torch.optim.Adam([*inp.parameters(), *ctx.parameters()], lr=2e-3)
    for epoch in range(epochs):
        kept = stream[(stream == 0) | (rng.random(len(stream)) < keep_p[stream])]
        centers, contexts = [], []
        for offset in range(1, 6):
            a, b = kept[:-offset], kept[offset:]
            ok = (a > 0) & (b > 0) & (rng.random(len(a)) < (6 - offset) / 5)  # the shrinking window
            centers += [a[ok], b[ok]]
            contexts += [b[ok], a[ok]]
        c = torch.as_tensor(np.concatenate(centers), device=device)
        o = torch.as_tensor(np.concatenate(contexts), device=device)
        order = torch.randperm(len(c), device=device)
        total = 0.0
        for i in range(0, len(c), 16384):
            sel = order[i : i + 16384]
            ci, oi = c[sel], o[sel]
            neg = torch.multinomial(noise, len(sel) * 5, replacement=True).view(len(sel), 5)
            v = inp(ci)
            pos = (v * ctx(oi)).sum(-1)
            negs = torch.bmm(ctx(neg), v[:, :, None]).squeeze(-1)
            loss = -(nn.functional.logsigmoid(pos).mean() + nn.functional.logsigmoid(-negs).sum(-1).mean())
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach())
        print(f"w2v epoch {epoch}: {len(c)} pairs, loss {total / max(1, len(c) // 16384):.3f}", flush=True)
    vectors = inp.weight.detach().cpu().numpy()
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-6)
    vectors *= 0.5  # on the scale of the other inputs
    vectors[0] = 0
    return vectors


# --------------------------------------------------------------------------- one configuration


def run_config(name: str, cfg: dict, data_dir: Path, out: Path, device: torch.device) -> dict:
    started = time.time()
    torch.manual_seed(cfg["seed"])
    rng = np.random.default_rng(cfg["seed"])
    vocab = json.loads((data_dir / "vocab.json").read_text(encoding="utf-8"))
    alnum = vocab["flags"].index("alnum")
    data = np.load(data_dir / "data.npz")
    parts = {p: Part(data, p, device) for p in ("train", "dev", "fiction")}
    model = Tagger(len(vocab["words"]), len(vocab["chars"]), len(vocab["unit_features"]), len(vocab["flags"]), cfg)
    if cfg["w2v"] and (out / "w2v.npy").exists():
        model.word_emb.weight.data.copy_(torch.as_tensor(np.load(out / "w2v.npy")))
    model.word_emb.weight.requires_grad_(not cfg["freeze_words"])
    model.to(device)
    optimiser = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=cfg["lr"])
    dev = parts["dev"]
    dev_gold = dev.gold.cpu().numpy()
    dev_words = dev.flags[:, alnum].cpu().numpy() > 0
    train_parts = [("train", 1.0)] + ([("fiction", cfg["fiction"])] if cfg["fiction"] > 0 else [])
    best = {"mean": -1.0}
    curve = []
    averaged = {k: p.detach().clone() for k, p in model.named_parameters()} if cfg["ema"] else None

    def swap() -> None:  # exchange the live and the averaged weights
        if averaged is not None:
            for k, p in model.named_parameters():
                live = p.detach().clone()
                p.data.copy_(averaged[k])
                averaged[k] = live

    for epoch in range(1, cfg["epochs"] + 1):
        model.train()
        batches = []
        for part_name, weight in train_parts:
            chunks = parts[part_name].chunks(cfg["chunk"], rng)
            order = rng.permutation(len(chunks))
            for i in range(0, len(chunks), cfg["batch"]):
                batches.append((part_name, weight, [chunks[j] for j in order[i : i + cfg["batch"]]]))
        total = 0.0
        for b in rng.permutation(len(batches)):
            part_name, weight, chunks = batches[b]
            part = parts[part_name]
            index, mask = batch_index(chunks, device)
            units = model.unit_vectors(part)
            emis = model.emissions(part, index, mask, units)
            loss = weight * model.nll(emis, part.gold[index], mask).sum() / mask.sum()
            optimiser.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimiser.step()
            if averaged is not None:
                with torch.no_grad():
                    for k, p in model.named_parameters():
                        averaged[k].mul_(cfg["ema"]).add_(p.detach(), alpha=1 - cfg["ema"])
            total += float(loss.detach())
        swap()
        predicted = predict(model, dev, device)
        scores = token_f1(predicted, dev_gold, dev_words)
        mean = (scores["DIRECT"] + scores["INDIRECT"]) / 2
        minutes = (time.time() - started) / 60
        curve.append(
            {"epoch": epoch, "loss": round(total / len(batches), 4), "dev": scores, "minutes": round(minutes, 2)}
        )
        print(name, json.dumps(curve[-1]), flush=True)
        if mean > best["mean"]:
            best = {"mean": mean, "epoch": epoch, "dev": scores}
            np.save(out / f"pred_{name}.npy", predicted)
            state = {k: v.detach().half().cpu() for k, v in model.state_dict().items()}
            torch.save({"cfg": cfg, "state": state}, out / f"model_{name}.pt")
        swap()
        if minutes > cfg["minutes"]:
            break
    result = {"name": name, "cfg": cfg, "best": best, "curve": curve, "minutes": round((time.time() - started) / 60, 2)}
    (out / f"result_{name}.json").write_text(json.dumps(result) + "\n")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("."))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--configs", default=",".join(ROUND2))
    parser.add_argument("--keep", type=int, default=6)
    parser.add_argument("--set", default="", help="overrides for every configuration: key=value,key=value")
    parser.add_argument("--w2v-epochs", type=int, default=5)
    parser.add_argument("--one", default="", help="(internal) run the named configuration in this process")
    parser.add_argument("--work", type=Path, default=Path("/tmp/speech_neural_work"))
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    overrides = {
        k: float(v) if "." in v or "e-" in v else int(v) for k, v in (kv.split("=") for kv in args.set.split(",") if kv)
    }
    if args.one:
        torch.set_num_threads(2)
        cfg = {**DEFAULTS, **CONFIGS.get(args.one.split("@")[0], {}), **overrides}
        run_config(args.one, cfg, args.data, args.work, device)
        return
    started = time.time()
    args.work.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    vocab = json.loads((args.data / "vocab.json").read_text(encoding="utf-8"))
    stream = np.load(args.data / "pretrain.npz")["stream"].astype(np.int64)
    vectors = train_word_vectors(stream, len(vocab["words"]), DEFAULTS["word_dim"], device, args.w2v_epochs)
    np.save(args.work / "w2v.npy", vectors)
    print(f"word vectors: {time.time() - started:.0f}s", flush=True)
    names = [n for n in args.configs.split(",") if n]
    env = {**os.environ, "OMP_NUM_THREADS": "2"}
    command = [sys.executable, __file__, "--data", str(args.data), "--out", str(args.out), "--work", str(args.work)]
    if args.set:
        command += ["--set", args.set]
    procs = [subprocess.Popen([*command, "--one", n], env=env) for n in names]
    for proc in procs:
        proc.wait()
    results = []
    for n in names:
        path = args.work / f"result_{n}.json"
        if path.exists():
            results.append(json.loads(path.read_text()))
    results.sort(key=lambda r: -r["best"]["mean"])
    (args.out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    predictions = {r["name"]: np.load(args.work / f"pred_{r['name']}.npy") for r in results}
    np.savez_compressed(args.out / "dev_predictions.npz", **predictions)
    for r in results[: args.keep]:
        (args.out / f"model_{r['name']}.pt").write_bytes((args.work / f"model_{r['name']}.pt").read_bytes())
    for r in results:
        print(r["name"], r["best"], r["minutes"], flush=True)
    print(f"total {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
