"""Descriptive references, pronouns, ages and roles within an article (small original sentences, EN and DE)."""

from __future__ import annotations

import re

from storyline.extraction.time.anchor import document_times
from storyline.language.sentences import split_sentences
from storyline.records import Document, Entity, Mention, QuoteMention, plain_document
from storyline.resolution import dossier_quotes
from storyline.resolution.attributes import with_references
from storyline.resolution.dates import birth_range
from storyline.resolution.references import Resolution, resolve_references


def _document(doc_id: str, text: str, language: str, published: str | None = "2025-10-14") -> Document:
    document = plain_document(doc_id, text, language)
    return document.model_copy(update={"published": published, "sentences": split_sentences(text, language)})


def _people(documents: list[Document], people: dict[str, list[str]]) -> list[Entity]:
    """Entities with a mention at every occurrence of each name form (longest forms first, no overlaps)."""
    entities = []
    taken: dict[str, list[tuple[int, int]]] = {d.id: [] for d in documents}
    forms = sorted(
        ((form, name) for name, variants in people.items() for form in [name, *variants]), key=lambda f: -len(f[0])
    )
    mentions: dict[str, list[Mention]] = {name: [] for name in people}
    for document in documents:
        for form, name in forms:
            for match in re.finditer(rf"\b{re.escape(form)}\b", document.text):
                span = (match.start(), match.end())
                if any(s < span[1] and span[0] < e for s, e in taken[document.id]):
                    continue
                taken[document.id].append(span)
                mentions[name].append(Mention(doc=document.id, start=span[0], end=span[1]))
    for name, found in mentions.items():
        slug = name.lower().replace(" ", "-")
        entities.append(
            Entity(
                id=f"person:{slug}", type="person", name=name, mentions=sorted(found, key=lambda m: (m.doc, m.start))
            )
        )
    return entities


def _resolve(
    documents: list[Document], people: dict[str, list[str]], quotes: list[QuoteMention] = ()
) -> tuple[Resolution, list[Entity]]:
    entities = _people(documents, people)
    times = [t for d in documents for t in document_times(d)[0]]
    return resolve_references(documents, entities, quotes, times), entities


def _referent(resolution: Resolution, doc: str, words: str) -> str | None:
    found = [r for r in resolution.references if r.doc == doc and r.text == words]
    assert found, f"no reference {words!r} in {doc}: {[r.text for r in resolution.references if r.doc == doc]}"
    return found[0].entity


def test_an_apposition_introduces_a_role_that_another_article_reuses() -> None:
    first = _document("a", "Nora Lind's lawyer, Paul Weber, filed the papers on Monday.", "en")
    second = _document("b", "Nora Lind stayed at home. Nora Lind's lawyer said the hearing went well.", "en")
    resolution, _ = _resolve([first, second], {"Nora Lind": [], "Paul Weber": []})
    assert _referent(resolution, "a", "Nora Lind's lawyer") == "person:paul-weber"
    assert _referent(resolution, "b", "Nora Lind's lawyer") == "person:paul-weber"


def test_the_n_year_old_is_the_person_whose_age_the_article_states() -> None:
    text = "Tom Berg (52) met the press with Anna Roth (31). The 52-year-old spoke first."
    resolution, entities = _resolve([_document("a", text, "en")], {"Tom Berg": [], "Anna Roth": []})
    assert _referent(resolution, "a", "The 52-year-old") == "person:tom-berg"
    berg = next(e for e in with_references(entities, resolution) if e.id == "person:tom-berg")
    ages = [a.value for a in berg.attributes if a.name == "age"]
    assert ages == ["52", "52"]
    [born] = [a.value for a in berg.attributes if a.name == "birth_range"]
    assert born == "1972-10-15/1973-10-14"


def test_an_epithet_is_the_person_introduced_with_it_and_the_role_is_kept() -> None:
    text = "TV chef Anna Roth opened a bistro with Tom Berg. Later the chef thanked the guests."
    resolution, entities = _resolve([_document("a", text, "en")], {"Anna Roth": [], "Tom Berg": []})
    assert _referent(resolution, "a", "the chef") == "person:anna-roth"
    roth = next(e for e in with_references(entities, resolution) if e.id == "person:anna-roth")
    assert [a.value for a in roth.attributes if a.name == "role"] == ["TV chef", "chef"]
    assert any(m.start == text.index("the chef") for m in roth.mentions)


def test_a_pronoun_goes_to_the_last_person_of_its_gender() -> None:
    text = "Anna Roth thanked her team. Tom Berg praised his crew. Later she left the stage."
    resolution, _ = _resolve([_document("a", text, "en")], {"Anna Roth": [], "Tom Berg": []})
    assert _referent(resolution, "a", "she") == "person:anna-roth"


