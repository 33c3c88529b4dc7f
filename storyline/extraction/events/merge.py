"""Mentions of the same event, across articles and languages, merged into one :class:`Event`; the timeline.

Two mentions are one event when they have the same type, name the same who or where (a shared
participant, or the same place), and their dates fit:

- the dates overlap ("2025" contains "2025-04", which contains "2025-04-24"), or one is undated;
  dates that agree at season precision or better (or are the very same value) are enough on their own;
- or they fall in the same year and the mentions share the place: the sources disagree about when
  one event happened (moved to London "in July" / "in August"). The event keeps both values in
  ``dates``; the contradictions stage reads them.

Mentions are merged most precise first; an undated mention joins the event it shares most with.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from storyline.extraction.events.dates import SEASONS, best_date, interval, is_date, overlap, same_year, width
from storyline.records import Entity, Event, EventMention

MAX_SUMMARY_PARTICIPANTS = 3
SEASON_DAYS = 92
UNKNOWN_YEAR = re.compile(r"^XXXX-(\d{2}|SP|SU|FA|WI)$")
_SamePerson = Callable[[str, str], bool]


def same_participant(names: dict[str, str]) -> _SamePerson:
    """Whether two entity ids can name the same participant: the same id, or a bare surname entity
    ("Brandt") and a full name ending in it ("Marlene Brandt"), which entity resolution leaves apart
    when the surname alone is ambiguous."""

    def same(a: str, b: str) -> bool:
        if a == b:
            return True
        x, y = names.get(a, "").split(), names.get(b, "").split()
        if not x or not y or (len(x) > 1) == (len(y) > 1):
            return False
        short, full = (x, y) if len(x) == 1 else (y, x)
        return short[0].casefold() == full[-1].casefold()

    return same


@dataclass
class _Cluster:
    type: str
    mentions: list[EventMention] = field(default_factory=list)
    participants: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    dates: list[str] = field(default_factory=list)

    def add(self, mention: EventMention) -> None:
        self.mentions.append(mention)
        self.participants |= set(mention.participants)
        if mention.place:
            self.places.add(mention.place.casefold())
        if is_date(mention.date):
            self.dates.append(mention.date)  # type: ignore[arg-type]


def _affinity(mention: EventMention, cluster: _Cluster, same: _SamePerson) -> tuple[int, int, int, int] | None:
    """How well the mention fits the cluster (higher is better: agreeing dates first, then shared people,
    a shared place, the event's size), or None when it cannot be the same event."""
    if mention.type != cluster.type:
        return None
    shared_people = sum(1 for p in mention.participants if any(same(p, q) for q in cluster.participants))
    shared_place = bool(mention.place and mention.place.casefold() in cluster.places)
    date_match = False  # the dates agree, at season precision or better
    if is_date(mention.date) and cluster.dates:
        current = best_date(cluster.dates)
        if all(overlap(mention.date, d) for d in cluster.dates):  # type: ignore[arg-type]
            # Agreement counts when one side is at least season-precise, or both give the very same value.
            precise = min(width(mention.date), width(current)) <= SEASON_DAYS  # type: ignore[arg-type]
            date_match = precise or mention.date == current
        elif not (shared_place and same_year(mention.date, current)):  # type: ignore[arg-type]
            return None
    elif partial := _unknown_year_part(mention.date):
        # "in November" (year unknown) fits an event in November of any year, and no other.
        parts = {_part_of(d, partial[0]) for d in cluster.dates}
        if parts and parts != {partial[1]}:
            return None
        date_match = bool(parts)
    if not (shared_people or shared_place or date_match):
        return None
    return int(date_match), shared_people, int(shared_place), len(cluster.mentions)


def _unknown_year_part(value: str | None) -> tuple[str, str] | None:
    """("month", "11") for ``XXXX-11``, ("season", "SP") for ``XXXX-SP``; None otherwise."""
    if value and (m := UNKNOWN_YEAR.match(value)):
        return ("season", m[1]) if m[1] in SEASONS else ("month", m[1])
    return None


def _part_of(value: str, part: str) -> str | None:
    span = interval(value)
    if span is None or width(value) > SEASON_DAYS:
        return None
    if part == "month":
        return f"{span[0].month:02d}" if span[0].month == span[1].month else None
    month = span[0].month
    return next((name for name, (first, _) in SEASONS.items() if first in (month, month + 12)), None)


def _order(mention: EventMention) -> tuple[int, int, str]:
    return (0, width(mention.date), mention.date) if is_date(mention.date) else (1, 0, "")  # type: ignore[arg-type]


def merge_mentions(mentions: list[EventMention], entities: list[Entity]) -> list[Event]:
    """Events from mentions (each mention in exactly one event); participants are ranked by how often, and
    how near the trigger, the mentions name them."""
    names = {entity.id: entity.name for entity in entities}
    same = same_participant(names)
    clusters: list[_Cluster] = []
    by_type: dict[str, list[_Cluster]] = {}  # only events of the mention's type can take it
    for mention in sorted(mentions, key=_order):
        candidates = by_type.setdefault(mention.type, [])
        scored = [(score, c) for c in candidates if (score := _affinity(mention, c, same)) is not None]
        if scored:
            max(scored, key=lambda pair: pair[0])[1].add(mention)
        else:
            cluster = _Cluster(mention.type)
            cluster.add(mention)
            clusters.append(cluster)
            candidates.append(cluster)
    return [_event(cluster, names) for cluster in clusters]


def _event(cluster: _Cluster, names: dict[str, str]) -> Event:
    mentions = sorted(cluster.mentions, key=lambda m: (m.doc, m.start))
    # Each mention lists its participants nearest the trigger first; weigh them so.
    weight: Counter[str] = Counter()
    for m in mentions:
        for rank, participant in enumerate(m.participants):
            weight[participant] += 1 / (1 + rank)
    participants = [p for p, _ in weight.most_common()]
    place_counts = Counter(m.place for m in mentions if m.place)
    place = place_counts.most_common(1)[0][0] if place_counts else None
    dates = sorted(set(cluster.dates), key=lambda v: (width(v), v))
    planned = all(m.planned for m in mentions)
    who = [names.get(p, p) for p in participants[:MAX_SUMMARY_PARTICIPANTS]]
    label = cluster.type.replace("_", " ") + (" (planned)" if planned else "")
    summary = " — ".join([label, *who, *([place] if place else [])])
    key = "|".join(f"{m.doc}:{m.start}:{m.type}" for m in mentions)
    return Event(
        id=f"event:{cluster.type}:{hashlib.sha1(key.encode()).hexdigest()[:10]}",
        date=best_date(dates),
        summary=summary,
        participants=participants,
        mentions=mentions,
        type=cluster.type,
        place=place,
        dates=dates,
        planned=planned,
    )


def timeline(events: list[Event]) -> list[Event]:
    """Events in time order: by first day, then the more precise first; undated events last."""

    def key(event: Event) -> tuple[int, str, int, str]:
        span = interval(event.date)
        if span is None:
            return (1, "", 0, event.summary)
        return (0, span[0].isoformat(), width(event.date), event.summary)  # type: ignore[arg-type]

    return sorted(events, key=key)
