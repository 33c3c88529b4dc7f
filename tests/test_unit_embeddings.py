"""Pretrained unit embeddings as CRF evidence: dense inputs and cluster features decode as computed by hand,
and only a model that carries an embedding block makes the pipeline run the encoder."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from storyline.extraction.quotes import speech_model
from storyline.extraction.quotes.speech_units import Unit, prepare, unit_words
from storyline.extraction.quotes.unit_crf import MODEL_FILE, UnitCrf
from storyline.extraction.quotes.unit_embeddings import UnitEmbedding, context_vectors, unit_texts

LABELS = ("O", "DIRECT", "INDIRECT")
UNITS = [Unit(0, 1, 0, True), Unit(1, 2, 0, False), Unit(2, 3, 1, True)]


def _crf(embedding: UnitEmbedding | None) -> UnitCrf:
    return UnitCrf(LABELS, np.zeros(3), np.zeros((3, 3)), {"bias": np.array([1.0, 0.0, 0.0])}, embedding=embedding)


def test_context_vectors_average_the_sentence_and_the_neighbours() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    assert context_vectors(vectors, UNITS, "unit") is vectors
    assert context_vectors(vectors, UNITS, "sentence").tolist() == [[0.5, 0.5], [0.5, 0.5], [1.0, 1.0]]
    assert context_vectors(vectors, UNITS, "window").tolist() == [[0.0, 1.0], [1.0, 0.5], [0.0, 1.0]]


def test_dense_inputs_add_their_weighted_sum_to_the_unit_scores() -> None:
    # 2-d "vectors", one component: x = (v - mean) @ projection = v[0] - v[1]; DIRECT gains 3x, INDIRECT -3x.
    embedding = UnitEmbedding(
        "dense", ("unit",), np.zeros(2), np.array([[1.0], [-1.0]]), weights=np.array([[0.0, 3.0, -3.0]])
    )
    vectors = np.array([[1.0, 0.0], [0.5, 0.5], [0.0, 1.0]])
    crf = _crf(embedding)
    # Scores by hand: unit 1 (1, 3, -3) -> DIRECT; unit 2 (1, 0, 0) -> O; unit 3 (1, -3, 3) -> INDIRECT.
    assert crf.emissions([["bias"]] * 3, embedding.inputs(vectors, UNITS)).tolist() == [
        [1.0, 3.0, -3.0],
        [1.0, 0.0, 0.0],
        [1.0, -3.0, 3.0],
    ]
    assert crf.decode([["bias"]] * 3, vectors, UNITS) == ["DIRECT", "O", "INDIRECT"]
    again = UnitCrf.from_json(json.loads(json.dumps(crf.to_json())))
    assert again.needs_vectors and again.decode([["bias"]] * 3, vectors, UNITS) == ["DIRECT", "O", "INDIRECT"]
    with pytest.raises(ValueError):
        crf.decode([["bias"]] * 3)


def test_cluster_features_name_the_nearest_centroid_and_the_neighbours() -> None:
    centroids = np.array([[1.0, 0.0], [0.0, 1.0]])
    embedding = UnitEmbedding("clusters", ("unit", "window"), np.zeros(0), centroids)
    vectors = np.array([[0.9, 0.1], [0.2, 0.8], [0.1, 0.9]])
    assert embedding.cluster_features(vectors) == [["E:0", "N:E:1"], ["E:1", "P:E:0", "N:E:1"], ["E:1", "P:E:1"]]
    crf = UnitCrf(LABELS, np.zeros(3), np.zeros((3, 3)), {"bias": np.array([1.0, 0, 0]), "E:1": np.array([0, 0, 2.0])})
    crf = UnitCrf(crf.labels, crf.start, crf.transitions, crf.weights, embedding=embedding)
    assert crf.decode([["bias"]] * 3, vectors, UNITS) == ["O", "INDIRECT", "INDIRECT"]


def test_a_model_without_embeddings_never_runs_the_encoder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_encoder(*args: object) -> np.ndarray:
        raise AssertionError("the encoder ran for a model without embeddings")

    monkeypatch.setattr(speech_model, "unit_vectors", no_encoder)
    (tmp_path / MODEL_FILE).write_text(json.dumps(_crf(None).to_json()), encoding="utf-8")
    assert speech_model.tag_speech("Er sagte: Wir bleiben hier. Er sei krank.", "de", tmp_path) == []


def test_a_model_with_embeddings_gets_one_vector_per_unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Er sagte: Wir bleiben hier. Er sei krank."
    seen = []

    def fake_vectors(text_in: str, prepared: object) -> np.ndarray:
        seen.append(unit_texts(text_in, prepared))
        return np.tile([1.0, 0.0], (len(prepared.units), 1))

    monkeypatch.setattr(speech_model, "unit_vectors", fake_vectors)
    embedding = UnitEmbedding("dense", ("unit",), np.zeros(2), np.array([[1.0], [0.0]]), np.array([[0.0, 5.0, 0.0]]))
    (tmp_path / MODEL_FILE).write_text(json.dumps(_crf(embedding).to_json()), encoding="utf-8")
    spans = speech_model.tag_speech(text, "de", tmp_path)
    assert seen == [unit_texts(text, prepare(text, "de", unit_words("de")))]
    assert [k for _, _, k in spans] == ["direct"] and spans[0][0] == 0


def test_probe_probabilities_become_binned_features_and_decode() -> None:
    # One 2-d "vector" per unit; the probe scores DIRECT by the first component, INDIRECT by the second.
    probe = np.array([[0.0, 4.0, 0.0], [0.0, 0.0, 4.0]])
    embedding = UnitEmbedding("probe", ("unit", "window"), np.zeros(3), probe)
    vectors = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    # p(DIRECT) of unit 1 = e^4 / (e^4 + 2) = 0.965 -> bin 4; unit 2 is uniform (1/3 -> bin 2).
    assert embedding.sparse_features(vectors) == [
        ["Pr1=4", "Pr2=0", "Pr:top=1", "N:Pr:top=0"],
        ["Pr1=2", "Pr2=2", "Pr:top=0", "P:Pr:top=1", "N:Pr:top=2"],
        ["Pr1=0", "Pr2=4", "Pr:top=2", "P:Pr:top=0"],
    ]
    weights = {"bias": np.array([1.0, 0, 0]), "Pr1=4": np.array([0, 2.0, 0]), "Pr2=4": np.array([0, 0, 2.0])}
    crf = UnitCrf(LABELS, np.zeros(3), np.zeros((3, 3)), weights, embedding=embedding)
    assert UnitCrf.from_json(crf.to_json()).decode([["bias"]] * 3, vectors, UNITS) == ["DIRECT", "O", "INDIRECT"]
