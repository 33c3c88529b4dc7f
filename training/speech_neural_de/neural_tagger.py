"""A neural speech tagger over tokens (DIRECT / INDIRECT / O), run in plain numpy: no model runtime.

Trained from scratch by ``train.py`` beside this file (on a GPU, in torch) and exported as numpy arrays
(``export.py``); this module holds the one description of its inputs (``prepare.py`` and a numpy run
use the same function, so the two never drift apart) and its numpy forward pass. Not shipped (see the
README here): kept with the training scripts, it needs no torch to run an exported model.

Inputs per token (tokens of :func:`storyline.extraction.quotes.speech_units.tokenise`):

* the lower-cased word (digits as ``0``), embedded (learnt in training, or from pretrained vectors);
* its characters (case kept), through a convolution and max-pooling;
* flags (:data:`FLAG_NAMES`): quotation state, the kind of rule mention covering it (the rules'
  reading), cue verb, reporting word, Konjunktiv I, 1st/2nd person, polite "Sie", clause opener,
  announcing word, function word, case, sentence and unit start;
* the features of the speech unit holding it (:func:`storyline.extraction.quotes.speech_units.prepare`,
  the unit CRF's inputs), summed from an embedding per feature.

Model: two BiLSTM layers, a linear layer to label scores, and a linear-chain CRF decoded by Viterbi.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from storyline.extraction.quotes.lexicon import separable_cue
from storyline.extraction.quotes.speech_units import UnitWords, prepare, unit_words
from storyline.extraction.quotes.token_quotes import quote_state

WEIGHTS_FILE = "weights.npz"
VOCAB_FILE = "vocab.json"
LABELS = ("O", "DIRECT", "INDIRECT")
MAX_WORD_CHARS = 20
CHAR_BLOCK = 1024  # tokens whose character convolution is computed at once (bounds the memory on long texts)
QUOTE_STATES = ("out", "open", "in", "close")
RULE_KINDS = ("direct", "partial", "indirect", "title", "scare")
FLAG_NAMES = (
    *(f"q={s}" for s in QUOTE_STATES),
    *(f"R={k}" for k in RULE_KINDS),
    "cue",
    "rep",
    "sub",
    "deix",
    "addr",
    "opener",
    "announce",
    "function",
    "cap",
    "upper",
    "alnum",
    "digit",
    "sstart",
    "ustart",
)
DIGIT = re.compile(r"\d")


def normal_word(word: str) -> str:
    """The form the word vectors are keyed by."""
    return DIGIT.sub("0", word.lower())


@dataclass(frozen=True)
class Vocab:
    """Words, characters and unit features the model knows; index 0 is padding, 1 unknown (words, chars)."""

    words: dict[str, int]
    chars: dict[str, int]
    unit_features: dict[str, int]

    @classmethod
    def from_json(cls, data: dict) -> Vocab:
        return cls(
            words={w: i for i, w in enumerate(data["words"])},
            chars={c: i for i, c in enumerate(data["chars"])},
            unit_features={f: i for i, f in enumerate(data["unit_features"])},
        )


@dataclass(frozen=True)
class Encoded:
    """A text as model inputs: token spans, word ids, char ids (tokens × MAX_WORD_CHARS), flags, units."""

    spans: list[tuple[int, int]]
    words: np.ndarray  # (T,) int
    chars: np.ndarray  # (T, MAX_WORD_CHARS) int
    flags: np.ndarray  # (T, len(FLAG_NAMES)) float32 0/1
    token_unit: np.ndarray  # (T,) int: the unit of each token
    unit_rows: np.ndarray  # (K,) int: unit of each (unit, feature) pair
    unit_ids: np.ndarray  # (K,) int: feature id of each pair
    units: int


def _reporting(word: str, stems: tuple[str, ...]) -> bool:
    return word.startswith(stems) or (word.startswith("ge") and word[2:].startswith(stems))


def encode(
    text: str, language: str, known: UnitWords, vocab: Vocab, mentions: list[tuple[int, int, str]] | tuple = ()
) -> Encoded:
    """The model inputs of ``text``; ``mentions`` are the rules' ``(start, end, kind)``."""
    prepared = prepare(text, language, known, mentions)
    spans = prepared.spans
    words = [text[s:e] for s, e in spans]
    lower = [w.lower() for w in words]
    count = len(spans)
    quote = quote_state(words)
    rules = [""] * count
    starts = [s for s, _ in spans]
    for start, end, kind in sorted(mentions, key=lambda m: m[1] - m[0], reverse=True):
        for index in range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)):
            rules[index] = kind
    flag = {name: i for i, name in enumerate(FLAG_NAMES)}
    flags = np.zeros((count, len(FLAG_NAMES)), dtype=np.float32)
    token_unit = np.zeros(count, dtype=np.int64)
    unit_starts = set()
    sentence_starts = set()
    for number, unit in enumerate(prepared.units):
        token_unit[unit.first : unit.last] = number
        unit_starts.add(unit.first)
        if unit.start_of_sentence:
            sentence_starts.add(unit.first)
    for i, word in enumerate(words):
        row = flags[i]
        row[flag["q=" + quote[i]]] = 1
        if rules[i] in RULE_KINDS:
            row[flag["R=" + rules[i]]] = 1
        low = lower[i]
        if word[0].isalnum():
            row[flag["alnum"]] = 1
            if low in known.cues or separable_cue(lower, i, known.separable):
                row[flag["cue"]] = 1
            if _reporting(low, known.reporting_stems):
                row[flag["rep"]] = 1
            if low in known.subjunctive:
                row[flag["sub"]] = 1
            if low in known.deixis:
                row[flag["deix"]] = 1
            if word in known.address:
                row[flag["addr"]] = 1
            if low in known.openers:
                row[flag["opener"]] = 1
            if low in known.announcers:
                row[flag["announce"]] = 1
            if low in known.function_words:
                row[flag["function"]] = 1
            if word[0].isupper():
                row[flag["cap"]] = 1
            if len(word) > 1 and word.isupper():
                row[flag["upper"]] = 1
            if word[0].isdigit():
                row[flag["digit"]] = 1
        if i in unit_starts:
            row[flag["ustart"]] = 1
        if i in sentence_starts:
            row[flag["sstart"]] = 1
    word_ids = np.array([vocab.words.get(normal_word(w), 1) for w in words], dtype=np.int64)
    char_ids = np.zeros((count, MAX_WORD_CHARS), dtype=np.int64)
    for i, word in enumerate(words):
        for j, ch in enumerate(word[:MAX_WORD_CHARS]):
            char_ids[i, j] = vocab.chars.get(ch, 1)
    rows, ids = [], []
    for number, names in enumerate(prepared.features):
        for name in names:
            index = vocab.unit_features.get(name)
            if index is not None:
                rows.append(number)
                ids.append(index)
    return Encoded(
        spans=spans,
        words=word_ids,
        chars=char_ids,
        flags=flags,
        token_unit=token_unit,
        unit_rows=np.array(rows, dtype=np.int64),
        unit_ids=np.array(ids, dtype=np.int64),
        units=len(prepared.units),
    )


