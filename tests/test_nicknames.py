"""Nicknames introduced in the text resolve later uses to the person; aliases record where they were seen."""

from __future__ import annotations

from storyline.extraction.quotes import extract_quotes
from storyline.records import Dossier
from storyline.report.people import format_people
from storyline.resolution.aliases import with_aliases_seen
from storyline.resolution.attributes import with_references
from tests.test_references import _document, _resolve


def _nickname_refs(resolution, doc: str) -> dict[str, str | None]:
    return {r.text: r.entity for r in resolution.references if r.doc == doc and r.kind == "nickname"}


def test_an_english_nickname_resolves_later_uses_in_its_article_and_others() -> None:
    first = _document(
        "a",
        "Mara Quill, known as the 'Queen of Reels', opened the festival. Later the Queen of Reels thanked fans.",
        "en",
    )
    second = _document("b", "The Queen of Reels returned to Oslo on Friday.", "en")
    resolution, entities = _resolve([first, second], {"Mara Quill": []})
    assert _nickname_refs(resolution, "a") == {"Queen of Reels": "person:mara-quill"}
    assert [r.entity for r in resolution.references if r.doc == "b" and r.kind == "nickname"] == ["person:mara-quill"]
    mara = with_aliases_seen(with_references(entities, resolution), [first, second])[0]
    assert "Queen of Reels" in mara.aliases
    seen = {a.alias: a for a in mara.aliases_seen}
    assert seen["Queen of Reels"].docs == ["a", "b"]
    assert seen["Queen of Reels"].first.doc == "a"
    assert first.text[seen["Queen of Reels"].first.start : seen["Queen of Reels"].first.end] == "Queen of Reels"
    assert seen["Mara Quill"].docs == ["a"]


def test_a_bare_nickname_in_brackets_takes_only_its_capitalised_words() -> None:
    document = _document("a", "Tobias Renn (nicknamed Tobi by his crew) won the race. Tobi later retired.", "en")
    resolution, _ = _resolve([document], {"Tobias Renn": []})
    uses = [r for r in resolution.references if r.kind == "nickname"]
    assert [(r.text, r.entity) for r in uses] == [("Tobi", "person:tobias-renn")] * 2


def test_german_nicknames_with_genannt_and_den_alle_nennen() -> None:
    first = _document(
        "a",
        "Heinz Aller, genannt „Kanone“, eröffnete das Fest. "
        "Lotte Brenner, die alle nur „Motte“ nennen, kam später. Motte lachte, Kanone trank.",
        "de",
    )
    resolution, _ = _resolve([first], {"Heinz Aller": [], "Lotte Brenner": []})
    uses = sorted((r.start, r.text, r.entity) for r in resolution.references if r.kind == "nickname")
    assert [(t, e) for _, t, e in uses] == [
        ("Kanone", "person:heinz-aller"),
        ("Motte", "person:lotte-brenner"),
        ("Motte", "person:lotte-brenner"),
        ("Kanone", "person:heinz-aller"),
    ]


def test_a_nickname_two_people_share_is_not_resolved_outside_their_articles() -> None:
    first = _document("a", "Ada Stein, dubbed 'The Hammer', won in Berlin.", "en")
    second = _document("b", "Ben Kurz, dubbed 'The Hammer', won in Rome.", "en")
    third = _document("c", "The Hammer is expected in Paris.", "en")
    resolution, _ = _resolve([first, second, third], {"Ada Stein": [], "Ben Kurz": []})
    assert _nickname_refs(resolution, "a") == {"The Hammer": "person:ada-stein"}
    assert _nickname_refs(resolution, "b") == {"The Hammer": "person:ben-kurz"}
    assert _nickname_refs(resolution, "c") == {}


def test_no_cue_no_nickname() -> None:
    for text in [
        "Mara Quill opened the festival. The Queen of Reels was not there.",
        "Mara Quill called Tobi Renn on Monday. Tobi was out.",
    ]:
        resolution, _ = _resolve([_document("a", text, "en")], {"Mara Quill": []})
        assert not [r for r in resolution.references if r.kind == "nickname"]


def test_a_quoted_nickname_is_no_quote_with_a_speaker() -> None:
    for text, language in [
        ("Mara Quill, known as the 'Queen of Reels', opened the festival on Monday.", "en"),
        ("Heinz Aller, genannt „Kanone“, eröffnete am Montag das Fest.", "de"),
    ]:
        assert all(q.kind in ("title", "scare") and q.speaker is None for q in extract_quotes(text, language))


def test_the_people_listing_shows_where_each_alias_was_seen() -> None:
    first = _document("a", "Mara Quill, known as the 'Queen of Reels', opened the festival.", "en")
    second = _document("b", "The Queen of Reels returned to Oslo.", "en")
    resolution, entities = _resolve([first, second], {"Mara Quill": []})
    entities = with_aliases_seen(with_references(entities, resolution), [first, second])
    listing = format_people(Dossier(documents=[first, second], entities=entities))
    assert "aliases: Mara Quill (a), Queen of Reels (a, b)" in listing
