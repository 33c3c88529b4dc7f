"""``storyline eval stories --dataset ecbplus``: document clusters against ECB+ topics and sub-topics (B³).

Every document of the split's topics is clustered (all its sentences; the URL
that ``ecbplus`` files carry as sentence 0 is left out: it would give the story
away). Names are runs of capitalised tokens that do not start a sentence, a
cheap language-independent stand-in for the pipeline's names. ECB+ documents
carry no dates, so the time factor is not exercised here. Gold: the topic (43
kinds of event) and the sub-topic (the two real-world events of each topic, which
share most of their vocabulary: the hard negatives). Each document also gets the
multilingual encoder's vector of its first sentences, as the pipeline gives its
title and lead (``encoder=False`` leaves it out, for comparison).
"""

from __future__ import annotations

from typing import Any

from storyline.evaluation.coref_metrics import b_cubed
from storyline.evaluation.ecbplus import EcbDocument, load_ecbplus
from storyline.resolution.stories import StoryDocument, StorySettings, cluster_stories, stopwords_for


def _names(tokens: list[str]) -> list[str]:
    names, run = [], []
    for position, token in enumerate([*tokens, ""]):
        if position > 0 and token[:1].isupper() and any(c.islower() for c in token):
            run.append(token)
            continue
        if run:
            names.append(" ".join(run))
            run = []
    return names


def story_document(document: EcbDocument, encoder: bool = True) -> StoryDocument:
    sentences = [
        tokens for number, tokens in sorted(document.sentences.items()) if number or "ecbplus" not in document.id
    ]
    vector = None
    if encoder:
        from storyline.language.encoder import LEAD_SENTENCES, document_vector

        vector = document_vector(None, [" ".join(tokens) for tokens in sentences[: LEAD_SENTENCES + 1]])
    return StoryDocument(
        id=document.id,
        text="\n".join(" ".join(tokens) for tokens in sentences),
        names=tuple(name for tokens in sentences for name in _names(tokens)),
        language="en",
        stopwords=stopwords_for("en"),
        vector=vector,
    )


def predicted_stories(
    documents: list[EcbDocument], settings: StorySettings | None = None, encoder: bool = True
) -> dict[str, str]:
    """Document id -> story id (the story's first document)."""
    stories = cluster_stories([story_document(d, encoder) for d in documents], settings)
    return {doc: story[0] for story in stories for doc in story}


def evaluate_stories(
    dataset: str = "ecbplus", *, split: str = "test", settings: StorySettings | None = None, encoder: bool = True
) -> dict[str, Any]:
    if dataset != "ecbplus":
        raise ValueError(f"unknown story dataset {dataset!r}; choose ecbplus")
    documents = load_ecbplus(split, validated_only=False)
    response = predicted_stories(documents, settings, encoder)
    topics = {d.id: d.topic for d in documents}
    subtopics = {d.id: d.subtopic for d in documents}
    return {
        "dataset": dataset,
        "split": split,
        "encoder": encoder,
        "documents": len(documents),
        "gold_topics": len(set(topics.values())),
        "gold_subtopics": len(set(subtopics.values())),
        "predicted_stories": len(set(response.values())),
        "topic": {"b3": b_cubed(topics, response).as_dict()},
        "subtopic": {"b3": b_cubed(subtopics, response).as_dict()},
    }
