"""One check per property: given claims about the same thing, what contradicts and what is consistent over time."""

from __future__ import annotations

import re
from itertools import combinations, pairwise

from storyline.claims.corroboration import claim_ref
from storyline.claims.dates import DateRange, birth_range, incompatible, overlap, parse_range
from storyline.claims.numbers import Amount, find_amounts, same_figure
from storyline.language.registry import default_registry
from storyline.records import Claim, ConsistencyNote, Contradiction, Document

AMOUNT_WINDOW_DAYS = 366  # figures stated further apart may have changed (a valuation, a head count)
RESIDENCE_WINDOW_DAYS = 31


class Story:
    """What the checks need beyond the claims: document languages and which places appear together."""

    def __init__(self, documents: list[Document]) -> None:
        self.languages = {d.id: d.language for d in documents}
        self._sentences = [d.text[s.start : s.end].casefold() for d in documents for s in d.sentences]
        data = default_registry().common.get("claims", {})
        self.tolerance = float(data.get("approximate_tolerance", 0.1))
        self.once = set(data.get("once_per_person_types", []))
        self.single = set(data.get("single_occurrence_types", []))

    def nested_places(self, a: str, b: str) -> bool:
        """Places that may contain each other ("Bermondsey" and "London"): one names the other, or some
        sentence names both (as "in Bermondsey, London" does)."""
        a, b = a.casefold(), b.casefold()
        if a in b or b in a:
            return True
        return any(a in s and b in s for s in self._sentences)


def _sides(by_value: dict[str, list[Claim]]) -> list:
    return [claim_ref(claims[0], support=claims) for claims in by_value.values()]


def _by_value(claims: list[Claim], key=lambda c: c.value) -> dict[str, list[Claim]]:
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(key(claim), []).append(claim)
    return grouped


def _who(claim: Claim) -> str:
    by = claim.asserted_by
    if by.kind == "narration":
        return by.label
    return f"{by.label} (in {by.outlet})" if by.outlet else by.label


def _days_apart(a: Claim, b: Claim) -> int | None:
    ra, rb = parse_range(a.stated_at), parse_range(b.stated_at)
    if ra is None or rb is None:
        return None
    return abs((ra.start - rb.start).days)


# ----------------------------------------------------------------------------- event dates


def event_dates(claims: list[Claim], story: Story) -> list:
    reported = [c for c in claims if not c.planned and parse_range(c.value)]
    planned = [c for c in claims if c.planned and parse_range(c.value)]
    conflicts = [
        (a, b)
        for a, b in combinations(reported, 2)
        if a.doc != b.doc
        and not (a.hedged or b.hedged)
        and incompatible(parse_range(a.value), parse_range(b.value))  # type: ignore[arg-type]
        and _same_people(a, b)
        and (a.qualifier in story.once or not (a.place and b.place and a.place.casefold() != b.place.casefold()))
    ]
    label = _event_label(claims)
    if conflicts:
        involved = {c.id: c for pair in conflicts for c in pair}
        values = _by_value([c for c in reported if c.id in involved or c.value in {x.value for x in involved.values()}])
        a, b = conflicts[0]
        return [
            Contradiction(
                topic=f"When: {label}",
                kind="event_date",
                subject=claims[0].subject,
                property="event_date",
                claims=_sides(values),
                explanation=(
                    f"{_who(a)} dates it {a.value}, {_who(b)} {b.value}: both give at least the "
                    f"{_coarser(a, b)}, and the two cannot be the same date."
                ),
            )
        ]
    notes = []
    precise_pair = next(
        (
            (a, b)
            for a, b in combinations(reported, 2)
            if a.doc != b.doc
            and not (a.hedged or b.hedged)
            and a.value != b.value
            and _precision(a) != _precision(b)
            and overlap(_range(a), _range(b))
        ),
        None,
    )
    if precise_pair:
        a, b = sorted(precise_pair, key=lambda c: len(c.value))
        notes.append(
            ConsistencyNote(
                kind="precision",
                topic=f"When: {label}",
                subject=a.subject,
                property="event_date",
                claims=[claim_ref(a), claim_ref(b)],
                explanation=(
                    f"{a.value} and {b.value} agree: one gives the {_precision(a)}, the other a date inside it."
                ),
            )
        )
    plan = next(
        (
            (p, r)
            for p in planned
            for r in reported
            if p.doc != r.doc and overlap(_range(p), _range(r)) and (p.stated_at or "") <= (r.stated_at or "9999")
        ),
        None,
    )
    if plan:
        p, r = plan
        notes.append(
            ConsistencyNote(
                kind="planned_then_reported",
                topic=f"When: {label}",
                subject=p.subject,
                property="event_date",
                claims=[claim_ref(p), claim_ref(r)],
                explanation=(
                    f"{_who(p)} announced it for {p.value}; {_who(r)} reports it done ({r.value}): the plan was kept."
                ),
            )
        )
    return notes