# --------------------------------------------------------------------------- forward pass


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _lstm_direction(x: np.ndarray, w_ih: np.ndarray, w_hh: np.ndarray, bias: np.ndarray, reverse: bool) -> np.ndarray:
    """One LSTM direction (torch's gate order i, f, g, o) over ``x`` (T × in): the hidden states (T × H)."""
    hidden = w_hh.shape[1]
    gates_in = x @ w_ih.T + bias
    h = np.zeros(hidden, dtype=np.float32)
    c = np.zeros(hidden, dtype=np.float32)
    out = np.zeros((len(x), hidden), dtype=np.float32)
    order = range(len(x) - 1, -1, -1) if reverse else range(len(x))
    w_hh_t = w_hh.T
    for t in order:
        g = gates_in[t] + h @ w_hh_t
        i, f, o = _sigmoid(g[:hidden]), _sigmoid(g[hidden : 2 * hidden]), _sigmoid(g[3 * hidden :])
        cell = np.tanh(g[2 * hidden : 3 * hidden])
        c = f * c + i * cell
        h = o * np.tanh(c)
        out[t] = h
    return out


@dataclass(frozen=True)
class NeuralTagger:
    vocab: Vocab
    params: dict[str, np.ndarray]
    layers: int

    def emissions(self, encoded: Encoded) -> np.ndarray:
        """Label scores per token (T × labels)."""
        p = self.params
        if not len(encoded.words):
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        words = p["word_emb"][encoded.words]
        pooled = np.concatenate(
            [self._char_features(encoded.chars[i : i + CHAR_BLOCK]) for i in range(0, len(encoded.chars), CHAR_BLOCK)]
        )
        unit = np.zeros((encoded.units, p["unit_emb"].shape[1]), dtype=np.float32)
        if len(encoded.unit_ids):
            np.add.at(unit, encoded.unit_rows, p["unit_emb"][encoded.unit_ids])
        x = np.concatenate([words, pooled, encoded.flags, unit[encoded.token_unit]], axis=1).astype(np.float32)
        for layer in range(self.layers):
            forward = _lstm_direction(
                x, p[f"l{layer}_f_w_ih"], p[f"l{layer}_f_w_hh"], p[f"l{layer}_f_b"], reverse=False
            )
            backward = _lstm_direction(
                x, p[f"l{layer}_b_w_ih"], p[f"l{layer}_b_w_hh"], p[f"l{layer}_b_b"], reverse=True
            )
            x = np.concatenate([forward, backward], axis=1)
        return x @ p["out_w"].T + p["out_b"]

    def _char_features(self, char_ids: np.ndarray) -> np.ndarray:
        """Convolution over each word's characters, max-pooled over the characters present, then relu."""
        p = self.params
        chars = p["char_emb"][char_ids]  # (T, C, dc)
        conv_w, conv_b = p["char_conv_w"], p["char_conv_b"]  # (filters, dc, width), (filters,)
        width = conv_w.shape[2]
        pad = width // 2
        padded = np.pad(chars, ((0, 0), (pad, pad), (0, 0)))
        windows = np.stack([padded[:, k : k + chars.shape[1]] for k in range(width)], axis=-1)  # (T, C, dc, width)
        conv = np.einsum("tcdk,fdk->tcf", windows, conv_w) + conv_b
        conv = np.where((char_ids > 0)[:, :, None], conv, -np.inf)
        pooled = conv.max(axis=1)
        return np.maximum(np.where(np.isfinite(pooled), pooled, 0.0), 0.0)

    def decode(self, encoded: Encoded) -> list[str]:
        """The best label sequence (Viterbi over the CRF's start and transition scores)."""
        if not encoded.spans:
            return []
        emissions = self.emissions(encoded)
        start, trans = self.params["crf_start"], self.params["crf_trans"]
        score = start + emissions[0]
        back = np.zeros(emissions.shape, dtype=np.int64)
        for t in range(1, len(emissions)):
            candidates = score[:, None] + trans
            back[t] = candidates.argmax(axis=0)
            score = candidates.max(axis=0) + emissions[t]
        best = [int(score.argmax())]
        for t in range(len(emissions) - 1, 0, -1):
            best.append(int(back[t, best[-1]]))
        return [LABELS[i] for i in best[::-1]]


