"""Fixtures of the export tests: the analysis tests' dev-corpus store, and its export.

The store is the one `tests/analyse/graphstore.py` builds (the project's dev
corpus plus reports written for the tests), built once per session whichever tests ask
for it first. Exports only read it; imports go to fresh stores of their own.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyse"))
from graphstore import dev_store_url  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
GALAXY = DATA / "misp-galaxy"  # excerpts of the MISP galaxy, CC0 (its README and LICENSE)


@pytest.fixture(scope="session")
def dev_url(tmp_path_factory, extractor) -> str:
    return dev_store_url(tmp_path_factory, extractor)


@pytest.fixture(scope="session")
def export_data(dev_url):
    from threatnet.export.common import collect
    from threatnet.store import Store

    with Store(dev_url) as store, store.session() as s:
        return collect(s)


@pytest.fixture(scope="session")
def bundle_text(export_data) -> str:
    from threatnet.export.stix import bundle_json

    return bundle_json(export_data)


@pytest.fixture(scope="session")
def bundle(bundle_text) -> dict:
    return json.loads(bundle_text)


@pytest.fixture
def galaxy_dir() -> Path:
    return GALAXY
