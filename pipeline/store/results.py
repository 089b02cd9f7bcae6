"""SPARQL SELECT results: the JSON form -> JSON, XML, CSV or TSV, with an optional row cap.

Two users: the API's result cap (``settings.result_limit``) must cut rows in every format, for
the embedded and the remote store alike, so it asks the store for JSON (fast to parse with the
stdlib), cuts rows there and writes the requested format from that one structure; and the remote
store, whose server may write non-conformant CSV/TSV/XML (Virtuoso 7 drops language tags and the
'?' of TSV headers, and answers ASK as a one-row SELECT), converts from JSON the same way.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def truncate(result: dict[str, Any], limit: int | None) -> bool:
    """Cut a SELECT result to ``limit`` rows in place; True when rows were dropped."""
    bindings = result.get("results", {}).get("bindings")
    if limit is None or bindings is None or len(bindings) <= limit:
        return False
    del bindings[limit:]
    return True


def serialize(result: dict[str, Any], media_type: str) -> bytes:
    if media_type == JSON:
        return json.dumps(result, ensure_ascii=False).encode("utf-8")
    if media_type == XML:
        return _xml(result).encode("utf-8")
    if media_type == CSV:
        return _csv(result).encode("utf-8")
    if media_type == TSV:
        return _tsv(result).encode("utf-8")
    raise ValueError(f"not a SPARQL results format: {media_type}")


def _vars(result: dict[str, Any]) -> list[str]:
    return list(result.get("head", {}).get("vars", []))


def _rows(result: dict[str, Any]) -> list[dict[str, dict[str, str]]]:
    return list(result.get("results", {}).get("bindings", []))


def _xml(result: dict[str, Any]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in _vars(result)) + "</head>")
    if "boolean" in result:
        out.append(f"<boolean>{'true' if result['boolean'] else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in _rows(result):
            out.append("<result>")
            for name, term in row.items():
                out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def _xml_term(term: dict[str, str]) -> str:
    kind, value = term.get("type"), escape(term.get("value", ""))
    if kind == "uri":
        return f"<uri>{value}</uri>"
    if kind == "bnode":
        return f"<bnode>{value}</bnode>"
    if "xml:lang" in term:
        return f"<literal xml:lang={quoteattr(term['xml:lang'])}>{value}</literal>"
    if "datatype" in term and term["datatype"] != _RDF_LANG:
        return f"<literal datatype={quoteattr(term['datatype'])}>{value}</literal>"
    return f"<literal>{value}</literal>"


def _csv(result: dict[str, Any]) -> str:
    # SPARQL 1.1 CSV: lexical values only, CRLF line ends, quoting as RFC 4180.
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    names = _vars(result)
    if "boolean" in result:
        return "true\r\n" if result["boolean"] else "false\r\n"
    writer.writerow(names)
    for row in _rows(result):
        writer.writerow([_csv_value(row.get(n)) for n in names])
    return buf.getvalue()


def _csv_value(term: dict[str, str] | None) -> str:
    if term is None:
        return ""
    if term.get("type") == "bnode":
        return "_:" + term["value"]
    return term.get("value", "")


def _tsv(result: dict[str, Any]) -> str:
    # SPARQL 1.1 TSV: terms in Turtle syntax, variables with '?', LF line ends.
    if "boolean" in result:
        return "true\n" if result["boolean"] else "false\n"
    names = _vars(result)
    lines = ["\t".join("?" + n for n in names)]
    for row in _rows(result):
        lines.append("\t".join(_turtle_term(row.get(n)) for n in names))
    return "\n".join(lines) + "\n"


def _turtle_term(term: dict[str, str] | None) -> str:
    if term is None:
        return ""
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return "_:" + value
    text = '"' + (
        value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        .replace("\t", "\\t")
    ) + '"'
    if "xml:lang" in term:
        return f"{text}@{term['xml:lang']}"
    dt = term.get("datatype")
    if dt and dt not in (_XSD + "string", _RDF_LANG):
        return f"{text}^^<{dt}>"
    return text
