"""The multilingual sentence encoder: same meaning across languages is close, unrelated is not."""

import numpy as np

from storyline.language.encoder import DIMENSIONS, embed, similarity


def test_a_sentence_and_its_translation_are_closer_than_unrelated_sentences() -> None:
    same = similarity("Das Gericht wies die Klage ab.", "The court dismissed the lawsuit.")
    other = similarity("Das Gericht wies die Klage ab.", "She moved to London in the summer.")
    assert same > 0.5 and other < 0.3


def test_rows_are_unit_length_and_empty_texts_are_zero() -> None:
    vectors = embed(["Ein Satz.", "", "A sentence."])
    assert vectors.shape == (3, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors[[0, 2]], axis=1), 1.0, atol=1e-5)
    assert not vectors[1].any()
    assert embed([]).shape == (0, DIMENSIONS)
