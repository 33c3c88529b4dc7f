"""Relations over time: kinship and counsel from relational nouns, link words, relationship states; the seeds."""

from __future__ import annotations

import pytest

import storyline
from storyline.extraction.time.anchor import document_times
from storyline.records import Dossier
from storyline.resolution.people import person_names
from storyline.resolution.relations import story_relations
from tests.test_references import _document, _resolve


def _relations(texts: list[tuple[str, str]], people: dict[str, list[str]]) -> list[tuple]:
    documents = [_document(f"d{i}", text, lang) for i, (text, lang) in enumerate(texts)]
    resolution, entities = _resolve(documents, people)
    times = [t for d in documents for t in document_times(d)[0]]
    relations = story_relations(documents, resolution, person_names(entities), times)
    return [(r.subject, r.predicate, r.object, r.state, r.since) for r in relations]


def test_family_terms_with_possessives_in_both_languages() -> None:
    found = _relations(
        [
            ("Anna Roth thanked her two sons: Max Roth, 18, and Leo Roth, 16.", "en"),
            ("Otto Kurz und seine Tochter Lea Kurz kamen. Annas Ex-Mann, Otto Kurz, schwieg.", "de"),
        ],
        {"Anna Roth": ["Annas"], "Max Roth": [], "Leo Roth": [], "Otto Kurz": [], "Lea Kurz": []},
    )
    assert ("person:anna-roth", "parent_of", "person:max-roth", None, None) in found
    assert ("person:anna-roth", "parent_of", "person:leo-roth", None, None) in found
    assert ("person:otto-kurz", "parent_of", "person:lea-kurz", None, None) in found
    assert ("person:anna-roth", "former_spouse_of", "person:otto-kurz", None, None) in found


def test_a_client_is_the_other_side_of_an_attorney() -> None:
    found = _relations(
        [("Nora Lind's attorney, Paul Weber, spoke.", "en"), ("Paul Weber said his client Nora Lind was calm.", "en")],
        {"Nora Lind": [], "Paul Weber": []},
    )
    assert [r for r in found if r[1] == "attorney_of"] == [
        ("person:paul-weber", "attorney_of", "person:nora-lind", None, None)
    ]


def test_a_wedding_gives_a_spouse_with_its_date() -> None:
    found = _relations(
        [("In June 2016, Anna Roth celebrated her wedding to Tom Berg.", "en")], {"Anna Roth": [], "Tom Berg": []}
    )
    assert ("person:anna-roth", "spouse_of", "person:tom-berg", None, "2016-06") in found


def test_the_state_of_a_relationship_with_its_date() -> None:
    found = _relations(
        [
            ("Otto Kurz und seine Tochter Lea Kurz sind seit 2016 zerstritten.", "de"),
            ("Otto Kurz and his daughter Lea Kurz have spoken on the phone in July 2025.", "en"),
        ],
        {"Otto Kurz": [], "Lea Kurz": []},
    )
    states = {(r[3], r[4]) for r in found if r[1] == "relationship"}
    assert ("estranged", "2016") in states
    assert ("in_contact", None) in states


# --------------------------------------------------------------------------- seeds


