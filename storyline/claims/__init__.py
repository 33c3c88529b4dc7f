"""Claims: what articles assert, who asserts it, and where sources disagree (issue 7).

``extract_claims`` turns events, ages, amounts, denials, relationship states and residences into
:class:`~storyline.records.Claim` records; ``compare_claims`` groups claims about the same thing and
returns contradictions (values that cannot both hold) and consistency notes (differences that time
explains).
"""

from storyline.claims.compare import compare_claims, group_claims
from storyline.claims.extract import extract_claims

__all__ = ["compare_claims", "extract_claims", "group_claims"]
