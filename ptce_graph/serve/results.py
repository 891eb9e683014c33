"""SPARQL 1.1 query results written from Oxigraph's terms: JSON, XML, CSV and TSV, row by row.

Oxigraph can write results itself, but only all of them: the endpoint stops
at a cap and at a deadline, so rows are written here as they come
(:class:`ResultWriter`).  The formats follow the W3C recommendations
("SPARQL 1.1 Query Results JSON Format", "… XML Format", "… CSV and TSV
Formats"); one deliberate change: a CSV value that a spreadsheet would run as
a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return, and not a number) is prefixed with ``'``, as every CSV ptce_graph
writes — TSV keeps terms exact (its literals are quoted, so never formulas).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from typing import Any

import pyoxigraph as ox

from ptce_graph.io.csv_writer import inert

__all__ = ["RESULT_FORMATS", "ResultWriter", "boolean_result", "term_json"]

#: Result format name -> media type.
RESULT_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def term_json(term: Any) -> dict[str, str]:
    """A term as SPARQL JSON results write it."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}  # RDF-star: not produced by our data


def _xml(text: str) -> str:
    text = _NOT_XML.sub("\ufffd", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _term_xml(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{_xml(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{_xml(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f'<literal xml:lang="{_xml(term.language)}">{_xml(term.value)}</literal>'
        if term.datatype.value != _XSD_STRING:
            return f'<literal datatype="{_xml(term.datatype.value)}">{_xml(term.value)}</literal>'
        return f"<literal>{_xml(term.value)}</literal>"
    return f"<literal>{_xml(str(term))}</literal>"


def _csv_cell(term: Any) -> str:
    if term is None:
        return ""
    text = term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else (
        "_:" + term.value if isinstance(term, ox.BlankNode) else str(term))
    if not _NUMBER.match(text):
        text = inert(text)  # no formula runs when a spreadsheet opens the answer
    if any(c in text for c in ',"\r\n'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def _tsv_cell(term: Any) -> str:
    if term is None:
        return ""
    # str() of an Oxigraph term is its N-Triples form, escapes included (no raw tab or newline).
    return str(term)


class ResultWriter:
    """Writes the solutions of a SELECT query in one format, row by row (:meth:`add`), then :meth:`finish`."""

    def __init__(self, fmt: str, variables: Sequence[str]) -> None:
        if fmt not in RESULT_FORMATS:
            raise ValueError(f"no result format {fmt!r}")
        self.fmt = fmt
        self.variables = list(variables)
        self.out = io.StringIO()
        self.rows = 0
        if fmt == "json":
            head = json.dumps({"vars": self.variables}, ensure_ascii=False)
            self.out.write('{"head": ' + head + ', "results": {"bindings": [')
        elif fmt == "xml":
            self.out.write('<?xml version="1.0" encoding="utf-8"?>\n'
                           '<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>')
            for name in self.variables:
                self.out.write(f'<variable name="{_xml(name)}"/>')
            self.out.write("</head>\n<results>\n")
        elif fmt == "csv":
            self.out.write(",".join(_csv_cell(ox.Literal(v)) for v in self.variables) + "\r\n")
        else:
            self.out.write("\t".join("?" + v for v in self.variables) + "\n")

    def add(self, solution: Any) -> None:
        values = [solution[name] for name in self.variables]
        if self.fmt == "json":
            binding = {name: term_json(v) for name, v in zip(self.variables, values, strict=True) if v is not None}
            self.out.write((", " if self.rows else "") + json.dumps(binding, ensure_ascii=False))
        elif self.fmt == "xml":
            cells = "".join(f'<binding name="{_xml(name)}">{_term_xml(v)}</binding>'
                            for name, v in zip(self.variables, values, strict=True) if v is not None)
            self.out.write(f"<result>{cells}</result>\n")
        elif self.fmt == "csv":
            self.out.write(",".join(_csv_cell(v) for v in values) + "\r\n")
        else:
            self.out.write("\t".join(_tsv_cell(v) for v in values) + "\n")
        self.rows += 1

    def size(self) -> int:
        return self.out.tell()

    def finish(self) -> bytes:
        if self.fmt == "json":
            self.out.write("]}}")
        elif self.fmt == "xml":
            self.out.write("</results>\n</sparql>\n")
        return self.out.getvalue().encode("utf-8")


def boolean_result(value: bool, fmt: str) -> bytes:
    """The answer to an ASK query (JSON or XML; CSV and TSV as Jena writes it: one column ``_askResult``)."""
    text = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode("utf-8")
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="utf-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{text}</boolean></sparql>\n").encode()
    if fmt == "csv":
        return f"_askResult\r\n{text}\r\n".encode()
    return f"?_askResult\n{text}\n".encode()
