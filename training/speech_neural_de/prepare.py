"""Model inputs for the neural German speech tagger, computed on the CPU and shipped to the GPU as arrays.

Writes into ``--out`` (default ``.gpu`` of the main checkout, which the device run carries):

* ``data.npz``: train / dev / fiction documents encoded by
  :func:`neural_tagger.encode` (with the rules' mentions), with the gold label
  of every token (the label of the corpus token it starts in: DIRECT when a gold STWR whose types include
  ``direct`` covers it, else INDIRECT for ``indirect``, as ``training/speech_units_de``);
* ``pretrain.npz``: the word ids of unlabelled German text for the word vectors: the train/dev parts of
  the German datasets in ``../shared/datasets`` (GermEval 2014 dev, Europeana, HIPE-2020 train+dev, LER dev,
  Europarl, CoNLL-2003 testa+dev, UD GSD dev) and the REDEWIEDERGABE samples outside storyline's test part
  (tune non-fiction and fiction); no test file of any data set is read;
* ``vocab.json``: words, characters and unit features.

Split as ``training/speech_units_de``: test = every 5th non-fiction sample (never read); tune index % 5 == 0
is dev, the rest train; the fictional samples are extra training data.

    OMP_NUM_THREADS=1 .venv/bin/python training/speech_neural_de/prepare.py --out /work/main/.gpu
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training" / "speech_units_de"))

import numpy as np  # noqa: E402
from neural_tagger import FLAG_NAMES, Vocab, encode, normal_word  # noqa: E402
from train import LABELS, split_tune, token_labels  # noqa: E402

from storyline.evaluation.datasets import shared_root  # noqa: E402
from storyline.evaluation.redewiedergabe import RwSample, load_fiction, load_redewiedergabe  # noqa: E402
from storyline.extraction.quotes.extractor import extract_rule_quotes  # noqa: E402
from storyline.extraction.quotes.speech_units import prepare, tokenise, unit_words  # noqa: E402

DROPPED_UNIT_FEATURES = ("w=", "s3=", "fw2=", "fw=")  # overfit to the papers of train (training/speech_units_de)
# (file, token column, separator) of the train/dev parts of German data sets: text for the word vectors only
UNLABELLED = (
    ("germeval2014/NER-de-dev.tsv", 1, "\t"),
    ("europeana_ner_de/enp_DE.sbb.bio", 0, " "),
    ("europeana_ner_de/enp_DE.onb.bio", 0, " "),
    ("europeana_ner_de/enp_DE.lft.bio", 0, " "),
    ("hipe2020_de/HIPE-data-v1.4-train-de.tsv", 0, "\t"),
    ("hipe2020_de/HIPE-data-v1.4-dev-de.tsv", 0, "\t"),
    ("ler_de/ler_dev.conll", 0, " "),
    ("europarl_ner_de/ep-96-04-15_pado_annotated.tsv", 0, " "),
    ("conll2003_de/deuutf.testa", 0, " "),
    ("conll2003_de/deuutf.dev", 0, " "),
    ("ud_german_gsd/de_gsd-ud-dev.conllu", 1, "\t"),
)


def dataset_sentences(root: Path) -> list[list[str]]:
    """Token lists (one per sentence) of the unlabelled German text."""
    sentences: list[list[str]] = []
    for name, column, separator in UNLABELLED:
        current: list[str] = []
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("-DOCSTART-"):
                if current:
                    sentences.append(current)
                current = []
                continue
            if line.startswith("#") or line.startswith("TOKEN\t"):
                continue
            cells = line.split(separator)
            if len(cells) <= column:
                continue
            if name.endswith(".conllu") and not cells[0].isdigit():
                continue
            token = cells[column].strip()
            if token:
                current.extend(token for token in _split(token))
        if current:
            sentences.append(current)
    return sentences


def _split(token: str) -> list[str]:
    return [token[s:e] for s, e in tokenise(token)] or [token]


def gold_per_token(sample: RwSample, spans: list[tuple[int, int]]) -> np.ndarray:
    gold = token_labels(sample)
    starts = [start for start, _ in sample.offsets]
    return np.array(
        [LABELS.index(gold[max(bisect.bisect_right(starts, start) - 1, 0)]) for start, _ in spans], dtype=np.int8
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path("/work/main/.gpu"))
    parser.add_argument("--max-words", type=int, default=30000)
    parser.add_argument("--min-word-count", type=int, default=3)
    parser.add_argument("--min-unit-count", type=int, default=5)
    parser.add_argument("--limit", type=int, default=0, help="samples per part (a smoke test)")
    args = parser.parse_args()
    started = time.time()
    known = unit_words("de")
    train, dev = split_tune(load_redewiedergabe("tune"))
    fiction = load_fiction()
    if args.limit:
        train, dev, fiction = train[: args.limit], dev[: args.limit], fiction[: args.limit]
    parts = {"train": train, "dev": dev, "fiction": fiction}
    mentions = {
        name: [[(m.start, m.end, m.kind) for m in extract_rule_quotes(s.text, "de", s.id)] for s in samples]
        for name, samples in parts.items()
    }
    print(f"rules: {time.time() - started:.0f}s", flush=True)

    # vocabularies: words from all unlabelled text; characters and unit features from train + fiction
    unlabelled = dataset_sentences(shared_root() / "datasets")
    rdw_words = [[s.text[a:b] for a, b in tokenise(s.text)] for samples in parts.values() for s in samples]
    word_counts = Counter(normal_word(w) for sentence in [*unlabelled, *rdw_words] for w in sentence)
    words = ["<pad>", "<unk>"] + [w for w, n in word_counts.most_common(args.max_words) if n >= args.min_word_count]
    char_counts = Counter(ch for s in [*train, *fiction] for ch in s.text)
    chars = ["<pad>", "<unk>", *sorted(ch for ch, n in char_counts.items() if n >= 5 and not ch.isspace())]
    unit_counts: Counter[str] = Counter()
    for name in ("train", "fiction"):
        for sample, found in zip(parts[name], mentions[name], strict=True):
            for names in prepare(sample.text, "de", known, found).features:
                unit_counts.update(n for n in names if not n.startswith(DROPPED_UNIT_FEATURES))
    unit_features = ["<none>", *sorted(n for n, c in unit_counts.items() if c >= args.min_unit_count)]
    vocab_data = {"words": words, "chars": chars, "unit_features": unit_features, "flags": list(FLAG_NAMES)}
    vocab = Vocab.from_json(vocab_data)
    print(f"{len(words)} words, {len(chars)} chars, {len(unit_features)} unit features", flush=True)

    arrays: dict[str, np.ndarray] = {}
    for name, samples in parts.items():
        fields: dict[str, list[np.ndarray]] = {k: [] for k in ("words", "chars", "flags", "gold", "token_unit")}
        unit_rows, unit_ids, tokens, units = [], [], [], []
        for sample, found in zip(samples, mentions[name], strict=True):
            encoded = encode(sample.text, "de", known, vocab, found)
            fields["words"].append(encoded.words.astype(np.int32))
            fields["chars"].append(encoded.chars.astype(np.int16))
            fields["flags"].append(encoded.flags.astype(np.uint8))
            fields["gold"].append(gold_per_token(sample, encoded.spans))
            fields["token_unit"].append(encoded.token_unit.astype(np.int32))
            unit_rows.append(encoded.unit_rows.astype(np.int32))
            unit_ids.append(encoded.unit_ids.astype(np.int32))
            tokens.append(len(encoded.spans))
            units.append(encoded.units)
        for key, values in fields.items():
            arrays[f"{name}_{key}"] = np.concatenate(values)
        arrays[f"{name}_unit_rows"] = np.concatenate(unit_rows)
        arrays[f"{name}_unit_ids"] = np.concatenate(unit_ids)
        arrays[f"{name}_tokens"] = np.array(tokens, dtype=np.int64)
        arrays[f"{name}_units"] = np.array(units, dtype=np.int64)
        arrays[f"{name}_pairs"] = np.array([len(r) for r in unit_rows], dtype=np.int64)
        print(f"{name}: {len(samples)} documents, {sum(tokens)} tokens", flush=True)

    stream = [
        vocab.words.get(normal_word(w), 1) for sentence in [*unlabelled, *rdw_words] for w in [*sentence, "<pad>"]
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out / "data.npz", **arrays)
    np.savez_compressed(args.out / "pretrain.npz", stream=np.array(stream, dtype=np.int32))
    (args.out / "vocab.json").write_text(json.dumps(vocab_data, ensure_ascii=False), encoding="utf-8")
    print(f"pretrain stream {len(stream)} tokens; {time.time() - started:.0f}s", flush=True)


if __name__ == "__main__":
    main()
