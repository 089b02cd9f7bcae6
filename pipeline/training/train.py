"""Train diplokg's Dutch spaCy pipeline from Universal Dependencies data.

Entry point: :func:`train`. It

1. converts the UD .conllu files to spaCy ``DocBin`` files in a scratch directory
   (never inside the repository: the training data stays where it is),
2. trains tok2vec + tagger + morphologizer + parser with ``pipeline/training/config.cfg``
   via ``spacy.cli.train.train`` (in-process); the config also adds the rule lemmatizer
   (spacy-lookups-data tables) and applies ``pipeline.tokenizer``'s genre rules,
3. evaluates the best model on the dev set (Alpino dev; there is *no* untouched test set,
   see the model card), writes a model card (``README.md``) and ``meta.json``,
4. saves the pipeline to ``output`` (default ``data/models/nl_diplokg``).

Data split (README recipe of /work/shared/nlp-data): train = LassySmall dev + LassySmall
test + Alpino test, dev = Alpino dev. The official train splits are not available here.

Set ``OMP_NUM_THREADS=1`` in the environment *before* starting Python when other jobs
share the machine (BLAS threads are fixed at import time).
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Corpus, Example
from spacy.training.converters import conllu_to_docs

from pipeline.config import DEFAULT_MODEL, PROJECT_ROOT
from pipeline.tokenizer import customize_tokenizer  # also registers "diplokg.tokenizer.v1"

log = logging.getLogger(__name__)

CONFIG_PATH = Path(__file__).with_name("config.cfg")
DEFAULT_NLP_DATA = PROJECT_ROOT.parent / "shared" / "nlp-data"
DEFAULT_WORK_DIR = Path("/tmp/diplokg-train")
MODEL_VERSION = "0.1.0"

ALPINO = Path("ud/UD_Dutch-Alpino")
LASSY = Path("ud/UD_Dutch-LassySmall")
TRAIN_FILES = (
    LASSY / "nl_lassysmall-ud-dev.conllu",
    LASSY / "nl_lassysmall-ud-test.conllu",
    ALPINO / "nl_alpino-ud-test.conllu",
)
DEV_FILE = ALPINO / "nl_alpino-ud-dev.conllu"
LEGACY_TRAIN = LASSY / "legacy-2017-v2.0-train" / "nl_lassysmall-ud-train.conllu"
# Every current UD file: legacy sentences that also occur in any of these are dropped.
CURRENT_FILES = (*TRAIN_FILES, DEV_FILE)

SENTS_PER_DOC = 10  # as `spacy convert -n 10`: gives the parser multi-sentence docs to segment


# --------------------------------------------------------------------------- conversion


def _sentence_blocks(path: Path) -> list[str]:
    return [b for b in path.read_text(encoding="utf8").strip().split("\n\n") if b.strip()]


def _sentence_key(block: str) -> str:
    """Token sequence of a CoNLL-U sentence (syntactic words, no multiword ranges).

    Used to dedupe the 2017 train against current dev/test: the legacy file has no
    ``# text`` and no SpaceAfter, so token sequences are the only comparable text.
    """
    forms = []
    for line in block.split("\n"):
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            forms.append(cols[1])
    return " ".join(forms)


def _clean_lemmas(docs: Iterable[Doc]) -> Iterator[Doc]:
    """Drop UD's compound/separable-verb marks (``mee_nemen`` -> ``meenemen``) from gold lemmas."""
    for doc in docs:
        for token in doc:
            if "_" in token.lemma_ and "_" not in token.text:
                token.lemma_ = token.lemma_.replace("_", "")
        yield doc


def _strip_to_syntax(doc: Doc) -> Doc:
    """Keep words, spaces, heads and deps; drop tags/POS/morph/lemmas (missing, not wrong).

    The 2017 annotation has no XPOS and fewer features, so only its trees are used;
    tagger and morphologizer treat the empty values as missing annotation.
    """
    return Doc(
        doc.vocab,
        words=[t.text for t in doc],
        spaces=[bool(t.whitespace_) for t in doc],
        heads=[t.head.i for t in doc],
        deps=[t.dep_ for t in doc],
        sent_starts=[bool(t.is_sent_start) for t in doc],
    )


