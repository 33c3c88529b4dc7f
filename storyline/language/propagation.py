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

from storyline.records import Document, NameMention

MIN_COUNT = 2
MAJORITY = 0.75
MIN_SURNAME_CHARS = 3
POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


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
