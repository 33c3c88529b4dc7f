"""Coreference metrics against the worked example of Pradhan et al. (2014, ACL), "Scoring coreference partitions
of predicted mentions: a reference implementation": key {a,b,c} {d,e,f,g}, response {a,b} {c,d} {f,g,h,i}."""

from __future__ import annotations

import random

import pytest

from storyline.evaluation.coref_metrics import _max_assignment, b_cubed, ceaf_e, conll_f1, coref_scores, muc


def _assign(*clusters: str) -> dict[str, int]:
    return {mention: index for index, cluster in enumerate(clusters) for mention in cluster}


KEY = _assign("abc", "defg")
RESPONSE = _assign("ab", "cd", "fghi")


def test_muc_of_the_reference_example() -> None:
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.4)
    assert score.precision == pytest.approx(0.4)


def test_b_cubed_of_the_reference_example() -> None:
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx((5 / 3 + 5 / 4) / 7)  # 0.42 in the paper
    assert score.precision == pytest.approx(4 / 8)  # 0.50


def test_ceaf_e_of_the_reference_example() -> None:
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(1.3 / 2)  # 0.65: {a,b,c}~{a,b} 0.8, {d,e,f,g}~{f,g,h,i} 0.5
    assert score.precision == pytest.approx(1.3 / 3)  # 0.43


def test_identical_clusterings_score_one_and_singletons_count_for_b_cubed_and_ceaf_only() -> None:
    key = _assign("abc", "d", "e")
    assert conll_f1(key, key) == pytest.approx(1.0)
    all_singletons = _assign("a", "b", "c", "d", "e")
    assert muc(key, all_singletons).recall == 0.0
    assert b_cubed(key, all_singletons).precision == 1.0
    assert b_cubed(key, all_singletons).recall == pytest.approx((3 * (1 / 3) + 2) / 5)
    assert ceaf_e(key, all_singletons).precision == pytest.approx((0.5 + 1 + 1) / 5)


def test_one_big_cluster_has_full_muc_recall_but_low_precision() -> None:
    key = _assign("ab", "cd", "ef")
    one = _assign("abcdef")
    assert muc(key, one).recall == 1.0
    assert muc(key, one).precision == pytest.approx(3 / 5)
    assert b_cubed(key, one).precision == pytest.approx(1 / 3)


def test_assignment_is_optimal_against_brute_force() -> None:
    from itertools import permutations

    rng = random.Random(3)
    for _ in range(30):
        rows, columns = rng.randint(1, 5), rng.randint(1, 5)
        weights = [[rng.choice([0.0, rng.random()]) for _ in range(columns)] for _ in range(rows)]
        small, large = (weights, columns) if rows <= columns else ([list(c) for c in zip(*weights, strict=True)], rows)
        orders = permutations(range(large), len(small))
        best = max(sum(row[p] for row, p in zip(small, order, strict=True)) for order in orders)
        assert _max_assignment(weights) == pytest.approx(best)


def test_scores_dict_has_the_conll_mean() -> None:
    scores = coref_scores(KEY, RESPONSE)
    assert scores["conll_f1"] == pytest.approx((0.4 + 2 * 0.5 * (35 / 84) / (0.5 + 35 / 84) + 0.52) / 3, abs=1e-4)
