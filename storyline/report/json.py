"""dossier.json: the public contract, written atomically and validated against its schema."""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from storyline.records import Dossier

SCHEMA_RESOURCE = ("storyline.schema", "dossier.schema.json")


class DossierSchemaError(ValueError):
    """A dossier that does not match ``dossier.schema.json`` (a storyline bug)."""


@cache
def dossier_schema() -> dict[str, Any]:
    package, name = SCHEMA_RESOURCE
    return json.loads(resources.files(package).joinpath(name).read_text(encoding="utf-8"))


def validate_dossier(data: dict[str, Any]) -> None:
    """Raise :class:`DossierSchemaError` naming the first offending path."""
    validator = Draft202012Validator(dossier_schema())
    error: ValidationError | None = next(iter(validator.iter_errors(data)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise DossierSchemaError(f"dossier.json invalid at {where}: {error.message}")


def dossier_to_json(dossier: Dossier) -> dict[str, Any]:
    return dossier.model_dump(mode="json")


def write_dossier_json(dossier: Dossier, path: str | Path) -> Path:
    """Validate, then write via a temporary file and rename: never half-written."""
    data = dossier_to_json(dossier)
    validate_dossier(data)
    return write_atomic(Path(path), json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def load_dossier(path: str | Path) -> Dossier:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    validate_dossier(data)
    return Dossier.model_validate(data)


def write_atomic(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
