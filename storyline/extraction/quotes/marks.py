"""Quoted spans in text, in every typographic style a news feed contains.

One linear pass per paragraph with a small stack of open marks:

* doubles: “…” (English), „…“ and „…” (German), »…« (German), «…» (French,
  Swiss), "…" (straight); singles: ‘…’, ‚…‘, '…' (straight), which are only
  taken where they cannot be apostrophes;
* a quote still open at a paragraph's end continues when the next paragraph
  opens again (the convention for multi-paragraph quotes) or when the next
  paragraph closes a quote it never opened (a scraper lost the opening mark);
* a closing mark with no opener before it in the paragraph starts the quote
  at the paragraph's start (the lost-opening-mark case);
* an opener that cannot nest in the open one (" inside ", „ inside " or “)
  means the earlier one lost its closing mark: the earlier opener is dropped;
* quotes closed inside an opener that is dropped in the end (it never closed)
  stand on their own, so one stray mark in a long paragraph does not swallow
  every later quote;
* a mark still open with no continuation is kept only when the rest of the
  paragraph is short (or, after a colon that announces it, not very long);
  otherwise it was a stray mark, and it is dropped — so a
  100,000-character paragraph with one stray mark costs one pass and yields
  no absurd quote.

Typewriter feeds (the New York Times archive among them) write the double
quotation mark as two straight apostrophes: ''We're in a bubble,'' he said.
:func:`typewriter_double_quotes` turns each such pair into a straight " and a
space, in a copy of the text of the same length, before anything else reads it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Opening mark -> closing marks it accepts.
DOUBLE_PAIRS = {"“": '”"', "„": '“”"', "»": "«", "«": "»", '"': '"”'}  # scrapes mix “…" and "…”
SINGLE_PAIRS = {"‘": "’", "‚": "‘’", "'": "'"}
ALL_MARKS = set(DOUBLE_PAIRS) | set("”") | set(SINGLE_PAIRS) | set("’")
# Openers that never nest inside the listed ones: a straight " inside a straight ", a German „ inside
# "…" or “…” (the scrape mixed styles). Such an opener means the earlier one lost its closing mark.
# (English scrapes do nest “…” inside "…" and even inside “…"; old German nests „…“ in „…“.)
SAME_FAMILY = {'"': '"', "„": '"“'}
MAX_UNCLOSED_CHARS = 600
MAX_INTRODUCED_UNCLOSED_CHARS = 4000  # after "… sagte:" a quote announced by a colon may run on


TYPEWRITER_DOUBLE = re.compile(r"(?<!')'{2,3}(?!')")


def typewriter_double_quotes(text: str) -> str:
    """``text`` with every '' used as a double quotation mark replaced by " and a space (same length).

    The pair opens where a space (or the text's start) comes before it, and closes elsewhere; the " goes
    on the quote's side (` "We` / `it," `) so the neighbours the scanner reads are those of a real mark.
    A third apostrophe is a single quote nested inside: three opening = '' then ', three closing = ' then ''.
    Offsets are kept, so spans found in the copy index the original text.
    """
    if "''" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        start = match.start()
        opening = start == 0 or text[start - 1].isspace() or text[start - 1] in "([{—–-"
        if len(match.group()) == 2:
            return ' "' if opening else '" '
        return " \"'" if opening else "'\" "

    return TYPEWRITER_DOUBLE.sub(replace, text)


@dataclass(frozen=True)
class QuotedSpan:
    """Content span (without the marks) and how it was delimited."""

    start: int
    end: int
    open_mark: str | None  # None: the opening mark was lost (continuation or orphan closer)
    close_mark: str | None  # None: ran to the paragraph's end
    single: bool = False
    continues: bool = False  # the quote goes on in the next paragraph
    continued: bool = False  # this segment continues a quote from the previous paragraph


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content without the spaces just inside the marks (« French style »)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-empty line or paragraph."""
    start = 0
    length = len(text)
    while start < length:
        end = text.find("\n", start)
        if end == -1:
            end = length
        if text[start:end].strip():
            yield start, end
        start = end + 1


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _role(text: str, i: int, ch: str, stack: list[tuple[str, int]]) -> str | None:
    """'open', 'close' or None for the mark ``ch`` at ``i``, from its neighbours and the stack."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    open_marks = [mark for mark, _ in stack]
    if ch in "'’":
        if _is_word(before) and _is_word(after):
            return None  # an apostrophe: don't, Britney’s
        if ch == "’" and not any(m in ("‘", "‚") for m in open_marks):
            return None  # boys’ (plural possessive) with no open single quote
    if ch == "'" and "'" in open_marks:
        return "close" if not before.isspace() else None
    if ch == '"':
        if ('"' in open_marks or "„" in open_marks or "“" in open_marks) and not before.isspace():
            return "close"
        return "open" if not after.isspace() else ("close" if '"' in open_marks else None)
    if ch == "'":
        if (before.isspace() or before in '([{“„»«"—–-') and not after.isspace():
            return "open"
        return None
    if ch == "“":
        if "„" in open_marks:
            return "close"
        # German closer whose „ was lost ("… 1848.“ Diese …"): glued to the word before, space after.
        if not stack and not before.isspace() and before not in "([{—–-" and (after.isspace() or after in ",.;:!?)"):
            return "close"
        return "open"
    if ch == "‘":
        return "close" if "‚" in open_marks else ("open" if not after.isspace() else None)
    if ch == "«":
        return "close" if "»" in open_marks else "open"
    if ch == "»":
        return "close" if "«" in open_marks else "open"
    if ch in "„‚":
        return "open"
    return "close"  # ” ’


def _closes(opener: str, closer: str) -> bool:
    pairs = DOUBLE_PAIRS if opener in DOUBLE_PAIRS else SINGLE_PAIRS
    return closer in pairs.get(opener, "")


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Top-level quoted spans of ``text`` in order; nested quotes stay inside their parent."""
    spans: list[QuotedSpan] = []
    carried_open = False  # a double quote was open at the previous paragraph's end
    for p_start, p_end in paragraphs(text):
        stack: list[tuple[str, int]] = []
        children: dict[int, list[QuotedSpan]] = {}  # quotes closed inside an open one, by its content start
        lead = p_start
        while lead < p_end and text[lead].isspace():
            lead += 1
        continued_here = False
        first_mark_is_open = lead < p_end and text[lead] in DOUBLE_PAIRS
        if carried_open and not first_mark_is_open:
            # Lost opening mark: the quote from the previous paragraph goes on from here.
            stack.append(("", lead))
            continued_here = True
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in ALL_MARKS:
                continue
            role = _role(text, i, ch, stack)
            if role == "open":
                stray = next((k for k, (m, _) in enumerate(stack) if m and m in SAME_FAMILY.get(ch, "")), None)
                if stray is not None:
                    # A lost closing mark: the earlier opener starts nothing; what closed inside it stands alone.
                    _release(stack[stray:], children, spans, stack[stray - 1][1] if stray else None)
                    del stack[stray:]
                if ch in SINGLE_PAIRS and any(m in DOUBLE_PAIRS for m, _ in stack):
                    stack.append((ch, i + 1))  # nested single: tracked, never reported
                    continue
                stack.append((ch, i + 1))
                continue
            if role != "close":
                continue
            match = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] and _closes(stack[k][0], ch)), None)
            single = ch in "’'‘"
            if match is None:
                lost = next((k for k in range(len(stack)) if stack[k][0] == ""), None)
                if lost is not None and not single:
                    match = lost
                elif not stack and not single and i - lead <= MAX_INTRODUCED_UNCLOSED_CHARS:
                    # An orphan closer: the opening mark was lost; the quote ran from the paragraph's start.
                    spans.append(QuotedSpan(lead, i, None, ch))
                    continue
                else:
                    continue
            opener, content_start = stack[match]
            for _, inner_start in stack[match:]:
                children.pop(inner_start, None)  # closed with its parent: stays inside it
            del stack[match:]
            if not single and all(m in SINGLE_PAIRS for m, _ in stack):
                _release(stack, children, spans, None)
                stack.clear()  # a double quote never nests inside a single one: those were apostrophes ('s)
            found = QuotedSpan(
                content_start,
                i,
                opener or None,
                ch,
                single=opener in SINGLE_PAIRS,
                continued=continued_here and not opener,
            )
            if stack:
                # A nested quote closed inside its parent: kept aside in case the parent never closes.
                children.setdefault(stack[-1][1], []).append(found)
                continue
            spans.append(found)
        carried_open = False
        outer = next(((m, s) for m, s in stack if m in DOUBLE_PAIRS or m == ""), None)
        if outer is not None:
            opener, content_start = outer
            next_start = _next_paragraph_start(text, p_end)
            continues = next_start is not None and (
                (text[next_start] == (opener or text[next_start]) and text[next_start] in DOUBLE_PAIRS)
                or _has_orphan_closer(text, next_start)
            )
            end = p_end
            while end > content_start and text[end - 1].isspace():
                end -= 1
            introduced = text[max(p_start, content_start - 4) : max(p_start, content_start - 1)].rstrip().endswith(":")
            limit = MAX_INTRODUCED_UNCLOSED_CHARS if introduced else MAX_UNCLOSED_CHARS
            if not (continues or end - content_start <= limit):
                _release(stack, children, spans, None)  # a stray opener: the quotes inside it stand alone
            if continues or end - content_start <= limit:
                spans.append(
                    QuotedSpan(content_start, end, opener or None, None, continues=continues, continued=not opener)
                )
            carried_open = continues
    spans.sort(key=lambda span: (span.start, span.end))
    return [
        QuotedSpan(*_trim(text, span.start, span.end), *_rest(span)) if span.end > span.start else span
        for span in spans
    ]


def _release(
    dropped: list[tuple[str, int]],
    children: dict[int, list[QuotedSpan]],
    spans: list[QuotedSpan],
    parent: int | None,
) -> None:
    """Quotes closed inside dropped openers go to the opener below them, or stand alone at the top."""
    for _, start in dropped:
        released = children.pop(start, [])
        if parent is None:
            spans.extend(released)
        else:
            children.setdefault(parent, []).extend(released)


def _rest(span: QuotedSpan) -> tuple[str | None, str | None, bool, bool, bool]:
    return span.open_mark, span.close_mark, span.single, span.continues, span.continued


def _next_paragraph_start(text: str, position: int) -> int | None:
    length = len(text)
    while position < length and text[position].isspace():
        position += 1
    return position if position < length else None


def _has_orphan_closer(text: str, start: int) -> bool:
    """Does the paragraph at ``start`` close a double quote before it opens one?"""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    for i in range(start, end):
        ch = text[i]
        if ch not in '“”„«»"':
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        return ch == "”" or (ch == '"' and not before.isspace() and (after.isspace() or after in ",.;:!?"))
    return False