def convert_ud(nlp_data: Path, work_dir: Path, include_legacy: bool = False) -> dict[str, object]:
    """Convert the UD files to ``work_dir/train.spacy`` and ``work_dir/dev.spacy``.

    Returns statistics (sentences, tokens, legacy sentences kept/dropped) for the model card.
    """
    work_dir.mkdir(parents=True, exist_ok=True)
    stats: dict[str, object] = {}

    def convert(paths: Iterable[Path]) -> tuple[list[Doc], int, int]:
        text = "\n\n".join(p.read_text(encoding="utf8").strip() for p in paths) + "\n"
        docs = list(_clean_lemmas(conllu_to_docs(text, n_sents=SENTS_PER_DOC, no_print=True)))
        return docs, sum(len(list(d.sents)) for d in docs), sum(len(d) for d in docs)

    train_docs, n_sents, n_toks = convert(nlp_data / p for p in TRAIN_FILES)
    stats["train"] = {"files": [str(p) for p in TRAIN_FILES], "sentences": n_sents, "tokens": n_toks}
    if include_legacy:
        current = {_sentence_key(b) for p in CURRENT_FILES for b in _sentence_blocks(nlp_data / p)}
        blocks = _sentence_blocks(nlp_data / LEGACY_TRAIN)
        kept = [b for b in blocks if _sentence_key(b) not in current]
        legacy_docs = [
            _strip_to_syntax(d) for d in conllu_to_docs("\n\n".join(kept) + "\n", n_sents=SENTS_PER_DOC, no_print=True)
        ]
        train_docs.extend(legacy_docs)
        stats["legacy"] = {
            "file": str(LEGACY_TRAIN),
            "sentences": len(blocks),
            "dropped_overlap": len(blocks) - len(kept),
            "kept": len(kept),
            "tokens": sum(len(d) for d in legacy_docs),
            "used_for": "dependency trees only (tags/morph/lemmas left missing)",
        }
    dev_docs, n_sents, n_toks = convert([nlp_data / DEV_FILE])
    stats["dev"] = {"files": [str(DEV_FILE)], "sentences": n_sents, "tokens": n_toks}

    DocBin(docs=train_docs, store_user_data=False).to_disk(work_dir / "train.spacy")
    DocBin(docs=dev_docs, store_user_data=False).to_disk(work_dir / "dev.spacy")
    return stats


# --------------------------------------------------------------------------- evaluation


def evaluate(nlp: Language, dev_path: Path) -> dict[str, float]:
    """Scores of ``nlp`` on a .spacy dev file, in percent.

    Adds ``lemma_acc_ci``: lemma accuracy ignoring case (UD keeps proper-noun case, the
    rule lemmatizer lower-cases; this is the figure comparable to the data README's 91.3 %).
    """
    examples = list(Corpus(str(dev_path))(nlp))
    scores = nlp.evaluate(examples)
    wanted = ("token_acc", "pos_acc", "tag_acc", "morph_acc", "dep_uas", "dep_las", "sents_f", "lemma_acc")
    out = {k: round(100 * float(scores[k]), 2) for k in wanted if scores.get(k) is not None}

    # Re-run the pipeline once more for the case-insensitive lemma figure (cheap: ~11k tokens).
    right = total = 0
    for eg, pred in zip(examples, nlp.pipe(eg.reference.text for eg in examples), strict=True):
        aligned = Example(pred, eg.reference).get_aligned("LEMMA", as_string=True)
        for token, gold in zip(pred, aligned, strict=True):
            if gold:
                total += 1
                right += token.lemma_.lower() == gold.lower()
    if total:
        out["lemma_acc_ci"] = round(100 * right / total, 2)
    return out


# --------------------------------------------------------------------------- model card


def _provenance(nlp_data: Path) -> list[dict[str, str]]:
    """Sources for meta.json, with the commits recorded in the data's PROVENANCE.md files."""
    return [
        {
            "name": "UD_Dutch-LassySmall",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-LassySmall",
            "commit": "7880e0bc4c8138607c8e9724db2294dc89d4e2b5",
            "legacy_train_commit": "ccd0244f5bc393ccce28e2def08125b8b24a4269",
            "license": "CC BY-SA 4.0",
            "author": "Gosse Bouma, Gertjan van Noord",
        },
        {
            "name": "UD_Dutch-Alpino",
            "url": "https://github.com/UniversalDependencies/UD_Dutch-Alpino",
            "commit": "95e374a608d114ec6c6b32f0fbd5f324d29ef286",
            "license": "CC BY-SA 4.0",
            "author": "Gosse Bouma, Gertjan van Noord, Daniel Zeman, Zdeněk Žabokrtský",
        },
        {
            "name": "spacy-lookups-data (nl_lemma_* tables, rule lemmatizer)",
            "url": "https://github.com/explosion/spacy-lookups-data",
            "license": "MIT",
            "author": "Explosion",
        },
    ]


