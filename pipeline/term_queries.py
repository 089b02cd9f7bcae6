"""The questions an analyst asks of a parliamentary term, as SPARQL over the union graph.

* :func:`votes_per_party`: how each party voted on foreign-affairs motions (votes, for, against).
* :func:`motions_on`: the motions about a country, with outcome, cabinet appraisal and totals.
* :func:`reported_on`: adopted motions that a later letter reports on, with the letter's sentence.
* :func:`cabinet_agreement`: the parties that most often vote as the cabinet advised.

A party's vote on a motion is its members' votes summed by weight (a party vote weighs its seats, a
roll-call vote one member): for when more weight is for than against. The queries read only
``pipeline.tk_graph``'s and ``pipeline.rdf``'s vocabulary, so they run on any store holding the
graph (embedded, Virtuoso); every builder returns the query text, with ``pipeline.iris.SPARQL_PREFIXES``.
Arguments are trusted here: the REST layer and the CLI check them first.
"""

from __future__ import annotations

from pipeline.iris import SPARQL_PREFIXES

# Dossiers of foreign affairs, by their official number: Council and European Council, the Middle East,
# Ukraine, NATO, human rights, terrorism, Africa, trade and development, the UN, defence, the state of
# the EU; and the budget chapters of Foreign Affairs (V), Foreign Trade and Development (XVII), Defence (X).
FOREIGN_DOSSIERS = frozenset({
    "21501-02",  # Raad Algemene Zaken en Raad Buitenlandse Zaken
    "21501-04",  # Raad voor Ontwikkelingssamenwerking
    "21501-20",  # Europese Raad
    "21501-28",  # Defensieraad
    "23432",  # De situatie in het Midden-Oosten
    "36045",  # Situatie in Oekraïne
    "28676",  # NAVO
    "32735",  # Mensenrechten in het buitenlands beleid
    "27925",  # Bestrijding internationaal terrorisme
    "29237",  # Afrika-beleid
    "32623",  # Actuele situatie in Noord-Afrika en het Midden-Oosten
    "31985",  # Buitenlands beleid en handelspolitiek
    "36180",  # Strategie voor Buitenlandse Handel en Ontwikkelingshulp
    "26150",  # Algemene Vergadering der Verenigde Naties
    "22054",  # Ontwikkelingssamenwerking
    "33694",  # Internationaal maatschappelijk verantwoord ondernemen
    "36592",  # Defensienota 2024
    "36715",  # Staat van de Europese Unie 2025
    "36432",  # Staat van de Europese Unie 2024
})
FOREIGN_CHAPTERS = frozenset({"V", "XVII", "X"})
# What the cabinet's appraisal advises the House to vote (Oordeel Kamer and the rest advise nothing).
ADVICE = {"ONTRADEN": "no", "ONTRADEN_TENZIJ_GEWIJZIGD": "no", "OVERBODIG": "no", "ONTIJDIG": "no",
          "OVERGENOMEN": "yes"}


def foreign_pattern() -> str:
    """A regular expression a foreign-affairs motion number (dcterms:identifier) matches."""
    dossiers = "|".join(sorted(FOREIGN_DOSSIERS))
    chapters = "|".join(sorted(FOREIGN_CHAPTERS))
    return f"^(({dossiers})|\\\\d{{5}}-({chapters}))-\\\\d+$"


def _when(var: str, date_from: str | None, date_to: str | None) -> str:
    # ISO dates compare as text; "~" sorts after every digit, so a month or year "to" includes its days.
    out = []
    if date_from:
        out.append(f'FILTER(STR({var}) >= "{date_from}")')
    if date_to:
        out.append(f'FILTER(STR({var}) <= "{date_to}~")')
    return "\n  ".join(out)


def _foreign(var: str, foreign: bool) -> str:
    return f'{var} dcterms:identifier ?number . FILTER(REGEX(?number, "{foreign_pattern()}"))' if foreign else ""


def _label(var: str, out: str) -> str:
    return (f'OPTIONAL {{ {var} skos:prefLabel ?{out}nl FILTER(LANGMATCHES(LANG(?{out}nl), "nl")) }}\n'
            f"  OPTIONAL {{ {var} rdfs:label ?{out}any }}\n  BIND(COALESCE(?{out}nl, ?{out}any) AS ?{out})")


def _party_votes(start: str, extra: str = "", keep: str = "") -> str:
    """Rows (?party ?ve ?yes ?no): each party's vote weight for and against on each vote event on a motion.
    One flat pattern from ``start`` (what selects the motions) outwards: so the store looks up the few
    matching votes rather than joining every vote it holds. ``keep``: more variables of ``start`` to keep."""
    return f"""{{ SELECT ?party ?ve {keep}
      (SUM(IF(?option = "yes", ?w, 0)) AS ?yes) (SUM(IF(?option = "no", ?w, 0)) AS ?no) WHERE {{
      {start}
      ?ve opengov:motion ?motion ; schema:startDate ?day .
      {extra}
      ?ve opengov:vote ?v . ?v opengov:politicalGroup ?party ; schema:option ?option ; opengov:weight ?w .
    }} GROUP BY ?party ?ve {keep} }}"""


