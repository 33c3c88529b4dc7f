"""Person name variants across a story: "Britney", "Britney Spears" and "Britneys" are one person.

Rules, most specific first, all on the names the collection itself uses:

1. a multi-word name that starts or ends another, longer one is that person
   ("Sean Preston" / "Sean Preston Federline", "Jamie Lynn" / "Jamie Lynn Spears");
2. a single word (or its genitive, "Kevins") that is the first or the last word of
   exactly one full name is that person ("Jayden" -> "Jayden James");
3. but never when it is ambiguous: a surname shared by several full names
   ("Spears") stays its own entity; and a first name is merged into a full name
   whose first two words are themselves used as a name ("Jamie Lynn" of "Jamie
   Lynn Spears", "Sean Preston" of "Sean Preston Federline") only when an
   article uses both forms — the sister called "Jamie Lynn" in one article is not
   the father called "Jamie" in another;
4. and never when both state ages beside their names that no single birth date fits, given
   the articles' dates ("Jamie (71)" is not "Jamie Lynn Spears (34)").

Merging keeps every variant as an alias, so nothing said about a name is lost.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.records import Entity, Mention
from storyline.resolution.dates import BirthRange

GENITIVE_ENDINGS = ("s",)


def merge_person_variants(entities: list[Entity], births: dict[str, BirthRange] | None = None) -> list[Entity]:
    """Merge the name variants of each person (rules in the module docstring).

    ``births`` (entity id -> the birth range its name-adjacent ages allow, see
    :mod:`storyline.resolution.stated_ages`) vetoes a merge whose ages no single birth date fits.

    Every lookup goes through an index (name -> longer names that start or end with
    it; word -> full names using it first or last), so the cost grows with the number
    of names, not with its square.
    """
    people = [e for e in entities if e.type == "person"]
    others = [e for e in entities if e.type != "person"]
    words = {e.id: e.name.split() for e in people}
    target: dict[str, str] = {}  # entity id -> id of the entity it merges into
    born: dict[str, BirthRange] = dict(births or {})  # group root -> the birth range its members' ages allow

    full = sorted((e for e in people if len(words[e.id]) >= 2), key=lambda e: -len(words[e.id]))
    rank = {e.id: position for position, e in enumerate(full)}
    longer_by_part: dict[tuple[str, ...], list[Entity]] = defaultdict(list)
    for entity in full:
        name = words[entity.id]
        for size in range(2, len(name)):
            longer_by_part[tuple(name[:size])].append(entity)
            longer_by_part[tuple(name[-size:])].append(entity)
    for entity in full:
        candidates = [
            e
            for e in longer_by_part.get(tuple(words[entity.id]), [])
            if _ages_fit(born, entity.id, _root(e.id, target))
        ]
        if candidates:
            longer = min(candidates, key=lambda e: rank[e.id])
            _join(born, entity.id, _root(longer.id, target))
            target[entity.id] = _root(longer.id, target)
    canonical = [e for e in full if e.id not in target]
    groups: dict[str, list[Entity]] = defaultdict(list)
    for entity in people:
        groups[_root(entity.id, target)].append(entity)
    group_docs = {root: {m.doc for e in members for m in e.mentions} for root, members in groups.items()}
    by_edge_word: dict[str, list[str]] = defaultdict(list)  # first or last word -> canonical ids
    for candidate in canonical:
        edge = {w for p in groups[candidate.id] if len(words[p.id]) >= 2 for w in (words[p.id][0], words[p.id][-1])}
        for word in edge:
            by_edge_word[word].append(candidate.id)
    used_names = {" ".join(words[e.id]) for e in people}
    for entity in people:
        if len(words[entity.id]) != 1:
            continue
        word = words[entity.id][0]
        forms = {word} | {word[: -len(end)] for end in GENITIVE_ENDINGS if word.endswith(end) and len(word) > 3}
        docs = {m.doc for m in entity.mentions}
        owners = set()
        for form in forms:
            for candidate_id in by_edge_word.get(form, []):
                if len(owners) > 1:
                    break  # ambiguous already: no need to look at every other person of that name
                if not _ages_fit(born, entity.id, candidate_id):
                    continue  # stated ages no single birth date fits: another person of that name
                variants = [words[p.id] for p in groups[candidate_id] if len(words[p.id]) >= 2]
                if _names_person(form, variants, used_names, shares_article=bool(docs & group_docs[candidate_id])):
                    owners.add(candidate_id)
        if len(owners) == 1:
            owner = owners.pop()
            _join(born, entity.id, owner)
            target[entity.id] = owner
            groups[owner].append(entity)
            group_docs[owner] |= docs
    merged: dict[str, list[Entity]] = {}
    for entity in people:
        merged.setdefault(_root(entity.id, target), []).append(entity)
    return sorted([_combine(group) for group in merged.values()] + others, key=lambda e: (-len(e.mentions), e.id))


def _names_person(word: str, variants: list[list[str]], used_names: set[str], *, shares_article: bool) -> bool:
    if any(v[-1] == word for v in variants):
        return True
    if not any(v[0] == word for v in variants):
        return False
    double_first_name = any(len(v) >= 3 and v[0] == word and " ".join(v[:2]) in used_names for v in variants)
    return shares_article or not double_first_name


def _ages_fit(born: dict[str, BirthRange], variant: str, group: str) -> bool:
    """Whether one birth date fits the ages stated for both (True when either states none)."""
    return variant not in born or group not in born or born[variant].intersect(born[group]) is not None


def _join(born: dict[str, BirthRange], variant: str, group: str) -> None:
    if variant in born:
        joined = born[variant] if group not in born else born[variant].intersect(born[group])
        if joined is not None:
            born[group] = joined


def _root(entity_id: str, target: dict[str, str]) -> str:
    while entity_id in target:
        entity_id = target[entity_id]
    return entity_id


def _combine(group: list[Entity]) -> Entity:
    if len(group) == 1:
        return group[0]
    main = max(group, key=lambda e: (len(e.name.split()), len(e.mentions), e.name))
    aliases = sorted({name for e in group for name in (e.name, *e.aliases)} - {main.name})
    mentions = sorted({m for e in group for m in e.mentions}, key=lambda m: (m.doc, m.start))
    return main.model_copy(update={"aliases": aliases, "mentions": mentions})


def person_names(entities: list[Entity]) -> dict[str, list[tuple[int, int, str]]]:
    """Per document: the (start, end, entity id) of every person name mention, in text order."""
    names: dict[str, list[tuple[int, int, str]]] = {}
    for entity in entities:
        if entity.type != "person":
            continue
        for mention in entity.mentions:
            names.setdefault(mention.doc, []).append((mention.start, mention.end, entity.id))
    return {doc: sorted(spans) for doc, spans in sorted(names.items())}


def link_surnames_in_articles(entities: list[Entity], texts: dict[str, str]) -> list[Entity]:
    """A bare surname in an article that names exactly one person with that surname is that person there.

    "Federline's attorney" in an article that names Kevin Federline (and no other Federline)
    is his attorney, even though across the story the surname is shared (his son Sean Preston
    Federline) and :func:`merge_person_variants` rightly keeps the bare "Federline" apart.
    Only the mentions in such articles move; the bare surname keeps the others. (When several
    people of that surname are named, :mod:`storyline.resolution.references` gives the surname
    to the article's main person among them, once it knows who that is.) ``texts`` maps
    a document id to its text (what each mention says there).
    """
    people = [e for e in entities if e.type == "person"]
    bearers: dict[tuple[str, str], set[str]] = {}  # (doc, last word as written there) -> full-name entities
    for entity in people:
        if len(entity.name.split()) < 2:
            continue
        for mention in entity.mentions:
            words = texts.get(mention.doc, "")[mention.start : mention.end].split()
            if len(words) >= 2:
                for form in _surname_forms(words[-1]):
                    bearers.setdefault((mention.doc, form), set()).add(entity.id)
    moved: dict[str, set[Mention]] = {}  # entity id -> mentions it gains
    lost: dict[str, set[Mention]] = {}
    for entity in people:
        if len(entity.name.split()) != 1:
            continue
        word = entity.name.casefold()
        for doc in sorted({m.doc for m in entity.mentions}):
            owners = bearers.get((doc, word), set())
            if len(owners) != 1:
                continue
            here = {m for m in entity.mentions if m.doc == doc}
            owner = next(iter(owners))
            moved.setdefault(owner, set()).update(here)
            lost.setdefault(entity.id, set()).update(here)
    if not moved:
        return entities
    names = {e.id: e.name for e in people}
    gained_alias: dict[str, set[str]] = {}
    for entity_id, mentions in lost.items():
        for target, gained in moved.items():
            if gained & mentions:
                gained_alias.setdefault(target, set()).add(names[entity_id])
    result = []
    for entity in entities:
        mentions = (set(entity.mentions) - lost.get(entity.id, set())) | moved.get(entity.id, set())
        if not mentions:
            continue
        if mentions == set(entity.mentions):
            result.append(entity)
            continue
        aliases = sorted(set(entity.aliases) | (gained_alias.get(entity.id, set()) - {entity.name}))
        ordered = sorted(mentions, key=lambda m: (m.doc, m.start))
        result.append(entity.model_copy(update={"mentions": ordered, "aliases": aliases}))
    return sorted(result, key=lambda e: (-len(e.mentions), e.id))


def _surname_forms(word: str) -> set[str]:
    """The last word of a full name as a bare surname may appear: as is, without a genitive ending."""
    lower = word.casefold()
    forms = {lower}
    for ending in ("'s", "’s", "'", "’"):
        if lower.endswith(ending):
            forms.add(lower[: -len(ending)])
    return forms
