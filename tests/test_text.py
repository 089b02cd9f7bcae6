"""pipeline.text: reading, cleaning, footnotes and the offset map back to the original."""

from __future__ import annotations

import random
import re
import time
from pathlib import Path

import pytest

from pipeline.text import FOOTER_RE, SUPERSCRIPTS, InputError, Prepared, clean, prepare

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("0*.txt"))


def doc(stem: str) -> Prepared:
    return prepare(next(CORPUS.glob(f"{stem}_*.txt")))


def clean_text(original: str) -> str:
    return clean(original)[0]


def assert_maps_back(original: str, text: str, omap: list[int]) -> None:
    """Every visible clean character is the original character it points to."""
    assert len(omap) == len(text) + 1
    assert omap[-1] == len(original)
    bad = [(i, ch, original[omap[i]]) for i, ch in enumerate(text)
           if not ch.isspace() and original[omap[i]] != ch]
    assert not bad, bad[:5]


def make_pdf(pages: list[list[str]]) -> bytes:
    """A minimal hand-written PDF: Helvetica, one text line per entry, one page per list."""
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        ops = ["BT", "/F1 12 Tf", "14 TL", "72 712 Td"]
        ops += [f"({ln.replace('(', '[').replace(')', ']')}) Tj T*" for ln in lines]
        stream = "\n".join([*ops, "ET"]).encode("cp1252")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for k, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % k + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


# --- hyphenation -------------------------------------------------------------------------------
FILLER = "Het kabinet heeft in de Raad Buitenlandse Zaken uitgebreid gesproken over de"


@pytest.mark.parametrize(
    ("left", "right", "expected"),
    [
        ("terroris", "tische", "terroristische"),
        ("Mensen", "rechtenraad", "Mensenrechtenraad"),
        ("VN-Mensen", "rechtenraad", "VN-Mensenrechtenraad"),
        ("Herze", "govina", "Herzegovina"),
        ("wapenbe", "heersing", "wapenbeheersing"),
        ("Nagorno", "Karabakh", "Nagorno-Karabakh"),  # capital after the hyphen
        ("EU", "lidstaten", "EU-lidstaten"),  # acronym before it
        ("LAC", "regio", "LAC-regio"),
        ("COVID19", "impact", "COVID19-impact"),  # digit before it
        ("staakt-het", "vuren", "staakt-het-vuren"),  # hyphenated compound
        ("de", "escalatie", "de-escalatie"),  # vowel clash keeps the hyphen
    ],
)
def test_hyphenation_table(left: str, right: str, expected: str) -> None:
    text = clean_text(f"{FILLER} {left}-\n{right} en andere zaken die de Raad vandaag besprak.\n")
    assert f" {expected} en andere" in text
    assert "\n" not in text.strip()


@pytest.mark.parametrize(
    ("elsewhere", "left", "right", "expected"),
    [
        ("anti-terrorisme", "anti", "terrorisme", "anti-terrorisme"),  # would be joined without evidence
        ("samenwerking", "samen", "werking", "samenwerking"),
        ("Minsk-akkoorden", "Minsk", "akkoorden", "Minsk-akkoorden"),
        ("Vertegenwoordiger", "Vertegenwoor", "diger", "Vertegenwoordiger"),
    ],
)
def test_hyphenation_follows_the_documents_own_spelling(elsewhere: str, left: str, right: str,
                                                       expected: str) -> None:
    original = (f"Eerder schreef het kabinet al over {elsewhere} in een brief aan de Kamer.\n\n"
                f"{FILLER} {left}-\n{right} en andere zaken die de Raad vandaag besprak.\n")
    assert f" {expected} en andere" in clean_text(original)


def test_corpus_hyphenation() -> None:
    t001, t003 = doc("001").text, doc("003").text
    for word in ("terroristische", "Vertegenwoordiger Borrell", "wapenbeheersing", "EU-VS samenwerking",
                 "staakt-het-vuren een kans", "onafhankelijke", "presidentsverkiezingen"):
        assert word in t001
    assert "VN-Mensenrechtenraad over de zorgelijke" in t003
    assert "Hoge Commissaris voor de Mensenrechten (OHCHR)" in t003
    assert "Minsk-akkoorden heeft voldaan" in doc("000").text
    assert "de-escalerende maatregelen" in doc("004").text


