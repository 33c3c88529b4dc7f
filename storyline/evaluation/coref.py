"""``storyline eval coref --dataset ecbplus``: cross-document entity coreference with gold mentions.

Setting (the common one for ECB+ entity coreference, e.g. Barhom et al. 2019):
gold mentions, validated sentences only, singletons kept, mentions clustered
within each gold topic (or, with ``blocks="stories"``, within the stories that
:func:`storyline.resolution.stories.cluster_stories` predicts). Mention sets:
``human`` (HUMAN_PART_*) and ``all`` (HUMAN_PART_*, NON_HUMAN_PART*, LOC_*, TIME_*;
events, ACTION_* and NEG_ACTION_*, are excluded). The gold mention tags serve as
the mention types (gold mentions come with their tag in this setting).

Heads, lemmas and pronouns come from the English spaCy pipeline of
``storyline/models`` run over each validated sentence.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from storyline.evaluation.coref_metrics import coref_scores
from storyline.evaluation.ecbplus import EcbDocument, EcbMention, is_entity, load_ecbplus
from storyline.resolution.coref import HEAD_LEMMA_BASELINE, CorefMention, CorefSettings, resolve_coreference

SKIPPED_START = {"ADP", "DET", "PUNCT", "CCONJ", "PART"}
SYSTEMS = {"storyline": CorefSettings(), "head-lemma": HEAD_LEMMA_BASELINE}


@cache
def _calendar_names() -> frozenset[str]:
    """Weekday and month names of the English time data (ECB+ is English)."""
    from storyline.language.registry import default_registry

    words = default_registry().find("en").section("time")["words"]
    return frozenset(words["weekday"]) | frozenset(words["month"])


@cache
def _parsed_sentence(tokens: tuple[str, ...]) -> Any:
    from spacy.tokens import Doc

    from storyline.language.nlp import pipeline_for

    nlp = pipeline_for("en")
    return nlp(Doc(nlp.vocab, words=list(tokens)))


def mention_record(
    document: EcbDocument, mention: EcbMention, block: str, story: str = "", same_as: str | None = None
) -> CorefMention:
    """The resolver's view of a gold mention: head lemma, pronoun, proper name."""
    parsed = _parsed_sentence(tuple(document.sentences[mention.sentence]))
    start, end = mention.token_indices[0], mention.token_indices[-1] + 1
    while end - start > 1 and (parsed[start].pos_ in SKIPPED_START or not any(c.isalnum() for c in parsed[start].text)):
        start += 1  # "in Queens", "the 2007", "on Friday": the head is what follows
    span = parsed[start:end]
    root = span.root
    name = _dotted_name(span)
    if name is None and root.pos_ == "PROPN":
        left = right = root.i
        while left - 1 >= span.start and parsed[left - 1].pos_ == "PROPN":
            left -= 1
        while right + 1 < span.end and parsed[right + 1].pos_ == "PROPN":
            right += 1
        name = parsed[left : right + 1].text
    if name is None and root.pos_ == "NOUN":  # "Friday night", "Tuesday morning": the day is the name
        days = [c for c in root.lefts if c.i >= span.start and c.lower_ in _calendar_names()]
        if days:
            name = days[-1].text
    return CorefMention(
        id=mention.id,
        doc=mention.doc,
        type=mention.tag,
        head=name.split()[-1] if name else root.text,
        lemma=root.lemma_,
        order=mention.sentence * 10_000 + mention.token_indices[0],
        pronoun=root.pos_ == "PRON",
        person=int((root.morph.get("Person") or ["3"])[0]),
        name=name,
        block=block,
        story=story,
        same_as=same_as,
        roles=role_words(root) if name else (),
    )


