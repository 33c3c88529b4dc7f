"""Events: mentions (trigger, date, participants, place, planned), merging, the timeline, undated estimates."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import storyline
from storyline.extraction.events import build_events, extract_event_mentions, merge_mentions, timeline
from storyline.extraction.events.dates import best_date, interval, overlap
from storyline.extraction.time import tag_times
from storyline.language.sentences import split_sentences
from storyline.records import Document, Entity, Event, EventMention, Mention, plain_document

from .conftest import EXAMPLES, SEEDS, need_shared

PEOPLE = {
    "Anna Weber": "person",
    "Tom Berg": "person",
    "Jonas Richter": "person",
    "Leeds": "place",
    "Kassel": "place",
    "York": "place",
}


def _document(doc_id: str, text: str, language: str, published: str | None) -> Document:
    document = plain_document(doc_id, text, language)
    return document.model_copy(update={"published": published, "sentences": split_sentences(text, language)})


def _entities(*documents: Document) -> list[Entity]:
    """Entities for the names in PEOPLE, with a mention wherever the name occurs."""
    entities = []
    for name, kind in PEOPLE.items():
        mentions = [
            Mention(doc=d.id, start=m.start(), end=m.end()) for d in documents for m in re.finditer(name, d.text)
        ]
        if mentions:
            slug = name.lower().replace(" ", "-")
            entities.append(Entity(id=f"{kind}:{slug}", type=kind, name=name, mentions=mentions))
    return entities


def _mentions(text: str, language: str, published: str | None = "2024-06-01") -> list[EventMention]:
    document = _document("d", text, language, published)
    times = tag_times(text, language, published, "d")
    return extract_event_mentions(document, _entities(document), times)


def _one(text: str, language: str, published: str | None = "2024-06-01", kind: str | None = None) -> EventMention:
    found = [m for m in _mentions(text, language, published) if kind is None or m.type == kind]
    assert len(found) == 1, found
    return found[0]


# --------------------------------------------------------------------------- mentions


def test_english_move_with_date_participant_and_place() -> None:
    mention = _one("Anna Weber moved to Leeds in March.", "en")
    assert (mention.type, mention.date, mention.date_text, mention.planned) == ("move", "2024-03", "March", False)
    assert mention.participants == ["person:anna-weber"]
    assert mention.place == "Leeds"
    assert mention.text == "Anna Weber moved to Leeds in March."


def test_german_opening_with_date_before_the_verb() -> None:
    mention = _one("Im Mai eröffnete Jonas Richter sein Café in Kassel.", "de", "2023-09-10")
    assert (mention.type, mention.date, mention.place) == ("open", "2023-05", "Kassel")
    assert mention.participants == ["person:jonas-richter"]


def test_plans_are_planned_and_a_noun_will_is_not_a_plan() -> None:
    assert _one("Anna Weber will open a bakery in Leeds in May.", "en", "2024-03-01").planned
    signed = _one("Anna Weber signed the will in 2019.", "en", kind="will")
    assert (signed.date, signed.planned) == ("2019", False)
    assert _one("Jonas Richter sagt, das Café soll im kommenden Frühjahr wieder öffnen.", "de", "2023-10-02").planned


def test_the_plan_cue_belongs_to_its_own_clause() -> None:
    mentions = {
        m.type: m for m in _mentions("Jonas Richter ist im Juli nach Kassel gezogen, wo er bald eröffnen soll.", "de")
    }
    assert mentions["move"].planned is False
    assert mentions["open"].planned is True


def test_each_date_goes_to_the_trigger_of_its_clause() -> None:
    mentions = {
        m.type: m for m in _mentions("Anna Weber moved to Leeds in March, and Tom Berg opened a shop in May.", "en")
    }
    assert mentions["move"].date == "2024-03"
    assert mentions["open"].date == "2024-05"


def test_separable_german_verb_is_one_trigger() -> None:
    mention = _one("Im April wies das Gericht die Klage von Jonas Richter ab.", "de", kind="ruling")
    assert (mention.trigger, mention.date) == ("wies … ab", "2024-04")


def test_a_planned_date_without_a_year_lies_ahead_of_the_article() -> None:
    mention = _one("Anfang November soll Jonas Richter sein Café eröffnen.", "de", "2025-10-14", kind="open")
    assert mention.planned and mention.date == "2025-11"


def test_trigger_without_participant_or_date_is_not_an_event() -> None:
    assert _mentions("Somebody moved somewhere.", "en") == []
    assert _mentions("Jemand ist umgezogen.", "de") == []


def test_language_without_event_data_gives_nothing() -> None:
    document = _document("d", "Anna Weber moved to Leeds in March.", "xx", "2024-06-01")
    assert extract_event_mentions(document, _entities(document), []) == []


# --------------------------------------------------------------------------- dates


def test_date_intervals_and_best_date() -> None:
    assert overlap("2025", "2025-04-24") and overlap("2025-SU", "2025-07") and not overlap("2025-07", "2025-08")
    assert interval("2024-W36") == interval("2024-09-02")[:1] + interval("2024-09-08")[1:]  # type: ignore[index]
    assert interval("PAST_REF") is None and interval("XXXX-04") is None
    assert best_date(["2024-09", "2024-09-03", "2024-W36"]) == "2024-09-03"
    assert best_date(["2025-07", "2025-08", "2025-SU"]) == "2025-SU"
    assert best_date(["2025-07", "2025-08"]) == "2025"
    assert best_date([]) is None


# --------------------------------------------------------------------------- merging and the timeline


def _events(*texts: tuple[str, str, str | None]) -> list[Event]:
    documents = [_document(f"d{i}", text, lang, published) for i, (text, lang, published) in enumerate(texts)]
    entities = _entities(*documents)
    times = [t for d in documents for t in tag_times(d.text, d.language, d.published, d.id)]
    return build_events(documents, entities, times).events


def test_same_event_in_english_and_german_merges() -> None:
    events = _events(
        ("Anna Weber moved to Leeds in March.", "en", "2024-06-01"),
        ("Anna Weber ist im März nach Leeds gezogen.", "de", "2024-05-20"),
    )
    assert len(events) == 1
    assert events[0].date == "2024-03" and {m.doc for m in events[0].mentions} == {"d0", "d1"}
    assert events[0].summary == "move — Anna Weber — Leeds"


def test_different_months_for_the_same_move_stay_one_event_with_both_dates() -> None:
    events = _events(
        ("Anna Weber moved to Leeds in July.", "en", "2024-10-01"),
        ("Anna Weber ist im August nach Leeds gezogen.", "de", "2024-10-02"),
    )
    assert len(events) == 1
    assert events[0].dates == ["2024-07", "2024-08"]
    assert events[0].date == "2024"


def test_different_types_or_years_do_not_merge() -> None:
    events = _events(
        ("Anna Weber moved to Leeds in March.", "en", "2024-06-01"),
        ("Anna Weber opened a bakery in Leeds in March.", "en", "2024-06-01"),
        ("Anna Weber moved to Leeds in March 2019.", "en", "2024-06-01"),
    )
    assert sorted((e.type, e.date) for e in events) == [("move", "2019-03"), ("move", "2024-03"), ("open", "2024-03")]


def test_planned_only_when_every_mention_is_a_plan() -> None:
    planned = _events(("Anna Weber will move to Leeds in July.", "en", "2024-03-01"))
    assert planned[0].planned and "(planned)" in planned[0].summary
    both = _events(
        ("Anna Weber will move to Leeds in July.", "en", "2024-03-01"),
        ("Anna Weber moved to Leeds in July.", "en", "2024-09-01"),
    )
    assert len(both) == 1 and not both[0].planned


def test_timeline_orders_by_date_and_puts_undated_last() -> None:
    def event(date: str | None, name: str) -> Event:
        return Event(id=name, date=date, summary=name)

    ordered = timeline([event(None, "u"), event("2025", "y"), event("2024-05-03", "d"), event("2024-05", "m")])
    assert [e.id for e in ordered] == ["m", "d", "y", "u"]


def test_undated_article_is_estimated_from_a_dated_event_it_reports() -> None:
    documents = [
        _document(
            "dated",
            "Anna Weber will open her bakery in Leeds in November. Tom Berg will move to York in March 2026.",
            "en",
            "2025-10-01",
        ),
        _document(
            "undated",
            "Anna Weber opened her bakery in Leeds in November. Last year she lived in York. "
            "Tom Berg will move to York in March.",
            "en",
            None,
        ),
    ]
    entities = _entities(*documents)
    times = [t for d in documents for t in tag_times(d.text, d.language, d.published, d.id)]
    result = build_events(documents, entities, times)
    estimate = result.documents[1].published_estimate
    assert estimate is not None and estimate.value == "2025-11" and estimate.range is not None
    assert (estimate.range.earliest, estimate.range.latest) == ("2025-11-01", "2026-03-31")
    assert "open" in estimate.basis and "move" in estimate.basis
    last_year = next(t for t in result.times if t.doc == "undated" and t.text == "Last year")
    assert (last_year.value, last_year.anchor_estimated) == ("2024", True)
    assert result.documents[0].published_estimate is None
    assert merge_mentions([], entities) == []


# --------------------------------------------------------------------------- the example story and the seeds


@pytest.fixture(scope="module")
def example_dossier(tmp_path_factory: pytest.TempPathFactory) -> storyline.Dossier:
    return storyline.build([EXAMPLES], out=tmp_path_factory.mktemp("examples"), jobs=1)


def test_examples_undated_article_is_estimated_in_november_2025(example_dossier: storyline.Dossier) -> None:
    a5 = example_dossier.document("spotlight_wire_ebb_opening")
    assert a5.published is None and a5.published_estimate is not None
    assert a5.published_estimate.value == "2025-11"
    assert a5.published_estimate.range is not None and a5.published_estimate.range.earliest >= "2025-11-01"
    august = next(t for t in example_dossier.times if t.doc == a5.id and t.text == "August")
    assert (august.value, august.anchor_estimated) == ("2025-08", True)


def test_cli_timeline_and_eval_events_on_the_examples(example_dossier: storyline.Dossier, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from storyline.cli import app
    from storyline.report.json import write_dossier_json

    path = write_dossier_json(example_dossier, tmp_path / "dossier.json")
    shown = CliRunner().invoke(app, ["timeline", str(path)])
    assert shown.exit_code == 0, shown.output
    assert "2025-04-24" in shown.output and "meridian_post_court_ruling" in shown.output
    assert "spotlight_wire_ebb_opening: undated, estimated 2025-11" in shown.output
    scored = CliRunner().invoke(app, ["eval", "events", "--dossier", str(path), "--json", str(tmp_path / "f.json")])
    assert scored.exit_code == 0, scored.output
    assert '"relaxed"' in scored.output and (tmp_path / "f.json").exists()


def test_examples_move_keeps_both_months_and_the_ruling_its_day(example_dossier: storyline.Dossier) -> None:
    moves = [e for e in example_dossier.events if e.type == "move" and {"2025-07", "2025-08"} <= set(e.dates)]
    assert len(moves) == 1
    assert {"weser-echo-48213", "spotlight_wire_ebb_opening"} <= {m.doc for m in moves[0].mentions}
    ruling = next(e for e in example_dossier.events if e.type == "ruling" and e.date == "2025-04-24")
    assert {"meridian_post_court_ruling", "weser-echo-48213"} <= {m.doc for m in ruling.mentions}
    dated = [e.date for e in example_dossier.events if e.date]
    assert [interval(d)[0] for d in dated] == sorted(interval(d)[0] for d in dated)  # type: ignore[index]


def test_seed_articles_resolve_relative_dates_against_their_own_dates(tmp_path: Path) -> None:
    dossier = storyline.build([need_shared(SEEDS)], out=tmp_path, jobs=1)
    by_doc: dict[str, set[tuple[str | None, str | None]]] = {}
    for event in dossier.events:
        for m in event.mentions:
            by_doc.setdefault(m.doc, set()).add((m.date_text, m.date))
    dated = {d.id: d.published for d in dossier.documents if d.published and d.language == "en"}
    assert len(dated) == 2
    december = next(d for d, p in dated.items() if p.startswith("2023-12"))
    june = next(d for d, p in dated.items() if p.startswith("2024-06"))
    assert ("Last month", "2023-11") in by_doc[december]
    assert ("Mother's Day", "2024-05-12") in by_doc[june]
    assert all(not t.anchor_estimated for t in dossier.times if t.doc in dated)


def test_a_sentence_opening_with_a_pronoun_takes_the_people_just_named() -> None:
    text = "Anna Weber lost the case in Leeds.\nShe appealed in May. Somebody appealed in June."
    appeals = [m for m in _mentions(text, "en") if m.type == "appeal"]
    assert [(m.date, m.participants) for m in appeals] == [("2024-05", ["person:anna-weber"]), ("2024-06", [])]


def test_an_event_dated_after_its_article_is_planned_without_a_cue() -> None:
    assert _one("Anna Weber opens her bakery in Leeds on 3 November 2025.", "en", "2025-10-01").planned
    assert not _one("Anna Weber opened her bakery in Leeds in March.", "en", "2025-10-01").planned
