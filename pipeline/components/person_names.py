"""A person's name after a title or in a list, cut where the words stop being a name ('minister De Jonge',
'president van Azerbeidzjan Aliyev', 'Blok de Kamer' -> 'Blok')."""

from __future__ import annotations

import re

from pipeline.patterns.roles import NOT_NAMES, PARTICLES


def clean_name(name: str) -> str:
    """Cut a matched name at the first word that cannot belong to it ('Blok de Kamer' -> 'Blok')."""
    words = name.split()
    kept: list[str] = []
    for i, w in enumerate(words):
        if w in NOT_NAMES and not (i == 0 and w.lower() in PARTICLES and len(words) > 1):  # 'De Roon'
            break
        kept.append(w)
    while kept and kept[-1].lower() in PARTICLES:
        kept.pop()
    return " ".join(kept)


def titled_name(text: str, m: re.Match, ent_chars: set[int]) -> tuple[int, str]:
    """The person's name after a title: the longest run of name words that ends the match.

    The regex cannot tell where 'van de Commissie' ends and 'Margaritis Schinas' begins; the name is
    the words at the end that are capitalised (or surname particles), not a known non-name and not
    part of an entity already found ('president van Azerbeidzjan Aliyev' -> 'Aliyev').
    """
    tail_start = m.start("of") if m.group("of") else m.start("name")
    words = [(w.start() + tail_start, w.group()) for w in re.finditer(r"\S+", text[tail_start:m.end("name")])]
    kept: list[tuple[int, str]] = []
    for start, word in reversed(words):
        if word.endswith(","):
            break  # 'de gouverneur van West-Darfur, Khamis Abakar': the comma ends the post
        # a capitalised particle opens a surname after a title ('minister De Jonge', 'Secretaris-generaal De Hoop
        # Scheffer'), though 'De' alone is no name
        name_like = (word[0].isupper() or word.lower() in PARTICLES) and (
            word not in NOT_NAMES or (word.lower() in PARTICLES and bool(kept)))
        if not name_like or start in ent_chars:
            break
        kept.insert(0, (start, word))
    while kept and kept[0][1].lower() in PARTICLES and kept[0][1][0].islower():
        kept.pop(0)  # 'van de' before the name belongs to the post, not to a 'von der Leyen'
    if not kept:
        return m.start("name"), ""
    return kept[0][0], text[kept[0][0]:m.end("name")]
