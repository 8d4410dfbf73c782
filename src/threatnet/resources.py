"""Read threatnet's bundled data files (lexicons, cues, frames) as validated mappings."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from threatnet.errors import InvalidData


@cache
def load_data(name: str) -> dict[str, Any]:
    """The YAML file `threatnet/data/<name>`, which must be a mapping with a `version`."""
    path = files("threatnet.data") / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidData(str(path), "data file is missing from the installation") from None
    except yaml.YAMLError as exc:
        raise InvalidData(str(path), f"is not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict) or "version" not in data:
        raise InvalidData(str(path), "must be a mapping with a 'version'")
    return data


def load_user_yaml(path: str, what: str) -> dict[str, Any]:
    """A user's YAML file (a source table, source names) as a mapping; one-line errors
    naming the file and `what` it should hold."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except OSError as exc:
        raise InvalidData(path, f"cannot read the {what} ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        raise InvalidData(path, f"is not valid YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise InvalidData(path, f"must be a mapping: the {what}")
    return data


def word_set(name: str, key: str) -> frozenset[str]:
    """A list of words of a data file as a set."""
    values = load_data(name).get(key)
    if not isinstance(values, list):
        raise InvalidData(name, f"'{key}' must be a list of words")
    return frozenset(str(v).casefold() for v in values)
