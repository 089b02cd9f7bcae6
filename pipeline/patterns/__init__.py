"""Registered, versioned pattern sets (``@spacy.registry.misc``) that component configs name by version."""
