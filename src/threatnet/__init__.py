"""threatnet: a sourced, time-aware knowledge graph of militant networks from security reporting."""

__version__ = "0.2.0"


def open(url: str | None = None):  # noqa: A001 - the documented entry point, threatnet.open()
    """The knowledge base at a SQLAlchemy URL (default: $THREATNET_DB or the user data dir)."""
    from threatnet.store import Store

    return Store(url)
