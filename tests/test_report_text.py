"""The plain-text listings: who said what, and where sources disagree."""

from storyline.records import AssertedBy, ClaimRef, ConsistencyNote, Contradiction, Dossier, Entity, Quote, Speaker
from storyline.report.disagreements import format_disagreements
from storyline.report.quotes import format_quotes


def _quote(doc: str, start: int, text: str, speaker: Speaker, **extra: str) -> Quote:
    return Quote(
        id=f"q:{doc}:{start}",
        doc=doc,
        start=start,
        end=start + len(text),
        text=text,
        kind="direct",
        speaker=speaker,
        **extra,
    )


def test_quotes_are_grouped_by_linked_speaker_and_anonymous_sources_stay_apart() -> None:
    anna = Speaker(entity="person:anna-roth", label="the 52-year-old", anonymous=False)
    insider = Speaker(entity=None, label="an insider", anonymous=True)
    dossier = Dossier(
        entities=[Entity(id="person:anna-roth", type="person", name="Anna Roth")],
        quotes=[
            _quote("a", 10, "We will appeal.", anna, cue="told", reported_to="Radio Nord"),
            _quote("b", 5, "They talk every week.", insider, cue="said", utterance="u1"),
            _quote("c", 7, "Sie reden jede Woche.", insider, cue="sagte", utterance="u1"),
            _quote("a", 90, "It is not over.", anna, cue="added"),
        ],
    )
    listing = format_quotes(dossier).splitlines()
    assert listing[0] == "- Anna Roth [person:anna-roth]: 2"
    assert "to Radio Nord" in listing[1] and "source 'the 52-year-old'" in listing[1]
    assert listing[3] == "- an insider (anonymous): 2"
    assert "same words as c" in listing[4] and "same words as b" in listing[5]


def test_disagreements_list_both_sides_and_the_consistency_notes() -> None:
    def side(doc: str, value: str, outlet: str, kind: str = "narration", label: str | None = None) -> ClaimRef:
        by = AssertedBy(kind=kind, label=label or outlet, outlet=outlet)  # type: ignore[arg-type]
        return ClaimRef(doc=doc, start=0, end=9, text="Some text.", value=value, asserted_by=by, outlet=outlet)

    dossier = Dossier(
        contradictions=[
            Contradiction(
                topic="When: move",
                kind="event_date",
                explanation="July vs August",
                claims=[side("a", "2025-07", "Post A"), side("b", "2025-08", "Post B", "speaker", "Ben")],
            )
        ],
        consistency_notes=[
            ConsistencyNote(kind="age_over_time", topic="Age: Ben", explanation="a year apart", claims=[])
        ],
    )
    listing = format_disagreements(dossier)
    assert "2025-07 — narration of Post A (a:0)" in listing
    assert "2025-08 — Ben in Post B (b:0)" in listing
    assert listing.splitlines()[-1] == "- Age: Ben [age_over_time]: a year apart"
    assert format_disagreements(Dossier()) == "CONTRADICTIONS: none\nCONSISTENT OVER TIME: none"
