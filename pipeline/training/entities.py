"""A learned named-entity recogniser for the six entity types, trained on annotated real documents.

    diplokg train entities            # data/annotation (train/dev splits) -> data/models/nl_diplokg_entities

What is learned: where names of persons, countries, organisations, places, meetings and documents
are in a text, from the context they stand in ('in Tadmur', 'de Peshmerga', 'het Azov-bataljon'),
so that names no gazetteer entry or construction rule covers are still found. The gazetteer and the
rules run first and win (``diplokg_learned_entities`` only adds spans that overlap none of theirs);
the linker gives the new spans their keys.

Examples come from the gold annotations: every surface form an annotator listed for an entity
(``name`` and ``aliases``, GUIDELINES.md section 2) is marked wherever it occurs in the prepared
text of its document, the longest form winning where forms overlap. Optional (``europeana_tokens``):
sentences of the CC0 Europeana Newspapers Dutch NER set (PER/LOC/ORG -> PERSON/PLACE/ORGANISATION).
Measured once: with 80,000 of its words the dev F-score was 0.808 against 0.811 without (the set is
19th-century OCR with sloppy tags: 'Italië' untagged), so the shipped model does without. The test
split is never read here.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Iterator
from pathlib import Path

from pipeline.config import DATA_DIR, PROJECT_ROOT

ANNOTATION_DIR = DATA_DIR / "annotation"
REAL_DOCS = DATA_DIR / "real" / "docs"
DEFAULT_OUTPUT = DATA_DIR / "models" / "nl_diplokg_entities"
CONFIG = Path(__file__).with_name("entities.cfg")
EUROPEANA = PROJECT_ROOT.parent / "shared" / "nlp-data" / "ner" / "europeana-newspapers-nl" / "enp_NL.kb.bio"
EUROPEANA_LABELS = {"PER": "PERSON", "LOC": "PLACE", "ORG": "ORGANISATION"}
LABELS = ("PERSON", "COUNTRY", "ORGANISATION", "PLACE", "MEETING", "DOCUMENT")


def gold_spans(text: str, entities: list[dict]) -> list[tuple[int, int, str]]:
    """(start, end, type) of every occurrence of every entity's surface forms; longest first, no overlaps."""
    found = []
    for entity in entities:
        if entity.get("type") not in LABELS:
            continue
        for form in {entity.get("name") or "", *(entity.get("aliases") or [])}:
            form = form.strip()
            if len(form) < 2:
                continue
            for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                found.append((m.start(), m.end(), entity["type"]))
    found.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: set[int] = set()
    spans = []
    for start, end, label in found:
        if not taken.intersection(range(start, end)):
            taken.update(range(start, end))
            spans.append((start, end, label))
    return sorted(spans)


def annotated_docs(split: str) -> Iterator[tuple[str, list[tuple[int, int, str]]]]:
    """(prepared text, entity spans) for every gold document of ``split`` (train or dev)."""
    if split == "test":
        raise ValueError("the test split is scored only, never trained or tuned on")
    from pipeline.text import prepare

    splits = json.loads((ANNOTATION_DIR / "splits.json").read_text(encoding="utf-8"))
    doc_ids = splits[split] + (splits.get("train2", []) if split == "train" else [])
    for doc_id in doc_ids:
        gold_path = ANNOTATION_DIR / "gold" / f"{doc_id}.json"
        if gold_path.exists():
            text = prepare(REAL_DOCS / f"{doc_id}.txt").text
            yield text, gold_spans(text, json.loads(gold_path.read_text(encoding="utf-8")).get("entities", []))


def europeana_docs(path: Path, max_tokens: int, seed: int = 0) -> Iterator[tuple[list[str], list[str]]]:
    """(words, BIO tags in diplokg labels) of chunks of the Europeana set, up to ``max_tokens`` words.

    The set has no sentence boundaries; it is cut after a full stop at least 30 words on."""
    chunks, words, tags = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 2:
            continue
        word, tag = parts
        if tag != "O":
            prefix, label = tag.split("-", 1)
            tag = f"{prefix}-{EUROPEANA_LABELS[label]}" if label in EUROPEANA_LABELS else "O"
        words.append(word)
        tags.append(tag)
        if word == "." and len(words) >= 30:
            chunks.append((words, tags))
            words, tags = [], []
    random.Random(seed).shuffle(chunks)
    total = 0
    for words, tags in chunks:
        if total >= max_tokens:
            break
        total += len(words)
        yield words, tags