def test_german_age_nouns_take_their_gender_from_the_determiner() -> None:
    text = (
        "Die Sängerin Lea Kurz (42) und ihr Vater Otto Kurz (70) kamen gemeinsam. "
        "Der 70-Jährige lächelte. Die 42-Jährige winkte."
    )
    resolution, _ = _resolve([_document("a", text, "de")], {"Lea Kurz": [], "Otto Kurz": []})
    assert _referent(resolution, "a", "Der 70-Jährige") == "person:otto-kurz"
    assert _referent(resolution, "a", "Die 42-Jährige") == "person:lea-kurz"
    assert _referent(resolution, "a", "ihr Vater") == "person:otto-kurz"


def test_a_name_before_an_apposition_gets_it() -> None:
    text = "Mia Frey trat auf. Jonas (46), ein früherer Tänzer und Mias Ex-Mann, zog nach Bremen."
    resolution, entities = _resolve([_document("a", text, "de")], {"Mia Frey": ["Mias"], "Jonas": []})
    assert _referent(resolution, "a", "Mias Ex-Mann") == "person:jonas"
    jonas = next(e for e in with_references(entities, resolution) if e.id == "person:jonas")
    assert {(a.name, a.value) for a in jonas.attributes} >= {("age", "46"), ("role", "früherer Tänzer")}


def test_an_indefinite_phrase_never_refers_back() -> None:
    text = "TV chef Anna Roth opened a bistro. A chef from Paris was there too."
    resolution, _ = _resolve([_document("a", text, "en")], {"Anna Roth": []})
    assert _referent(resolution, "a", "A chef") is None


def test_a_quote_whose_source_is_a_resolved_reference_gets_that_person() -> None:
    text = 'TV chef Anna Roth opened a bistro. "I was nervous," the chef said.'
    document = _document("a", text, "en")
    start = text.index("the chef")
    quote = QuoteMention(
        doc="a",
        start=text.index("I was"),
        end=text.index('," '),
        text="I was nervous",
        kind="direct",
        source="the chef",
        source_start=start,
        source_end=start + len("the chef"),
    )
    resolution, entities = _resolve([document], {"Anna Roth": []}, [quote])
    [linked] = dossier_quotes([quote], entities, resolution.references)
    assert linked.speaker.entity == "person:anna-roth"
    assert linked.speaker.label == "the chef"


def test_birth_ranges() -> None:
    assert birth_range(42, "2025-10-14").value == "1982-10-15/1983-10-14"  # type: ignore[union-attr]
    assert birth_range(42, "2025-11").value == "1982-11-02/1983-11-30"  # type: ignore[union-attr]
    assert birth_range(42, "2025-11", estimated=True).value == "1982-11-02/.."  # type: ignore[union-attr]
    narrowed = birth_range(41, "2025-04-25").intersect(birth_range(42, "2025-10-14"))  # type: ignore[union-attr]
    assert narrowed is not None and narrowed.value == "1983-04-26/1983-10-14"
    assert birth_range(41, "2025-04-25").intersect(birth_range(30, "2025-10-14")) is None  # type: ignore[union-attr]


def test_a_residence_with_the_date_its_sentence_gives() -> None:
    from storyline.resolution.attributes import residences
    from storyline.resolution.people import person_names

    documents = [
        _document("a", "Anna Roth moved to London in July 2025.", "en"),
        _document("b", "Die Köchin Anna Roth ist im Juli nach London gezogen.", "de"),
    ]
    resolution, entities = _resolve(documents, {"Anna Roth": []})
    times = [t for d in documents for t in document_times(d)[0]]
    found = residences(documents, resolution, person_names(entities), times)["person:anna-roth"]
    assert [(a.doc, a.value, a.as_of) for a in found] == [("a", "London", "2025-07"), ("b", "London", "2025-07")]


def test_an_ordinal_birthday_is_an_age_in_both_languages() -> None:
    documents = [
        _document("en", "Mia Holt celebrated her 42nd birthday in London.", "en", "2023-12-09"),
        _document("de", "Lea Kurz feierte ihren 30. Geburtstag in Bremen.", "de", "2024-05-01"),
    ]
    resolution, _ = _resolve(documents, {"Mia Holt": [], "Lea Kurz": []})
    ages = {(a.doc, a.entity, a.age, a.as_of) for a in resolution.ages}
    assert ("en", "person:mia-holt", 42, "2023-12-09") in ages
    assert ("de", "person:lea-kurz", 30, "2024-05-01") in ages


def test_the_youngest_son_is_the_one_the_ages_make_youngest_in_both_languages() -> None:
    en = _document(
        "en",
        "Anna Roth thanked her two sons, Max Roth, 18, and Leo Roth, 16. Her youngest son said he was proud.",
        "en",
    )
    de = _document("de", "Anna Roths ältester Sohn schwieg. Ihr jüngster Sohn lachte.", "de")
    resolution, _ = _resolve([en, de], {"Anna Roth": ["Anna Roths"], "Max Roth": [], "Leo Roth": []})
    assert _referent(resolution, "en", "Her youngest son") == "person:leo-roth"
    assert _referent(resolution, "de", "Anna Roths ältester Sohn") == "person:max-roth"
    assert _referent(resolution, "de", "Ihr jüngster Sohn") == "person:leo-roth"
