"""Issue 3: on the seed articles every person named in the text is found as a person, in both languages.

Each name below occurs in the cleaned text of the seed article; every occurrence must be covered by a
person mention in the dossier (model output plus collection-level propagation).
"""

from __future__ import annotations

import re

import pytest

import storyline

PEOPLE = {
    "000": ["Britney Spears", "Sean Preston", "Jayden James", "Kevin Federline", "Jamie", "Britney", "Jayden", "Sean"],
    "001": ["Britney Spears", "Jayden", "Kevin", "Sean", "Mark Vincent Kaplan", "Britney"],
    "002": [
        "Britney Spears",
        "Jayden James",
        "Sean Preston Federline",
        "Kevin Federline",
        "Sam Asghari",
        "Lynne Spears",
        "Britney",
        "Jayden",
        "Sean",
        "Preston",
    ],
    "003": [
        "Kevin Federline",
        "Britney Spears",
        "Mark Vincent Kaplan",
        "Sean Preston",
        "Jayden James",
        "Sam Asghari",
        "Victoria Prince",
        "Jayden",
        "Preston",
        "Kevin",
        "Federline",
        "Spears",
    ],
    "004": [
        "Britney Spears",
        "Lynne Spears",
        "Cade Hudson",
        "Bryan",
        "Jamie Lynn Spears",
        "Jamie Lynn",
        "Britney",
        "Lynne",
    ],
}


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> storyline.Dossier:
    from tests.conftest import SEEDS, need_shared

    return storyline.build([need_shared(SEEDS)], out=tmp_path_factory.mktemp("people"))


@pytest.mark.corpus
@pytest.mark.parametrize("prefix", sorted(PEOPLE))
def test_every_named_person_is_found(dossier: storyline.Dossier, prefix: str) -> None:
    from storyline.language.nlp import has_trained_model

    document = next(d for d in dossier.documents if d.id.startswith(prefix))
    if not has_trained_model(document.language):
        pytest.skip(f"no trained NER model for {document.language!r} in storyline/models")
    spans = [
        (m.start, m.end) for e in dossier.entities if e.type == "person" for m in e.mentions if m.doc == document.id
    ]
    missed = []
    for name in PEOPLE[prefix]:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", document.text):
            if not any(s <= match.start() and match.end() <= e for s, e in spans):
                missed.append((name, document.text[max(0, match.start() - 30) : match.end() + 30]))
    assert not missed, f"{len(missed)} person occurrences not found: {missed[:8]}"
