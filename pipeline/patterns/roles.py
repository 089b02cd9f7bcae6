"""Titles, posts and name shapes of persons in Dutch political prose (registered, versioned).

General Dutch vocabulary of posts, not lists fitted to a document: the
titles a Kamerbrief uses before a person's name, the ministries a
'minister van ...' can hold, and the particles of Dutch and foreign surnames.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import spacy

from pipeline.patterns import INITIAL, NAME_LOWER, NAME_UPPER, alternation

# Posts written before a name ("president Vucic", "HV Borrell"). Lower-case; matched case-insensitively.
TITLES = [
    "minister-president", "minister", "ministers", "staatssecretaris", "president", "vicepresident",
    "vice-president", "president-elect", "vice president-elect", "premier", "kanselier", "bondskanselier",
    "koning", "koningin", "kroonprins", "emir", "sultan", "sjeik", "paus", "ambassadeur", "gezant",
    "hoge vertegenwoordiger", "hoge commissaris", "hv", "eusv", "speciaal vertegenwoordiger",
    "speciale vertegenwoordiger", "eu speciaal vertegenwoordiger", "eu-speciaal vertegenwoordiger", "speciaal gezant",
    "secretaris-generaal", "sg", "commissaris", "eurocommissaris", "commissievoorzitter", "vicevoorzitter",
    "voorzitter", "co-voorzitter", "covoorzitter", "fungerend voorzitter", "generaal", "maarschalk",
    "oppositieleider", "oppositiekandidaat", "leider", "rapporteur", "speciaal rapporteur", "aanklager",
    "hoofdaanklager", "procureur-generaal", "opperbevelhebber", "burgemeester", "gouverneur", "senator",
    "parlementslid", "europarlementariër", "activist", "journalist", "dissident", "patriarch",
    "viceminister", "eerste minister", "directeur-generaal", "hoofdonderhandelaar", "onderhandelaar",
    "plaatsvervangend secretaris-generaal", "handelsvertegenwoordiger", "delegatieleider",
]
# Bare forms of address: a person, but no post.
ADDRESS = ["de heer", "mevrouw", "dhr.", "mw.", "mr.", "dr.", "prof."]
# Members of parliament: 'het lid X' / 'de leden X en Y' / 'Kamerlid X', and those who asked
# parliamentary questions ('Kamervragen Van Haga (Van Haga) en Baudet (FvD)').
MEMBER = ["het lid", "de leden", "kamerlid", "kamerleden", "lid", "leden", "kamervragen van het lid",
          "kamervragen van de leden", "kamervragen",
          # the attendance line of a committee report: 'Aanwezig zijn vijf leden der Kamer, te weten: A, B en C'
          "leden der kamer, te weten:"]
# A party in brackets after a member's name: 'Voordewind (CU)', 'Cörüz (CDA, Tweede Kamer, voorzitter)',
# 'Franken, (CDA, Eerste Kamer)'.
PARTY = r"(?:,?\s\([^()\n]{1,40}\))?"
# Academic titles before a signatory's initials ('Drs. F.C.G.M. Timmermans'): no names.
ACADEMIC_TITLES = ("Drs", "Dr", "Mr", "Prof", "Ir", "Ing")
# Ministries a 'minister van ...' holds (Dutch portfolio names and their usual foreign equivalents).
PORTFOLIOS = [
    "Buitenlandse Zaken", "Buitenlandse Handel en Ontwikkelingssamenwerking", "Ontwikkelingssamenwerking",
    "Buitenlandse Handel en Ontwikkelingshulp", "Ontwikkelingshulp",
    "Buitenlandse Handel", "Defensie", "Justitie en Veiligheid", "Justitie", "Veiligheid en Justitie",
    "Binnenlandse Zaken", "Binnenlandse Zaken en Koninkrijksrelaties", "Financiën", "Economische Zaken",
    "Economische Zaken en Klimaat", "Europese Zaken", "Asiel en Migratie", "Migratie",
    "Volksgezondheid, Welzijn en Sport", "Volksgezondheid", "Onderwijs, Cultuur en Wetenschap",
    "Infrastructuur en Waterstaat", "Landbouw, Natuur en Voedselkwaliteit", "Sociale Zaken en Werkgelegenheid",
    "Klimaat en Energie", "Algemene Zaken", "Handel", "Energie", "Staat",
]
# Particles that open a surname ('Van der Staaij', 'von der Leyen', 'Le Drian', 'Al-Malki').
PARTICLES = ["van der", "van den", "van de", "van", "von der", "von", "de", "den", "der", "ter", "ten", "te",
             "le", "la", "al", "el", "bin", "ibn", "da", "di", "dos", "du"]
# Capitalised words that are never a surname right after a title.
NOT_NAMES = {
    "Buitenlandse", "Zaken", "Raad", "Unie", "Kamer", "Commissie", "Staten", "Verenigde", "Europese", "EU",
    "VN", "De", "Het", "Een", "Deze", "Dit", "Die", "In", "Op", "Voor", "Ook", "En", "Maar", "Tijdens", "Na",
    "Nederland", "Nederlandse", "Minister", "President", "Premier", "Hoge", "Vertegenwoordiger", "Januari",
    # posts: 'De Minister van Buitenlandse Zaken, De Staatssecretaris voor Europese Zaken,' (signatures side by side)
    "Staatssecretaris", "Minister-President", "Minister-president", "Ambassadeur", "Voorzitter", "Commissaris",
    "Eurocommissaris", "Secretaris-Generaal", "Secretaris-generaal", "Gezant",
    # Head nouns of bodies: 'voorzitter van de Nationale Vergadering' names no person called 'Vergadering'.
    "Vergadering", "Parlement", "Assemblee", "Congres", "Senaat", "Regering", "Leger", "Garde", "Autoriteit",
    # English heads of meetings: 'NATO Foreign Ministers Meeting' names no minister called 'Meeting'.
    "Meeting", "Summit", "Conference", "Council", "Forum", "Dialogue",
    *ACADEMIC_TITLES,
    *{w for p in PORTFOLIOS for w in p.replace(",", "").split() if w[0].isupper()},
}


@dataclass(frozen=True)
class RolePatterns:
    titled_person: re.Pattern  # title [portfolio] Name
    members: re.Pattern  # het lid X / de leden X, Y en Z
    address: re.Pattern  # de heer X
    name: re.Pattern  # one person name, particles included
    portfolios: tuple[str, ...]


def _name_regex() -> str:
    particles = alternation([p for p in PARTICLES] + [p.capitalize() for p in PARTICLES]
                            + [p.title() for p in PARTICLES])
    word = rf"[{NAME_UPPER}][{NAME_LOWER}'’]+(?:-[{NAME_UPPER}]?[{NAME_LOWER}'’]+)*"
    initials = rf"(?:{INITIAL}\s?){{1,5}}"  # also spaced: 'H. P. M. Knapen'
    return rf"(?:{initials})?(?:(?:{particles})[\s-])?{word}(?:\s(?:(?:{particles})\s)?{word}){{0,2}}"


@spacy.registry.misc("diplokg.role_patterns.v1")
def role_patterns() -> RolePatterns:
    name = _name_regex()
    portfolio = alternation(PORTFOLIOS)
    title = alternation(TITLES)
    titled = (
        rf"(?P<title>(?i:(?:voormalige?\s|oud-)?(?:{title})))"
        rf"(?P<portfolio>\s(?:van|voor)\s(?:{portfolio}))?"
        # ('de speciaal vertegenwoordiger van de Verenigde Naties (VN), Kofi Annan': the body's acronym after it)
        rf"(?P<of>\s(?:van|voor)\s(?:de\s|het\s)?(?:[A-Z][\w-]+)(?:\s[A-Z][\w-]+){{0,3}}(?:\sen\s[A-Z][\w-]+)?"
        rf"(?:\s\([A-Z][\w-]{{1,10}}\))?)?"
        rf",?\s(?P<name>{name})"
    )
    members = (rf"(?P<title>(?i:{alternation(MEMBER)}))\s"
               rf"(?P<names>{name}{PARTY}(?:(?:,\s|\sen\s){name}{PARTY})*)")
    address = rf"(?P<title>(?i:{alternation(ADDRESS)}))\s(?P<name>{name})"
    return RolePatterns(
        titled_person=re.compile(titled),
        members=re.compile(members),
        address=re.compile(address),
        name=re.compile(name),
        portfolios=tuple(PORTFOLIOS),
    )


def member_names(patterns: RolePatterns, m: re.Match) -> Iterator[tuple[int, str]]:
    """(offset, name) of each member a ``members`` match names; parties in brackets are not names."""
    names = re.sub(r"\([^()]*\)", lambda party: " " * len(party.group()), m.group("names"))
    for part in patterns.name.finditer(names):
        yield m.start("names") + part.start(), part.group()


# The officers a committee report names on lines of their own: 'De fungerend voorzitter van de vaste commissie
# voor Europese Zaken, Azmani', 'De griffier van de commissie, Middelkoop', and in the minutes' header
# 'Voorzitter: Becker', 'Griffier: Meijers'. Every Tweede Kamer report prints them this way.
_OFFICER_NAME = (rf"(?P<name>(?:{INITIAL})*\s?(?:(?:[Vv]an|[Vv]on)\s(?:der\s|den\s|de\s)?|[Dd]e\s|[Tt]er\s|[Tt]en\s)?"
                 r"[A-Z][\w'’-]+(?:[ ](?:[Vv]an\s(?:der\s|den\s|de\s)?)?[A-Z][\w'’-]+)?)")
COMMITTEE_OFFICER = re.compile(
    r"^[ \t]*(?:De\s)?(?P<title>(?:[Ff]ungerend\s|[Ww]aarnemend\s|[Ww]nd\.\s)?[Vv]oorzitter"
    r"|(?:[Aa]djunct-)?[Gg]riffier)"
    r"\svan\sde\s(?P<body>(?:(?:vaste|algemene)\s)?(?:Kamer)?commissie(?:\svoor\s[^,\n]{3,80})?),\s*"
    + _OFFICER_NAME + r"[ \t]*$"
    r"|^[ \t]*(?P<title2>Voorzitter|Griffier):[ \t]*" + _OFFICER_NAME.replace("?P<name>", "?P<name2>") + r"[ \t]*$",
    re.MULTILINE)


# Bare institutional nouns that, in letters to the Dutch parliament about foreign policy, refer to
# one actor: 'uw Kamer' is the Tweede Kamer, 'de Commissie' the European Commission, 'de Unie' the EU,
# 'lidstaten' the EU member states. 'de Raad' is whichever council the text last named (see linker).
CONTEXTUAL_REFERENCES: list[tuple[str, str]] = [
    (r"\b(?:[Uu]w|[Dd]e)\s(?P<ref>Kamer)\b(?!\sder|\svan)", "ORGANISATION:tweede-kamer"),
    (r"\b[Dd]e\s(?P<ref>Commissie)\b(?!\s(?:van|voor))", "ORGANISATION:european-commission"),
    (r"\b[Dd]e\s(?P<ref>Unie)\b", "ORGANISATION:eu"),
    # 'verschillende lidstaten', 'een aantal lidstaten', 'alle 27 lidstaten', 'Vele LS' (Council reports abbreviate)
    # and bare ('de Europese instituties en lidstaten', 'Het kabinet wil dat lidstaten'): in these letters the EU's,
    # unless another body's members are meant ('lidstaten van de VN'); an OSCE report's 'parlementen van lidstaten'
    # is read wrongly so
    (r"(?:\b(?i:de|andere|verschillende|enkele|alle|veel|vele|diverse|sommige|meerdere|overige|aantal|\d+)"
     r"\s(?P<ref>[Ll]idstaten|LS)|(?P<ref2>(?:^|(?<=[.;:]\s))Lidstaten|(?<![\w-])lidstaten))\b"
     r"(?!\svan\s(?:de\s|het\s)?(?:VN|Verenigde|NAVO|OVSE|Raad\svan\sEuropa|Afrikaanse))",
     "ORGANISATION:eu-member-states"),
    (r"\b(?i:de|andere|alle|onze|verschillende|enkele|meerdere|vele|sommige|overige)\s(?P<ref>[Bb]ondgenoten)\b"
     r"|(?:^|(?<=[.;:]\s))(?P<ref2>Bondgenoten)\b", "ORGANISATION:nato-allies"),
    # 'alle deelnemende OVSE-staten', 'de deelnemende Staten': the OSCE's (its word for its members; the guidelines)
    (r"\b[Dd]eelnemende\s(?P<ref>(?:OVSE-)?[Ss]taten)\b", "ORGANISATION:osce"),
    # 'de regering' with no nationality and no 'van X' is the Dutch government writing or being asked
    # ('verzoekt de regering'); 'de Iraanse regering' is Iran's (the adjective names the actor), and so is 'de
    # regering in Kabul'; not 'verzoekt de regering te streven naar', 'de regering in samenwerking met'.
    (r"\b(?:[Dd]e|[Hh]et|[Oo]nze)\s(?P<ref>regering|kabinet)\b(?!\s(?:van\b|(?:in|te)\s[A-Z])|-)",
     "ORGANISATION:dutch-cabinet"),
]
# The bare nouns above, and the posts the linker resolves ('de HV'): never a name of their own.
BARE_INSTITUTION_NOUNS = frozenset({"kamer", "commissie", "unie", "lidstaten", "bondgenoten", "regering", "kabinet",
                                    "raad", "hv", "hoge vertegenwoordiger"})
# 'de Raad', and in a Council report 'de ministers' (who meet as that council; not 'de ministers van Defensie')
COUNCIL_REFERENCE = (r"\b[Dd]e\s(?P<ref>Raad)\b(?!\s(?:van|voor|Buitenlandse|Algemene|[A-Z]))"
                     r"|\b[Dd]e\s(?P<ref_m>[Mm]inisters)\b(?!\s(?:van|voor|uit|en|[A-Z]))")


@spacy.registry.misc("diplokg.contextual_references.v1")
def contextual_references() -> tuple[list[tuple[re.Pattern, str]], re.Pattern]:
    return ([(re.compile(p, re.MULTILINE), ent_id) for p, ent_id in CONTEXTUAL_REFERENCES],
            re.compile(COUNCIL_REFERENCE))


# Nouns for people or bodies acting for a country: 'de Armeense en Azeri ambtsgenoten' names two actors.
ACTOR_NOUNS = {
    "ambtsgenoot", "ambtsgenoten", "collega", "collega's", "minister", "ministers", "president", "premier",
    "regering", "regeringen", "autoriteiten", "overheid", "delegatie", "delegaties", "ambassadeur",
    "ambassade", "leger", "strijdkrachten", "troepen", "diplomaten", "diplomaat", "leiders", "leider",
    "oppositie", "oppositieleider", "parlement", "ordediensten", "veiligheidstroepen", "staatshoofd",
    "regime", "volk", "bevolking", "krijgsgevangenen", "gevangenen", "zijde", "partner", "partners",
    "voorzitterschap", "bondskanselier", "kanselier", "ministerie", "kabinet",
    # services and officials that act for the state ('gearresteerd door de Egyptische veiligheidsdiensten')
    "veiligheidsdienst", "veiligheidsdiensten", "inlichtingendienst", "inlichtingendiensten", "politie",
    "rechter", "rechtbank", "justitie", "krijgsmacht", "marine", "luchtmacht", "militairen", "soldaten",
    "ambtenaren", "functionarissen", "vertegenwoordigers", "instanties", "overheden", "minister-president",
    "staatssecretaris", "gezant", "ambassadeurs",
}
# 'de minister' without a name or nationality, in a Dutch government letter: the Dutch minister.
OWN_MINISTER = re.compile(r"\b[Dd]e\s(?:[Mm]inister|[Ss]taatssecretaris)(?:\s(?:van|voor)\s[A-Z][\w ]{3,60}?)?"
                          r"(?=\s(?!\s*[A-Z])|[,.;])")


# Abbreviated posts, written out in the role ('HV Borrell' holds 'Hoge Vertegenwoordiger').
TITLE_ABBREVIATIONS = {"hv": "Hoge Vertegenwoordiger", "eusv": "EU Speciaal Vertegenwoordiger",
                       "sg": "secretaris-generaal"}
# Posts of the European Union whose title names the body they are held in, wherever the text leaves it out
# ('Eurocommissaris Mimica', 'HV Borrell'); a 'Commissaris voor Internationale Partnerschappen' too (the
# components add it only where a portfolio follows: a bare 'commissaris' may be any).
_COMMISSION, _UNION = "ORGANISATION:european-commission", "ORGANISATION:eu"
TITLE_BODIES = {"eurocommissaris": _COMMISSION, "eu-commissaris": _COMMISSION, "commissaris": _COMMISSION,
                "hoge vertegenwoordiger": _UNION, "hv": _UNION}
# Posts held for one's own country: with no 'van X' and no adjective, the holder's nationality says of what.
NATIONAL_POSTS = {"minister", "president", "vicepresident", "vice-president", "president-elect",
                  "vice president-elect", "premier", "minister-president", "kanselier", "bondskanselier",
                  "koning", "koningin", "emir", "sultan", "staatssecretaris", "ambassadeur", "oppositieleider",
                  "generaal", "maarschalk", "opperbevelhebber"}
# The closing of a letter: 'De Minister van Buitenlandse Zaken,' and the signatory's name, with an academic title,
# spaced initials or a particle ('Drs. F.C.G.M. Timmermans', 'H. P. M. Knapen', 'E. van Middelkoop').
SIGNATURE = re.compile(r"^\s*(?:De\s)?(?P<post>(?:[Mm]inister|[Ss]taatssecretaris)\b[^\n,]{0,80}),\s*"
                       rf"(?:(?:{'|'.join(ACADEMIC_TITLES)})\.\s?)?"
                       rf"(?P<name>(?:{INITIAL}\s?)*(?:(?:van|de|der|den|ter|ten)\s)*[A-Z][\w'’-]+"
                       r"(?:[ \t][A-Z]?[\w'’-]+){0,3})[ \t]*$", re.MULTILINE)
