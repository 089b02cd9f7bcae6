"""The diplokg spaCy pipeline: the trained Dutch model plus the domain components.

    trained model (tok2vec, tagger, morphologizer, parser, lemmatizer; data/models/nl_diplokg)
    -> diplokg_line_breaks   a line break in the prepared text starts a sentence (headings, list items)
    -> entity_ruler          gazetteer actors (patterns.gazetteer)
    -> diplokg_dates         Dutch dates to ISO, anchored on the document date
    -> diplokg_motions       parliamentary motions
    -> diplokg_actor_rules   titled persons, defined acronyms, meetings, documents
    -> diplokg_learned_entities  names the rules missed, from the trained recogniser (nl_diplokg_entities)
    -> diplokg_linker        one key and canonical name per actor; posts to their holders
    -> diplokg_roles / diplokg_events / diplokg_positions

A missing model is an error, never a silent fallback: ``model="blank"``
asks for the rule-only pipeline explicitly (used by fast tests).
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.components.actors  # noqa: F401  (registers factories)
import pipeline.components.dates  # noqa: F401
import pipeline.components.events  # noqa: F401
import pipeline.components.learned  # noqa: F401
import pipeline.components.linker  # noqa: F401
import pipeline.components.motions  # noqa: F401
import pipeline.components.positions  # noqa: F401
import pipeline.components.roles  # noqa: F401
from pipeline import __version__, extensions
from pipeline.patterns.gazetteer import gazetteer_patterns
from pipeline.text import MAX_CHARS

BLANK = "blank"
EXTRACTOR = f"diplokg/{__version__}"


class ModelMissingError(RuntimeError):
    pass


DATE_ABBREVIATIONS = {"a.s.", "jl."}
SENTENCE_END = re.compile(r"[.!?:;…]['\")’”]*$")


@Language.component("diplokg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Sentence boundaries the parser must respect.

    Text after a line break starts a sentence (headings and list items end without a full stop);
    a sentence never starts after a word that ends none (the parser, trained on 68k tokens, sometimes
    splits 'dringt aan op eensgezind | EU optreden' before a capitalised acronym).

    The boundaries are written as one array: setting ``token.is_sent_start`` checks the whole Doc's
    annotation on every call, which made this component quadratic in the length of the document.
    """
    # 1 = starts a sentence, -1 = does not, 0 = the parser decides (spaCy stores -1 wrapped in uint64)
    starts = doc.to_array([SENT_START]).astype(numpy.int64)
    prev = None
    for token in doc:
        if prev is not None:
            if "\n" in prev.text or "\n" in prev.whitespace_:
                starts[token.i] = 1
            # Only a capitalised word can be mistaken for a sentence start: constrain those alone.
            elif token.text[:1].isupper() and not prev.is_space and not SENTENCE_END.search(prev.text):
                starts[token.i] = -1
            # 'tijdens de RBZ van 7 december a.s. Verschillende lidstaten ...': a date abbreviation ends the
            # sentence when a capitalised word that is no name follows (the parser reads 'a.s.' as mid-sentence).
            elif prev.lower_ in DATE_ABBREVIATIONS and token.is_title and token.pos_ not in ("PROPN", "NUM"):
                starts[token.i] = 1
        prev = token
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


def load_model(model: str | Path) -> Language:
    if str(model) == BLANK:
        nlp = spacy.blank("nl")
        try:
            from pipeline.tokenizer import customize_tokenizer

            customize_tokenizer(nlp)
        except ImportError:  # the tokenizer rules ship with the trained model too
            pass
        return nlp
    path = Path(model)
    if not (path / "meta.json").exists():
        raise ModelMissingError(
            f"no trained diplokg model at {path}. Train one with `diplokg train` "
            f"(about 20 minutes on 2 cores), or point DIPLOKG_MODEL at one; "
            f"`--model blank` runs the rule-only pipeline explicitly."
        )
    try:
        import pipeline.tokenizer  # noqa: F401  (registers the tokenizer callback the model names)
    except ImportError:
        pass
    return spacy.load(path)


def build_nlp(model: str | Path, learned: bool = True) -> Language:
    """The full diplokg pipeline on top of ``model`` (a trained model directory or ``"blank"``).

    ``learned``: add the trained recogniser (``diplokg_learned_entities``, ``<model>_entities``) and the
    sentence classifier (``diplokg_learned_sentences``, ``<model>_sentences``)
    when their models exist beside ``model``; their training data is made with ``learned=False``.
    """
    extensions.register()
    nlp = load_model(model)
    nlp.max_length = MAX_CHARS + 1  # prepare() refuses longer texts with a clear error
    first = "parser" if "parser" in nlp.pipe_names else None
    if first:
        nlp.add_pipe("diplokg_line_breaks", before=first)
    else:
        nlp.add_pipe("diplokg_line_breaks")
        nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False, "overwrite_ents": True})
    ruler.add_patterns(gazetteer_patterns())
    for name in ("diplokg_dates", "diplokg_motions", "diplokg_actor_rules"):
        nlp.add_pipe(name)
    recogniser = Path(f"{model}_entities")
    if learned and str(model) != BLANK and (recogniser / "meta.json").exists():
        nlp.add_pipe("diplokg_learned_entities", config={"model": str(recogniser)})
    for name in ("diplokg_linker", "diplokg_roles"):
        nlp.add_pipe(name)
    classifier = Path(f"{model}_sentences")
    if learned and str(model) != BLANK and (classifier / "meta.json").exists():
        nlp.add_pipe("diplokg_learned_sentences", config={"model": str(classifier)})
    nlp.add_pipe("diplokg_events")
    nlp.add_pipe("diplokg_positions")
    return nlp


def make_doc(nlp: Language, text: str, doc_id: str, doc_date: str | None, offset_map: list[int] | None,
             body_end: int | None = None) -> Doc:
    """A Doc carrying what the components need to know about its document.

    ``body_end``: where the running text ends and the footnotes (moved there by preparation) begin.
    """
    doc = nlp.make_doc(text)
    doc._.doc_id = doc_id
    doc._.doc_date = doc_date
    doc._.offset_map = offset_map
    doc._.body_end = len(text) if body_end is None else body_end
    return doc
