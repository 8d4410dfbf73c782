"""Store: the knowledge base in SQLite (embedded default) or PostgreSQL, by SQLAlchemy URL."""

from threatnet.store.engine import default_url
from threatnet.store.store import Store

__all__ = ["Store", "default_url"]
