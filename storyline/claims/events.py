"""Claims from events: the date and the place each mention gives an event ("moved to London in July")."""

from __future__ import annotations

from storyline.claims.context import ClaimContext
from storyline.records import Claim, Event, EventMention

NOT_DATES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


def event_claims(events: list[Event], context: ClaimContext) -> list[Claim]:
    claims: list[Claim] = []
    for event in events:
        for mention in event.mentions:
            if mention.doc not in context.documents:
                continue
            participants = mention.participants or event.participants  # who this article says took part
            common = dict(
                subject=event.id,
                subject_label=event.summary,
                doc=mention.doc,
                start=mention.start,
                end=mention.end,
                qualifier=mention.type or event.type,
                planned=mention.planned,
                participants=participants,
            )
            if mention.date and mention.date not in NOT_DATES:
                claims.append(
                    context.claim(
                        property="event_date",
                        value=mention.date,
                        value_text=mention.date_text,
                        place=mention.place or event.place,
                        at=_offset_of(mention, mention.date_text),
                        **common,
                    )
                )
            if mention.place:
                claims.append(
                    context.claim(
                        property="event_place",
                        value=mention.place,
                        value_text=mention.place,
                        holds_at=mention.date,
                        at=_offset_of(mention, mention.place),
                        **common,
                    )
                )
    return claims


def _offset_of(mention: EventMention, words: str | None) -> int:
    """Where ``words`` stand in the mention's sentence (its trigger, else its start): who speaks there."""
    for needle in (words, mention.trigger):
        if needle:
            found = mention.text.find(needle)
            if found >= 0:
                return mention.start + found
    return mention.start
