"""Settings of the web app, from arguments or the environment (THREATNET_*)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from threatnet.errors import ThreatnetError

DEFAULT_MAX_UPLOAD = 2 * 1024 * 1024  # a long report is ~1 MB of text


@dataclass(frozen=True)
class Settings:
    """What one running app needs: its store, the write token and the upload limit."""

    db: str | None = None  # store URL; None is the default SQLite file
    token: str | None = None  # THREATNET_TOKEN: required for writes from other hosts
    max_upload: int = DEFAULT_MAX_UPLOAD  # bytes of one report, pasted or uploaded
    pack: str | None = None  # extra actor-pack folder for ingest

    @classmethod
    def from_env(cls, db: str | None = None) -> Settings:
        raw = os.environ.get("THREATNET_MAX_UPLOAD")
        try:
            limit = int(raw) if raw else DEFAULT_MAX_UPLOAD
        except ValueError:
            raise ThreatnetError(f"THREATNET_MAX_UPLOAD={raw!r}: give a number of bytes") \
                from None
        return cls(db=db or os.environ.get("THREATNET_DB") or None,
                   token=os.environ.get("THREATNET_TOKEN") or None, max_upload=limit,
                   pack=os.environ.get("THREATNET_PACK") or None)