MODEL_CARD = """# nl_diplokg {version}

Dutch spaCy {spacy_version} pipeline for **diplokg** (Dutch government letters to an RDF knowledge graph).
Components: `{pipeline}`. CPU / efficiency architecture, no word vectors. Size on disk: {size_mb} MB.

Load with `spacy.load("data/models/nl_diplokg")`. The genre tokenizer rules of `pipeline/tokenizer.py`
(abbreviations such as `t.a.v.`, `a.s.`, `o.b.v.`; Kamerstuk numbers such as `21501-02-2234`) are
stored in the model's tokenizer files, so no import is needed to load it.

## Training data
| split | source | sentences | tokens |
|---|---|---:|---:|
| train | UD_Dutch-LassySmall dev + test, UD_Dutch-Alpino test | {train_sents:,} | {train_toks:,} |
{legacy_row}| dev | UD_Dutch-Alpino dev | {dev_sents:,} | {dev_toks:,} |

The official UD train splits (Alpino 186k tokens, LassySmall 240k tokens) were not available, so the
model is trained on roughly a sixth of the data the spaCy `nl_core_news_*` models see: expect lower scores.
Gold lemmas had UD's compound marks removed (`mee_nemen` -> `meenemen`).

## Scores (Alpino dev, {dev_toks:,} tokens)
**Honest caveat:** there is no untouched test set. Alpino test went into training and the dev set was
used to pick the best checkpoint, so these dev figures are slightly optimistic.

| metric | score |
|---|---:|
{score_rows}

Trained {steps} steps in {minutes} min on {cores} CPU core(s) (`OMP_NUM_THREADS=1`).

## Limitations
- Trained on Wikipedia, news and grammar examples, not on government letters; PDF-extraction artefacts
  (hyphenation at line ends, headers, footnotes) in the letters will cost accuracy.
- The rule lemmatizer lower-cases every lemma, proper nouns included (`Belarus` -> `belarus`); use
  `token.text` for PROPN when case matters. Separable verbs get the lemma of the finite part only.
- No word vectors; small training set (see above).
- The 2017 LassySmall train split was tried as extra parser data (overlap with current dev/test removed)
  and not used: its older label scheme (`flat:name`, no `obl:arg` / `nmod:poss`) lowered LAS on dev by
  about 2 points at equal steps while TAG/POS gained only ~0.3-0.5.

## Named entities
This model has **no statistical NER**. The only gold Dutch NER data at hand (CoNLL-2002) is licensed
for research only, and the UD treebanks carry no entity annotation. Entities in diplokg come from the
project's gazetteer `EntityRuler` and rules, which the diplokg code adds at load time (they are not
part of this saved model). A CoNLL-2002 NER can be trained for research only with
`train(..., research_ner=True)`; it is written outside `data/models` and must not be shipped.

## Licence and attribution
**CC BY-SA 4.0**, because the training data is: UD_Dutch-LassySmall (Gosse Bouma, Gertjan van Noord;
commit `7880e0bc`, legacy train commit `ccd0244f`) and UD_Dutch-Alpino (Gosse Bouma, Gertjan van Noord,
Daniel Zeman, Zdeněk Žabokrtský; Alpino Treebank, University of Groningen; commit `95e374a6`), both
CC BY-SA 4.0, from https://universaldependencies.org. Lemmatizer tables: spacy-lookups-data (MIT).

## Reproduce
```
cd /work/main && OMP_NUM_THREADS=1 /work/venv/bin/python -m pipeline.training.train   # or: diplokg train
```
Converted corpora and checkpoints go to `/tmp/diplokg-train/` (no training data in the repository).
Config: `pipeline/training/config.cfg` (copied into this folder as `config.cfg`).
"""

_SCORE_NAMES = {
    "pos_acc": "POS (UPOS) accuracy",
    "tag_acc": "TAG (XPOS) accuracy",
    "morph_acc": "MORPH accuracy",
    "dep_uas": "UAS",
    "dep_las": "LAS",
    "sents_f": "Sentence F",
    "lemma_acc": "Lemma accuracy (case-sensitive)",
    "lemma_acc_ci": "Lemma accuracy (case-insensitive)",
    "token_acc": "Tokenisation accuracy",
}


