"""End to end on the five seed articles in ../shared/corpus/seeds (skipped when absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storyline
from storyline.report.json import validate_dossier

# Page furniture found in the seed files: none of it may survive cleaning.
SEED_FURNITURE = [
    "Article continues below advertisement",
    "Advertisement",
    "Link to FacebookShare to XShare to Email",
    "Want OK! each day? Sign up here!",
    "Never miss a story",
    "Opt-out of personalized ads",
    "OK! Logo",
    "OK LogoNEWS",
    "BREAKING NEWS",
    "Home > News",
    "ok split taylor",
    "britney mom",
    "jamie brit",
    "Source: MEGA",
    "Source: @baihlyb/Instagram",
    "Source: OK!",
    "MORE ON:",
    "All rights reserved",
    "Related: Britney Reunites",
    "[Image via Britney Spears/Instagram, WENN]",
    "appeared first on Perez Hilton",
    "Getty Images Sean Federline",
    "Getty Images Britney Spears mit ihren Söhnen",
    "Instagram / https://www.instagram.com/britneyspears/",
    "relationship went downhill due to the pop star's abusive conservatorship.",
    "Britney Spears and Lynne Spears recently reunited for the pop star's birthday.",
    "Britney Spears and Jamie Lynn Spears are also estranged.",
    "Dec. 9 2023, Published",
    "date 2024-06-26 Getty",
]


@pytest.fixture(scope="module")
def seed_dossier(tmp_path_factory: pytest.TempPathFactory) -> tuple[storyline.Dossier, Path]:
    from tests.conftest import SEEDS, need_shared

    out = tmp_path_factory.mktemp("seeds")
    return storyline.build([need_shared(SEEDS)], out=out), out


def test_five_schema_valid_documents(seed_dossier: tuple[storyline.Dossier, Path]) -> None:
    dossier, out = seed_dossier
    assert len(dossier.documents) == 5
    validate_dossier(json.loads((out / "dossier.json").read_text(encoding="utf-8")))
    assert (out / "dossier.html").stat().st_size > 1000
    assert (out / "storyline.db").exists()


def test_languages(seed_dossier: tuple[storyline.Dossier, Path]) -> None:
    languages = {d.id[:3]: d.language for d in seed_dossier[0].documents}
    assert languages == {"000": "en", "001": "de", "002": "en", "003": "en", "004": "en"}
    assert all(d.language_confidence > 0.9 for d in seed_dossier[0].documents)


def test_dates_and_outlets_that_the_articles_state(seed_dossier: tuple[storyline.Dossier, Path]) -> None:
    by_prefix = {d.id[:3]: d for d in seed_dossier[0].documents}
    assert by_prefix["003"].published == "2024-06-26"
    assert by_prefix["004"].published == "2023-12-09"
    assert by_prefix["004"].outlet in {"OK Magazine", "OK!"}
    assert by_prefix["002"].outlet == "Perez Hilton"
    # "Getty" in the header of 003 is an image agency, not the outlet.
    assert by_prefix["003"].outlet is None
    assert by_prefix["000"].published is None and by_prefix["001"].published is None


def test_no_furniture_survives(seed_dossier: tuple[storyline.Dossier, Path]) -> None:
    for document in seed_dossier[0].documents:
        for furniture in SEED_FURNITURE:
            assert furniture not in document.text, (document.id, furniture)


def test_article_text_survives(seed_dossier: tuple[storyline.Dossier, Path]) -> None:
    text = {d.id[:3]: d.text for d in seed_dossier[0].documents}
    assert "Will the Spears ladies reunite?" in text["004"]
    assert "“They are speaking,” the source said of the two siblings." in text["004"]
    assert "Sie und Kevin waren von 2004 bis 2007 verheiratet." in text["001"]
    assert text["003"].startswith('"Reconciliations and the reunification')
    assert "Let us know in the comments below." not in text["002"]
    assert "repair their relationship." in text["002"]
