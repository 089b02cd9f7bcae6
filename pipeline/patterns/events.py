"""Event triggers of Dutch diplomatic prose, by event type (registered, versioned).

Types follow the project's event scheme (MEETING, STATEMENT, SANCTION,
CEASEFIRE, HOSTILITIES, ELECTION, CALL, VISIT), which the ontology maps to
PLOVER categories. Triggers are word stems matched case-insensitively.
"""

from __future__ import annotations

import re

import spacy

# The formula of a committee's written consultation (verslag van een schriftelijk overleg, lijst van vragen).
WRITTEN_CONSULTATION = (r"\bvragen(?:\sen\sopmerkingen)?\s(?:zijn|werden)\b[^.;]{0,80}?"
                        r"\b(?:voorgelegd|beantwoord|toegezonden)\b|\b(?:zijn|werden)\sde\svragen\s(?:\w+\s){0,3}?beantwoord\b")

_TRIGGERS: dict[str, str] = {
    "CEASEFIRE": r"\bstaakt-het-\s?vuren\b|\bwapenstilstand\w*\b|\bwapenbestand\w*\b|\bbestandsakkoord\w*\b",
    "HOSTILITIES": r"\bvijandelijkheden\b|\bgevechten\b|\bgevochten\b|\bbeschieting\w*\b|\bbombardement\w*\b"
                   r"|\b[\w-]*aanval(?:len)?\b|\bmilitaire\saanval\w*\b|\boffensief\b|\bgewapend\w*\sconflict\w*\b"
                   r"|\bterroristische\saanslag\w*\b|\baanslag(?:en)?\b|\binvasie\b|(?<![\w-])escalatie\b"
                   r"|\bconfrontatie\w*\b|\bbotsing\w*\b|\bschermutseling\w*\b|\boorlog\b",
    "SANCTION": r"\bsancties?\b|\bsanctielijst\w*\b|\bsanctiepakket\w*\b|\bsanctieregime\w*\b"
                r"|\brestrictieve\smaatregelen\b|\bwapenembargo\b|\breisverbod\w*\b|\btegoeden\sbevroren\b",
    "ELECTION": r"\b\w*verkiezingen\b|\bverkiezing\b|\bherverkozen\b|\bverkozen\b|\bstembusgang\b|\breferendum\b",
    "CALL": r"\btelefo(?:neerde|neerden|nisch|ongesprek\w*)\b|\bbelde\b|\bgebeld\b|\bvideogesprek\w*\b",
    "VISIT": r"\bbezoek(?:t|en)?\b|\bbezocht\b|\breisde\b.{0,40}\bnaar\b|\bwerkbezoek\w*\b|\bstaatsbezoek\w*\b",
    "STATEMENT": r"\bverklaring(?:en)?\b|\bverklaarde\b|\bkondig(?:t|en|de|den)\b.{0,60}\baan\b|\baankondiging\b"
                 r"|\bkenbaar\sgemaakt\b"
                 # claims and denials are statements too ('Rusland ontkent ...', 'Israël stelt dat ...')
                 r"|\bontken\w*\b|\bbewe(?:ert|erde|erden)\b|\bbeschuldig\w*\b|\bstel(?:t|de|den)\sdat\b"
                 r"|\bmaakte\b.{0,40}\bbekend\b|\bvideoboodschap\b|\bpersbericht\b|\bcommuniqué\b"
                 # speeches and interventions ('een interventie van de voorzitter van het EP'), warnings, and
                 # conclusions a council adopts ('De ER werd afgesloten met conclusies')
                 r"|\btoespraak\b|\bspeech\b|\binterventie\b|\buiteenzetting\b|\bwaarschuw(?:t|en|de|den)\b"
                 r"|\bconclusies\b(?=.{0,80}\b(?:aangenomen|vastgelegd|vastgesteld|goedgekeurd)\b)"
                 r"|\b(?:afgesloten\smet|vertaalden?\szich\sin|aangenomen)\s(?:\w+\s)?conclusies\b",
    # 'kwamen de staatshoofden bijeen', 'komt de Steering Board van het Europees Defensie Agentschap (EDA) bijeen'
    "MEETING": r"\bvergadering\b|\bvergaderde\w*\b|\bbijeenkomst\b|\bk(?:wam|wamen|omt|omen)\b.{0,80}?\bbijeen\b"
               r"|\bbijeen(?:komen|gekomen)\b|\bvideoconferentie\b"
               r"|\bconferentie\b|\btop\b|\btopontmoeting\b|\bontmoe?t\w*\b|\bgesproken\smet\b|\bsprak\b.{0,40}\bmet\b"
               r"|\bbesprak\w*\b.{0,40}\bmet\b|\bbesproken\smet\b|\bspoeddebat\b|\boverleg\b|\bzitting\b"
               r"|\bvredesbesprekingen\b|\bonderhandelingen\b|\bdialoog\b.{0,40}\bhervat\w*\b",
    # Other reported actions (PLOVER: ARREST, RELEASE, EXPEL, AGREE, AID ...): arrests, releases,
    # expulsions, agreements signed, missions set up or ended, mandates not renewed.
    "OTHER": r"\bopgepakt\b|\bgearresteerd\b|\barrestaties?\b|\bvrijgelaten\b|\buitgezet\b|\buitgewezen\b"
             # investigations opened or concluded ('MONUSCO heeft een onderzoek gestart', 'rondde een evaluatie af')
             r"|\b(?:onderzoek|evaluatie)\w*\b[^.;]{0,60}\b(?:gestart|geopend|afgerond|gelanceerd)\b"
             r"|\b(?:startte|opende|rondde)\b[^.;]{0,40}\b(?:onderzoek|evaluatie)\w*\b"
             r"|\bdemonstraties?\b|\bprotest(?:en)?\b"
             r"|\bondertekend\b|\bondertekende\b|\bingesteld\b|\bopgericht\b|\bniet\sverlengd\b|\bbeëindigd\b"
             r"|\bovergenomen\b|\bneemt\b.{0,40}\bover\b|\bbemiddeling\b|\bopgelegd\b|\bonderdrukt\w*\b"
             r"|\bmobilis\w+\b|\bnoodtoestand\b|\bverstuurd\b|\bstuurde\b.{0,60}\bbrief\b"
             # PLOVER ASSAULT, SEIZE, REDUCE RELATIONS, RETREAT: poisonings, takeovers, boycotts, withdrawals,
             # meetings called off or postponed.
             r"|\bvergiftig\w*\b|\bmachtsovername\b|\bboycot\w*\b|\bterugtrekking\b|\buitgesteld\b|\bafgelast\b"
             # KILL, EXPEL, AID: deaths, diplomats declared persona non grata, evacuations, money pledged.
             r"|\bgedood\b|\bvermoord\b|\bomgekomen\b|\bom\shet\sleven\b|\bpersona\snon\sgrata\b|\bevacu\w+\b"
             r"|\bgeëvacueerd\b|\bstel\w*\b.{0,40}\bbeschikbaar\b|\btoegezegd\b"
             # money given, agreements signed, diplomats summoned: 'heeft EUR 4,5 miljoen bijgedragen aan',
             # 'is EUR 500 miljoen vrijgemaakt', 'werd het vredesakkoord getekend', 'is de ambassadeur ontboden'
             r"|\bbeschikbaar\sgesteld\b|\bvrijgemaakt\b|\bbijgedragen\b|\bgetekend\b|\bontboden\b"
             r"|\bbesloot\b|\bbesloten\b|\bingestemd\b|\bgesloten\b"  # decisions, consent, closures
             # a committee's written consultation: 'De vragen en opmerkingen zijn op 2 juni aan de Minister
             # voorgelegd', 'Bij brief van 8 juni zijn de vragen beantwoord'
             r"|" + WRITTEN_CONSULTATION +
             # a request of a Kamer committee or member the letter answers ('conform het verzoek van de vaste
             # commissie voor Buitenlandse Zaken van 15 december', 'heeft het lid Van Baarle verzocht om een brief')
             r"|\bverzoek\s(?:van|door)\s(?:de\s|het\s)?(?:vaste\s|algemene\s)?(?:[Kk]amer)?(?:commissie|lid|leden)\b"
             r"|\b(?:lid|leden)\s[A-Z][\w-]*(?:\s[\w-]+){0,4}?\s(?:\w+\s)?verzocht\b",
}


