"""Temporal tagging: find time expressions in English and German text and normalise them to
TIMEX3 values that keep their precision ("in May" -> ``2023-05``, "last year" -> ``2022``).

Rules and words live in ``storyline/language/data/<code>/time.toml``; adding a language means
adding that file. ``tag_times`` returns :class:`storyline.records.TimeExpression` records.
"""

from __future__ import annotations

from storyline.extraction.time.tagger import Timex, tag
from storyline.records import TimeExpression

__all__ = ["Timex", "tag", "tag_times"]


def tag_times(
    text: str,
    language: str,
    anchor: str | None,
    doc: str = "",
    anchor_estimated: bool = False,
    *,
    narrative: bool = False,
) -> list[TimeExpression]:
    """Time expressions in ``text`` (character offsets into it), resolved against ``anchor``.

    ``anchor`` is the document date (``YYYY-MM-DD``, a longer ISO timestamp is cut) or None, in
    which case relative expressions keep unknown digits (``XXXX-05``). ``narrative=True`` resolves
    "the next day" or "on 5 May" against the last date the text mentioned (histories,
    encyclopaedic text) instead of the anchor. Languages without time data give ``[]``.
    """
    try:
        found = tag(text, language, anchor, narrative=narrative)
    except KeyError:
        return []
    return [
        TimeExpression(
            doc=doc,
            start=t.start,
            end=t.end,
            text=t.text,
            type=t.type,
            value=t.value,
            anchor=anchor,
            anchor_estimated=anchor_estimated,
        )
        for t in found
    ]
