"""The cross-document resolver on hand-made typed mentions, and the ECB+ reader on the real files."""

from __future__ import annotations

from storyline.resolution.coref import HEAD_LEMMA_BASELINE, CorefMention, resolve_coreference
from tests.conftest import DATASETS, need_shared


def _m(id: str, doc: str, head: str, *, type: str = "HUMAN_PART_PER", order: int = 0, **extra) -> CorefMention:
    return CorefMention(id=id, doc=doc, type=type, head=head, order=order, block=extra.pop("block", "t1"), **extra)


def _together(clusters: dict[str, str], *ids: str) -> bool:
    return len({clusters[i] for i in ids}) == 1


def test_same_head_and_type_corefer_across_documents_but_not_across_blocks_or_types() -> None:
    mentions = [
        _m("a", "d1", "Reid", name="Tara Reid"),
        _m("b", "d2", "Reid", name="Reid"),
        _m("c", "d3", "Reid", name="Reid", block="t2"),
        _m("d", "d2", "Reid", type="LOC_GEO"),
    ]
    clusters = resolve_coreference(mentions)
    assert _together(clusters, "a", "b")
    assert clusters["c"] != clusters["a"]
    assert clusters["d"] != clusters["a"]


def test_one_word_name_joins_the_only_longer_name_it_starts_or_ends() -> None:
    mentions = [
        _m("full", "d1", "Lohan", name="Lindsay Lohan"),
        _m("first", "d2", "Lindsay", name="Lindsay"),
        _m("jamie1", "d1", "Spears", name="Jamie Spears"),
        _m("jamie2", "d1", "Lynn", name="Jamie Lynn"),
        _m("jamie", "d3", "Jamie", name="Jamie"),
    ]
    clusters = resolve_coreference(mentions)
    assert _together(clusters, "full", "first")
    assert clusters["jamie"] not in {clusters["jamie1"], clusters["jamie2"]}  # ambiguous: stays apart


def test_pronoun_takes_the_nearest_preceding_mention_of_its_type_in_its_own_document() -> None:
    mentions = [
        _m("name", "d1", "Reid", order=1, name="Tara Reid"),
        _m("place", "d1", "Malibu", type="LOC_GEO", order=2),
        _m("her", "d1", "she", order=3, pronoun=True),
        _m("she2", "d2", "she", order=1, pronoun=True),
        _m("other", "d2", "Cheeks", order=2, name="Maurice Cheeks"),
    ]
    clusters = resolve_coreference(mentions)
    assert _together(clusters, "name", "her")
    assert _together(clusters, "she2", "other")  # at the start of a document: the first one after it
    assert clusters["her"] != clusters["she2"]  # pronouns do not link across documents by themselves


def test_head_lemma_baseline_ignores_types_and_links_pronouns_by_form() -> None:
    mentions = [_m("a", "d1", "it", pronoun=True), _m("b", "d2", "it", type="NON_HUMAN_PART", pronoun=True)]
    assert _together(resolve_coreference(mentions, HEAD_LEMMA_BASELINE), "a", "b")
    assert not _together(resolve_coreference(mentions), "a", "b")


def test_ecbplus_reader_keeps_validated_sentences_and_gold_chains() -> None:
    need_shared(DATASETS / "ecbplus")
    from storyline.evaluation.ecbplus import is_entity, load_ecbplus, validated_sentences

    documents = load_ecbplus("test")
    assert {d.topic for d in documents} == set(range(36, 46))
    keep = validated_sentences()
    for document in documents:
        assert set(document.sentences) <= keep[document.id]
        assert document.subtopic.endswith(("_ecb", "_ecbplus"))
    mentions = [m for d in documents for m in d.mentions if is_entity(m.tag, "all")]
    assert not any(m.tag.startswith(("ACTION", "NEG_ACTION")) for m in mentions)
    chains = {}
    for mention in mentions:
        chains.setdefault(mention.cluster, set()).add(mention.doc)
    assert any(len(docs) > 1 for docs in chains.values())  # cross-document chains exist
    assert all(m.text for m in mentions)
    assert len(load_ecbplus("train")) > len(load_ecbplus("dev")) > 0


def test_apposition_joins_and_speaker_pronouns_stay_alone() -> None:
    mentions = [
        _m("name", "d1", "Reid", order=1, name="Tara Reid"),
        _m("actress", "d1", "actress", order=2, same_as="name"),
        _m("actress2", "d2", "actress", order=1),
        _m("i", "d1", "I", order=3, pronoun=True, person=1),
    ]
    clusters = resolve_coreference(mentions)
    assert _together(clusters, "name", "actress", "actress2")
    assert clusters["i"] != clusters["name"]


def test_role_noun_joins_the_one_name_given_that_role_and_stays_apart_when_two_claim_it() -> None:
    mentions = [
        _m("cheeks", "d1", "Cheeks", name="Maurice Cheeks", roles=("coach",)),
        _m("coach", "d2", "coach", lemma="coach"),
        _m("reid", "d1", "Reid", name="Tara Reid", roles=("actress",), block="t2"),
        _m("lohan", "d2", "Lohan", name="Lindsay Lohan", roles=("actress",), block="t2"),
        _m("actress", "d3", "actress", lemma="actress", block="t2"),
    ]
    clusters = resolve_coreference(mentions)
    assert _together(clusters, "cheeks", "coach")
    assert clusters["actress"] not in {clusters["reid"], clusters["lohan"]}
    assert clusters["reid"] != clusters["lohan"]


def test_ecbplus_mentions_get_names_split_at_full_stops_roles_and_calendar_names() -> None:
    from storyline.evaluation.coref import mention_record
    from storyline.evaluation.ecbplus import EcbDocument, EcbMention

    words = ["Dr", ".", "Regina", "Benjamin", "met", "coach", "Maurice", "Cheeks", "on", "Friday", "night", "."]
    document = EcbDocument(id="1_1ecb", topic=1, subtopic="1_ecb", sentences={0: words})

    def record(indices: list[int], tag: str = "HUMAN_PART_PER") -> CorefMention:
        text = " ".join(words[i] for i in indices)
        mention = EcbMention("m", "1_1ecb", tag, 0, tuple(indices), text, "c")
        return mention_record(document, mention, "t")

    assert record([0, 1, 2, 3]).name == "Dr Regina Benjamin"
    assert record([0, 1, 2, 3]).head == "Benjamin"
    cheeks = record([5, 6, 7])
    assert cheeks.name == "Maurice Cheeks" and cheeks.roles == ("coach",)
    assert record([9, 10], "TIME_DATE").name == "Friday"
