"""Denials and what they deny: "Lynne said she never threw away the dolls" against "Lynne threw away the dolls".

A sentence with a denial cue from the language's ``claims.denial`` data ("never", "denied",
"stimmt nicht", "dementierte") is a denied statement about the people it names (or its speaker).
Another sentence, in the same language, about one of the same people, without a denial cue and
sharing at least half of the denial's content words (two at least), is the affirmed statement it
answers; when it reports an accusation ("Britney accused her mother of ..."), the accuser asserts it. Both claims get
the same value (the denial's content words), so the comparison sees one statement with two polarities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.claims.context import ClaimContext
from storyline.language.registry import default_registry
from storyline.records import AssertedBy, Claim, Document

MIN_SHARED = 2
MIN_SHARED_FRACTION = 0.5
ACCUSER_BEFORE = 40  # characters between the accuser's name and the accusation verb
STEM = 5
WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class _Sentence:
    doc: str
    start: int
    end: int
    language: str
    people: frozenset[str]
    words: frozenset[str]
    denial: bool
    at: int  # where the denial cue stands (the sentence start otherwise): who speaks there
    accuser: str | None  # the person whose accusation the sentence reports ("Britney accused ...")


@cache
def _denial_pattern(language: str) -> re.Pattern[str] | None:
    profile = default_registry().find(language)
    cues = profile.section("claims").get("denial", {}).get("cues", []) if profile else []
    return re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.IGNORECASE) if cues else None


@cache
def _accusation_pattern(language: str) -> re.Pattern[str] | None:
    profile = default_registry().find(language)
    cues = profile.section("claims").get("accusation", {}).get("cues", []) if profile else []
    return re.compile(r"\b(?:" + "|".join(cues) + r")\b", re.IGNORECASE) if cues else None


@cache
def _ignored_words(language: str) -> frozenset[str]:
    """Stop words and reporting verbs: they say nothing about what is asserted."""
    words: set[str] = set()
    try:
        import spacy

        words |= set(spacy.util.get_lang_class(language).Defaults.stop_words)
    except Exception:  # a language spaCy does not know: no stop words
        pass
    profile = default_registry().find(language)
    if profile:
        speech = profile.section("speech")
        words |= {w.lower() for key in ("verbs", "indirect_verbs") for w in speech.get(key, [])}
        words |= set(profile.section("claims").get("denial", {}).get("light_words", []))
    return frozenset(w.lower() for w in words)


def statement_claims(documents: list[Document], context: ClaimContext) -> list[Claim]:
    names = frozenset(
        part.lower()
        for entity in context.entities.values()
        for name in (entity.name, *entity.aliases)
        for part in WORD.findall(name)
    )
    sentences = [s for document in documents for s in _sentences(document, context, names)]
    claims: list[Claim] = []
    for denial in (s for s in sentences if s.denial and s.people and len(s.words) >= MIN_SHARED):
        answered = [
            other
            for other in sentences
            if not other.denial
            and other.language == denial.language
            and (other.people & denial.people)
            and _shares_content(denial.words, other.words)
        ]
        if not answered:
            continue
        value = " ".join(sorted(denial.words))
        for sentence, polarity in [(denial, "denied"), *((a, "affirmed") for a in answered)]:
            for person in sorted(sentence.people & denial.people):
                claims.append(
                    context.claim(
                        subject=person,
                        subject_label=context.label(person),
                        property="statement",
                        value=value,
                        polarity=polarity,
                        doc=sentence.doc,
                        start=sentence.start,
                        end=sentence.end,
                        at=sentence.at,
                        asserted_by=_accuser(sentence, context),
                    )
                )
    return claims


def _shares_content(denied: frozenset[str], other: frozenset[str]) -> bool:
    shared = len(denied & other)
    return shared >= MIN_SHARED and shared / len(denied) >= MIN_SHARED_FRACTION


def _sentences(document: Document, context: ClaimContext, names: frozenset[str]) -> list[_Sentence]:
    pattern = _denial_pattern(document.language)
    ignored = _ignored_words(document.language)
    found = []
    for span in document.sentences:
        mentions = [m for m in context.mentions_in(document.id, span.start, span.end) if m.type == "person"]
        # the words that name the people ("Vater und Tochter", "her mother") are who, not what is asserted
        text = _blanked(document.text, span.start, span.end, [(m.start, m.end) for m in mentions])
        cue = pattern.search(text) if pattern else None
        people = {m.entity for m in mentions}
        quote = context.attribution.quote_at(document.id, span.start + (cue.start() if cue else 0))
        if quote is not None and quote.speaker.entity:
            people.add(quote.speaker.entity)
        if cue:
            text = text[: cue.start()] + " " + text[cue.end() :]
        words = {w.lower() for w in WORD.findall(text)} - ignored - names
        found.append(
            _Sentence(
                document.id,
                span.start,
                span.end,
                document.language,
                frozenset(people),
                frozenset(w[:STEM] for w in words),
                cue is not None,
                span.start + (cue.start() if cue else 0),
                _accused_by(document, span.start, span.end, context),
            )
        )
    return found


def _blanked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """``text[start:end]`` with the given spans replaced by spaces (offsets kept)."""
    chars = list(text[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            chars[i - start] = " "
    return "".join(chars)


def _accused_by(document: Document, start: int, end: int, context: ClaimContext) -> str | None:
    """The person named right before an accusation verb, outside quotes: who asserts the accusation."""
    pattern = _accusation_pattern(document.language)
    cue = pattern.search(document.text, start, end) if pattern else None
    if cue is None or context.attribution.quote_at(document.id, cue.start()) is not None:
        return None
    before = [
        m
        for m in context.mentions_in(document.id, start, cue.start())
        if m.type == "person" and cue.start() - m.end <= ACCUSER_BEFORE
    ]
    return before[-1].entity if before else None


def _accuser(sentence: _Sentence, context: ClaimContext) -> AssertedBy | None:
    if sentence.accuser is None:
        return None
    outlet = context.attribution.outlet(sentence.doc)
    return AssertedBy(kind="speaker", label=context.label(sentence.accuser), entity=sentence.accuser, outlet=outlet)