# --- unwrapping and layout ----------------------------------------------------------------------
def test_unwraps_lines_keeps_paragraphs_and_headings() -> None:
    t000 = doc("000").text
    assert "Wit-Rusland\nDe Raad zal spreken over de aanhoudende crisis in Wit-Rusland." in t000
    assert ("De Raad zal onder current affairs de bespreking van de situatie in Wit-Rusland voortzetten en "
            "daarnaast stilstaan bij de ontwikkelingen in Nagorno-Karabakh.") in t000
    assert "\n\nCurrent Affairs\n\nWit-Rusland\n" in t000
    t004 = doc("004").text
    assert "\nOekraïne (OVSE Special Monitoring Mission) en Zwarte Zee regio\nNederland kent grote" in t004
    assert "Inleiding\nDe Ministeriële Raad van de Organisatie voor Veiligheid en Samenwerking" in t004


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:3])
def test_whitespace_is_normalised(path: Path) -> None:
    text = prepare(path).text
    assert "  " not in text
    assert "\n\n\n" not in text
    assert not re.search(r" \n|\n ", text)
    assert text == text.strip()


def test_wrapped_continuation_lines_are_not_lists_or_footnotes() -> None:
    t000, t001 = doc("000").text, doc("001").text
    assert "Op 29 september kwam de VN Veiligheidsraad bijeen" in t000
    assert "sectorale sancties zolang Rusland niet aan de Minsk-akkoorden heeft voldaan; 2) aanhalen" in t000
    assert "donorconferentie Afghanistan die op 23 en 24 november 2020 plaatsvond in Genève" in t001
    assert "lid Ploumen c.s. (Kamerstuk 35 570 V, nr. 42) en van het lid Van Helvert" in t001
    assert "VN Veiligheidsraad Resoluties 550 en 789. De Europese Raad van december" in t001
    t002 = doc("002").text
    assert "\n\n1. Motie van het lid Eppink over de verslechterende mensenrechtensituatie" in t002
    assert "\n\n18. Motie van het lid Voordewind c.s." in t002


def test_numbered_items_on_their_own_lines() -> None:
    original = ("De Kamer nam de volgende moties aan:\n"
                "1. Motie van het lid Eppink over de mensenrechtensituatie;\n"
                "2. Motie van de leden Segers en Van der Lee over Bakoe.\n")
    text = clean_text(original)
    assert text.splitlines() == ["De Kamer nam de volgende moties aan:",
                                 "1. Motie van het lid Eppink over de mensenrechtensituatie;",
                                 "2. Motie van de leden Segers en Van der Lee over Bakoe."]


# --- headers, footers, reference boxes -----------------------------------------------------------
BODY_1 = ("De Raad stond kort stil bij de lokale verkiezingen in Bosnië-Herzegovina, die ordelijk en zonder\n"
          "grote ongeregeldheden zijn verlopen, en één van de veertien prioriteiten van het land vormen om")
BODY_2 = "kandidaat-lidstaat te worden. Desalniettemin is er nog een lange weg te gaan.\n"


@pytest.mark.parametrize(
    "furniture",
    [
        "Tweede Kamer, vergaderjaar 2020–2021, 21 501-02, nr. 2244 4",
        "Tweede Kamer, vergaderjaar 2020–2021, 32 735, nr. 312 2",
        "Tweede Kamer, vergaderjaar 2021-2022, 35 570 V, nr. 64",
        "Pagina 2 van 5",
        "3",
        "Onze Referentie\n\nBZDOC-1235421577-13",
        "Onze Referentie\nSTPS5HHCFWEY-7-88383",
        "Onze referentie BZDOC-1235421577-13",
        "Uw Referentie\n\nT/14102021/DEU-1",
        "Bijlage(n)",
    ],
)
def test_page_furniture_is_dropped_and_the_sentence_rejoined(furniture: str) -> None:
    original = f"{BODY_1}\n\n{furniture}\n\n\n\n{BODY_2}"
    text, omap, _, _ = clean(original)
    assert "vormen om kandidaat-lidstaat te worden." in text
    assert "\n" not in text
    for line in furniture.splitlines():
        if line.strip():
            assert line not in text
    assert_maps_back(original, text, omap)


