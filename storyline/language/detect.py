"""Language identification per document with py3langid.

The classifier is restricted to languages plausible in news collections: those
storyline has a profile for plus common European news languages. Restricting the
label set removes absurd guesses (Latin, Malagasy) on short or noisy text. A
document in a language without a profile still gets its code; later stages run
their language-independent fallbacks on it and flag it as lower confidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

from storyline.language.registry import default_registry

# Common news languages beyond the registered profiles.
EXTRA_PLAUSIBLE = ("fr", "es", "it", "nl", "pt", "pl", "sv", "da", "no", "fi", "cs", "ru", "tr")
UNDETERMINED = "und"
# Below this many letters a guess is not worth making.
MIN_LETTERS = 20


@dataclass(frozen=True)
class LanguageGuess:
    code: str
    confidence: float


@cache
def _identifier(languages: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


def plausible_languages() -> tuple[str, ...]:
    return tuple(sorted(set(default_registry().codes) | set(EXTRA_PLAUSIBLE)))


def detect_language(text: str) -> LanguageGuess:
    """Best language for ``text`` with a normalised probability in [0, 1]."""
    if sum(ch.isalpha() for ch in text[:5000]) < MIN_LETTERS:
        return LanguageGuess(UNDETERMINED, 0.0)
    # The first ~20k characters decide; more only costs time.
    code, probability = _identifier(plausible_languages()).classify(text[:20000])
    return LanguageGuess(code, round(float(probability), 4))
