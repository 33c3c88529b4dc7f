"""Collection-level name propagation: a name found confidently anywhere labels its other occurrences.

News about one story names the same people again and again, in several
languages. A model that misses "Federline" in a German article has often found
"Kevin Federline" in an English one. Confident names are

* multi-word person names whose words are all capitalised ("Kevin Federline"),
* any name found at least twice, always (≥ 75 %) with the same label;

each confident name, and the surname of a confident multi-word person name
(also in the German genitive form, "Federlines"), then labels every uncovered
occurrence in every document. Existing mentions are never changed. Language
independent: it only looks at capitalised word sequences.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache

from storyline.extraction.quotes.lexicon import speech_lexicon
from storyline.language.registry import default_registry
from storyline.records import Document, NameMention

MIN_COUNT = 2
MAJORITY = 0.75
MIN_SURNAME_CHARS = 3
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


PERSON_AFTER = re.compile(r"^\s*(?:\(\d{1,3}\)|,\s*\d{1,3}\s*,)")  # "Anna Berg (42)", "Anna Berg, 42,"
PERSON_EVIDENCE_VOTES = 2
TITLE_VOTES = 3  # a name alone in quotation marks is a title more surely than a tagger's PER is a person
# outweighs a tagger's PER plus a speech verb after the name ("Dem Sender Thameside Radio sagte sie")
ORGANISATION_WORD_VOTES = 4
OUTLET_VOTES = 10  # an article's own outlet ("Spotlight Wire") is an organisation, whatever the tagger said
TITLE_OPENERS = '“„»«"‚‘'
TITLE_CLOSERS = tuple('”“«»"‘’')


def harmonise_labels(mentions: list[NameMention], documents: Iterable[Document] = ()) -> list[NameMention]:
    """One label per name across the collection, from votes of all its mentions.

    Each typed mention votes for its label; an age right after the name ("(42)", ", 42,")
    or a speech verb right after it ("Britney said") votes twice for PER, and so does a
    surname shared with a person's full name ("Britney Spears" / "Lynne Spears"). The
    first name and the surname of a full person name ("Jayden" of "Jayden James") alone
    are a person too.
    A sentence-initial "Britney Spears" tagged ORG in one article is thereby the person
    the rest of the story names. Against a person: a name that stands alone between quotation
    marks (“Salt Water”) votes three times for MISC, a title; an article's own outlet ("Spotlight
    Wire") is an organisation outright, and a word of the language's ``organisation_words``
    in a name of two or more words ("Thameside Radio", "Gasthaus Brandt") votes four times for ORG.
    """
    documents = list(documents)
    texts = {d.id: (d.text, d.language) for d in documents}
    outlets = {" ".join(d.outlet.casefold().split()) for d in documents if d.outlet}
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        key = POSSESSIVE.sub("", mention.text.strip())
        if mention.label != "NAME":
            votes[key][mention.label] += 1
        if _person_context(mention, texts):
            votes[key]["PER"] += PERSON_EVIDENCE_VOTES
        if _titled(mention, texts):
            votes[key]["MISC"] += TITLE_VOTES
        if " ".join(key.casefold().split()) in outlets:
            votes[key]["ORG"] += OUTLET_VOTES
        if _organisation_word(key, texts.get(mention.doc, ("", None))[1]):
            votes[key]["ORG"] += ORGANISATION_WORD_VOTES
    chosen = {key: counts.most_common(1)[0][0] for key, counts in votes.items() if _has_majority(counts)}
    surnames = {key.split()[-1] for key, label in chosen.items() if label == "PER" and len(key.split()) >= 2}
    for key, counts in votes.items():
        words = key.split()
        if len(words) >= 2 and words[-1] in surnames and chosen.get(key) != "PER":
            counts["PER"] += PERSON_EVIDENCE_VOTES
            if _has_majority(counts):
                chosen[key] = counts.most_common(1)[0][0]
    for key, label in list(chosen.items()):
        words = key.split()
        if label == "PER" and len(words) >= 2 and words[0][:1].isupper():
            chosen[words[0]] = "PER"  # the first name of a person
            if len(words[-1]) >= MIN_SURNAME_CHARS:
                chosen[words[-1]] = "PER"  # and the surname alone
    changed = []
    for mention in mentions:
        label = chosen.get(POSSESSIVE.sub("", mention.text.strip()), mention.label)
        changed.append(mention if label == mention.label else mention.model_copy(update={"label": label}))
    return changed


def _has_majority(counts: Counter[str]) -> bool:
    return bool(counts) and counts.most_common(1)[0][1] * 2 > sum(counts.values())


@cache
def _organisation_words(language: str | None) -> frozenset[str]:
    profile = default_registry().find(language)
    return frozenset(profile.section("names").get("organisation_words", [])) if profile else frozenset()


def _organisation_word(name: str, language: str | None) -> bool:
    """ "Thameside Radio", "Gasthaus Brandt": a word of the name says it is no person's."""
    words = _organisation_words(language)
    return len(name.split()) >= 2 and any(word.strip(".") in words for word in name.split())


