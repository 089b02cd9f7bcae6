"""Learned sentence classifiers for events and positions, trained on annotated real documents.

    diplokg train sentences            # data/annotation (train/dev splits) -> data/models/nl_diplokg_sentences

What is learned: for each sentence of a document, which event types it reports (``EVENT:MEETING`` ...)
and which stances it states (``STANCE:SUPPORTS`` ...): one multi-label text classifier
(``textcat_multilabel``, ``sentences.cfg``: bag of words and bigrams, hashed). The rules keep what
they do precisely (who took part, the date, the place, the holder and the target); the classifier decides *whether* a
sentence reports an event of a type or states a stance, which is where word-form triggers miss
most on real text (compounds, tenses, participation verbs).

Labels come from the gold annotations: an event's or position's ``sentence`` field is matched to
the pipeline's own sentences (same sentence segmentation as at run time). The test split is never
read here.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path

from pipeline.components.learned import MIN_WORDS
from pipeline.config import DATA_DIR, PROJECT_ROOT

ANNOTATION_DIR = DATA_DIR / "annotation"
REAL_DOCS = DATA_DIR / "real" / "docs"
DEFAULT_OUTPUT = DATA_DIR / "models" / "nl_diplokg_sentences"
CONFIG = Path(__file__).with_name("sentences.cfg")
EVENT_TYPES = ("MEETING", "STATEMENT", "SANCTION", "CEASEFIRE", "HOSTILITIES", "ELECTION", "CALL", "VISIT", "OTHER")
STANCES = ("SUPPORTS", "OPPOSES", "CALLS_FOR", "CONDEMNS", "WELCOMES", "CONCERNED", "REGRETS")
LABELS = tuple(f"EVENT:{t}" for t in EVENT_TYPES) + tuple(f"STANCE:{s}" for s in STANCES)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _same_sentence(gold: str, sent: str) -> bool:
    """The gold sentence is this sentence: most of its words are here (segmentations differ a little)."""
    g, s = _words(gold), set(_words(sent))
    if not g or not s:
        return False
    overlap = sum(1 for w in g if w in s) / len(g)
    return overlap >= 0.8 and len(s) <= 2.5 * len(set(g)) + 5


def labelled_sentences(split: str, nlp=None) -> Iterator[tuple[str, dict[str, float]]]:
    """(sentence text, cats) for every sentence of every gold document of ``split`` (train or dev)."""
    if split == "test":
        raise ValueError("the test split is scored only, never trained or tuned on")
    from pipeline.nlp import build_nlp, make_doc
    from pipeline.text import prepare

    splits = json.loads((ANNOTATION_DIR / "splits.json").read_text(encoding="utf-8"))
    nlp = nlp or build_nlp_without_learning(build_nlp)
    # "train" is both annotation rounds: the first split's train part and the documents annotated after it
    doc_ids = splits[split] + (splits.get("train2", []) if split == "train" else [])
    for doc_id in doc_ids:
        gold_path = ANNOTATION_DIR / "gold" / f"{doc_id}.json"
        if not gold_path.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        prepared = prepare(REAL_DOCS / f"{doc_id}.txt")
        doc = nlp(make_doc(nlp, prepared.text, doc_id, prepared.meta.date, prepared.offset_map, prepared.body_end,
                           prepared.meta.kamerstuk))
        facts = [(f"EVENT:{e['type']}", e.get("sentence") or "") for e in gold.get("events", [])]
        facts += [(f"STANCE:{p['stance']}", p.get("sentence") or "") for p in gold.get("positions", [])]
        for sent in doc.sents:
            text = " ".join(sent.text.split())
            if sum(1 for t in sent if t.is_alpha) < MIN_WORDS:
                continue  # fragments of the segmentation: the component does not score them either
            cats = dict.fromkeys(LABELS, 0.0)
            for label, sentence in facts:
                if label in cats and _same_sentence(sentence, text):
                    cats[label] = 1.0
            yield text, cats


def build_nlp_without_learning(build_nlp):
    return build_nlp(DATA_DIR / "models" / "nl_diplokg", learned=False)


def _docbin(split: str, path: Path) -> int:
    import spacy
    from spacy.tokens import DocBin

    blank = spacy.blank("nl")
    db = DocBin()
    n = 0
    for text, cats in labelled_sentences(split):
        doc = blank.make_doc(text)
        doc.cats = cats
        db.add(doc)
        n += 1
    db.to_disk(path)
    return n


def train(output: Path = DEFAULT_OUTPUT, seed: int = 0) -> dict[str, float]:
    """Build the data, train ``sentences.cfg``, write the model and its card; the dev scores."""
    from pipeline.training.run_config import train_config

    started = time.monotonic()
    scores, (n_train, n_dev) = train_config(
        CONFIG, output, lambda train_db, dev_db: (_docbin("train", train_db), _docbin("dev", dev_db)), seed,
        "diplokg-sentences-")
    _write_card(output, n_train, n_dev, scores, time.monotonic() - started)
    return scores


def _write_card(output: Path, n_train: int, n_dev: int, scores: dict[str, float], seconds: float) -> None:
    splits = json.loads((ANNOTATION_DIR / "splits.json").read_text(encoding="utf-8"))
    n_docs_train = len(splits["train"]) + len(splits.get("train2", []))
    card = f"""# nl_diplokg_sentences

Which event types a sentence reports and which stances it states: a spaCy `textcat_multilabel`
(TextCatBOW: hashed bag of words and bigrams) over
{len(LABELS)} labels ({", ".join(LABELS)}).
Used by the `diplokg_learned_sentences` component; the rules of `diplokg_events` and
`diplokg_positions` fill in participants, dates, places, holders and targets.

- **Trained by** `diplokg train sentences` (`pipeline/training/sentences.py`, `sentences.cfg`) in
  {seconds:.0f} s on this machine.
- **Data**: sentences of real Dutch government documents in `data/real/docs` (Kamerstukken,
  Kamervragen answers, Council reports and agendas, motions; Dutch government publications, free
  reuse; provenance per file in its `.meta.json`), labelled from the gold annotations in
  `data/annotation/gold` (made by annotators following `data/annotation/GUIDELINES.md`):
  train split {n_docs_train} documents ({n_train} sentences), dev split
  {len(splits["dev"])} documents ({n_dev} sentences) for model selection. The test split
  ({len(splits["test"])} documents) is never used for training or tuning.
- **No third-party annotated data**: no CoNLL-2002, no UD. Licence of the model: EUPL-1.2 (the
  project's); the texts it learned from are public government documents.
- **Dev scores** (spaCy's, macro over labels): {json.dumps({k: round(v, 3) for k, v in scores.items()})}
"""
    (output / "README.md").write_text(card, encoding="utf-8")


if __name__ == "__main__":  # python -m pipeline.training.sentences
    print(train())
    print(f"written to {DEFAULT_OUTPUT.relative_to(PROJECT_ROOT)}")
