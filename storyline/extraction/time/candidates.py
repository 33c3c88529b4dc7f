"""Candidate finding: every rule's matches that pass its context and case checks, and the
selection of the longest non-overlapping ones."""

from __future__ import annotations

import bisect
import re

from storyline.extraction.time.lexicon import CONTEXT_CHARS, Rule, TimeLexicon, norm_word

Candidate = tuple[int, int, int, Rule, re.Match[str]]  # (start, end, priority, rule, match)
Selected = tuple[int, int, Rule, re.Match[str]]


def find_candidates(lex: TimeLexicon, text: str) -> list[Candidate]:
    """Every match of every rule, trimmed, that its context and the case rules allow."""
    candidates: list[Candidate] = []
    for rule in lex.rules:
        for match in rule.regex.finditer(text):
            start, end = _trim(text, *match.span())
            if end > start and _case_ok(lex, match) and _context_ok(rule, text, start, end):
                candidates.append((start, end, rule.priority, rule, match))
    return candidates


def _context_ok(rule: Rule, text: str, start: int, end: int) -> bool:
    options = rule.options
    if "not_before" in options or "need_before" in options:
        before = text[max(0, start - CONTEXT_CHARS) : start]
        if "not_before" in options and options["not_before"].search(before):
            return False
        if "need_before" in options and not options["need_before"].search(before):
            return False
    # Matched on a slice: with ``match(text, pos)`` a pattern's "^" would never match (it anchors at the
    # real start of the string only).
    return not ("not_after" in options and options["not_after"].match(text[end : end + CONTEXT_CHARS]))


def _sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 3) : position].rstrip(' \u00a0"\u201e\u201c')
    return not before or before[-1] in ".!?:\n"


def _case_ok(lex: TimeLexicon, match: re.Match[str]) -> bool:
    if not lex.case_sensitive and not lex.lowercase_only:
        return True
    for group, text in match.groupdict().items():
        if not text:
            continue
        word = norm_word(text)
        if word in lex.case_sensitive and text[:1].islower():
            return False
        lowercase = lex.lowercase_only.get(group.rstrip("0123456789"), ())
        if word in lowercase and text[:1].isupper() and not _sentence_start(match.string, match.start(group)):
            return False
    return True


def select(candidates: list[Candidate]) -> list[Selected]:
    """Longest first, then rule order; keep those that overlap nothing kept."""
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Selected] = []
    for start, end, _, rule, match in candidates:
        index = bisect.bisect_left(starts, start)
        if index > 0 and ends[index - 1] > start:
            continue
        if index < len(starts) and starts[index] < end:
            continue
        starts.insert(index, start)
        ends.insert(index, end)
        kept.append((start, end, rule, match))
    kept.sort(key=lambda k: k[0])
    return kept


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end