def _titled(mention: NameMention, texts: dict[str, tuple[str, str]]) -> bool:
    """The name is all there is between two quotation marks: “Salt Water”, „Brandung“ — a title, not a person."""
    if mention.doc not in texts or mention.start == 0:
        return False
    text = texts[mention.doc][0]
    after = text[mention.end : mention.end + 2]
    closed = after[:1] in TITLE_CLOSERS or (after[:1] in (",", ".") and after[1:] in TITLE_CLOSERS)  # "Salt Water,"
    return text[mention.start - 1] in TITLE_OPENERS and closed


def _person_context(mention: NameMention, texts: dict[str, tuple[str, str]]) -> bool:
    if mention.doc not in texts:
        return False
    text, language = texts[mention.doc]
    after = text[mention.end : mention.end + 24]
    if PERSON_AFTER.match(after):
        return True
    lexicon = speech_lexicon(language)
    next_word = after.split()[0].strip(",.;:").lower() if after.split() else ""
    return lexicon is not None and next_word in lexicon.verbs and next_word not in lexicon.non_person_cues


def confident_names(mentions: Iterable[NameMention]) -> dict[str, str]:
    """Name string -> label for the names worth propagating."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if mention.label == "NAME":
            continue
        labels[POSSESSIVE.sub("", mention.text.strip())][mention.label] += 1
    names: dict[str, str] = {}
    for text, counts in labels.items():
        words = text.split()
        if not words or not all(w[:1].isupper() for w in words):
            continue
        label, count = counts.most_common(1)[0]
        if (label == "PER" and len(words) >= 2) or (count >= MIN_COUNT and count >= MAJORITY * sum(counts.values())):
            names[text] = label
    for text, label in list(names.items()):
        words = text.split()
        if label == "PER" and len(words) >= 2 and len(words[-1]) >= MIN_SURNAME_CHARS:
            names.setdefault(words[-1], "PER")
            names.setdefault(words[-1] + "s", "PER")
    return names


def propagate_names(documents: Iterable[Document], mentions: list[NameMention]) -> list[NameMention]:
    """New mentions (``source="propagated"``) for uncovered occurrences of confident names."""
    names = confident_names(mentions)
    if not names:
        return []
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?![\w-])"
    )
    covered: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for mention in mentions:
        covered[mention.doc].append((mention.start, mention.end))
    added: list[NameMention] = []
    for document in documents:
        spans = covered.get(document.id, [])
        for match in pattern.finditer(document.text):
            start, end = match.span()
            if any(s < end and start < e for s, e in spans):
                continue
            added.append(
                NameMention(
                    doc=document.id,
                    start=start,
                    end=end,
                    text=match.group(),
                    label=names[match.group()],  # type: ignore[arg-type]
                    source="propagated",
                )
            )
            spans.append((start, end))
    return added
