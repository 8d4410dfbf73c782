"""Read threatnet's bundled data files (lexicons, cues, frames) as validated mappings."""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from threatnet.errors import InvalidData


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false are booleans. Under PyYAML's YAML 1.1 rules the
    words "no", "on", "yes" and "off" in a word list load as booleans ("no" in a list of
    negation words became `False`)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def _parse(text: str) -> Any:
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


@cache
def load_data(name: str) -> dict[str, Any]:
    """The YAML file `threatnet/data/<name>`, which must be a mapping with a `version`."""
    path = files("threatnet.data") / name
    try:
        data = _parse(path.read_text(encoding="utf-8"))
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
        data = _parse(Path(path).read_text(encoding="utf-8")) or {}
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
