"""spaCy components of the diplokg pipeline, one module per ``@Language.factory``."""
