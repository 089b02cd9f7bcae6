"""Registered, versioned pattern sets (``@spacy.registry.misc``) that component configs name by version, and the
letters names are made of."""

# Letters a name may start with and continue with: Latin-1 and Latin Extended-A/B, so Turkish, Polish,
# Czech or Romanian names ('Çavuşoğlu', 'Erdoğan', 'Łukaszenka') are names too. Extended-A/B mixes cases,
# which only matters for a name that would start with a lower-case 'ğ'.
NAME_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏ"
NAME_LOWER = "a-zß-öø-ÿĀ-ɏ"
# One initial of a name: a capital, or the two- and three-letter initials Dutch names print ('A.Th.B. Bijleveld',
# 'Ph.P.J. Verhagen', 'Chr. Jansen').
MULTILETTER_INITIAL = r"(?:Th|Ch|Chr|Ph|IJ|Tj|Sj)\."
INITIAL = rf"(?:[A-Z]\.|{MULTILETTER_INITIAL})"