@pytest.fixture(scope="module")
def seed_dossier(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    from tests.conftest import SEEDS, need_shared

    return storyline.build([need_shared(SEEDS)], out=tmp_path_factory.mktemp("relations"), jobs=1)


def _id(dossier: Dossier, name: str) -> str:
    [entity] = [e for e in dossier.entities if e.type == "person" and (e.name == name or name in e.aliases)]
    return entity.id


@pytest.mark.corpus
def test_federlines_attorney_is_kaplan(seed_dossier: Dossier) -> None:
    kaplan = _id(seed_dossier, "Mark Vincent Kaplan")
    speakers = {q.speaker.label: q.speaker.entity for q in seed_dossier.quotes}
    assert speakers["Kevin Federline's attorney"] == kaplan
    assert speakers["Federline's attorney"] == kaplan
    assert speakers["der Anwalt des Ex-Tänzers"] == kaplan
    relations = {(r.subject, r.predicate, r.object) for r in seed_dossier.relations}
    assert (kaplan, "attorney_of", _id(seed_dossier, "Kevin Federline")) in relations


@pytest.mark.corpus
def test_the_sons_are_children_of_britney_spears(seed_dossier: Dossier) -> None:
    mother = _id(seed_dossier, "Britney Spears")
    relations = {(r.subject, r.predicate, r.object): r for r in seed_dossier.relations}
    for son in ("Sean Preston", "Jayden James"):
        relation = relations[(mother, "parent_of", _id(seed_dossier, son))]
        assert {m.doc for m in relation.evidence} >= {"000_694a23237b50547b", "001_c5ab56776a2f2db6"}
    assert (mother, "former_spouse_of", _id(seed_dossier, "Kevin Federline")) in relations
    assert (_id(seed_dossier, "Lynne Spears"), "parent_of", mother) in relations


@pytest.mark.corpus
def test_the_two_jamies_and_lynne_are_three_people_with_their_own_relations(seed_dossier: Dossier) -> None:
    ids = {_id(seed_dossier, n) for n in ("Jamie", "Jamie Lynn Spears", "Lynne Spears")}
    assert len(ids) == 3
    britney = _id(seed_dossier, "Britney Spears")
    relations = {(r.subject, r.predicate, r.object) for r in seed_dossier.relations}
    assert (_id(seed_dossier, "Jamie"), "parent_of", britney) in relations
    assert (britney, "sibling_of", _id(seed_dossier, "Jamie Lynn Spears")) in relations


def test_a_bare_pair_of_nouns_names_the_related_pair() -> None:
    found = _relations(
        [
            ("Otto Kurz und seine Tochter Lea Kurz kamen nicht.", "de"),
            ("Ein Freund sagt, Vater und Tochter hätten miteinander telefoniert.", "de"),
        ],
        {"Otto Kurz": [], "Lea Kurz": []},
    )
    assert ("person:otto-kurz", "relationship", "person:lea-kurz", "in_contact", None) in found


def test_a_possessive_belongs_to_the_first_person_of_its_clause() -> None:
    found = _relations(
        [
            ("Mia Holt said she was happy.", "en"),
            ("Mia Holt's agent showed Mia Holt with her mother, Ada Holt, 68, and her brother, Ben Holt.", "en"),
        ],
        {"Mia Holt": [], "Tom Berg": [], "Ada Holt": [], "Ben Holt": []},
    )
    assert ("person:ben-holt", "sibling_of", "person:mia-holt", None, None) in found
    assert not any(r[1] == "sibling_of" and "person:ada-holt" in r for r in found)


def test_a_thing_named_like_a_person_is_no_end_of_a_relation() -> None:
    found = _relations(
        [("Im Zentrum steht das Gasthaus Lenz, das seine Mutter Ida Lenz führte. Sein Anwalt Udo Kern schwieg.", "de")],
        {"Gasthaus Lenz": [], "Ida Lenz": [], "Udo Kern": []},
    )
    assert not any("person:gasthaus-lenz" in (r[0], r[2]) for r in found)


def test_a_parent_is_not_the_child_of_a_stated_child() -> None:
    found = _relations(
        [
            ("Ida Lenz was proud of her son, Rolf Lenz. Rolf Lenz loves his mother. His mother Ida Lenz smiled.", "en"),
            ("Marta Lenz argued with her father, Rolf Lenz. Ida Lenz saw her father Rolf Lenz.", "en"),
        ],
        {"Ida Lenz": [], "Rolf Lenz": [], "Marta Lenz": []},
    )
    assert ("person:ida-lenz", "parent_of", "person:rolf-lenz", None, None) in found
    assert ("person:rolf-lenz", "parent_of", "person:ida-lenz", None, None) not in found


def test_two_people_facing_a_third_are_one_side_of_a_state() -> None:
    found = _relations(
        [("Anna Roth has two sons, Max Roth and Leo Roth. Anna Roth is estranged from Max Roth and Leo Roth.", "en")],
        {"Anna Roth": [], "Max Roth": [], "Leo Roth": []},
    )
    states = {(r[0], r[2]) for r in found if r[3] == "estranged"}
    assert ("person:max-roth", "person:leo-roth") not in states and ("person:leo-roth", "person:max-roth") not in states


def test_the_pair_means_the_related_pair_just_named() -> None:
    found = _relations(
        [("Jon Saar and his daughter Eva Saar left Hamburg. Later the pair have not spoken since 2019.", "en")],
        {"Eva Saar": [], "Jon Saar": []},
    )
    assert ("person:jon-saar", "relationship", "person:eva-saar", "estranged", "2019") in found


def test_two_people_named_together_own_a_plural_possessive() -> None:
    found = _relations(
        [
            ("Anna Roth thanked her two sons: Max Roth, 18, and Leo Roth, 16.", "en"),
            ("Gerda Roth und ihre Tochter Anna Roth kamen. Max Roth und Leo Roth haben ihre Mutter angerufen.", "de"),
        ],
        {"Anna Roth": [], "Max Roth": [], "Leo Roth": [], "Gerda Roth": []},
    )
    assert ("person:gerda-roth", "parent_of", "person:anna-roth", None, None) in found
    assert not any(r[1] == "parent_of" and r[0] == "person:gerda-roth" and r[2] != "person:anna-roth" for r in found)
    assert not any(r[3] and {r[0], r[2]} == {"person:max-roth", "person:leo-roth"} for r in found)


def test_the_pair_after_a_bare_pair_of_nouns_is_that_pair() -> None:
    found = _relations(
        [
            (
                "Ida Saar raised her son Jon Saar. Jon Saar and his daughter Eva Saar sued. "
                "Last year, father and daughter traded barbs. He spoke of his mother; his daughter replied. "
                "Now it has changed. "
                "According to a friend, the pair have spoken on the phone since the summer.",
                "en",
            )
        ],
        {"Eva Saar": [], "Jon Saar": [], "Ida Saar": []},
    )
    pairs = {(r[0], r[2]) for r in found if r[3] == "in_contact"}
    assert pairs == {("person:jon-saar", "person:eva-saar")}


def test_a_parent_child_relation_stated_both_ways_equally_is_dropped() -> None:
    """Once each way: one of the two readings is wrong and nothing says which; keeping both is a contradiction."""
    from storyline.records import Mention
    from storyline.resolution.relations import _outweighed

    one = {Mention(doc="d", start=0, end=3)}
    other = {Mention(doc="d", start=9, end=12)}
    evidence = {("a", "parent_of", "b"): one, ("b", "parent_of", "a"): other}
    assert _outweighed(("a", "parent_of", "b"), evidence) and _outweighed(("b", "parent_of", "a"), evidence)
    evidence[("a", "parent_of", "b")] = one | other
    assert not _outweighed(("a", "parent_of", "b"), evidence) and _outweighed(("b", "parent_of", "a"), evidence)


def test_a_reading_through_a_guessed_possessor_weighs_half() -> None:
    from storyline.records import Mention
    from storyline.resolution.relations import _outweighed

    sure, guess = Mention(doc="a", start=0, end=3), Mention(doc="b", start=5, end=9)
    evidence = {("ida", "parent_of", "rolf"): {sure}, ("rolf", "parent_of", "ida"): {guess}}
    assert _outweighed(("rolf", "parent_of", "ida"), evidence, {guess})
    assert not _outweighed(("ida", "parent_of", "rolf"), evidence, {guess})


def test_her_father_after_a_sentence_naming_two_women_is_a_guessed_possessor() -> None:
    from tests.test_references import _document, _resolve

    text = (
        "Ida Lenz said she left the inn to Mia Lenz. Mia Lenz said she was glad. Ida Lenz thanked Mia Lenz. "
        "Later the court dismissed the suit of her father Rolf Lenz."
    )
    resolution, _ = _resolve([_document("d", text, "en")], {"Ida Lenz": [], "Mia Lenz": [], "Rolf Lenz": []})
    (father,) = [r for r in resolution.references if r.text.endswith("father")]
    assert father.guessed
