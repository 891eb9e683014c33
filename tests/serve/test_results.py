"""SPARQL results written row by row: JSON, XML, CSV and TSV as the W3C formats say, read back by parsers."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser

from ptce_graph.serve.query_pool import refusal
from ptce_graph.serve.results import RESULT_FORMATS, ResultWriter, boolean_result

QUERY = """SELECT ?s ?label ?n ?lang ?none WHERE {
  { BIND(<https://w3id.org/ptce/id/pole/a%20b> AS ?s) BIND("=HYPERLINK(\\"x\\")" AS ?label) BIND(12 AS ?n)
    BIND("Pôle « A »\\n\\ttab"@fr AS ?lang) }
  UNION
  { BIND(BNODE("b1") AS ?s) BIND("-3" AS ?label) BIND(-4.5e1 AS ?n) BIND("plain" AS ?lang) }
}"""
NS = {"r": "http://www.w3.org/2005/sparql-results#"}


def _written(fmt: str) -> bytes:
    result = ox.Store().query(QUERY)
    writer = ResultWriter(fmt, [v.value for v in result.variables])
    for solution in result:
        writer.add(solution)
    return writer.finish()


def test_json() -> None:
    data = json.loads(_written("json"))
    assert data["head"]["vars"] == ["s", "label", "n", "lang", "none"]
    rows = data["results"]["bindings"]
    first = next(r for r in rows if r["s"]["type"] == "uri")
    second = next(r for r in rows if r["s"]["type"] != "uri")
    assert first["s"] == {"type": "uri", "value": "https://w3id.org/ptce/id/pole/a%20b"}
    assert first["lang"] == {"type": "literal", "value": "Pôle « A »\n\ttab", "xml:lang": "fr"}
    assert first["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    assert first["label"] == {"type": "literal", "value": '=HYPERLINK("x")'}  # xsd:string: no datatype
    assert second["s"]["type"] == "bnode"
    assert "none" not in first


def test_xml() -> None:
    root = ET.fromstring(_written("xml"))
    assert [v.get("name") for v in root.findall("r:head/r:variable", NS)] == ["s", "label", "n", "lang", "none"]
    results = root.findall("r:results/r:result", NS)
    assert len(results) == 2
    first = next(r for r in results if r.find("r:binding[@name='s']/r:uri", NS) is not None)
    lang = first.find("r:binding[@name='lang']/r:literal", NS)
    assert lang is not None and lang.text == "Pôle « A »\n\ttab"
    assert lang.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"


def test_csv_neutralises_formulas_but_not_numbers() -> None:
    rows = list(csv.reader(io.StringIO(_written("csv").decode("utf-8"), newline="")))
    assert rows[0] == ["s", "label", "n", "lang", "none"]
    first = next(r for r in rows[1:] if r[0].startswith("https:"))
    second = next(r for r in rows[1:] if not r[0].startswith("https:"))
    assert first[1] == "'=HYPERLINK(\"x\")"  # a spreadsheet would run it
    assert second[1] == "-3" and float(second[2]) == -45  # numbers stay numbers
    assert first[3] == "Pôle « A »\n\ttab"
    assert second[0].startswith("_:")


def test_tsv_is_read_back_by_rdflib() -> None:
    parsed = TSVResultParser().parse(io.StringIO(_written("tsv").decode("utf-8")))
    assert [str(v) for v in parsed.vars] == ["s", "label", "n", "lang", "none"]
    first = next(b for b in parsed.bindings if str(b[parsed.vars[0]]).startswith("https:"))
    assert str(first[parsed.vars[0]]) == "https://w3id.org/ptce/id/pole/a%20b"
    assert str(first[parsed.vars[3]]) == "Pôle « A »\n\ttab"


@pytest.mark.parametrize("fmt", list(RESULT_FORMATS))
def test_booleans(fmt: str) -> None:
    text = boolean_result(True, fmt).decode("utf-8")
    assert "true" in text
    if fmt == "json":
        assert json.loads(text) == {"head": {}, "boolean": True}
    if fmt == "xml":
        found = ET.fromstring(text).find("r:boolean", NS)
        assert found is not None and found.text == "true"
    assert "false" in boolean_result(False, fmt).decode("utf-8")


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "service"),
        ("select * where { service silent <http://x/> { ?s ?p ?o } }", "service"),
        ("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", "service"),  # decoded before parsing
        ("INSERT DATA { <a:b> <a:c> <a:d> }", "update"),
        ("PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }", "update"),
        ("DROP ALL", "update"),
        ("SELECT ?service WHERE { ?service ?p ?o }", None),  # a variable named service
        ('SELECT * WHERE { ?s ?p "SERVICE INSERT" }', None),  # words in a string
        ("SELECT * WHERE { ?s <http://x/SERVICE> ?o } # SERVICE", None),  # in an IRI and a comment
        ("SELECT * WHERE { ?s ex:service ?o }", None),
        ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o } # then DELETE", None),
    ],
)
def test_refusal(query: str, why: str | None) -> None:
    assert refusal(query) == why
