"""POST /documents: upload, token, gate; with the in-process client on a real (in-memory) Oxigraph store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.config import load_settings
from pipeline.store.oxigraph import OxigraphStore

TEXT = ("Den Haag, 3 maart 2021\n\nHet kabinet veroordeelt het geweld tegen demonstranten in Wit-Rusland "
        "en steunt de oproep van de OVSE tot een dialoog.\n")


@pytest.fixture()
def client():
    settings = load_settings(update_token="s3cret", model_path="blank")
    store = OxigraphStore(None)
    with TestClient(create_app(settings, store)) as c:
        yield c, store


def test_upload_ingests_through_the_gate(client):
    c, store = client
    r = c.post("/documents", files={"file": ("brief_test.txt", TEXT.encode(), "text/plain")},
               headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["counts"]["positions"] >= 2 and body["triples"] > 0
    assert body["graph"] in store.graphs()


def test_upload_needs_the_token(client):
    c, store = client
    r = c.post("/documents", files={"file": ("brief.txt", TEXT.encode(), "text/plain")})
    assert r.status_code == 401
    assert r.json()["error"]["status"] == 401
    assert store.graphs() == []


@pytest.mark.parametrize(("name", "data", "status"), [
    ("brief.docx", b"PK\x03\x04", 415),
    ("leeg.txt", b"   ", 400),
    ("kapot.xml", b"<officiele-publicatie><al>De Kamer,</officiele-publicatie>", 400),
])
def test_bad_uploads_are_clean_errors(client, name, data, status):
    c, store = client
    r = c.post("/documents", files={"file": (name, data, "application/octet-stream")},
               headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == status
    assert name in r.json()["error"]["detail"]
    assert store.graphs() == []


def test_upload_of_kamerstuk_xml(client):
    from pathlib import Path

    c, store = client
    xml = Path(__file__).parent / "fixtures" / "kamerstuk_xml" / "0515a5c4-0311-417d-b74d-dbbcc186db41.xml"
    r = c.post("/documents", files={"file": ("motie_3192.xml", xml.read_bytes(), "application/xml")},
               headers={"Authorization": "Bearer s3cret"})
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["motions"] == 1 and r.json()["graph"] in store.graphs()
