"""Person name variants across a story (seed articles): merged when unambiguous, kept apart otherwise."""

from __future__ import annotations

import pytest

import storyline
from storyline.records import Entity, Mention
from storyline.resolution.people import merge_person_variants


def _person(name: str, *docs: str) -> Entity:
    slug = name.lower().replace(" ", "-")
    return Entity(
        id=f"person:{slug}",
        type="person",
        name=name,
        mentions=[Mention(doc=doc, start=i, end=i + 1) for i, doc in enumerate(docs)],
    )


def _groups(entities: list[Entity]) -> dict[str, set[str]]:
    return {e.name: {e.name, *e.aliases} for e in merge_person_variants(entities)}


def test_first_names_surnames_and_genitives_join_the_one_full_name() -> None:
    groups = _groups([_person("Anna Berg", "a"), _person("Anna", "b"), _person("Annas", "c"), _person("Berg", "b")])
    assert groups == {"Anna Berg": {"Anna Berg", "Anna", "Annas", "Berg"}}


def test_a_shared_surname_stays_apart() -> None:
    groups = _groups([_person("Anna Berg", "a"), _person("Tom Berg", "a"), _person("Berg", "a")])
    assert groups["Berg"] == {"Berg"}


def test_a_double_first_name_is_not_the_single_one_from_another_article() -> None:
    entities = [_person("Rolf Peter Brandt", "a"), _person("Rolf Peter", "a"), _person("Rolf", "b")]
    assert _groups(entities)["Rolf"] == {"Rolf"}
    entities = [_person("Rolf Peter Brandt", "a"), _person("Rolf Peter", "a"), _person("Rolf", "a")]
    assert "Rolf" in _groups(entities)["Rolf Peter Brandt"]


@pytest.fixture(scope="module")
def seed_people(tmp_path_factory: pytest.TempPathFactory) -> list[Entity]:
    from tests.conftest import SEEDS, need_shared

    dossier = storyline.build([need_shared(SEEDS)], out=tmp_path_factory.mktemp("people"))
    return [e for e in dossier.entities if e.type == "person"]


def _entity_of(people: list[Entity], name: str) -> Entity:
    [entity] = [e for e in people if name == e.name or name in e.aliases]
    return entity


@pytest.mark.corpus
def test_the_two_jamies_and_lynne_stay_three_people(seed_people: list[Entity]) -> None:
    ids = {_entity_of(seed_people, n).id for n in ("Jamie", "Jamie Lynn Spears", "Lynne Spears")}
    assert len(ids) == 3


@pytest.mark.corpus
def test_the_sons_are_each_one_entity_across_english_and_german(seed_people: list[Entity]) -> None:
    jayden, sean = _entity_of(seed_people, "Jayden"), _entity_of(seed_people, "Sean")
    assert jayden.id != sean.id
    for son in (jayden, sean):
        docs = {m.doc[:3] for m in son.mentions}
        assert {"000", "001"} <= docs  # an English and the German article


def test_a_name_inside_a_time_expression_is_a_day_not_a_person() -> None:
    from storyline.extraction.time.anchor import document_times
    from storyline.records import NameMention, plain_document
    from storyline.resolution import outside_times

    text = "Anna Berg called her sons on Mother's Day."
    doc = plain_document("d", text, "en").model_copy(update={"published": "2024-06-01"})
    times = document_times(doc)[0]
    mother = NameMention(doc="d", start=text.index("Mother"), end=text.index("Mother") + 6, text="Mother", label="PER")
    anna = NameMention(doc="d", start=0, end=9, text="Anna Berg", label="PER")
    assert outside_times([anna, mother], times) == [anna]


def test_a_known_name_in_the_genitive_before_a_relational_noun_is_a_description() -> None:
    from storyline.records import NameMention, plain_document
    from storyline.resolution import without_descriptions

    text = "Anna Berg kam. Annas Cousin Paul Berg schwieg. Hans Koch kochte."
    doc = plain_document("d", text, "de")

    def mention(words: str) -> NameMention:
        start = text.index(words)
        return NameMention(doc="d", start=start, end=start + len(words), text=words, label="PER")

    names = [mention("Anna Berg"), mention("Annas Cousin"), mention("Paul Berg"), mention("Hans Koch")]
    assert [m.text for m in without_descriptions(names, [doc])] == ["Anna Berg", "Paul Berg", "Hans Koch"]