def _dir_size_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1)


def write_model_card(
    nlp: Language, output: Path, scores: dict[str, float], stats: dict, steps: int, minutes: float
) -> None:
    """Write ``README.md`` into ``output`` (meta.json is written by ``nlp.to_disk``)."""
    legacy = stats.get("legacy")
    legacy_row = (
        f"| train (+) | legacy 2017 LassySmall train, {legacy['dropped_overlap']} sentences overlapping "
        f"current UD dropped; trees only | {legacy['kept']:,} | {legacy['tokens']:,} |\n"
        if legacy
        else ""
    )
    card = MODEL_CARD.format(
        version=nlp.meta["version"],
        spacy_version=spacy.__version__,
        pipeline=", ".join(nlp.pipe_names),
        size_mb=_dir_size_mb(output),
        train_sents=stats["train"]["sentences"],
        train_toks=stats["train"]["tokens"],
        legacy_row=legacy_row,
        dev_sents=stats["dev"]["sentences"],
        dev_toks=stats["dev"]["tokens"],
        score_rows="\n".join(f"| {_SCORE_NAMES.get(k, k)} | {v:.2f} |" for k, v in scores.items()),
        steps=steps,
        minutes=round(minutes, 1),
        cores=1,
    )
    (output / "README.md").write_text(card, encoding="utf8")


# --------------------------------------------------------------------------- finalise


def finalize(
    model_best: Path, output: Path, nlp_data: Path, dev_path: Path, stats: dict, steps: int, minutes: float
) -> dict[str, float]:
    """Evaluate ``model_best``, fill its meta, save it to ``output`` with a model card."""
    nlp = spacy.load(model_best)
    # Re-apply (idempotent) so the saved tokenizer always carries the current genre rules.
    customize_tokenizer(nlp)
    scores = evaluate(nlp, dev_path)
    nlp.meta.update(
        {
            "name": "diplokg",
            "version": MODEL_VERSION,
            "description": "Dutch tagger, morphologizer, parser and rule lemmatizer for diplokg "
            "(government letters); trained on UD Dutch (no official train split available).",
            "license": "CC BY-SA 4.0",
            "author": "diplokg",
            "sources": _provenance(nlp_data),
            "performance": {k: v / 100 for k, v in scores.items()},
            "diplokg": {
                "data": stats,
                "eval_set": "UD_Dutch-Alpino dev (no untouched test set; Alpino test used in training)",
                "train_steps": steps,
                "train_minutes": round(minutes, 1),
                "ner": "none (CoNLL-2002 is research-only); entities come from the gazetteer EntityRuler",
            },
        }
    )
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)  # nlp.to_disk creates only the last level
    nlp.to_disk(output)
    write_model_card(nlp, output, scores, stats, steps, minutes)
    return scores


def train(
    nlp_data: Path = DEFAULT_NLP_DATA,
    output: Path = DEFAULT_MODEL,
    max_steps: int | None = None,
    *,
    work_dir: Path = DEFAULT_WORK_DIR,
    include_legacy: bool = False,
    research_ner: bool = False,
    research_ner_output: Path | None = None,
    seed: int = 0,
    skip_training: bool = False,
) -> dict[str, float]:
    """Train the Dutch pipeline and save it to ``output``; return the dev scores (percent).

    Args:
        nlp_data: the offline data folder (``ud/``, ``ner/``; default ``../shared/nlp-data``
            next to the repository, i.e. /work/shared/nlp-data).
        output: where the final pipeline goes (default ``data/models/nl_diplokg``); replaced.
        max_steps: training steps (default: the config's 4500, ~15 min on one core).
            Use a small value (e.g. 50) for a smoke test.
        work_dir: scratch folder for converted corpora and checkpoints (outside the repo).
        include_legacy: also train the parser on the 2017 LassySmall train split, minus the
            sentences that occur in any current UD file; only its trees are used. Off by default:
            its 2017 label scheme lowered dev LAS by ~2 points (see the model card).
        research_ner: additionally train a CoNLL-2002 NER (RESEARCH-ONLY licence) into
            ``research_ner_output`` (default ``work_dir/research-ner``). Never written into
            ``data/models`` and never part of the shipped model.
        seed: random seed (``system.seed``).
        skip_training: reuse ``work_dir/run/model-best`` from an earlier run and only redo the
            evaluation, model card and save (e.g. after changing the card or tokenizer rules).
    """
    nlp_data, output, work_dir = Path(nlp_data), Path(output), Path(work_dir)
    corpus_dir = work_dir / "corpus"
    run_dir = work_dir / "run"
    # Read before convert_ud rewrites the corpus files (their times are the fallback start time).
    minutes = _recorded_minutes(run_dir, corpus_dir) if skip_training else 0.0
    stats = convert_ud(nlp_data, corpus_dir, include_legacy=include_legacy)
    log.info("converted UD data: %s", stats)

    overrides: dict[str, object] = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
        "system.seed": seed,
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    if max_steps is None:
        max_steps = int(spacy.util.load_config(CONFIG_PATH)["training"]["max_steps"])
    steps = max_steps

    if not skip_training:
        from spacy.cli.train import train as spacy_train  # heavy import, only when training

        start = time.monotonic()
        spacy_train(CONFIG_PATH, run_dir, overrides=overrides)
        minutes = (time.monotonic() - start) / 60
        (run_dir / "timing.json").write_text(json.dumps({"minutes": minutes, "steps": steps}))

    dev_path = corpus_dir / "dev.spacy"
    scores = finalize(run_dir / "model-best", output, nlp_data, dev_path, stats, steps, minutes)
    if research_ner:
        train_research_ner(nlp_data, research_ner_output or work_dir / "research-ner", max_steps=max_steps)
    return scores