def load_params(folder: Path) -> tuple[dict[str, np.ndarray], Vocab, dict]:
    with np.load(folder / WEIGHTS_FILE) as data:
        params = {name: data[name].astype(np.float32) for name in data.files}
    meta = json.loads((folder / VOCAB_FILE).read_text(encoding="utf-8"))
    return params, Vocab.from_json(meta), meta


@cache
def load_neural_tagger(folder: Path) -> NeuralTagger:
    params, vocab, meta = load_params(folder)
    return NeuralTagger(vocab, params, int(meta["layers"]))


def token_spans(encoded: Encoded, labels: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the runs of tokens with one label other than ``O``."""
    spans: list[tuple[int, int, str]] = []
    run: list | None = None
    for (start, end), label in zip(encoded.spans, labels, strict=True):
        if run is not None and run[2] == label:
            run[1] = end
            continue
        if run is not None and run[2] != "O":
            spans.append((run[0], run[1], run[2]))
        run = [start, end, label]
    if run is not None and run[2] != "O":
        spans.append((run[0], run[1], run[2]))
    return spans


def neural_spans(
    text: str, language: str, folder: Path, mentions: list[tuple[int, int, str]] | tuple = ()
) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` of the runs the model in ``folder`` tags DIRECT or INDIRECT in ``text``."""
    known = unit_words(language)
    if known is None or not text.strip():
        return []
    tagger = load_neural_tagger(folder)
    encoded = encode(text, language, known, tagger.vocab, mentions)
    return token_spans(encoded, tagger.decode(encoded))
