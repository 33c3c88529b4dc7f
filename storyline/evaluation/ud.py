"""Universal Dependencies treebanks: a CoNLL-U reader and a tagger/parser evaluation.

The reader merges multi-word tokens ("zum" = "zu" + "dem") back into the surface word, because
spaCy's tokenizer keeps them whole: the merged token takes the first part's annotation (for
"zum" the preposition, STTS tag APPRART) and heads pointing into the range point at it.

Splits of UD German GSD (only dev and test are in ../shared): the dev file's first sentences
train the parser (``train``), its last :data:`HELD_OUT` sentences select the model (``dev``),
and the test file is reported (``test``).

Scores (on gold tokens, every token counted, punctuation included, full labels with subtypes):
UPOS, XPOS and morph accuracy (the whole FEATS string must match), UAS and LAS.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.evaluation.datasets import shared_root

HELD_OUT = 150
UD_DATASETS = {"ud-de": ("de", "ud_german_gsd", "de_gsd-ud-dev.conllu", "de_gsd-ud-test.conllu")}


@dataclass(frozen=True)
class UDSentence:
    """One sentence on surface tokens; ``heads`` are 0-based token indices (the root points at itself)."""

    id: str
    words: list[str]
    spaces: list[bool]
    lemmas: list[str]
    upos: list[str]
    xpos: list[str]
    feats: list[str]
    heads: list[int]
    deps: list[str]


def _merge_range(rows: list[list[str]], form: str, no_space: bool) -> list[str]:
    first = list(rows[0])
    first[1] = form
    if first[3] == "ADP" and first[4] == "APPR":
        first[4] = "APPRART"
    first[9] = "SpaceAfter=No" if no_space else "_"
    return first


def _sentence(sent_id: str, lines: list[str]) -> UDSentence:
    """Surface tokens of one CoNLL-U sentence, with multi-word tokens merged."""
    rows = [line.split("\t") for line in lines]
    surface: list[list[str]] = []
    word_to_surface: dict[str, int] = {}
    i = 0
    while i < len(rows):
        row = rows[i]
        if "." in row[0]:
            i += 1
            continue
        if "-" in row[0]:
            start, end = (int(x) for x in row[0].split("-"))
            parts = [r for r in rows[i + 1 : i + 2 + end - start]]
            for part in parts:
                word_to_surface[part[0]] = len(surface)
            surface.append(_merge_range(parts, row[1], "SpaceAfter=No" in row[9]))
            i += 1 + len(parts)
            continue
        word_to_surface[row[0]] = len(surface)
        surface.append(row)
        i += 1
    # a merged token whose first part's head lay inside its own range ends up pointing at itself
    heads = [index if row[6] == "0" else word_to_surface.get(row[6], index) for index, row in enumerate(surface)]
    return UDSentence(
        id=sent_id,
        words=[r[1] for r in surface],
        spaces=["SpaceAfter=No" not in r[9] for r in surface],
        lemmas=[r[2] for r in surface],
        upos=[r[3] for r in surface],
        xpos=[r[4] for r in surface],
        feats=["" if r[5] == "_" else r[5] for r in surface],
        heads=heads,
        deps=[r[7] for r in surface],
    )


def read_conllu(path: Path) -> list[UDSentence]:
    sentences: list[UDSentence] = []
    lines: list[str] = []
    sent_id = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# sent_id"):
            sent_id = raw.split("=", 1)[1].strip()
        elif raw.startswith("#"):
            continue
        elif raw.strip():
            lines.append(raw)
        elif lines:
            sentences.append(_sentence(sent_id, lines))
            lines = []
    if lines:
        sentences.append(_sentence(sent_id, lines))
    return sentences


def ud_split(dataset: str, split: str) -> list[UDSentence]:
    """``train``/``dev`` (the dev file without / with only its last HELD_OUT sentences) or ``test``."""
    if dataset not in UD_DATASETS:
        raise ValueError(f"unknown UD dataset {dataset!r} (known: {', '.join(UD_DATASETS)})")
    _, folder, dev_file, test_file = UD_DATASETS[dataset]
    base = shared_root() / "datasets" / folder
    if split == "test":
        return read_conllu(base / test_file)
    sentences = read_conllu(base / dev_file)
    if split == "train":
        return sentences[:-HELD_OUT]
    if split == "dev":
        return sentences[-HELD_OUT:]
    raise ValueError(f"unknown split {split!r} (train, dev or test)")


def _normal_feats(feats: str) -> str:
    return "|".join(sorted(f for f in feats.split("|") if f))


def score_parses(gold: Iterable[UDSentence], predicted: Iterable[Any]) -> dict[str, Any]:
    """Accuracies of spaCy Docs (on the gold words) against the gold sentences."""
    counts = dict.fromkeys(("upos", "xpos", "morph", "uas", "las"), 0)
    tokens = 0
    sub = dict.fromkeys(("tp", "fp", "fn"), 0)  # Mood=Sub (Konjunktiv), the feature reported speech rests on
    for sentence, doc in zip(gold, predicted, strict=True):
        for i, token in enumerate(doc):
            tokens += 1
            counts["upos"] += token.pos_ == sentence.upos[i]
            counts["xpos"] += token.tag_ == sentence.xpos[i]
            counts["morph"] += _normal_feats(str(token.morph)) == _normal_feats(sentence.feats[i])
            gold_sub, found_sub = "Mood=Sub" in sentence.feats[i], "Sub" in token.morph.get("Mood")
            sub["tp"] += gold_sub and found_sub
            sub["fp"] += found_sub and not gold_sub
            sub["fn"] += gold_sub and not found_sub
            head_ok = token.head.i == sentence.heads[i]
            counts["uas"] += head_ok
            label = "root" if token.dep_ == "ROOT" else token.dep_
            counts["las"] += head_ok and label == sentence.deps[i]
    precision = sub["tp"] / (sub["tp"] + sub["fp"]) if sub["tp"] + sub["fp"] else 0.0
    recall = sub["tp"] / (sub["tp"] + sub["fn"]) if sub["tp"] + sub["fn"] else 0.0
    mood_sub = {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "gold": sub["tp"] + sub["fn"],
    }
    scores = {k: round(v / tokens, 4) if tokens else 0.0 for k, v in counts.items()}
    return {"tokens": tokens, **scores, "mood_sub": mood_sub}


def evaluate_parse(dataset: str, split: str = "test", limit: int | None = None) -> dict[str, Any]:
    """Tag and parse the gold words of a UD split with the language's pipeline and score it."""
    from spacy.tokens import Doc

    from storyline.language.nlp import pipeline_for

    language = UD_DATASETS[dataset][0] if dataset in UD_DATASETS else ""
    sentences = ud_split(dataset, split)[:limit]
    nlp = pipeline_for(language)
    missing = {"parser", "morphologizer"} - set(nlp.pipe_names)
    if missing:
        raise ValueError(f"the {language} pipeline has no {', '.join(sorted(missing))}")
    docs = [Doc(nlp.vocab, words=s.words, spaces=s.spaces) for s in sentences]
    parsed = list(nlp.pipe(docs, disable=[n for n in nlp.pipe_names if n == "ner"]))
    return {"dataset": dataset, "split": split, "sentences": len(sentences), **score_parses(sentences, parsed)}
