"""Just enough SPARQL lexing to route a request, without a full parse.

The store's own parser decides whether a query is valid (its message is what the client sees);
this module only answers the questions the protocol layer must answer *before* running it:

* which query form is it (SELECT/ASK -> result formats; CONSTRUCT/DESCRIBE -> RDF formats)?
* is a "query" actually an update, or an "update" a query?
* does an update carry its own USING/WITH (then using-graph-uri is a conflict), and where do
  protocol-supplied USING clauses go?

Why a tokenizer and not a regex: keywords may hide in comments, strings and IRIs
(``# SELECT``, ``"ASK"``, ``<http://x/CONSTRUCT>``), and PREFIX declarations come first.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
UPDATE_KEYWORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

# IRIREF from the SPARQL grammar: no spaces, no <>"{}|^`\ inside. Tried before '<' as an operator.
_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_LONG_STRING = re.compile(r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\"", re.S)
_STRING = re.compile(r"'(?:[^'\\\n\r]|\\.)*'|\"(?:[^\"\\\n\r]|\\.)*\"")
# Words: keywords, prefixed names, variables, numbers, language tags. Non-ASCII letters are allowed
# in prefixed names, so anything that is not whitespace or punctuation continues a word.
_WORD = re.compile(r"[^\s{}()\[\];,.<>\"'#=!&|*/+^-]+(?:[.-][^\s{}()\[\];,.<>\"'#=!&|*/+^-]+)*")
_SPACE = re.compile(r"\s+")


class Token(NamedTuple):  # a named tuple: cheaper to create than a frozen dataclass
    kind: str  # "iri" | "string" | "word" | "punct"
    text: str
    start: int
    depth: int  # brace depth before this token

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


def tokens(text: str) -> Iterator[Token]:
    """Tokens outside comments, with their brace depth. Never raises: odd input yields punct tokens."""
    i, depth, n = 0, 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i = _SPACE.match(text, i).end()  # type: ignore[union-attr]
            continue
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c == "<":
            m = _IRI.match(text, i)
            if m:
                yield Token("iri", m.group(), i, depth)
                i = m.end()
                continue
        if c in "'\"":
            m = _LONG_STRING.match(text, i) or _STRING.match(text, i)
            if m:
                yield Token("string", m.group(), i, depth)
                i = m.end()
                continue
        m = _WORD.match(text, i)
        if m and m.end() > i:
            yield Token("word", m.group(), i, depth)
            i = m.end()
            continue
        if c == "{":
            yield Token("punct", c, i, depth)
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
            yield Token("punct", c, i, depth)
        else:
            yield Token("punct", c, i, depth)
        i += 1


def _skip_prologue(toks: list[Token], k: int = 0) -> int:
    """Index of the first token after BASE <iri> / PREFIX p: <iri> declarations."""
    while k < len(toks):
        kw = toks[k].keyword
        if kw == "BASE":
            k += 2
        elif kw == "PREFIX":
            k += 3
        else:
            break
    return k


def operation_kind(text: str) -> str | None:
    """'SELECT', 'CONSTRUCT', 'ASK', 'DESCRIBE', 'UPDATE', or None when unrecognisable.

    Lexes only the prologue and the keyword after it, not the whole text (this runs per request).
    """
    toks = tokens(text)
    for t in toks:
        kw = t.keyword
        if kw in ("BASE", "PREFIX"):
            # BASE <iri> / PREFIX p: <iri>: skip the declaration's operands, as _skip_prologue does.
            for _ in range(1 if kw == "BASE" else 2):
                if next(toks, None) is None:
                    return None
            continue
        if kw in QUERY_FORMS:
            return kw
        if kw in UPDATE_KEYWORDS:
            return "UPDATE"
        return None
    return None


def _operations(toks: list[Token]) -> Iterator[list[Token]]:
    """Update operations: token runs separated by ';' at brace depth 0."""
    current: list[Token] = []
    for t in toks:
        if t.kind == "punct" and t.text == ";" and t.depth == 0:
            yield current
            current = []
        else:
            current.append(t)
    if current:
        yield current


def has_dataset_clause(update: str) -> bool:
    """True when some operation of the update names its own dataset (USING or WITH)."""
    return any(
        t.depth == 0 and t.keyword in ("USING", "WITH")
        for op in _operations(list(tokens(update)))
        for t in op
    )


def add_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Insert ``USING <g>`` / ``USING NAMED <g>`` before the WHERE of every DELETE/INSERT ... WHERE.

    This is how the protocol's using-graph-uri / using-named-graph-uri are applied: the spec
    defines them as equivalent to those clauses. ``DELETE WHERE`` shorthand and the other
    operations (INSERT DATA, DROP...) take no dataset, so they are left alone. IRIs must have been
    validated by the caller.
    """
    if not using and not using_named:
        return update
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named]) + " "
    inserts: list[int] = []
    for op in _operations(list(tokens(update))):
        k = _skip_prologue(op)
        top = [t for t in op[k:] if t.depth == 0]
        if len(top) < 2 or top[0].keyword not in ("DELETE", "INSERT"):
            continue
        if top[1].keyword in ("DATA", "WHERE"):
            continue  # INSERT DATA / DELETE DATA / DELETE WHERE: no USING allowed
        for t in top:
            if t.keyword == "WHERE":
                inserts.append(t.start)
                break
    for pos in reversed(inserts):
        update = update[:pos] + clause + update[pos:]
    return update


_IRI_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_absolute_iri(value: str) -> bool:
    """An absolute IRI safe to write as ``<value>`` in SPARQL (a scheme, no forbidden characters, and
    valid to the store's own IRI parser: '%d' or a private-use code point would make its query fail)."""
    if not value or not _SCHEME.match(value) or _IRI_FORBIDDEN.search(value):
        return False
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(value)
    except ValueError:
        return False
    return True


_OPEN, _CLOSE = "{([", "})]"


def max_nesting(text: str) -> int:
    """The deepest nesting of braces, parentheses and brackets outside strings, IRIs and comments.

    The embedded engine's parser recurses once per level and overflows its stack somewhere past
    a thousand; callers refuse deep queries with this before any parser sees them.
    """
    depth = deepest = 0
    for t in tokens(text):
        if t.kind != "punct":
            continue
        if t.text in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif t.text in _CLOSE:
            depth = max(0, depth - 1)
    return deepest


def service_targets(text: str) -> list[str] | None:
    """The endpoints of the SERVICE clauses of a query or update (IRIs without <>), in order.

    None when some SERVICE names its endpoint by a variable or a prefixed name this lexer cannot
    resolve: callers that must know every endpoint refuse that.
    """
    if "service" not in text.lower():
        return []
    toks = list(tokens(text))
    found: list[str] = []
    for k, t in enumerate(toks):
        if t.keyword != "SERVICE":
            continue
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if nxt is not None and nxt.keyword == "SILENT":
            nxt = toks[k + 2] if k + 2 < len(toks) else None
        if nxt is None or nxt.kind != "iri":
            return None
        found.append(nxt.text[1:-1])
    return found
