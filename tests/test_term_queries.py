"""The analyst's queries of a term (pipeline.term_queries), directly and as REST routes (api.term).

The store holds the recorded sample (tests/fixtures/tk_odata), the motion 36725-XVII-52's own
publication and a letter reporting on the adopted motion 21501-20-2207. Expected figures are counted
from the fixture's JSON here, not copied from the queries' output.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from api_fixtures import make_client

from pipeline import term_queries
from pipeline.config import Settings
from pipeline.store.oxigraph import OxigraphStore
from tests.test_tk_odata import FIXTURE, LETTER

BASE = "https://w3id.org/diplokg"
# the decisions the records tie to a motion (their agenda item concerns that motion alone)
ON_MOTION = {"0ca359c8", "2592e21e", "46c902d4", "272fccd6", "4c843f54", "d3f2756e"}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    import shutil

    from pipeline.run import build_files
    from pipeline.tk_ingest import ingest

    docs = tmp_path_factory.mktemp("docs")
    shutil.copy(Path(__file__).parent / "fixtures" / "kamerstuk_xml" / "059e2bff-2906-468c-88a7-f26e0c9e1866.xml",
                docs / "motie.xml")
    (docs / "brief.txt").write_text(LETTER, encoding="utf-8")
    (docs / "brief.txt.meta.json").write_text(json.dumps({"title": "Uitvoering motie Eerdmans", "date": "2025-06-02"}))
    s = OxigraphStore(None)
    settings = Settings(base_iri=BASE)
    assert build_files([docs / "motie.xml", docs / "brief.txt"], s, settings, "blank").refused == {}
    assert ingest([FIXTURE], s, settings).refused == {}
    return s


def party_votes_from_the_records() -> dict[str, tuple[int, int, int]]:
    """Per party abbreviation (as the records spell it): votes, for, against, counted from the JSON."""
    weights: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path in (FIXTURE / "stemming_enriched").glob("*.json"):
        for s in json.loads(path.read_text(encoding="utf-8"))["value"]:
            if s["Besluit_Id"][:8] in ON_MOTION:
                w = 1 if s["Persoon_Id"] else s["FractieGrootte"]
                weights[(s["Fractie"]["Afkorting"], s["Besluit_Id"])][s["Soort"]] += w
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for (party, _), w in weights.items():
        out[party][0] += 1
        out[party][1] += w["Voor"] > w["Tegen"]
        out[party][2] += w["Tegen"] > w["Voor"]
    return {k: tuple(v) for k, v in out.items()}


def test_votes_per_party_on_foreign_affairs_motions(store) -> None:
    rows = store.rows(term_queries.votes_per_party(foreign=True))
    found = {r["party"].rsplit("/", 1)[1]: (int(r["votes"]), int(r["for"]), int(r["against"])) for r in rows}
    expected = {k.lower().replace(" ", "-"): v for k, v in party_votes_from_the_records().items()}
    assert found == expected and len(found) == 15
    assert found["vvd"] != found["sp"]  # the table tells parties apart
    # every sampled motion is on a foreign-affairs dossier; none is voted after 2025
    assert store.rows(term_queries.votes_per_party(foreign=True, date_from="2026")) == []
    assert {r["party"] for r in store.rows(term_queries.votes_per_party(foreign=False))} == {r["party"] for r in rows}


def test_foreign_affairs_is_read_from_the_number() -> None:
    import re

    pattern = re.compile(term_queries.foreign_pattern().replace("\\\\", "\\"))
    assert pattern.match("21501-02-3065") and pattern.match("36725-XVII-52") and pattern.match("36600-V-12")
    assert not pattern.match("36600-VI-12") and not pattern.match("19637-3384") and not pattern.match("21501-07-1")


def test_motions_on_a_country_with_outcome_and_appraisal(store) -> None:
    rows = {r["number"]: r for r in store.rows(term_queries.motions_on(f"{BASE}/id/country/ukraine"))}
    assert set(rows) == {"21501-20-2194", "21501-02-3080", "28676-483"}
    air = rows["21501-20-2194"]
    assert (air["outcome"], air["appraisal"], air["yes"], air["no"]) == ("rejected", "Ontraden", "19", "131")
    # 3080 was decided on an agenda item of two motions: the records do not say its outcome
    assert rows["21501-02-3080"]["outcome"] is None and rows["21501-02-3080"]["appraisal"] == "Ontraden"
    assert store.rows(term_queries.motions_on(f"{BASE}/id/country/belarus")) == []


def test_adopted_motions_a_later_letter_reports_on(store) -> None:
    (row,) = store.rows(term_queries.reported_on())
    assert (row["number"], row["voted"], row["date"]) == ("21501-20-2207", "2025-03-12", "2025-06-02")
    assert "ReArm Europe" in row["sentence"] and row["title"] == "Uitvoering motie Eerdmans"


def test_parties_voting_with_the_cabinet(store) -> None:
    rows = store.rows(term_queries.cabinet_agreement())
    shares = {r["party"].rsplit("/", 1)[1]: (int(r["votes"]), int(r["with_cabinet"]), float(r["share"])) for r in rows}
    # advice on three of the sampled motions: two "Ontraden" and one "Ontijdig" (vote against)
    assert shares["vvd"] == (3, 3, 1.0)
    assert all(v == 3 and 0 <= w <= 3 and s == round(w / 3, 3) for v, w, s in shares.values())
    assert [float(r["share"]) for r in rows] == sorted((float(r["share"]) for r in rows), reverse=True)


# --- REST -----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(store):
    with make_client(store) as c:
        yield c


def test_rest_routes(client) -> None:
    r = client.get("/term/votes-per-party")
    assert r.status_code == 200 and r.json()["total"] == 15
    vvd = next(i for i in r.json()["items"] if i["party"]["iri"].endswith("/vvd"))
    assert vvd["party"]["label"] == "Volkspartij voor Vrijheid en Democratie" and vvd["party"]["type"] == "organisation"
    r = client.get("/term/motions", params={"country": "country/ukraine"})
    assert [m["identifier"] for m in r.json()["items"]] == ["21501-02-3080", "21501-20-2194", "28676-483"]
    page = client.get("/term/motions", params={"country": "country/ukraine", "limit": 2}).json()
    assert (len(page["items"]), page["total"]) == (2, 3)
    assert [m["identifier"] for m in client.get(page["next"]).json()["items"]] == ["28676-483"]
    r = client.get("/term/reported-motions")
    assert r.json()["items"][0]["letter"]["label"] == "Uitvoering motie Eerdmans"
    r = client.get("/term/cabinet-agreement", params={"foreign": "true", "from": "2025-01", "to": "2025-12"})
    assert r.status_code == 200 and r.json()["items"][0]["share"] == 1.0


@pytest.mark.parametrize(("path", "params"), [
    ("/term/motions", {}),
    ("/term/motions", {"country": "not a country"}),
    ("/term/votes-per-party", {"from": "2025-13"}),
    ("/term/cabinet-agreement", {"from": "2025-06", "to": "2025-01"}),
    ("/term/votes-per-party", {"foreign": "perhaps"}),
])
def test_rest_input_errors_are_400_in_the_one_error_shape(client, path: str, params: dict) -> None:
    r = client.get(path, params=params)
    assert r.status_code == 400 and r.json()["error"]["status"] == 400 and r.json()["error"]["detail"]
