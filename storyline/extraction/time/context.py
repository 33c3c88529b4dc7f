"""The per-match view the normalisers share: a rule's groups read by role, its options, the
date it resolves against, and the year/month helpers every date normaliser needs."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from storyline.extraction.time import calendar as cal
from storyline.extraction.time.direction import tense
from storyline.extraction.time.lexicon import Rule, TimeLexicon, role
from storyline.extraction.time.reference import Reference

Result = tuple[str, str | None] | None  # (value, mod)
UNKNOWN = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "D": "XXXX-XX-XX", "Q": "XXXX-QX"}
UNKNOWN.update({"DE": "XXX", "CE": "XX", "H": "XXXX-HX"})


class Context:
    """The per-match view the normalisers use: group values by role."""

    def __init__(self, lex: TimeLexicon, match: re.Match[str], rule: Rule, text: str, ref: Reference) -> None:
        self.lex, self.match, self.rule, self.text, self.ref = lex, match, rule, text, ref
        self.groups = {k: v for k, v in match.groupdict().items() if v is not None}

    def raw(self, name: str) -> str | None:
        return self.groups.get(name)

    def word(self, name: str) -> Any:
        """The table value of the first group with this role (exact group names first)."""
        if name in self.groups:
            return self.lex.lookup(name, self.groups[name])
        for group, text in self.groups.items():
            if role(group) == name and not group[-1].isdigit():
                value = self.lex.lookup(group, text)
                if value is not None:
                    return value
        return None

    def integer(self, name: str) -> int | None:
        text = self.groups.get(name)
        return int(text) if text and text.isdigit() else None

    def number(self) -> float | str | None:
        text = self.groups.get("num")
        return self.lex.number(text) if text else None

    def option(self, key: str, default: Any = None) -> Any:
        return self.rule.options.get(key, default)

    def base(self, unit: str = "D") -> dt.date | None:
        """The date this rule resolves against: the reference time for anaphoric rules, else the anchor."""
        return self.ref.base(unit, anaphoric=bool(self.option("anaphoric")))

    def year_base(self) -> dt.date | None:
        return self.ref.year_base(anaphoric=bool(self.option("anaphoric")))

    def same_period(self, year: int, *, absolute: bool = False) -> str | None:
        """For rules with ``same_period``: once the text has spoken of a quarter (or half) of the
        anchor's year, "a year earlier", "last year", "the 1988 period" mean that quarter of that year
        ("profit rose in the third quarter from $5 million a year earlier"). The last quarter of the
        year before, reported early in the anchor's year, moves a relative ``year`` with it: "a year
        earlier" is then that quarter one year further back (2012-Q4 reported in February 2013: 2011-Q4)."""
        period = self.ref.last_period
        anchor = self.ref.anchor
        if not self.option("same_period") or period is None or anchor is None:
            return None
        if period[0] == anchor.year:
            return f"{cal.year_str(year)}-{period[1]}"
        if _just_ended(period, anchor) and not absolute and year < anchor.year:
            return f"{cal.year_str(period[0] + year - anchor.year)}-{period[1]}"
        return None

    def direction(self) -> int:
        """The tense of the context, or the rule's ``default_direction`` when there is no cue."""
        return self.tense() or int(self.option("default_direction", 0))

    def tense(self) -> int:
        """-1 past, +1 future, 0 unknown (see :func:`.direction.tense`)."""
        return tense(self.lex, self.rule, self.text, self.match)


def _just_ended(period: tuple[int, str], anchor: dt.date) -> bool:
    """A quarter or half of the year before the anchor's that ended at most four months before it."""
    year, part = period
    months = 3 if part[0] == "Q" else 6
    ended = year * 12 + int(part[1]) * months
    return year == anchor.year - 1 and 0 <= anchor.year * 12 + anchor.month - 1 - ended < 4


def year_of(ctx: Context) -> int | None:
    year = ctx.integer("year")
    if year is None:
        year = ctx.integer("year2")
    if year is None and ctx.raw("bcyear"):
        year = int(ctx.raw("bcyear"))
    if year is None and ctx.raw("yy"):
        yy = int(ctx.raw("yy"))
        anchor = ctx.ref.anchor
        pivot = (anchor.year % 100 + 10) if anchor else 30
        century = (anchor.year // 100 * 100) if anchor else 2000
        year = century + yy if yy <= pivot else century - 100 + yy
    if year is not None and "BC" in (ctx.word("era"), ctx.word("era2")):
        return 1 - year
    return year


def month_of(ctx: Context) -> int | None:
    month = ctx.word("month")
    if month is None:
        month = ctx.integer("mon")
    return month


def underspecified_year(ctx: Context, month: int, day: int | None = None) -> int | None:
    """The year of a month (or day) named without one: the tense decides the side, the closest
    one wins without a cue. Rules with ``tense_after_days`` trust the tense only against a closest
    date at least that far off ("was shot on Oct. 23", written in May: last October; "payable
    Dec. 7 to holders", written in November: this December whatever "was" says nearby)."""
    base = ctx.year_base()
    if base is None:
        return None
    if ctx.ref.narrative and ctx.ref.last is not None:
        return base.year
    direction = ctx.direction()
    if day is None:
        return cal.month_year(base, month, direction)
    target = cal.safe_date(base.year, month, day) or cal.safe_date(base.year, month, 28)
    if target is None:
        return base.year
    trust_after = ctx.option("tense_after_days")
    if trust_after is not None and direction != 0:
        closest = min((base.year - 1, base.year, base.year + 1), key=lambda y: _days_off(base, y, month, day))
        if _days_off(base, closest, month, day) < int(trust_after):
            return closest
    if direction < 0 and target > base:
        return base.year - 1
    if direction > 0 and target < base:
        return base.year + 1
    if direction == 0:
        return cal.month_year(base, month, 0)
    return base.year


def _days_off(base: dt.date, year: int, month: int, day: int) -> int:
    target = cal.safe_date(year, month, day) or cal.safe_date(year, month, 28)
    return abs((target - base).days) if target else 10**6
