"""Training workflow for diplokg's Dutch spaCy pipeline (see :mod:`pipeline.training.train`)."""
