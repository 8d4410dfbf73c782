"""Dependencies of the routes: the store, the actor pack and the extractor, one per app.

The store is opened (and migrated) when the app is created; the actor pack and
the extractor (spaCy takes seconds to load) on first use. Reports are extracted
by the job threads of `reports.Jobs` side by side; `lock` is the write lock,
held while one of them is saved.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from threatnet.serve.config import Settings
from threatnet.store import Store


class Resources:
    """What the routes share: settings, store, and the lazily loaded pack and extractor."""

    def __init__(self, settings: Settings, store: Store, extractor: Any = None) -> None:
        self.settings = settings
        self.store = store
        self._extractor = extractor
        self._pack = extractor.pack if extractor is not None else None
        self.lock = threading.RLock()  # writes of reports: one save at a time
        self._loading = threading.Lock()
        self._jobs = None

    @property
    def pack(self):
        if self._pack is None:
            from threatnet.resolve.pack import load_actor_pack

            with self._loading:
                self._pack = self._pack or load_actor_pack(self.settings.pack)
        return self._pack

    def extractor(self):
        """The extractor, shared by the job threads (it keeps no state between reports)."""
        if self._extractor is None:
            pack = self.pack
            with self._loading:
                if self._extractor is None:
                    from threatnet.extract.pipeline import Extractor

                    self._extractor = Extractor(pack=pack)
        return self._extractor

    def close(self) -> None:
        """Stop the report jobs (when the server stops)."""
        if self._jobs is not None:
            self._jobs.close()

    @property
    def jobs(self):
        """The report jobs (`reports.Jobs`), started on first use."""
        if self._jobs is None:
            from threatnet.serve.reports import Jobs

            with self._loading:
                self._jobs = self._jobs or Jobs(self)
        return self._jobs


def get_resources(request: Request) -> Resources:
    return request.app.state.resources


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.resources.store.session() as session:
        yield session


ResourcesDep = Annotated[Resources, Depends(get_resources)]
SessionDep = Annotated[Session, Depends(get_session)]