# Dutch writes new events as compounds of a known one ('burgeroorlog', 'luchtaanval', 'werklunch',
# 'videosessie', 'sanctieregime', 'werkbezoek'): a word that ends in one of these heads is a trigger of its
# type. 'top' only after a hyphen ('NAVO-top'): 'stop' and 'laptop' end in it too.
COMPOUND_HEADS: dict[str, tuple[str, ...]] = {
    "HOSTILITIES": ("oorlog", "oorlogen", "aanval", "aanvallen", "bombardement", "bombardementen", "beschieting",
                    "beschietingen", "offensief", "aanslag", "aanslagen", "gevechten", "invasie", "agressie",
                    "opmars"),
    "SANCTION": ("sanctie", "sancties", "sanctiepakket", "sanctieregime", "embargo"),
    "ELECTION": ("verkiezing", "verkiezingen", "referendum"),
    "MEETING": ("vergadering", "bijeenkomst", "conferentie", "overleg", "lunch", "diner", "ontbijt", "sessie",
                "topontmoeting"),
    "VISIT": ("bezoek", "bezoeken"),
}
# Verbs by lemma, so every tense and participle reports ('gebombardeerd', 'bombardeerden', 'verklaart').
LEMMA_TRIGGERS: dict[str, frozenset[str]] = {
    "HOSTILITIES": frozenset({"bombarderen", "beschieten", "heroveren", "veroveren", "binnenvallen", "aanvallen",
                              "afschieten", "afvuren", "vechten", "bestoken"}),
    "STATEMENT": frozenset({"verklaren", "aankondigen"}),
    "MEETING": frozenset({"ontmoeten", "vergaderen"}),
    "VISIT": frozenset({"bezoeken"}),
    "OTHER": frozenset({"arresteren", "vrijlaten", "uitwijzen", "ondertekenen", "publiceren", "blokkeren",
                        "evacueren", "doden", "vermoorden"}),
}


