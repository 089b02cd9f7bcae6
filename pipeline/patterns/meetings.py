"""Names of meetings in running text: a council or debate followed by its date, a council's formation, a
compound or English-style summit, an undated meeting named by what it is of. The actor rules
(pipeline.components.actors) make them MEETING entities."""

from __future__ import annotations

import re

# Meeting nouns that, followed by a date, name one meeting ('Raad Buitenlandse Zaken van 12 oktober').
MEETING_NOUNS = (
    # a council or meeting of ministers of one portfolio: 'Raad Buitenlandse Zaken (RBZ) met de Ministers van
    # Defensie', 'bijeenkomst van de NAVO-Ministers van Defensie'
    r"(?:(?:[Ii]nformele\s)?(?:Raad\sBuitenlandse\sZaken(?:\s\(RBZ\))?|RBZ)\smet\s(?:de\s)?[Mm]inisters\svan\s[A-Z][\w-]+"
    r"|(?:[Ii]nformele\s)?[\w-]*(?:bijeenkomst|vergadering)\s(?:van\s)?(?:de\s)?[\w-]*[Mm]inisters\svan\s[A-Z][\w-]+)|"
    # a formation of the Council may follow its name ('Raad Buitenlandse Zaken Ontwikkelingssamenwerking')
    r"(?:(?:[Ii]nformele\s|[Bb]uitengewone\s|[Ee]xtra\s)?(?:Raad\sBuitenlandse\sZaken"
    r"(?:(?:\s(?:inzake\s)?|/)(?:Handel|Ontwikkelingssamenwerking|Ontwikkeling|Defensie))?"
    r"|RBZ(?:\s(?:Handel|OS|Defensie))?|Europese\sRaad|ER|RAZ|Raad\sAlgemene\sZaken)|Gymnich|Euro(?:zone)?top|"
    # the other formations of the Council ('de Landbouw- en Visserijraad van 18 juni', 'de Razeb van 16 november')
    r"Raad\s(?:Justitie\sen\sBinnenlandse\sZaken|Economische\sen\sFinanciële\sZaken|Landbouw\sen\sVisserij|Milieu"
    r"|Concurrentievermogen|Algemene\sZaken\sen\sExterne\sBetrekkingen)|Landbouw-\sen\sVisserijraad|Milieuraad"
    r"|Ecofin(?:-Raad)?|Razeb|RAZEB|"
    r"[A-Z]{2,5}-Raad|"
    r"(?:[A-Z][\w-]*\s)?Ministeriële\sRaad(?:\svan\sde\s[A-Z][\w-]*)?|"
    # A debate or consultation is often named after the council it prepares ('Commissiedebat Raad
    # Buitenlandse Zaken van 14 oktober', 'Algemeen Overleg over de Raad ...').
    r"(?:(?:Algemeen\s|Schriftelijk\s)?Overleg|[A-Z]?\w*debat)(?:\s(?:over\sde\s)?[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,3})?|"
    # the Kamer's own sessions: 'het Notaoverleg van 1 juli 2019', 'het algemeen overleg van 6 september',
    # 'het vragenuur van dinsdag 22 februari', 'de begrotingsbehandeling van Buitenlandse Zaken op 27 januari'
    r"(?:[Nn]ota|[Ww]etgevings|[Aa]lgemeen\s)overleg|[Vv]ragenuur"
    r"|[Bb]egrotingsbehandeling(?:\svan\s(?:het\s)?[A-Z][\w-]*(?:\s[A-Z][\w-]*){0,2})?|"
    # named in English: 'de NAVO Foreign Ministers Meeting van 3 en 4 april 2024'
    r"(?:[A-Z][\w-]*\s){1,4}(?:Meeting|Summit|Conference)|"
    # a summit, with the name before it ('de EU-ASEAN Top van 14 december')
    r"(?:(?!(?:De|Deze|Die|Dit|Een|Het)\s)[A-Z][\w’'-]+\s|[A-Z][\w-]*-)?[Tt]op(?:\svan\s[\w\s]{3,40}?)?|"
    r"[A-Z]{2,6}-[A-Z][a-zë]+top|"  # 'de EU-Chinatop van 22 juni'
    r"[\w-]*conferentie|[\w-]*vergadering|[\w-]*bijeenkomst|[\w-]*zitting(?:\svan\sde\s[A-Z][\w-]+)?)"
)
# A formation of the Council names its meeting with the date right after it: 'Informele Raad Buitenlandse Zaken
# Defensie 30 en 31 januari 2024' (without the formation, 'de Raad Buitenlandse Zaken 12 maart' is no name).
COUNCIL_FORMATION = (r"\b(?:[Ii]nformele\s)?Raad\sBuitenlandse\sZaken(?:\s(?:inzake\s)?|/)"
                     r"(?:Handel|Ontwikkelingssamenwerking|Ontwikkeling|Defensie)")
# How the guidelines name the council of one portfolio's ministers: 'Raad Buitenlandse Zaken Defensie'.
COUNCIL_OF_MINISTERS = re.compile(r"^(?P<council>(?:[Ii]nformele\s)?(?:Raad\sBuitenlandse\sZaken|RBZ))(?:\s\(RBZ\))?"
                                  r"\smet\s(?:de\s)?[Mm]inisters\svan\s(?P<portfolio>[A-Z][\w-]+)$")
# A meeting named after the body it is of, in one compound: 'de buitengewone NAVO-top', 'de EU-Afrika-top',
# 'een G7-bijeenkomst'; the adjectives before it belong to its name.
COMPOUND_MEETING = re.compile(r"^(?P<body>[\w-]+)-(?:top|topontmoeting|bijeenkomst|vergadering|conferentie)$")
# Summits with names of their own and no date: 'een Eurotop', 'de ASEM-top', 'de EU-Chinatop' (a body and the
# country it meets), the climate conferences ('COP26'), 'de Top van het Oostelijk Partnerschap'.
NAMED_GATHERING = re.compile(r"(?<![\w-])(?:Euro(?:zone)?top|[A-Z]{2,6}-top|EU-[A-Z][a-zë]+top|COP\s?\d{1,2})(?![\w-])"
                             r"|(?<![\w-])Top\svan\s(?:de|het)\s(?=[A-Z])")
# A summit named in the English way, its name before a capitalised 'Top': 'de EU-Turkije Top', 'een Sociale Top'.
NAMED_SUMMIT = re.compile(r"(?<![\w-])(?!(?:De|Deze|Die|Dit|Een|Het|Elke|Iedere)\s)[A-Z][\w’'-]+\sTop(?![\w-])")
# An undated meeting named by what it is of or for: 'donorconferentie voor Afghanistan', 'de 45ste zitting
# van de VN-Mensenrechtenraad', 'ministeriële vergadering van de NAVO'. The named actor must follow.
# The adjective slot takes part of a name ('ministeriële vergadering'), not when it is ('aanstaande').
MEETING_OF = re.compile(r"\b(?:\d+(?:ste|de|e)\s)?(?:(?!(?:de|het|een|deze|die|dit|aanstaande|komende|volgende"
                        r"|vorige|recente|eerdere|laatste|eerste|tweede)\s)[a-zë]+\s)?"
                        r"(?:\w*conferentie|\w*top|\w*vergadering|\w*zitting|\w*bijeenkomst)\s(?:van|voor)\s(?:de\s|het\s)?$")
