"""Cross-document coreference over typed mention records: which mentions, in which documents, are one thing.

The resolver works on :class:`CorefMention` records (id, document, type, head
lemma, position, whether a pronoun, the proper name it carries), so any stage
that can say this much about its mentions can use it: the ECB+ evaluation with
gold mentions, or the pipeline's name mentions. Rules, cheapest first, all keyed
(no comparison of all pairs, so the cost grows with the number of mentions):

0. A mention the text itself equates with another (apposition: "Tara Reid, the
   actress") is that mention's entity.
1. Blocking: mentions in different blocks (a topic, a story) never corefer.
2. Nominal and name mentions of the same type with the same normalised head are
   one entity ("the attorney general" / "attorney general"; "Tara Reid" / "Reid"); the
   head as written, so that number agrees ("the vessel" is not "the vessels"; matching
   lemmas instead was slightly worse on dev and train).
3. A one-word name that is the first or last word of exactly one longer name of
   the same type in the block is that entity ("Lindsay" -> "Lindsay Lohan").
4. A third-person pronoun belongs to the nearest preceding name of its type in its
   own document, else the nearest preceding non-pronoun mention of its type (at the
   start of a document: the first one after it); first- and second-person pronouns
   ("I", "we") stay alone; pronouns never link across documents by themselves.
5. A common noun whose lemma the text gives as a role to exactly one named entity of
   its block and type ("coach Maurice Cheeks", "Cheeks, the coach", "Cheeks is the
   coach": ``CorefMention.roles``) joins that entity ("the coach" elsewhere); two names
   claiming the role leave it apart. Keyed by (block, type, role), so still linear.

The choices (type granularity, pronoun rule, name parts, appositions) were made on
ECB+ train/dev; tried and dropped there: linking common nouns only within one story
(precision up, recall down more) and joining a common noun to the name that
dominates the documents it is used in (CEAF-e down; again at chain level, a noun chain
joining the one name present in most of its documents: no gain), requiring that the
role's name be in the noun's own document, and more role patterns (copula with the
name as attribute, "named X coach"): neither helped on dev.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from storyline.resolution import POSSESSIVE


@dataclass(frozen=True)
class CorefMention:
    id: str
    doc: str
    type: str  # any label; only equal labels (or their coarse prefix, see CorefSettings) corefer
    head: str  # the syntactic head as written ("leaders" for "two top leaders")
    order: int = 0  # position in its document (token or character offset)
    pronoun: bool = False
    person: int = 3  # grammatical person of a pronoun: "I"/"we"/"you" (1, 2) name a speaker, not an antecedent
    name: str | None = None  # the proper name the mention carries, if any ("Tara Reid")
    block: str = ""  # blocking key: topic or story
    lemma: str | None = None  # the head's lemma ("leader"), when known
    story: str = ""  # optional, finer than the block: common nouns ("the man") then link by head only within it
    same_as: str | None = None  # id of a mention the text equates this one with ("Reid, the actress")
    roles: tuple[str, ...] = ()  # lemmas of common nouns the text gives this name ("coach Mo Cheeks" -> "coach")


@dataclass(frozen=True)
class CorefSettings:
    """Choices tuned on ECB+ dev (see docs/benchmarks.md)."""

    type_depth: int = 3  # compare types on their first N "_"-separated parts; 0 ignores types
    pronouns: str = "nearest"  # "nearest" antecedent, "keep" (singletons), or "head" (as any other head)
    name_parts: bool = True  # rule 3
    pronoun_prefers_names: bool = True  # rule 4 looks for the nearest name first
    appositions: bool = True  # rule 0
    lemmas: bool = False  # rule 2 also on the head's lemma ("vessel" = "vessels"); off: number must agree
    roles: bool = True  # rule 5


HEAD_LEMMA_BASELINE = CorefSettings(type_depth=0, pronouns="head", name_parts=False, appositions=False, lemmas=True)


def normalise(text: str) -> str:
    """NFKC, casefolded, single spaces, possessive ending and surrounding punctuation removed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    words = (POSSESSIVE.sub("", word.strip('.,;:!?"`()[]')).strip("'’") for word in text.split())
    return " ".join(word for word in words if word)


