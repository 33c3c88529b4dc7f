"""The rule-based temporal tagger: find candidates with the language's rules, keep the
longest non-overlapping ones, normalise each to a TIMEX3 value at its own precision.

The rules and words come from the language data (see :mod:`.lexicon`); this module
only knows the generic *kinds* of rule (a calendar date, a relative date, a
duration, ...), never a word of any language.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storyline.extraction.time import calendar as cal
from storyline.extraction.time.lexicon import CONTEXT_CHARS, Rule, TimeLexicon, lexicon, norm_word, role

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
UNKNOWN = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "WE": "XXXX-WXX-WE", "D": "XXXX-XX-XX", "Q": "XXXX-QX"}
UNKNOWN.update({"DE": "XXX", "CE": "XX", "H": "XXXX-HX"})
TENSE_WINDOW = 90


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


@dataclass
class Reference:
    """What relative expressions resolve against: the anchor (DCT) and the last date the text
    itself mentioned (the "reference time"). Narratives resolve "on 5 May" against the reference
    time; anaphoric expressions ("the following year", "that day") do so in every text."""

    anchor: dt.date | None
    narrative: bool
    last: dt.date | None = None
    last_unit: str = "Y"
    last_period: tuple[int, str] | None = None  # (year, "Q3"/"H1") of the last quarter or half mentioned

    def base(self, unit: str = "D", *, anaphoric: bool = False) -> dt.date | None:
        if (self.narrative or anaphoric) and self.last is not None and _finer_or_equal(self.last_unit, unit):
            return self.last
        return self.anchor

    def year_base(self, *, anaphoric: bool = False) -> dt.date | None:
        if (self.narrative or anaphoric) and self.last is not None:
            return self.last
        return self.anchor

    def remember(self, value: str) -> None:
        period = re.fullmatch(r"(\d{4})-([QH][1-4])", value)
        if period:
            year, part = int(period.group(1)), period.group(2)
            self.last_period = (year, part)
            month = (int(part[1]) - 1) * (3 if part[0] == "Q" else 6) + 1
            self.last, self.last_unit = dt.date(year, month, 1), "Q"
            return
        match = re.fullmatch(r"(BC)?(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value[:10])
        if not match or match.group(1):
            return
        year, month, day = int(match.group(2)), match.group(3), match.group(4)
        try:
            self.last = dt.date(year, int(month or 1), int(day or 1))
        except ValueError:
            return
        self.last_unit = "D" if day else "M" if month else "Y"


ORDER = {"Y": 0, "Q": 1, "M": 2, "W": 3, "D": 4}


def _finer_or_equal(have: str, need: str) -> bool:
    return ORDER.get(have, 0) >= ORDER.get(need, ORDER.get(need, 4))


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

    def same_period(self, year: int) -> str | None:
        """For rules with ``same_period``: once the text has spoken of a quarter (or half) of the
        anchor's year, "a year earlier", "last year", "the 1988 period" mean that quarter of that year
        ("profit rose in the third quarter from $5 million a year earlier")."""
        period = self.ref.last_period
        if not self.option("same_period") or period is None or self.ref.anchor is None:
            return None
        if period[0] != self.ref.anchor.year:
            return None
        return f"{cal.year_str(year)}-{period[1]}"

    def direction(self) -> int:
        """The tense of the context, or the rule's ``default_direction`` when there is no cue."""
        return self.tense() or int(self.option("default_direction", 0))

    def tense(self) -> int:
        """-1 past, +1 future, 0 unknown, from cue words around the match within its sentence
        (rules with ``tense = false`` always take the closest date)."""
        if not self.rule.options.get("tense", True):
            return 0
        start, end = self.match.span()
        left = self.text[max(0, start - TENSE_WINDOW) : start]
        for prefix, direction in ((self.lex.past_prefix, -1), (self.lex.future_prefix, 1)):
            if prefix is not None and prefix.search(left):
                return direction
        right = self.text[end : end + TENSE_WINDOW]
        cut = max(left.rfind(". "), left.rfind("\n"))
        left = left[cut + 1 :] if cut >= 0 else left
        stop = min([i for i in (right.find(". "), right.find("\n")) if i >= 0], default=len(right))
        right = right[:stop]
        best: tuple[int, int] | None = None
        # Future cues first: a word both lists match ("planned", "expected") is a future cue.
        for cue, direction in ((self.lex.future, 1), (self.lex.past, -1)):
            if cue is None:
                continue
            for found in cue.finditer(left):
                distance = len(left) - found.end()
                if best is None or distance < best[0]:
                    best = (distance, direction)
            for found in cue.finditer(right):
                distance = found.start()
                if best is None or distance < best[0]:
                    best = (distance, direction)
        return best[1] if best else 0


