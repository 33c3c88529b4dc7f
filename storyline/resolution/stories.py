"""Story clusters: which documents tell the same real-world story.

Documents are compared by a TF-IDF-weighted bag of their words and names (names
count ``name_weight`` times: they are shared across languages, the words mostly
are not) and, when both have a date, by time (far apart halves the similarity).
Nothing here knows a language: words are lowercased ``\\w+`` runs, common words
weigh little because IDF makes them so (optional per-language stopwords can be
passed in from the language data).

Clustering is average-link agglomerative with a similarity threshold (tuned on
ECB+ dev), run on a sparse graph: only pairs of documents that share one of their
``top_features`` strongest features are compared, each feature pairing a document
with at most ``max_postings`` others, so the work grows linearly with the number
of documents instead of with its square. Pairs never compared count as
similarity 0 in the average.

Words are compared only within a language, so an English and a German article on
the same story meet through their names alone. Documents that carry a vector from
the multilingual sentence encoder (title and lead, ``storyline.language.encoder``)
add its cosine above ``embedding_floor`` (scaled by ``embedding_weight``) to their
similarity, and a cosine well below it (a different event between the same
people) takes some away. Vectors are also blocked by random-projection LSH: each of
``lsh_bands`` bands of hyperplane signs is one more feature, so two documents with
close vectors are compared even when they share no name. A band has about
log2(documents / ``lsh_bucket``) bits, so buckets stay small as the collection grows
(and a handful of documents all meet).
"""

from __future__ import annotations

import heapq
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

import numpy as np

from storyline.language.registry import default_registry
from storyline.records import Document, Entity, Story

WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class StoryDocument:
    id: str
    text: str
    names: tuple[str, ...] = ()  # names mentioned (one entry per mention, or per entity)
    date: str | None = None  # ISO date, when known
    language: str = ""  # words are compared only between documents of one language; names across all
    stopwords: frozenset[str] = field(default_factory=frozenset)
    vector: np.ndarray | None = field(default=None, compare=False)  # unit-length encoder vector of title and lead


@dataclass(frozen=True)
class StorySettings:
    """Tuned on ECB+ dev topics (see docs/benchmarks.md)."""

    threshold: float = 0.08
    name_weight: float = 2.0
    top_features: int = 40
    max_postings: int = 30
    days_apart: int = 60  # dates further apart than this weaken a link
    far_factor: float = 0.5
    idf_floor: float = 1.0  # added to every IDF: in a one-story folder the shared names are in every document
    embedding_weight: float = 0.25  # how much the encoder cosine above the floor adds
    embedding_floor: float = 0.35  # encoder cosine of documents on unrelated topics stays below this
    lsh_bands: int = 8
    lsh_bucket: int = 8  # about this many documents per bucket: the bits per band grow with log2 of the count


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _features(document: StoryDocument, name_weight: float) -> Counter[str]:
    counts: Counter[str] = Counter(
        f"{document.language}:{word}"
        for word in WORD.findall(_normalise(document.text))
        if not word.isdigit() and word not in document.stopwords
    )
    for name in document.names:
        key = " ".join(WORD.findall(_normalise(name)))
        if key:
            counts[f"name:{key}"] += name_weight
    return counts


