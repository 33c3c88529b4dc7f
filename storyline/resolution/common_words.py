"""Name mentions that are common words: a tagger's "Please" at the start of a quote is nobody.

A sentence's or a quote's first word is capitalised whatever it is, so a tagger may read an
imperative or a courtesy word there as a one-word name ("Please take your negativity elsewhere",
"Bitte lasst mich"). Such a mention is dropped when

* the language lists the word as never a name alone (``never_alone`` in ``data/<code>/names.toml``), or
* it opens its sentence, line or quote (after quotation marks or dashes at most), the same article writes the word
  in lower case elsewhere, and no longer name in the collection holds it ("Rose" stays where "Rose
  Byrne" is named).

Only one-word mentions are read: "Bitte Schmidt" or "Thanks Giving Inc." are left to the tagger.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from storyline.language.registry import default_registry
from storyline.records import Document, NameMention

BETWEEN = frozenset(" \t\n\"“”„‘’‚'«»›‹([—–-")  # what may stand between a sentence's end and the next word
SENTENCE_END = frozenset(".!?…:")
PERSON_LABELS = ("PER", "NAME")


@cache
def never_alone(language: str | None) -> frozenset[str]:
    """The language's words that are never a name on their own, casefolded."""
    profile = default_registry().find(language) if language else None
    return frozenset(w.casefold() for w in profile.section("names").get("never_alone", [])) if profile else frozenset()


def without_common_words(mentions: list[NameMention], documents: Iterable[Document]) -> list[NameMention]:
    """The mentions less the one-word ones that are common words (see the module docstring)."""
    documents = {d.id: d for d in documents}
    in_longer = {w for m in mentions if len(m.text.split()) > 1 for w in m.text.split()}
    kept = []
    for mention in mentions:
        document = documents.get(mention.doc)
        word = mention.text.strip()
        if document is not None and " " not in word and _common(mention, word, document, in_longer):
            continue
        kept.append(mention)
    return kept


def _common(mention: NameMention, word: str, document: Document, in_longer: set[str]) -> bool:
    if word.casefold() in never_alone(document.language):
        return True
    if mention.label not in PERSON_LABELS or word in in_longer or word.lower() == word:
        return False
    lower = re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", document.text)
    return lower is not None and _opens_sentence(mention.start, document)


def _opens_sentence(start: int, document: Document) -> bool:
    """Is the word at ``start`` the first of a sentence, a line or a quote (past marks and spaces)?"""
    text, position = document.text, start
    while position > 0 and text[position - 1] in BETWEEN:
        if text[position - 1] == "\n":
            return True
        position -= 1
    return position == 0 or text[position - 1] in SENTENCE_END
