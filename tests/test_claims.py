"""Claims and their comparison, on hand-built records (no NLP): contradictions and consistency notes."""

from __future__ import annotations

from storyline.claims import compare_claims, extract_claims
from storyline.claims.dates import birth_range, incompatible, parse_range
from storyline.claims.numbers import find_amounts, same_figure
from storyline.records import (
    Attribute,
    Document,
    Entity,
    Event,
    EventMention,
    Mention,
    PublishedEstimate,
    Quote,
    Relation,
    SentenceSpan,
    Speaker,
    plain_document,
)


def doc(doc_id: str, text: str, published: str | None, *, language: str = "en", outlet: str | None = None) -> Document:
    base = plain_document(doc_id, text, language)
    sentences, start = [], 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        sentences.append(SentenceSpan(start=start, end=min(end, len(text))))
        start = end + 1
    estimate = None
    if published and published.startswith("~"):
        estimate, published = PublishedEstimate(value=published[1:], basis="test"), None
    return base.model_copy(
        update={
            "published": published,
            "published_estimate": estimate,
            "outlet": outlet or doc_id,
            "sentences": sentences,
        }
    )


def person(entity_id: str, name: str, docs: list[Document], attributes: list[Attribute] = ()) -> Entity:
    mentions = []
    for d in docs:
        for part in {name, name.split()[-1]}:
            at = d.text.find(part)
            while at >= 0:
                mentions.append(Mention(doc=d.id, start=at, end=at + len(part)))
                at = d.text.find(part, at + len(part))
    unique = sorted({(m.doc, m.start, m.end) for m in mentions})
    return Entity(
        id=entity_id,
        type="person",
        name=name,
        mentions=[Mention(doc=a, start=b, end=c) for a, b, c in unique],
        attributes=list(attributes),
    )


def mention(
    d: Document, sentence: str, *, date: str | None, date_text: str | None, planned: bool = False, place=None, who=()
):
    start = d.text.index(sentence)
    return EventMention(
        doc=d.id,
        start=start,
        end=start + len(sentence),
        text=sentence,
        type="move",
        trigger="moved",
        date=date,
        date_text=date_text,
        planned=planned,
        participants=list(who),
        place=place,
    )


def test_dates_compare_at_their_precision() -> None:
    july, august, day = parse_range("2025-07"), parse_range("XXXX-08"), parse_range("2025-07-14")
    assert incompatible(july, august)
    assert not incompatible(july, day)
    assert not incompatible(parse_range("2025-SU"), july)  # a season is never precise enough
    assert parse_range("PRESENT_REF") is None
    lo, hi = birth_range(41, parse_range("2025-04-25"))
    lo2, hi2 = birth_range(42, parse_range("2025-10-14"))
    assert max(lo, lo2) <= min(hi, hi2)


def test_amounts_normalise_across_languages_and_rounding() -> None:
    (en,) = find_amounts("valued at about €1.2 million", "en")
    (de,) = find_amounts("auf rund 1,2 Millionen Euro geschätzt", "de")
    (short,) = find_amounts("about €1.2m", "en")
    assert (en.value, en.unit, de.value, short.value) == (1.2e6, "EUR", 1.2e6, 1.2e6)
    assert same_figure(en, de, 0.1) and same_figure(de, short, 0.1)
    (five,) = find_amounts("für 5 Millionen Euro verkauft", "de")
    (three,) = find_amounts("sold for €3.4 million", "en")
    assert not same_figure(five, three, 0.1)


def _move_story(second_date: str, second_text: str, *, planned: bool = False):
    a = doc("a", "Anna Roth moved to Oslo in July. She likes it.", "2025-10-01", outlet="Nordpost")
    b = doc(
        "b",
        f"Anna Roth moved to Oslo {second_text}. Friends visited.",
        "2025-06-01" if planned else "2025-11-20",
        outlet="Fjord Wire",
    )
    anna = person("person:anna-roth", "Anna Roth", [a, b])
    event = Event(
        id="event:move-1",
        date="2025-07",
        summary="Anna Roth moves to Oslo",
        type="move",
        participants=[anna.id],
        mentions=[
            mention(a, "Anna Roth moved to Oslo in July", date="2025-07", date_text="July", who=[anna.id]),
            mention(
                b,
                f"Anna Roth moved to Oslo {second_text}",
                date=second_date,
                date_text=second_text,
                planned=planned,
                who=[anna.id],
            ),
        ],
    )
    claims = extract_claims([a, b], [anna], [], events=[event])
    return compare_claims(claims, [a, b])