def _dotted_name(span: Any) -> str | None:
    """A name the corpus tokenised at its full stops ("Dr . Regina Benjamin", "U . S . Surgeon General")."""
    words, dotted = [], False
    for token in span:
        if token.text == ".":
            dotted = True
        elif token.text[:1].isupper() and token.text[:1].isalpha():
            words.append(token.text)
        else:
            break
    return " ".join(words) if dotted and len(words) >= 2 else None


def role_words(root: Any) -> tuple[str, ...]:
    """Lemmas of common nouns the sentence gives a name: "coach Mo Cheeks", "Cheeks, the coach", "Cheeks is coach"."""
    found = [child for child in root.children if child.pos_ == "NOUN" and child.dep_ in ("compound", "appos")]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        found.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        found.extend(child for child in root.head.children if child.dep_ == "attr" and child.pos_ == "NOUN")
    return tuple(sorted({token.lemma_.lower() for token in found}))


def _root(document: EcbDocument, mention: EcbMention) -> Any:
    parsed = _parsed_sentence(tuple(document.sentences[mention.sentence]))
    start, end = mention.token_indices[0], mention.token_indices[-1] + 1
    while end - start > 1 and (parsed[start].pos_ in SKIPPED_START or not any(c.isalnum() for c in parsed[start].text)):
        start += 1
    return parsed[start:end].root


def appositions(document: EcbDocument, mentions: list[EcbMention]) -> dict[str, str]:
    """Mention id -> the mention it stands in apposition to ("Tara Reid, the actress"), same sentence and type."""
    by_root = {(m.sentence, _root(document, m).i): m for m in mentions}
    result = {}
    for mention in mentions:
        root = _root(document, mention)
        if root.dep_ == "appos":
            other = by_root.get((mention.sentence, root.head.i))
            if other is not None and other.id != mention.id and other.tag == mention.tag:
                result[mention.id] = other.id
    return result


def evaluate_coref(
    dataset: str = "ecbplus",
    *,
    split: str = "test",
    mention_set: str = "all",
    system: str = "storyline",
    blocks: str = "topics",
    stories: str | None = None,
    settings: CorefSettings | None = None,
    topics: tuple[int, ...] | None = None,
) -> dict[str, Any]:
    """MUC, B³, CEAF-e and CoNLL F1 of the resolver (or the baseline) on one split and mention set."""
    if dataset != "ecbplus":
        raise ValueError(f"unknown coreference dataset {dataset!r}; choose ecbplus")
    if system not in SYSTEMS:
        raise ValueError(f"unknown system {system!r}; choose {', '.join(SYSTEMS)}")
    documents = [d for d in load_ecbplus(split) if topics is None or d.topic in topics]
    block_of = _blocks(documents, blocks)
    story_of = _blocks(documents, stories) if stories else {}
    records, key = [], {}
    for document in documents:
        selected = [m for m in document.mentions if is_entity(m.tag, mention_set)]
        same_as = appositions(document, selected)
        for mention in selected:
            block, story = block_of[document.id], story_of.get(document.id, "")
            records.append(mention_record(document, mention, block, story, same_as.get(mention.id)))
            key[mention.id] = mention.cluster
    response = resolve_coreference(records, settings or SYSTEMS[system])
    return {
        "dataset": dataset,
        "split": split,
        "mentions": f"gold, {mention_set}",
        "blocks": blocks,
        "system": system,
        "documents": len(documents),
        "mention_count": len(key),
        "gold_clusters": len(set(key.values())),
        "predicted_clusters": len(set(response.values())),
        **coref_scores(key, response),
    }


def _blocks(documents: list[EcbDocument], blocks: str) -> dict[str, str]:
    if blocks == "topics":
        return {d.id: str(d.topic) for d in documents}
    if blocks == "subtopics":
        return {d.id: d.subtopic for d in documents}
    if blocks == "none":
        return {d.id: "" for d in documents}
    if blocks == "stories":
        from storyline.evaluation.stories import predicted_stories

        return predicted_stories(documents)
    raise ValueError(f"unknown blocking {blocks!r}; choose topics, stories or none")
