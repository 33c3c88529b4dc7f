"""The event words of one language, read from ``storyline/language/data/<code>/events.toml``.

A trigger is a sequence of parts; each part is one or more words that must follow each other, and
consecutive parts may have a few words between them ("wies ... ab", "zog ... zurück"), which is how
separable German verbs and split English phrases are matched without a parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.language.registry import default_registry

GAP = "..."


@dataclass(frozen=True)
class Trigger:
    type: str
    parts: tuple[tuple[str, ...], ...]  # lower-cased words; a gap of up to MAX_GAP words between parts

    @property
    def size(self) -> int:
        return sum(len(part) for part in self.parts)


@dataclass(frozen=True)
class EventLexicon:
    triggers: tuple[Trigger, ...]  # longest first, so "threw out" wins over a shorter trigger on "threw"
    plan_cues: tuple[re.Pattern[str], ...]
    date_before_factor: float = 1.0  # a date before its trigger counts this much farther than one after it
    anaphora: tuple[re.Pattern[str], ...] = ()  # sentence openings that refer back ("He …", "Der 71-Jährige …")


def _trigger(event_type: str, form: str) -> Trigger:
    parts = tuple(tuple(word.lower() for word in part.split()) for part in form.split(GAP) if part.strip())
    return Trigger(event_type, parts)


@cache
def event_lexicon(language: str) -> EventLexicon | None:
    """The lexicon for ``language`` (None when the language has no event data)."""
    profile = default_registry().find(language)
    data = profile.section("events") if profile else {}
    if not data.get("types"):
        return None
    triggers = [_trigger(event_type, form) for event_type, forms in data["types"].items() for form in forms]
    triggers.sort(key=lambda t: (-t.size, -len(t.parts)))
    cues = tuple(re.compile(p, re.IGNORECASE) for p in data.get("cues", {}).get("plan", []))
    linking = data.get("linking", {})
    factor = float(linking.get("date_before_factor", 1.0))
    anaphora = tuple(re.compile(p, re.IGNORECASE) for p in linking.get("anaphora", []))
    return EventLexicon(tuple(triggers), cues, factor, anaphora)
