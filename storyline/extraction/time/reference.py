"""The reference time: what relative expressions resolve against while the tagger reads a text
from start to end (the document date, and the last date the text itself mentioned)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass


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

    def remember(self, value: str, *, comparison: bool = False) -> None:
        """Make ``value`` the reference time; a ``comparison`` ("a year earlier" = 1988-Q3) leaves
        the period under discussion as it was."""
        period = re.fullmatch(r"(\d{4})-([QH][1-4])", value)
        if period:
            year, part = int(period.group(1)), period.group(2)
            if not comparison:
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


ORDER = {"CE": 0, "DE": 0, "Y": 0, "Q": 1, "M": 2, "W": 3, "D": 4}


def _finer_or_equal(have: str, need: str) -> bool:
    return ORDER.get(have, 0) >= ORDER.get(need, ORDER.get(need, 4))