def test_reference_box_in_the_middle_of_a_paragraph() -> None:
    original = ("Het kabinet heeft zich in de Raad Buitenlandse Zaken van 22 maart ingezet voor de\n"
                "vrijlating van krijgsgevangenen die nog vastzitten na de oorlog tussen Azerbeidzjan en\n\n"
                "Onze Referentie\n\nSTPS5HHCFWEY-7-88383\n\n"
                "Armenië, en zal dat blijven doen.\n")
    text = clean_text(original)
    assert text.endswith("na de oorlog tussen Azerbeidzjan en Armenië, en zal dat blijven doen.")
    assert "Referentie" not in text and "STPS" not in text


def test_corpus_letterhead_and_boxes_removed() -> None:
    t002 = doc("002").text
    for gone in ("Onze Referentie", "STPS5HHCFWEY", "BZDOC", "Uw Referentie", "T/14102021", "Bijlage(n)",
                 "Rijnstraat", "Postbus", "2515 XP", "www.rijksoverheid.nl\n"):
        assert gone not in t002, gone
    assert t002.startswith("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n\n"
                           "Datum 4 november 2021\n\nBetreft de uitvoering van alle moties")
    # Paragraphs broken by footnotes and boxes at page breaks join back.
    assert "Er werd opgeroepen de troepen terug te trekken tot de posities van voor 12 mei." in t002
    assert "toezicht op het staakt-het-vuren in Nagorno-Karabach, een rol die" in t002
    assert "door zowel Armenië als Azerbeidzjan. Ook het uitgebreide rapport" in t002
    assert "Algemene Vergadering van de Verenigde Naties in New York." in t002
    assert "\n\nHet kabinet acht de uitvoering van deze motie niet langer van toepassing" in t002
    assert "\n\n5. Motie van de leden Van Helvert en Voordewind" in t002
    assert "Tweede Kamer, vergaderjaar" not in doc("001").text


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:3])
def test_no_furniture_left_in_the_corpus(path: Path) -> None:
    p = prepare(path)
    for line in p.text.splitlines():
        assert not FOOTER_RE.match(line), line
        assert line.strip() not in {"Onze Referentie", "Uw Referentie", "Bijlage(n)"}
        assert not re.fullmatch(r"\d{1,3}", line.strip()), line
    assert not re.search(f"[{SUPERSCRIPTS}]", p.text[:p.body_end])


# --- footnotes -----------------------------------------------------------------------------------
def test_superscript_footnotes() -> None:
    p = doc("002")
    assert [f.number for f in p.footnotes] == list(range(1, 30))
    first = p.footnotes[0]
    assert first.text.startswith("Kamerbrief over het conflict tussen Azerbeidzjan en Armenië, 16 juni 2021")
    assert first.text.endswith("kamerbrief-over-het-conflict-tussen-azerbeidzjan-en-armenie>")
    assert p.text[first.ref - 3:first.ref] == "jl."  # "... van 16 juni jl.¹"
    # Footnotes that cite several documents keep all of them.
    assert "Verslag Raad Buitenlandse Zaken 12 juli 2021 (21501-02 Nr. 2390)" in p.footnotes[5].text
    assert "Kamerbrief over toezeggingen tijdens het commissiedebat 16 juni" in p.footnotes[5].text
    assert "Beantwoording Kamervragen Van Haga" in p.footnotes[22].text
    assert p.footnotes[3].text.endswith("plenaire_verslagen/detail/2020-2021/90")
    for f in p.footnotes:
        assert p.text[f.start:f.end] == f.text
        assert f.start >= p.body_end
        assert f.ref is not None and f.ref <= p.body_end
        assert "Kamerbrief" not in p.text[f.ref:f.ref + 2]
    body = p.text[:p.body_end]
    assert "https://" not in body
    assert "de kamerbrief d.d. 7 december 2020, de kamerbrief d.d. 7 juli 2021 en" in body


