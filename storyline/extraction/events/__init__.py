"""Events and the timeline: what happened to or between the story's participants, and when.

``build_events`` runs the whole stage over a story: event mentions per document (trigger words
from ``storyline/language/data/<code>/events.toml``), merged across articles and languages into
:class:`storyline.records.Event` records; undated articles get a publication estimate from the
dated events they report and the ages they state (see storyline.resolution.dating), and their
relative dates are resolved again against it.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.extraction.events.estimate import DateWindow, estimate_from_events, later_estimate, narrow_by_ages
from storyline.extraction.events.mentions import extract_event_mentions
from storyline.extraction.events.merge import merge_mentions, timeline
from storyline.extraction.time import tag_times
from storyline.records import Document, Entity, Event, EventMention, PublishedEstimate, TimeExpression

__all__ = ["EventsResult", "build_events", "extract_event_mentions", "merge_mentions", "timeline"]


@dataclass(frozen=True)
class EventsResult:
    """The events in timeline order, and the documents and times updated by the publication estimates."""

    events: list[Event]
    documents: list[Document]
    times: list[TimeExpression]


def build_events(
    documents: list[Document],
    entities: list[Entity],
    times: list[TimeExpression],
    age_windows: dict[str, DateWindow] | None = None,
) -> EventsResult:
    """Event mentions, merged events and improved estimates for undated documents.

    ``age_windows`` (document id -> the days its stated ages allow, from
    :func:`storyline.resolution.dating.age_windows`) narrows the estimates further.
    """
    by_doc: dict[str, list[TimeExpression]] = {}
    for expression in times:
        by_doc.setdefault(expression.doc, []).append(expression)
    mentions = _all_mentions(documents, entities, by_doc)
    events = merge_mentions(mentions, entities)
    dated_docs = {d.id for d in documents if d.published}
    updated: list[Document] = []
    for document in documents:
        if document.published:
            updated.append(document)
            continue
        estimate = later_estimate(document.published_estimate, estimate_from_events(document, events, dated_docs))
        estimate = narrow_by_ages(estimate, (age_windows or {}).get(document.id))
        if estimate is not None and estimate != document.published_estimate:
            document = document.model_copy(update={"published_estimate": estimate})
            by_doc[document.id] = tag_times(
                document.text, document.language, _anchor(estimate), document.id, anchor_estimated=True
            )
        updated.append(document)
    if updated != documents:
        mentions = _all_mentions(updated, entities, by_doc)
        events = merge_mentions(mentions, entities)
    ordered_times = [t for d in updated for t in by_doc.get(d.id, [])]
    return EventsResult(timeline(events), updated, ordered_times)


def _all_mentions(
    documents: list[Document], entities: list[Entity], by_doc: dict[str, list[TimeExpression]]
) -> list[EventMention]:
    return [m for d in documents for m in extract_event_mentions(d, entities, by_doc.get(d.id, []))]


def _anchor(estimate: PublishedEstimate) -> str:
    """The day relative expressions are resolved against: the earliest day the article can be from."""
    if estimate.range is not None:
        return estimate.range.earliest[:10]
    if len(estimate.value) >= 10:
        return estimate.value[:10]
    return f"{estimate.value[:7]}-28"  # a month-precise estimate without a range, as in extraction/time/anchor.py
