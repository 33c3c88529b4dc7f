"""A plain-text listing of where sources disagree, and of the differences checked and found consistent."""

from __future__ import annotations

from storyline.records import ClaimRef, Dossier


def format_disagreements(dossier: Dossier) -> str:
    """Contradictions with both sides (outlet, speaker, sentence), then the consistent-over-time notes."""
    lines = ["CONTRADICTIONS" + ("" if dossier.contradictions else ": none")]
    for contradiction in dossier.contradictions:
        lines.append(f"- {contradiction.topic} [{contradiction.kind}]: {contradiction.explanation}")
        lines += [_side(claim) for claim in contradiction.claims]
    lines.append("CONSISTENT OVER TIME" + ("" if dossier.consistency_notes else ": none"))
    for note in dossier.consistency_notes:
        lines.append(f"- {note.topic} [{note.kind}]: {note.explanation}")
        lines += [_side(claim) for claim in note.claims]
    return "\n".join(lines)


def _side(claim: ClaimRef) -> str:
    where = claim.outlet or "?"
    by = claim.asserted_by
    who = f"{by.label} in {where}" if by and by.kind != "narration" else f"narration of {where}"
    when = f", {claim.as_of}{' (estimated)' if claim.as_of_estimated else ''}" if claim.as_of else ""
    return f"    {claim.value} — {who}{when} ({claim.doc}:{claim.start}): {' '.join(claim.text.split())}"
