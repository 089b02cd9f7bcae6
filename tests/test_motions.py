"""The diplokg_motions component: identifiers, submitters, dates, topics, merging, execution."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import pipeline.components.dates  # noqa: F401  (registers the factories)
import pipeline.components.motions  # noqa: F401
from pipeline.extraction import Motion
from pipeline.patterns.motions import MotionPatterns, normalise_identifier

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def make_nlp(**config) -> Language:
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("diplokg_dates")
    nlp.add_pipe("diplokg_motions", config=config)
    return nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return make_nlp()


def motions(nlp: Language, text: str, anchor: str | None = "2022-03-10") -> list[Motion]:
    doc = nlp.make_doc(text)
    doc._.doc_id = "test"
    doc._.doc_date = anchor
    return nlp(doc)._.motions


def by_id(found: list[Motion]) -> dict[str | None, Motion]:
    return {m.id: m for m in found}


@pytest.mark.parametrize(("printed", "expected"), [
    ("21501-02-2234", ["21501-02-2234"]),
    ("35570-V-31", ["35570-V-31"]),
    ("Kamerstuk 35 570 V, nr. 42", ["35570-V-42"]),
    ("Kamerstuk 21 501-02, nr. 2234", ["21501-02-2234"]),
    ("Kamerstuk\n21 501-02,\nnr. 2234", ["21501-02-2234"]),
    ("21 501 02, nr. 2234", ["21501-02-2234"]),
    ("21 501-2 Nr. 2244", ["21501-02-2244"]),
    ("28 676 nr. 344", ["28676-344"]),
    ("32735-312", ["32735-312"]),
    ("Kamerstukken 21 501-02, nrs. 2216 en 2219", ["21501-02-2216", "21501-02-2219"]),
])
def test_identifiers_are_normalised(printed: str, expected: list[str]) -> None:
    p = MotionPatterns()
    m = p.identifier.match(printed)
    assert m is not None and m.end() == len(printed)
    assert normalise_identifier(m) == expected


def test_member_in_running_text_with_kamerstuk(nlp: Language) -> None:
    (m,) = motions(nlp, "Het kabinet heeft conform de motie van het lid Jansen (Kamerstuk 36 045, nr. 17) "
                        "bij de Raad aangedrongen op een onderzoek.")
    assert (m.id, m.submitters, m.cosigners, m.date) == ("36045-17", ["Jansen"], False, None)
    assert m.execution and m.execution.startswith("Het kabinet heeft conform de motie")
    assert m.provenance is not None and m.provenance.extractor == "diplokg.motions/1"


def test_two_motions_in_one_sentence_with_a_number_across_a_line_break(nlp: Language) -> None:
    text = ("In lijn met de moties van het lid De Boer c.s. (Kamerstuk\n36 180 V, nr. 12) en van de leden "
            "Bakker en Van den Berg (Kamerstuk 36 180 V, nr. 15) heeft Nederland gepleit voor waarneming.")
    found = by_id(motions(nlp, text))
    assert set(found) == {"36180-V-12", "36180-V-15"}
    assert found["36180-V-12"].submitters == ["De Boer"] and found["36180-V-12"].cosigners
    assert found["36180-V-15"].submitters == ["Bakker", "Van den Berg"]


def test_three_members_topic_and_adopted_date(nlp: Language) -> None:
    text = ("De motie van de leden Smit, Van der Meer en Visser over steun aan onafhankelijke media in "
            "Georgië (Kamerstuk 21 501-02, nr. 2611), aangenomen op 14 februari jl., voert het kabinet uit.")
    (m,) = motions(nlp, text)
    assert m.id == "21501-02-2611"
    assert m.submitters == ["Smit", "Van der Meer", "Visser"]
    assert m.topic == "steun aan onafhankelijke media in Georgië"
    assert m.date == "2022-02-14"


def test_motion_without_number_keeps_submitters_and_topic(nlp: Language) -> None:
    (m,) = motions(nlp, "Het kabinet gaat, conform de motie van de leden Mulder en De Groot over dialoog "
                        "met China, in gesprek met de Chinese ambassadeur.")
    assert (m.id, m.submitters, m.topic) == (None, ["Mulder", "De Groot"], "dialoog met China")


@pytest.mark.parametrize(("text", "submitters", "cosigners"), [
    ("Dit is in lijn met de motie-Hendriks over de Westelijke Balkan.", ["Hendriks"], False),
    ("Zoals gevraagd in de motie Brouwer/Van Dijk zal het kabinet rapporteren.",
     ["Brouwer", "Van Dijk"], False),
    ("De motie Van der Linden c.s. vraagt om een embargo.", ["Van der Linden"], True),
    ("Het lid in de motie van het lid Pieter van der Wal over export wordt gevolgd.", ["Van der Wal"], False),
    ("De motie van het lid J.A. Kramer (CDA) over de OVSE is uitgevoerd.", ["Kramer"], False),
])
def test_submitter_forms(nlp: Language, text: str, submitters: list[str], cosigners: bool) -> None:
    (m,) = motions(nlp, text)
    assert (m.submitters, m.cosigners) == (submitters, cosigners)


def test_bare_number_after_motie(nlp: Language) -> None:
    (m,) = motions(nlp, "Met motie 28 676 nr. 351 verzocht de Kamer om overleg in NAVO-verband.")
    assert (m.id, m.submitters) == ("28676-351", [])


def test_number_before_the_members(nlp: Language) -> None:
    (m,) = motions(nlp, "De motie (Kamerstuk 36 045, nr. 17) van het lid Smit c.s. is aangenomen.")
    assert (m.id, m.submitters, m.cosigners) == ("36045-17", ["Smit"], True)


def test_plural_with_several_numbers(nlp: Language) -> None:
    text = ("De moties van de leden Peters en Hoekstra (Kamerstukken 21 501-02, nrs. 2501 en 2502) "
            "zijn besproken in de Raad.")
    found = by_id(motions(nlp, text))
    assert set(found) == {"21501-02-2501", "21501-02-2502"}
    assert all(m.submitters == ["Peters", "Hoekstra"] for m in found.values())


@pytest.mark.parametrize("text", [
    # a letter or report with a Kamerstuk number is not a motion
    "Zoals gemeld in de Kamerbrief van 3 maart jl. (Kamerstuk 21 501-02, nr. 2244) steunt het kabinet dit.",
    "Verslag van de Raad Buitenlandse Zaken van 12 juli 2021 (21501-02 Nr. 2390)",
    "Kamerbrief voortgang uitvoering motie onderzoek schendingen oorlogsrecht, 7 december 2020 "
    "(21 501-02, Nr. 2254)",
    # a motion that cannot be identified, and list references
    "Het kabinet acht de uitvoering van deze motie niet langer van toepassing.",
    "Voor de verdere inzet verwijs ik u naar motie 3 en motie 15.",
    "Ik ga alleen in op de moties die door uw Kamer zijn aangenomen.",
    "Dit past bij de motie van de Verenigde Naties over vrede.",
])
def test_no_false_motions(nlp: Language, text: str) -> None:
    assert motions(nlp, text) == []


def test_reference_after_topic_is_not_taken_for_the_motion(nlp: Language) -> None:
    text = ("De motie van het lid Koster over visumvrijheid, zoals toegelicht in de brief van 2 mei "
            "(Kamerstuk 36 045, nr. 88), wordt uitgevoerd.")
    (m,) = motions(nlp, text)
    assert (m.id, m.submitters, m.topic) == (None, ["Koster"], "visumvrijheid")


LIST_LETTER = (
    "Geachte voorzitter,\n\n"
    "Hierbij informeer ik u over de uitvoering van de moties over Moldavië.\n\n"
    "1. Motie van het lid Hermans over steun aan de hervormingsagenda van Moldavië (36200-V-41), "
    "6 december 2022\n\n"
    "Het kabinet heeft in de Raad Buitenlandse Zaken van 23 januari jl. gepleit voor extra steun. "
    "Zoals de motie-Hermans vraagt, blijft het kabinet dit volgen.\n\n"
    "Nederland draagt daarnaast bij aan een EU-programma.\n\n"
    "2. Gewijzigde motie van de leden Schouten en Van Wijk over het versterken van de energiezekerheid "
    "(36200-V-52), 6 december 2022\n\n"
    "In lijn met de motie Schouten/Van Wijk/Hermans zet het kabinet zich in voor energieprojecten.\n\n"
    "3. Motie van het lid Van Wijk c.s. een onderzoek naar desinformatie (21501-02-2700), 1 februari 2023\n\n"
    "Dit onderzoek loopt.\n\n"
    "De minister van Buitenlandse Zaken,\n\n"
    "A. B. Minister\n"
)


def test_list_letter_headings_execution_and_merging(nlp: Language) -> None:
    found = motions(nlp, LIST_LETTER, anchor="2023-03-01")
    assert [m.id for m in found] == ["36200-V-41", "36200-V-52", "21501-02-2700"]
    first, second, third = found
    assert first.submitters == ["Hermans"] and first.date == "2022-12-06"
    assert first.topic == "steun aan de hervormingsagenda van Moldavië"
    assert first.execution.startswith("Het kabinet heeft in de Raad Buitenlandse Zaken van 23 januari jl.")
    assert first.execution.endswith("bij aan een EU-programma.")  # all paragraphs up to the next heading
    assert "2." not in first.execution
    # an unnumbered mention inside a listed motion's account adds its co-submitter
    assert second.amended and second.submitters == ["Schouten", "Van Wijk", "Hermans"]
    assert second.execution == (
        "In lijn met de motie Schouten/Van Wijk/Hermans zet het kabinet zich in voor energieprojecten.")
    # no "over": the topic runs up to the number; the signature ends the account
    assert third.topic == "een onderzoek naar desinformatie" and third.cosigners
    assert third.execution == "Dit onderzoek loopt."


def test_same_motion_twice_is_one_motion(nlp: Language) -> None:
    text = ("Conform de motie van het lid Smit (36045-17) heeft het kabinet dit aangekaart. "
            "De motie-Smit (Kamerstuk 36 045, nr. 17) is daarmee uitgevoerd.")
    (m,) = motions(nlp, text)
    assert (m.id, m.submitters) == ("36045-17", ["Smit"])


def test_printed_id_style() -> None:
    nlp = make_nlp(id_style="printed")
    (m,) = motions(nlp, "conform de motie van het lid Smit (Kamerstuk 35 570 V, nr. 42) heeft het kabinet")
    assert m.id == "35 570 V, nr. 42"


def _corpus_text(path: Path) -> tuple[str, str | None]:
    try:
        from pipeline.text import prepare
    except ImportError:  # the text module is optional for this test: plain text with line breaks works too
        return path.read_text(encoding="utf-8"), None
    prepared = prepare(path)
    return prepared.text, prepared.meta.date


@pytest.mark.skipif(not any(CORPUS.glob("002_*.txt")), reason="corpus not present")
def test_corpus_letter_on_the_execution_of_motions(nlp: Language) -> None:
    path = next(CORPUS.glob("002_*.txt"))
    text, date = _corpus_text(path)
    found = motions(nlp, text, anchor=date or "2021-11-04")
    with_submitters = {m.id for m in found if m.id and m.submitters}
    assert len(with_submitters) >= 15
    assert all(m.date for m in found if m.id)


def test_date_after_the_number_with_van(nlp: Language) -> None:
    found = motions(nlp, "Het kabinet gaf uitvoering aan de motie van de leden Van der Staaij en Stoffer "
                         "(21501-02-2336) van 12 mei jl. over het benoemen van verantwoordelijkheid.", "2021-05-28")
    assert by_id(found)["21501-02-2336"].date == "2021-05-12"


# -- a motion's own text (the Kamerstuk of the motion) ----------------------------------------------------

OWN_MOTION = """36 045 Situatie in Oekraïne