def _type_key(label: str, depth: int) -> str:
    return "_".join(label.split("_")[:depth]) if depth else ""


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, first: str, second: str) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def resolve_coreference(mentions: Iterable[CorefMention], settings: CorefSettings | None = None) -> dict[str, str]:
    """Mention id -> cluster id (the smallest member id); every mention gets a cluster, singletons included."""
    settings = settings or CorefSettings()
    mentions = list(mentions)
    clusters = _UnionFind()
    if settings.appositions:
        known = {mention.id for mention in mentions}
        for mention in mentions:
            if mention.same_as in known:
                clusters.union(mention.same_as, mention.id)
    by_head: dict[tuple[str, str, str, str], str] = {}
    for mention in mentions:
        clusters.find(mention.id)
        if mention.pronoun and settings.pronouns != "head":
            continue
        type_key = _type_key(mention.type, settings.type_depth)
        heads = {normalise(mention.head), normalise(mention.lemma or "") if settings.lemmas else ""}
        for head in heads - {""}:
            key = (mention.block, "" if mention.name else mention.story, type_key, head)
            clusters.union(by_head.setdefault(key, mention.id), mention.id)
    if settings.name_parts:
        _merge_name_parts(mentions, clusters, settings)
    if settings.roles:
        _merge_roles(mentions, clusters, settings)
    if settings.pronouns == "nearest":
        _attach_pronouns(mentions, clusters, settings)
    return {mention.id: clusters.find(mention.id) for mention in mentions}


def _merge_name_parts(mentions: list[CorefMention], clusters: _UnionFind, settings: CorefSettings) -> None:
    """A one-word name joins the one longer name (same block and type) that starts or ends with it."""
    full_names: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (block, type, word) -> cluster roots
    singles: list[tuple[tuple[str, str, str], str]] = []
    for mention in mentions:
        if not mention.name or mention.pronoun:
            continue
        words = normalise(mention.name).split()
        type_key = _type_key(mention.type, settings.type_depth)
        if len(words) == 1:
            singles.append(((mention.block, type_key, words[0]), mention.id))
        elif len(words) > 1:
            for word in (words[0], words[-1]):
                full_names[(mention.block, type_key, word)].add(mention.id)
    for key, mention_id in singles:
        owners = {clusters.find(other) for other in full_names.get(key, ())}
        if len(owners) == 1:
            clusters.union(owners.pop(), mention_id)


def _attach_pronouns(mentions: list[CorefMention], clusters: _UnionFind, settings: CorefSettings) -> None:
    by_doc: dict[str, list[CorefMention]] = defaultdict(list)
    for mention in mentions:
        by_doc[mention.doc].append(mention)
    for members in by_doc.values():
        members.sort(key=lambda m: m.order)
        last: dict[str, str] = {}  # type -> id of the last non-pronoun mention seen
        last_name: dict[str, str] = {}  # type -> id of the last name seen
        waiting: dict[str, list[str]] = defaultdict(list)  # pronouns before any antecedent of their type
        for mention in members:
            type_key = _type_key(mention.type, settings.type_depth)
            if not mention.pronoun:
                last[type_key] = mention.id
                if mention.name:
                    last_name[type_key] = mention.id
                for pronoun in waiting.pop(type_key, []):
                    clusters.union(mention.id, pronoun)
            elif mention.person != 3:
                continue
            elif settings.pronoun_prefers_names and type_key in last_name:
                clusters.union(last_name[type_key], mention.id)
            elif type_key in last:
                clusters.union(last[type_key], mention.id)
            else:
                waiting[type_key].append(mention.id)


def _merge_roles(mentions: list[CorefMention], clusters: _UnionFind, settings: CorefSettings) -> None:
    """A common noun whose lemma the text gives to exactly one named entity of the block joins that entity."""
    claimants: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # (block, type, role) -> name cluster roots
    for mention in mentions:
        if mention.name and mention.roles:
            type_key = _type_key(mention.type, settings.type_depth)
            for role in mention.roles:
                claimants[(mention.block, type_key, normalise(role))].add(clusters.find(mention.id))
    sole_owner: dict[tuple[str, str, str], str | None] = {}  # the one claimant entity of a role, else None
    for key, roots in claimants.items():
        owners: set[str] = set()
        for root in roots:
            owners.add(clusters.find(root))
            if len(owners) > 1:
                break  # two entities claim the role: stop looking (keeps this linear)
        sole_owner[key] = owners.pop() if len(owners) == 1 else None
    for mention in mentions:
        if mention.name or mention.pronoun or not mention.lemma:
            continue
        owner = sole_owner.get((mention.block, _type_key(mention.type, settings.type_depth), normalise(mention.lemma)))
        if owner is not None:
            clusters.union(owner, mention.id)