def _event_label(claims: list[Claim]) -> str:
    """ "move · London": the event type and the place most mentions give (the events stage's summary
    lists every participant, which reads badly as a heading)."""
    places = [c.place for c in claims if c.place]
    place = max(set(places), key=places.count) if places else None
    kind = claims[0].qualifier or claims[0].subject_label
    return f"{kind} · {place}" if place else kind


def _same_people(a: Claim, b: Claim) -> bool:
    """False when the two mentions are about different, fully named people ("Paul Weber opened his café",
    "Paul Kranz opened his café"): two events an over-eager merge joined, not one event dated twice.
    Mentions that name nobody by full name (only "the 42-year-old") are not told apart."""
    named_a, named_b = _full_names(a), _full_names(b)
    if not named_a or not named_b or named_a & named_b:
        return True
    surnames = {n.rsplit("-", 1)[-1] for n in named_a}
    return bool(surnames & {n.rsplit("-", 1)[-1] for n in named_b})


def _full_names(claim: Claim) -> set[str]:
    """The people a mention names with more than one word (entity ids are ``person:<slug of the name>``)."""
    return {p.split(":", 1)[1] for p in claim.participants if p.startswith("person:") and "-" in p.split(":", 1)[1]}


def _range(claim: Claim) -> DateRange:
    return parse_range(claim.value)  # type: ignore[return-value]


def _precision(claim: Claim) -> str:
    return _range(claim).precision


def _coarser(a: Claim, b: Claim) -> str:
    order = ["day", "week", "month"]
    return max(_precision(a), _precision(b), key=order.index)


def relative_times(claims: list[Claim], story: Story) -> list[ConsistencyNote]:
    """The same relative words ("last year") resolved against different article dates."""
    by_phrase: dict[tuple[str, str], list[Claim]] = {}
    for claim in claims:
        phrase = (claim.value_text or "").strip().casefold()
        if phrase and not re.search(r"\d", phrase) and claim.stated_at and not claim.value.startswith("XXXX"):
            by_phrase.setdefault((story.languages.get(claim.doc, ""), phrase), []).append(claim)
    notes = []
    for group in by_phrase.values():
        values = _by_value(group)
        if len(values) < 2:
            continue
        firsts = [v[0] for v in values.values()]
        if len({c.stated_at for c in firsts}) < len(firsts):
            continue  # same article date, different values: not explained by time
        phrase = (firsts[0].value_text or "").strip()
        described = "; ".join(
            f"{c.value} in {c.asserted_by.outlet} of {c.stated_at}{' (estimated)' * c.stated_estimated}" for c in firsts
        )
        notes.append(
            ConsistencyNote(
                kind="relative_time",
                topic=f"“{phrase}”",
                property="event_date",
                claims=[claim_ref(c) for c in firsts],
                explanation=f"“{phrase}” means {described}: each is read from its own article's date.",
            )
        )
    return notes


