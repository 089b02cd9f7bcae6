"""Dutch date expressions to ISO (pipeline.dates) and the diplokg_dates component."""

from __future__ import annotations

import pytest
import spacy

from pipeline.dates import find_date_ranges, find_dates, normalise_date, normalise_date_range, resolve_year

# (text, anchor, expected ISO of the first date or None)
CASES = [
    # full dates
    ("12 oktober 2020", None, "2020-10-12"),
    ("de Raad van 3 maart 2019 besprak", "2021-11", "2019-03-03"),
    ("RAAD BUITENLANDSE ZAKEN VAN 19 NOVEMBER 2020", None, "2020-11-19"),
    ("op 3 okt. 2021", None, "2021-10-03"),
    ("op 31 november 2020", None, "2020-11"),  # no such day: only what is certain, the month
    # jl. / a.s. against a year-month anchor, and across year boundaries
    ("op 27 september jl.", "2020-10", "2020-09-27"),
    ("op 14 oktober jl.", "2020-10", "2020-10-14"),
    ("op 28 november jl.", "2021-02", "2020-11-28"),
    ("12 oktober a.s.", "2020-10", "2020-10-12"),
    ("op 15 januari a.s.", "2020-12", "2021-01-15"),
    ("op 2 maart aanstaande", "2021-05", "2022-03-02"),
    ("op 9 juni jongstleden", "2021-03", "2020-06-09"),
    # jl. / a.s. against a full anchor: the day decides within the anchor's month
    ("14 oktober jl.", "2021-11-04", "2021-10-14"),
    ("1 oktober jl.", "2021-11-04", "2021-10-01"),
    ("op 20 november jl.", "2021-11-04", "2020-11-20"),
    ("15 december a.s.", "2021-11-04", "2021-12-15"),
    ("op 2 november a.s.", "2021-11-04", "2022-11-02"),
    # weekday prefixes
    ("op maandag 12 oktober", "2020-10", "2020-10-12"),
    ("vanaf woensdagavond 1 december", "2021-11", "2021-12-01"),
    ("De EU heeft op vrijdag 28 mei jl. een verklaring gedeeld", "2021-11-04", "2021-05-28"),
    # bare day and month: the anchor's year within the past-biased window
    ("op 21 juni", "2021-11-04", "2021-06-21"),
    ("per 18 december", "2021-11", "2021-12-18"),
    ("op 30 december", "2021-03-15", "2020-12-30"),  # > 6 months after the anchor: last year
    ("op 10 januari", "2021-12-20", "2022-01-10"),  # > 10 months before the anchor: next year
    ("Op 22 januari stuurde de minister een brief", "2021-11-04", "2021-01-22"),
    ("op 12 oktober", None, None),  # no anchor: the year is unknown, so no date
    # ranges give their first day
    ("21 en 22 oktober 2021", None, "2021-10-21"),
    ("2 en 3 december", "2021-11", "2021-12-02"),
    ("VAN 2 EN 3 DECEMBER\n2021", None, "2021-12-02"),
    ("van 30 november tot en met 2 december 2021", None, "2021-11-30"),
    ("30 december - 2 januari 2021", None, "2020-12-30"),
    # months: partial dates stay partial
    ("eind oktober", "2021-11-04", "2021-10"),
    ("Eind oktober werden gevangenen vrijgelaten", "2021-11-04", "2021-10"),
    ("begin november", "2020-10", "2020-11"),
    ("medio juli", "2020-10", "2020-07"),
    ("in juli", "2020-10", "2020-07"),
    ("in september jl.", "2021-11", "2021-09"),
    ("de Raad van november a.s.", "2020-10", "2020-11"),
    ("in januari a.s.", "2021-11", "2022-01"),
    ("oktober 2020", None, "2020-10"),
    ("sinds juni 2014", None, "2014-06"),
    ("in 2020", None, "2020"),
    # numeric
    ("12-10-2020", None, "2020-10-12"),
    ("d.d. 12/10/2020", None, "2020-10-12"),
    ("1.3.2021", None, "2021-03-01"),
    ("gewijzigd op 2021-11-04", None, "2021-11-04"),
    # no false positives
    ("Kamerstuk 21 501-02, nr. 2244", "2020-10", None),
    ("(21 501-02 Nr. 2044)", None, None),
    ("motie 21501-02-2234", None, None),
    ("(35570-V-31)", None, None),
    ("om 12.00 uur", None, None),
    ("met 57% van de stemmen", None, None),
    ("Postbus 20061, 2515 XP Den Haag", None, None),
    ("EUR 2000 mln", None, None),
    ("(2021Z19031)", None, None),
    ("<https://www.rijksoverheid.nl/documenten/2020/11/26/verslag>", None, None),
    ("vrouwen en mei-\nsjes", "2021-11", None),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES)
