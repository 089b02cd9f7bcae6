"""The shared training harness, run for real on a tiny DocBin (a few steps of the sentence classifier's config)."""

from __future__ import annotations

import spacy
from spacy.tokens import DocBin

from pipeline.training.run_config import train_config
from pipeline.training.sentences import CONFIG


def _docbins(train_path, dev_path) -> int:
    nlp = spacy.blank("nl")
    texts = [("Het kabinet steunt de sancties.", 1.0), ("De Raad vergaderde in Brussel.", 0.0)] * 4
    for path in (train_path, dev_path):
        db = DocBin()
        for text, label in texts:
            doc = nlp.make_doc(text)
            doc.cats = {"STANCE:SUPPORTS": label, "EVENT:MEETING": 1.0 - label}
            db.add(doc)
        db.to_disk(path)
    return len(texts)


def test_it_trains_keeps_the_best_model_and_returns_its_scores(tmp_path) -> None:
    output = tmp_path / "model"
    output.mkdir()
    (output / "stale").write_text("from an earlier run")
    scores, counted = train_config(CONFIG, output, _docbins, overrides={
        "training.max_steps": 4, "training.eval_frequency": 2})
    assert counted == 8
    assert (output / "meta.json").exists() and not (output / "stale").exists()  # replaced, not merged
    assert "cats_score" in scores and 0.0 <= scores["cats_score"] <= 1.0
    assert set(spacy.load(output).get_pipe("textcat_multilabel").labels) == {"STANCE:SUPPORTS", "EVENT:MEETING"}
