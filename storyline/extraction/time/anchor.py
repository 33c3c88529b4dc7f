"""The date a document's relative expressions are resolved against, estimated when the article has none.

An undated article still says when it was written: the latest absolute, fully
or month-precise date it mentions ("in October 2023", "am 2. Dezember 2023") is
a lower bound that is usually close. The estimate is recorded with its basis,
and every expression resolved against it is marked ``anchor_estimated``.
"""

from __future__ import annotations

import re

from storyline.extraction.time import tag_times
from storyline.records import Document, PublishedEstimate, TimeExpression

ABSOLUTE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def estimate_published(document: Document) -> PublishedEstimate | None:
    """An estimate from the latest absolute date the text mentions (month precision at least)."""
    unanchored = tag_times(document.text, document.language, None, document.id)
    dates = [t for t in unanchored if t.type == "DATE" and (m := ABSOLUTE.match(t.value)) and m.group(2)]
    if not dates:
        return None
    latest = max(dates, key=lambda t: t.value)
    return PublishedEstimate(
        value=latest.value,
        basis=f"latest absolute date in the text: “{latest.text}” (the article is from then or later)",
    )


def document_times(document: Document) -> tuple[list[TimeExpression], PublishedEstimate | None]:
    """The document's time expressions, resolved against its date or an estimate of it."""
    if document.published:
        return tag_times(document.text, document.language, document.published[:10], document.id), None
    estimate = document.published_estimate or estimate_published(document)
    if estimate is None:
        return tag_times(document.text, document.language, None, document.id), None
    anchor = estimate.value if len(estimate.value) == 10 else None
    if anchor is None:
        # A month-precise estimate: resolve against its last day (the article is from then or later).
        year, month = (int(p) for p in estimate.value.split("-")[:2])
        anchor = f"{year:04d}-{month:02d}-28"
    return tag_times(document.text, document.language, anchor, document.id, anchor_estimated=True), estimate