def test_month_against_month_is_a_contradiction_with_both_sides() -> None:
    contradictions, _ = _move_story("2025-08", "in August")
    (found,) = contradictions
    assert found.kind == "event_date"
    assert {ref.value.split()[0] for ref in found.claims} == {"2025-07", "2025-08"}
    assert {ref.outlet for ref in found.claims} == {"Nordpost", "Fjord Wire"}
    assert all(ref.asserted_by.kind == "narration" for ref in found.claims)
    assert found.id and "2025-07" in found.explanation


def test_day_inside_the_month_is_consistent() -> None:
    contradictions, notes = _move_story("2025-07-14", "on 14 July")
    assert contradictions == []
    assert [n.kind for n in notes] == ["precision"]


def test_a_plan_is_never_contradicted_and_a_kept_plan_is_noted() -> None:
    assert _move_story("2025-09", "in September", planned=True)[0] == []
    _, notes = _move_story("2025-07", "in July", planned=True)
    assert [n.kind for n in notes] == ["planned_then_reported"]


def test_ages_a_birthday_apart_are_a_note_not_a_contradiction() -> None:
    a = doc("a", "Mia Lenz, 41, cooks. Fine.", "2025-04-25")
    b = doc("b", "Mia Lenz, 42, cooks. Fine.", "2025-10-14")
    c = doc("c", "Mia Lenz, 45, cooks. Fine.", "2025-10-20")
    ages = [
        Attribute(name="age", value=v, as_of=d.published, doc=d.id, start=0, end=20) for v, d in [("41", a), ("42", b)]
    ]
    mia = person("person:mia-lenz", "Mia Lenz", [a, b, c], ages)
    contradictions, notes = compare_claims(extract_claims([a, b], [mia], []), [a, b])
    assert contradictions == [] and [n.kind for n in notes] == ["age_over_time"]
    assert "1983-04-26" in notes[0].explanation
    wrong = [*ages, Attribute(name="age", value="45", as_of=c.published, doc="c", start=0, end=20)]
    mia = mia.model_copy(update={"attributes": wrong})
    contradictions, _ = compare_claims(extract_claims([a, b, c], [mia], []), [a, b, c])
    assert [c.kind for c in contradictions] == ["age"]


def test_figures_beyond_rounding_contradict_and_rounded_ones_agree() -> None:
    a = doc("a", "The Harlow Mill was sold for €3.4 million. Buyers cheered.", "2025-03-01", outlet="Post")
    b = doc(
        "b", "Die Harlow Mill wurde für 5 Millionen Euro verkauft. Gut.", "2025-03-02", language="de", outlet="Blatt"
    )
    c = doc("c", "The Harlow Mill was sold for about €3.4m. Buyers cheered loudly.", "2025-03-03", outlet="Wire")
    mill = person("org:harlow-mill", "Harlow Mill", [a, b, c]).model_copy(update={"type": "organisation"})
    contradictions, _ = compare_claims(extract_claims([a, b], [mill], []), [a, b])
    assert [x.kind for x in contradictions] == ["amount"]
    contradictions, notes = compare_claims(extract_claims([a, c], [mill], []), [a, c])
    assert contradictions == [] and [n.kind for n in notes] == ["rounding"]


def test_an_explicit_denial_contradicts_the_claim_it_answers() -> None:
    a = doc(
        "a", "Lynne Hart threw away the porcelain dolls, her brother said. More later.", "2025-01-10", outlet="Post"
    )
    b = doc("b", "Lynne Hart said she never threw away the porcelain dolls. That was all.", "2025-01-12", outlet="Wire")
    lynne = person("person:lynne-hart", "Lynne Hart", [a, b])
    quote = Quote(
        id="q1",
        doc="b",
        start=b.text.index("she never"),
        end=b.text.index(". That"),
        text="she never threw away the porcelain dolls",
        kind="indirect",
        speaker=Speaker(entity=lynne.id, label="Lynne Hart", anonymous=False),
    )
    contradictions, _ = compare_claims(extract_claims([a, b], [lynne], [quote]), [a, b])
    (found,) = contradictions
    assert found.kind == "denial"
    assert [ref.asserted_by.kind for ref in found.claims] == ["narration", "speaker"]


