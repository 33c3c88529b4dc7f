"""When an undated article was written, from the ages it states for people whose birth dates dated articles give.

"42" stated on 2023-12-09 means born 1980-12-10 … 1981-12-09; another dated article narrows that range
(their intersection). Only articles with a stated date count here, so an estimate never feeds on another
estimate. An undated article calling the same person "41" was then written when someone born in that range
can be 41: between the earliest birth day plus 41 years and the latest birth day plus 42 years less a day.
Every such age narrows the article's window; an age whose window does not meet the others (or a birth range
the dated articles disagree on) is left out rather than guessed around.

Data flow: the resolution stage links the ages to people (:class:`AgeEvidence`); :func:`age_windows` turns
them into one window per undated article here; the events stage (``build_events``) intersects each window with
what the article's own dates and dated events allow, sets the estimate and re-anchors the article's relative
times. Claims come after, so they compare ages against the final estimates.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from storyline.extraction.events.estimate import DateWindow
from storyline.records import Document, Entity
from storyline.resolution.dates import BirthRange, birth_range
from storyline.resolution.references import AgeEvidence


def _plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def dated_birth_ranges(documents: list[Document], ages: list[AgeEvidence]) -> dict[str, tuple[BirthRange, list[str]]]:
    """Per person, the birth range the ages in dated articles allow, and those articles (in order of use).

    Statements next to a name come first; one that contradicts the range so far does not narrow it.
    """
    dated = {d.id: d.published for d in documents if d.published}
    ranges: dict[str, tuple[BirthRange, list[str]]] = {}
    for age in sorted(ages, key=lambda a: (not a.explicit, a.doc, a.start)):
        span = birth_range(age.age, dated.get(age.doc))
        if span is None:
            continue
        known = ranges.get(age.entity)
        if known is None:
            ranges[age.entity] = (span, [age.doc])
            continue
        narrowed = known[0].intersect(span)
        if narrowed is not None:
            ranges[age.entity] = (narrowed, known[1] + [age.doc] * (age.doc not in known[1]))
    return ranges


def age_window(age: int, births: BirthRange) -> tuple[date, date]:
    """The days on which someone born within ``births`` is ``age`` years old."""
    return _plus_years(births.earliest, age), _plus_years(births.latest, age + 1) - timedelta(days=1)


def age_windows(documents: list[Document], ages: list[AgeEvidence], entities: list[Entity]) -> dict[str, DateWindow]:
    """Per undated article, the window its stated ages allow (only articles with at least one usable age)."""
    births = dated_birth_ranges(documents, ages)
    names = {e.id: e.name for e in entities}
    undated = {d.id for d in documents if not d.published}
    stated: dict[tuple[str, str], AgeEvidence] = {}
    for age in sorted(ages, key=lambda a: (not a.explicit, a.doc, a.start)):
        if age.doc in undated and age.entity in births:
            stated.setdefault((age.doc, age.entity), age)  # one age per person and article: the first stated
    windows: dict[str, DateWindow] = {}
    by_doc: dict[str, list[AgeEvidence]] = defaultdict(list)
    for (doc, _), age in sorted(stated.items()):
        by_doc[doc].append(age)
    for doc, found in by_doc.items():
        for age in found:
            span, sources = births[age.entity]
            earliest, latest = age_window(age.age, span)
            basis = (
                f"{names.get(age.entity, age.entity)} is {age.age}, born {span.earliest.isoformat()} … "
                f"{span.latest.isoformat()} by the ages in dated articles {', '.join(sources)}: "
                f"{earliest.isoformat()} … {latest.isoformat()}"
            )
            window = DateWindow(earliest, latest, basis)
            known = windows.get(doc)
            narrowed = window if known is None else known.intersect(window)
            if narrowed is not None:
                windows[doc] = narrowed
    return windows
