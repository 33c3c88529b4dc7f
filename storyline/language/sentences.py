"""Rule-based sentence splitting with per-language abbreviation lists.

Good enough to show every item in its sentence; the NLP pipeline of a later
stage may replace it per language through the registry's ``sentences``
component. Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re
from functools import cache

from storyline.language.registry import default_registry
from storyline.records import SentenceSpan

# A candidate end: terminal punctuation, optional closing quotes/brackets, then space.
CANDIDATE_END = re.compile(r"[.!?…]+[\"'”’»«)\]]*(?=\s+[\"'“„‘»«(\[]?[\w])")
PARAGRAPH = re.compile(r"\n\s*\n|\n")
TOKEN_BEFORE = re.compile(r"([\w.]+)\.$")


@cache
def _abbreviations(language: str) -> frozenset[str]:
    profile = default_registry().find(language)
    if profile is None:
        return frozenset()
    return frozenset(a.lower() for a in profile.section("sentences").get("abbreviations", []))


def split_sentences(text: str, language: str) -> list[SentenceSpan]:
    """Sentence spans (character offsets into ``text``), stripped of outer spaces."""
    abbreviations = _abbreviations(language)
    spans: list[SentenceSpan] = []
    start = 0
    for paragraph_end in [m.start() for m in PARAGRAPH.finditer(text)] + [len(text)]:
        paragraph = text[start:paragraph_end]
        cursor = 0
        for match in CANDIDATE_END.finditer(paragraph):
            end = match.end()
            if match.group().startswith(".") and _is_abbreviation(
                paragraph[max(0, match.start() - 40) : match.start() + 1], abbreviations
            ):
                continue
            _append(spans, text, start + cursor, start + end)
            cursor = end
        _append(spans, text, start + cursor, paragraph_end)
        start = paragraph_end
    return spans


def _is_abbreviation(before: str, abbreviations: frozenset[str]) -> bool:
    match = TOKEN_BEFORE.search(before)
    if not match:
        return False
    token = match.group(1).lower()
    # Initials ("J.") and ordinal dates ("26.") do not end sentences either.
    return token in abbreviations or len(token) == 1 or (token.isdigit() and len(token) <= 2)


def _append(spans: list[SentenceSpan], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(SentenceSpan(start=start, end=end))