Nr. 99 MOTIE VAN DE LEDEN DE VRIES EN VAN DER BERG C.S.

Voorgesteld tijdens het Notaoverleg van 4 oktober 2022

De Kamer,

gehoord de beraadslaging,

overwegende dat de situatie zorgelijk is;

verzoekt de regering, zich in te zetten voor een tribunaal,

en gaat over tot de orde van de dag.

De Vries

Van der Berg

Jansen
"""


def test_a_motion_text_is_that_motion() -> None:
    from pipeline.components.motions import motion_document
    from pipeline.patterns.motions import motion_patterns_v1

    m = motion_document(OWN_MOTION, motion_patterns_v1())
    assert m is not None and m.ids == ["36045-99"] and m.date == "2022-10-04" and m.cosigners
    assert m.submitters == ["De Vries", "Van der Berg", "Jansen"]  # the signatures, co-signers included
    start, end = m.names_at  # where they are named, so they become persons
    assert OWN_MOTION[start:end].split() == ["De", "Vries", "Van", "der", "Berg", "Jansen"]
    assert m.topic == "zich in te zetten voor een tribunaal"


def test_a_motion_excerpt_without_signatures_takes_the_heading_names() -> None:
    from pipeline.components.motions import motion_document
    from pipeline.patterns.motions import motion_patterns_v1

    cut = OWN_MOTION.replace("Nr. 99 MOTIE VAN DE LEDEN DE VRIES EN VAN DER BERG C.S.",
                             "Nr. 7 GEWIJZIGDE MOTIE VAN HET LID JASPER VAN DIJK").split("De Kamer")[0]
    m = motion_document("28 676 NAVO\n\n" + cut.split("\n", 1)[1], motion_patterns_v1())
    assert m is not None and m.ids == ["28676-7"] and m.amended and m.submitters == ["Jasper van Dijk"]


def test_a_letter_citing_a_motion_is_no_motion_text() -> None:
    from pipeline.components.motions import motion_document
    from pipeline.patterns.motions import motion_patterns_v1

    letter = "21 501-02 Raad Buitenlandse Zaken\n\nNr. 3 BRIEF VAN DE MINISTER\n\nDe motie van het lid X ..."
    assert motion_document(letter, motion_patterns_v1()) is None


def test_the_members_who_sign_a_motion_are_members_of_parliament() -> None:
    from pipeline.nlp import build_nlp, make_doc

    nlp = build_nlp("blank")
    doc = nlp(make_doc(nlp, OWN_MOTION, "m", "2022-10-04", None))
    members = {(r.person, r.role, r.of) for r in doc._.roles}
    assert members == {(n, "lid", "Tweede Kamer") for n in ("De Vries", "Van der Berg", "Jansen")}


def test_the_attendance_line_of_a_committee_report_names_members() -> None:
    from pipeline.nlp import build_nlp, make_doc

    text = ("Voorzitter: Jansen\nGriffier: Pietersen\n\nAanwezig zijn drie leden der Kamer, te weten: "
            "De Vries, Van der Berg en Klaassen,\n\nen de heer Blok, Minister van Buitenlandse Zaken.")
    nlp = build_nlp("blank")
    doc = nlp(make_doc(nlp, text, "r", "2020-01-15", None))
    members = {r.person for r in doc._.roles if r.role == "lid" and r.of == "Tweede Kamer"}
    assert {"Van der Berg", "Klaassen"} <= members, members


@pytest.mark.parametrize("layout", ["lines", "one paragraph"])
def test_each_request_of_a_motion_is_a_call_of_the_kamer(layout) -> None:
    from pipeline.nlp import build_nlp, make_doc

    text = OWN_MOTION.replace("verzoekt de regering, zich in te zetten voor een tribunaal,",
                              "verzoekt de regering, zich in te zetten voor een tribunaal;\n\n"
                              "verzoekt de regering tevens, sancties voor te bereiden,")
    if layout == "one paragraph":  # some motions print the whole body as one paragraph
        head, body = text.split("De Kamer,", 1)
        text = head + "De Kamer, " + " ".join(body.split("\n\nDe Vries")[0].split()) + "\n\nDe Vries\n"
    nlp = build_nlp("blank")
    doc = nlp(make_doc(nlp, text, "m", "2022-10-04", None))
    calls = [(p.holder, p.stance, p.sentence) for p in doc._.positions]
    assert calls == [
        ("Tweede Kamer", "CALLS_FOR", "verzoekt de regering, zich in te zetten voor een tribunaal"),
        ("Tweede Kamer", "CALLS_FOR", "verzoekt de regering tevens, sancties voor te bereiden"),
    ], calls


# A motion as the open-data API's plain text prints it: one element a line, no blank lines.
ONE_ELEMENT_A_LINE = """Vergaderjaar 2025-2026
Tweede Kamer der Staten-Generaal
2
Kamerstukken
21 501
-
20
Europese Raad
Nr.
2299
{heading}
Voorgesteld
2 oktober 2025
De Kamer,
gehoord de beraadslaging,
constaterende dat de Raad in oktober over de uitbreiding spreekt;
verzoekt de regering zich in te zetten voor een tribunaal,
{close}
De Vries
Diederik van Dijk
Jansen."""


@pytest.mark.parametrize(("heading", "close", "amended", "cosigners"), [
    ("MOTIE VAN HET LID DE VRIES C.S.", "en gaat over tot de orde van de dag.", False, True),
    ("MOTIE VAN DE VRIES, DIEDERIK VAN DIJK EN JANSEN", "En gaat over tot de orde van de dag.", False, False),
    ("GEWIJZIGDE MOTIE VAN HET LID DE VRIES C.S. TER VERVANGING VAN DIE GEDRUKT ONDER NR. 2290", "", True, True),
])
def test_a_motion_printed_one_element_a_line(tmp_path, heading, close, amended, cosigners) -> None:
    """Through prepare: "Nr." / "2299" and "21 501" / "-" / "20" are the number, not page numbers; the
    heading with or without "HET LID" (2025-2026), "TER VERVANGING ..." and a missing closing formula."""
    from pipeline.components.motions import motion_document
    from pipeline.patterns.motions import motion_patterns_v1
    from pipeline.text import prepare

    path = tmp_path / "motie.txt"
    path.write_text(ONE_ELEMENT_A_LINE.format(heading=heading, close=close).replace("\n\n", "\n"), encoding="utf-8")
    m = motion_document(prepare(path).text, motion_patterns_v1())
    assert m is not None and m.ids == ["21501-20-2299"] and m.date == "2025-10-02"
    assert m.submitters == ["De Vries", "Diederik van Dijk", "Jansen"]
    assert (m.amended, m.cosigners) == (amended, cosigners)


def test_heading_run_on_into_voorgesteld() -> None:
    """Wrapped text may join the heading and "Voorgesteld" on one line: the names stop before it."""
    from pipeline.components.motions import motion_document
    from pipeline.patterns.motions import motion_patterns_v1

    text = ("36 045 Situatie in Oekraïne\nNr. 216\nMOTIE VAN HET LID TIMMERMANS C.S. Voorgesteld\n11 september 2025\n"
            "De Kamer, gehoord de beraadslaging, verzoekt de regering iets te doen,")
    m = motion_document(text, motion_patterns_v1())
    assert m is not None and m.date == "2025-09-11" and m.submitters == ["Timmermans"] and m.cosigners


@pytest.mark.parametrize(("line", "name"), [
    ("Paternotte.", "Paternotte"), ("Saris,", "Saris"), ("\\Van Baarle", "Van Baarle"), ("Ceder_______", "Ceder"),
    ("Diederik van Dijk", "Diederik van Dijk"), ("en gaat over tot de orde van de dag.", None), ("2", None),
])
def test_a_signature_line_is_the_name_without_slips_around_it(line: str, name: str | None) -> None:
    from pipeline.components.motions import _signature_line
    from pipeline.patterns.motions import motion_patterns_v1

    assert _signature_line(line, motion_patterns_v1()) == name
