"""Claims about amounts and counts: what something is worth, sold for, employs.

An amount becomes a claim only when its sentence says what it measures (a word from the language's
``amount_measures``) and names exactly one thing it can be about: one non-person entity, else one
person. Anything less clear is left out: comparing figures about different things would invent
contradictions.
"""

from __future__ import annotations

import re
from functools import cache

from storyline.claims.context import ClaimContext, EntityMention
from storyline.claims.numbers import find_amounts
from storyline.language.registry import default_registry
from storyline.records import Claim, Document


@cache
def _measures(language: str) -> list[tuple[str, re.Pattern[str]]]:
    profile = default_registry().find(language)
    data = profile.section("claims").get("amount_measures", {}) if profile else {}
    return [
        (name, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE))
        for name, words in data.items()
    ]


def amount_claims(documents: list[Document], context: ClaimContext) -> list[Claim]:
    claims = []
    outlets = {d.outlet.casefold() for d in documents if d.outlet}
    for document in documents:
        for amount in find_amounts(document.text, document.language):
            start, end = context.sentence(document.id, amount.start)
            sentence = document.text[start:end]
            measure = _measure(sentence, document.language)
            mentions = [
                m
                for m in context.mentions_in(document.id, start, end)
                if (m.end <= amount.start or m.start >= amount.end)  # "€" or "Euro" tagged as a name is the unit
                and context.label(m.entity).casefold() not in outlets  # "seen by the Shoreline Times"
            ]
            subject = _subject(mentions, context, document.id, start)
            if measure is None or subject is None:
                continue
            claims.append(
                context.claim(
                    subject=subject,
                    subject_label=context.label(subject),
                    property="amount",
                    value=_plain(amount.value),
                    unit=amount.unit,
                    qualifier=measure,
                    approximate=amount.approximate,
                    value_text=amount.text,
                    doc=document.id,
                    start=start,
                    end=end,
                    at=amount.start,
                )
            )
    return claims


def _measure(sentence: str, language: str) -> str | None:
    found = {name for name, pattern in _measures(language) if pattern.search(sentence)}
    return found.pop() if len(found) == 1 else None


def _subject(mentions: list[EntityMention], context: ClaimContext, doc: str, start: int) -> str | None:
    """The one thing the sentence is about; the sentence before is consulted when this one names none."""
    if not mentions and start > 0:
        before_start, before_end = context.sentence(doc, start - 1)
        mentions = context.mentions_in(doc, before_start, before_end)
    for tier in (("organisation", "misc", "name"), ("place",), ("person",)):
        ids = {m.entity for m in mentions if m.type in tier}
        if len(ids) == 1:
            return ids.pop()
        if ids:
            return None
    return None


def _plain(value: float) -> str:
    """1200000.0 -> "1200000", 2.5 -> "2.5" (no exponent)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