# --------------------------------------------------------------------------- normalisers

Result = tuple[str, str | None] | None  # (value, mod)


def _year_of(ctx: Context) -> int | None:
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


def _month_of(ctx: Context) -> int | None:
    month = ctx.word("month")
    if month is None:
        month = ctx.integer("mon")
    return month


def _underspecified_year(ctx: Context, month: int, day: int | None = None) -> int | None:
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
    if direction < 0 and target > base:
        return base.year - 1
    if direction > 0 and target < base:
        return base.year + 1
    if direction == 0:
        return cal.month_year(base, month, 0)
    return base.year


def norm_date(ctx: Context) -> Result:
    year, month, day = _year_of(ctx), _month_of(ctx), ctx.integer("day")
    mod = ctx.word("part") or ctx.option("mod")
    if day is None and ctx.word("ordinal") is not None and month is not None:
        day = int(ctx.word("ordinal"))
    season, quarter, half = ctx.word("season"), ctx.word("quarter"), ctx.word("half")
    weekday, tod = ctx.word("weekday"), ctx.word("tod")
    if month is not None:
        if year is None:
            year = _underspecified_year(ctx, month, day)
        if day is not None:
            if year is not None and cal.safe_date(max(year, 1), month, day) is None:
                return None
            value = f"{cal.year_str(year) if year is not None else 'XXXX'}-{month:02d}-{day:02d}"
            return (f"{value}T{tod}" if tod else value), mod
        return f"{cal.year_str(year) if year is not None else 'XXXX'}-{month:02d}", mod
    if season is not None or quarter is not None or half is not None:
        if year is None:
            base = ctx.year_base()
            year = base.year if base else None
        prefix = cal.year_str(year) if year is not None else "XXXX"
        if season is not None:
            return f"{prefix}-{season}", mod
        if quarter is not None:
            return f"{prefix}-Q{quarter}", mod
        return f"{prefix}-H{half}", mod
    if year is not None:
        return ctx.same_period(year) or cal.year_str(year), mod
    if weekday is not None:
        base = ctx.base("D")
        if base is None:
            return f"XXXX-WXX-{weekday}", mod
        found = cal.weekday_near(base, int(weekday), ctx.direction())
        value = cal.fmt_date(found)
        return (f"{value}T{tod}" if tod else value), mod
    return None


def norm_numeric(ctx: Context) -> Result:
    """``12/24/2023``, ``24.12.2023``, ``2023-12-24``: kept only when the rule's orders agree on one date."""
    numbers = [ctx.integer(k) for k in ("a", "b", "c")]
    if None in numbers:
        return None
    results = set()
    for order in ctx.option("orders", ["YMD"]):
        parts = dict(zip(order, numbers, strict=True))
        year = parts["Y"]
        if year < 100:
            year += 2000 if year < 50 else 1900
        found = cal.safe_date(year, parts["M"], parts["D"])
        if found:
            results.add(cal.fmt_date(found))
    if len(results) != 1:
        return None
    return results.pop(), None


