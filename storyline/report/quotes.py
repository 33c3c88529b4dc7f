"""A plain-text listing of who said what: a dossier's quotes grouped by speaker."""

from __future__ import annotations

from collections import defaultdict

from storyline.records import Dossier, Quote

EXCERPT = 70


def format_quotes(dossier: Dossier) -> str:
    """Quotes per speaker (linked entity, else the source as written), most quoted first.

    Each line gives the document, kind, cue, channel, the outlet the words were given to and
    the other documents quoting the same utterance, then the start of the quote, so a reader
    can check every attribution at a glance.
    """
    names = {e.id: e.name for e in dossier.entities}
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    renderings: dict[str, set[str]] = defaultdict(set)  # utterance id -> the documents quoting it
    for quote in dossier.quotes:
        if quote.utterance:
            renderings[quote.utterance].add(quote.doc)
    for quote in dossier.quotes:
        by_speaker[_speaker_heading(quote, names)].append(quote)
    lines = []
    for heading, quotes in sorted(by_speaker.items(), key=lambda item: (-len(item[1]), item[0])):
        lines.append(f"- {heading}: {len(quotes)}")
        for quote in sorted(quotes, key=lambda q: (q.doc, q.start)):
            details = [quote.kind, f"cue {quote.cue}" if quote.cue else "no cue"]
            details += [f"via {quote.channel}"] if quote.channel else []
            details += [f"to {quote.reported_to}"] if quote.reported_to else []
            if quote.utterance:
                details.append(f"same words as {', '.join(sorted(renderings[quote.utterance] - {quote.doc}))}")
            if quote.speaker.entity and quote.speaker.label != names.get(quote.speaker.entity):
                details.append(f"source {quote.speaker.label!r}")
            excerpt = " ".join(quote.text.split())
            excerpt = excerpt if len(excerpt) <= EXCERPT else excerpt[: EXCERPT - 1] + "…"
            lines.append(f"    {quote.doc} [{', '.join(details)}]: {excerpt}")
    return "\n".join(lines)


def _speaker_heading(quote: Quote, names: dict[str, str]) -> str:
    speaker = quote.speaker
    if speaker.entity:
        return f"{names.get(speaker.entity, speaker.entity)} [{speaker.entity}]"
    return f"{speaker.label} (anonymous)" if speaker.anonymous else f"{speaker.label} (not linked)"
