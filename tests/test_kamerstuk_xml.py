"""Official Kamerstuk XML in: the reader (pipeline.sources.kamerstuk_xml) behind pipeline.text.prepare.

Real publications of tests/fixtures/kamerstuk_xml (see its README for provenance); the footnote and
letter-signature cases use a small XML written here, because none of the real samples (motions) has notes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pyoxigraph import Store

from pipeline.metadata import InputError
from pipeline.text import prepare
from tests.conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures" / "kamerstuk_xml"
RAADNR = FIXTURES / "0515a5c4-0311-417d-b74d-dbbcc186db41.xml"  # 21 501-02, nr. 3192
BUDGET = FIXTURES / "059e2bff-2906-468c-88a7-f26e0c9e1866.xml"  # 36 725 XVII, nr. 52
MANY = FIXTURES / "034af844-d38a-4b71-acbf-70f214d175fa.xml"  # seven signatures
LIST = FIXTURES / "028ba535-d8df-4649-bccd-83e973170d4a.xml"  # a <lijst> in the request
NO_META = FIXTURES / "02610b21-a7e9-414a-b1c3-2557c6bc4028.xml"  # only externMetadataRecord

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <metadata><meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="kst-21501-02-9999"/>
    <meta name="DCTERMS.issued" scheme="DCTERMS.W3CDTF" content="2021-03-01"/>
    <meta name="DC.type" scheme="OVERHEIDop.KamerstukTypen" content="Brief"/></metadata>
  <kamerstuk>
    <dossier><dossiernummer><dossiernr>21 501</dossiernr>-<raadnr>02</raadnr></dossiernummer>
      <titel>Raad Algemene Zaken en Raad Buitenlandse Zaken</titel></dossier>
    <stuk><stuknr>Nr. <ondernummer>9999</ondernummer></stuknr><titel>BRIEF VAN DE MINISTER</titel>
      <algemeen><vrije-tekst><tekst>
        <tussenkop>Belarus</tussenkop>
        <al>Het kabinet steunt de sancties<noot id="n1" type="voet"><noot.nr>1</noot.nr>
          <noot.al>Kamerstuk 21 501-02, nr. 2244.</noot.al></noot> tegen het   regime.</al>
        <al>De Raad sprak over <nadruk type="cur">Oekraïne</nadruk>.<noot id="n2" type="voet"><noot.nr>2</noot.nr>
          <noot.al>Zie <extref doc="x">www.consilium.europa.eu</extref>.</noot.al></noot></al>
        <ondertekening><al>De Minister van Buitenlandse Zaken,</al><al>S.A. Blok</al></ondertekening>
      </tekst></vrije-tekst></algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>
"""


def test_a_real_motion_keeps_its_blocks_and_metadata_from_the_markup() -> None:
    p = prepare(MANY)
    lines = p.text.split("\n")
    assert "21 501-20 Europese Raad" in lines  # dossier number with its <raadnr>, and its title
    assert "MOTIE VAN DE LEDEN BOSWIJK C.S." in lines
    assert "Voorgesteld 30 september 2025" in lines
    assert lines[-7:] == ["Boswijk", "Van Campen", "Ceder", "Diederik van Dijk", "Piri", "Podt", "Dassen"]
    assert "<" not in p.text and "DC.identifier" not in p.text  # markup and metadata block are not text
    m = p.meta
    assert (m.kamerstuk, m.date, m.kind) == ("21501-20-2287", "2025-09-30", "motie")
    assert m.title.startswith("Motie van het lid Boswijk c.s. over een prioriteringskader")
    assert len(m.submitters) == 7 and "D.J.H. (Diederik) van Dijk" in m.submitters


def test_dossier_forms_and_list_items() -> None:
    assert "36 725 XVII Wijziging van de begrotingsstaat" in prepare(BUDGET).text
    assert prepare(BUDGET).meta.kamerstuk == "36725-XVII-52"
    assert prepare(RAADNR).meta.kamerstuk == "21501-02-3192"
    text = prepare(LIST).text
    assert "aan te moedigen om:\n– aanzienlijk meer fysieke" in text  # <li.nr> before its item, one line each


def test_without_a_metadata_block_the_markup_itself_gives_number_date_and_title() -> None:
    m = prepare(NO_META).meta
    assert (m.kamerstuk, m.date, m.kind, m.submitters) == ("36045-200", "2025-02-18", "motie", [])
    assert m.title == "MOTIE VAN DE LEDEN DASSEN EN JETTEN"


def test_offsets_point_into_the_rendering_for_every_character() -> None:
    for path in sorted(FIXTURES.glob("*.xml")):
        p = prepare(path)
        assert len(p.offset_map) == len(p.text) + 1
        assert all(p.original[o] == c for o, c in zip(p.offset_map, p.text, strict=False))
        start = p.text.index("verzoekt de regering")
        s, e = p.to_original(start, start + 20)
        assert p.original[s:e] == "verzoekt de regering"


