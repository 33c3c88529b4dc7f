"""Coreference metrics: MUC, B³, CEAF-e and their mean, the CoNLL F1 (as the reference scorer computes them).

Clusterings are given as ``{mention id: cluster id}``. Key and response may hold
different mentions (predicted mentions): as in the reference scorer (Pradhan et al.
2014), recall is computed over the key's mentions and precision over the
response's, a mention missing from the other side counting as its own singleton
there for MUC's partitions and as a miss for B³ and CEAF-e.

* MUC (Vilain et al. 1995): links. Singletons count for nothing.
* B³ (Bagga & Baldwin 1998): per mention, the overlap of its key and response clusters.
* CEAF-e (Luo 2005): the best one-to-one alignment of key and response clusters,
  similarity φ4 = 2|K∩R| / (|K| + |R|). The alignment is solved exactly (Hungarian
  method) on each connected group of overlapping clusters, which keeps it cheap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass

Clustering = Mapping[Hashable, Hashable]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def clusters_of(assignment: Clustering) -> list[set[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return list(groups.values())


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def _muc_recall(key: list[set[Hashable]], response: Clustering) -> float:
    numerator = denominator = 0
    for cluster in key:
        partitions = {response.get(m, ("missing", m)) for m in cluster}
        numerator += len(cluster) - len(partitions)
        denominator += len(cluster) - 1
    return _ratio(numerator, denominator)


def muc(key: Clustering, response: Clustering) -> Score:
    return Score(_muc_recall(clusters_of(response), key), _muc_recall(clusters_of(key), response))


def _b_cubed_recall(key: list[set[Hashable]], response: Clustering) -> float:
    total = sum(len(cluster) for cluster in key)
    score = 0.0
    for cluster in key:
        overlaps: dict[Hashable, int] = defaultdict(int)
        for mention in cluster:
            if mention in response:
                overlaps[response[mention]] += 1
        score += sum(count * count for count in overlaps.values()) / len(cluster)
    return _ratio(score, total)


def b_cubed(key: Clustering, response: Clustering) -> Score:
    return Score(_b_cubed_recall(clusters_of(response), key), _b_cubed_recall(clusters_of(key), response))


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    key_clusters, response_clusters = clusters_of(key), clusters_of(response)
    similarity = _best_alignment(key_clusters, response_clusters)
    return Score(_ratio(similarity, len(response_clusters)), _ratio(similarity, len(key_clusters)))


def conll_f1(key: Clustering, response: Clustering) -> float:
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def coref_scores(key: Clustering, response: Clustering) -> dict[str, dict[str, float] | float]:
    """All four figures, rounded, as a JSON-ready dict."""
    measured = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceaf_e": ceaf_e(key, response)}
    scores: dict[str, dict[str, float] | float] = {name: score.as_dict() for name, score in measured.items()}
    scores["conll_f1"] = round(sum(score.f1 for score in measured.values()) / 3, 4)
    return scores


def _phi4(first: set[Hashable], second: set[Hashable]) -> float:
    return 2 * len(first & second) / (len(first) + len(second))


def _best_alignment(key: list[set[Hashable]], response: list[set[Hashable]]) -> float:
    """Total φ4 similarity of the best one-to-one alignment of key and response clusters."""
    response_of: dict[Hashable, int] = {m: index for index, cluster in enumerate(response) for m in cluster}
    # Connected components of the bipartite "shares a mention" graph, by union-find over ("k", i) / ("r", j).
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for index, cluster in enumerate(key):
        for mention in cluster:
            if mention in response_of:
                parent[find(("k", index))] = find(("r", response_of[mention]))
    components: dict[tuple[str, int], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, index = node
        components[find(node)][0 if side == "k" else 1].append(index)
    total = 0.0
    for key_indices, response_indices in components.values():
        matrix = [[_phi4(key[k], response[r]) for r in response_indices] for k in key_indices]
        total += _max_assignment(matrix)
    return total


def _max_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one assignment of rows to columns (Hungarian method)."""
    if not weights or not weights[0]:
        return 0.0
    if len(weights) > len(weights[0]):
        weights = [list(column) for column in zip(*weights, strict=True)]
    rows, columns = len(weights), len(weights[0])
    if rows == 1:
        return max(weights[0])
    infinity = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (columns + 1)
    match, way = [0] * (columns + 1), [0] * (columns + 1)
    for row in range(1, rows + 1):
        match[0], column0 = row, 0
        minimum, used = [infinity] * (columns + 1), [False] * (columns + 1)
        while True:
            used[column0] = True
            row0, delta, column1 = match[column0], infinity, 0
            for column in range(1, columns + 1):
                if not used[column]:
                    current = -weights[row0 - 1][column - 1] - u[row0] - v[column]
                    if current < minimum[column]:
                        minimum[column], way[column] = current, column0
                    if minimum[column] < delta:
                        delta, column1 = minimum[column], column
            for column in range(columns + 1):
                if used[column]:
                    u[match[column]] += delta
                    v[column] -= delta
                else:
                    minimum[column] -= delta
            column0 = column1
            if match[column0] == 0:
                break
        while column0:
            column1 = way[column0]
            match[column0] = match[column1]
            column0 = column1
    return sum(weights[match[column] - 1][column - 1] for column in range(1, columns + 1) if match[column])
