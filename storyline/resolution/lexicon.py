"""The per-language words reference and relation resolution read (references.toml, relations.toml).

Loaded once per language code from the registry; a language without the files gets an
empty lexicon, so its documents simply keep their names and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from storyline.language.registry import default_registry

SUFFIX_MIN = 5  # a noun this long also matches the end of a compound ("Fernsehköchin" -> "köchin")


@dataclass(frozen=True)
class Term:
    """A relational noun: "son" relates its referent to a possessor by ``relation``."""

    relation: str
    possessor: str  # "subject" or "object": the possessor's place in the relation
    gender: str = ""
    plural: bool = False


@dataclass(frozen=True)
class Lexicon:
    determiners: frozenset[str] = frozenset()
    indefinite: frozenset[str] = frozenset()
    thing_articles: frozenset[str] = frozenset()
    plural_possessives: frozenset[str] = frozenset()
    birthday: re.Pattern[str] | None = None  # "42nd birthday": an ordinal birthday, group "age"
    gendered_determiners: dict[str, str] = field(default_factory=dict)
    possessives: dict[str, str] = field(default_factory=dict)
    pronouns: dict[str, str] = field(default_factory=dict)
    genitive: re.Pattern[str] = re.compile(r"(?!)")
    of_words: frozenset[str] = frozenset()
    honorifics: dict[str, str] = field(default_factory=dict)
    joiners: frozenset[str] = frozenset()
    superlatives: dict[str, str] = field(default_factory=dict)  # "youngest" -> youngest, "älteste" -> eldest
    age_noun: re.Pattern[str] = re.compile(r"(?!)")
    roles: dict[str, str] = field(default_factory=dict)
    epithets: dict[str, str] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    states: dict[str, list[str]] = field(default_factory=dict)
    since_words: frozenset[str] = frozenset()
    pair_words: tuple[str, ...] = ()
    residence: list[re.Pattern[str]] = field(default_factory=list)

    heads: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)  # memo for head()

    def head(self, word: str) -> str | None:
        """The lexicon noun a word is (or ends with, for a compound), lower case; None when it is none."""
        if word not in self.heads:
            self.heads[word] = self._head(word)
        return self.heads[word]

    def _head(self, word: str) -> str | None:
        lower = word.casefold()
        nouns = (self.terms, self.roles, self.epithets)
        if any(lower in table for table in nouns):
            return lower
        for table in nouns:
            for noun in table:
                if lower.endswith(noun) and lower != noun:
                    prefix = lower[: -len(noun)]
                    if prefix.endswith("-") or (len(noun) >= SUFFIX_MIN and prefix.isalpha()):
                        return noun
        return None

    def gender_of(self, noun: str) -> str:
        for table in (self.terms, self.roles, self.epithets):
            value = table.get(noun)
            if isinstance(value, Term):
                if value.gender:
                    return value.gender
            elif value:
                return value
        return ""


@cache
def lexicon(code: str | None) -> Lexicon:
    profile = default_registry().find(code)
    if profile is None:
        return Lexicon()
    refs, rels = profile.section("references"), profile.section("relations")
    return Lexicon(
        determiners=frozenset(w.casefold() for w in refs.get("determiners", [])),
        indefinite=frozenset(w.casefold() for w in refs.get("indefinite", [])),
        thing_articles=frozenset(w.casefold() for w in refs.get("thing_articles", [])),
        plural_possessives=frozenset(w.casefold() for w in refs.get("plural_possessives", [])),
        birthday=re.compile(refs["birthday"]) if "birthday" in refs else None,
        gendered_determiners={k.casefold(): v for k, v in refs.get("gendered_determiners", {}).items()},
        possessives={k.casefold(): v for k, v in refs.get("possessives", {}).items()},
        pronouns={k.casefold(): v for k, v in refs.get("pronouns", {}).items()},
        genitive=re.compile(refs.get("genitive", "(?!)") + "$"),
        of_words=frozenset(w.casefold() for w in refs.get("of_words", [])),
        honorifics=dict(refs.get("honorifics", {})),
        joiners=frozenset(w.casefold() for w in refs.get("apposition_joiners", [])),
        superlatives={k.casefold(): v for k, v in refs.get("superlatives", {}).items()},
        age_noun=re.compile(refs.get("age_noun", "(?!)")),
        roles={k.casefold(): v for k, v in refs.get("roles", {}).items()},
        epithets={k.casefold(): v for k, v in refs.get("epithets", {}).items()},
        terms={k.casefold(): Term(**v) for k, v in rels.get("terms", {}).items()},
        links={k.casefold(): v for k, v in rels.get("links", {}).items()},
        states={k: [w.casefold() for w in v] for k, v in rels.get("states", {}).items()},
        since_words=frozenset(w.casefold() for w in rels.get("since_words", [])),
        pair_words=tuple(w.casefold() for w in rels.get("pair_words", [])),
        residence=[_place_pattern(p) for p in refs.get("residence", {}).get("patterns", [])],
    )


PLACE = r"(?P<place>[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*)?)"


def _place_pattern(pattern: str) -> re.Pattern[str]:
    """A residence pattern from the data with its ``{place}`` slot filled (case-insensitive words)."""
    return re.compile("(?i:" + pattern.replace("{place}", ")" + PLACE + "(?i:") + ")")
