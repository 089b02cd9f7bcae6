"""Genre tokenizer rules on a blank Dutch pipeline (fast: no trained model needed)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from pipeline.tokenizer import abbreviation_variants, customize_tokenizer


@pytest.fixture(scope="module")
def nlp() -> Language:
    return customize_tokenizer(spacy.blank("nl"))


def words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


@pytest.mark.parametrize(
    "abbr",
    ["a.s.", "jl.", "c.s.", "o.b.v.", "t.a.v.", "m.b.t.", "i.v.m.", "d.d.", "nr.", "blz.", "e.a.", "o.a."]
    + ["bijv.", "resp.", "c.q."],
)
def test_abbreviation_is_one_token_mid_sentence(nlp: Language, abbr: str) -> None:
    assert words(nlp, f"Dit is {abbr} een test.") == ["Dit", "is", abbr, "een", "test", "."]


@pytest.mark.parametrize("abbr", ["A.s.", "T.a.v.", "M.b.t.", "I.v.m.", "O.a.", "Bijv.", "Nr.", "O.b.v."])
def test_capitalised_sentence_initial_variant(nlp: Language, abbr: str) -> None:
    assert words(nlp, f"{abbr} de motie.")[0] == abbr


def test_letter_sentence(nlp: Language) -> None:
    text = (
        "De minister c.s. heeft op 27 september jl. o.b.v. de motie-Sjoerdsma c.s. (Kamerstuk "
        "21 501-02, nr. 2234) t.a.v. Belarus gesproken, o.a. i.v.m. de sancties."
    )
    assert words(nlp, text) == [
        "De", "minister", "c.s.", "heeft", "op", "27", "september", "jl.", "o.b.v.", "de",
        "motie", "-", "Sjoerdsma", "c.s.", "(", "Kamerstuk", "21", "501-02", ",", "nr.", "2234", ")", "t.a.v.",
        "Belarus", "gesproken", ",", "o.a.", "i.v.m.", "de", "sancties", ".",
    ]  # fmt: skip


@pytest.mark.parametrize(
    "number", ["21501-02-2234", "35570-V-31", "21501-20-1736", "22112-2871", "36200-VIII"]
)
def test_kamerstuk_number_not_split(nlp: Language, number: str) -> None:
    assert words(nlp, f"Zie Kamerstuk {number}, blz. 3.") == [
        "Zie",
        "Kamerstuk",
        number,
        ",",
        "blz.",
        "3",
        ".",
    ]
    assert words(nlp, f"({number})") == ["(", number, ")"]
    assert words(nlp, f"Zie {number}.") == ["Zie", number, "."]


def test_spaced_dossier_number(nlp: Language) -> None:
    assert words(nlp, "Kamerstuk 21 501-02 nr. 2244") == ["Kamerstuk", "21", "501-02", "nr.", "2244"]
    assert words(nlp, "Kamerstuk 21 501-2") == ["Kamerstuk", "21", "501-2"]


def test_sentence_final_period_after_letter_part(nlp: Language) -> None:
    assert words(nlp, "Het gaat om 29 237-A. Daarna") == ["Het", "gaat", "om", "29", "237-A", ".", "Daarna"]


def test_dates_and_initials_unchanged(nlp: Language) -> None:
    assert words(nlp, "Op 5 jan. 2021 zei W.A. Hoekstra: J. de Vries.") == [
        "Op", "5", "jan.", "2021", "zei", "W.A.", "Hoekstra", ":", "J.", "de", "Vries", ".",
    ]  # fmt: skip
    # Ordinary hyphenated words and the sentence-final period behave as in spaCy's default.
    assert words(nlp, "De EU-lidstaten en Nagorno-Karabach.") == [
        "De",
        "EU-lidstaten",
        "en",
        "Nagorno-Karabach",
        ".",
    ]


def test_initials_with_a_two_letter_initial_are_one_token(nlp: Language) -> None:
    assert words(nlp, "De Minister, A.Th.B. Bijleveld-Schouten en Ph.P.J. Verhagen.") == [
        "De", "Minister", ",", "A.Th.B.", "Bijleveld-Schouten", "en", "Ph.P.J.", "Verhagen", ".",
    ]  # fmt: skip


def test_idempotent_and_serialised(nlp: Language) -> None:
    again = customize_tokenizer(nlp)
    assert words(again, "t.a.v. 21501-02-2234.") == ["t.a.v.", "21501-02-2234", "."]
    # Special cases and patterns survive a bytes round trip into a plain blank pipeline.
    fresh = spacy.blank("nl")
    fresh.tokenizer.from_bytes(nlp.tokenizer.to_bytes())
    assert words(fresh, "O.b.v. 35570-V-31 en 29 237-A.") == [
        "O.b.v.",
        "35570-V-31",
        "en",
        "29",
        "237-A",
        ".",
    ]
    assert set(abbreviation_variants()) <= set(fresh.tokenizer.rules)


def test_registered_callback() -> None:
    callback = spacy.registry.callbacks.get("diplokg.tokenizer.v1")()
    assert callback is customize_tokenizer


@pytest.mark.parametrize(("text", "tokens"), [
    ("de motie Stoffer/Verhoeven", ["de", "motie", "Stoffer", "/", "Verhoeven"]),
    ("de leden Knops/ten Broeke", ["de", "leden", "Knops", "/", "ten", "Broeke"]),
    ("en/of de", ["en/of", "de"]),
    ("de motie-Van der Staaij", ["de", "motie", "-", "Van", "der", "Staaij"]),
    # Other hyphens and slashes stay inside the word.
    ("Noord-Korea en EU-lidstaten en/of", ["Noord-Korea", "en", "EU-lidstaten", "en/of"]),
])
def test_submitters_named_in_a_motion_are_tokens(nlp: Language, text: str, tokens: list[str]) -> None:
    assert words(nlp, text) == tokens


@pytest.mark.parametrize(("text", "tokens"), [
    ("in»?1 Ja", ["in", "»", "?", "1", "Ja"]),
    ("(EUCO 34/16)2 en", ["(", "EUCO", "34/16", ")", "2", "en"]),
    ("tussen 3.5 en 4", ["tussen", "3.5", "en", "4"]),  # a decimal keeps its digits
])
def test_a_footnote_number_leaves_the_quote_it_follows(nlp: Language, text: str, tokens: list[str]) -> None:
    assert words(nlp, text) == tokens
