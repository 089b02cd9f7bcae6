"""pipeline.metadata: sidecars win, inference fills in."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.metadata import (
    InputError,
    infer_kamerstuk,
    kamerstuk_id,
    load_meta,
    normalise_kamerstuk,
    own_number_mentions,
    parse_dutch_date,
    printed_kamerstuk,
)

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def corpus_file(stem: str) -> Path:
    return next(CORPUS.glob(f"{stem}_*.txt"))


@pytest.mark.parametrize(
    ("stem", "date", "kind", "kamerstuk"),
    [
        ("000", "2020-10", "geannoteerde agenda", None),
        ("001", "2020-11", "verslag", "21501-02-2244"),
        ("002", "2021-11-04", "kamerbrief", None),
        ("003", "2020-09-17", "brief", "32735-312"),
        ("004", "2021-11", "geannoteerde agenda", None),
    ],
)
def test_corpus_sidecars(stem: str, date: str, kind: str, kamerstuk: str | None) -> None:
    path = corpus_file(stem)
    assert Path(f"{path}.meta.json").is_file()
    meta = load_meta(path, path.read_text(encoding="utf-8"))
    assert (meta.date, meta.kind, meta.kamerstuk) == (date, kind, kamerstuk)
    assert meta.doc_id == path.stem and meta.source == path.name
    assert meta.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert meta.title


def without_sidecar(tmp_path: Path, stem: str) -> Path:
    src = corpus_file(stem)
    dst = tmp_path / src.name
    shutil.copy(src, dst)
    return dst


@pytest.mark.parametrize(
    ("stem", "title", "date", "kind", "kamerstuk"),
    [
        # The title's meeting date is only a fallback: the sidecar knows the letter's own date.
        ("000", "GEANNOTEERDE AGENDA VAN DE RAAD BUITENLANDSE ZAKEN VAN 12 OKTOBER 2020", "2020-10-12",
         "geannoteerde agenda", None),
        ("001", "VERSLAG INFORMELE VIDEOCONFERENTIE VAN DE LEDEN VAN DE RAAD BUITENLANDSE ZAKEN VAN "
                "19 NOVEMBER 2020", "2020-11-19", "verslag", "21501-02-2244"),
        ("002", "de uitvoering van alle moties gerelateerd aan het conflict in en rond Nagorno-Karabach",
         "2021-11-04", "kamerbrief", None),
        ("003", "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN", "2020-09-17", "brief", "32735-312"),
    ],
)
def test_inference_without_sidecar(tmp_path: Path, stem: str, title: str, date: str, kind: str,
                                   kamerstuk: str | None) -> None:
    path = without_sidecar(tmp_path, stem)
    meta = load_meta(path, path.read_text(encoding="utf-8"))
    assert (meta.title, meta.date, meta.kind, meta.kamerstuk) == (title, date, kind, kamerstuk)


def test_sidecar_wins_field_by_field(tmp_path: Path) -> None:
    path = without_sidecar(tmp_path, "003")
    Path(f"{path}.meta.json").write_text(json.dumps({"date": "2020-09", "kamerstuk": None}), encoding="utf-8")
    meta = load_meta(path, path.read_text(encoding="utf-8"))
    assert meta.date == "2020-09"
    assert meta.kamerstuk is None  # an explicit null is an answer, not a gap
    assert meta.kind == "brief"  # not in the sidecar: inferred


@pytest.mark.parametrize(("printed", "expected"), [
    ("21 501-20, nr. 1172", "21501-20-1172"), ("36 410 X, Nr. 63", "36410-X-63"), ("22054-317", "22054-317"),
    ("Kamerstuk 32 735, nr. 312", "32735-312"), ("33 279 / 29 521, nr. 5", "33279-5"),
    ("Aanhangsel Handelingen II 2014/15, nr. 3179", None), ("27 925, J", None),  # no Kamerstuk number
])
def test_a_sidecars_kamerstuk_in_the_graphs_form(tmp_path: Path, printed: str, expected: str | None) -> None:
    # Sidecars print the number as parliament does; the shapes want 21501-20-1172 (270 of the 300 real
    # documents were refused before this).
    assert kamerstuk_id(printed) == expected
    path = without_sidecar(tmp_path, "003")
    Path(f"{path}.meta.json").write_text(json.dumps({"kamerstuk": printed}), encoding="utf-8")
    assert load_meta(path, path.read_text(encoding="utf-8")).kamerstuk == expected


@pytest.mark.parametrize(
    ("content", "reason"),
    [("{not json", "unreadable sidecar"), ("[1, 2]", "JSON object"), ('{"date": "17-09-2020"}', "ISO")],
)
def test_bad_sidecar(tmp_path: Path, content: str, reason: str) -> None:
    path = without_sidecar(tmp_path, "003")
    Path(f"{path}.meta.json").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as err:
        load_meta(path, path.read_text(encoding="utf-8"))
    assert str(err.value).startswith(f"{path}.meta.json: ")


@pytest.mark.parametrize(
    ("dossier", "nr", "expected"),
    [
        ("21 501-02", 2244, "21501-02-2244"),
        ("32 735", "312", "32735-312"),
        ("35 570 V", 42, "35570-V-42"),
        ("21501-20", None, "21501-20"),
    ],
)
def test_normalise_kamerstuk(dossier: str, nr: str | int | None, expected: str) -> None:
    assert normalise_kamerstuk(dossier, nr) == expected


def test_parse_dutch_date() -> None:
    assert parse_dutch_date("Den Haag, 17 september 2020") == "2020-09-17"
    assert parse_dutch_date("VAN 12 OKTOBER 2020") == "2020-10-12"
    assert parse_dutch_date("geen datum") is None


def test_minimal_text_gets_defaults(tmp_path: Path) -> None:
    path = tmp_path / "notitie.txt"
    path.write_text("Een korte notitie zonder kop.\n", encoding="utf-8")
    meta = load_meta(path, path.read_text(encoding="utf-8"))
    assert meta.title == "Een korte notitie zonder kop."
    assert (meta.date, meta.kind, meta.kamerstuk, meta.doc_id) == (None, "brief", None, "notitie")


@pytest.mark.parametrize(("kamerstuk", "printed"), [
    ("21501-02-2244", "Kamerstuk 21 501-02, nr. 2244"),
    ("32735-312", "Kamerstuk 32 735, nr. 312"),
    ("35570-V-42", "Kamerstuk 35 570 V, nr. 42"),
])
def test_printed_kamerstuk(kamerstuk: str, printed: str) -> None:
    assert printed_kamerstuk(kamerstuk) == printed
    assert normalise_kamerstuk(*printed.removeprefix("Kamerstuk ").split(", nr. ")) == kamerstuk


@pytest.mark.parametrize(("stem", "surfaces"), [("001", {"21 501-02, nr. 2244"}), ("003", {"Nr. 312"})])
def test_where_a_letter_prints_its_own_number(stem: str, surfaces: set[str]) -> None:
    text = corpus_file(stem).read_text(encoding="utf-8")
    assert {" ".join(text[a:b].split()) for a, b in own_number_mentions(text)} == surfaces


@pytest.mark.parametrize(("head", "surface"), [
    ("22 718\nOVSE-Assemblée\n\nE\nnr. 17\nVERSLAG VAN DE ZITTING 2008\n", "nr. 17"),
    ("22 718 OVSE-Assemblée\n\nAD/ Nr. 44 VERSLAG VAN DE 28STE JAARLIJKSE ZITTING\n", "Nr. 44"),
])
def test_own_numbers_as_pdfs_print_them(head: str, surface: str) -> None:
    """A lower-case 'nr.', or a typesetting code before it: the front page still prints the number."""
    assert [head[a:b] for a, b in own_number_mentions(head)] == [surface]
    assert infer_kamerstuk(head) == f"22718-{surface.split()[-1]}"


def test_a_kamerstuk_letter_is_itself_a_document_entity() -> None:
    from pipeline.nlp import build_nlp
    from pipeline.run import extract_file

    extraction = extract_file(corpus_file("003"), build_nlp("blank"))
    own = next(e for e in extraction.entities if e.key == "32735-312")
    assert (own.type, own.name, own.aliases) == ("DOCUMENT", "Kamerstuk 32 735, nr. 312", ["Nr. 312"])
    mention = own.mentions[0]
    assert extraction.text[mention.start:mention.end].startswith("Nr. 312")  # the front page's line