def _nlp():
    import spacy

    from pipeline.tokenizer import customize_tokenizer

    nlp = spacy.blank("nl")
    customize_tokenizer(nlp)  # the tokens the run-time pipeline makes
    return nlp


def _docbin(split: str, path: Path, europeana_tokens: int = 0) -> tuple[int, int]:
    """Write ``split`` as a DocBin; (documents, entity spans)."""
    from spacy.tokens import Doc, DocBin
    from spacy.training import biluo_tags_to_spans, iob_to_biluo

    nlp = _nlp()
    db = DocBin()
    n_docs = n_spans = 0
    for text, spans in annotated_docs(split):
        doc = nlp.make_doc(text)
        ents = [doc.char_span(s, e, label=label, alignment_mode="contract") for s, e, label in spans]
        doc.ents = [e for e in ents if e is not None]
        db.add(doc)
        n_docs, n_spans = n_docs + 1, n_spans + len(doc.ents)
    if europeana_tokens and EUROPEANA.exists():
        for words, tags in europeana_docs(EUROPEANA, europeana_tokens):
            doc = Doc(nlp.vocab, words=words)
            doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
            db.add(doc)
            n_docs, n_spans = n_docs + 1, n_spans + len(doc.ents)
    db.to_disk(path)
    return n_docs, n_spans


def train(output: Path = DEFAULT_OUTPUT, seed: int = 0, europeana_tokens: int = 0) -> dict[str, float]:
    """Build the data, train ``entities.cfg``, write the model and its card; the dev scores."""
    import pipeline.tokenizer  # noqa: F401  (registers the tokenizer the config names)
    from pipeline.training.run_config import train_config

    started = time.monotonic()
    scores, (train_counts, dev_counts) = train_config(
        CONFIG, output, lambda train_db, dev_db: (_docbin("train", train_db, europeana_tokens),
                                                  _docbin("dev", dev_db)), seed, "diplokg-entities-")
    _write_card(output, train_counts, dev_counts, europeana_tokens, scores, time.monotonic() - started)
    return scores


def _write_card(output: Path, train_counts: tuple[int, int], dev_counts: tuple[int, int], europeana_tokens: int,
                scores: dict[str, float], seconds: float) -> None:
    splits = json.loads((ANNOTATION_DIR / "splits.json").read_text(encoding="utf-8"))
    n_docs_train = len(splits["train"]) + len(splits.get("train2", []))
    europeana = (f"\n  - up to {europeana_tokens:,} words of the **Europeana Newspapers Dutch NER** set (KB; "
                 "CC0 1.0; EuropeanaNewspapers/ner-corpora, commit 6bf838d2), PER/LOC/ORG mapped to "
                 "PERSON/PLACE/ORGANISATION." if europeana_tokens else "")
    card = f"""# nl_diplokg_entities

Where the names of the six entity types ({", ".join(LABELS)}) are in a Dutch foreign-policy text: a spaCy
`ner` (transition-based, hashed word features with a small CNN, no vectors). Used by the
`diplokg_learned_entities` component, which adds the spans it finds where the gazetteer and the rules found
nothing; the linker names and keys them.

- **Trained by** `diplokg train entities` (`pipeline/training/entities.py`, `entities.cfg`) in {seconds:.0f} s
  on this machine.
- **Data**:
  - real Dutch government documents in `data/real/docs` (Kamerstukken, Kamervragen answers, Council reports
    and agendas, motions; Dutch government publications, free reuse; provenance per file in its `.meta.json`),
    with the entities of their gold annotations in `data/annotation/gold` (annotators following
    `data/annotation/GUIDELINES.md`) marked at every occurrence of every listed surface form: train split
    {n_docs_train} documents, dev split {len(splits["dev"])} documents ({dev_counts[1]} spans) for model
    selection. The test split ({len(splits["test"])} documents) is never used for training or tuning.{europeana}
  - In all {train_counts[0]} training documents with {train_counts[1]} entity spans.
- **No CoNLL-2002** (research-only) and no UD data. Licence of the model: EUPL-1.2 (the project's).
- **Dev scores** (spaCy's): {json.dumps({k: round(v, 3) for k, v in scores.items()})}
"""
    (output / "README.md").write_text(card, encoding="utf-8")


if __name__ == "__main__":  # python -m pipeline.training.entities
    print(train())
    print(f"written to {DEFAULT_OUTPUT.relative_to(PROJECT_ROOT)}")
