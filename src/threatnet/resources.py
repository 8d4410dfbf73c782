"""Read threatnet's bundled data files (lexicons, cues, frames) as validated mappings."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
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


def word_set(name: str, key: str) -> frozenset[str]:
    """A list of words of a data file as a set."""
    values = load_data(name).get(key)
    if not isinstance(values, list):
        raise InvalidData(name, f"'{key}' must be a list of words")
    return frozenset(str(v).casefold() for v in values)