def _season_year(anchor: dt.date, season: str, rel: int) -> int:
    """The year of "last/next/this summer" seen from the anchor (winter counts from December)."""
    order = {"SP": 0, "SU": 1, "FA": 2, "WI": 3}
    current = "WI" if anchor.month in (12, 1, 2) else cal.SEASONS[(anchor.month - 3) // 3]
    year = anchor.year - 1 if anchor.month <= 2 else anchor.year
    here, there = order[current], order[season]
    if rel < 0:
        return year if there < here else year - 1
    if rel > 0:
        return year if there > here else year + 1
    return year


def _weekend(anchor: dt.date, direction: int) -> str:
    """The weekend just past (direction -1) or coming (+1, or the current one on a weekend)."""
    saturday = cal.weekday_near(anchor, 6, -1 if direction < 0 else 1, strict=direction < 0)
    if direction < 0 and anchor.isoweekday() == 7:
        saturday = anchor - dt.timedelta(days=1)
    return cal.iso_week(saturday) + "-WE"


def norm_relative(ctx: Context) -> Result:
    rel = ctx.word("rel")
    if rel is None:
        rel = ctx.option("rel", 0)
    if rel == "tense":
        rel = ctx.direction()
        if ctx.option("unit") == "WE":
            base = ctx.base("D")
            return (_weekend(base, rel) if base else "XXXX-WXX-WE"), None
    rel = int(rel)
    mod = ctx.word("part") or ctx.option("mod")
    unit = ctx.word("unit") or ctx.option("unit")
    month, weekday, season = ctx.word("month"), ctx.word("weekday"), ctx.word("season")
    tod = ctx.word("tod")
    if month is not None:
        base = ctx.year_base()
        if base is None:
            return f"XXXX-{int(month):02d}", mod
        year = base.year
        if rel < 0:
            year = base.year if month < base.month else base.year - 1
        elif rel > 0:
            year = base.year if month > base.month else base.year + 1
        return f"{cal.year_str(year)}-{int(month):02d}", mod
    if weekday is not None:
        base = ctx.base("D")
        if base is None:
            return f"XXXX-WXX-{weekday}", mod
        if rel == 0:
            found = base + dt.timedelta(days=int(weekday) - base.isoweekday())
        else:
            found = cal.weekday_near(base, int(weekday), rel, strict=True)
        value = cal.fmt_date(found)
        return (f"{value}T{tod}" if tod else value), mod
    if season is not None:
        base = ctx.year_base()
        if base is None:
            return f"XXXX-{season}", mod
        return f"{cal.year_str(_season_year(base, season, rel))}-{season}", mod
    if unit is None:
        return None
    base = ctx.base(unit)
    if base is None:
        return UNKNOWN.get(unit, "XXXX"), mod
    if unit == "Y" and rel < 0 and (same := ctx.same_period(base.year + rel)):
        return same, mod
    value = cal.shift(base, unit, rel)
    return (value, mod) if value else None


def norm_month_of_year(ctx: Context) -> Result:
    """ "June last year", "im April des folgenden Jahres", "im Herbst desselben Jahres": the month
    (or season) in the year the relative word names."""
    month, season, rel = _month_of(ctx), ctx.word("season"), ctx.word("rel")
    if (month is None and season is None) or rel is None:
        return None
    base = ctx.year_base()
    year = cal.year_str(base.year + int(rel)) if base else "XXXX"
    mod = ctx.word("part") or ctx.option("mod")
    return (f"{year}-{month:02d}" if month is not None else f"{year}-{season}"), mod


def norm_dayrel(ctx: Context) -> Result:
    offset = ctx.word("dayrel")
    if offset is None:
        offset = ctx.option("offset")
    if offset is None:
        return None
    tod = ctx.word("tod") or ctx.option("tod")
    if ctx.ref.narrative and int(offset) == 0 and not tod and ctx.lex.settings.get("narrative_present", True):
        return "PRESENT_REF", None
    base = ctx.base("D")
    value = "XXXX-XX-XX" if base is None else cal.shift(base, "D", int(offset)) or "XXXX-XX-XX"
    return (f"{value}T{tod}" if tod else value), None


def _amount_shift(ctx: Context, base: dt.date | None, direction: int) -> Result:
    unit = ctx.word("unit") or ctx.option("unit")
    amount = ctx.number()
    if amount is None:
        amount = ctx.option("amount", 1)
    if unit is None:
        return None
    if isinstance(amount, str) or amount != int(amount):
        return ("PAST_REF" if direction < 0 else "FUTURE_REF"), None
    if unit in ("DE", "CE"):
        # "a decade ago" is a year ten years back, not a decade.
        unit, amount = "Y", amount * (10 if unit == "DE" else 100)
    if base is None:
        return UNKNOWN.get(unit, "XXXX"), None
    if unit == "Y" and (same := ctx.same_period(base.year + direction * int(amount))):
        return same, None
    value = cal.shift(base, unit, direction * int(amount))
    return (value, None) if value else None


def norm_ago(ctx: Context) -> Result:
    return _amount_shift(ctx, ctx.ref.anchor, int(ctx.option("direction", -1)))


def norm_later(ctx: Context) -> Result:
    unit = ctx.word("unit") or ctx.option("unit", "D")
    return _amount_shift(ctx, ctx.base(unit), int(ctx.option("direction", 1)))


def norm_duration(ctx: Context) -> Result:
    if ctx.option("value"):
        return ctx.option("value"), ctx.option("mod")
    unit = ctx.word("unit")
    if unit is None:
        return None
    amount = ctx.number()
    if amount is None:
        amount = ctx.option("amount", 1)
    if ctx.option("add_half") and not isinstance(amount, str):
        amount += 0.5
    mod = ctx.word("part") or ctx.option("mod")
    return cal.duration(amount, unit), mod


def norm_set(ctx: Context) -> Result:
    if ctx.option("value"):
        return ctx.option("value"), None
    value = ctx.word("set")
    if value:
        return value, None
    weekday = ctx.word("weekday")
    if weekday is not None:
        return f"XXXX-WXX-{weekday}", None
    tod = ctx.word("tod")
    if tod is not None:
        return f"XXXX-XX-XXT{tod}", None
    unit = ctx.word("unit")
    if unit is None:
        return None
    return cal.duration(1, unit), None


def norm_ref(ctx: Context) -> Result:
    value = ctx.option("value") or ctx.word("ref")
    return (value, None) if value else None


def norm_age(ctx: Context) -> Result:
    amount = ctx.number()
    if amount is None or isinstance(amount, str) or not 0 < amount < 130:
        return None
    return cal.duration(amount, "Y"), None


def _distance(value: str | None, base: dt.date) -> int:
    day = cal.parse_iso(value)
    return abs((day - base).days) if day else 10**6


def norm_holiday(ctx: Context) -> Result:
    spec = ctx.word("holiday")
    if not spec:
        return None
    year = _year_of(ctx)
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
    """ "nineteen ninety-six" -> 1996, "two thousand (and) three" -> 2003 (speech transcripts)."""
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
    return cal.year_str(year), ctx.word("part") or ctx.option("mod")


def norm_century(ctx: Context) -> Result:
    number = ctx.integer("int")
    if number is None:
        ordinal = ctx.word("ordinal")
        number = int(ordinal) if ordinal is not None else None
    if number is None or not 0 < number < 22:
        return None
    mod = ctx.word("part") or ctx.option("mod")
    if ctx.word("era") == "BC":
        return f"BC{number - 1:02d}", mod
    return f"{number - 1:02d}", mod


def norm_time(ctx: Context) -> Result:
    hour, minute = ctx.integer("hour"), ctx.integer("minute")
    if hour is None:
        hour = ctx.option("hour")
    if hour is None:
        return None
    ampm = ctx.word("ampm")
    if ampm == "PM" and hour < 12:
        hour += 12
    elif ampm == "AM" and hour == 12:
        hour = 0
    offset = ctx.word("dayrel")
    weekday = ctx.word("weekday")
    base = ctx.base("D")
    month, day_of_month = _month_of(ctx), ctx.integer("day")
    if month is not None and day_of_month is not None:
        year = _year_of(ctx) or _underspecified_year(ctx, month, day_of_month)
        if year is None:
            day = f"XXXX-{month:02d}-{day_of_month:02d}"
        else:
            found = cal.safe_date(year, month, day_of_month)
            if found is None:
                return None
            day = cal.fmt_date(found)
    elif base is None:
        day = "XXXX-XX-XX"
    elif weekday is not None:
        day = cal.fmt_date(cal.weekday_near(base, int(weekday), ctx.direction()))
    else:
        day = cal.shift(base, "D", int(offset or 0)) or "XXXX-XX-XX"
    return f"{day}T{hour:02d}:{minute or 0:02d}", None


def norm_range(ctx: Context) -> list[tuple[int, int, str, str | None]] | None:
    """``3. bis 5. Mai 1945`` / ``May 3-5, 1945``: two dates sharing month and year; the first
    covers its day number only (as TimeML/TIMEX2 annotate it)."""
    month, year = _month_of(ctx), _year_of(ctx)
    month2 = ctx.word("month2")
    month2 = month if month2 is None else int(month2)
    day1, day2 = ctx.integer("day"), ctx.integer("day2")
    if day1 is None and day2 is None and month is not None and month2 != month:
        # "im Januar und Februar 1945", "in June or July 1944": both months in the year named once.
        if year is None:
            year = _underspecified_year(ctx, month)
        prefix = cal.year_str(year) if year is not None else "XXXX"
        mod2 = ctx.lex.lookup("part2", ctx.raw("part2")) if ctx.raw("part2") else None
        return [
            (*ctx.match.span("first"), f"{prefix}-{month:02d}", ctx.word("part")),
            (*ctx.match.span("second"), f"{prefix}-{month2:02d}", mod2),
        ]
    if month is None or day1 is None or day2 is None or (month, day1) >= (month2, day2):
        return None
    if year is None:
        year = _underspecified_year(ctx, month, day1)
    if year is not None and (cal.safe_date(year, month, day1) is None or cal.safe_date(year, month2, day2) is None):
        return None
    prefix = cal.year_str(year) if year is not None else "XXXX"
    first_start, first_end = ctx.match.span("first")
    second_start, second_end = ctx.match.span("second")
    return [
        (first_start, first_end, f"{prefix}-{month:02d}-{day1:02d}", None),
        (second_start, second_end, f"{prefix}-{month2:02d}-{day2:02d}", None),
    ]


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


# --------------------------------------------------------------------------- tagging


def _context_ok(rule: Rule, text: str, start: int, end: int) -> bool:
    options = rule.options
    if "not_before" in options or "need_before" in options:
        before = text[max(0, start - CONTEXT_CHARS) : start]
        if "not_before" in options and options["not_before"].search(before):
            return False
        if "need_before" in options and not options["need_before"].search(before):
            return False
    # Matched on a slice: with ``match(text, pos)`` a pattern's "^" would never match (it anchors at the
    # real start of the string only).
    return not ("not_after" in options and options["not_after"].match(text[end : end + CONTEXT_CHARS]))


def _sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 3) : position].rstrip(' \u00a0"\u201e\u201c')
    return not before or before[-1] in ".!?:\n"


