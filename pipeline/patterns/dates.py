"""The date rule set, registered so a component config can pin its version.

The rules themselves live in :mod:`pipeline.dates` (pure Python, no spaCy);
this module only gives them a stable, versioned name in spaCy's registry.
A new rule set becomes ``diplokg.date_patterns.v2`` next to v1, never an edit of v1.
"""

from __future__ import annotations

import spacy

from pipeline.dates import DEFAULT_PATTERNS, DatePatterns


@spacy.registry.misc("diplokg.date_patterns.v1")
def date_patterns_v1() -> DatePatterns:
    """Dutch day-month(-year), ranges, month(-year) with begin/eind/medio, jl./a.s., numeric, years."""
    return DEFAULT_PATTERNS
