"""Collection-level name propagation across documents and languages."""

from __future__ import annotations

from storyline.language.propagation import confident_names, harmonise_labels, propagate_names
from storyline.records import Document, NameMention, plain_document


def _doc(doc_id: str, text: str, language: str = "en") -> Document:
    return plain_document(doc_id, text, language)


def test_a_name_found_in_english_labels_the_german_article() -> None:
    en = _doc("en", "Anna Berg opened the pier. Berg was happy.")
    de = _doc("de", "Die Köchin Anna Berg eröffnete den Steg. Bergs Vater kam nicht.", "de")
    found = [NameMention(doc="en", start=0, end=9, text="Anna Berg", label="PER")]
    added = propagate_names([en, de], found)
    assert {(m.doc, m.text, m.label) for m in added} == {
        ("en", "Berg", "PER"),
        ("de", "Anna Berg", "PER"),
        ("de", "Bergs", "PER"),
    }
    assert all(
        m.source == "propagated" and (en if m.doc == "en" else de).text[m.start : m.end] == m.text for m in added
    )


def test_single_names_need_agreeing_evidence_and_nothing_is_relabelled() -> None:
    mentions = [
        NameMention(doc="a", start=0, end=6, text="Harbor", label="ORG"),
        NameMention(doc="b", start=0, end=6, text="Harbor", label="LOC"),
        NameMention(doc="a", start=10, end=15, text="Bremen", label="LOC"),
        NameMention(doc="b", start=10, end=15, text="Bremen", label="LOC"),
        NameMention(doc="b", start=20, end=25, text="Bremen", label="LOC"),
        NameMention(doc="b", start=30, end=35, text="Bremen", label="LOC"),
    ]
    assert confident_names(mentions) == {"Bremen": "LOC"}
    text = "Bremen is in Bremen."
    existing = [NameMention(doc="c", start=0, end=6, text="Bremen", label="ORG")]
    added = propagate_names([_doc("c", text)], [*mentions, *existing])
    assert [(m.start, m.label) for m in added] == [(13, "LOC")]


def _mention(doc: Document, text: str, label: str = "PER", nth: int = 0) -> NameMention:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(text, start + 1)
    return NameMention(doc=doc.id, start=start, end=start + len(text), text=text, label=label)  # type: ignore[arg-type]


def test_an_articles_own_outlet_is_an_organisation_and_a_quoted_name_a_title() -> None:
    doc = _doc("a", 'Anna Berg told Coast Wire about her cookbook, "Salt Water," and her show „Salz“. Berg said so.')
    doc = doc.model_copy(update={"outlet": "Coast Wire"})
    other = _doc("b", "Coast Wire said: Salt Water sells. Salz sells.")
    mentions = [
        _mention(doc, "Anna Berg"),
        _mention(doc, "Coast Wire"),
        _mention(doc, "Salt Water"),
        _mention(doc, "Salz"),
        _mention(doc, "Berg", nth=1),
        _mention(other, "Coast Wire"),
        _mention(other, "Salt Water"),
    ]
    labels = {(m.doc, m.text): m.label for m in harmonise_labels(mentions, [doc, other])}
    assert labels[("a", "Anna Berg")] == labels[("a", "Berg")] == "PER"
    assert labels[("a", "Coast Wire")] == labels[("b", "Coast Wire")] == "ORG"
    assert labels[("a", "Salt Water")] == labels[("b", "Salt Water")] == "MISC"
    assert labels[("a", "Salz")] == "MISC"


def test_a_word_of_an_organisation_in_the_name_outweighs_a_speech_verb_after_it() -> None:
    doc = _doc("de", "Dem Sender Nordsee Radio sagte sie, das Gasthaus Lenz öffne. Anna Lenz sagte nichts.", "de")
    mentions = [_mention(doc, "Nordsee Radio"), _mention(doc, "Gasthaus Lenz"), _mention(doc, "Anna Lenz")]
    labels = {m.text: m.label for m in harmonise_labels(mentions, [doc])}
    assert labels == {"Nordsee Radio": "ORG", "Gasthaus Lenz": "ORG", "Anna Lenz": "PER"}
