"""Normalisation: each selected candidate to a TIMEX3 value by its rule's kind, in text order,
updating the reference time as dates go by."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.extraction.time.candidates import Selected
from storyline.extraction.time.context import Context, Result
from storyline.extraction.time.lexicon import TimeLexicon
from storyline.extraction.time.norm_amounts import norm_age, norm_duration, norm_ref, norm_set
from storyline.extraction.time.norm_dates import norm_date, norm_month_of_year, norm_numeric, norm_range, norm_time
from storyline.extraction.time.norm_named import norm_century, norm_decade, norm_holiday, norm_spelled_year
from storyline.extraction.time.norm_relative import norm_ago, norm_dayrel, norm_later, norm_relative
from storyline.extraction.time.reference import Reference


@dataclass(frozen=True)
class Timex:
    """One tagged expression: character span, TIMEX3 type and value, optional ``mod``."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    rule: str = ""


NORMALISERS: dict[str, Callable[[Context], Result]] = {
    "date": norm_date,
    "numeric": norm_numeric,
    "relative": norm_relative,
    "month_of_year": norm_month_of_year,
    "dayrel": norm_dayrel,
    "ago": norm_ago,
    "later": norm_later,
    "duration": norm_duration,
    "set": norm_set,
    "ref": norm_ref,
    "age": norm_age,
    "holiday": norm_holiday,
    "decade": norm_decade,
    "century": norm_century,
    "spelled_year": norm_spelled_year,
    "time": norm_time,
}


def normalise(
    lex: TimeLexicon, text: str, ref: Reference, kept: list[Selected]
) -> tuple[list[Timex], set[tuple[int, int, int]]]:
    """Normalise the selected candidates in text order; also the (start, end, priority) of those that fail."""
    found: list[Timex] = []
    failed: set[tuple[int, int, int]] = set()
    for start, end, rule, match in kept:
        if rule.kind == "block":
            continue  # a span that is no time expression ("$2 million a year": a rate)
        ctx = Context(lex, match, rule, text, ref)
        if rule.kind == "range":
            parts = norm_range(ctx)
            if not parts:
                failed.add((start, end, rule.priority))
            for part_start, part_end, value, mod in parts or []:
                found.append(Timex(part_start, part_end, text[part_start:part_end], rule.type, value, mod, rule.name))
                ref.remember(value)
            continue
        result = NORMALISERS[rule.kind](ctx)
        if result is None:
            failed.add((start, end, rule.priority))
            continue
        value, mod = result
        kind = rule.type
        if kind == "DATE" and "T" in value and re.search(r"T(\d|MO|AF|EV|NI|DT)", value):
            kind = "TIME"
        found.append(Timex(start, end, text[start:end], kind, value, mod, rule.name))
        if rule.options.get("anchors", kind in ("DATE", "TIME")) and not value.startswith("X"):
            ref.remember(value, comparison=bool(rule.options.get("same_period")))
    return found, failed
