"""The per-language speech knowledge (``data/<code>/speech.toml``) compiled for matching."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from storyline.language.registry import default_registry


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class SpeechLexicon:
    language: str
    verbs: frozenset[str]
    indirect_verbs: frozenset[str]
    cue: re.Pattern[str]  # any cue verb as a word
    source_after: re.Pattern[str] | None  # "according to", "laut"
    source_before: re.Pattern[str] | None  # "zufolge"
    anonymous_heads: frozenset[str]
    pronouns: dict[str, str]
    determiners: frozenset[str]
    adverbs: frozenset[str]
    subjunctive: frozenset[str]
    channels: dict[str, str]
    channel: re.Pattern[str] | None
    reported_to_before: frozenset[str]
    generic_outlets: tuple[str, ...]
    title_before: frozenset[str]
    title_after: frozenset[str]
    stoppers: frozenset[str]  # words that end a source phrase ("to", "in", "who", "gegenüber")
    keep_inside: frozenset[str]  # stoppers that may stay inside one ("an attorney for X")
    subordinators: frozenset[str]  # words that open a clause before the subject ("whether", "obwohl")
    after_quote_only: frozenset[str]
    participle_cues: frozenset[str]
    after_cue_stoppers: frozenset[str]  # words that end a source named after its cue ("laut X nun …")
    role_nouns: frozenset[str]
    definite_articles: frozenset[str]
    first_person: frozenset[str]
    complementizers: frozenset[str]
    prepositions: frozenset[str]
    possessives: frozenset[str]
    contractions: frozenset[str]
    relative_pronouns: frozenset[str]
    addressee_verbs: frozenset[str]
    outlet_prepositions: frozenset[str]
    statement_words: frozenset[str]
    discourse_openers: frozenset[str]
    non_person_cues: frozenset[str]
    reported_clause_openers: frozenset[str]  # "dass", "daß", "ob": open a clause of reported content
    reporting_stems: tuple[str, ...]  # stems of words that report speech or thought ("sag", "hoff", "meinung")
    reporting_nouns: frozenset[str]  # "Nachricht", "Meinung": nouns that name a report (matched whole)
    not_reporting: frozenset[str]  # words before such a clause that make it no report ("so", "dadurch")
    object_cues: frozenset[str]  # "called for", "urged": the reported content is the verb's object
    announcers: tuple[str, ...]  # "folgendes", "the following": a colon after them opens a long unmarked quote
    subject_pronouns: frozenset[str] = frozenset()  # "ich", "er", "man": may name who says a reported clause
    auxiliaries: frozenset[str] = frozenset()  # finite auxiliaries and Konjunktiv-I forms: a source ends before one
    separable: dict[str, frozenset[str]] = field(default_factory=dict)  # "führte" -> {"aus"}: cue with its particle
    object_determiners: frozenset[str] = frozenset()  # "dem", "den": an article that never opens a subject
    object_pronouns: frozenset[str] = frozenset()  # "es", "sie": subject pronouns that may be objects, too
    # "per" names a source only before a determiner or a name ("per the report", not "$40 per student")
    source_after_with_article: frozenset[str] = frozenset()


@cache
def speech_lexicon(language: str) -> SpeechLexicon | None:
    """The lexicon of ``language``, or ``None`` when the language has no speech data."""
    profile = default_registry().find(language)
    data = profile.section("speech") if profile else {}
    if not data:
        return None
    verbs = [v.lower() for v in data.get("verbs", [])]
    channels = {k.lower(): v for k, v in data.get("channels", {}).items()}

    def optional(words: list[str]) -> re.Pattern[str] | None:
        return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)", re.I) if words else None

    return SpeechLexicon(
        language=language,
        verbs=frozenset(verbs),
        indirect_verbs=frozenset(v.lower() for v in data.get("indirect_verbs", [])),
        cue=re.compile(rf"(?<!\w)(?:{_alternation(verbs)})(?!\w)", re.I),
        source_after=optional(data.get("source_after", [])),
        source_before=optional(data.get("source_before", [])),
        anonymous_heads=frozenset(h.lower() for h in data.get("anonymous_heads", [])),
        pronouns={k.lower(): v for k, v in data.get("pronouns", {}).items()},
        determiners=frozenset(d.lower() for d in data.get("determiners", [])),
        adverbs=frozenset(a.lower() for a in data.get("adverbs", [])),
        subjunctive=frozenset(s.lower() for s in data.get("subjunctive", [])),
        channels=channels,
        channel=optional(list(channels)),
        reported_to_before=frozenset(w.lower() for w in data.get("reported_to", {}).get("before", [])),
        generic_outlets=tuple(g.lower() for g in data.get("reported_to", {}).get("generic", [])),
        title_before=frozenset(w.lower() for w in data.get("titles", {}).get("before", [])),
        title_after=frozenset(w.lower() for w in data.get("titles", {}).get("after", [])),
        stoppers=frozenset(w.lower() for w in data.get("source_stoppers", [])),
        keep_inside=frozenset(w.lower() for w in data.get("source_keep_inside", [])),
        subordinators=frozenset(w.lower() for w in data.get("subordinators", [])),
        after_quote_only=frozenset(w.lower() for w in data.get("after_quote_only", [])),
        participle_cues=frozenset(w.lower() for w in data.get("participle_cues", [])),
        after_cue_stoppers=frozenset(w.lower() for w in data.get("after_cue_stoppers", [])),
        role_nouns=frozenset(w.lower() for w in data.get("role_nouns", [])),
        definite_articles=frozenset(w.lower() for w in data.get("definite_articles", [])),
        first_person=frozenset(w.lower() for w in data.get("first_person", [])),
        complementizers=frozenset(w.lower() for w in data.get("complementizers", [])),
        prepositions=frozenset(w.lower() for w in data.get("prepositions", [])),
        possessives=frozenset(w.lower() for w in data.get("possessives", [])),
        contractions=frozenset(w.lower() for w in data.get("contractions", [])),
        relative_pronouns=frozenset(w.lower() for w in data.get("relative_pronouns", [])),
        addressee_verbs=frozenset(w.lower() for w in data.get("addressee_verbs", [])),
        outlet_prepositions=frozenset(w.lower() for w in data.get("outlet_prepositions", [])),
        statement_words=frozenset(w.lower() for w in data.get("statement_words", [])),
        discourse_openers=frozenset(w.lower() for w in data.get("discourse_openers", [])),
        non_person_cues=frozenset(w.lower() for w in data.get("non_person_cues", [])),
        reported_clause_openers=frozenset(w.lower() for w in data.get("reported_clause_openers", [])),
        reporting_stems=tuple(sorted({w.lower() for w in data.get("reporting_stems", [])})),
        reporting_nouns=frozenset(w.lower() for w in data.get("reporting_nouns", [])),
        not_reporting=frozenset(w.lower() for w in data.get("not_reporting", [])),
        object_cues=frozenset(w.lower() for w in data.get("object_cues", [])),
        announcers=tuple(w.lower() for w in data.get("announcers", [])),
        subject_pronouns=frozenset(w.lower() for w in data.get("subject_pronouns", [])),
        auxiliaries=frozenset(w.lower() for w in [*data.get("auxiliaries", []), *data.get("subjunctive", [])]),
        separable=_separable(data.get("separable", {})),
        object_determiners=frozenset(w.lower() for w in data.get("object_determiners", [])),
        object_pronouns=frozenset(w.lower() for w in data.get("object_pronouns", [])),
        source_after_with_article=frozenset(w.lower() for w in data.get("source_after_with_article", [])),
    )


def _separable(by_particle: dict[str, list[str]]) -> dict[str, frozenset[str]]:
    forms: dict[str, set[str]] = {}
    for particle, verbs in by_particle.items():
        for verb in verbs:
            forms.setdefault(verb.lower(), set()).add(particle.lower())
    return {verb: frozenset(particles) for verb, particles in forms.items()}


CLAUSE_END = frozenset(',;:.!?()„“”»«"–—')
MAX_PARTICLE_GAP = 12  # words between a separable verb and its particle


def separable_cue(lower: Sequence[str], index: int, separable: dict[str, frozenset[str]]) -> bool:
    """Is ``lower[index]`` a separable verb of saying whose particle closes its clause ("wies … darauf hin,")?

    ``lower`` holds the lower-cased words and punctuation marks of a text; the particle must be the last
    word before the clause's next punctuation mark, at most :data:`MAX_PARTICLE_GAP` words on.
    """
    particles = separable.get(lower[index])
    if not particles:
        return False
    end = min(len(lower), index + MAX_PARTICLE_GAP + 2)
    for position in range(index + 1, end):
        if lower[position] in CLAUSE_END:
            return position > index + 1 and lower[position - 1] in particles
    return end == len(lower) and end > index + 1 and lower[end - 1] in particles
