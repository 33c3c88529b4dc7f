"""storyline: from a pile of news articles to one sourced story dossier.

The public API is what this module exports; everything else may change.

>>> import storyline
>>> dossier = storyline.build(["examples/story"], out="out")  # doctest: +SKIP
>>> dossier.documents[0].language  # doctest: +SKIP
'en'
"""

from storyline.pipeline import BuildReport, build, run_build
from storyline.records import (
    SCHEMA_VERSION,
    Contradiction,
    Document,
    Dossier,
    Entity,
    Event,
    Quote,
    Relation,
)
from storyline.report.json import load_dossier, validate_dossier

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "BuildReport",
    "Contradiction",
    "Document",
    "Dossier",
    "Entity",
    "Event",
    "Quote",
    "Relation",
    "__version__",
    "build",
    "load_dossier",
    "run_build",
    "validate_dossier",
]