def _compound(heads: tuple[str, ...]) -> str:
    return r"\b\w{3,}?(?:" + "|".join(heads) + r")\b"


# Nouns like 'staakt-het-vuren', 'sancties' or 'verkiezingen' are often a topic ('de implementatie van
# het staakt-het-vuren'), not a reported event. For these types a sentence reports an event only when it
# dates it or says it happened: agreed, concluded, imposed, broke out, held, took effect.
NOMINAL_TYPES = ("CEASEFIRE", "SANCTION", "ELECTION", "HOSTILITIES")
# The same holds for meeting nouns ('de onderhandelingen over de EPF'), but not for meeting verbs
# ('sprak met', 'ontmoette'), which report a meeting by themselves.
# Debates of the Tweede Kamer by their procedural names ('het Notaoverleg van 1 juli 2019', 'het commissiedebat
# Buitenlandse Zaken'): meetings of the Kamer (with the cabinet it debates with), reported when dated.
PARLIAMENTARY_MEETING = (r"notaoverleg|wetgevingsoverleg|algemeen\soverleg|commissiedebat|tweeminutendebat"
                         r"|dertigledendebat|plenaire?\sdebat|interpellatiedebat|begrotingsbehandeling")
MEETING_NOUN = re.compile(r"vergadering|bijeenkomst|gesprek|gesprekken|videoconferentie|conferentie|top|topontmoeting"
                          r"|bestuursraad"
                          r"|spoeddebat"
                          r"|overleg|zitting|vredesbesprekingen|onderhandelingen|" + PARLIAMENTARY_MEETING,
                          re.IGNORECASE)
