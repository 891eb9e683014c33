"""Safe RDF parsing: located errors, nothing fetched, nothing smuggled."""

from __future__ import annotations

import json
import warnings

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ptce_graph.errors import DataWarning, InputError, NetworkDisallowedError
from ptce_graph.io import load
from ptce_graph.io.rdf import CONTEXT_URL, parse_rdf

TTL = b"""@prefix ptce: <https://w3id.org/ptce/ns#> .
@prefix ex: <https://example.org/> .
ex:p a ptce:Pole ;
    ex:label "P\xc3\xb4le"@fr-FR .
"""


def test_turtle_parses_and_lowercases_language_tags() -> None:
    graph = parse_rdf(TTL, format="turtle", source="t.ttl")
    assert len(graph) == 2
    assert Literal("Pôle", lang="fr-fr") in set(graph.objects())


def test_plain_literals_stay_plain() -> None:
    graph = parse_rdf(b'<https://e.org/a> <https://e.org/p> "x" .', format="nt")
    (o,) = graph.objects()
    assert o.datatype is None and o.language is None


def test_syntax_error_is_located() -> None:
    bad = b'@prefix ex: <https://example.org/> .\nex:a ex:p "x"\nex:b ex:p ex:c .\n'
    with pytest.raises(InputError) as info:
        parse_rdf(bad, format="turtle", source="bad.ttl")
    assert info.value.source == "bad.ttl" and info.value.line == 3
    assert str(info.value).startswith("bad.ttl:3")


def test_undefined_prefix() -> None:
    with pytest.raises(InputError) as info:
        parse_rdf(b"\n\nfoo:a foo:b foo:c .", format="turtle", source="p.ttl")
    assert info.value.line == 3 and "foo" in str(info.value)


def test_iri_with_a_space_is_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_rdf(b"<https://ex.org/a b> <https://ex.org/p> 1 .", format="turtle", source="s.ttl")
    assert info.value.line == 1


def test_ill_typed_literal_is_an_error_with_its_line() -> None:
    data = (
        b"@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n\n"
        b'<https://e.org/a> <https://e.org/d> "2014-13-45"^^xsd:date .\n'
    )
    with pytest.raises(InputError) as info:
        parse_rdf(data, format="turtle", source="d.ttl")
    assert info.value.line == 3 and "xsd:date" in str(info.value)


@pytest.mark.parametrize(
    ("value", "datatype"),
    [("2014-02-30", XSD.date), ("20144", XSD.gYearMonth), ("abc", XSD.integer), ("-1", XSD.nonNegativeInteger),
     ("yes", XSD.boolean), ("1,5", XSD.decimal)],
)
def test_lexical_checks(value: str, datatype: URIRef) -> None:
    data = f'<https://e.org/a> <https://e.org/d> "{value}"^^<{datatype}> .'.encode()
    with pytest.raises(InputError):
        parse_rdf(data, format="nt", source="x.nt")


def test_empty_file() -> None:
    with pytest.raises(InputError, match="empty"):
        parse_rdf(b"   \n", format="turtle", source="e.ttl")


def test_bom_is_dropped() -> None:
    assert len(parse_rdf(b"\xef\xbb\xbf" + TTL, format="turtle")) == 2


def test_not_utf8_is_located() -> None:
    with pytest.raises(InputError) as info:
        parse_rdf(b'<https://e.org/a> <https://e.org/p> "caf\xe9" .', format="nt", source="l1.nt")
    assert info.value.line == 1 and "UTF-8" in str(info.value)


def test_control_characters_are_refused() -> None:
    with pytest.raises(InputError) as info:
        parse_rdf(b'<https://e.org/a> <https://e.org/p> "a\x00b" .', format="nt", source="nul.nt")
    assert "U+0000" in str(info.value)


def test_long_iris_are_refused() -> None:
    long_iri = b"https://e.org/" + b"a" * 5000
    with pytest.raises(InputError, match="IRI of"):
        parse_rdf(b"@prefix p: <" + long_iri + b"> .\np:a p:b p:c .", format="turtle")


def test_size_cap() -> None:
    with pytest.raises(InputError, match="bytes"):
        parse_rdf(TTL, format="turtle", max_bytes=10)


