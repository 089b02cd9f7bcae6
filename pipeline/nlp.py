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
from thinc.api import NumpyOps, get_current_ops, set_current_ops
from threadpoolctl import threadpool_limits

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
ACRONYM_AND_STOP = re.compile(r"^[A-Z]{2,6}\.$")


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
            # A word or number after one that ends no sentence starts none: the parser splits long list items
            # too ('de brief ... d.d. 6 maart 2015 met de geannoteerde agenda Raad Buitenlandse Zaken | inzake ...',
            # '... agenda Raad Buitenlandse Zaken Defensie | 20 mei 2025').
            elif token.text[:1].isalnum() and not prev.is_space and not SENTENCE_END.search(prev.text):
                starts[token.i] = -1
            # Nor a lower-case word or a number after an abbreviation ('in september jl. heb ik', 'd.d. 6 maart',
            # 'Nr. 2287').
            elif (token.text[:1].islower() or token.text[:1].isdigit()) and len(prev.text) > 1 \
                    and prev.text.endswith(".") and not prev.is_space:
                starts[token.i] = -1
            # An acronym keeps the full stop after it in its token ('VN.'): Dutch writes acronyms without
            # stops, so before a capitalised word it ends the sentence ('... en de VN. Hongarije sloot zich
            # niet aan'; the parser read on). Initials ('S.A.') have a stop inside.
            elif ACRONYM_AND_STOP.match(prev.text) and token.is_title and token.is_alpha:
                starts[token.i] = 1
            # 'tijdens de RBZ van 7 december a.s. Verschillende lidstaten ...': a date abbreviation ends the
            # sentence when a capitalised word that is no name follows (the parser reads 'a.s.' as mid-sentence).
            elif prev.lower_ in DATE_ABBREVIATIONS and token.is_title and token.pos_ not in ("PROPN", "NUM"):
                starts[token.i] = 1
        prev = token
    doc.from_array([SENT_START], starts.astype(numpy.uint64))
    return doc


def use_numpy_gemm() -> None:
    """Matrix products through numpy's BLAS, on one thread, for every model loaded after this call.

    thinc multiplies with its bundled blis, which on the machines here (AMD EPYC) runs a generic kernel:
    15 GFLOP/s against OpenBLAS's 55 for the tok2vec's products, half of the trained models' time.
    The tags and parses are the same (``tests/test_model.py``). One thread, as blis ran: documents are
    parallel across processes (``-j``), and two BLAS threads in each of two workers cost a third of the
    throughput (``benchmarks/bench_pipeline.py``). spaCy's ``require_cpu`` switches ops the same way.
    """
    threadpool_limits(1, user_api="blas")
    ops = get_current_ops()
    if type(ops) is NumpyOps and ops.use_blis:  # thinc's default; GPU or platform ops (AppleOps) stay
        set_current_ops(NumpyOps(use_blis=False))


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
            f"(about 15 minutes on 2 cores), or point DIPLOKG_MODEL at one; "
            f"`--model blank` runs the rule-only pipeline explicitly."
        )
    try:
        from pipeline.tokenizer import customize_tokenizer  # registers the tokenizer callback the model names
    except ImportError:
        return spacy.load(path)
    # A model keeps the rules it was trained with; rules added since apply to it too (idempotent).
    return customize_tokenizer(spacy.load(path))


def build_nlp(model: str | Path, learned: bool = True, components: str = "both") -> Language:
    """The full diplokg pipeline on top of ``model`` (a trained model directory or ``"blank"``).

    ``learned``: add the trained recogniser (``diplokg_learned_entities``, ``<model>_entities``) and the
    sentence classifier (``diplokg_learned_sentences``, ``<model>_sentences``)
    when their models exist beside ``model``; their training data is made with ``learned=False``.

    ``components``: ``"both"`` (rules and learned parts), ``"rules"`` (as ``learned=False``) or ``"learned"``
    for the ablation: entities from the recogniser alone (no gazetteer ruler, no construction rules), events
    and positions from the sentence classifier alone (no triggers, no cues); dates, motions and roles, which
    have no learned counterpart, keep their rules.
    """
    if components not in COMPONENT_MODES:
        raise ValueError(f"components must be one of {', '.join(COMPONENT_MODES)}, not {components!r}")
    learned = learned and components != "rules"
    extensions.register()
    use_numpy_gemm()
    nlp = load_model(model)
    nlp.max_length = MAX_CHARS + 1  # prepare() refuses longer texts with a clear error
    if "lemmatizer" in nlp.pipe_names:
        nlp.disable_pipe("lemmatizer")  # diplokg_events lemmatises the verbs it needs, on demand
    first = "parser" if "parser" in nlp.pipe_names else None
    if first:
        nlp.add_pipe("diplokg_line_breaks", before=first)
    else:
        nlp.add_pipe("diplokg_line_breaks")
        nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False, "overwrite_ents": True})
    # The ruler matches the words of each name (ORTH): tokenizing them is enough. spaCy would run every
    # component before the ruler over the 4,000 names (2 s of the load); those are off while they are added.
    with nlp.select_pipes(enable=["entity_ruler"]):
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
    if components == "learned":
        _learned_only(nlp)
    return nlp


COMPONENT_MODES = ("both", "rules", "learned")


def _learned_only(nlp: Language) -> None:
    """Take the rules out where a learned component does the same job (the ablation's middle row)."""
    missing = [name for name in ("diplokg_learned_entities", "diplokg_learned_sentences") if name not in nlp.pipe_names]
    if missing:
        raise ModelMissingError(f"no learned model for {', '.join(missing)}: train it with `diplokg train`")
    nlp.remove_pipe("entity_ruler")
    nlp.remove_pipe("diplokg_actor_rules")
    nlp.get_pipe("diplokg_learned_entities").labels = {"PERSON", "COUNTRY", "ORGANISATION", "PLACE", "MEETING",
                                                        "DOCUMENT"}
    events = nlp.get_pipe("diplokg_events")
    events.triggers, events.lemmas = {etype: NEVER for etype in events.triggers}, {}
    events.dated_actions = False
    positions = nlp.get_pipe("diplokg_positions")
    positions.cues, positions.learned_add = [], 0.5


NEVER = re.compile(r"(?!)")  # a trigger that matches nothing: the type is still scored by the classifier


def make_doc(nlp: Language, text: str, doc_id: str, doc_date: str | None, offset_map: list[int] | None,
             body_end: int | None = None, kamerstuk: str | None = None, title: str | None = None) -> Doc:
    """A Doc carrying what the components need to know about its document.

    ``body_end``: where the running text ends and the footnotes (moved there by preparation) begin.
    ``kamerstuk``: the document's own number from its metadata ('36 410 X, nr. 63' or '36410-X-63').
    ``title``: its title from its metadata ('Verslag van een algemeen overleg over ...').
    """
    doc = nlp.make_doc(text)
    doc.user_data["diplokg.text"] = text  # extensions.text_of: the tokenizer keeps the text verbatim
    doc._.doc_id = doc_id
    doc._.doc_date = doc_date
    doc._.kamerstuk = kamerstuk
    doc._.title = title
    doc._.offset_map = offset_map
    doc._.body_end = len(text) if body_end is None else body_end
    return doc