OCCURRENCE = re.compile(
    r"\b(?:overeengekomen|kwamen\b.{0,60}\bovereen|gesloten|afgesproken|bereikt|ondertekend|trad\w*\sin\swerking"
    r"|in\swerking\sgetreden|ingesteld|opgelegd|aangenomen|besloten|uitgebroken|braken\b.{0,40}\buit|gehouden"
    r"|plaatsgevonden|vonden\b.{0,40}\bplaats|vond\b.{0,40}\bplaats|geschonden|verbroken|uitgevaardigd|afgekondigd"
    r"|gevallen|gewonnen|herkozen|verkozen|aangekondigd|geplaatst|verlengd|uitgebreid|bijeen|begonnen"
    r"|gestart|georganiseerd|opende|openden|ingegaan)\b",
    re.IGNORECASE)


# A nominal trigger that is what someone wants stopped, respected or carried out is a topic, not a
# reported event: 'riep op tot stopzetting van de vijandelijkheden', 'de implementatie van het staakt-het-vuren';
# nor is what someone calls or pleads for: 'riepen op tot een staakt-het-vuren'.
TOPIC_OF = re.compile(
    r"\b(?:stopzetting|beëindiging|staking|einde|naleving|implementatie|uitvoering|handhaving|handhaven|eerbiediging"
    r"|respecteren|respect|op\stot|pleit\w*\svoor|aandringen\sop|dringt\w*\saan\sop)"
    r"\s(?:van\s|aan\s|voor\s)?(?:de\s|het\s|een\s)?(?:\w+\s)?$", re.IGNORECASE)
# Speech acts in the past tense that report a statement when the sentence dates them ('De Europese Raad riep
# op 1 oktober jl. op tot ...'); undated, or in the present ('het kabinet roept ... op'), they state a position
# (see the positions component), not an event.
DATED_STATEMENT = re.compile(r"\briep(?:en)?\b.{0,80}\bop\b|\bdrong(?:en)?\b.{0,60}\baan\b"
                             r"|\bveroordeelde(?:n)?\b|\beiste(?:n)?\b", re.IGNORECASE)
# 'Op 25 maart vinden een Europese Raad en een Eurotop plaats', 'En marge van de RBZ komt de Steering Board van het
# EDA bijeen': a council that takes place or convenes reports a meeting (the events component asks for a council
# among the sentence's actors, COUNCIL_NAME).
TAKES_PLACE = re.compile(r"\b(?:vind(?:t|en)|vond(?:en)?)\b[^.;]{0,80}?\bplaats\b|\bplaats(?:vinden|gevonden)\b"
                         r"|\bk(?:omt|omen)\b[^.;]{0,80}?\bbijeen\b|\bbijeen(?:komen|gekomen)\b", re.IGNORECASE)
COUNCIL_NAME = re.compile(r"\b(?:Raad|Top|Council|Board|Eurotop|Eurozonetop|[Bb]estuursraad)\b|-[Tt]op\b")
# Gatherings a sentence names beside one another (see pipeline.components.happenings).
# A summit the recogniser has no name for: 'een Eurotop', 'de Eurozonetop'.
UNNAMED_SUMMIT = re.compile(r"\bEuro(?:zone)?top\b")
# 'een Europese Raad (ER) en een Eurotop', 'de Top van het Oostelijk Partnerschap en een informele Europese Raad':
# what stands between two gatherings that are named side by side.
SIDE_BY_SIDE = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:,\s*(?:en\s+)?|en\s+)(?:(?:een|de|het)\s+)?"
                          r"(?:(?:informele|buitengewone|extra|ingelaste)\s+)?", re.IGNORECASE)
# 'de Eurotop van 25 en 26 maart 2021', 'de RBZ op 12 november': the date a meeting's name carries.
OWN_DATE = re.compile(r"\s+(?:van|op)\s+\d.*$")
# 'een werklunch met het VK', 'een informele lunch plaatsvinden met de secretaris-generaal van de NAVO', 'de
# traditionele gedachtewisseling met de voorzitter van het Europees Parlement': a session with a guest.
GUEST_SESSION = r"(?:werk)?(?:lunch|diner|ontbijt)|gedachtewisseling|uitwisseling|bespreking"
WITH_GUEST = re.compile(rf"\b({GUEST_SESSION})\b(?:\s+[\w-]+){{0,2}}?\s+met\s+", re.IGNORECASE)
# 'En marge van de RBZ', 'Voorafgaand aan de Europese Raad', 'Aansluitend op de RBZ Defensie', 'Na afloop van
# de ER': a gathering held beside the one named next, which hosts it.
BESIDE = re.compile(r"\b(?:(?:en|in\s+de)\s+marge\s+van|voorafgaand(?:e)?\s+aan|aansluitend\s+(?:aan|op)"
                    r"|na\s+afloop\s+van)\s+(?:de|het|deze|dit)\s+", re.IGNORECASE)
