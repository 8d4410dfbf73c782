"""Export: the extraction record's JSON Schema now; STIX, GraphML and CSV later."""
