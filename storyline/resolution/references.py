"""Descriptive references, roles and pronouns within an article, resolved to the person they mean.

An article names a person once and then says "the pop star", "the 42-year-old", "her
ex-husband", "die Sängerin", "sein Anwalt" or "she". This module finds those phrases with the
language's nouns (references.toml, relations.toml) and resolves each when the article supports it:

- an apposition introduces the phrase: "Kevins Anwalt, Mark Vincent Kaplan", "TV chef Marlene
  Brandt", "Kevin (46), ein ehemaliger Tänzer und Britneys Ex-Mann";
- "the 42-year-old" is the person whose stated age is 42 here (or whose birth range, known from the
  other articles, fits 42 on this article's date);
- an epithet or role noun is the person introduced with it in this article, else the one person
  the story gives that role, else (for epithets such as "star") the article's main person;
- a relational noun with a possessor ("her father", "his client") is the person the story
  relates to the possessor that way; two bare ones joined by "and" ("father and daughter",
  "Vater und Tochter") are the two sides of the one pair the story relates that way;
- a pronoun is the nearest person of its gender in its sentence, else the first one of the sentence
  before; a possessive determiner the first person of its gender in its own clause, else in the
  nearest clause before that names one, else the first of the sentence before (the subject, roughly).
  Genders come from gendered nouns and honorifics given to a person, and from pronouns that follow a
  name; names right after a "thing" article ("das Gasthaus Brandt") are never meant by a pronoun.

Everything runs three times: the first pass learns genders, the second roles, ages and relations
from explicit introductions across all articles (possessives need the genders), the third resolves
the anaphoric phrases with that knowledge.
Text inside direct quotes is skipped: its pronouns speak from the speaker's point of view.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.records import Document, Entity, QuoteMention, TimeExpression
from storyline.resolution.dates import BirthRange, birth_range, date_is_estimated, document_date
from storyline.resolution.lexicon import Lexicon, Term, lexicon
from storyline.resolution.nicknames import find_nicknames

TOKEN = re.compile(r"\w[\w-]*(?:['’]\w*)?")
QUOTE_MARKS = re.compile(r"[\"“”„‟«»‹›]")
SENTENCE_WINDOW = 3  # a pronoun looks this many sentences back for its person
PASSES = 3  # genders (for possessives) -> relations and roles (for anaphors) -> final resolution
CLAUSE_BREAK = re.compile(r"[,;:—–()]")  # what ends a clause, roughly, for a possessive's owner
MAX_MODIFIERS = 4  # words between a determiner and its noun ("the 71-year-old retired ship's engineer")


@dataclass
class Reference:
    """A phrase or pronoun in one document and the person(s) it refers to (``entities``, empty if unresolved)."""

    doc: str
    start: int
    end: int
    text: str
    kind: str  # "pronoun", "possessive", "description", "name" (a shared surname resolved to one bearer), "nickname"
    entities: tuple[str, ...] = ()
    gender: str = ""
    head: str | None = None  # the lexicon noun ("chef", "sohn"), for descriptions
    role: str | None = None  # the words naming a role ("TV chef"), when the noun is a role
    age: int | None = None
    possessor: str | None = None  # entity id of the possessor ("her" -> Britney Spears)
    introduced: bool = False  # the referent was named right there (apposition)
    term: Term | None = None  # the relational noun's meaning ("sons": parent_of, possessor is the subject)
    owners: tuple[str, ...] = ()  # "Jayden und Sean ihre Mutter": several possessors, each related
    # the pronoun (or the possessor of a relational noun) was picked from an earlier sentence that names
    # another person of its gender too: a guess, which counts for less as a relation's evidence
    guessed: bool = False

    @property
    def entity(self) -> str | None:
        return self.entities[0] if len(self.entities) == 1 else None


@dataclass(frozen=True)
class AgeEvidence:
    entity: str
    age: int
    doc: str
    start: int
    end: int
    as_of: str | None
    estimated: bool = False  # as_of is an estimate (a lower bound of the article's date)
    explicit: bool = True  # stated next to a name ("Sean (19)"), not inferred through an anaphor


@dataclass
class Knowledge:
    """What the story says about its people, learnt from introductions in every article."""

    genders: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    relations: set[tuple[str, str, str]] = field(default_factory=set)
    births: dict[str, BirthRange] = field(default_factory=dict)
    doc_ages: dict[str, dict[str, int]] = field(default_factory=dict)  # doc -> entity -> the one age it states
    doc_counts: Counter[tuple[str, str]] = field(default_factory=Counter)  # (doc, entity) -> names + references
    things: set[str] = field(default_factory=set)  # "das Gasthaus Brandt": a determiner before the name, no person
    persons: set[str] = field(default_factory=set)  # more than a name tagged PER: a pronoun, a role, an age ...


@dataclass
class Resolution:
    references: list[Reference]
    ages: list[AgeEvidence]
    knowledge: Knowledge
    votes: list[tuple[str, str]] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)  # document id -> the date it speaks from


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str


def resolve_references(
    documents: list[Document],
    entities: list[Entity],
    quotes: Iterable[QuoteMention] = (),
    times: Iterable[TimeExpression] = (),
) -> Resolution:
    """Resolve descriptive references and pronouns in every document (in passes, see the module docstring)."""
    people = [e for e in entities if e.type == "person"]
    # everything indexed by document once, so each article's pass costs its own size (near-linear overall)
    names_by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for entity in people:
        for mention in entity.mentions:
            if mention.end > mention.start:
                names_by_doc[mention.doc].append((mention.start, mention.end, entity.id))
    quotes_by_doc: dict[str, list[QuoteMention]] = defaultdict(list)
    for quote in quotes:
        quotes_by_doc[quote.doc].append(quote)
    times_by_doc: dict[str, list[TimeExpression]] = defaultdict(list)
    for time in times:
        times_by_doc[time.doc].append(time)
    full_names = {e.id: e.name for e in people}
    things = _determined_names(documents, names_by_doc)
    knowledge = Knowledge(things=things)
    result = Resolution([], [], knowledge)
    prominence = Counter({e.id: len(e.mentions) for e in people})
    for _ in range(PASSES):
        result = Resolution([], [], knowledge)
        for document in sorted(documents, key=lambda d: d.id):
            resolver = _DocumentResolver(
                document,
                names_by_doc[document.id],
                full_names,
                quotes_by_doc[document.id],
                times_by_doc[document.id],
                knowledge,
                prominence,
            )
            refs, ages = resolver.run()
            result.references += refs
            result.ages += ages
            result.votes += resolver.gender_votes()
        knowledge = _learn(result, knowledge, things, full_names)
    result.knowledge = knowledge
    result.dates = {d.id: document_date(d) for d in documents}
    result.references += [
        Reference(u.doc, u.start, u.end, u.text, "nickname", (u.entity,), introduced=u.introduced)
        for u in find_nicknames(documents, people)
    ]
    return result


def _determined_names(documents: list[Document], names_by_doc: dict[str, list[tuple[int, int, str]]]) -> set[str]:
    """People whose name some article puts right after a determiner ("das Gasthaus Brandt"): things, not people."""
    found = set()
    for document in documents:
        articles = lexicon(document.language).thing_articles
        for start, _, entity in names_by_doc.get(document.id, []):
            before = re.search(r"(\W*)(\w+)\s+$", document.text[max(0, start - 20) : start])
            if before and before.group(2).casefold() in articles and "," not in before.group(1):
                found.add(entity)
    return found


def _person_signals(result: Resolution, knowledge: Knowledge, full_names: dict[str, str]) -> set[str]:
    """Entities that are people by more than the name tagger's word: a full name, a pronoun or a description
    resolved to them, a role or an age; minus the names that follow a determiner."""
    found = {e for e, name in full_names.items() if len(name.split()) >= 2}
    found |= {e for ref in result.references if ref.kind != "name" for e in ref.entities}
    found |= set(knowledge.roles) | {a.entity for a in result.ages}
    return found - knowledge.things


def _learn(result: Resolution, previous: Knowledge, things: set[str], full_names: dict[str, str]) -> Knowledge:
    from storyline.resolution.relations import phrase_relations

    votes: dict[str, Counter[str]] = defaultdict(Counter)
    knowledge = Knowledge(things=things)
    for ref in result.references:
        if ref.entity and ref.gender in ("male", "female"):
            votes[ref.entity][ref.gender] += 3 if ref.kind == "description" else 1
        if ref.entity and ref.head and ref.kind == "description" and ref.introduced:
            knowledge.roles[ref.entity].add(ref.head)
    for entity, gender in result.votes:
        votes[entity][gender] += 1
    for entity, counter in votes.items():
        (best, count), *rest = counter.most_common()
        if not rest or rest[0][1] < count:
            knowledge.genders[entity] = best
    for entity, gender in previous.genders.items():
        knowledge.genders.setdefault(entity, gender)
    stated: dict[tuple[str, str], set[int]] = defaultdict(set)
    for evidence in result.ages:
        stated[(evidence.doc, evidence.entity)].add(evidence.age)
    for (doc, entity), ages in stated.items():
        if len(ages) == 1:
            knowledge.doc_ages.setdefault(doc, {})[entity] = next(iter(ages))
    for ref in result.references:
        if ref.kind == "name":
            continue  # decided by the main person itself
        for entity in ref.entities:
            knowledge.doc_counts[(ref.doc, entity)] += 1
    for evidence in result.ages:
        if not evidence.explicit:
            continue  # an anaphor resolved with this very knowledge must not confirm it
        span = birth_range(evidence.age, evidence.as_of, estimated=evidence.estimated)
        if span is None:
            continue
        known = knowledge.births.get(evidence.entity)
        merged = span if known is None else known.intersect(span)
        if merged is not None:
            knowledge.births[evidence.entity] = merged
    knowledge.persons = _person_signals(result, knowledge, full_names)
    knowledge.relations = {(r.subject, r.predicate, r.object) for r in phrase_relations(result.references, knowledge)}
    return knowledge


class _DocumentResolver:
    def __init__(
        self,
        document: Document,
        names: list[tuple[int, int, str]],
        full_names: dict[str, str],
        quotes: list[QuoteMention],
        times: list[TimeExpression],
        knowledge: Knowledge,
        prominence: Counter[str],
    ) -> None:
        self.doc = document
        self.lex: Lexicon = lexicon(document.language)
        self.knowledge = knowledge
        self.date = document_date(document)
        self.estimated = date_is_estimated(document)
        self.names = sorted(names)
        self.quoted = [(q.start, q.end) for q in quotes if q.doc == document.id and q.kind == "direct"]
        self.age_spans = {(t.start, t.end): t for t in times if t.doc == document.id and t.type == "AGE"}
        joiners = "|".join(re.escape(w) for w in sorted(self.lex.joiners)) or "(?!)"
        # "Sean (19)", "Bryan, 46," / "Bryan, 46 and ...": a number right after a name is an age
        self.age_after_name = re.compile(rf"^\s*(?:\((\d{{1,3}})\)|,\s*(\d{{1,3}})\s*(?=[,.;]|\s+(?i:{joiners})\b))")
        self.list_tail = re.compile(
            rf"^(?:\s*\(\d{{1,3}}\)|,\s*\d{{1,3}}\s*(?=,))?\s*,?\s*(?:(?i:{joiners}|&)\s+)?(?:\d{{1,3}}-\S+\s+)?"
        )
        self.tokens = [_Token(m.start(), m.end(), m.group()) for m in TOKEN.finditer(document.text)]
        self.sentence_starts = [s.start for s in document.sentences] or [0]
        self.history: list[tuple[int, str, str]] = []  # (offset, entity, gender) of every person mention so far
        self.refs: list[Reference] = []
        self.ages: list[AgeEvidence] = []
        self.doc_ages: dict[str, int] = {}  # ages stated so far in this article (this pass)
        # ages the previous pass found in this article: they only rule the main person out
        self.previous_ages = knowledge.doc_ages.get(document.id, {})
        self.prominence = prominence
        self.prominence_total = max(prominence.total(), 1)
        named = [n for n in self.names if len(full_names.get(n[2], "").split()) != 1]  # a bare surname is no one yet
        self.main = _main_person(document, named or self.names, prominence, knowledge.doc_counts)
        self.name_starts = [start for start, _, _ in self.names]
        self.token_starts = [t.start for t in self.tokens]
        self.by_full_name = {name: entity for entity, name in full_names.items()}
        self.surname_refs = self._surnames_to_main(full_names)

    # ------------------------------------------------------------------ driver

    def _surnames_to_main(self, names: dict[str, str]) -> list[Reference]:
        """A bare surname that several people named here share: the one of the gender of the pronoun that
        follows it in its sentence ("Brandt chose her words"), else the article's main person among them.

        "Brandt added" in an article about Marlene Brandt that also names her father Rolf Brandt.
        The mentions are re-pointed for this article only and returned as references.
        """
        here = {entity for _, _, entity in self.names}
        refs = []
        remapped = []
        for start, end, entity in self.names:
            word = names.get(entity, "")
            if len(word.split()) != 1 or self.main is None:
                remapped.append((start, end, entity))
                continue
            forms = {word, self.lex.genitive.sub("", word)}  # "Brandts Manager"
            bearers = {e for e in here if len(names[e].split()) >= 2 and names[e].split()[-1] in forms}
            gender = self._gender_after(end)
            fitting = sorted(e for e in bearers if gender and self.knowledge.genders.get(e) == gender)
            chosen = fitting[0] if len(fitting) == 1 else self.main if self.main in bearers else None
            first = re.search(r"([^\W\d_][\w-]*)\s+$", self.doc.text[max(0, start - 30) : start])
            for form in forms:  # "Marlene [Brandts] Manager": a first name the name finder left out
                if first and f"{first.group(1)} {form}" in self.by_full_name:
                    chosen = self.by_full_name[f"{first.group(1)} {form}"]
            if len(bearers) >= 2 and chosen is not None:
                refs.append(Reference(self.doc.id, start, end, self.doc.text[start:end], "name", (chosen,)))
                entity = chosen
            remapped.append((start, end, entity))
        self.names = remapped  # same spans, same order: name_starts stays valid
        return refs

    def _gender_after(self, end: int) -> str:
        """The gender of the first pronoun or possessive after ``end`` in its sentence, before any other name."""
        gendered = {**self.lex.possessives, **self.lex.pronouns}
        for token in self._tokens_from(end):
            if self._name_at(token) is not None:
                return ""
            gender = gendered.get(token.text.casefold(), "")
            if gender in ("male", "female"):
                return gender
        return ""

    def run(self) -> tuple[list[Reference], list[AgeEvidence]]:
        name_index = 0
        consumed_until = -1
        for index, token in enumerate(self.tokens):
            while name_index < len(self.names) and self.names[name_index][1] <= token.start:
                start, end, entity = self.names[name_index]
                if not self._in_quote(start):
                    self._remember(start, entity)
                self._age_after(end, (entity,))
                name_index += 1
            if token.start < consumed_until or self._in_quote(token.start) or self._name_at(token) is not None:
                continue
            lower = token.text.casefold()
            if lower in self.lex.pronouns:
                self._pronoun(token, "pronoun", self.lex.pronouns[lower])
            if self._age_before_name(index):
                continue
            if self._is_head(index):
                consumed_until = self._phrase(index)
        self._birthdays()
        for token in self.tokens:  # possessives that open no known phrase
            lower = token.text.casefold()
            if lower in self.lex.possessives and not self._in_quote(token.start) and not self._covered(token):
                ref = self._resolve_pronoun(token, "possessive", self.lex.possessives[lower])
                if ref.entities:
                    self.refs.append(ref)
        self.refs += self.surname_refs
        self.refs.sort(key=lambda r: (r.start, r.end))
        return self.refs, self.ages

    def _birthdays(self) -> None:
        """ "celebrated her 42nd birthday", "Britneys 42. Geburtstag": the owner's age on the article's date.

        An anaphor's reading, so it never narrows a birth range by itself (``explicit`` False).
        """
        if self.lex.birthday is None:
            return
        for match in self.lex.birthday.finditer(self.doc.text):
            if self._in_quote(match.start()):
                continue
            before = bisect.bisect_left(self.token_starts, match.start()) - 1
            if before < 0:
                continue
            owner = self.tokens[before]
            age = int(match.group("age"))
            number = _Token(match.start("age"), match.end("age"), match.group("age"))
            name = self._name_at(owner)
            lower = owner.text.casefold()
            if name is not None and self._is_genitive(owner):
                entity: str | None = name[2]
            elif lower in self.lex.possessives:
                entity = self._resolve_pronoun(owner, "possessive", self.lex.possessives[lower]).entity
            else:
                continue
            if entity is not None and 0 < age < 120:
                self._age(entity, age, number, explicit=False)

    def gender_votes(self) -> list[tuple[str, str]]:
        """(entity, gender) hints: an honorific before a name; the first pronoun after a sentence's first name.

        "Britney Spears wants ... her two sons": the "her" speaks of the only person named so far in the
        sentence. Any other name in between, or a quote, makes the hint void.
        """
        votes = []
        lex = self.lex
        gendered = {**lex.possessives, **lex.pronouns}
        for start, end, entity in self.names:
            if self._in_quote(start):
                continue
            before = self.doc.text[max(0, start - 6) : start].split()
            if before and before[-1] in lex.honorifics:
                votes.append((entity, lex.honorifics[before[-1]]))
            sentence = self._sentence(start)
            if any(self._sentence(s) == sentence and s < start for s, _, _ in self.names):
                continue
            opening = self.doc.text[self.sentence_starts[sentence] : start]
            if any(w.casefold() in gendered for w in TOKEN.findall(opening)):
                continue  # "her manager, Owen Prescott, said she": the sentence is someone else's already
            for token in self._tokens_from(end):
                if self._name_at(token) is not None or self._in_quote(token.start):
                    break
                gender = gendered.get(token.text.casefold())
                if gender in ("male", "female"):
                    votes.append((entity, gender))
                    break
        return votes

    def _age_before_name(self, index: int) -> bool:
        """ "18-year-old Sean Preston": an age word right before a name is that person's age."""
        token = self.tokens[index]
        if (token.start, token.end) not in self.age_spans or not self.lex.age_noun.match(token.text):
            return False
        if index + 1 >= len(self.tokens) or self._gap(token, self.tokens[index + 1]).strip():
            return False
        name = self._name_starting(self.tokens[index + 1].start)
        if name is None:
            return False
        self._age(name[2], int(re.match(r"\d+", token.text).group()), token)  # type: ignore[union-attr]
        return True

    def _covered(self, token: _Token) -> bool:
        return any(r.start <= token.start < r.end for r in self.refs)

    # ------------------------------------------------------------------ names and history

    def _remember(self, offset: int, entity: str) -> None:
        self.history.append((offset, entity, self.knowledge.genders.get(entity, "")))

    def _name_at(self, token: _Token) -> tuple[int, int, str] | None:
        position = bisect.bisect_right(self.name_starts, token.start) - 1
        for start, end, entity in self.names[max(position - 1, 0) : position + 1]:
            if start <= token.start < end:
                return start, end, entity
        return None

    def _name_starting(self, offset: int) -> tuple[int, int, str] | None:
        position = bisect.bisect_left(self.name_starts, offset)
        if position < len(self.names) and self.names[position][0] == offset:
            return self.names[position]
        return None

    def _tokens_from(self, offset: int) -> list[_Token]:
        """The tokens from ``offset`` to the end of its sentence."""
        first = bisect.bisect_left(self.token_starts, offset)
        sentence = self._sentence(offset)
        end = self.sentence_starts[sentence + 1] if sentence + 1 < len(self.sentence_starts) else len(self.doc.text)
        last = bisect.bisect_left(self.token_starts, end)
        return self.tokens[first:last]

    def _in_quote(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted)

    def _sentence(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sentence_starts, offset) - 1, 0)

    def _gap(self, a: _Token, b: _Token) -> str:
        """The characters between two tokens, quote marks removed ('the "Toxic" singer' reads as one phrase)."""
        return QUOTE_MARKS.sub("", self.doc.text[a.end : b.start])

    def _next_is_word(self, index: int) -> bool:
        return index + 1 < len(self.tokens) and not self._gap(self.tokens[index], self.tokens[index + 1]).strip()

    # ------------------------------------------------------------------ pronouns

    def _pronoun(self, token: _Token, kind: str, gender: str) -> None:
        ref = self._resolve_pronoun(token, kind, gender)
        if ref.entities:
            self.refs.append(ref)
            self._remember(token.start, ref.entities[0])

    def _resolve_pronoun(self, token: _Token, kind: str, gender: str, *, exclude: str | None = None) -> Reference:
        ref = Reference(self.doc.id, token.start, token.end, token.text, kind, gender=gender)
        if gender not in ("male", "female"):
            return ref
        here = self._sentence(token.start)
        best: tuple[tuple[int, int, int], str] | None = None
        for offset, entity, known in self.history:
            sentence = self._sentence(offset)
            if offset >= token.start or here - sentence > SENTENCE_WINDOW or entity == exclude:
                continue
            if entity in self.knowledge.things:
                continue  # "das Gasthaus Brandt ..., das seine Mutter": a pronoun means a person
            if (self.knowledge.genders.get(entity) or known) != gender:
                continue
            # a pronoun in its own sentence: the nearest person ("X said she ..."); a possessive there: the
            # first person of its own clause, else of the nearest clause before that names one (the subject,
            # roughly: "X's manager showed her with her mother, 68, and her brother" are all X's; "darunter
            # Jayden und sein Bruder"); in an earlier sentence: its first person
            if sentence != here:
                key = (sentence, 0, -offset)
            elif kind == "possessive":
                key = (sentence, self._clause_rank(offset), -offset)
            else:
                key = (sentence, 0, offset)
            if best is None or key > best[0]:
                best = (key, entity)
        if best is not None:
            ref.entities = (best[1],)
            chosen = best[0][0]
            if chosen != here:
                rivals = {
                    e
                    for o, e, known in self.history
                    if o < token.start
                    and self._sentence(o) == chosen
                    and e != best[1]
                    and e not in self.knowledge.things
                    and (self.knowledge.genders.get(e) or known) == gender
                }
                ref.guessed = bool(rivals)
        return ref

    def _joint_owners(self, token: _Token) -> tuple[str, ...]:
        """ "Jayden und Sean ihre Mutter", "Max and Leo and their mother": two people named together right
        before a possessive that can mean "their" own it together."""
        before = [n for n in self.names if n[1] <= token.start and self._sentence(n[0]) == self._sentence(token.start)]
        if len(before) < 2 or self.doc.text[before[-1][1] : token.start].strip():
            return ()
        (_, first_end, first), (second_start, _, second) = before[-2], before[-1]
        between = re.findall(r"\w[\w-]*|[^\w\s]", self.doc.text[first_end:second_start])
        if first == second or len(between) != 1 or between[0].casefold() not in self.lex.joiners:
            return ()
        return (first, second)

    def _clause_rank(self, offset: int) -> int:
        """The clause of ``offset`` within its sentence; -1 for an apposition that is only a name (", Lynne,")."""
        sentence_start = self.sentence_starts[self._sentence(offset)]
        before = self.doc.text[sentence_start:offset]
        breaks = CLAUSE_BREAK.findall(before)
        if not breaks:
            return 0
        name = self._name_starting(offset)
        if name is not None:
            opening = CLAUSE_BREAK.split(before)[-1]
            closing = CLAUSE_BREAK.split(self.doc.text[name[1] : name[1] + 40])[0]
            if not opening.strip() and not re.sub(r"[\d\s]", "", closing):
                return -1
        return len(breaks)

    # ------------------------------------------------------------------ descriptive phrases

    def _is_head(self, index: int) -> bool:
        token = self.tokens[index]
        word = self.lex.genitive.sub("", token.text) if self._is_genitive(token) else token.text
        if self.lex.head(word) is not None:
            return True
        return (token.start, token.end) in self.age_spans and bool(self.lex.age_noun.match(token.text))

    def _is_genitive(self, token: _Token) -> bool:
        return bool(re.search(r"['’]s?$", token.text)) and token.text.casefold() not in self.lex.possessives

    def _phrase(self, index: int) -> int:
        """Read the phrase whose noun is token ``index``; returns the offset up to which tokens are consumed."""
        lex = self.lex
        # a run of nouns/ages: "42-year-old singer", "former background dancer" -> the last noun is the head
        last = self._extend_over_modifiers(index)
        while last + 1 < len(self.tokens) and not self._gap(self.tokens[last], self.tokens[last + 1]).strip():
            nxt = self.tokens[last + 1]
            current = self.lex.head(self.tokens[last].text)
            if self._name_at(nxt) is not None or not self._is_head(last + 1) or current in self.lex.terms:
                break
            if self._is_genitive(self.tokens[last]):
                break  # "the pop icon's ex-husband": two phrases, the first owns the second
            last += 1
        head_token = self.tokens[last]
        genitive = self._is_genitive(head_token) and head_token.text.casefold() not in lex.terms
        head_word = lex.genitive.sub("", head_token.text) if genitive else head_token.text
        head = lex.head(head_word)
        age = None
        for token in self.tokens[index : last + 1]:
            if (token.start, token.end) in self.age_spans and lex.age_noun.match(token.text):
                age = int(re.match(r"\d+", token.text).group())  # type: ignore[union-attr]
        # left: determiner, possessive, or a name in the genitive; modifiers in between
        start, possessor, anchor, gender = self.tokens[index].start, None, None, ""
        owners: tuple[str, ...] = ()
        guessed = False
        j, modifiers = index - 1, 0
        while j >= 0 and modifiers <= MAX_MODIFIERS and not self._gap(self.tokens[j], self.tokens[j + 1]).strip():
            token = self.tokens[j]
            lower = token.text.casefold()
            name = self._name_at(token)
            if name is not None:
                said = self.doc.text[name[0] : max(name[1], token.end)]
                if lex.genitive.search(said) or self.doc.text[name[1] : name[1] + 2] in ("'s", "’s"):
                    start, possessor, anchor = name[0], name[2], "genitive"
                break
            if lower in lex.possessives:
                owners = self._joint_owners(token) if lower in lex.plural_possessives else ()
                ref = self._resolve_pronoun(token, "possessive", lex.possessives[lower])
                if owners:
                    ref.entities = ()
                start, possessor, anchor = token.start, owners[0] if owners else ref.entity, "possessive"
                guessed = ref.guessed
                if ref.entities:
                    self.refs.append(ref)
                    self._remember(token.start, ref.entities[0])  # "her grandmother's will ... her father": hers
                break
            if lower in lex.determiners:
                start, anchor = token.start, "indefinite" if lower in lex.indefinite else "determiner"
                gender = lex.gendered_determiners.get(lower, "") if age is not None and head is None else ""
                break
            if self._is_genitive(token) and lex.head(lex.genitive.sub("", token.text)):
                owner = next((r for r in reversed(self.refs) if r.start <= token.start < r.end), None)
                if owner is not None and owner.entity:
                    start, possessor, anchor = token.start, owner.entity, "genitive"
                break
            if lower in lex.joiners or lower in lex.pronouns or lower in lex.of_words:
                break
            if not token.text[0].isalpha() and not token.text[0].isdigit():
                break
            modifiers += 1
            j -= 1
        if anchor is None:  # no determiner: only capitalised words before the noun belong to it ("TV chef X")
            k = index - 1
            while k >= 0 and not self._gap(self.tokens[k], self.tokens[k + 1]).strip():
                word = self.tokens[k]
                if not word.text[0].isupper() or self._name_at(word) is not None or self._is_genitive(word):
                    break
                start, k = word.start, k - 1
        text = self.doc.text[start : head_token.end]
        if genitive:
            text = lex.genitive.sub("", text)
        term = lex.terms.get(head) if head else None
        gender = gender or (lex.gender_of(head) if head else "")
        ref = Reference(self.doc.id, start, start + len(text), text, "description", gender=gender, head=head, age=age)
        ref.possessor = possessor
        ref.owners = owners
        ref.guessed = guessed
        ref.term = term
        if head in lex.roles or (head in lex.epithets and head not in lex.terms):
            role_start = self.tokens[j + 1].start if anchor in ("determiner", "indefinite", "possessive") else start
            if anchor == "genitive":
                role_start = head_token.start
            ref.role = self.doc.text[max(role_start, start) : ref.end] if head in lex.roles else None
            if ref.role and anchor in ("determiner", "indefinite"):
                ref.role = _strip_ages(self.doc.text[self.tokens[j + 1].start : ref.end])
        if ref.role:
            ref.role = " ".join(QUOTE_MARKS.sub("", ref.role).split())  # 'the "Toxic" singer' -> Toxic singer
        # right: an apposition naming the referent(s), or "of/von X" naming the possessor
        after = head_token.end
        named = [] if genitive else self._names_after(after, plural=bool(term and term.plural))
        if possessor is None and term and not named:
            possessor = self._of_possessor(last)
            ref.possessor = possessor
        if named:
            ref.entities = tuple(entity for _, _, entity in named)
            ref.introduced = True
        else:
            before = self._name_before(start)
            if before is not None and anchor in ("determiner", "indefinite", "genitive", "possessive"):
                ref.entities, ref.introduced = (before,), True
            elif (anchor is not None and anchor != "indefinite") or genitive or (term and possessor):
                # "an attorney for X" is still X's one known attorney; "a chef" is someone new
                if not ref.gender:
                    ref.gender = self._gender_after(ref.end)  # "the singer has been estranged from her children"
                ref.entities = self._resolve_anaphor(ref, term)
        if anchor is None and not ref.introduced:
            member = self._bare_pair_member(index, last, term) if term is not None and possessor is None else None
            if member is None:
                return after  # a bare noun ("Vater von ...") says nothing certain
            ref.entities = (member,)  # "father and daughter": the story's one father-daughter pair
        if ref.entities and ref.entities == (possessor,):
            ref.entities = ()
        self.refs.append(ref)
        if len(ref.entities) == 1:
            if not ref.introduced:
                self._remember(head_token.start, ref.entities[0])  # after its possessive's owner
            if age is not None:
                self._age(ref.entities[0], age, self.tokens[index], explicit=ref.introduced)
            self._age_after(ref.end, ref.entities)
        return after

    def _bare_pair_member(self, first: int, last: int, term: Term) -> str | None:
        """ "father and daughter", "Vater und Tochter": two bare nouns of one relation joined by "and" name both
        sides of it; when the story knows one such pair (genders fitting), this noun is its member."""
        other: Term | None = None
        for joiner, noun in ((last + 1, last + 2), (first - 1, first - 2)):
            if 0 <= noun < len(self.tokens) and self.tokens[joiner].text.casefold() in self.lex.joiners:
                other = self.lex.terms.get(self.lex.head(self.tokens[noun].text) or "")
                if other is not None:
                    break
        if other is None or other.relation != term.relation or other.possessor == term.possessor:
            return None
        if term.plural or other.plural:
            return None
        # the noun whose possessor is the relation's object names its subject ("father" of X is the parent)
        subject_term, object_term = (term, other) if term.possessor == "object" else (other, term)
        pairs = [
            (subject, obj)
            for subject, predicate, obj in self.knowledge.relations
            if predicate == term.relation
            and (not subject_term.gender or self.knowledge.genders.get(subject) == subject_term.gender)
            and (not object_term.gender or self.knowledge.genders.get(obj) == object_term.gender)
        ]
        if len(pairs) != 1:
            return None
        subject, obj = pairs[0]
        return subject if term is subject_term else obj

    def _extend_over_modifiers(self, index: int) -> int:
        """ "the 71-year-old retired engineer": an age word, lower-case words, then a noun make one phrase."""
        token = self.tokens[index]
        if (token.start, token.end) not in self.age_spans:
            return index
        for ahead in range(index + 1, min(index + 4, len(self.tokens))):
            if self._gap(self.tokens[ahead - 1], self.tokens[ahead]).strip():
                return index
            word = self.tokens[ahead]
            if self._is_head(ahead):
                return ahead if ahead > index + 1 else index
            if not word.text[0].islower() or word.text.casefold() in self.lex.of_words:
                return index
        return index

    def _names_after(self, offset: int, *, plural: bool) -> list[tuple[int, int, str]]:
        found = []
        rest = self.doc.text[offset:]
        match = re.match(r"^(?:\s*\(\d{1,3}\))?\s*[,:]?\s*(?:\d{1,3}-\S+\s+)?", rest)
        position = offset + (match.end() if match else 0)
        while True:
            name = self._name_starting(position)
            if name is None:  # a first name the name finder left out: "Ihre Anwältin Katrin [Vogt]"
                unnamed = re.match(r"[^\W\d_][\w-]+\s+", self.doc.text[position:])
                unnamed = unnamed if unnamed and unnamed.group()[0].isupper() else None
                name = self._name_starting(position + unnamed.end()) if unnamed else None
                if name is not None:  # "Elfriede [Brandt]": the full name, when the story knows it
                    said = " ".join(self.doc.text[position : name[1]].split())
                    name = (name[0], name[1], self.by_full_name.get(said, name[2]))
            if name is None:
                break
            found.append(name)
            if not plural:
                break
            tail = self.list_tail.match(self.doc.text[name[1] :])
            position = name[1] + (tail.end() if tail else 0)
        return found

    def _name_before(self, offset: int) -> str | None:
        """The name an apposition follows: "Kevin (46), ein ehemaliger Tänzer und Britneys Ex-Mann"."""
        joiners = "|".join(re.escape(w) for w in sorted(self.lex.joiners)) or "(?!)"
        dets = "|".join(re.escape(w) for w in sorted(self.lex.determiners)) or "(?!)"
        for start, end, entity in reversed(self.names):
            if end > offset:
                continue
            between = self.doc.text[end:offset]
            if len(between) > 80:
                return None
            pattern = rf"^\s*(?:\(\d{{1,3}}\))?\s*,\s*(?:(?i:{dets})\s+[^,.;:!?()]*?\s+(?i:{joiners})\s+)?$"
            if re.match(pattern, between):
                # "through her lawyer Katrin Vogt, the 41-year-old chef said": a name that is itself an
                # apposition does not take a second one
                if any(
                    r.introduced and r.end <= start and not self.doc.text[r.end : start].strip(" ,:") for r in self.refs
                ):
                    return None
                return entity
            return None
        return None

    def _of_possessor(self, last: int) -> str | None:
        if last + 1 >= len(self.tokens) or self.tokens[last + 1].text.casefold() not in self.lex.of_words:
            return None
        for token in self.tokens[last + 2 : last + 7]:
            name = self._name_at(token)
            if name is not None:
                return name[2]
            if re.search(r"[.;:!?,]", self.doc.text[self.tokens[last].end : token.start]):
                return None
            lower = token.text.casefold()
            if lower in self.lex.pronouns or lower in self.lex.of_words or lower in self.lex.joiners:
                return None
            if not (token.text[0].islower() or self.lex.head(self.lex.genitive.sub("", token.text))):
                return None  # "of the pop icon's ex-husband X", "von TV-Köchin X": no other names in between
        return None

    def _resolve_anaphor(self, ref: Reference, term: Term | None) -> tuple[str, ...]:
        candidates = self._mentioned_before(ref.start)
        gender = ref.gender
        if term is not None:
            if ref.possessor is None:
                return self._by_term_alone(term, gender)
            related = _related(self.knowledge.relations, ref.possessor, term)
            for owner in ref.owners[1:]:  # "Jayden und Sean ihre Mutter": the mother of both
                related = [e for e in related if e in _related(self.knowledge.relations, owner, term)]
            related = [e for e in related if not gender or self.knowledge.genders.get(e, gender) == gender]
            if term.plural:
                return tuple(sorted(related))
            if len(related) > 1:
                return self._by_superlative(ref, related)
            return (related[0],) if len(related) == 1 else ()
        if ref.head is not None:
            by_noun = self._by_noun(ref, candidates, gender)
            if by_noun or ref.age is None:
                return by_noun
        if ref.age is not None:
            return self._by_age(ref.age, candidates, gender, ref.start)
        return ()

    def _by_superlative(self, ref: Reference, related: list[str]) -> tuple[str, ...]:
        """ "her youngest son" among several sons: the one born surely after (or before) all the others,
        by the birth ranges the story's ages give; nothing when a range is unknown or they overlap."""
        words = [w.casefold() for w in TOKEN.findall(ref.text)]
        which = next((self.lex.superlatives[w] for w in words if w in self.lex.superlatives), None)
        births = {e: self.knowledge.births.get(e) for e in related}
        if which is None or any(b is None for b in births.values()):
            return ()
        for entity, birth in births.items():
            others = [b for e, b in births.items() if e != entity]
            if which == "youngest" and all(birth.earliest > b.latest for b in others):  # type: ignore[union-attr]
                return (entity,)
            if which == "eldest" and all(birth.latest < b.earliest for b in others):  # type: ignore[union-attr]
                return (entity,)
        return ()

    def _by_noun(self, ref: Reference, candidates: list[str], gender: str) -> tuple[str, ...]:
        introduced = [r.entities[0] for r in self.refs if r.head == ref.head and r.introduced and len(r.entities) == 1]
        if introduced:
            return (introduced[-1],)
        named_here = sorted({e for _, _, e in self.names} | set(candidates))
        holders = [e for e in named_here if ref.head in self.knowledge.roles.get(e, set())]
        holders = [e for e in holders if self._gender_fits(e, gender)]
        if len(holders) == 1:
            return (holders[0],)
        # an epithet ("the pop star") means the main person; a role only when its gender says so ("der frühere
        # Schiffsingenieur" in an article about a man), since other roles ("the elderly innkeeper") are often minor
        main_gender = self.knowledge.genders.get(self.main or "")
        said = self.lex.gender_of(ref.head)  # the noun's own gender, not one guessed from a later pronoun
        fits = ref.head in self.lex.epithets or (ref.head in self.lex.roles and said and said == main_gender)
        if fits and self._main_fits(gender, ref.start, ref.age):
            return (self.main,)  # type: ignore[return-value]
        return ()

    def _main_fits(self, gender: str, offset: int, age: int | None = None) -> bool:
        """Whether the article's main person can be meant: gender and age fit, and not just named in this clause."""
        if not self.main or not self._gender_fits(self.main, gender):
            return False
        if any(e == self.main and self._same_clause(o, offset) for o, e, _ in self.history):
            return False
        if age is None:
            return True
        if self.main in self.doc_ages:
            return self.doc_ages[self.main] == age
        if self.previous_ages.get(self.main, age) != age:
            return False
        births = self.knowledge.births.get(self.main)
        return births is None or births.allows(age, self.date, estimated=self.estimated)

    def _by_age(self, age: int, candidates: list[str], gender: str, offset: int) -> tuple[str, ...]:
        fitting = [e for e in candidates if self._gender_fits(e, gender)]
        stated = [e for e in fitting if self.doc_ages.get(e) == age]
        if stated:
            return (stated[-1],)
        known = [e for e in fitting if e in self.knowledge.births and e not in self.doc_ages]
        matching = [
            e
            for e in known
            if self.knowledge.births[e].closed
            and self.knowledge.births[e].allows(age, self.date, estimated=self.estimated)
        ]
        if len(set(matching)) == 1:
            return (matching[0],)
        if self._main_fits(gender, offset, age):
            return (self.main,)  # type: ignore[return-value]
        possible = []
        for entity in candidates:  # else the most prominent person named so far that it can be
            births = self.knowledge.births.get(entity)
            if gender and self.knowledge.genders.get(entity) != gender:
                continue
            if any(self._same_clause(o, offset) for o, e, _ in self.history if e == entity):
                continue
            if self.doc_ages.get(entity, age) == age and (
                births is None or births.allows(age, self.date, estimated=self.estimated)
            ):
                possible.append(entity)
        if possible:
            return (max(possible, key=lambda e: (self.weight(e), e)),)
        return ()

    def _same_clause(self, mention: int, offset: int) -> bool:
        """Whether a name (not a genitive) at ``mention`` stands before ``offset`` in the same clause.

        "Britney claimed the 32-year-old was ..." speaks of someone else than the one just named.
        """
        if mention >= offset or self._sentence(mention) != self._sentence(offset):
            return False
        name = self._name_starting(mention)
        if name is None:
            return False
        if self.lex.genitive.search(self.doc.text[name[0] : name[1]]) or self.doc.text[name[1] : name[1] + 2] in (
            "'s",
            "’s",
        ):
            return False
        return not re.search(r"[,;:—–()]", self.doc.text[name[1] : offset])

    def _by_term_alone(self, term: Term, gender: str) -> tuple[str, ...]:
        """ "der Anwalt": the one person the story gives that relation to someone named in this article."""
        if term.plural:
            return ()
        here = {entity for _, _, entity in self.names}
        found = set()
        for subject, predicate, obj in self.knowledge.relations:
            if predicate != term.relation:
                continue
            referent, other = (obj, subject) if term.possessor == "subject" else (subject, obj)
            if other in here and self._gender_fits(referent, gender):
                found.add(referent)
        return (found.pop(),) if len(found) == 1 else ()

    def weight(self, entity: str) -> float:
        """How central a person is to this article: its share of the names here plus its share in the story."""
        here = sum(1 for _, _, e in self.names if e == entity) / max(len(self.names), 1)
        return here + self.prominence[entity] / self.prominence_total

    def _gender_fits(self, entity: str, gender: str) -> bool:
        known = self.knowledge.genders.get(entity)
        return not gender or not known or known == gender

    def _mentioned_before(self, offset: int) -> list[str]:
        seen: list[str] = []
        for position, entity, _ in self.history:
            if position < offset and entity not in seen:
                seen.append(entity)
        return seen

    # ------------------------------------------------------------------ ages

    def _age_after(self, offset: int, entities: tuple[str, ...]) -> None:
        if len(entities) != 1:
            return
        match = self.age_after_name.match(self.doc.text[offset:])
        if match:
            group = 1 if match.group(1) else 2
            value = int(match.group(group))
            if 0 < value < 120:
                self._age(entities[0], value, _Token(offset + match.start(group), offset + match.end(group), ""))

    def _age(self, entity: str, age: int, token: _Token, *, explicit: bool = True) -> None:
        if any(a.start == token.start and a.doc == self.doc.id for a in self.ages):
            return
        self.doc_ages.setdefault(entity, age)
        self.ages.append(
            AgeEvidence(entity, age, self.doc.id, token.start, token.end, self.date, self.estimated, explicit)
        )


def _main_person(
    document: Document, names: list[tuple[int, int, str]], prominence: Counter[str], referred: Counter[tuple[str, str]]
) -> str | None:
    """Who the article is about: the person it names (and, in the last pass, refers to) most, weighed with the story."""
    if not names:
        return None
    counts = Counter(entity for _, _, entity in names)
    for entity in list(counts):
        counts[entity] += referred[(document.id, entity)]

    def score(entity: str) -> tuple[int, int, str]:
        return (counts[entity], prominence[entity], entity)  # the story's prominence only breaks ties

    return max(counts, key=score)


def _strip_ages(text: str) -> str:
    words = [w for w in text.split() if not re.match(r"^\d", w)]
    return " ".join(words)


def _related(relations: set[tuple[str, str, str]], possessor: str, term: Term) -> list[str]:
    from storyline.resolution.relations import SYMMETRIC

    found = []
    for subject, predicate, obj in sorted(relations):
        if predicate != term.relation:
            continue
        if term.possessor == "subject" or predicate in SYMMETRIC:
            if subject == possessor:
                found.append(obj)
            elif predicate in SYMMETRIC and obj == possessor:
                found.append(subject)
        elif obj == possessor:
            found.append(subject)
    return found
