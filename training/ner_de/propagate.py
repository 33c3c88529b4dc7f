"""Collection-level name propagation for German NER.

``propagate_names(docs)`` takes spaCy Docs of one story (or one article split
into sentences) that have already been through the NER pipeline, and adds
entities the model missed in some docs but found confidently in others:

* "confident" names: multi-token PER spans whose tokens are all capitalised
  (e.g. "Angela Merkel"), and any entity string (PER/LOC/ORG) predicted at
  least ``min_count`` times with one majority label;
* every uncovered occurrence of a confident name string is labelled with it;
  for a multi-token PER name its last token (the surname, "Merkel") is
  labelled PER too, and its genitive form ("Merkels") as well;
* existing entities are kept; a new span is only added where no token is
  already inside an entity.

Pure function over Docs (sets doc.ents in place and returns the docs).
"""

from __future__ import annotations

from collections import Counter, defaultdict


def _cap(tok_text: str) -> bool:
    return tok_text[:1].isupper()


def collect_names(docs, min_count=2):
    counts = defaultdict(Counter)
    for doc in docs:
        for e in doc.ents:
            key = tuple(t.text for t in e)
            counts[key][e.label_] += 1
    names = {}
    for key, c in counts.items():
        label, n = c.most_common(1)[0]
        if not all(_cap(w) for w in key):
            continue
        if label == "PER" and len(key) >= 2 and n >= 1:
            names[key] = "PER"
        elif n >= min_count and n >= 0.75 * sum(c.values()) and label in ("PER", "LOC", "ORG"):
            names[key] = label
    # surnames of full PER names
    extra = {}
    for key, label in names.items():
        if label == "PER" and len(key) >= 2:
            sur = key[-1]
            if len(sur) > 2:
                extra.setdefault((sur,), "PER")
                extra.setdefault((sur + "s",), "PER")
    for k, v in extra.items():
        names.setdefault(k, v)
    return names


def propagate_names(docs, min_count=2):
    """Propagate confidently found names across all docs of a collection."""
    from spacy.tokens import Span

    docs = list(docs)
    names = collect_names(docs, min_count=min_count)
    if not names:
        return docs
    by_first = defaultdict(list)
    for key, label in names.items():
        by_first[key[0]].append((key, label))
    for v in by_first.values():
        v.sort(key=lambda x: -len(x[0]))
    for doc in docs:
        covered = [False] * len(doc)
        for e in doc.ents:
            for i in range(e.start, e.end):
                covered[i] = True
        new = list(doc.ents)
        i = 0
        while i < len(doc):
            cands = by_first.get(doc[i].text)
            done = False
            if cands and not covered[i]:
                for key, label in cands:
                    j = i + len(key)
                    if j <= len(doc) and tuple(t.text for t in doc[i:j]) == key and not any(covered[i:j]):
                        new.append(Span(doc, i, j, label=label))
                        for k in range(i, j):
                            covered[k] = True
                        i = j
                        done = True
                        break
            if not done:
                i += 1
        doc.ents = sorted(new, key=lambda s: s.start)
    return docs
