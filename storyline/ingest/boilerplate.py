"""Line-level boilerplate removal for scraped article text.

Scrapers leave page furniture between the paragraphs: advertisement markers,
share bars, newsletter prompts, image alt texts, credits and captions, teasers,
cookie and ad-choice text, copyright footers. Each line is judged on general
features, never on known sentences:

* patterns from every registered language profile plus the common data file
  (a German page carries English furniture and vice versa, so all are applied);
* shape: short all-lowercase lines without punctuation (image alt texts),
  short all-caps lines (section labels), menu-like lines of separated tokens;
* credits: a line that starts with an agency or platform name and is not a
  sentence is an image caption;
* context: the single sentence right after an image credit is its caption, and
  the short link lines after a "More on:" heading are tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from storyline.language.registry import LanguageRegistry, default_registry

SENTENCE_END = re.compile(r"[.!?…:;\"”“»«')\]]\s*$")
QUOTE_MARKS = re.compile(r"[\"“”„»«‚‘’']")
MENU_SEPARATORS = re.compile(r"\s[|•·»›]\s")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
# "More on:", "Mehr zu:" — a heading whose following short lines are tag links.
TAG_HEADING = re.compile(r"^\s*(more on|more about|tags?|themen|mehr zu(m thema)?|schlagworte)\s*:\s*$", re.I)
TRAILING_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])")
CREDIT_LINE = re.compile(r"^\s*(source|photo|image|credit|foto|bild|quelle)s?\s*:", re.I)

MAX_ALT_TEXT_WORDS = 6
MAX_LABEL_WORDS = 4
MAX_CAPTION_WORDS = 30


@dataclass(frozen=True)
class LineJudgement:
    """Why a line was removed (``reason`` is ``None`` for a kept line)."""

    line: str
    reason: str | None

    @property
    def keep(self) -> bool:
        return self.reason is None


class BoilerplateFilter:
    """Judges lines of one article; built once from the language registry."""

    def __init__(self, registry: LanguageRegistry) -> None:
        patterns = [re.compile(p, re.I) for p in registry.common.get("boilerplate", {}).get("line_patterns", [])]
        for profile in registry.profiles():
            patterns.extend(profile.patterns("boilerplate", "line_patterns"))
        self._patterns = patterns
        self._trailing = [
            pattern
            for profile in registry.profiles()
            for pattern in profile.patterns("boilerplate", "trailing_sentence_patterns")
        ]
        agencies = sorted(registry.common.get("credits", {}).get("agencies", []), key=len, reverse=True)
        self._agency_prefix = re.compile(r"^\s*(?:" + "|".join(re.escape(a) for a in agencies) + r")(?:\s*/\s*|\s+|$)")

    def judge_line(self, line: str, *, shapes: bool = True) -> str | None:
        """The reason ``line`` is furniture on its own merits, or ``None``.

        ``shapes=False`` applies the patterns only: for text that an HTML extractor
        already took from the article's structure, short lines are subheads, list
        items and table rows rather than stray alt texts and labels.
        """
        text = line.strip()
        if not text:
            return None
        for pattern in self._patterns:
            if pattern.search(text):
                return "pattern"
        if not shapes:
            return None
        words = WORD.findall(text)
        ends_like_sentence = bool(SENTENCE_END.search(text))
        if not words:
            return "no-words"
        if not ends_like_sentence:
            if len(words) <= MAX_ALT_TEXT_WORDS and text == text.lower() and not any(c.isdigit() for c in text):
                return "alt-text"
            if len(words) <= MAX_LABEL_WORDS and text == text.upper() and any(c.isalpha() for c in text):
                return "label"
            if self._agency_prefix.match(text):
                return "caption"
        if len(MENU_SEPARATORS.findall(text)) >= 2 and len(words) <= 3 * (len(MENU_SEPARATORS.findall(text)) + 1):
            return "menu"
        return None

    def trim_trailing_prompts(self, paragraph: str) -> str:
        """Drop reader-engagement sentences ("Let us know in the comments") from a paragraph's end."""
        sentences = TRAILING_SPLIT.split(paragraph)
        while len(sentences) > 1 and any(p.search(sentences[-1].strip()) for p in self._trailing):
            sentences.pop()
        return " ".join(sentences)

    def judge(self, lines: list[str], *, shapes: bool = True) -> list[LineJudgement]:
        """Judge every line of an article, using the neighbours for context (see :meth:`judge_line`)."""
        reasons = [self.judge_line(line, shapes=shapes) for line in lines]
        if not shapes:
            return [LineJudgement(line, reason) for line, reason in zip(lines, reasons, strict=True)]
        after_credit = False
        after_tag_heading = False
        for index, line in enumerate(lines):
            text = line.strip()
            if not text:
                continue
            if reasons[index] is None:
                if after_credit and _looks_like_caption(text):
                    reasons[index] = "caption"
                elif after_tag_heading and len(WORD.findall(text)) <= MAX_LABEL_WORDS and not SENTENCE_END.search(text):
                    reasons[index] = "tag"
                    continue
            if TAG_HEADING.match(text):
                reasons[index] = "tag"
                after_tag_heading = True
                continue
            after_tag_heading = False
            after_credit = reasons[index] is not None and bool(CREDIT_LINE.match(text))
        return [LineJudgement(line, reason) for line, reason in zip(lines, reasons, strict=True)]


def _looks_like_caption(text: str) -> bool:
    """One short descriptive sentence without quotes: what sits under a photo."""
    if QUOTE_MARKS.search(text.replace("'s ", " ").replace("s' ", " ").replace("’s ", " ")):
        return False
    if len(WORD.findall(text)) > MAX_CAPTION_WORDS:
        return False
    # A single sentence: no sentence boundary inside.
    return re.search(r"[.!?]\s+[A-ZÄÖÜ]", text.rstrip(".!? ")) is None


@cache
def default_filter() -> BoilerplateFilter:
    return BoilerplateFilter(default_registry())
