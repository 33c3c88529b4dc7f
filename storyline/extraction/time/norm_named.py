"""Normalisers for named periods and written-out years: holidays, decades, centuries,
"nineteen ninety-six"."""

from __future__ import annotations

import datetime as dt
import re

from storyline.extraction.time import calendar as cal
from storyline.extraction.time.context import Context, Result, month_of, year_of


def _distance(value: str | None, base: dt.date) -> int:
    day = cal.parse_iso(value)
    return abs((day - base).days) if day else 10**6


def norm_holiday(ctx: Context) -> Result:
    spec = ctx.word("holiday")
    if not spec:
        return None
    year = year_of(ctx)
    if year is None:
        base = ctx.year_base()
        if base is None:
            return ("XXXX-" + spec if re.fullmatch(r"\d\d-\d\d", spec) else "XXXX-XX-XX"), None
        year = base.year
        if not ctx.ref.narrative:
            value = cal.holiday(spec, year)
            direction = ctx.direction()
            if value and direction < 0 and value > cal.fmt_date(base):
                year -= 1
            elif value and direction > 0 and value < cal.fmt_date(base):
                year += 1
            elif value and direction == 0 and value > cal.fmt_date(base):
                # No tense cue: a holiday still ahead this year but closer last year was last year's
                # ("Elian was found Thanksgiving Day", written in January); never move forward uncued.
                year = min((year - 1, year), key=lambda y: _distance(cal.holiday(spec, y), base))
    value = cal.holiday(spec, year)
    return (value, None) if value else None


def norm_decade(ctx: Context) -> Result:
    mod = ctx.word("part") or ctx.option("mod")
    if ctx.raw("decade"):
        return ctx.raw("decade"), mod
    yy = int(ctx.raw("yy")) if ctx.raw("yy") else None
    if yy is None and ctx.word("decadeword") is not None:
        yy = int(ctx.word("decadeword"))
    if yy is not None:
        base = ctx.ref.anchor
        century = (base.year // 100) if base else 20
        decade = century * 10 + yy // 10
        if base and decade * 10 > base.year:
            decade -= 10
        return str(decade), mod
    return None


def norm_spelled_year(ctx: Context) -> Result:
    """ "nineteen ninety-six" -> 1996, "two thousand (and) three" -> 2003 (speech transcripts);
    with a month or season before it ("January nineteen ninety-seven") -> 1997-01."""
    hundreds = ctx.word("hundreds")
    rest = ctx.number()
    if hundreds is None:
        return None
    if rest is None:
        rest = 0
    if isinstance(rest, str) or rest != int(rest) or not 0 <= rest < 100:
        return None
    if int(hundreds) % 100 == 0 and rest == 0 and int(hundreds) < 1000:
        return None
    year = int(hundreds) + int(rest) if int(hundreds) >= 1000 else int(hundreds) * 100 + int(rest)
    if int(hundreds) < 1000 and rest < 10:
        return None
    month, season = month_of(ctx), ctx.word("season")
    suffix = f"-{month:02d}" if month is not None else f"-{season}" if season is not None else ""
    return cal.year_str(year) + suffix, ctx.word("part") or ctx.option("mod")


def _century_number(ctx: Context, suffix: str = "") -> int | None:
    number = ctx.integer("int" + suffix)
    if number is None:
        text = ctx.raw("ordinal" + suffix)
        ordinal = ctx.lex.lookup("ordinal", text) if text else None
        number = int(ordinal) if ordinal is not None else None
    return number if number is not None and 0 < number < 22 else None


def _century_value(number: int, era: str | None) -> str:
    return f"BC{number - 1:02d}" if era == "BC" else f"{number - 1:02d}"


def norm_century(ctx: Context) -> Result:
    number = _century_number(ctx)
    if number is None:
        return None
    return _century_value(number, ctx.word("era")), ctx.word("part") or ctx.option("mod")


def century_pair(ctx: Context) -> list[tuple[int, int, str, str | None]] | None:
    """ "im 11. und 12. Jahrhundert", "Ende des 16. und Anfang des 17. Jahrhunderts", "2./3. Jahrhundert":
    two centuries, the first named by its number alone (each part keeps its own "Anfang"/"Ende")."""
    first, second = _century_number(ctx), _century_number(ctx, "2")
    if first is None or second is None or second <= first:
        return None
    era = ctx.word("era")
    part2 = ctx.lex.lookup("part", ctx.raw("part2")) if ctx.raw("part2") else None
    return [
        (*ctx.match.span("first"), _century_value(first, era), ctx.word("part")),
        (*ctx.match.span("second"), _century_value(second, era), part2),
    ]
