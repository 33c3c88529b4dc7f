"""Amounts and counts with units: "€1.2 million", "rund 1,2 Millionen Euro" and "about €1.2m" are one figure.

Each amount is normalised to a number and a language-independent unit (``EUR``, ``PERCENT``,
``employees`` ...) and keeps its precision (the place of its last stated digit) and whether the text
marks it as approximate, so that two figures can be compared with rounding tolerance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.language.registry import default_registry

SYMBOLS = ("€", "$", "£", "%")


@dataclass(frozen=True)
class Amount:
    value: float
    unit: str
    precision: float
    approximate: bool
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _NumberRules:
    pattern: re.Pattern[str]
    decimal: str
    thousands: str
    scales: dict[str, float]
    units: dict[str, str]
    approximate: re.Pattern[str] | None


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _rules(language: str) -> _NumberRules | None:
    profile = default_registry().find(language)
    data = profile.section("claims").get("numbers") if profile else None
    if not data:
        return None
    decimal, thousands = re.escape(data["decimal"]), re.escape(data["thousands"])
    number = rf"\d{{1,3}}(?:{thousands}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?"
    scales = {k.lower(): float(v) for k, v in data.get("scales", {}).items()}
    units = {k.lower(): v for k, v in data.get("units", {}).items()}
    symbols = [u for u in units if u in SYMBOLS]
    words = [u for u in units if u not in SYMBOLS]
    scale = rf"(?:\s?(?P<scale>{_alternatives(list(scales))})(?![\w]))?"
    before = rf"(?P<pre>{_alternatives(symbols)})\s?(?P<num>{number}){scale}"
    after = (
        rf"(?P<num2>{number}){scale.replace('scale', 'scale2')}\s?"
        rf"(?P<post>{_alternatives(symbols)}|(?:{_alternatives(words)})(?![\w]))"
    )
    pattern = re.compile(rf"(?<![\w.,]){before}|(?<![\w.,]){after}", re.IGNORECASE)
    approx = data.get("approximate", [])
    approx_pattern = re.compile(rf"(?:^|\W)(?:{_alternatives(approx)})\s*$", re.IGNORECASE) if approx else None
    return _NumberRules(pattern, data["decimal"], data["thousands"], scales, units, approx_pattern)


def find_amounts(text: str, language: str) -> list[Amount]:
    """Every number with a unit in ``text`` (character offsets into it)."""
    rules = _rules(language)
    if rules is None:
        return []
    found = []
    for match in rules.pattern.finditer(text):
        digits = match.group("num") or match.group("num2")
        scale_word = (match.group("scale") or match.group("scale2") or "").lower()
        unit_word = (match.group("pre") or match.group("post") or "").lower()
        unit = rules.units.get(unit_word)
        if unit is None:
            continue
        number, precision = _parse_number(digits, rules)
        scale = rules.scales.get(scale_word, 1.0)
        window = text[max(0, match.start() - 30) : match.start()]
        approximate = bool(rules.approximate and rules.approximate.search(window))
        found.append(
            Amount(number * scale, unit, precision * scale, approximate, match.start(), match.end(), match.group(0))
        )
    return found


def _parse_number(digits: str, rules: _NumberRules) -> tuple[float, float]:
    """The value and the size of its last stated digit ("1.2" -> 0.1; "1,200,000" -> 100000)."""
    plain = digits.replace(rules.thousands, "")
    whole, _, fraction = plain.partition(rules.decimal)
    value = float(f"{whole}.{fraction}" if fraction else whole)
    if fraction:
        return value, 10.0 ** -len(fraction)
    if value < 1000:  # "30 %", "500 employees": small round numbers are taken as stated
        return value, 1.0
    trailing = len(whole) - len(whole.rstrip("0"))
    return value, 10.0 ** min(trailing, len(whole) - 1)


def same_figure(a: Amount, b: Amount, approximate_tolerance: float) -> bool:
    """Whether two amounts of one unit can be the same figure, allowing for rounding and "about"."""
    if a.unit != b.unit:
        return False
    tolerance = max(a.precision, b.precision) / 2
    if a.approximate or b.approximate:
        tolerance += approximate_tolerance * max(abs(a.value), abs(b.value))
    return abs(a.value - b.value) <= tolerance + 1e-9
