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
   the father called "Jamie" in another.

Merging keeps every variant as an alias, so nothing said about a name is lost.
"""

from __future__ import annotations

from storyline.records import Entity, Mention

GENITIVE_ENDINGS = ("s",)


def merge_person_variants(entities: list[Entity]) -> list[Entity]:
    people = [e for e in entities if e.type == "person"]
    others = [e for e in entities if e.type != "person"]
    words = {e.id: e.name.split() for e in people}
    target: dict[str, str] = {}  # entity id -> id of the entity it merges into

    full = sorted((e for e in people if len(words[e.id]) >= 2), key=lambda e: -len(words[e.id]))
    for entity in full:
        for longer in full:
            lw, ew = words[longer.id], words[entity.id]
            if len(lw) > len(ew) and (lw[: len(ew)] == ew or lw[-len(ew) :] == ew):
                target[entity.id] = _root(longer.id, target)
                break
    canonical = [e for e in full if e.id not in target]
    used_names = {" ".join(words[e.id]) for e in people}
    for entity in people:
        if len(words[entity.id]) != 1:
            continue
        word = words[entity.id][0]
        forms = {word} | {word[: -len(end)] for end in GENITIVE_ENDINGS if word.endswith(end) and len(word) > 3}
        owners = set()
        for candidate in canonical:
            group = [p for p in people if _root(p.id, target) == candidate.id]
            variants = [words[p.id] for p in group if len(words[p.id]) >= 2]
            for form in forms:
                if _names_person(form, variants, used_names, shares_article=_share_article(entity, group)):
                    owners.add(candidate.id)
        if len(owners) == 1:
            target[entity.id] = owners.pop()
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


def _share_article(entity: Entity, group: list[Entity]) -> bool:
    docs = {m.doc for m in entity.mentions}
    return any(m.doc in docs for other in group for m in other.mentions)


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