def test_deep_nesting_does_not_crash() -> None:
    depth = 5000
    data = "<https://e.org/a> <https://e.org/p> " + "[ <https://e.org/p> " * depth + '"x"' + " ]" * depth + " ."
    graph = parse_rdf(data.encode(), format="turtle")
    assert len(graph) == depth + 1


def test_xml_with_a_dtd_is_refused() -> None:
    xxe = b"""<?xml version="1.0"?>
<!DOCTYPE r [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="https://e.org/">
  <rdf:Description rdf:about="https://e.org/a"><ex:p>&xxe;</ex:p></rdf:Description>
</rdf:RDF>"""
    with pytest.raises(InputError) as info:
        parse_rdf(xxe, format="xml", source="x.rdf")
    assert info.value.line == 2 and "DOCTYPE" in str(info.value)


def test_xml_parses() -> None:
    xml = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="https://e.org/">
  <rdf:Description rdf:about="https://e.org/a"><ex:p xml:lang="fr">caf\xc3\xa9</ex:p></rdf:Description>
</rdf:RDF>"""
    graph = parse_rdf(xml, format="xml")
    assert Literal("café", lang="fr") in set(graph.objects())


def test_xml_syntax_error_is_located() -> None:
    bad = b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<a></b>\n</rdf:RDF>'
    with pytest.raises(InputError) as info:
        parse_rdf(bad, format="xml", source="m.rdf")
    assert info.value.line == 3


def test_jsonld_remote_context_is_refused() -> None:
    doc = {"@context": "http://example.org/context.jsonld", "@id": "https://e.org/a", "name": "x"}
    with pytest.raises(NetworkDisallowedError, match="remote context"):
        parse_rdf(json.dumps(doc).encode(), format="json-ld", source="c.jsonld")
    doc = {"@context": [{"@import": "http://example.org/c.jsonld"}], "@id": "https://e.org/a"}
    with pytest.raises(NetworkDisallowedError):
        parse_rdf(json.dumps(doc).encode(), format="json-ld", source="c.jsonld")


def test_jsonld_with_our_context_url_uses_the_packaged_file() -> None:
    doc = {"@context": CONTEXT_URL, "@id": "ptceid:pole/x", "@type": "ptce:Pole"}
    graph = parse_rdf(json.dumps(doc).encode(), format="json-ld")
    assert (URIRef("https://w3id.org/ptce/id/pole/x"), None, None) in graph


def test_jsonld_syntax_error_is_located() -> None:
    with pytest.raises(InputError) as info:
        parse_rdf(b'{\n  "@id": "https://e.org/a",\n  "x": \n}', format="json-ld", source="j.jsonld")
    assert info.value.line == 4


def test_jsonld_datatype_iri_cannot_inject_triples() -> None:
    evil = 'https://ex.org/dt> . <https://ex.org/x> <https://ex.org/p> "INJ" . <https://ex.org/y'
    doc = {"@id": "https://e.org/a", "https://e.org/p": {"@value": "v", "@type": evil}}
    with pytest.raises(InputError, match="IRI"):
        parse_rdf(json.dumps(doc).encode(), format="json-ld")


def test_owl_imports_are_kept_but_not_followed() -> None:
    data = b"<https://e.org/o> <http://www.w3.org/2002/07/owl#imports> <http://127.0.0.1:9/x.owl> ."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph = parse_rdf(data, format="nt", source="i.nt")
    assert len(graph) == 1
    assert any(issubclass(w.category, DataWarning) and "not followed" in str(w.message) for w in caught)


def test_urls_need_explicit_permission() -> None:
    with pytest.raises(NetworkDisallowedError):
        load("https://example.org/pole.ttl")


def test_missing_file_and_unknown_extension(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(InputError, match="no such file"):
        load(tmp_path / "nope.ttl")
    other = tmp_path / "data.xyz"
    other.write_text("x")
    with pytest.raises(InputError, match="extension"):
        load(other)


def test_error_messages_stay_short(tmp_path) -> None:  # noqa: ANN001
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("x" * 20000 + " and more\n")
    with pytest.raises(InputError) as info:
        load(garbage)
    assert len(str(info.value)) < 400
