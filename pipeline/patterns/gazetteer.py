"""Entity-ruler patterns generated from the gazetteer (registered, versioned)."""

from __future__ import annotations

import re

import spacy

from pipeline.gazetteer import Actor, Gazetteer, default_gazetteer
from pipeline.patterns.roles import TITLES

ACRONYM = re.compile(r"^[A-Z0-9&]{2,6}$")
OF_ACRONYM = re.compile(r"\b(?:van|der)[ ](?:de[ ]|het[ ])?(?P<acronym>[A-Z]{2,6})\b")
TITLE_WORDS = {t.split()[0] for t in TITLES} | {"voormalig", "voormalige", "oud-minister", "de"}


def surface_variants(alias: str, entity_type: str) -> set[str]:
    """Spelling variants that Dutch PDF-extracted texts use for the same alias.

    Hyphen and space alternate ('VN-Veiligheidsraad' / 'VN Veiligheidsraad'),
    headings are in capitals, and a sentence can start with a lower-case alias.
    """
    forms = {alias}
    if "-" in alias and not ACRONYM.match(alias):
        forms.add(alias.replace("-", " "))
    first, _, rest = alias.partition(" ")
    if rest and ACRONYM.match(first):
        forms.add(f"{first}-{rest}")
    if alias[:1].islower():
        forms.add(alias[:1].upper() + alias[1:])
    if entity_type != "PERSON" and len(alias) > 6 and not ACRONYM.match(alias):
        forms.add(alias.upper())
    if entity_type != "PERSON" and " " in alias and alias[:1].isupper():
        # 'Europees parlement', 'Verenigde naties': a body's name with its later words in lower case
        first, _, rest = alias.partition(" ")
        forms.add(f"{first} {rest.lower()}")
    # Typeset texts print the apostrophe curly ('Houthi’s', 'Sana’a')
    forms |= {form.replace("'", "’") for form in forms if "'" in form}
    return forms


def actor_patterns(actor: Actor, spelled_out: dict[str, str] | None = None) -> list[dict]:
    patterns = []
    seen: set[str] = set()
    aliases = list(actor.aliases)
    for alias in actor.aliases:
        # 'Parlementaire Assemblee van de OVSE' is also 'Parlementaire Assemblee van de Organisatie voor ...'
        m = OF_ACRONYM.search(alias)
        long = (spelled_out or {}).get(m.group("acronym")) if m and actor.type != "PERSON" else None
        if long:
            aliases.append(alias[:m.start("acronym")] + long + alias[m.end("acronym"):])
    for alias in aliases:
        if actor.type == "PERSON" and alias.split()[0].lower() in TITLE_WORDS:
            continue  # 'minister Kaag': the title is the roles component's business, the name is 'Kaag'

        for form in surface_variants(alias, actor.type):
            if form in seen or not form.strip():
                continue
            seen.add(form)
            patterns.append({"label": actor.type, "pattern": form, "id": actor.ent_id})
    return patterns


@spacy.registry.misc("diplokg.gazetteer_patterns.v1")
def gazetteer_patterns(gazetteer: Gazetteer | None = None) -> list[dict]:
    """Phrase patterns (case-sensitive) for every alias of every gazetteer actor."""
    gazetteer = gazetteer or default_gazetteer()
    patterns: list[dict] = []
    spelled_out = _spelled_out(gazetteer)
    for actor in gazetteer.actors.values():
        patterns.extend(actor_patterns(actor, spelled_out))
    return patterns


def _spelled_out(gazetteer: Gazetteer) -> dict[str, str]:
    """Each organisation's acronym and its Dutch name written out ('OVSE' -> 'Organisatie voor Veiligheid en
    Samenwerking in Europa'), for the names of bodies *of* it that letters write either way."""
    out: dict[str, str] = {}
    for actor in gazetteer.actors.values():
        if actor.type != "ORGANISATION":
            continue
        dutch = actor.labels.get("nl", "")  # the Dutch name: the body of it is named in Dutch around it
        if len(dutch.split()) < 2 or any(ACRONYM.match(w) for w in dutch.split()):
            continue
        for alias in actor.aliases:
            if ACRONYM.match(alias):
                out.setdefault(alias, dutch)
    return out