# ----------------------------------------------------------------------------- places


def places(claims: list[Claim], story: Story) -> list:
    """Two places for one move, opening or death (not for a post or an interview, whose "place" may
    be a platform or where someone works), or two residences stated within a month."""
    reported = [c for c in claims if not c.planned and not c.hedged and c.polarity == "affirmed"]
    if claims[0].property == "event_place" and claims[0].qualifier not in story.single | story.once:
        return []
    label = claims[0].subject_label
    prop = claims[0].property
    notes: list = []
    for a, b in combinations(reported, 2):
        if a.doc == b.doc or a.value.casefold() == b.value.casefold() or story.nested_places(a.value, b.value):
            continue
        apart = _days_apart(a, b)
        if prop == "residence" and (apart is None or apart > RESIDENCE_WINDOW_DAYS):
            if apart:
                first, later = sorted((a, b), key=lambda c: c.stated_at or "")
                notes.append(_state_note(first, later, "residence"))
            continue
        return [
            Contradiction(
                topic=f"Where: {label}",
                kind="place",
                subject=a.subject,
                property=prop,
                claims=_sides(_by_value(reported, key=lambda c: c.value.casefold())),
                explanation=f"{_who(a)} places it in {a.value}, {_who(b)} in {b.value}.",
            )
        ]
    return notes[:1]


# ----------------------------------------------------------------------------- ages


def ages(claims: list[Claim], story: Story) -> list:
    dated = [(c, r) for c in claims if (r := parse_range(c.stated_at))]
    if len({c.value for c, _ in dated}) < 2:
        return []
    ranges = {c.id: birth_range(int(c.value), r) for c, r in dated}
    earliest = max(lo for lo, _ in ranges.values())
    latest = min(hi for _, hi in ranges.values())
    label = claims[0].subject_label
    if earliest <= latest:
        firsts = [v[0] for v in _by_value([c for c, _ in dated]).values()]
        stated = " and ".join(f"{c.value} on {c.stated_at}{' (estimated)' * c.stated_estimated}" for c in firsts)
        return [
            ConsistencyNote(
                kind="age_over_time",
                topic=f"Age: {label}",
                subject=claims[0].subject,
                property="age",
                claims=[claim_ref(c, support=_by_value(claims)[c.value]) for c in firsts],
                explanation=(
                    f"{stated} fit one birth date between {earliest} and {latest}: the articles are months apart."
                ),
            )
        ]
    support = _by_value(claims)
    # An estimated article date cannot carry a contradiction: the estimate may be what is wrong.
    firm = [(c, r) for c, r in dated if not c.hedged and not c.stated_estimated]
    for (a, _), (b, _) in combinations(firm, 2):
        lo = max(ranges[a.id][0], ranges[b.id][0])
        hi = min(ranges[a.id][1], ranges[b.id][1])
        if lo > hi and a.doc != b.doc and _names_subject(a) and _names_subject(b):
            return [
                Contradiction(
                    topic=f"Age: {label}",
                    kind="age",
                    subject=a.subject,
                    property="age",
                    claims=[claim_ref(a, support=support[a.value]), claim_ref(b, support=support[b.value])],
                    explanation=f"{a.value} on {a.stated_at} and {b.value} on {b.stated_at} fit no single birth date.",
                )
            ]
    return []


def _names_subject(claim: Claim) -> bool:
    """Whether the claim's sentence names its subject by full or first name (not only "the 42-year-old",
    nor a surname the family shares): needed before an age is flagged."""
    label = claim.subject_label.casefold()
    text = claim.text.casefold()
    return bool(label) and (label in text or (" " in label and label.split()[0] in text))


# ----------------------------------------------------------------------------- amounts