# 'Dit spoeddebat zal op 18 september plaatsvinden': the trigger points back to the sentence before.
ANAPHORIC = re.compile(r"\b(?:dit|deze|die|dat)\s(?:\w+\s)?$", re.IGNORECASE)


@spacy.registry.misc("diplokg.event_triggers.v1")
def event_triggers() -> dict[str, re.Pattern]:
    return {etype: re.compile(p, re.IGNORECASE) for etype, p in _TRIGGERS.items()}


@spacy.registry.misc("diplokg.event_triggers.v2")
def event_triggers_v2() -> dict[str, re.Pattern]:
    """v1 and compounds of its nouns ('burgeroorlog', 'werklunch', 'NAVO-top')."""
    patterns = dict(_TRIGGERS)
    for etype, heads in COMPOUND_HEADS.items():
        patterns[etype] = f"{patterns[etype]}|{_compound(heads)}"
    patterns["MEETING"] += r"|\b[\w]+-top\b"
    # The meeting a letter's agenda or report is of: 'Hierbij ontvangt u de geannoteerde agenda voor de Raad
    # Buitenlandse Zaken', 'het verslag van de informele bijeenkomst van de EU-ministers van Defensie'.
    patterns["MEETING"] += (r"|\bgeannoteerde\sagenda\s(?:voor|van)\s(?:de|het)\s(?=\w)"
                            r"|\bverslag\s(?:aan\s)?van\s(?:de|het)\s(?:\w+\s)?(?=Raad\b|Europese\sRaad\b|Eurotop\b)"
                            r"|\b(?:" + PARLIAMENTARY_MEETING + r")\b")
    patterns["HOSTILITIES"] += r"|\bagressie\b|\bopmars\b"  # nouns v1 lacked; their compounds come with them
    patterns["MEETING"] += r"|\bEuro(?:zone)?top\b"  # the Euro Summit, by its Dutch names
    # 'heb ik met de Iraanse minister van Buitenlandse Zaken gesproken' (v1 has 'gesproken met')
    patterns["MEETING"] += r"|\bmet\s(?:de\s|het\s|zijn\s|haar\s|hun\s|(?-i:[A-Z]))(?:[\w’'-]+\s){0,7}?gesproken\b"
    # A meal is a meeting ('een informele lunch met SG NAVO', 'een lunchbespreking', 'het diner van de leiders')
    patterns["MEETING"] += r"|\blunch(?:bespreking|sessie)?\b|\bdiner\b|\bontbijt\b"
    # A talk with someone ('heeft de Voorzitter een gesprek gehad met', 'in de gesprekken van Rutte met Xi'):
    # a meeting noun, reported when the sentence dates it or says it took place
    patterns["MEETING"] += r"|\bgesprek(?:ken)?\b(?=\s(?:[\w-]+\s){0,6}?met\b)"
    # A session with a guest ('had daarna een uitwisseling met Samantha Power', 'begon met een bespreking met SG
    # NAVO', 'de traditionele gedachtewisseling met de voorzitter van het EP'): a meeting held, not a topic
    # (the meals among GUEST_SESSION are triggers of their own above, with or without a guest)
    patterns["MEETING"] += rf"|\b(?:{GUEST_SESSION})\b(?=(?:\s[\w-]+){{0,2}}?\smet\s)"
    # an agency's board at ministers' level ('een ministeriële bestuursraad van het EDA'), a meeting noun
    patterns["MEETING"] += r"|\bbestuursraad\b"
    return {etype: re.compile(p, re.IGNORECASE) for etype, p in patterns.items()}


@spacy.registry.misc("diplokg.event_lemmas.v1")
def event_lemmas() -> dict[str, frozenset[str]]:
    return dict(LEMMA_TRIGGERS)
