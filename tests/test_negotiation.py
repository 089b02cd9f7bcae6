"""Table tests for api.negotiation."""

from __future__ import annotations

import pytest

from api.negotiation import base_type, charset, negotiate, parse_accept

RESULTS = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
]
GRAPH = ["text/turtle", "application/n-triples", "application/ld+json", "application/trig"]

CASES = [
    # (accept header, offered, expected, why)
    (None, RESULTS, "application/sparql-results+json", "no header: server default"),
    ("", RESULTS, "application/sparql-results+json", "empty header: server default"),
    ("   ", GRAPH, "text/turtle", "blank header: server default"),
    ("*/*", GRAPH, "text/turtle", "anything: server default"),
    ("*", GRAPH, "text/turtle", "bare * from old Java clients means */*"),
    ("text/csv", RESULTS, "text/csv", "exact"),
    ("TEXT/CSV", RESULTS, "text/csv", "case-insensitive"),
    ("text/csv;charset=utf-8", RESULTS, "text/csv", "parameters on the range, not on the offer"),
    ("application/sparql-results+xml, */*;q=0.1", RESULTS, "application/sparql-results+xml", "explicit wins"),
    ("text/*", RESULTS, "text/csv", "type wildcard, server order among text/*"),
    ("text/*, text/tab-separated-values", RESULTS, "text/tab-separated-values", "specific beats wildcard"),
    ("text/*;q=0.5, application/*;q=0.4", RESULTS, "text/csv", "higher q of wildcard ranges"),
    (
        "text/csv;q=0.2, application/sparql-results+json;q=0.9",
        RESULTS,
        "application/sparql-results+json",
        "highest q",
    ),
    (
        "text/csv;q=0.9, application/sparql-results+json;q=0.9",
        RESULTS,
        "application/sparql-results+json",
        "equal q: server order",
    ),
    (
        "text/turtle, */*",
        ["application/ld+json", "text/turtle"],
        "text/turtle",
        "equal q: explicit range beats */*",
    ),
    (
        "text/*;q=0.9, */*;q=1.0",
        GRAPH,
        "application/n-triples",
        "most specific range sets q: text/turtle gets 0.9, n-triples 1.0",
    ),
    ("text/turtle;q=0, */*", GRAPH, "application/n-triples", "q=0 excludes"),
    ("text/*;q=0, */*", GRAPH, "application/n-triples", "q=0 on a type wildcard excludes the type"),
    ("image/png", RESULTS, None, "nothing acceptable"),
    ("image/*", GRAPH, None, "nothing acceptable under a type wildcard"),
    ("text/turtle;q=0", GRAPH, None, "only refusals"),
    ("application/json", RESULTS, None, "no alias unless offered"),
    ("text/turtle;q=abc, application/n-triples", GRAPH, "application/n-triples", "bad q: range ignored"),
    ("text/turtle;q=2, application/n-triples", GRAPH, "application/n-triples", "q out of range: ignored"),
    ("garbage, ;;;", GRAPH, "text/turtle", "only garbage: as if no header"),
    (
        "text/turtle;q=0.5;ext=1, application/ld+json;q=0.6",
        GRAPH,
        "application/ld+json",
        "accept-extensions after q are not parameters",
    ),
    (
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        GRAPH,
        "text/turtle",
        "a browser: */* at 0.8 gives the default",
    ),
    (
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        ["text/html", "text/turtle"],
        "text/html",
        "a browser asking for html gets it when offered",
    ),
    (
        "application/sparql-results+json;q=1.0, text/plain;q=0.5",
        ["application/json", "text/plain"],
        "text/plain",
        "error bodies: only the plain-text range matches",
    ),
    ("text/plain;format=flowed", ["text/plain"], None, "range parameter absent from the offer: no match"),
    ("text/csv;charset=iso-8859-1", RESULTS, None, "only UTF-8 is served"),
    (
        "text/plain;charset=UTF-8",
        ["text/plain;charset=utf-8"],
        "text/plain;charset=utf-8",
        "charset compared case-insensitively",
    ),
    ("*/json", ["application/json"], None, "*/subtype is not a valid range"),
    (
        "application/n-triples;q=0.9, text/turtle;q=0.9, */*;q=0.1",
        GRAPH,
        "text/turtle",
        "ties among explicit ranges: server order",
    ),
]


@pytest.mark.parametrize(("accept", "offered", "expected", "why"), CASES, ids=[c[3] for c in CASES])
def test_negotiate(accept: str | None, offered: list[str], expected: str | None, why: str) -> None:
    assert negotiate(accept, offered) == expected, why


def test_empty_offer() -> None:
    assert negotiate("*/*", []) is None


def test_parse_accept_keeps_order_and_q() -> None:
    ranges = parse_accept("text/turtle;q=0.5, application/ld+json")
    assert [(r.type, r.subtype, r.q) for r in ranges] == [
        ("text", "turtle", 0.5),
        ("application", "ld+json", 1.0),
    ]


@pytest.mark.parametrize(
    ("content_type", "base", "cs"),
    [
        (None, "", None),
        ("", "", None),
        ("application/sparql-query", "application/sparql-query", None),
        ("Application/SPARQL-Query; charset=UTF-8", "application/sparql-query", "utf-8"),
        (
            "application/x-www-form-urlencoded;charset=ISO-8859-1",
            "application/x-www-form-urlencoded",
            "iso-8859-1",
        ),
        ('text/turtle; charset="utf-8"', "text/turtle", "utf-8"),
    ],
)
def test_content_type_helpers(content_type: str | None, base: str, cs: str | None) -> None:
    assert base_type(content_type) == base
    assert charset(content_type) == cs
