"""Metadata that scrapers leave as lines in plain text: dates, outlets, bylines.

Recognised (in any registered language, from each profile's ``[metadata]`` and
``[dates]`` data):

* header lines near the top that carry a date, e.g. `` date 2024-06-26 Getty``
  — the rest of the line is an outlet candidate unless it is an image agency;
* datelines such as ``Dec. 9 2023, Published 12:36 p.m. ET`` or
  ``26. Juni 2024, aktualisiert``;
* footers: "The post … appeared first on OUTLET", copyright lines naming the
  holder;
* bylines: "By Jane Doe".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from storyline.language.registry import LanguageRegistry, default_registry

HEADER_WINDOW = 4  # lines at the top where a bare metadata header may sit
MAX_DATELINE_WORDS = 14
COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*"
    r"(?P<holder>[^.,|;]{2,60}?[!?]?)\s*(?:\.|,|\||;|all rights|alle rechte|$)",
    re.I,
)
ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ][\d:.+Z-]*)?\b")
NUMERIC_DATE = re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d{2})\b")
# "Outlet | Section" as the first line of a page.
MASTHEAD = re.compile(r"^\s*(?P<outlet>[^|.!?]{2,60}?)\s+[|–—]\s+[^|.!?]{2,60}$")
MAX_MASTHEAD_WORDS = 8
HEADER_LABEL = re.compile(r"^\s*(date|datum|published|veröffentlicht)\s*:?\s*", re.I)


@dataclass
class TextMetadata:
    """What the metadata lines of one article say, and which lines they were."""

    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    consumed: set[int] = field(default_factory=set)


class MetadataReader:
    def __init__(self, registry: LanguageRegistry) -> None:
        self._footers = [p for p in (pr.pattern("metadata", "outlet_footer") for pr in registry.profiles()) if p]
        self._bylines = [p for p in (pr.pattern("metadata", "byline") for pr in registry.profiles()) if p]
        dateline_words = sorted(
            {w for pr in registry.profiles() for w in pr.section("metadata").get("dateline_words", [])}
        )
        self._dateline_word = re.compile(r"\b(" + "|".join(map(re.escape, dateline_words)) + r")\b", re.I)
        month_index: dict[str, int] = {}
        for profile in registry.profiles():
            for number, names in enumerate(profile.section("dates").get("months", []), start=1):
                for name in names:
                    month_index[name.lower()] = number
        self._months = month_index
        names = "|".join(sorted(map(re.escape, month_index), key=len, reverse=True))
        # "Dec. 9 2023", "June 26, 2024", "26. Juni 2024", "9 December 2023"
        self._month_first = re.compile(
            rf"\b(?P<mon>{names})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I
        )
        self._day_first = re.compile(
            rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<mon>{names})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I
        )
        agencies = registry.common.get("credits", {}).get("agencies", [])
        self._agencies = {a.lower() for a in agencies}

    def find_date(self, text: str) -> str | None:
        """The first full calendar date in ``text`` as ISO ``YYYY-MM-DD``."""
        for regex in (ISO_DATE, NUMERIC_DATE):
            if match := regex.search(text):
                return _iso(match["y"], match["m"], match["d"])
        for regex in (self._month_first, self._day_first):
            if match := regex.search(text):
                return _iso(match["y"], str(self._months[match["mon"].lower()]), match["d"])
        return None

    def read(self, lines: list[str]) -> TextMetadata:
        meta = TextMetadata()
        header_outlet: str | None = None
        footer_outlet: str | None = None
        copyright_holder: str | None = None
        first_content = next((i for i, line in enumerate(lines) if line.strip()), 0)
        for index, raw in enumerate(lines):
            line = raw.strip()
            if not line:
                continue
            words = line.split()
            found_date = self.find_date(line) if len(words) <= MAX_DATELINE_WORDS else None
            if found_date and index < first_content + HEADER_WINDOW and self._is_header(line):
                meta.published = meta.published or found_date
                rest = self._header_rest(line)
                if rest and rest.lower() not in self._agencies:
                    header_outlet = header_outlet or rest
                meta.consumed.add(index)
                continue
            if found_date and self._is_dateline(line):
                meta.published = meta.published or found_date
                meta.consumed.add(index)
                continue
            if index == first_content and len(words) <= MAX_MASTHEAD_WORDS and (match := MASTHEAD.match(line)):
                header_outlet = header_outlet or match["outlet"].strip()
                meta.consumed.add(index)
                continue
            for footer in self._footers:
                if match := footer.match(line):
                    footer_outlet = match["outlet"].strip()
                    meta.consumed.add(index)
            if match := COPYRIGHT.match(line):
                copyright_holder = copyright_holder or match["holder"].strip(" -–—:")
            for byline in self._bylines:
                if match := byline.match(line):
                    meta.author = meta.author or match["author"]
                    meta.consumed.add(index)
        meta.outlet = footer_outlet or header_outlet or copyright_holder
        if meta.outlet:
            # The outlet's name standing alone near the top is a masthead, not text.
            for index, raw in enumerate(lines[: first_content + HEADER_WINDOW + 2]):
                if raw.strip().lower() == meta.outlet.lower():
                    meta.consumed.add(index)
        return meta

    def _is_header(self, line: str) -> bool:
        """A short line that is a date plus at most a name: no sentence."""
        return not re.search(r"[.!?]\s*$", line) or bool(HEADER_LABEL.match(line))

    def _header_rest(self, line: str) -> str | None:
        rest = HEADER_LABEL.sub("", line)
        for regex in (ISO_DATE, NUMERIC_DATE, self._month_first, self._day_first):
            rest = regex.sub(" ", rest)
        rest = " ".join(rest.strip(" ,;|-–").split())
        return rest or None

    def _is_dateline(self, line: str) -> bool:
        """A line that starts with a date or a dateline word and says nothing else."""
        if self._dateline_word.match(line):
            return True
        starts_with_date = any(
            (m := regex.search(line)) and m.start() <= 1
            for regex in (ISO_DATE, NUMERIC_DATE, self._month_first, self._day_first)
        )
        rest = self._header_rest(line) or ""
        return starts_with_date and (
            not re.search(r"[A-Za-zÄÖÜäöüß]{3,}", rest) or bool(self._dateline_word.search(rest))
        )


def normalise_published(value: str | None) -> str | None:
    """A publication timestamp from metadata as an ISO date (``YYYY-MM-DD``), or ``None``."""
    if not value:
        return None
    if match := ISO_DATE.search(value):
        return _iso(match["y"], match["m"], match["d"])
    return default_metadata_reader().find_date(value)


def _iso(year: str, month: str, day: str) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


@cache
def default_metadata_reader() -> MetadataReader:
    return MetadataReader(default_registry())
