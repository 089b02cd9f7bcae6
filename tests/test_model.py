"""The trained Dutch pipeline in data/models/nl_diplokg (skipped when it has not been trained)."""

from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language

from pipeline.config import DEFAULT_CORPUS, DEFAULT_MODEL

pytestmark = pytest.mark.skipif(
    not (DEFAULT_MODEL / "meta.json").exists(),
    reason=f"no trained model at {DEFAULT_MODEL}; run `diplokg train` (pipeline.training.train.train)",
)

TEXT = (
    "De ministers bespraken de sancties tegen Belarus. "
    "Nederland steunt t.a.v. de motie (Kamerstuk 21501-02-2234) de oproep van de Raad."
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(DEFAULT_MODEL)


def test_components_and_no_statistical_ner(nlp: Language) -> None:
    assert {"tagger", "morphologizer", "parser", "lemmatizer"} <= set(nlp.pipe_names)
    # CoNLL-2002 is research-only: the shipped model must not contain a statistical NER.
    assert "ner" not in nlp.pipe_names


def test_pos_parse_and_lemmas(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert all(t.pos_ for t in doc) and all(t.tag_ for t in doc)
    sents = list(doc.sents)
    assert len(sents) == 2
    for sent in sents:
        assert sum(t.dep_ == "ROOT" for t in sent) == 1
        assert all(t.head in sent for t in sent)
    by_text = {t.text: t for t in doc}
    assert by_text["ministers"].lemma_ == "minister"
    assert by_text["ministers"].pos_ == "NOUN"
    assert by_text["bespraken"].pos_ == "VERB"
    assert by_text["sancties"].lemma_ == "sanctie"


def test_genre_tokenizer_is_saved(nlp: Language) -> None:
    # The rules are in the tokenizer files: no `import pipeline.tokenizer` needed to get them.
    assert [t.text for t in nlp.make_doc("t.a.v. 21501-02-2234 o.b.v.")] == [
        "t.a.v.",
        "21501-02-2234",
        "o.b.v.",
    ]
    assert [t.text for t in nlp.make_doc("motie-Eppink Stoffer/Verhoeven")] == [
        "motie", "-", "Eppink", "Stoffer", "/", "Verhoeven",
    ]


def test_model_card_and_licence() -> None:
    meta = json.loads((DEFAULT_MODEL / "meta.json").read_text(encoding="utf8"))
    assert meta["license"] == "CC BY-SA 4.0"
    assert (DEFAULT_MODEL / "README.md").exists()
    size = sum(p.stat().st_size for p in DEFAULT_MODEL.rglob("*") if p.is_file())
    assert size < 40e6, f"model is {size / 1e6:.1f} MB"


def test_numpy_gemm_analyses_as_blis_does() -> None:
    """pipeline.nlp.use_numpy_gemm swaps thinc's blis for numpy's BLAS (3x faster here): same tags, parses."""
    from thinc.api import use_ops

    import pipeline.tokenizer  # noqa: F401  (the tokenizer callback the model names)
    from pipeline.nlp import build_nlp

    letter = sorted(DEFAULT_CORPUS.glob("*.txt"))[0]
    text = " ".join(letter.read_text(encoding="utf8").split()[:600])
    analyses = {}
    for use_blis in (True, False):
        with use_ops("numpy", use_blis=use_blis):
            model = spacy.load(DEFAULT_MODEL)
        assert model.get_pipe("tok2vec").model.ops.use_blis is use_blis
        doc = model(text)
        analyses[use_blis] = ([(t.tag_, str(t.morph), t.dep_, t.head.i) for t in doc], doc.tensor)
    assert analyses[True][0] == analyses[False][0]
    assert abs(analyses[True][1] - analyses[False][1]).max() < 1e-3
    nlp = build_nlp(DEFAULT_MODEL, learned=False)
    assert nlp.get_pipe("tok2vec").model.ops.use_blis is False
