"""When an undated article was written, from the events it shares with dated articles.

An article that reports an event as done (not planned) was written after that event began; one that
announces an event as planned was written before it ended. Dates come only from the mentions in
dated articles, so an estimate never feeds on another estimate. The latest "after" bound gives the
estimate (at month precision) and the earliest "before" bound closes its range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storyline.extraction.events.dates import best_date, interval
from storyline.records import Document, Event, PublishedEstimate, PublishedRange


@dataclass(frozen=True)
class _Bound:
    day: date
    event: Event
    value: str


def _dated_value(event: Event, dated_docs: set[str]) -> str | None:
    return best_date([m.date for m in event.mentions if m.doc in dated_docs and m.date])


def estimate_from_events(document: Document, events: list[Event], dated_docs: set[str]) -> PublishedEstimate | None:
    """An estimate for an undated ``document`` from the dated events it mentions (None when it mentions none)."""
    after: list[_Bound] = []
    before: list[_Bound] = []
    for event in events:
        own = [m for m in event.mentions if m.doc == document.id]
        value = _dated_value(event, dated_docs) if own else None
        span = interval(value)
        if span is None or value is None:
            continue
        if any(not m.planned for m in own):
            after.append(_Bound(span[0], event, value))
        elif all(m.planned for m in own):
            before.append(_Bound(span[1], event, value))
    if not after:
        return None
    lower = max(after, key=lambda b: b.day)
    upper = min((b for b in before if b.day >= lower.day), key=lambda b: b.day, default=None)
    basis = f"reports as past the {_label(lower.event)} ({lower.value}) known from dated articles"
    if upper is not None:
        basis += f"; announces the {_label(upper.event)} ({upper.value}) as still to come"
    return PublishedEstimate(
        value=lower.day.isoformat()[:7],
        basis=basis,
        range=PublishedRange(earliest=lower.day.isoformat(), latest=upper.day.isoformat() if upper else None),
    )


def _label(event: Event) -> str:
    return event.summary.replace(" (planned)", "")


def later_estimate(current: PublishedEstimate | None, new: PublishedEstimate | None) -> PublishedEstimate | None:
    """The estimate with the later lower bound (both are "from then or later" bounds)."""
    if current is None or new is None:
        return new or current
    current_start = current.range.earliest if current.range else current.value
    new_start = new.range.earliest if new.range else new.value
    return new if new_start[:10] > current_start[:10] else current