def test_footnotes_headings_and_signature_of_a_letter(tmp_path: Path) -> None:
    path = tmp_path / "brief.xml"
    path.write_text(LETTER, encoding="utf-8")
    p = prepare(path)
    body = p.text[: p.body_end]
    assert "\n\nBelarus\n\n" in body  # the heading is a line of its own
    assert "Het kabinet steunt de sancties tegen het regime." in body  # marker cut, whitespace collapsed
    assert "sancties¹ tegen" in p.original  # the rendering keeps the marker where <noot> stood
    assert body.endswith("De Minister van Buitenlandse Zaken,\nS.A. Blok")
    assert [(f.number, f.text) for f in p.footnotes] == [
        (1, "Kamerstuk 21 501-02, nr. 2244."), (2, "Zie www.consilium.europa.eu.")]
    first = p.footnotes[0]
    assert p.text[first.start:first.end] == first.text
    assert p.text[:first.ref].endswith("steunt de sancties")  # the marker stood right after "sancties"
    assert p.text[p.body_end:].startswith("\n\n1 Kamerstuk")
    assert (p.meta.kamerstuk, p.meta.date, p.meta.kind) == ("21501-02-9999", "2021-03-01", "brief")


def test_a_txt_file_holding_kamerstuk_xml_is_read_as_xml(tmp_path: Path) -> None:
    path = tmp_path / "motie.txt"
    shutil.copy(RAADNR, path)
    assert prepare(path).meta.kamerstuk == "21501-02-3192"


@pytest.mark.parametrize(("content", "reason"), [
    ("<officiele-publicatie><kamerstuk><al>De Kamer,</kamerstuk></officiele-publicatie>", "malformed XML at line 1"),
    ("<?xml version='1.0'?><html><body>niets</body></html>", "is not an officielebekendmakingen publication"),
    ("<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>"
     "<officiele-publicatie><al>&e;</al></officiele-publicatie>", "no text"),
])
def test_bad_xml_is_a_clean_error_naming_the_file(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "kapot.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as err:
        prepare(path)
    assert str(path) in str(err.value) and reason in str(err.value)


def test_extract_reports_malformed_xml_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "kapot.xml"
    bad.write_text("<officiele-publicatie><al>De Kamer,</officiele-publicatie>", encoding="utf-8")
    proc = run_cli("extract", str(bad), "--json", str(tmp_path / "out"), check=False)
    assert proc.returncode == 1
    assert "kapot.xml" in proc.stderr and "malformed XML" in proc.stderr and "Traceback" not in proc.stderr


def test_build_stores_an_xml_motion_with_its_metadata(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(MANY, docs / "motie.xml")
    run_cli("build", str(docs), "--data-dir", str(tmp_path / "store"))
    store = Store(str(tmp_path / "store"))
    rows = list(store.query("""
        PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX dkg: <https://w3id.org/diplokg/ontology#>
        SELECT ?ks ?date (COUNT(DISTINCT ?who) AS ?n) WHERE {
          ?d a dkg:Document ; dkg:kamerstuk ?ks ; dcterms:date ?date ; dcterms:creator ?who } GROUP BY ?ks ?date
    """, use_default_graph_as_union=True))
    assert [(r["ks"].value, r["date"].value, int(r["n"].value)) for r in rows] == [("21501-20-2287", "2025-09-30", 7)]
    # The motion found in the text is anchored in the rendering: its quote is readable text, not tags.
    exact = [r["x"].value for r in store.query("""
        PREFIX dkg: <https://w3id.org/diplokg/ontology#> PREFIX oa: <http://www.w3.org/ns/oa#>
        PREFIX opengov: <http://www.w3.org/ns/opengov#>
        SELECT ?x WHERE { ?m a opengov:Motion ; dkg:anchor/oa:exact ?x }""", use_default_graph_as_union=True)]
    assert exact and all("<" not in x for x in exact) and any("Nr. 2287" in x for x in exact)


# --- the motion in the plain text agrees with the publication's official metadata ------------------------
def _fold(name: str) -> str:
    """'D.J.H. (Diederik) van Dijk' -> 'diederik van dijk', 'M. van Nispen' -> 'van nispen'."""
    words = [w.strip("()") for w in name.split() if not w.rstrip(".").replace(".", "").isupper() or "(" in w]
    return " ".join(words).casefold()


@pytest.fixture(scope="module")
def rules_nlp():
    from pipeline.nlp import build_nlp

    return build_nlp("blank")


@pytest.mark.parametrize("xml", sorted(FIXTURES.glob("*.xml")), ids=lambda p: p.stem[:8])
def test_the_motion_read_from_plain_text_is_the_official_one(xml: Path, rules_nlp) -> None:
    """The open-data plain text, one element a line: number, members and date as the XML's metadata has them."""
    from pipeline.run import extract_file

    official = prepare(xml).meta
    own = [m for m in extract_file(xml.with_suffix(".txt"), rules_nlp).motions if m.own]
    assert len(own) == 1
    assert (own[0].id, own[0].date) == (official.kamerstuk, official.date)
    if official.submitters:  # the publications without a metadata block do not list them
        assert sorted(_fold(n) for n in own[0].submitters) == sorted(_fold(n) for n in official.submitters)


def test_other_xml_saved_as_txt_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "notitie.txt"
    path.write_text("<?xml version='1.0'?><notitie>Het kabinet steunt de inzet.</notitie>\n", encoding="utf-8")
    assert "Het kabinet steunt de inzet." in prepare(path).text
