"""The rule-based temporal tagger: find candidates with the language's rules, keep the
longest non-overlapping ones, normalise each to a TIMEX3 value at its own precision.

The rules and words come from the language data (see :mod:`.lexicon`); the modules here only
know the generic *kinds* of rule (a calendar date, a relative date, a duration, ...), never a
word of any language: :mod:`.candidates` finds and selects, :mod:`.normalise` dispatches to the
``norm_*`` modules, :mod:`.reference` tracks the reference time, :mod:`.direction` reads tense.
"""

from __future__ import annotations

from storyline.extraction.time import calendar as cal
from storyline.extraction.time.candidates import find_candidates, select
from storyline.extraction.time.lexicon import lexicon
from storyline.extraction.time.normalise import Timex, normalise
from storyline.extraction.time.reference import Reference

__all__ = ["Timex", "tag"]


def tag(text: str, language: str, anchor: str | None, *, narrative: bool = False) -> list[Timex]:
    """All time expressions in ``text`` as :class:`Timex` records, in text order.

    A selected candidate that cannot be normalised ("May 26 to 20") is dropped and the selection
    redone without it, so the shorter expressions it covered still count.
    """
    lex = lexicon(language)
    candidates = find_candidates(lex, text)
    while True:
        ref = Reference(anchor=cal.parse_iso(anchor), narrative=narrative)
        found, failed = normalise(lex, text, ref, select(list(candidates)))
        if not failed:
            return found
        candidates = [c for c in candidates if (c[0], c[1], c[2]) not in failed]
