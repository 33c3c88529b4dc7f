"""Language-layer speed: words/s and articles/s per language, on 1 and 2 processes.

Articles are the documents of CoNLL-03 test sets (EN test, DE testb) as plain text; each runs
through the language's pipeline exactly as ``storyline build`` does (``find_names``).

    .venv/bin/python bench/ner_speed.py [--articles 200] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from storyline.evaluation.datasets import load_ner_dataset
from storyline.language.names import find_names
from storyline.language.nlp import has_trained_model
from storyline.records import Document, plain_document

DATASETS = {"en": "conll03-en", "de": "conll03-de"}


def _articles(language: str, count: int) -> list[Document]:
    documents = load_ner_dataset(DATASETS[language])[:count]
    return [plain_document(d.id, "\n\n".join(" ".join(s.tokens) for s in d.sentences), language) for d in documents]


def _names(document: Document) -> int:
    return len(find_names(document))


def measure(language: str, count: int, processes: int) -> dict[str, float]:
    articles = _articles(language, count)
    words = sum(len(a.text.split()) for a in articles)
    _names(articles[0])  # load the model before timing
    started = time.perf_counter()
    if processes == 1:
        found = sum(_names(a) for a in articles)
    else:
        with ProcessPoolExecutor(processes) as pool:
            found = sum(pool.map(_names, articles, chunksize=4))
    seconds = time.perf_counter() - started
    return {
        "language": language,
        "trained_model": has_trained_model(language),
        "processes": processes,
        "articles": len(articles),
        "words": words,
        "names": found,
        "seconds": round(seconds, 2),
        "words_per_second": round(words / seconds),
        "articles_per_second": round(len(articles) / seconds, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=150)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = [measure(language, args.articles, processes) for language in DATASETS for processes in (1, 2)]
    print(f"{'lang':4} {'proc':>4} {'articles':>8} {'words':>7} {'s':>7} {'words/s':>8} {'articles/s':>10}")
    for row in rows:
        print(
            f"{row['language']:4} {row['processes']:>4} {row['articles']:>8} {row['words']:>7} {row['seconds']:>7} "
            f"{row['words_per_second']:>8} {row['articles_per_second']:>10}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
