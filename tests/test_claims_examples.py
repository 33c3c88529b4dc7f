"""The example story holds exactly ONE intended contradiction (examples/README.md): when Marlene Brandt
moved to London, July (Weser-Echo) vs August (Spotlight Wire). Every other difference in it is
consistent over time and must not be reported.

The contradiction needs event dates from the events stage (issue 5); on a branch without it the
positive part is skipped with that reason, and the negative part (nothing else reported) still runs.
"""

from __future__ import annotations

import pytest

import storyline
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> storyline.Dossier:
    return storyline.build([EXAMPLES], out=tmp_path_factory.mktemp("story"), jobs=1)


def test_nothing_but_the_move_is_reported(story) -> None:
    unexpected = [
        c
        for c in story.contradictions
        if {r.doc for r in c.claims} != {"weser-echo-48213", "spotlight_wire_ebb_opening"}
    ]
    assert unexpected == []
    assert len(story.contradictions) <= 1


def test_the_one_contradiction_is_the_month_of_the_move_to_london(story) -> None:
    if not story.events:
        pytest.skip("needs the events stage (issue 5): no event dates on this branch")
    (found,) = story.contradictions
    assert found.kind == "event_date" and "move" in found.topic and "London" in found.topic
    sides = {ref.doc: ref for ref in found.claims}
    assert set(sides) == {"weser-echo-48213", "spotlight_wire_ebb_opening"}
    assert sides["weser-echo-48213"].value.startswith("2025-07") and "Juli" in sides["weser-echo-48213"].text
    assert sides["spotlight_wire_ebb_opening"].value.startswith("2025-08")
    assert {ref.outlet for ref in found.claims} == {"Weser-Echo", "Spotlight Wire"}


def test_the_claims_are_stored(tmp_path) -> None:
    from storyline.store import Store, sqlite_url

    dossier = storyline.build([EXAMPLES], out=tmp_path, jobs=1)
    with Store(sqlite_url(tmp_path / "storyline.db")) as store:
        assert store.claims() == dossier.claims and dossier.claims
