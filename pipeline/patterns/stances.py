"""Stance cues of Dutch diplomatic prose (registered, versioned).

Each cue is a regular expression over the sentence text, matched
case-insensitively, with the stance it expresses. Cues are general Dutch
constructions (steunen, pleiten voor, oproepen tot, aandringen op,
veroordelen, verwelkomen, zorgen uiten over, teleurgesteld zijn, betreuren,
afkeuren...), in their present, past and participle forms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import spacy


@dataclass(frozen=True)
class StanceCue:
    stance: str
    pattern: re.Pattern
    writer: bool = False  # the stance is the letter's own whatever the grammatical subject ('X moet ...')


# Verbs of emphasis: a CALLS_FOR cue of their own ('benadrukt het belang van'), and a verb of saying before another
# cue ('onderstreepte de ernstige zorgen'; EMPHASIS below).
_EMPHASIS = r"benadrukt(?:e|en)?|onderstree?p\w*"

_CUES: list[tuple[str, str]] = [
    # CONDEMNS before CALLS_FOR: 'veroordelen' is the stronger reading of a sentence.
    ("CONDEMNS", r"\bveroordee?l(?:t|en|de|den|d)?\b|\bafkeur(?:t|en|de)?\b|\bkeur(?:t|de|den)\b.{0,60}\baf\b"
                 r"|\baf\ste\skeuren\b"  # the te-infinitive of a separable verb: 'benadrukte dit besluit af te keuren'
                 r"|\bafgekeurd\b|\bonacceptabel\w*\b|\bonaanvaardbaar\w*\b|\bafschuw\b"),
    ("WELCOMES", r"\bverwelkom(?:t|en|de|den|d)\b|\bverheugd\b|\bis\sblij\b|\btevreden(?:heid)?\b|\bwaardering\b"
                 r"|\bjuich(?:t|en|te|ten)\b.{0,40}\btoe\b"
                 r"|\btoegejuicht\b|\bprijst\b|\bis\sverheugd\s(?:over|dat)\b|\bingenomen\smet\b"
                 # 'Saoedi-Arabië en president Hadi reageerden hier positief op'
                 r"|\breageer(?:t|de|den)\s(?:\w+\s){0,2}?positief\b|\bpositief\sgereageerd\b"),
    ("REGRETS", r"\bbetreur(?:t|en|de|den|d)\b|\bteleurgesteld\b|\bhelaas\b|\bspijt\b|\bteleurstellend\b"
                r"|\bonvrede\b|\bongenoegen\b|\bteleurstelling\b"),
    ("CONCERNED", r"\bzorgen\b|\bbezorgd\w*\b|\bzorgelijk\w*\b|\bzorgwekkend\w*\b|\bverontrust\w*\b"
                  # 'Humanitaire organisaties waarschuwen voor een naderende hongersnood'
                  r"|\bwaarschuw(?:t|en|de|den)\b[^.;]{0,30}\bvoor\b"
                  # the singular of diplomatic prose: 'met (grote) zorg kennisgenomen', 'baart het kabinet grote
                  # zorg', 'zorg over' (not 'zorg dragen voor', which is taking care of something)
                  r"|\b(?:met|grote|ernstige|diepe)\s(?:\w+\s)?zorg\b|\bbaart\b[^.;]{0,40}\bzorg\b|\bzorg\sover\b"
                  r"|\bgeschokt\b|\bontsteld\b"),
    ("OPPOSES", r"\bverzet(?:ten)?\s(?:zich|ons)\b|\bverzet\b|\bwijst\b.{0,60}\baf\b|\bafgewezen\b|\bafwijz\w+\b"
                r"|\bweiger\w*\b|\bgeweigerd\b|\btegenstander\w*\b|\bblokkeer\w*\b|(?<!\bhet\s)\bblokkeren\b|\bgeblokkeerd\b"
                r"|\bniet\s(?:langer\s)?(?:te\s)?erkennen\b|\bniet\s(?:langer\s)?erkend\b|(?-i:\bis)\stegen\b"
                r"|\buitgesproken\stegen\b|\bspr(?:eekt?|eken|aken|ak)\b.{0,40}\buit\stegen\b|\bafker\w*\b"
                r"|\bniet\s(?:te\s)?(?:kunnen\s)?instemmen\b|\bniet\svoornemens\b"
                # the guidelines' 'straffeloosheid is geen optie'
                r"|\bgeen\soptie(?:\s(?:is|zijn|blijft|meer))?\b"
                # 'Het kabinet ziet geen reden de hulp te ontzeggen', 'Ik zie geen aanleiding om ...': declined
                r"|\bzie(?:t|n)?\b[^.;]{0,30}\bgeen\s(?:reden|aanleiding)\b"),
    ("CALLS_FOR", r"\broep(?:t|en)?\b.{0,80}\bop\b|\briep(?:en)?\b.{0,80}\bop\b|\bopgeroepen\b|\boproepen\b"
                  r"|\bdring(?:t|en)?\b.{0,60}\baan\b|\bdrong(?:en)?\b.{0,60}\baan\b|\baangedrongen\b"
                  r"|\baandringen\b|\bpleit(?:en|te|ten)?\b|\bgepleit\b|\bvraagt\b.{0,40}\baandacht\b"
                  r"|\baandacht\sgevraagd\b|\baandacht\svra(?:gen|agt|eg|egen)\b|\bwil(?:len)?\sdat\b"
                  rf"|\b(?:{_EMPHASIS})\b"
                  r"|\bhard\s(?:gemaakt|maken|maakt)\b|\bis\svan\sgroot\sbelang\b|\bacht\b.{0,30}\bvan\s\w*\s?belang\b"
                  r"|\bmoet\b.{0,60}\bstoppen\b|\beist\b|\bverzoekt\b"
                  r"|\buitgesproken\svoor\b|\bhardgemaakt\b|\bhardmaken\b|\bmoet\sde\snadruk\b"
                  # 'Het kabinet vindt het belangrijk dat', 'De EU acht het noodzakelijk', 'blijft het van belang dat'
                  # (a bare 'essentieel', 'cruciaal' is the letter's own: _WRITER_CUES)
                  r"|\b(?:vind(?:t|en)|acht(?:en|te|ten)?)\s(?:\w+\s){0,3}?het\s(?:\w+\s)?"
                  r"(?:belangrijk|essentieel|noodzakelijk|cruciaal|wenselijk)\b"
                  r"|\b(?:is|blijft)\shet\svan\s(?:groot\s)?belang\b"

                  # 'vraagt om een lange-termijn inzet', 'bepleitten', 'dringend' (on the real train split 0.6-0.8 of
                  # such sentences state a position)
                  r"|\b(?:vra(?:agt|gen|eg|egen)|vroeg(?:en)?)\b.{0,30}\bom\b|\bbepleit\w*\b|\bdringend\w*\b"
                  # 'Nederland en Australië hebben Rusland verzocht om in overleg te treden' (see KAMER_REQUESTER)
                  r"|\bverzocht(?:en)?\b"
                  # an opinion on what should be: 'Het kabinet is van mening dat de EU een voortrekkersrol moet
                  # spelen', 'De Chinese overheid vindt dat ... moet worden bestreden'
                  r"|\b(?:van\smening|vind(?:t|en)|meen(?:t|en))\sdat\b(?=[^.;]{0,200}\b(?:moet|moeten|dient|dienen)\b)"
                  # a call made or joined: 'deden eenzelfde oproep aan', 'heeft zich aangesloten bij een oproep tot'
                  r"|\b(?:deed|deden|doet|doen)\s(?:een|eenzelfde|de|die)\s(?:\w+\s)?oproep\b"
                  r"|\b(?:aangesloten|sloot|sloten|sluit|sluiten)\b[^.;]{0,30}\bbij\s(?:een|de|het|deze)\s(?:\w+\s)?oproep\b"
                  # 'blijven beide partijen aansporen tot onderhandelingen', 'spoorde Iran aan'
                  r"|\baanspo(?:ort|ren|orde|orden)\b|\baangespoord\b|\bspo(?:ort|ren|orde|orden)\b[^.;]{0,60}\baan\b"),
    ("SUPPORTS", r"\bsteun(?:t|en|de|den)?\b|\bgesteund\b|\bondersteun(?:t|en|de|den|d)?\b"
                 r"|\bzet\w*\s(?:zich|ons)\b.{0,40}\bin\b"
                 r"|\binzetten\svoor\b|\bzich\sin(?:zetten)?\svoor\b|\bvoorstander\w*\b|\bstaat\sachter\b"
                 r"|\bhecht\w*\b.{0,40}\bbelang\b|\bgrote\swaarde\b|\bbevestigd?e?\shet\sbelang\b|\bschaart\b"
                 r"|\bgeschaard\b|\bzich\b.{0,20}\binzet\w*\b|\bzich\b.{0,40}\bingezet\s(?:voor|om)\b|\bzet\w*\sin\sop\b"
                 r"|\bonderschrijf?t\b|\bonderschreven\b"
                 r"|\bstaat\b.{0,40}\bopen\svoor\b|\bis\ser\s?van\sovertuigd\b|\bherbevestig\w*\b|\bsolidariteit\b"
                 r"|\bgecommitteerd\b|\bstem(?:t|de|den)?\sin\b|\binstemmen\b|\bgewezen\sop\b"
                 # 'te hechten aan de voortzetting', 'dat het kabinet achter het aanbod staat'
                 r"|\bhecht(?:en|te|ten)?\saan\b|\bachter\s(?:het|de|dit|deze)\s[^,.;]{1,40}?\s(?:staat|staan)\b"
                 r"|\bomarm\w*\b|\b(?:is|zijn|staat|staan)\s(?:\w+\s)?positief\s(?:over|tegenover)\b"
                 # the verb first: 'zet het kabinet zich hiervoor in'; 'Het kabinet hecht eraan dat'
                 r"|\bzet(?:ten)?\b(?=\s(?:[\w-]+\s){1,3}?(?:zich|ons)\s(?:[\w-]+\s){0,3}?in\b)"
                 r"|\bhecht(?:en|te|ten)?\s(?:\w+\s)?eraan\b"
                 # 'Sinds het neerhalen van vlucht MH17 streven Australië en Nederland naar waarheidsvinding'
                 r"|\b(?:streeft|streven|streefde|streefden|gestreefd)\b[^.;]{0,40}\bnaar\b"
                 # 'Het kabinet blijft inzetten op een twee-statenoplossing', 'Nederland zal zich inspannen om'
                 r"|\binzetten\sop\b|\bingezet\sop\b"
                 r"|\bzich\s(?:\w+\s)?inspann\w*\b|\bspan(?:t|nen)\s(?:\w+\s){0,3}?zich\s(?:\w+\s){0,3}?in\b"),
]

# A stance verb under these is somebody else's claim, not a position of the sentence's subject.
# 'volgens het kabinet' is the cabinet's own view, not a report of someone else's.
REPORTED = re.compile(r"\b(?:ontkent|ontkend|ontkenden|beweert|beweerde|berichtgeving"
                      r"|volgens(?!\s(?:het\skabinet|de\sregering|Nederland|mij|ons)\b)|zou\s\w+\shebben)\b",
                      re.IGNORECASE)
# Support that is had or received rather than given: 'met steun van Qatar', 'ontvangt steun van Turkije',
# 'wordt gesteund door de VAE' (the text before a 'steun' cue).
RECEIVED_SUPPORT = re.compile(r"\b(?:met|ontvangt|ontving|ontvangen|krijgt|kreeg|kregen|wordt|worden|werd|werden)"
                              r"\s(?:[\w-]+\s){0,2}$", re.IGNORECASE)
# ... and after it: 'dat de groep steun krijgt van de EU' (the text after a 'steun' cue).
RECEIVED_SUPPORT_AFTER = re.compile(r"\s(?:krijgt|kreeg|kregen|ontvangt|ontving|ontvangen|geniet|genoot)\b",
                                    re.IGNORECASE)
# A motion's title ('3. Motie van het lid X over ...') says what the motion asks, not who stands where.
HEADING = re.compile(r"^\s*(?:\d+\.\s*)?(?:Gewijzigde\s)?[Mm]otie(?:s)?\b")
# A request that is parliament's business, not a stance: by a member, group, the Kamer or its committees
# (KAMER_REQUESTER), or for a letter or advice (KAMER_REQUESTED), anywhere in the sentence ('heeft het lid Van
# Baarle om een brief verzocht', 'verzocht uw Kamer te worden geïnformeerd', 'de CAVV om advies verzocht'); or
# a request told in the passive ('waarin werd verzocht'), before the cue (PASSIVE_BEFORE). KAMER_REQUESTER also
# tells a committee's request for a letter from a call named by its maker (positions, REQUEST_OF).
KAMER_REQUESTER = re.compile(r"\b(?:lid|leden|fractie|Kamer|Presidium|Kamercommissie"
                             r"|(?:vaste|algemene)\s(?:Kamer)?commissie)\b", re.IGNORECASE)
KAMER_REQUESTED = re.compile(r"\b(?:brief|advies)\b", re.IGNORECASE)
PASSIVE_BEFORE = re.compile(r"\b(?:werd|wordt|worden|werden|zoals)\s(?:[\w-]+\s){0,2}$", re.IGNORECASE)
NEGATION = re.compile(r"\b(?:niet|geen|nooit)\b", re.IGNORECASE)
# Where a clause ends before a cue: a negation there belongs to another verb.
CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:en|maar|dat|omdat|want)\s", re.IGNORECASE)
# Shapes of sentences the positions component reads around its cues.
# 'steunt niet langer', 'steunt geen ...' right after the cue; 'steunt niet alleen X maar ook Y' is support
NEGATION_AFTER = re.compile(r"\s+(?:niet|geen|allerminst)\b(?!\s+(?:alleen|enkel|slechts|uitsluitend)\b)")
# The operative clauses of a motion: 'verzoekt de regering (tevens), ...', 'roept de regering op ...'
MOTION_REQUEST = re.compile(r"(?<![\w-])(?:verzoekt|roept|draagt)\s+(?:de\s+regering|het\s+kabinet)\b(?:\s+(?:tevens|"
                            r"voorts|daarnaast|vervolgens|ook|eveneens|nogmaals))?\s*,?")
CLAUSE_END = re.compile(r",?\s*;|,?\s+en\s+gaat\s+over\s+tot\s+de\s+orde|\n\s*\n")
# The heading of a report of a meeting, not of a committee's debate ('Verslag van een algemeen overleg').
REPORT_OF = re.compile(r"\bverslag\b(?![^\n]{0,60}\b(?:overleg|commissiedebat|schriftelijk|notaoverleg))",
                       re.IGNORECASE)
# A call or request named by its maker: 'de oproep van SGVN Guterres voor', 'een verzoek van de Verenigde Staten
# ontvangen om', 'de verzoeken van Oekraïne om'; not 'op verzoek van' (at whose request something was done).
REQUEST_OF = re.compile(r"(?<!\bop\s)\b(?:oproep|oproepen|verzoek|verzoeken)\s(?:van|door)\s"
                        r"(?:de\s|het\s|een\s(?:aantal\s)?)?", re.IGNORECASE)
TITLE_BEFORE_NAME = re.compile(r"(?:(?:[A-Z][\w-]*|de\sheer|mevrouw)\s){0,2}")
# What a report says was done without saying by whom: 'werd het belang benadrukt', 'is aandacht gevraagd voor'.
PASSIVE_REPORT = re.compile(r"\b(?:werd|werden|is|zijn)\b[^.;]{0,80}?\b(?:benadrukt|onderstreept|gevraagd"
                            r"|opgeroepen|aangedrongen|gepleit|herhaald)\b", re.IGNORECASE)
# Verbs of saying a report puts between a speaker and what it says must happen: 'wees erop dat', 'voegde toe dat',
# 'stelden dat', 'verwezen naar de noodzaak', 'spraken over de noodzaak', 'stond stil bij ... de noodzaak'.
SAYING = re.compile(r"\b(?:wees|wezen|wijst|wijzen)\s(?:[\w-]+\s){0,4}?(?:er)?op\b|\bvoegde(?:n)?\b[^.;]{0,30}\btoe\b"
                    r"|\bstel(?:t|de|den)\b|\bverwe(?:es|zen)\b|\bverwijst\b"
                    r"|\bspr(?:ak|aken|eekt|eken)\s(?:\w+\s){0,2}?over\b|\bst(?:ond|onden|aat|aan)\s(?:\w+\s){0,2}?stil\b"
                    r"|\bga(?:f|ven)\b[^.;]{0,30}\baan\b|\bmerkte(?:n)?\s(?:[\w-]+\s){0,4}?(?:er)?op\b|\bzei(?:den)?\b"
                    r"|\bconstateerde(?:n)?\b|\bgesteld\b|\bvan\smening\b|\bvind(?:t|en)\b", re.IGNORECASE)
# A group named by its examples, before a cue: 'Met name landen als de Russische Federatie, Turkije en Armenië zijn
# bereid besluiten te blokkeren' (the examples hold the stance).
GROUP_EXAMPLES = re.compile(r"\b(?:landen|staten|lidstaten|partijen)\s(?:als|zoals|waaronder)\s", re.IGNORECASE)
# A participle cue with its agent: 'eveneens gesteund door Nederland', 'werd veroordeeld door de EU' (the text after
# the cue; the actor after 'door' holds the stance).
PASSIVE_AGENT = re.compile(r"\s+door\s+", re.IGNORECASE)
PARTICIPLE = re.compile(r"ge\w+d|\w*(?:veroordeeld|verwelkomd|toegejuicht|afgewezen|opgeroepen|bekritiseerd)",
                        re.IGNORECASE)
EMPHASIS = re.compile(_EMPHASIS, re.IGNORECASE)
# '..., aldus Hoge Vertegenwoordiger Borrell': the speaker named last holds what the sentence says.
ALDUS = re.compile(r",\s*aldus\s", re.IGNORECASE)


# A stance noun that is what a meeting talks about ('De Raad sprak over de steun aan Oekraïne', 'een sessie over
# de militaire EU-steun'): the topic of a discussion, not a position of the speakers. (The text before the cue.)
TOPIC_OF_TALKS = re.compile(r"\b(?:spr(?:eekt|eken|ak|aken)|gesproken|bespr\w+|discussie\w*|gesprek\w*"
                            r"|gedachtewisseling\w*|sessie\w*|debat\w*|stilgestaan|stil)\b[^.;:]*\bover\b[^.;:]*$",
                            re.IGNORECASE)
# ('inzetten op' as a noun: 'gesproken over het aanhalen van de banden, inzetten op economische ontwikkeling')
STANCE_NOUNS = frozenset({"steun", "zorgen", "solidariteit", "waardering", "verzet", "inzetten op"})


# What must or needs to happen, said by the letter itself ('Daarom moeten er zo spoedig mogelijk gesprekken
# tot stand komen', 'De strijd tegen ISIS vergt een lange adem'): the writer calls for it, whoever the
# grammatical subject is. On the real train split half the sentences with 'moet(en)' and of 'noodzaak' /
# 'nodig' state such a position (the others describe rules or plans), against a third for 'wil'.
_WRITER_CUES: list[tuple[str, str]] = [
    # not 'zo nodig' (if need be), not 'had moeten' (what should have happened)
    ("CALLS_FOR", r"(?<!\bhad\s)(?<!\bhadden\s)\bmoet(?:en)?\b|\bnoodzaak\b"
                  r"|(?<!\bzo\s)(?<!\bwaar\s)(?<!\bindien\s)\bnodig\b|\bverg(?:t|en)\b"
                  # 'Het is van groot belang dat ...': the letter's own judgement, whoever the clause names after it
                  r"|\bvan\s(?:groot\s|essentieel\s|cruciaal\s|bijzonder\s|wezenlijk\s)?belang\b"
                  # 'Het is belangrijk om de mensenrechtensituatie te blijven monitoren', 'Het is daarom belangrijk dat'
                  r"|\b(?:is|blijft)\s(?:het\s)?(?:zeer\s|heel\s|daarom\s|dan\sook\s)?belangrijk\s(?:om|dat)\b"
                  # 'blijft het essentieel dat er spoedig een staakt-het-vuren komt': the dummy subject 'het'
                  # names nobody, so the actors after it are what must happen, not who calls for it
                  r"|\b(?:essentieel|cruciaal|noodzakelijk)\b"),
    # 'Het is goed dat de Commissie onderzoek heeft kunnen doen', 'Het is daarom positief dat': the letter welcomes it
    ("WELCOMES", r"\bhet\sis\s(?:\w+\s)?(?:goed|positief|verheugend|bemoedigend)\sdat\b"),
    # what the government's effort aims at: 'De Nederlandse inzet is gericht op ...', 'zal zich richten op', 'De focus
    # van het Nederlandse CT-beleid blijft preventie', 'De inzet van het kabinet blijft onverminderd gericht op ...'
    # (another actor's effort is theirs: 'De EU-inzet richtte zich op', holders.effort_owner)
    ("SUPPORTS", r"\binzet\b[^.;]{0,40}\b(?:is|blijft|was|zal)\s(?:\w+\s){0,2}?gericht\sop\b"
                 r"|\binzet\b[^.;]{0,40}\b(?:richt|richtte|richten)\s(?:zich\s)?(?:\w+\s){0,2}?op\b"
                 r"|\bfocus\b[^.;]{0,40}\b(?:ligt|blijft)\b|\bsluit\b[^.;]{0,30}\baan\s(?:op|bij)\s(?:de\s)?Nederlandse\sinzet\b"),
    # 'Het is spijtig dat het referendum toch is gehouden'
    ("REGRETS", r"\bhet\sis\s(?:\w+\s)?(?:spijtig|jammer|betreurenswaardig)\sdat\b"),
    # a priority of the government's (the guidelines' cue): 'Voor het Nederlandse mensenrechtenbeleid is dit een
    # prioriteit', 'Op dit moment ligt de eerste prioriteit bij ...', 'staat bovenaan de agenda van het kabinet';
    # not the plural of setting priorities ('De Europese Raad heeft de prioriteiten vastgesteld')
    ("SUPPORTS", r"\b(?:top|eerste\s|hoogste\s)?prioriteit\b|\been\svan\sde\s(?:\w+\s)?prioriteiten\b"
                 # (to the clause's end: what stands first is the subject, before the cue; not 'staat voorop dat',
                 # a premise)
                 r"|\b(?:sta(?:at|an)|stond(?:en)?)\b[^.;]{0,60}\b(?:voorop|bovenaan)\b(?!\s+dat\b)[^.;,]*"),
    # 'De humanitaire situatie in Zuid-Sudan is zeer schrijnend', 'de veiligheidssituatie blijft precair': the
    # letter's own judgement of a situation (the guidelines' 'zorgwekkend/zorgelijk')
    ("CONCERNED", r"\b(?:is|zijn|blijft|blijven|was|waren)\s(?:\w+\s)?"
                  r"(?:zeer\s|uiterst\s|bijzonder\s|nog\s(?:steeds\s)?)?(?:schrijnend|verontrustend|alarmerend|precair|nijpend|dramatisch)\b"),
    # 'De vestiging van zulke politieposten in Nederland is onacceptabel': the letter's own judgement
    ("CONDEMNS", r"\b(?:is|zijn|blijft|blijven)\s(?:\w+\s)?(?:onacceptabel|onaanvaardbaar)\b"),
]


# 'Door de aanvallen heeft de groepering haar strategie moeten aanpassen': an obligation told in the perfect
# tense is what happened, not what the writer calls for.
PERFECT_MODAL = re.compile(r"\b(?:heeft|hebben|had|hadden)\b[^.;]{0,60}\bmoeten\b", re.IGNORECASE)


@spacy.registry.misc("diplokg.stance_cues.v1")
def stance_cues() -> list[StanceCue]:
    return [StanceCue(stance, re.compile(p, re.IGNORECASE)) for stance, p in _CUES]


@spacy.registry.misc("diplokg.stance_cues.v2")
def stance_cues_v2() -> list[StanceCue]:
    """v1 (with 'tevreden' and 'waardering' for WELCOMES) and the writer's own calls ('moet', 'nodig')."""
    return stance_cues() + [StanceCue(stance, re.compile(p, re.IGNORECASE), writer=True) for stance, p in _WRITER_CUES]
