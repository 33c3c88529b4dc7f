"""Rule-based post-correction of German NER output (cue words + name lists).

``apply_rules(doc, names)`` edits doc.ents in place:

1. Cue rule: a person cue (Herr, Frau, Dr., Prof., Bundeskanzlerin,
   Minister, Präsident, Trainer, Anwalt, ...) followed by 1-3 capitalised
   tokens that are not frequent lower-case words -> those tokens are PER
   (an existing non-PER entity starting there is relabelled PER).
2. Name-list rule: known first name (de_names/first_names.txt) followed by a
   capitalised token that is not a frequent word -> PER (only where no token
   is inside an entity yet, or to extend a 1-token PER).

``names`` comes from ``resources.load_name_lists()`` (the loader for
training/ner_de/names/).
"""

from __future__ import annotations

CUES = {
    "herr",
    "herrn",
    "frau",
    "dr.",
    "prof.",
    "professor",
    "professorin",
    "bundeskanzlerin",
    "bundeskanzler",
    "kanzlerin",
    "kanzler",
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "ministerpräsident",
    "ministerpräsidentin",
    "bürgermeister",
    "bürgermeisterin",
    "oberbürgermeister",
    "trainer",
    "trainerin",
    "anwalt",
    "anwältin",
    "sprecher",
    "sprecherin",
    "chef",
    "chefin",
    "kollege",
    "kollegin",
    "papst",
    "pfarrer",
    "regisseur",
    "sänger",
    "sängerin",
    "autor",
    "autorin",
    "schauspieler",
    "schauspielerin",
    "abgeordnete",
    "abgeordneter",
    "senator",
    "gouverneur",
    "vorsitzende",
    "vorsitzender",
    "parteichef",
    "innenminister",
    "außenminister",
    "finanzminister",
    "bundespräsident",
    "staatssekretär",
    "richter",
    "richterin",
}


def _freq_words():
    import wordfreq

    return set(wordfreq.top_n_list("de", 30_000, wordlist="large"))


_FREQ = None


def _is_namelike(tok, freq):
    t = tok.text
    return t[:1].isupper() and t.isalpha() and len(t) > 1 and t.lower() not in freq and not t.isupper()


def apply_rules(doc, names):
    from spacy.tokens import Span

    global _FREQ
    if _FREQ is None:
        _FREQ = _freq_words()
    freq = _FREQ
    ent_at = {}
    for e in doc.ents:
        for i in range(e.start, e.end):
            ent_at[i] = e
    new = {(e.start, e.end): e.label_ for e in doc.ents}
    n = len(doc)
    i = 0
    while i < n - 1:
        low = doc[i].lower_
        if (low in CUES and i + 1 not in ent_at) or (
            low in CUES
            and ent_at.get(i + 1) is not None
            and ent_at[i + 1].start == i + 1
            and ent_at[i + 1].label_ != "PER"
        ):
            j = i + 1
            while j < n and j - i <= 3 and _is_namelike(doc[j], freq):
                j += 1
            if j > i + 1:
                old = ent_at.get(i + 1)
                if old is not None:
                    new.pop((old.start, old.end), None)
                    j = max(j, old.end)
                if not any(k in ent_at and ent_at[k] is not old for k in range(i + 1, j)):
                    new[(i + 1, j)] = "PER"
                i = j
                continue
        if low in names["first_names"] and doc[i].text[:1].isupper() and i not in ent_at:
            j = i + 1
            while j < n and j - i <= 2 and _is_namelike(doc[j], freq) and j not in ent_at:
                j += 1
            if j > i + 1:
                new[(i, j)] = "PER"
                i = j
                continue
        i += 1
    spans = []
    last = -1
    for (a, b), lab in sorted(new.items()):
        if a >= last:
            spans.append(Span(doc, a, b, label=lab))
            last = b
    doc.ents = spans
    return doc