def _case_ok(lex: TimeLexicon, match: re.Match[str]) -> bool:
    if not lex.case_sensitive and not lex.lowercase_only:
        return True
    for group, text in match.groupdict().items():
        if not text:
            continue
        word = norm_word(text)
        if word in lex.case_sensitive and text[:1].islower():
            return False
        lowercase = lex.lowercase_only.get(group.rstrip("0123456789"), ())
        if word in lowercase and text[:1].isupper() and not _sentence_start(match.string, match.start(group)):
            return False
    return True


def _select(candidates: list[tuple[int, int, int, Rule, re.Match[str]]]) -> list[tuple[int, int, Rule, re.Match[str]]]:
    """Longest first, then rule order; keep those that overlap nothing kept."""
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept = []
    for start, end, _, rule, match in candidates:
        index = bisect.bisect_left(starts, start)
        if index > 0 and ends[index - 1] > start:
            continue
        if index < len(starts) and starts[index] < end:
            continue
        starts.insert(index, start)
        ends.insert(index, end)
        kept.append((start, end, rule, match))
    kept.sort(key=lambda k: k[0])
    return kept


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _normalise(
    lex: TimeLexicon, text: str, ref: Reference, kept: list[tuple[int, int, Rule, re.Match[str]]]
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
            ref.remember(value)
    return found, failed


def tag(text: str, language: str, anchor: str | None, *, narrative: bool = False) -> list[Timex]:
    """All time expressions in ``text`` as :class:`Timex` records, in text order.

    A selected candidate that cannot be normalised ("May 26 to 20") is dropped and the selection
    redone without it, so the shorter expressions it covered still count.
    """
    lex = lexicon(language)
    candidates = []
    for rule in lex.rules:
        for match in rule.regex.finditer(text):
            start, end = _trim(text, *match.span())
            if end > start and _case_ok(lex, match) and _context_ok(rule, text, start, end):
                candidates.append((start, end, rule.priority, rule, match))
    while True:
        ref = Reference(anchor=cal.parse_iso(anchor), narrative=narrative)
        found, failed = _normalise(lex, text, ref, _select(list(candidates)))
        if not failed:
            return found
        candidates = [c for c in candidates if (c[0], c[1], c[2]) not in failed]
