"""The SHACL gate in the build path: a violating document is refused and the version stored before stays."""

from __future__ import annotations

from pipeline.config import load_settings
from pipeline.extraction import DocumentMeta, Entity, Extraction, Motion, Provenance
from pipeline.iris import graph_iri
from pipeline.run import BuildResult, store_extraction
from pipeline.store.oxigraph import OxigraphStore

TEXT = "De motie van het lid Jansen (21501-02-2234) vraagt om een onderzoek."


def extraction(motion_id: str) -> Extraction:
    prov = Provenance("brief", TEXT, 0, len(TEXT), "test/1", 0.9)
    return Extraction(
        DocumentMeta("brief", "Een brief", "2021-03-01", "kamerbrief"), TEXT,
        entities=[Entity("jansen", "Jansen", "PERSON", ["Jansen"], mentions=[prov])],
        motions=[Motion(motion_id, ["Jansen"], "2021-02-25", "een onderzoek", provenance=prov)],
    )


def test_refused_document_keeps_the_stored_version():
    settings = load_settings()
    store = OxigraphStore(None)
    good = BuildResult()
    store_extraction(extraction("21501-02-2234"), store, settings, good)
    assert good.stored == ["brief"]
    before = store.get_graph(graph_iri(settings.base_iri, "brief"))

    broken = extraction("not-a-number")
    refused = BuildResult()
    store_extraction(broken, store, settings, refused)
    assert refused.stored == [] and "brief" in refused.refused
    report = refused.refused["brief"]
    assert "dcterms:identifier" in report and "vraagt om een onderzoek" in report
    after = store.get_graph(graph_iri(settings.base_iri, "brief"))
    assert after.isomorphic(before)
