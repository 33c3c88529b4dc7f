"""Story clustering: documents of one story together, different stories apart, across languages."""

from __future__ import annotations

import pytest

import storyline
from storyline.resolution.stories import StoryDocument, cluster_stories
from tests.conftest import EXAMPLES, SEEDS, need_shared


def test_documents_sharing_names_and_words_form_one_story_across_languages() -> None:
    documents = [
        StoryDocument("en1", "The harbour fire destroyed the old warehouse.", ("Ada Quill",), language="en"),
        StoryDocument("en2", "Investigators say the harbour fire started in the warehouse.", ("Ada Quill",), "en"),
        StoryDocument("de1", "Das Feuer im Hafen zerstörte das Lagerhaus.", ("Ada Quill", "Ada Quill"), language="de"),
        StoryDocument("en3", "The chess final ended in a draw after six hours.", ("Boris Tal",), language="en"),
        StoryDocument("en4", "A draw in the chess final: six hours without a winner.", ("Boris Tal",), "en"),
    ]
    stories = cluster_stories(documents)
    assert sorted(map(sorted, stories)) == [["de1", "en1", "en2"], ["en3", "en4"]]


def test_every_document_is_in_exactly_one_story() -> None:
    documents = [StoryDocument(f"d{i}", f"word{i} other{i}") for i in range(20)]
    stories = cluster_stories(documents)
    assert sorted(doc for story in stories for doc in story) == sorted(d.id for d in documents)


@pytest.fixture(scope="module")
def mixed_dossier(tmp_path_factory: pytest.TempPathFactory) -> storyline.Dossier:
    return storyline.build([need_shared(SEEDS), EXAMPLES], out=tmp_path_factory.mktemp("stories"), jobs=1)


def test_seeds_are_one_story_and_the_example_story_another(mixed_dossier: storyline.Dossier) -> None:
    seeds = {path.stem for path in SEEDS.iterdir()}
    stories = [set(story.documents) for story in mixed_dossier.stories]
    assert len(stories) == 2
    assert seeds in stories
    assert {d.id for d in mixed_dossier.documents} - seeds in stories
    assert all(story.label for story in mixed_dossier.stories)


def test_seeds_alone_are_one_story(tmp_path: object) -> None:
    dossier = storyline.build([need_shared(SEEDS)], out=tmp_path, jobs=1)  # type: ignore[arg-type]
    assert [sorted(s.documents) for s in dossier.stories] == [sorted(d.id for d in dossier.documents)]
    assert "Britney Spears" in dossier.stories[0].label


def test_dates_far_apart_weaken_a_link() -> None:
    from storyline.resolution.stories import StorySettings

    text = "The harbour fire destroyed the old warehouse near the quay."
    near = [StoryDocument("a", text, date="2024-05-01"), StoryDocument("b", text, date="2024-05-03")]
    far = [StoryDocument("a", text, date="2024-05-01"), StoryDocument("b", text, date="2021-01-01")]
    strict = StorySettings(threshold=0.8, far_factor=0.5, idf_floor=1.0)
    assert len(cluster_stories(near, strict)) == 1
    assert len(cluster_stories(far, strict)) == 2
