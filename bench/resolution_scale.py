"""Resolution time against collection size: it must grow about linearly (2x the articles, about 2x the time).

Synthetic collection (deterministic): stories of ~10 articles, each story with its own cast of
people (full names, first names, surnames, genitives), places and vocabulary, over a shared
common vocabulary. For each size the benchmark times, on that collection's mentions:

* names: ``group_by_name`` + ``merge_person_variants`` (storyline/resolution);
* coref: ``resolve_coreference`` over the same mentions as typed records (one block: the worst case);
* stories: ``cluster_stories`` over the articles' text, names and encoder vectors (synthetic: a unit
  vector per story plus noise per article, so the LSH blocks and the cosine term are exercised
  without loading the encoder).

Usage: python bench/resolution_scale.py [--sizes 1000 2000 4000] [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from storyline.records import NameMention
from storyline.resolution import group_by_name
from storyline.resolution.coref import CorefMention, resolve_coreference
from storyline.resolution.people import merge_person_variants
from storyline.resolution.stories import StoryDocument, cluster_stories

ARTICLES_PER_STORY = 10
SYLLABLES = ["ka", "lo", "mi", "ren", "sa", "tor", "vi", "del", "an", "bru", "che", "fa", "gil", "ho", "ju", "ne"]


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts))


def synthetic_collection(articles: int, seed: int = 7) -> tuple[list[NameMention], list[StoryDocument]]:
    rng = random.Random(seed)
    vector_rng = np.random.default_rng(seed)
    common = [_word(rng, 2) for _ in range(1500)]
    mentions: list[NameMention] = []
    documents: list[StoryDocument] = []
    for story in range(max(1, articles // ARTICLES_PER_STORY)):
        cast = [(_word(rng, 3).title(), _word(rng, 5).title()) for _ in range(6)]
        places = [_word(rng, 4).title() for _ in range(3)]
        vocabulary = [_word(rng, 5) for _ in range(150)]
        centre = vector_rng.standard_normal(512)
        for number in range(ARTICLES_PER_STORY):
            doc = f"s{story}a{number}"
            if len(documents) >= articles:
                break
            names: list[str] = []
            for first, last in rng.sample(cast, 4):
                names += [f"{first} {last}", first, last, f"{first}s"]
            names += rng.sample(places, 2)
            offset = 0
            for name in names:
                label = "LOC" if name in places else "PER"
                mentions.append(NameMention(doc=doc, start=offset, end=offset + len(name), text=name, label=label))
                offset += len(name) + 50
            words = rng.choices(vocabulary, k=120) + rng.choices(common, k=200)
            vector = centre + 0.65 * vector_rng.standard_normal(512)  # cosine about 0.7 within a story, 0 across
            vector = (vector / np.linalg.norm(vector)).astype(np.float32)
            documents.append(
                StoryDocument(id=doc, text=" ".join(words), names=tuple(names), language="en", vector=vector)
            )
    return mentions, documents


def _coref_records(mentions: list[NameMention]) -> list[CorefMention]:
    """Name mentions (full names carry a role, as in "coach Mo Cheeks"), plus one role noun per document."""
    records = [
        CorefMention(
            id=f"{m.doc}:{m.start}",
            doc=m.doc,
            type=m.label,
            head=m.text.split()[-1],
            order=m.start,
            name=m.text,
            roles=(f"role{len(m.text) % 7}",) if " " in m.text else (),
        )
        for m in mentions
    ]
    for doc in sorted({m.doc for m in mentions}):
        role = f"role{len(doc) % 7}"
        records.append(CorefMention(id=f"{doc}:role", doc=doc, type="PER", head=role, lemma=role, order=10**9))
    return records


def _timed(function: Callable[..., object], *args: object) -> float:
    """Wall time with the cyclic garbage collector paused (as timeit does): its full passes scale with the heap."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        function(*args)
        return time.perf_counter() - start
    finally:
        gc.enable()


def measure(size: int, repeat: int) -> dict[str, float]:
    """Best of ``repeat`` runs per step (the machine is shared: the minimum is the least disturbed run)."""
    mentions, documents = synthetic_collection(size)
    records = _coref_records(mentions)
    return {
        "articles": size,
        "mentions": len(mentions),
        "names_s": min(_timed(lambda: merge_person_variants(group_by_name(mentions))) for _ in range(repeat)),
        "coref_s": min(_timed(resolve_coreference, records) for _ in range(repeat)),
        "stories_s": min(_timed(cluster_stories, documents) for _ in range(repeat)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    rows = [measure(size, args.repeat) for size in args.sizes]
    print(
        f"{'articles':>8} {'mentions':>9} {'names s':>8} {'coref s':>8} {'stories s':>9} {'total s':>8} {'growth':>7}"
    )
    previous = None
    for row in rows:
        total = row["names_s"] + row["coref_s"] + row["stories_s"]
        row["total_s"] = total
        growth = f"{total / previous:.2f}x" if previous else "-"
        print(
            f"{row['articles']:>9} {row['mentions']:>9} {row['names_s']:>9.2f} {row['coref_s']:>9.2f} "
            f"{row['stories_s']:>9.2f} {total:>9.2f} {growth:>9}"
        )
        previous = total
    if args.json:
        args.json.write_text(json.dumps({"results": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
