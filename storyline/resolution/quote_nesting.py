"""Quoted words inside a reported statement: one statement, not two.

A reporter often weaves the speaker's own words into a paraphrase: he wants her to "get better
mentally" before …; sie sprach von einer „schwierigen Zeit“, die … Extraction keeps both mentions
(the reported clause and the partial quote inside it: corpora such as PolNeAR score both), but in
the dossier they are one statement of one speaker. :func:`nest_partial_quotes` gives such a partial
quote ``within``: the id of the shortest quote of the same document and the same speaker whose span
holds it. A partial inside another speaker's quote (a reporter quoting what someone called
something) stays a statement of its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from storyline.records import Quote, Speaker


def speaker_key(speaker: Speaker) -> tuple[str, str, bool]:
    """Who a quote is by: the linked entity, else the source as written (and whether it is anonymous)."""
    if speaker.entity:
        return ("entity", speaker.entity, False)
    return ("label", speaker.label, speaker.anonymous)


def nest_partial_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes, each partial quote held by a longer quote of its speaker carrying that quote's id as ``within``."""
    holders: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.kind != "partial":
            holders[quote.doc].append(quote)
    nested = []
    for quote in quotes:
        if quote.kind != "partial":
            nested.append(quote)
            continue
        around = [
            other
            for other in holders.get(quote.doc, [])
            if other.start <= quote.start
            and quote.end <= other.end
            and speaker_key(other.speaker) == speaker_key(quote.speaker)
        ]
        holder = min(around, key=lambda q: (q.end - q.start, q.start), default=None)
        nested.append(quote.model_copy(update={"within": holder.id}) if holder is not None else quote)
    return nested
