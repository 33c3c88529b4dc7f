"""``storyline eval utterances --dataset examples``: quotes of the same utterance across articles and languages.

Scored on the example story (a development set: the threshold was tuned on it; no public gold
exists for repeated quotes across news articles in several languages). ``examples/utterances.gold.json``
lists, from the answer key, the renderings of each utterance said once and reported in several
articles: a short piece of the words and the document.

Links are counted between documents: a dossier quote stands for the gold renderings of its
document whose words it holds (or for itself when it holds none). Every pair of quotes in
different documents that share an ``utterance`` id gives the gold pairs among what they stand
for (a quote that fused two reported sentences is not blamed for the other), or one wrong pair
when none is gold; the gold pairs are the renderings of one utterance in different documents.
Precision, recall and F1 of those pairs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from itertools import combinations
from typing import Any

from storyline.evaluation.examples import built_example, example_folder
from storyline.records import Dossier

WORD = re.compile(r"\w+")


def _words(text: str) -> str:
    return " ".join(WORD.findall(unicodedata.normalize("NFKC", text).replace("’", "'").casefold()))


def evaluate_utterances(dataset: str = "examples", *, dossier: Dossier | None = None) -> dict[str, Any]:
    """Build the example story (unless ``dossier`` is given) and score the ``utterance`` links."""
    folder = example_folder(dataset)
    dossier = dossier or built_example(dataset)
    gold = json.loads((folder / "utterances.gold.json").read_text(encoding="utf-8"))["utterances"]
    return {
        "dataset": dataset,
        "note": "development set: the threshold was tuned on this story; no gold exists for repeated quotes in news",
        **score_utterances(dossier, gold),
    }


def score_utterances(dossier: Dossier, gold: list[dict[str, Any]]) -> dict[str, Any]:
    renderings = [(r["doc"], _words(r["text"]), u["id"]) for u in gold for r in u["renderings"]]
    gold_pairs = {
        frozenset((a, b))
        for a, b in combinations(range(len(renderings)), 2)
        if renderings[a][2] == renderings[b][2] and renderings[a][0] != renderings[b][0]
    }

    def stands_for(quote_index: int) -> set[object]:
        quote = dossier.quotes[quote_index]
        words = _words(quote.text)
        held = {i for i, (doc, text, _) in enumerate(renderings) if doc == quote.doc and text and text in words}
        return held or {("quote", quote.id)}

    groups: dict[str, list[int]] = defaultdict(list)
    for index, quote in enumerate(dossier.quotes):
        if quote.utterance:
            groups[quote.utterance].append(index)
    predicted: set[frozenset[object]] = set()
    for members in groups.values():
        for a, b in combinations(members, 2):
            if dossier.quotes[a].doc == dossier.quotes[b].doc:
                continue
            first, second = stands_for(a), stands_for(b)
            right = {frozenset((x, y)) for x in first for y in second} & gold_pairs
            predicted |= right or {frozenset((frozenset(first), frozenset(second)))}
    correct = len(predicted & gold_pairs)
    precision = correct / len(predicted) if predicted else 0.0
    recall = correct / len(gold_pairs) if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold_links": len(gold_pairs),
        "predicted_links": len(predicted),
        "correct": correct,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "utterances_shared": len(groups),
        "quotes_in_shared_utterances": sum(len(m) for m in groups.values()),
    }