def test_relationship_states_over_time_are_a_note() -> None:
    a = doc("a", "Jan Ott and Eva Ott are estranged. Sad.", "2024-05-01")
    b = doc("b", "Jan Ott and Eva Ott talk again. Good.", "2025-06-01")
    jan, eva = person("person:jan-ott", "Jan Ott", [a, b]), person("person:eva-ott", "Eva Ott", [a, b])
    relations = [
        Relation(
            subject=jan.id,
            predicate="estranged",
            object=eva.id,
            since="2024-05-01",
            evidence=[Mention(doc="a", start=0, end=5)],
        ),
        Relation(
            subject=jan.id,
            predicate="in_contact",
            object=eva.id,
            since="2025-06-01",
            evidence=[Mention(doc="b", start=0, end=5)],
        ),
    ]
    contradictions, notes = compare_claims(extract_claims([a, b], [jan, eva], [], relations=relations), [a, b])
    assert contradictions == [] and [n.kind for n in notes] == ["state_change"]


def test_sides_and_notes_render_escaped_in_the_report() -> None:
    from storyline.records import AssertedBy, ClaimRef, ConsistencyNote, Contradiction, Dossier
    from storyline.report.html import render_html

    d = doc("d1", "A <b>bold</b> claim. Another one.", "2025-01-01", outlet="Outlet & Co")
    side = ClaimRef(
        doc="d1",
        start=0,
        end=20,
        text="A <b>bold</b> claim",
        value="2025-07 <i>",
        outlet="Outlet & Co",
        asserted_by=AssertedBy(kind="anonymous", label="an <insider>", outlet="Outlet & Co"),
    )
    dossier = Dossier(
        documents=[d],
        contradictions=[
            Contradiction(topic="When: <move>", kind="event_date", claims=[side, side], explanation="x & y")
        ],
        consistency_notes=[
            ConsistencyNote(kind="age_over_time", topic="Age", explanation="41 <then> 42", claims=[side])
        ],
    )
    html = render_html(dossier)
    assert "Where sources disagree" in html and "Consistent over time" in html
    assert "<b>bold" not in html and "an &lt;insider&gt;" in html and "41 &lt;then&gt; 42" in html
    assert 'href="#s-d1-0"' in html


def test_claims_round_trip_through_the_store(tmp_path) -> None:
    from storyline.store import Store, sqlite_url

    contradictions, _ = _move_story("2025-08", "in August")
    claims = [ref for c in contradictions for ref in c.claims]
    assert claims
    a = doc("a", "Anna Roth moved to Oslo in July. She likes it.", "2025-10-01", outlet="Nordpost")
    anna = person("person:anna-roth", "Anna Roth", [a])
    event = Event(
        id="event:move-1",
        date="2025-07",
        summary="Anna Roth moves",
        type="move",
        participants=[anna.id],
        mentions=[mention(a, "Anna Roth moved to Oslo in July", date="2025-07", date_text="July", who=[anna.id])],
    )
    extracted = extract_claims([a], [anna], [], events=[event])
    with Store(sqlite_url(tmp_path / "s.db")) as store:
        store.put_document(a)
        store.replace_claims(extracted)
        store.replace_claims(extracted)  # a rebuild replaces, never duplicates
        assert store.claims() == extracted


def test_hedged_claims_never_contradict() -> None:
    from storyline.claims.hedges import hedged

    d = doc("h", "Anna Roth reportedly moved to Oslo in August, a friend said. Did she move in May? She did.", None)
    assert hedged(d, 0, 59, d.text.index("August"))
    assert hedged(d, 60, 82, d.text.index("May"))
    assert not hedged(d, 83, len(d.text), 83)
    german = doc("g", "Sie ist im Juli nach London gezogen, wo ihr Restaurant eröffnen soll.", None, language="de")
    assert not hedged(german, 0, len(german.text), german.text.index("Juli"))  # "soll" is in the other clause
    assert hedged(german, 0, len(german.text), german.text.index("eröffnen"))
    contradictions, _ = _move_story("2025-08", "reportedly in August")
    assert contradictions == []