def test_plain_number_footnotes() -> None:
    p0 = doc("000")
    assert [(f.number, f.text) for f in p0.footnotes] == [
        (1, "De JOIN(2020) 5 final ANNEX BIJLAGE bij de GEZAMENLIJKE MEDEDELING AAN HET EUROPEES PARLEMENT "
            "EN DE RAAD “EU-actieplan inzake mensenrechten en democratie 2020-2024”")]
    assert p0.text[p0.footnotes[0].ref - 9:p0.footnotes[0].ref + 10] == "actieplan (kenmerk "
    assert "Gemeenschappelijk Buitenlands en Veiligheidsbeleid (GBVB) staat" in p0.text
    p1 = doc("001")
    assert [(f.number, f.text) for f in p1.footnotes] == [(1, "Raadpleegbaar via www.tweedekamer.nl.")]
    assert "over dit onderwerp (zie bijlage). Uw Kamer" in p1.text
    assert "De Hoge Vertegenwoordiger is voornemens hierover te besluiten" in p1.text
    assert p1.text[:p1.body_end].count("Raadpleegbaar") == 0


def test_markers_of_footnotes_the_excerpt_lacks() -> None:
    # Excerpts end before their footnotes; the markers still go, counting up, and numbers stay.
    original = ("Het woord was aan de heer Tajani1, voorzitter van het EP. Zij verdienen onze steun.2 Om die reden "
                "(zie bijlage)3. Zie Kamerstuk 35 300-X, nr.45 en Kamerstuk35 373. Sinds de jaren ’90 is de G7 "
                "actief; de EU27 volgde in 2019. Het tweede punt1 volgt.\n")
    text, omap, notes, _ = clean(original)
    assert not notes
    assert "de heer Tajani, voorzitter" in text
    assert "onze steun. Om die reden (zie bijlage). Zie" in text
    assert "nr.45 en Kamerstuk35 373" in text and "jaren ’90" in text and "G7" in text and "EU27" in text
    assert "punt1 volgt" in text  # 1 after 3 is no marker of this text's count
    assert_maps_back(original, text, omap)


def test_footnote_rule_and_page_break() -> None:
    original = ("Het kabinet informeert hierbij over het verloop van de onderhandelingen over actieplan2\n"
                "en over de inzet van de Europese Commissie die in de Raad verder wordt besproken in het\n\n"
                + " " * 40 + "\n"
                "2 Kamerstuk 22 112, nr. 2871, raadpleegbaar via www.tweedekamer.nl\n\n\n\n"
                "Gemeenschappelijk Buitenlands en Veiligheidsbeleid.\n")
    original = "Zie ook de eerdere brief.1\n\n1 Eerste voetnoot via www.example.org.\n\n" + original
    text, omap, notes, body_end = clean(original)
    assert [f.number for f in notes] == [1, 2]
    assert notes[1].text == "Kamerstuk 22 112, nr. 2871, raadpleegbaar via www.tweedekamer.nl"
    assert "over actieplan en over de inzet" in text[:body_end]
    assert "besproken in het Gemeenschappelijk Buitenlands en Veiligheidsbeleid." in text[:body_end]
    assert_maps_back(original, text, omap)


@pytest.mark.parametrize(
    "line",
    [
        "1. Motie van het lid Eppink over de mensenrechtensituatie in Azerbeidzjan.",
        "1 oktober kwam de Europese Raad bijeen en sprak over de sancties via www.consilium.eu.",
        "24 november 2020 plaatsvond in Genève en de conferentie verliep goed.",
        "35 570 V, nr. 42) en van het lid Van Helvert c.s. werden aangenomen.",
    ],
)
def test_digit_lines_that_are_not_footnotes(line: str) -> None:
    original = f"De Raad stond stil bij de ontwikkelingen in de regio en de lidstaten.\n\n{line}\n"
    text, _, notes, _ = clean(original)
    assert notes == []
    assert line in text