def _recorded_minutes(run_dir: Path, corpus_dir: Path) -> float:
    """Training time of an earlier run: timing.json, else file times (conversion -> last save)."""
    timing = run_dir / "timing.json"
    if timing.exists():
        return float(json.loads(timing.read_text())["minutes"])
    end = (run_dir / "model-last" / "meta.json").stat().st_mtime
    return (end - (corpus_dir / "train.spacy").stat().st_mtime) / 60


def train_research_ner(nlp_data: Path, output: Path, max_steps: int | None = None) -> Path:
    """Train a CoNLL-2002 Dutch NER for RESEARCH ONLY (licence forbids other use).

    Writes to ``output``, which must lie outside ``data/models`` so it can never be shipped
    or picked up by the diplokg loader. Uses the data folder's ``configs/nl_ner_efficiency.cfg``.
    """
    output = Path(output).resolve()
    if (DEFAULT_MODEL.parent.resolve()) in (output, *output.parents):
        raise ValueError(f"research NER must not be written under {DEFAULT_MODEL.parent}")
    from spacy.cli.train import train as spacy_train
    from spacy.training.converters import conll_ner_to_docs

    conll = Path(nlp_data) / "ner" / "conll2002-nl"
    corpus = output / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    for name, split in (("ned.train", "train"), ("ned.testa", "dev")):
        # CoNLL-2002 is "WORD POS IOB" per line; the converter wants the IOB tag last (it is).
        text = (conll / name).read_text(encoding="utf8")
        docs = list(conll_ner_to_docs(text, n_sents=10, no_print=True))
        DocBin(docs=docs, store_user_data=False).to_disk(corpus / f"{split}.spacy")
    overrides: dict[str, object] = {
        "paths.train": str(corpus / "train.spacy"),
        "paths.dev": str(corpus / "dev.spacy"),
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    spacy_train(Path(nlp_data) / "configs" / "nl_ner_efficiency.cfg", output / "run", overrides=overrides)
    best = output / "run" / "model-best"
    meta_path = best / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf8"))
    meta["license"] = "RESEARCH ONLY (CoNLL-2002 terms) - do not distribute or use commercially"
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf8")
    return best


if __name__ == "__main__":
    import argparse

    logging.basicConfig(level=logging.INFO)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlp-data", type=Path, default=DEFAULT_NLP_DATA)
    parser.add_argument("--output", type=Path, default=DEFAULT_MODEL)
    parser.add_argument("--max-steps", type=int, default=None)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    parser.add_argument("--include-legacy", action="store_true")
    parser.add_argument("--research-ner", action="store_true", help="RESEARCH ONLY CoNLL-2002 NER")
    parser.add_argument("--skip-training", action="store_true", help="re-finalize an earlier run")
    args = parser.parse_args()
    result = train(
        args.nlp_data,
        args.output,
        args.max_steps,
        work_dir=args.work_dir,
        include_legacy=args.include_legacy,
        research_ner=args.research_ner,
        skip_training=args.skip_training,
    )
    print(json.dumps(result, indent=2))