def votes_per_party(foreign: bool = True, date_from: str | None = None, date_to: str | None = None) -> str:
    """Per party: votes on motions (vote events), for, against (by the party's vote weight), most first."""
    votes = _party_votes(_foreign("?motion", foreign), _when("?day", date_from, date_to))
    return SPARQL_PREFIXES + f"""SELECT ?party (SAMPLE(?label) AS ?name) ?votes ?for ?against WHERE {{
  {{ SELECT ?party (COUNT(?ve) AS ?votes) (SUM(IF(?yes > ?no, 1, 0)) AS ?for) (SUM(IF(?no > ?yes, 1, 0)) AS ?against)
    WHERE {{ {votes} }} GROUP BY ?party }}
  {_label("?party", "label")}
}} GROUP BY ?party ?votes ?for ?against ORDER BY DESC(?votes) ?name"""


def motions_on(country: str, date_from: str | None = None, date_to: str | None = None) -> str:
    """The motions about ``country`` (an IRI): number, date, subject, appraisal, the latest vote's outcome
    and totals (none where the motion was not voted, or the records do not say which vote was its)."""
    on = f"?motion dcterms:spatial <{country}> . ?ve opengov:motion ?motion ; schema:startDate ?d ."

    def latest(value: str, out: str) -> str:
        # "date value" strings: MAX picks the latest vote's, STRAFTER unpacks the value
        return f'(STRAFTER(MAX(CONCAT(STR(?d), " ", {value})), " ") AS ?{out})'

    # Each part its own subquery from the country outwards: an OPTIONAL with a pattern of its own (the
    # totals' classes) makes the store join every count it holds.
    return SPARQL_PREFIXES + f"""SELECT ?motion ?number ?date ?subject ?appraisal ?outcome ?yes ?no WHERE {{
  {{ SELECT ?motion (SAMPLE(?id) AS ?number) (SAMPLE(?sub) AS ?date) (SAMPLE(?s) AS ?subject)
      (SAMPLE(?ap) AS ?appraisal) WHERE {{
    ?motion dcterms:spatial <{country}> .
    OPTIONAL {{ ?motion dcterms:identifier ?id }}
    OPTIONAL {{ ?motion dcterms:dateSubmitted ?sub }}
    OPTIONAL {{ ?motion dcterms:subject ?s }}
    OPTIONAL {{ ?motion dkg:cabinetAppraisal/skos:prefLabel ?ap FILTER(LANGMATCHES(LANG(?ap), "nl")) }}
  }} GROUP BY ?motion }}
  OPTIONAL {{ SELECT ?motion {latest('IF(?r = opengov:Pass, "adopted", "rejected")', "outcome")} WHERE {{
    {on} ?ve opengov:result ?r }} GROUP BY ?motion }}
  OPTIONAL {{ SELECT ?motion {latest('IF(?cls = opengov:YesCount, STR(?v), "")', "yes")}
      {latest('IF(?cls = opengov:NoCount, STR(?v), "")', "no")} WHERE {{
    {on} ?ve opengov:count ?c . ?c a ?cls ; rdf:value ?v }} GROUP BY ?motion }}
  {_when("?date", date_from, date_to)}
}} ORDER BY DESC(?date) ?number"""


def reported_on(foreign: bool = False) -> str:
    """Adopted motions a letter dated after the vote reports on: the letter and its sentence on the motion."""
    return SPARQL_PREFIXES + f"""SELECT ?motion ?number ?voted ?letter ?title ?date ?sentence WHERE {{
  ?ve opengov:motion ?motion ; opengov:result opengov:Pass ; schema:startDate ?voted .
  {_foreign("?motion", foreign)}
  ?motion dkg:execution ?account ; dkg:anchor ?anchor .
  ?anchor prov:wasQuotedFrom ?letter ; rdf:value ?sentence .
  ?letter dcterms:date ?date .
  FILTER(STR(?date) > STR(?voted))
  OPTIONAL {{ ?motion dcterms:identifier ?number }}
  OPTIONAL {{ ?letter dcterms:title ?title }}
}} ORDER BY ?number ?date ?letter"""


def cabinet_agreement(foreign: bool = False, date_from: str | None = None, date_to: str | None = None) -> str:
    """Per party: votes on motions the cabinet advised on (for or against), and how often it voted as advised."""
    advice = " ".join(f'(dkg:appraisal-{k} "{v}")' for k, v in ADVICE.items())
    start = f"VALUES (?appraisal ?advice) {{ {advice} }}\n      ?motion dkg:cabinetAppraisal ?appraisal .\n      " \
            + _foreign("?motion", foreign)
    votes = _party_votes(start, _when("?day", date_from, date_to), keep="?advice")
    return SPARQL_PREFIXES + f"""SELECT ?party (SAMPLE(?label) AS ?name) ?votes ?with_cabinet ?share WHERE {{
  {{ SELECT ?party (COUNT(?ve) AS ?votes) (SUM(?agrees) AS ?with_cabinet)
      (ROUND(1000.0 * SUM(?agrees) / COUNT(?ve)) / 1000.0 AS ?share) WHERE {{
    {votes}
    BIND(IF(?yes > ?no, "yes", IF(?no > ?yes, "no", "split")) AS ?voted)
    BIND(IF(?voted = ?advice, 1, 0) AS ?agrees)
  }} GROUP BY ?party }}
  {_label("?party", "label")}
}} GROUP BY ?party ?votes ?with_cabinet ?share ORDER BY DESC(?share) DESC(?votes) ?name"""