def _vectors(documents: Sequence[StoryDocument], settings: StorySettings) -> list[dict[str, float]]:
    counts = [_features(d, settings.name_weight) for d in documents]
    df: Counter[str] = Counter(feature for c in counts for feature in c)
    per_language: Counter[str] = Counter(d.language for d in documents)
    total = len(documents)
    vectors = []
    for document, c in zip(documents, counts, strict=True):
        # a word's IDF is taken among the documents of its language, a name's among all
        size = {False: per_language[document.language], True: total}
        weights = {
            f: (1 + math.log(n)) * (math.log((size[f.startswith("name:")] + 1) / (df[f] + 1)) + settings.idf_floor)
            for f, n in c.items()
            if n > 0
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({f: w / norm for f, w in weights.items() if w > 0})
    return vectors


def _cosine(first: dict[str, float], second: dict[str, float]) -> float:
    return sum(first[f] * second[f] for f in first.keys() & second.keys())  # the set intersection runs in C


def _embedding_terms(
    documents: Sequence[StoryDocument], pairs: Sequence[tuple[int, int]], settings: StorySettings
) -> np.ndarray:
    """The encoder's say per pair: positive above the floor, negative below it; 0 when a document has no vector.

    Computed for all pairs at once (in chunks, to bound memory): a numpy call per pair would cost
    more than the rest of the clustering.
    """
    terms = np.zeros(len(pairs), dtype=np.float32)
    present = [d.vector is not None and bool(d.vector.any()) for d in documents]
    if not pairs or not any(present) or settings.embedding_weight == 0:
        return terms
    matrix = np.zeros((len(documents), len(next(d.vector for d in documents if d.vector is not None))), np.float32)
    for index, document in enumerate(documents):
        if present[index]:
            matrix[index] = document.vector
    index_pairs = np.asarray(pairs, dtype=np.int64)
    both = np.asarray(present)[index_pairs].all(axis=1)
    for first in range(0, len(pairs), 8192):
        chunk = index_pairs[first : first + 8192]
        cosines = np.einsum("ij,ij->i", matrix[chunk[:, 0]], matrix[chunk[:, 1]])
        terms[first : first + 8192] = settings.embedding_weight * (cosines - settings.embedding_floor)
    terms[~both] = 0.0
    return terms


def _days(value: str | None) -> int | None:
    try:
        return date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def _lsh_keys(documents: Sequence[StoryDocument], settings: StorySettings) -> list[list[str]]:
    """Per document, one bucket key per band of random-hyperplane signs of its encoder vector."""
    keys: list[list[str]] = [[] for _ in documents]
    rows = [i for i, d in enumerate(documents) if d.vector is not None and d.vector.any()]
    if not rows or settings.lsh_bands <= 0:
        return keys
    matrix = np.stack([documents[i].vector for i in rows])  # type: ignore[misc]
    width = max(1, min(24, round(math.log2(max(1.0, len(rows) / settings.lsh_bucket)))))
    planes = np.random.default_rng(0).standard_normal((matrix.shape[1], settings.lsh_bands * width))
    signs = (matrix @ planes) > 0
    for row, index in enumerate(rows):
        for band in range(settings.lsh_bands):
            bits = signs[row, band * width : (band + 1) * width]
            keys[index].append(f"lsh:{band}:{np.packbits(bits).tobytes().hex()}")
    return keys


def _candidate_pairs(
    vectors: list[dict[str, float]], settings: StorySettings, extra: list[list[str]] | None = None
) -> set[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for feature in heapq.nlargest(settings.top_features, vector, key=vector.__getitem__):
            postings[feature].append(index)
        for feature in extra[index] if extra else ():
            postings[feature].append(index)
    pairs: set[tuple[int, int]] = set()
    for members in postings.values():
        for position, index in enumerate(members):
            # each document meets the max_postings documents before it in this posting list
            for other in members[max(0, position - settings.max_postings) : position]:
                pairs.add((other, index))
    return pairs


def cluster_stories(documents: Iterable[StoryDocument], settings: StorySettings | None = None) -> list[list[str]]:
    """Documents grouped into stories (lists of document ids, biggest first; every document in one story)."""
    settings = settings or StorySettings()
    documents = list(documents)
    vectors = _vectors(documents, settings)
    days = [_days(d.date) for d in documents]
    links: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> neighbour cluster -> summed similarity
    pairs = sorted(_candidate_pairs(vectors, settings, _lsh_keys(documents, settings)))
    for (a, b), encoder in zip(pairs, _embedding_terms(documents, pairs, settings), strict=True):
        similarity = _cosine(vectors[a], vectors[b]) + encoder
        day_a, day_b = days[a], days[b]
        if day_a is not None and day_b is not None and abs(day_a - day_b) > settings.days_apart:
            similarity *= settings.far_factor
        if similarity > 0:
            links[a][b] = links[b][a] = similarity
    members: dict[int, list[int]] = {index: [index] for index in range(len(documents))}
    heap = [(-s, a, b) for a, row in links.items() for b, s in row.items() if a < b]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if a not in members or b not in members:
            continue
        average = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(average + negative) > 1e-12:
            continue  # a stale entry: the pair's average changed since it was pushed
        if average < settings.threshold:
            break
        members[a].extend(members.pop(b))
        for neighbour, summed in links.pop(b).items():
            del links[neighbour][b]
            if neighbour == a:
                continue
            links[a][neighbour] = links[neighbour][a] = links[a].get(neighbour, 0.0) + summed
        for neighbour, summed in links[a].items():
            heapq.heappush(
                heap, (-summed / (len(members[a]) * len(members[neighbour])), min(a, neighbour), max(a, neighbour))
            )
    stories = [[documents[i].id for i in sorted(group)] for group in members.values()]
    return sorted(stories, key=lambda story: (-len(story), story[0]))


@cache
def stopwords_for(language: str) -> frozenset[str]:
    profile = default_registry().find(language)
    return frozenset(profile.section("stopwords").get("words", [])) if profile else frozenset()


def dossier_stories(
    documents: Sequence[Document],
    entities: Sequence[Entity],
    vectors: Mapping[str, bytes] | None = None,
    settings: StorySettings | None = None,
) -> list[Story]:
    """The story facet of a dossier: its documents grouped into stories, each labelled by its main names.

    Each document's names are the canonical names of the entities mentioned in it,
    so "Britneys" in a German article and "Britney Spears" in an English one count
    as the same name. ``vectors`` are the documents' stored encoder vectors (float16
    bytes, from the store); documents without one are compared by names and words only.
    """
    from storyline.language.encoder import vector_from_bytes

    vectors = vectors or {}
    names: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            names[mention.doc].append(entity.name)
    story_documents = [
        StoryDocument(
            id=d.id,
            text=d.text,
            names=tuple(names[d.id]),
            date=d.published or (d.published_estimate.value if d.published_estimate else None),
            language=d.language,
            stopwords=stopwords_for(d.language),
            vector=vector_from_bytes(vectors[d.id]) if d.id in vectors else None,
        )
        for d in documents
    ]
    stories = []
    for number, members in enumerate(cluster_stories(story_documents, settings), start=1):
        spread: Counter[str] = Counter(name for doc in members for name in set(names[doc]))
        mentions: Counter[str] = Counter(name for doc in members for name in names[doc])
        top = sorted(spread, key=lambda n: (-spread[n], -mentions[n], n))[:3]
        stories.append(Story(id=f"story:{number}", label=", ".join(top) or members[0], documents=members))
    return stories
