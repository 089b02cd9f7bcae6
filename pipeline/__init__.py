"""diplokg pipeline: text -> facts -> graph -> store.

Kept import-light on purpose: the API imports ``pipeline.store`` and
``pipeline.config`` and must never pull in spaCy.
"""

__version__ = "0.1.0"
