"""Quote-extraction evaluation: matching and scoring on hand-made cases, readers on ../shared."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from storyline.evaluation.polnear import is_speech_cue, quote_kind, read_ann
from storyline.evaluation.quotes import (
    KINDS,
    POLNEAR_POPULATIONS,
    Counts,
    PredictedAttribution,
    TokenIndex,
    _PolnearRow,
    evaluate_quotes,
    exact_match,
    format_quote_scores,
    group_mentions,
    match_one_to_one,
    polnear_oracle,
    quote_marks_baseline,
    redewiedergabe_oracle,
    score_matching,
    score_polnear_document,
    score_tokens,
)
from storyline.evaluation.redewiedergabe import detokenise, fiction_files, split_files
from storyline.records import QuoteMention
from tests.conftest import DATASETS, need_shared


def s(*ids: int) -> frozenset[int]:
    return frozenset(ids)


# --------------------------------------------------------------------------- matching


def test_exact_needs_same_tokens_or_same_extent() -> None:
    assert exact_match(s(1, 2, 3), s(1, 2, 3))
    assert exact_match(s(1, 2, 5), s(1, 2, 3, 4, 5))  # discontinuous gold, contiguous prediction
    assert not exact_match(s(1, 2, 3), s(1, 2))
    assert not exact_match(s(), s())


def test_exact_versus_overlap() -> None:
    gold, predicted = [s(1, 2, 3)], [s(2, 3, 4)]
    assert score_matching(gold, predicted, "exact").as_dict()["tp"] == 0
    overlap = score_matching(gold, predicted, "overlap")
    assert (overlap.tp, overlap.fp, overlap.fn) == (1, 0, 0)


def test_overlap_matching_is_one_to_one() -> None:
    # One long prediction over two gold quotes: one TP, one FN.
    counts = score_matching([s(1, 2), s(4, 5)], [s(1, 2, 3, 4, 5)], "overlap")
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 1)
    # Two predictions inside one gold quote: one TP, one FP.
    counts = score_matching([s(1, 2, 3, 4, 5)], [s(1, 2), s(4, 5)], "overlap")
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 0)


def test_matching_finds_the_maximum() -> None:
    # Greedy would give prediction 0 to gold 0 (bigger overlap) and leave gold 1 unmatched.
    gold = [s(1, 2, 3), s(3, 9)]
    predicted = [s(1, 2, 3), s(1)]
    assert len(match_one_to_one(gold, predicted, "overlap")) == 2
    gold = [s(1, 2), s(3)]
    predicted = [s(2, 3), s(1)]
    assert sorted(match_one_to_one(gold, predicted, "overlap")) == [(0, 1), (1, 0)]


def test_empty_predictions_and_empty_gold() -> None:
    counts = score_matching([s(1)], [], "overlap")
    assert (counts.tp, counts.fp, counts.fn, counts.precision, counts.recall, counts.f1) == (0, 0, 1, 0.0, 0.0, 0.0)
    counts = score_matching([], [s(1)], "exact")
    assert (counts.fp, counts.recall) == (1, 0.0)
    assert score_tokens([], []).as_dict()["f1"] == 0.0


def test_token_scores_use_unions() -> None:
    counts = score_tokens([s(1, 2, 3, 4)], [s(3, 4, 5), s(4)])
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 2)
    assert Counts(tp=2, fp=1, fn=2).as_dict()["precision"] == pytest.approx(0.6667)


def test_token_index_ignores_punctuation_and_quote_marks() -> None:
    text = "“Yes, we can,” she said."
    index = TokenIndex.words(text)
    assert index.tokens([(0, 14)]) == index.tokens([(1, 12)]) == s(0, 1, 2)
    assert index.tokens([(15, 18)]) == s(3)
    assert index.tokens([(13, 15)]) == s()


def test_group_mentions_by_cue_and_ignores_titles() -> None:
    def m(start: int, end: int, kind: str, cue: tuple[int, int] | None = None) -> QuoteMention:
        cue_start, cue_end = cue or (None, None)
        return QuoteMention(doc="d", start=start, end=end, text="x", kind=kind, cue_start=cue_start, cue_end=cue_end)

    ignored: Counter[str] = Counter()
    grouped = group_mentions(
        [m(0, 5, "direct", (6, 10)), m(12, 20, "partial", (6, 10)), m(30, 40, "title"), m(50, 60, "direct")], ignored
    )
    assert [(g.content, g.kind, g.cue) for g in grouped] == [
        ([(0, 5), (12, 20)], "direct", (6, 10)),
        ([(50, 60)], "direct", None),
    ]
    assert ignored == {"title": 1}


# --------------------------------------------------------------------------- PolNeAR scoring on a tiny document


class _Doc:
    def __init__(self, text: str, attributions: list) -> None:
        self.text = text
        self.attributions = attributions


TEXT = "“We will win,” Smith said. Jones believes the polls are wrong. Brown told reporters taxes would rise."


def _gold(tmp_path: Path) -> list:
    def span(fragment: str) -> str:
        start = TEXT.index(fragment)
        return f"{start} {start + len(fragment)}"

    ann = tmp_path / "doc_abcd.ann"
    ann.write_text(
        f"T1\tContent {span('“We will win,”')}\t“We will win,”\n"
        f"T2\tSource {span('Smith')}\tSmith\n"
        f"T3\tCue {span('said')}\tsaid\n"
        f"T4\tAttribution {span('said')}\tsaid\n"
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n"
        f"T5\tSource {span('Jones')}\tJones\n"
        f"T6\tCue {span('believes')}\tbelieves\n"
        f"T7\tContent {span('the polls are wrong')}\tthe polls are wrong\n"
        "E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5\n"
        f"T8\tSource {span('Brown')}\tBrown\n"
        f"T9\tCue {span('told')}\ttold\n"
        f"T10\tContent {span('taxes would rise')}\ttaxes would rise\n"
        "E3\tAttribution:T9 Content:T10 Cue:T9 Source:T8\n"
        "#1\tAnnotatorNotes T1\ta note\nthat runs on\n",
        encoding="utf-8",
    )
    return read_ann(ann, TEXT)


def _rows() -> dict:
    return {(p, k): _PolnearRow() for p in POLNEAR_POPULATIONS for k in KINDS}


def test_read_ann_kinds_and_speech(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    assert [(a.kind, a.speech, a.cue_text, a.source_text) for a in gold] == [
        ("direct", True, "said", "Smith"),
        ("indirect", False, "believes", "Jones"),
        ("indirect", True, "told", "Brown"),
    ]


def test_polnear_document_scores(tmp_path: Path) -> None:
    document = _Doc(TEXT, _gold(tmp_path))
    at = TEXT.index
    predicted = [
        PredictedAttribution([(1, 12)], "direct", (at("said"), at("said") + 4), (at("Smith"), at("Smith") + 5)),
        PredictedAttribution([(at("the polls"), at("wrong") + 5)], "indirect", None, None),  # a belief
        PredictedAttribution([(at("taxes"), at("would") + 5)], "indirect", (at("told"), at("told") + 4), (0, 3)),
    ]
    rows = _rows()
    score_polnear_document(document, predicted, rows)
    everything = rows[("all", "all")]
    assert (everything.content_exact.tp, everything.content_overlap.tp) == (2, 3)
    assert (everything.cue_exact.tp, everything.cue_exact.fp, everything.cue_exact.fn) == (2, 0, 1)
    # Sources: Smith right; Brown's attribution predicted the source "We" (wrong); Jones's has none.
    assert (everything.source_exact.tp, everything.source_exact.fp, everything.source_exact.fn) == (1, 1, 2)
    speech = rows[("speech", "all")]
    # The belief prediction is matched to non-speech gold: left out of the speech rows, not a FP.
    assert (speech.content_overlap.tp, speech.content_overlap.fp, speech.content_overlap.fn) == (2, 0, 0)
    direct = rows[("all", "direct")]
    assert (direct.content_overlap.tp, direct.content_overlap.fp, direct.content_overlap.fn) == (1, 0, 0)


def test_quote_kind_and_speech_cues() -> None:
    text = 'He called it “a disaster” and said "we lose". ‘Fine,’ she said.'
    assert quote_kind(text, ((0, len("He called it “a disaster”")),)) == "partial"
    start = text.index('"we')
    assert quote_kind(text, ((start, start + len('"we lose"')),)) == "direct"
    assert quote_kind(text, ((0, 9),)) == "indirect"
    start = text.index("‘")
    assert quote_kind(text, ((start, start + 7),)) == "direct"
    assert is_speech_cue("according to")


def test_two_apostrophes_are_a_double_quotation_mark() -> None:
    text = "''We are in a bubble,'' he said, and the rates ''will hurt.'' ''Fine,'' I said."
    first = text.index(",''") + 3
    assert quote_kind(text, ((0, first),)) == "direct"
    assert quote_kind(text, ((1, first),)) == "direct"  # a span may start between the two apostrophes
    start = text.index("the rates")
    assert quote_kind(text, ((start, text.index("''", start + 12) + 2),)) == "partial"
    assert quote_kind(text, ((start, start + 9),)) == "indirect"
    assert quote_kind("It don't matter, she's sure", ((0, 27),)) == "indirect"
    assert is_speech_cue("said in a statement")
    assert is_speech_cue("tweeted")
    assert not is_speech_cue("believes")
    assert not is_speech_cue("showed")


def test_baseline_finds_quoted_spans() -> None:
    text = 'She said “yes” and „ja“ and „doch" and "no".'
    assert [m.text for m in quote_marks_baseline(text, "en", "d")] == ["yes", "ja", "doch", "no"]
    assert all(m.kind == "direct" and m.source is None for m in quote_marks_baseline(text))


def test_detokenise_keeps_offsets() -> None:
    tokens = ["Er", "sagte", ":", "„", "Ja", ",", "gut", '"', ".", "Und", '"', "nein", '"', "(", "so", ")"]
    text, offsets = detokenise(tokens)
    assert text == 'Er sagte: „Ja, gut". Und "nein" (so)'
    assert [text[a:b] for a, b in offsets] == tokens


def test_unknown_dataset() -> None:
    with pytest.raises(ValueError, match="unknown quote dataset"):
        evaluate_quotes("parc", quote_marks_baseline)


# --------------------------------------------------------------------------- readers on ../shared


def test_polnear_reader_and_oracle() -> None:
    need_shared(DATASETS / "polnear" / "data" / "test")
    result = evaluate_quotes("polnear", polnear_oracle("test"), "test")
    assert result["documents"] == 84
    assert result["multi_annotated_documents"] == 2
    assert result["gold"]["attributions"] > 2000
    for population in result["scores"].values():
        for row in population.values():
            for metric in ("content_exact", "content_overlap", "cue_exact", "source_exact"):
                assert row[metric]["f1"] == 1.0 or row[metric]["tp"] + row[metric]["fn"] == 0
    assert "content_overlap" in format_quote_scores(result)


def test_polnear_baseline_limit() -> None:
    need_shared(DATASETS / "polnear" / "data" / "test")
    result = evaluate_quotes("polnear", quote_marks_baseline, "test", limit=5)
    assert result["documents"] == 5
    direct = result["scores"]["all"]["direct"]["content_overlap"]
    assert direct["recall"] > 0.5
    assert result["scores"]["all"]["all"]["cue_overlap"]["tp"] == 0


def test_redewiedergabe_split_and_oracle() -> None:
    need_shared(DATASETS / "redewiedergabe" / "data" / "main" / "tsv")
    test, tune = split_files("test"), split_files("tune")
    assert (len(test), len(tune)) == (88, 355)
    assert not {name for name, _ in test} & {name for name, _ in tune}
    fiction = {name for name, _ in fiction_files()}
    assert len(fiction) == 395 and not fiction & {name for name, _ in test + tune}  # free to train on
    result = evaluate_quotes("redewiedergabe", redewiedergabe_oracle("test"), "test")
    for row in result["scores"].values():
        assert row["tokens"]["f1"] == row["span_exact"]["f1"] == 1.0
        assert row["speaker"]["accuracy"] == 1.0
    assert "speaker" in format_quote_scores(result)


def test_missing_extractor_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    import types

    monkeypatch.setitem(sys.modules, "storyline.extraction.quotes", types.ModuleType("storyline.extraction.quotes"))
    with pytest.raises(RuntimeError, match="extract_quotes is not available"):
        evaluate_quotes("polnear")


def test_polnear_attributions_read_predictions_by_the_gold_rule() -> None:
    from storyline.evaluation.quotes import PredictedAttribution, polnear_attributions

    text = "Clinton says it means Trump “may not have paid a dime” in taxes. Merrill says Machado promised to resign."
    clause = (text.index("it means"), text.index(" in taxes") + len(" in taxes"))
    quoted = (text.index("may not"), text.index("dime") + 4)
    outer = (text.index("Machado"), text.index("resign") + 6)
    inner = (text.index("to resign"), outer[1])
    predicted = [
        PredictedAttribution([clause], "indirect", (6, 10), (0, 7)),
        PredictedAttribution([quoted], "direct", (6, 10), None),
        PredictedAttribution([outer], "indirect", (74, 78), (66, 73)),
        PredictedAttribution([inner], "indirect", (87, 95), (79, 86)),
    ]
    read = polnear_attributions(text, predicted)
    # The quoted words join the clause that holds them, which is partial (direct) by the gold's rule;
    # a report nested in a report stays apart.
    assert [(a.content, a.kind) for a in read] == [([clause], "direct"), ([outer], "indirect"), ([inner], "indirect")]


def test_polnear_attributions_read_direct_predictions_by_the_gold_rule() -> None:
    """A direct prediction's kind comes from the marks in and right around its content, as the gold's does."""
    from storyline.evaluation.quotes import PredictedAttribution, polnear_attributions

    text = "\"MARLOW: Let us start with the harbour.\n\nOstrow said the plan was an 'open question.' “Fine,” he said."
    label = (text.index("Let us"), text.index("harbour") + len("harbour"))
    single = (text.index("open question"), text.index("question") + len("question."))
    curly = (text.index("Fine"), text.index("Fine") + 5)
    predicted = [
        PredictedAttribution([label], "direct", (7, 8), (1, 7)),  # the transcript's mark stands before the label
        PredictedAttribution([single], "direct", (47, 51), None),  # straight single quotes are no marks to the gold
        PredictedAttribution([curly], "direct", (len(text) - 5, len(text) - 1), None),
        PredictedAttribution([single], "direct", None, None),  # no cue: no report to read as indirect
    ]
    assert [a.kind for a in polnear_attributions(text, predicted)] == ["indirect", "indirect", "direct", "direct"]


def test_a_clause_holding_words_in_straight_single_quotes_stays_indirect() -> None:
    from storyline.evaluation.quotes import PredictedAttribution, polnear_attributions

    text = "Ostrow says the fire was a 'deliberate act.' Marlow says it was “an accident” after all."
    first = (text.index("the fire"), text.index("act.") + 4)
    single = (text.index("deliberate"), text.index("act.") + 4)
    second = (text.index("it was"), text.index("after all") + 9)
    curly = (text.index("an accident"), text.index("accident") + 8)
    predicted = [
        PredictedAttribution([first], "indirect", (7, 11), (0, 6)),
        PredictedAttribution([single], "direct", (7, 11), None),
        PredictedAttribution([second], "indirect", (54, 58), (47, 53)),
        PredictedAttribution([curly], "direct", (54, 58), None),
    ]
    read = polnear_attributions(text, predicted)
    assert [(a.content, a.kind) for a in read] == [([first], "indirect"), ([second], "direct")]
