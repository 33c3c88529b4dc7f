"""Story clusters with the multilingual encoder: one story told in English and German joins, different events apart.

The articles are original, written for this test (fictional places and people).
"""

from __future__ import annotations

import numpy as np
import pytest

from storyline.language.encoder import document_vector
from storyline.resolution.stories import StoryDocument, cluster_stories, stopwords_for

BRIDGE_EN = (
    "Footbridge over the Velna river collapses during morning rush",
    "A pedestrian bridge over the Velna river collapsed on Tuesday morning in Ostmark.",
    "Four people were injured when the steel span fell into the water.",
    "Engineers had warned about corrosion in the supports last year.",
)
BRIDGE_DE = (
    "Fußgängerbrücke über die Velna im Berufsverkehr eingestürzt",
    "In Ostmark ist am Dienstagmorgen eine Fußgängerbrücke über den Fluss eingestürzt.",
    "Vier Menschen wurden verletzt, als das Stahlteil ins Wasser stürzte.",
    "Ingenieure hatten im vergangenen Jahr vor Rost an den Pfeilern gewarnt.",
)
COACH_EN = (
    "Harbour City sacks head coach after seven straight defeats",
    "The football club Harbour City dismissed its head coach on Sunday.",
    "The team has lost seven league matches in a row and sits last in the table.",
    "An interim coach will lead training until a successor is found.",
)
COACH_DE = (
    "Fußballverein entlässt Cheftrainer nach sieben Niederlagen in Folge",
    "Der Fußballklub hat am Sonntag seinen Cheftrainer entlassen.",
    "Die Mannschaft verlor sieben Ligaspiele hintereinander und ist Tabellenletzter.",
    "Ein Interimstrainer leitet das Training, bis ein Nachfolger gefunden ist.",
)


def _document(doc_id: str, parts: tuple[str, ...], language: str, names: tuple[str, ...] = ()) -> StoryDocument:
    title, *sentences = parts
    return StoryDocument(
        doc_id,
        " ".join(sentences),
        names,
        language=language,
        stopwords=stopwords_for(language),
        vector=document_vector(title, sentences),
    )


@pytest.fixture(scope="module")
def articles() -> dict[str, StoryDocument]:
    return {
        "bridge-en": _document("bridge-en", BRIDGE_EN, "en"),
        "bridge-de": _document("bridge-de", BRIDGE_DE, "de"),
        "coach-en": _document("coach-en", COACH_EN, "en"),
        "coach-de": _document("coach-de", COACH_DE, "de"),
    }


def test_the_same_story_in_english_and_german_joins_without_shared_names(articles: dict[str, StoryDocument]) -> None:
    stories = cluster_stories(articles.values())
    assert sorted(map(sorted, stories)) == [["bridge-de", "bridge-en"], ["coach-de", "coach-en"]]


def test_without_vectors_the_languages_stay_apart(articles: dict[str, StoryDocument]) -> None:
    bare = [StoryDocument(d.id, d.text, d.names, language=d.language, stopwords=d.stopwords) for d in articles.values()]
    assert len(cluster_stories(bare)) == 4  # the words are compared within a language only


def test_a_shared_name_does_not_join_different_events() -> None:
    shared = ("Mara Linden",)  # the same person in both stories: the mayor at the bridge, the club's president
    documents = [
        _document("bridge-en", BRIDGE_EN, "en", (*shared, "Ostmark", "Velna")),
        _document("bridge-de", BRIDGE_DE, "de", (*shared, "Ostmark")),
        _document("coach-en", COACH_EN, "en", (*shared, "Harbour City")),
        _document("coach-de", COACH_DE, "de", shared),
    ]
    stories = cluster_stories(documents)
    assert sorted(map(sorted, stories)) == [["bridge-de", "bridge-en"], ["coach-de", "coach-en"]]


def test_document_vectors_are_unit_length_and_cheap_to_store() -> None:
    from storyline.language.encoder import vector_bytes, vector_from_bytes

    vector = document_vector(BRIDGE_EN[0], BRIDGE_EN[1:])
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-5)
    stored = vector_bytes(vector)
    assert len(stored) == 1024
    assert float(vector_from_bytes(stored) @ vector) > 0.999
    assert not document_vector(None, []).any()


def test_the_build_keeps_each_documents_vector_in_the_store(tmp_path: pytest.TempPathFactory) -> None:
    import storyline
    from storyline.pipeline import STORE_FILE
    from storyline.store import Store, sqlite_url

    folder = tmp_path / "in"  # type: ignore[operator]
    folder.mkdir()
    (folder / "bridge.txt").write_text("\n\n".join(BRIDGE_EN), encoding="utf-8")
    (folder / "bruecke.txt").write_text("\n\n".join(BRIDGE_DE), encoding="utf-8")
    out = tmp_path / "out"  # type: ignore[operator]
    dossier = storyline.build([folder], out=out, jobs=1)
    with Store(sqlite_url(out / STORE_FILE)) as store:
        vectors = store.document_vectors()
    assert set(vectors) == {d.id for d in dossier.documents}
    assert all(len(v) == 1024 for v in vectors.values())
    assert [sorted(s.documents) for s in dossier.stories] == [sorted(vectors)]  # one story, two languages
