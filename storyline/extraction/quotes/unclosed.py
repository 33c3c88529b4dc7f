"""Bound a quote whose closing mark never comes.

:func:`~storyline.extraction.quotes.marks.find_quoted_spans` keeps an opening mark that never closes
when the rest of its paragraph is short (or, after a colon, not very long). In a long paragraph (a scraped
page without line breaks, an old newspaper column) that runs the quote over every later sentence. A
sentence end followed by a dash (``… geschlossen. — Der Rat …``) starts a new item or the writer's own
comment: the quote ends there.

Tried on the REDEWIEDERGABE tune part and left out (each lost more quoted words than it saved): cutting
before a new opening mark of the same kind after a sentence end (old German nests „…“ in „…“, and verse
quoted line by line opens every stanza again), and cutting before one, two or three sentences in a row
with nothing of speech in them (no first or second person, no Konjunktiv I, no ``!``): long speeches
argue in the third person for sentences.

Only German-style openers (``„``, ``»``) are bounded: other styles have not been measured.
"""

from __future__ import annotations

import re
from dataclasses import replace

from storyline.extraction.quotes.marks import QuotedSpan

BOUNDED_OPENERS = frozenset("„»")
DASH_AFTER_END = re.compile(r"[.!?]\s+[—–]\s")


def bound_unclosed(text: str, span: QuotedSpan) -> QuotedSpan:
    """``span`` cut at the first sentence end followed by a dash, when its closing mark never came."""
    if span.close_mark is not None or span.continues or span.open_mark not in BOUNDED_OPENERS:
        return span
    dash = DASH_AFTER_END.search(text, span.start, span.end)
    if dash is None:
        return span
    end = dash.start() + 1
    return replace(span, end=end)