def test_superscript_footnote_in_place_of_a_page_break() -> None:
    original = ("Tijdens de Europese Raad heeft het kabinet zorgen geuit over de situatie.² "
                "Er werd opgeroepen de troepen terug\n\n"
                "² Verslag van de Europese Raad (2021Z19031) <https://www.rijksoverheid.nl/documenten/x>\n\n"
                "https://www.tweedekamer.nl/kamerstukken/y\n\n"
                "te trekken tot de posities van voor 12 mei.\n")
    text, omap, notes, body_end = clean(original)
    assert text[:body_end] == ("Tijdens de Europese Raad heeft het kabinet zorgen geuit over de situatie. "
                               "Er werd opgeroepen de troepen terug te trekken tot de posities van voor "
                               "12 mei.")
    assert notes[0].number == 2
    assert notes[0].text.endswith("documenten/x> https://www.tweedekamer.nl/kamerstukken/y")
    assert text[notes[0].ref - 9:notes[0].ref] == "situatie."
    assert_maps_back(original, text, omap)


# --- offset map ----------------------------------------------------------------------------------
@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name[:3])
def test_offset_map_points_at_the_original(path: Path) -> None:
    p = prepare(path)
    assert_maps_back(p.original, p.text, p.offset_map)
    body = p.offset_map[:p.body_end]
    assert all(a <= b for a, b in zip(body, body[1:], strict=False))  # running text keeps its order
    rng = random.Random(path.name)
    for _ in range(300):
        i = rng.randrange(0, p.body_end - 1)
        j = rng.randrange(i + 1, min(p.body_end, i + 300) + 1)
        a, b = p.to_original(i, j)
        assert 0 <= a < b <= len(p.original)
        if not p.text[i].isspace():
            assert p.original[a] == p.text[i]
        if not p.text[j - 1].isspace():
            assert p.original[b - 1] == p.text[j - 1]
    for f in p.footnotes:
        a, b = p.to_original(f.start, f.end)
        assert re.sub(r"\s+", " ", p.original[a:b]) == f.text
    if p.footnotes:  # a span across the end of the running text still gets a covering span
        i, j = p.body_end - 5, p.footnotes[0].start + 5
        a, b = p.to_original(i, j)
        assert a <= p.offset_map[i] and b >= p.offset_map[j - 1] + 1


def test_joined_word_maps_to_its_original_span() -> None:
    p = doc("001")
    i = p.text.index("terroristische")
    a, b = p.to_original(i, i + len("terroristische"))
    assert p.original[a:b] == "terroris-\ntische"
    i = p.text.index("Hoge Vertegenwoordiger is voornemens")
    a, b = p.to_original(i, i + len("Hoge Vertegenwoordiger"))
    assert p.original[a:b].startswith("Hoge \n\n1 Raadpleegbaar")  # the footnote lies in between
    assert p.original[a:b].endswith(" Vertegenwoordiger")
    p3 = doc("003")
    i = p3.text.index("VN-Mensenrechtenraad over de zorgelijke")
    a, b = p3.to_original(i, i + len("VN-Mensenrechtenraad"))
    assert p3.original[a:b] == "VN-Mensen-\nrechtenraad"


def test_to_original_edges() -> None:
    p = doc("003")
    assert p.to_original(0, 0) == (p.offset_map[0], p.offset_map[0])
    assert p.to_original(len(p.text), len(p.text)) == (len(p.original), len(p.original))
    with pytest.raises(ValueError):
        p.to_original(5, 2)
    with pytest.raises(ValueError):
        p.to_original(0, len(p.text) + 1)


