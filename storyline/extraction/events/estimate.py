"""When an undated article was written, from the events it shares with dated articles.

An article that reports an event as done (not planned) was written after that event began; one that
announces an event as planned was written before it ended. Dates come only from the mentions in
dated articles, so an estimate never feeds on another estimate. The latest "after" bound gives the
estimate (at month precision) and the earliest "before" bound closes its range.

:func:`narrow_by_ages` then intersects that range with the window the article's stated ages allow
(:mod:`storyline.resolution.dating`). The estimate's value is then the month when the range lies within one
month, else the range's first month (as everywhere: the article is from then or later).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from storyline.extraction.events.dates import best_date, interval
from storyline.records import Document, Event, PublishedEstimate, PublishedRange


@dataclass(frozen=True)
class DateWindow:
    """The days an article can be from (both ends included), with why."""

    earliest: date
    latest: date
    basis: str

    def intersect(self, other: DateWindow) -> DateWindow | None:
        earliest, latest = max(self.earliest, other.earliest), min(self.latest, other.latest)
        if earliest > latest:
            return None
        return DateWindow(earliest, latest, f"{self.basis}; {other.basis}")


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


def narrow_by_ages(current: PublishedEstimate | None, window: DateWindow | None) -> PublishedEstimate | None:
    """``current`` narrowed to the days the article's stated ages allow.

    ``current``'s first day (the article's latest absolute date, or the latest dated event it reports as
    past) is a floor the ages may raise but never cross, and its ``latest`` a ceiling: ages that leave no
    day between them are left out (the article's own dates outrank ages, which may be stale). Ages that
    agree without narrowing are named in the basis.
    """
    if window is None:
        return current
    floor = _first_day(current)
    latest_day = current.range.latest if current and current.range else None
    ceiling = date.fromisoformat(latest_day[:10]) if latest_day else None
    earliest = max(window.earliest, floor) if floor else window.earliest
    latest = min(window.latest, ceiling) if ceiling else window.latest
    if earliest > latest:
        return current
    if current is not None and earliest == floor and latest == ceiling:  # the ages agree and add nothing
        return current.model_copy(update={"basis": f"{current.basis}; the ages it states agree ({window.basis})"})
    prefix = f"{current.basis}; " if current else ""
    return PublishedEstimate(
        value=earliest.isoformat()[:7],  # the month when the range lies within one, else its first month
        basis=f"{prefix}ages it states: {window.basis}",
        range=PublishedRange(earliest=earliest.isoformat(), latest=latest.isoformat()),
    )


def _first_day(estimate: PublishedEstimate | None) -> date | None:
    if estimate is None:
        return None
    if estimate.range is not None:
        return date.fromisoformat(estimate.range.earliest[:10])
    span = interval(estimate.value)
    return span[0] if span else None