def test_an_accusation_is_asserted_by_the_accuser() -> None:
    a = doc(
        "a",
        "Last month, Mara Lind accused her mother Eva Lind of burning the family letters and photographs. Fine.",
        "2025-01-10",
        outlet="Post",
    )
    b = doc("b", "Eva Lind said she would never burn the family letters. That was all.", "2025-01-12", outlet="Wire")
    mara, eva = person("person:mara-lind", "Mara Lind", [a, b]), person("person:eva-lind", "Eva Lind", [a, b])
    mara = mara.model_copy(update={"mentions": [m for m in mara.mentions if a.text[m.start : m.end] != "Lind"]})
    eva = eva.model_copy(update={"mentions": [m for m in eva.mentions if a.text[m.start : m.end] != "Lind"]})
    contradictions, _ = compare_claims(extract_claims([a, b], [mara, eva], []), [a, b])
    (found,) = contradictions
    assert found.kind == "denial"
    assert found.claims[0].asserted_by.label == "Mara Lind"


def test_an_age_against_an_estimated_article_date_is_not_a_contradiction() -> None:
    a = doc("a", "Mia Lenz, 41, cooks. Fine.", "2025-04-25")
    c = doc("c", "Mia Lenz, 45, cooks. Fine.", "~2025-10")
    ages = [
        Attribute(name="age", value="41", as_of="2025-04-25", doc="a", start=0, end=12),
        Attribute(name="age", value="45", as_of=None, doc="c", start=0, end=12),
    ]
    mia = person("person:mia-lenz", "Mia Lenz", [a, c], ages)
    contradictions, _ = compare_claims(extract_claims([a, c], [mia], []), [a, c])
    assert contradictions == []


def test_states_from_the_relations_stage_change_over_time() -> None:
    a = doc("a", "Max Feld and Ole Feld are estranged. Sad.", "2024-01-10")
    b = doc("b", "Max Feld and Ole Feld talk again. Good.", "2025-06-01")
    c = doc("c", "Max Feld and Ole Feld talk again. Fine.", "2025-06-03")
    people = [person("person:max-feld", "Max Feld", [a, b, c]), person("person:ole-feld", "Ole Feld", [a, b, c])]
    relations = [
        Relation(
            subject="person:max-feld",
            predicate="relationship",
            object="person:ole-feld",
            state=state,
            as_of=when,
            evidence=[Mention(doc=d.id, start=0, end=8)],
        )
        for state, when, d in [
            ("estranged", "2024-01-10", a),
            ("in_contact", "2025-06-01", b),
            ("in_contact", "2025-06-03", c),
        ]
    ]
    claims = extract_claims([a, b, c], people, [], relations=relations)
    assert {(c.subject, c.value, c.holds_at) for c in claims} >= {
        ("person:max-feld|person:ole-feld", "estranged", "2024-01-10"),
        ("person:max-feld|person:ole-feld", "in_contact", "2025-06-01"),
    }
    contradictions, notes = compare_claims(claims, [a, b, c])
    assert contradictions == []
    (note,) = notes
    assert note.kind == "state_change" and "estranged as of 2024-01-10" in note.explanation


def test_words_posted_on_instagram_are_a_first_person_post() -> None:
    from storyline.claims.attribution import Attribution

    d = doc("a", "Anna Roth wrote that she moved in July. Fine.", "2025-01-01", outlet="Post")
    speaker = Speaker(entity="person:anna-roth", label="Anna Roth", anonymous=False)
    posted = Quote(
        id="q", doc="a", start=15, end=38, text="x", kind="indirect", speaker=speaker, channel="Instagram post"
    )
    said = posted.model_copy(update={"channel": "interview"})
    assert Attribution([d], [posted]).asserted_by("a", 20).kind == "first_person_post"
    assert Attribution([d], [said]).asserted_by("a", 20).kind == "speaker"
    assert Attribution([d], [said]).asserted_by("a", 40).kind == "narration"