# --- reading -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t\n  ", "empty"),
        ("garbage.txt", bytes(range(256)) * 4, "binary"),
        ("bad.txt", b"Caf\xc3 \x81\x8d\x8f\x90\x9d niet te lezen", "UTF-8"),
        ("letter.docx", b"PK\x03\x04 a zip", "unsupported"),
        ("noext", b"tekst", "unsupported"),
        ("broken.pdf", b"%PDF-1.4\nthis is not really a pdf", "PDF"),
    ],
)
def test_input_errors_name_the_file(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        prepare(path)
    assert isinstance(err.value, ValueError)
    assert str(err.value).startswith(f"{path}: ")
    assert reason.lower() in str(err.value).lower()


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nergens.txt"
    with pytest.raises(InputError, match="nergens.txt: file not found"):
        prepare(path)


def test_pdf_without_text(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    with pytest.raises(InputError, match="scan.pdf: PDF has no extractable text"):
        prepare(path)


def test_cp1252_fallback(tmp_path: Path) -> None:
    path = tmp_path / "oud.txt"
    path.write_bytes("Overleg in België over de crisis – een verslag.\n".encode("cp1252"))
    assert prepare(path).text == "Overleg in België over de crisis – een verslag."


def test_pdf_pages(tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(make_pdf([
        ["Hallo Wit-Rusland. De minister sprak over de terroris-", "tische aanslagen in Frankrijk en over",
         "Tweede Kamer, vergaderjaar 2020-2021, 21 501-02, nr. 2244 1"],
        ["de situatie in Nagorno-", "Karabakh en Belarus."],
    ]))
    p = prepare(path)
    assert p.text == ("Hallo Wit-Rusland. De minister sprak over de terroristische aanslagen in Frankrijk "
                      "en over de situatie in Nagorno-Karabakh en Belarus.")
    assert len(p.page_starts) == 2 and p.original[p.page_starts[1]:].startswith("de situatie")
    assert_maps_back(p.original, p.text, p.offset_map)
    assert p.meta.doc_id == "brief" and p.meta.kamerstuk == "21501-02-2244"


def test_crlf_and_ligatures() -> None:
    original = "De ofﬁciële verklaring van de Raad\r\nwerd gisteren gepubliceerd.\r\n"
    text, omap, _, _ = clean(original)
    assert text == "De officiële verklaring van de Raad werd gisteren gepubliceerd."
    assert original[omap[text.index("fi")]] == "ﬁ"


def test_performance() -> None:
    original = next(CORPUS.glob("004_*.txt")).read_text(encoding="utf-8")
    assert len(original) > 20_000
    clean(original)
    start = time.perf_counter()
    for _ in range(5):
        clean(original)
    assert (time.perf_counter() - start) / 5 < 0.05  # a few ms in practice; generous for slow CI


def test_prepare_attaches_metadata() -> None:
    p = doc("001")
    assert p.meta.doc_id == "001_53bf0c25d9bce7d3"
    assert p.meta.kamerstuk == "21501-02-2244"
    assert p.path.name == p.meta.source


def test_text_printed_one_element_a_line_keeps_its_lines(tmp_path) -> None:
    """Open-data exports print one element a line without blank lines: those breaks are no wraps."""
    lines = ["De Kamer,", "gehoord de beraadslaging,",
             "constaterende dat de Raad in oktober over de uitbreiding van de Unie met de kandidaat-lidstaten spreekt;",
             "verzoekt de regering zich in de Raad in te zetten voor een tribunaal voor het misdrijf van agressie,",
             "en gaat over tot de orde van de dag.", "Jansen", "De Vries"]
    path = tmp_path / "motie.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert prepare(path).text.split("\n") == lines


def test_wrapped_text_is_still_unwrapped(tmp_path) -> None:
    path = tmp_path / "brief.txt"
    path.write_text("Het kabinet steunt de inzet van de Hoge Vertegenwoordiger om de dialoog met\n"
                    "de regering van Belarus te hervatten, en het kabinet roept de autoriteiten op\n"
                    "om alle politieke gevangenen onmiddellijk en onvoorwaardelijk vrij te laten.\n", encoding="utf-8")
    assert prepare(path).text.count("\n") == 0
