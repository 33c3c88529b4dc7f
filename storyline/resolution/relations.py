"""Relations between people over time: kinship, counsel and representation, and how relationships stand.

Three sources, all with evidence spans:

- relational nouns resolved by :mod:`storyline.resolution.references` ("her sons: Sean Preston and
  Jayden James", "Kevins Anwalt, Mark Vincent Kaplan", "his client") give typed relations;
- link words from the language data ("her wedding to Sam Asghari") give spouse relations, with the
  sentence's date as ``since``/``until``;
- state words ("estranged", "Versöhnung", "spoken on the phone") in a sentence naming two people the
  story already relates personally give the relationship's ``state`` on a date (the sentence's date,
  else the article's), with the sentence as ``text``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import combinations, pairwise

from storyline.records import Document, Mention, Relation, TimeExpression
from storyline.resolution.dates import document_date
from storyline.resolution.lexicon import lexicon
from storyline.resolution.references import Knowledge, Reference, Resolution

SYMMETRIC = frozenset({"spouse_of", "former_spouse_of", "sibling_of", "cousin_of"})
PERSONAL = frozenset({"parent_of", "grandparent_of", "uncle_or_aunt_of"}) | SYMMETRIC
ELDER_FIRST = frozenset({"parent_of", "grandparent_of", "uncle_or_aunt_of"})  # the subject is the older one
ABSOLUTE_DATE = re.compile(r"^\d{4}(?:-\d{2}){0,2}$")
SENTENCE_STATE = "relationship"
PAIR_WINDOW = 3  # "the pair" looks this many sentences back for the two people it means
LINK_DATE_WINDOW = 40  # characters between link words and a date that dates them


def _key(subject: str, predicate: str, obj: str) -> tuple[str, str, str]:
    if predicate in SYMMETRIC and obj < subject:
        subject, obj = obj, subject
    return subject, predicate, obj


def phrase_relations(references: Iterable[Reference], knowledge: Knowledge | None = None) -> list[Relation]:
    """Typed relations from resolved relational nouns, one per (subject, predicate, object), evidence merged.

    With ``knowledge``, both ends must be people by more than the name tagger's word, and a parent must
    be able to be older than the child (their birth ranges, where both are known).
    """
    evidence: dict[tuple[str, str, str], set[Mention]] = defaultdict(set)
    guesses: set[Mention] = set()  # evidence whose possessor was a guess among people of one gender
    for ref in references:
        if ref.term is None or ref.possessor is None or not ref.entities:
            continue
        for entity, possessor in ((e, p) for e in ref.entities for p in ref.owners or (ref.possessor,)):
            if entity == possessor:
                continue
            if ref.term.possessor == "subject":
                key = _key(possessor, ref.term.relation, entity)
            else:
                key = _key(entity, ref.term.relation, possessor)
            if knowledge is not None and not plausible(key, knowledge):
                continue
            mention = Mention(doc=ref.doc, start=ref.start, end=ref.end)
            evidence[key].add(mention)
            if ref.guessed:
                guesses.add(mention)
    return [
        Relation(subject=s, predicate=p, object=o, evidence=sorted(spans, key=lambda m: (m.doc, m.start)))
        for (s, p, o), spans in sorted(evidence.items())
        if not _outweighed((s, p, o), evidence, guesses)
    ]


GUESS_WEIGHT = 0.5  # "ihres Vaters X" whose "ihres" could mean either of two women named before


def _outweighed(
    key: tuple[str, str, str], evidence: dict[tuple[str, str, str], set[Mention]], guesses: set[Mention] = frozenset()
) -> bool:
    """An elder-first relation whose reverse (any elder-first predicate) the story states as often or more.

    One misread "her father" must not make a woman her own son's child. Evidence read through a guessed
    possessor weighs half; on a tie both go, since one of the two is misread and which is unknown.
    """
    subject, predicate, obj = key
    if predicate not in ELDER_FIRST:
        return False

    def weight(spans: set[Mention]) -> float:
        return sum(GUESS_WEIGHT if m in guesses else 1.0 for m in spans)

    reverse = max((weight(evidence.get((obj, p, subject), set())) for p in ELDER_FIRST), default=0.0)
    return reverse >= weight(evidence[key])


def plausible(key: tuple[str, str, str], knowledge: Knowledge) -> bool:
    """Both ends are people (see :func:`references._person_signals`); an elder is born before the younger."""
    subject, predicate, obj = key
    if subject not in knowledge.persons or obj not in knowledge.persons:
        return False
    if predicate in ELDER_FIRST:
        elder, younger = knowledge.births.get(subject), knowledge.births.get(obj)
        if elder is not None and younger is not None and elder.earliest >= younger.latest:
            return False
    return True


def story_relations(
    documents: list[Document],
    resolution: Resolution,
    names: dict[str, list[tuple[int, int, str]]],
    times: Iterable[TimeExpression] = (),
) -> list[Relation]:
    """All relations of the story: typed ones (nouns and link words) then states, in a stable order.

    ``names`` maps a document id to its person name mentions as (start, end, entity id).
    """
    dated = defaultdict(list)
    for time in times:
        if time.type == "DATE" and ABSOLUTE_DATE.match(time.value):
            dated[time.doc].append(time)
    typed = phrase_relations(resolution.references, resolution.knowledge)
    by_doc: dict[str, list[tuple[int, int, tuple[str, ...]]]] = defaultdict(list)
    for doc_id, spans in names.items():
        by_doc[doc_id] += [(start, end, (entity,)) for start, end, entity in spans]
    possessives: set[tuple[str, int, int]] = set()  # "ihre Mutter": for a state the phrase counts, not its "ihre"
    for ref in resolution.references:
        if ref.entities:
            by_doc[ref.doc].append((ref.start, ref.end, ref.entities))
        if ref.kind == "possessive":
            possessives.add((ref.doc, ref.start, ref.end))
    links: list[Relation] = []
    states: list[Relation] = []
    known = {(r.subject, r.object) for r in typed if r.predicate in PERSONAL}
    for document in sorted(documents, key=lambda d: d.id):
        people = sorted(by_doc.get(document.id, []))
        for number, sentence in enumerate(document.sentences):
            inside = [p for p in people if sentence.start <= p[0] < sentence.end]
            first = document.sentences[max(0, number - PAIR_WINDOW)].start
            inside += _the_pair(document, sentence.start, sentence.end, [p for p in people if first <= p[0]], known)
            if not inside:
                continue
            when = [t for t in dated[document.id] if sentence.start <= t.start < sentence.end]
            links += _links(document, sentence.start, sentence.end, inside, when)
            participants = [p for p in inside if (document.id, p[0], p[1]) not in possessives]
            states += _states(document, sentence.start, sentence.end, participants, when, known)
    links = [r for r in links if plausible((r.subject, r.predicate, r.object), resolution.knowledge)]
    return _merge(typed + links) + _merge(states)


def _the_pair(document: Document, start: int, end: int, people: list, known: set[tuple[str, str]]) -> list:  # type: ignore[type-arg]
    """ "the pair", "die beiden": the related pair named most in this sentence and the ones just before."""
    words = lexicon(document.language).pair_words
    lower = document.text[start:end].casefold()
    at = min((lower.find(w) for w in words if w in lower), default=-1)
    if at < 0:
        return []
    counts: Counter[str] = Counter()
    for position, _, group in people:
        if position < end:
            counts.update(group)
    scored = sorted(((min(counts[a], counts[b]), a, b) for a, b in known if counts[a] and counts[b]), reverse=True)
    if not scored or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return []  # no pair, or two as likely
    _, subject, obj = scored[0]
    return [(start + at, start + at, (subject,)), (start + at + 1, start + at + 1, (obj,))]


def _links(document, start, end, inside, when) -> list[Relation]:  # type: ignore[no-untyped-def]
    lex = lexicon(document.language)
    text = document.text[start:end]
    found = []
    for cue, predicate in sorted(lex.links.items()):
        for match in re.finditer(rf"\b{re.escape(cue)}\s+", text, re.IGNORECASE):
            cue_start, after = start + match.start(), start + match.end()
            objects = [p for p in inside if p[0] == after and len(p[2]) == 1]
            subjects = [p for p in inside if p[1] <= cue_start and len(p[2]) == 1]
            owner = re.search(r"(\w+)\s*$", document.text[start:cue_start])
            if owner and owner.group(1).casefold() in lex_possessives(document.language):
                subjects = [p for p in subjects if p[1] == start + owner.end(1)]  # "her wedding": only "her" counts
            if not objects or not subjects:
                continue
            subject, obj = subjects[-1][2][0], objects[0][2][0]
            if subject == obj:
                continue
            close = [
                t
                for t in when
                if -LINK_DATE_WINDOW < t.start - objects[0][1] < LINK_DATE_WINDOW
                or 0 <= cue_start - t.end < LINK_DATE_WINDOW
            ]
            date = close[0].value if close else None  # "her wedding to X in June 2016", not any date of the sentence
            since, until = (date, None) if predicate == "spouse_of" else (None, date)
            s, p, o = _key(subject, predicate, obj)
            found.append(
                Relation(
                    subject=s,
                    predicate=p,
                    object=o,
                    since=since,
                    until=until,
                    evidence=[Mention(doc=document.id, start=cue_start, end=objects[0][1])],
                )
            )
    return found


def lex_possessives(code: str) -> dict[str, str]:
    return lexicon(code).possessives


def _states(document, start, end, inside, when, known) -> list[Relation]:  # type: ignore[no-untyped-def]
    lex = lexicon(document.language)
    text = document.text[start:end]
    lower = text.casefold()
    where: dict[str, list[int]] = defaultdict(list)  # entity -> offsets of its mentions in the sentence
    for position, _, group in inside:
        for entity in group:
            where[entity].append(position)
    clauses = _clauses(text, start)
    cues = {clauses(start + at) for cues in lex.states.values() for cue in cues for at in _finds(lower, cue)}
    related = [
        (a, b) if (a, b) in known else (b, a)
        for a, b in combinations(sorted(where), 2)
        if ((a, b) in known or (b, a) in known)
        and set(where[a]) != set(where[b])  # not two of one "her kids"
        # the state words in one clause with both people: "while she hasn't seen the teenagers — who moved
        # with their dad —" says nothing of her and their dad
        and any({clauses(p) for p in where[a]} & {clauses(p) for p in where[b]} & {c} for c in cues)
    ]
    # two people named together ("Jayden und Sean", "Sean Preston and 17-year-old Jayden James") facing a
    # third related to both ("ihre Mutter", "her children") are one side of the state, not its two sides
    together = _coordinated(document, inside, lex)
    related = [
        (a, b)
        for a, b in related
        if not (
            (a, b) in together
            and any(_pair_in(c, a, related) and _pair_in(c, b, related) for c in where if c not in (a, b))
        )
    ]
    if not related:
        return []
    return _state_relations(document, start, end, text, lower, lex, where, related, when)


def _coordinated(document: Document, inside: list, lex) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def, type-arg]
    """Pairs of people named one right after the other, joined by a comma or "and"/"und" (ages may stand between)."""
    found = set()
    named = sorted((p, e, g) for p, e, g in inside if len(g) == 1 and e > p)
    for (_, end, (a,)), (start, _, (b,)) in pairwise(named):
        words = re.findall(r"\w[\w-]*", document.text[end:start])
        if start - end <= 40 and all(w.casefold() in lex.joiners or any(c.isdigit() for c in w) for w in words):
            found |= {(a, b), (b, a)}
    return found


def _pair_in(a: str, b: str, pairs: list[tuple[str, str]]) -> bool:
    return (a, b) in pairs or (b, a) in pairs


def _finds(text: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), text)]


CLAUSE_BREAK = re.compile(r"[,;:—–()]|\s-\s")
AGE_APPOSITION = re.compile(r"\(\d{1,3}\)|,\s*\d{1,3}\s*(?=,)")  # an age between a name and its clause


def _clauses(text: str, start: int):  # type: ignore[no-untyped-def]
    """A function from a document offset in the sentence to its clause number (split at , ; : dashes and
    brackets, not at an age: "Jayden (18)", "Bryan, 46,")."""
    masked = AGE_APPOSITION.sub(lambda m: " " * len(m.group()), text)  # "Britney Spears (42) scheint"
    breaks = [start + m.start() for m in CLAUSE_BREAK.finditer(masked)]
    return lambda offset: sum(1 for b in breaks if b < offset)


def _state_relations(document, start, end, text, lower, lex, where, related, when) -> list[Relation]:  # type: ignore[no-untyped-def]
    found = []
    for state, cues in sorted(lex.states.items()):
        at = [start + lower.find(cue) for cue in cues if cue in lower]
        if not at:
            continue
        # the related pair named nearest the state words ("Spears has been estranged from her kids", not her
        # ex-husband named earlier in the sentence); a plural ("her kids") gives every pair it stands for
        distance = {
            pair: min(abs(p - a) for a in at for p in where[pair[0]])
            + min(abs(p - a) for a in at for p in where[pair[1]])
            for pair in related
        }
        nearest = min(distance.values())
        pairs = [pair for pair in related if distance[pair] == nearest]
        as_of, since = document_date(document), None
        if when:
            as_of = when[0].value
            before = document.text[max(start, when[0].start - 12) : when[0].start].casefold().split()
            if before and before[-1] in lex.since_words:
                since = when[0].value
        for subject, obj in pairs:
            found.append(
                Relation(
                    subject=subject,
                    predicate=SENTENCE_STATE,
                    object=obj,
                    since=since,
                    state=state,
                    as_of=as_of,
                    text=" ".join(text.split()),
                    evidence=[Mention(doc=document.id, start=start, end=end)],
                )
            )
    return found


def _merge(relations: list[Relation]) -> list[Relation]:
    """One relation per key; typed relations keep every evidence span and the first stated dates."""
    merged: dict[tuple, Relation] = {}
    for relation in relations:
        key = (
            relation.subject,
            relation.predicate,
            relation.object,
            relation.state,
            relation.evidence[0].doc if relation.state else None,
            relation.text,
        )
        if key not in merged:
            merged[key] = relation
            continue
        old = merged[key]
        spans = sorted(set(old.evidence) | set(relation.evidence), key=lambda m: (m.doc, m.start, m.end))
        merged[key] = old.model_copy(
            update={"evidence": spans, "since": old.since or relation.since, "until": old.until or relation.until}
        )
    return sorted(
        merged.values(),
        key=lambda r: (r.subject, r.predicate, r.object, r.as_of or "", r.evidence[0].doc, r.evidence[0].start),
    )
