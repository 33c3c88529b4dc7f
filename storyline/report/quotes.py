"""A plain-text listing of who said what: a dossier's quotes grouped by speaker."""

from __future__ import annotations

from collections import defaultdict

from storyline.records import Dossier, Quote

EXCERPT = 70


def format_quotes(dossier: Dossier) -> str:
    """Quotes per speaker (linked entity, else the source as written), most statements first.

    Each line gives the document, kind, cue, channel, the outlet the words were given to and
    the other documents quoting the same utterance, then the start of the quote, so a reader
    can check every attribution at a glance. A partial quote inside a reported statement of its
    speaker (``within``) is listed under that statement, not as a statement of its own.
    """
    names = {e.id: e.name for e in dossier.entities}
    ids = {quote.id for quote in dossier.quotes}
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    inside: dict[str, list[Quote]] = defaultdict(list)  # quote id -> the partial quotes within it
    renderings: dict[str, set[str]] = defaultdict(set)  # utterance id -> the documents quoting it
    for quote in dossier.quotes:
        if quote.utterance:
            renderings[quote.utterance].add(quote.doc)
    for quote in dossier.quotes:
        if quote.within in ids:
            inside[quote.within].append(quote)
        else:
            by_speaker[_speaker_heading(quote, names)].append(quote)
    lines = []
    for heading, quotes in sorted(by_speaker.items(), key=lambda item: (-len(item[1]), item[0])):
        lines.append(f"- {heading}: {len(quotes)}")
        for quote in sorted(quotes, key=lambda q: (q.doc, q.start)):
            lines.append(f"    {quote.doc} {_described(quote, names, renderings)}")
            for part in sorted(inside.get(quote.id, []), key=lambda q: q.start):
                lines.append(f"      ↳ within it {_described(part, names, renderings)}")
    return "\n".join(lines)


def _described(quote: Quote, names: dict[str, str], renderings: dict[str, set[str]]) -> str:
    """``[kind, cue …, via …, to …, same words as …, source …]: the start of the quote``."""
    details = [quote.kind, f"cue {quote.cue}" if quote.cue else "no cue"]
    details += [f"via {quote.channel}"] if quote.channel else []
    details += [f"to {quote.reported_to}"] if quote.reported_to else []
    if quote.utterance:
        details.append(f"same words as {', '.join(sorted(renderings[quote.utterance] - {quote.doc}))}")
    if quote.speaker.entity and quote.speaker.label != names.get(quote.speaker.entity):
        details.append(f"source {quote.speaker.label!r}")
    excerpt = " ".join(quote.text.split())
    excerpt = excerpt if len(excerpt) <= EXCERPT else excerpt[: EXCERPT - 1] + "…"
    return f"[{', '.join(details)}]: {excerpt}"


def _speaker_heading(quote: Quote, names: dict[str, str]) -> str:
    speaker = quote.speaker
    if speaker.entity:
        return f"{names.get(speaker.entity, speaker.entity)} [{speaker.entity}]"
    return f"{speaker.label} (anonymous)" if speaker.anonymous else f"{speaker.label} (not linked)"
