"""The source-name table as the analysis reads it: `threatnet.source_names`, which the
store reads too (it lives below both, so the store never imports the analysis)."""

from threatnet.source_names import ENV, SourceNames, name_key, said_key, source_names

__all__ = ["ENV", "SourceNames", "name_key", "said_key", "source_names"]