def test_normalise_date(text: str, anchor: str | None, expected: str | None) -> None:
    assert normalise_date(text, anchor) == expected


RANGES = [
    ("21 en 22 oktober 2021", None, ("2021-10-21", "2021-10-22")),
    ("2 en 3 december", "2021-11", ("2021-12-02", "2021-12-03")),
    ("15 t/m 17 maart 2022", None, ("2022-03-15", "2022-03-17")),
    ("30 december - 2 januari 2021", None, ("2020-12-30", "2021-01-02")),
    ("12 oktober 2020", None, ("2020-10-12", "2020-10-12")),
    ("de periode 2014-2020", None, ("2014", "2020")),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), RANGES)
def test_normalise_date_range(text: str, anchor: str | None, expected: tuple[str, str]) -> None:
    assert normalise_date_range(text, anchor) == expected


def test_find_dates_offsets_and_order() -> None:
    text = "Op 27 september jl. braken vijandelijkheden uit; de Raad komt op 12 oktober a.s. bijeen."
    found = find_dates(text, "2020-10")
    assert [(text[s:e], iso) for s, e, iso in found] == [
        ("27 september jl.", "2020-09-27"),
        ("12 oktober a.s.", "2020-10-12"),
    ]


def test_find_dates_across_a_line_break_and_footnote_marker() -> None:
    text = "tijdens de Raad van 23 en\n24 november 2020.¹ Op 16 juni jl.² sprak de minister"
    assert [iso for _, _, iso in find_dates(text, "2020-11")] == ["2020-11-23", "2020-06-16"]


def test_preposition_is_not_part_of_the_span() -> None:
    text = "de confrontatie in juli"
    assert [(text[s:e], a, b) for s, e, a, b in find_date_ranges(text, "2020-10")] == [
        ("juli", "2020-07", "2020-07")]


@pytest.mark.parametrize(("month", "day", "anchor", "rel", "year"), [
    (9, 27, "2020-10", "past", 2020),
    (11, None, "2020-10", "past", 2019),
    (10, None, "2020-10", "future", 2020),
    (9, None, "2020-10", "future", 2021),
    (5, 1, "2020", None, 2020),  # only a year known
    (5, 1, None, None, None),
])
def test_resolve_year(month: int, day: int | None, anchor: str | None, rel: str | None,
                      year: int | None) -> None:
    assert resolve_year(month, day, anchor, rel) == year


def test_component_sets_spans_and_iso() -> None:
    import pipeline.components.dates  # noqa: F401

    nlp = spacy.blank("nl")
    nlp.add_pipe("diplokg_dates")
    doc = nlp.make_doc("Op maandag 12 oktober zal de Raad spreken over 27 september jl. en oktober 2019.")
    doc._.doc_date = "2020-10"
    doc = nlp(doc)
    assert [(s.text, s._.iso_date) for s in doc._.dates] == [
        ("maandag 12 oktober", "2020-10-12"),
        ("27 september jl.", "2020-09-27"),
        ("oktober 2019", "2019-10"),
    ]
    assert nlp.get_pipe_config("diplokg_dates")["patterns"] == {"@misc": "diplokg.date_patterns.v1"}
