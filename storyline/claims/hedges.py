"""Claims the text itself doubts: "the boys reportedly move to Hawaii in July?", „soll im Juli umgezogen sein“.

A hedge word from the language's ``claims.hedges`` data in the clause around the claimed value, or a
sentence that is a question, makes a claim hedged: it may support a value but is never one side of a
contradiction (a rumour that turns out different is not two sources disagreeing).
"""

from __future__ import annotations

import re
from functools import cache

from storyline.language.registry import default_registry
from storyline.records import Document

CLAUSE_BREAK = re.compile(r"[,;:–—()]")


@cache
def _hedge_pattern(language: str) -> re.Pattern[str] | None:
    profile = default_registry().find(language)
    cues = profile.section("claims").get("hedges", {}).get("cues", []) if profile else []
    return re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.IGNORECASE) if cues else None


def hedged(document: Document, start: int, end: int, at: int) -> bool:
    """Whether the sentence ``start``-``end`` is a question, or its clause around ``at`` holds a hedge."""
    sentence = document.text[start:end]
    if sentence.rstrip().rstrip("\"'”“»«)").endswith("?"):
        return True
    pattern = _hedge_pattern(document.language)
    if pattern is None:
        return False
    offset = min(max(at - start, 0), len(sentence))
    breaks_before = [m.end() for m in CLAUSE_BREAK.finditer(sentence, 0, offset)]
    clause_start = breaks_before[-1] if breaks_before else 0
    after = CLAUSE_BREAK.search(sentence, offset)
    clause = sentence[clause_start : after.start() if after else len(sentence)]
    return bool(pattern.search(clause))
