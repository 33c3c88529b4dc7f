"""Export a trained tagger (``model_<name>.pt`` from ``train.py``) to numpy arrays for storyline, and check it.

Writes ``weights.npz`` (float16), ``vocab.json`` (vocabularies, layers) and ``meta.json`` (training settings) into
``--output``, then runs torch (CPU) and :mod:`neural_tagger` (numpy) on a few sentences written for this
check (no corpus text) with the float16 weights and prints the largest difference of the label scores and
whether the labels agree; ``--fixture`` also writes the torch labels and scores (a test's expected output).

    /tmp/torchcpu/bin/python training/speech_neural_de/export.py --model model_base.pt \
        --vocab /work/main/.gpu/vocab.json --output storyline/models/speech_neural_de
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from neural_tagger import (  # noqa: E402
    VOCAB_FILE,
    WEIGHTS_FILE,
    load_neural_tagger,
)
from neural_tagger import encode as encode_text  # noqa: E402
from train import Tagger  # noqa: E402

from storyline.extraction.quotes.extractor import extract_rule_quotes  # noqa: E402
from storyline.extraction.quotes.speech_units import unit_words  # noqa: E402

# written for this check; not from any corpus
SENTENCES = (
    "Die Ministerin sagte am Montag: „Wir werden die Brücke im Herbst wieder öffnen.“ Danach ging sie.",
    "Der Bürgermeister erklärte, die Stadt habe kein Geld mehr und könne die Schule nicht sanieren.",
    "Er meinte, man solle abwarten. Das Wetter sei zu schlecht, und die Felder stünden unter Wasser.",
    "Im Hafen lagen drei Schiffe. Am Abend kamen die Fischer zurück.",
)


def numpy_params(state: dict[str, torch.Tensor], layers: int, unit_dim: int) -> dict[str, np.ndarray]:
    def get(name: str) -> np.ndarray:
        return state[name].float().numpy()

    params = {
        "word_emb": get("word_emb.weight"),
        "char_emb": get("char_emb.weight"),
        "char_conv_w": get("char_conv.weight"),
        "char_conv_b": get("char_conv.bias"),
        "unit_emb": get("unit_emb.weight")[:, :unit_dim],
        "out_w": get("out.weight"),
        "out_b": get("out.bias"),
        "crf_start": get("crf_start"),
        "crf_trans": get("crf_trans"),
    }
    for layer in range(layers):
        for short, suffix in (("f", ""), ("b", "_reverse")):
            params[f"l{layer}_{short}_w_ih"] = get(f"lstm.weight_ih_l{layer}{suffix}")
            params[f"l{layer}_{short}_w_hh"] = get(f"lstm.weight_hh_l{layer}{suffix}")
            params[f"l{layer}_{short}_b"] = get(f"lstm.bias_ih_l{layer}{suffix}") + get(
                f"lstm.bias_hh_l{layer}{suffix}"
            )
    return {name: value.astype(np.float16) for name, value in params.items()}


def torch_part(encoded) -> SimpleNamespace:
    return SimpleNamespace(
        words=torch.as_tensor(encoded.words),
        chars=torch.as_tensor(encoded.chars),
        flags=torch.as_tensor(encoded.flags),
        token_unit=torch.as_tensor(encoded.token_unit),
        unit_rows=torch.as_tensor(encoded.unit_rows),
        unit_ids=torch.as_tensor(encoded.unit_ids),
        units=encoded.units,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--vocab", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--fixture", type=Path, help="JSON file for the torch labels and label scores")
    parser.add_argument("--meta", default="{}", help="JSON merged into meta.json (training facts)")
    parser.add_argument(
        "--trained-words",
        type=Path,
        help="data.npz: keep only the words seen in train/fiction (the others kept their random start vectors "
        "when the model had no pretrained vectors); the rest read as unknown",
    )
    args = parser.parse_args()
    saved = torch.load(args.model, map_location="cpu")
    cfg, state = saved["cfg"], saved["state"]
    vocab = json.loads(args.vocab.read_text(encoding="utf-8"))
    if args.trained_words:
        with np.load(args.trained_words) as data:
            seen = np.union1d(data["train_words"], data["fiction_words"])
        kept = np.union1d([0, 1], seen)
        vocab["words"] = [vocab["words"][i] for i in kept]
        state = {**state, "word_emb.weight": state["word_emb.weight"][torch.as_tensor(kept)]}
    params = numpy_params(state, cfg["layers"], cfg["unit_dim"])
    args.output.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.output / WEIGHTS_FILE, **params)
    model_vocab = {**vocab, "layers": cfg["layers"], "labels": ["O", "DIRECT", "INDIRECT"]}
    (args.output / VOCAB_FILE).write_text(json.dumps(model_vocab, ensure_ascii=False) + "\n", encoding="utf-8")
    meta = {"name": args.output.name, "kind": "neural-tagger", "config": cfg, **json.loads(args.meta)}
    (args.output / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")

    # torch with the float16-rounded weights, against numpy
    model = Tagger(len(vocab["words"]), len(vocab["chars"]), len(vocab["unit_features"]), len(vocab["flags"]), cfg)
    model.load_state_dict({k: v.float() for k, v in state.items()})
    model.eval()
    load_neural_tagger.cache_clear()
    tagger = load_neural_tagger(args.output)
    known = unit_words("de")
    cases = []
    for sentence in SENTENCES:
        mentions = [(m.start, m.end, m.kind) for m in extract_rule_quotes(sentence, "de", "fixture")]
        encoded = encode_text(sentence, "de", known, tagger.vocab, mentions)
        part = torch_part(encoded)
        index = torch.arange(len(encoded.spans))[None]
        mask = torch.ones_like(index, dtype=torch.bool)
        with torch.no_grad():
            emis = model.emissions(part, index, mask, model.unit_vectors(part))
            labels = model.viterbi(emis, mask)[0].tolist()
        mine = tagger.emissions(encoded)
        diff = float(np.abs(mine - emis[0].numpy()).max())
        numpy_labels = tagger.decode(encoded)
        torch_labels = [tagger_label for tagger_label in (["O", "DIRECT", "INDIRECT"][i] for i in labels)]
        print(f"max |numpy - torch| = {diff:.2e}; labels equal: {numpy_labels == torch_labels}; {numpy_labels}")
        cases.append({"text": sentence, "labels": torch_labels, "emissions": np.round(emis[0].numpy(), 4).tolist()})
    if args.fixture:
        args.fixture.parent.mkdir(parents=True, exist_ok=True)
        args.fixture.write_text(json.dumps({"model": args.output.name, "cases": cases}, ensure_ascii=False) + "\n")
    size = sum(p.stat().st_size for p in args.output.iterdir())
    print(f"{args.output}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
