"""threatnet: a sourced, time-aware knowledge graph of militant networks from security reporting."""

__version__ = "0.1.0"
