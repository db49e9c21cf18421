"""Word lists, weights and cut-offs shipped as YAML under ``redline/data/``, checked against a schema at load.

Why: vocabulary and thresholds are what a reader tunes most, so they live in data files that say what each list
is for, not as literals in the rules. A typo in a shipped file must fail loudly and name the file and key, not
silently empty a list, so every file is read against a schema: each key declares its kind, unknown keys and
missing keys are errors.

Kinds:

- ``words``: a list of strings, or one string of whitespace-separated words (long lists stay readable);
  becomes a ``frozenset[str]``;
- ``list``: the same, order kept (``tuple[str, ...]``);
- ``number``: an int or float;
- ``groups``: a mapping of name to ``words`` (``dict[str, frozenset[str]]``);
- ``table``: a mapping of string to string (``dict[str, str]``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from redline.errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent / "data"
KINDS = frozenset({"words", "list", "number", "groups", "table"})


def load(relative: str, schema: dict[str, str]) -> dict[str, Any]:
    """The values of ``data/<relative>``, each converted to its kind in ``schema`` (read once per process)."""
    return dict(_load(relative, tuple(sorted(schema.items()))))


@cache
def _load(relative: str, schema: tuple[tuple[str, str], ...]) -> tuple[tuple[str, Any], ...]:
    path = DATA_DIR / relative
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise DataFileError(f"cannot read {path}: {exc}", input_id=relative) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(f"not valid YAML: {exc}", input_id=relative) from exc
    if not isinstance(data, dict):
        raise DataFileError("the top level must be a mapping", input_id=relative)
    kinds = dict(schema)
    unknown = sorted(set(data) - set(kinds))
    missing = sorted(set(kinds) - set(data))
    if unknown or missing:
        raise DataFileError(f"unknown keys {unknown}, missing keys {missing}", input_id=relative)
    return tuple((key, _convert(data[key], kind, f"{relative}: {key}")) for key, kind in schema)


def _convert(value: Any, kind: str, where: str) -> Any:
    if kind == "words":
        if isinstance(value, str):
            return frozenset(value.split())
        return frozenset(_strings(value, where))
    if kind == "list":
        return tuple(value.split()) if isinstance(value, str) else tuple(_strings(value, where))
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataFileError(f"{where}: expected a number, not {value!r}")
        return value
    if kind == "groups":
        if not isinstance(value, dict):
            raise DataFileError(f"{where}: expected a mapping of name to words")
        return {str(name): _convert(words or [], "words", f"{where}.{name}") for name, words in value.items()}
    if kind == "table":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise DataFileError(f"{where}: expected a mapping of string to string")
        return {str(k): v for k, v in value.items()}
    raise DataFileError(f"{where}: unknown kind {kind!r} in the schema (one of {sorted(KINDS)})")


def _strings(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise DataFileError(f"{where}: expected a list of non-empty strings")
    return list(value)