def amounts(claims: list[Claim], story: Story) -> list:
    parsed = [(c, a) for c in claims if not c.hedged and (a := _amount(c, story))]
    label = f"{claims[0].subject_label} ({claims[0].qualifier})"
    for (ca, a), (cb, b) in combinations(parsed, 2):
        apart = _days_apart(ca, cb)
        if ca.doc == cb.doc or same_figure(a, b, story.tolerance) or apart is None or apart > AMOUNT_WINDOW_DAYS:
            continue
        return [
            Contradiction(
                topic=f"How much: {label}",
                kind="amount",
                subject=ca.subject,
                property="amount",
                claims=[claim_ref(ca, support=[ca]), claim_ref(cb, support=[cb])],
                explanation=(
                    f"{_who(ca)} gives {ca.value_text}, {_who(cb)} {cb.value_text}: "
                    f"they differ by more than rounding ({_figure(a)} vs {_figure(b)})."
                ),
            )
        ]
    written = {c.value_text: c for c, _ in parsed if c.value_text}
    if len(written) > 1 and len({c.doc for c in written.values()}) > 1:
        first = list(written.values())
        return [
            ConsistencyNote(
                kind="rounding",
                topic=f"How much: {label}",
                subject=first[0].subject,
                property="amount",
                claims=[claim_ref(c) for c in first],
                explanation=" , ".join(f"“{w}”" for w in written).replace(" ,", ",")
                + " are the same figure within rounding.",
            )
        ]
    return []


def _amount(claim: Claim, story: Story) -> Amount | None:
    found = find_amounts(claim.value_text or "", story.languages.get(claim.doc, "en"))
    return found[0] if found else None


def _figure(amount: Amount) -> str:
    return f"{amount.value:,.0f} {amount.unit}" if amount.value >= 100 else f"{amount.value:g} {amount.unit}"


# ----------------------------------------------------------------------------- denials


def denials(claims: list[Claim], story: Story) -> list:
    denied = [c for c in claims if c.polarity == "denied"]
    affirmed = [c for c in claims if c.polarity == "affirmed"]
    for d in denied:
        for a in affirmed:
            if a.asserted_by.label != d.asserted_by.label and (a.doc, a.start) != (d.doc, d.start):
                return [
                    Contradiction(
                        topic=f"{d.subject_label}: a claim and its denial",
                        kind="denial",
                        subject=d.subject,
                        property="statement",
                        claims=[claim_ref(a, support=affirmed), claim_ref(d, support=denied)],
                        explanation=f"{_who(d)} denies what {_who(a)} states.",
                    )
                ]
    return []


# ----------------------------------------------------------------------------- relationship states


def states(claims: list[Claim], story: Story) -> list:
    timed = sorted((c for c in claims if _when(c)), key=lambda c: _when(c) or "")
    notes = []
    for earlier, later in pairwise(timed):
        if earlier.value != later.value and _strictly_before(_when(earlier), _when(later)):
            notes.append(_state_note(earlier, later, "relationship"))
    return notes[:1]


def _strictly_before(a: str | None, b: str | None) -> bool:
    """Two times that do not overlap, the first before the second ("2023-12" is not before "2023-12-09")."""
    ra, rb = parse_range(a), parse_range(b)
    return bool(ra and rb and ra.year_known and rb.year_known and ra.end < rb.start)


def _when(claim: Claim) -> str | None:
    return claim.holds_at or claim.stated_at


def _state_note(earlier: Claim, later: Claim, prop: str) -> ConsistencyNote:
    return ConsistencyNote(
        kind="state_change",
        topic=f"{'Relationship' if prop == 'relationship' else 'Residence'}: {earlier.subject_label}",
        subject=earlier.subject,
        property=prop,
        claims=[claim_ref(earlier), claim_ref(later)],
        explanation=(
            f"{earlier.value} as of {_when(earlier)}, {later.value} as of {_when(later)}: it changed over time."
        ),
    )


__all__ = ["Story", "ages", "amounts", "denials", "event_dates", "places", "relative_times", "states"]
