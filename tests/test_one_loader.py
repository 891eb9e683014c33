"""Every load path checks the input the same way (issue 16, items 6 and 7).

The default loader (:func:`ptce_graph.load`), the registry's store
(:class:`ptce_graph.registry.Registry`, ``--store``) and the command line
with and without ``--store`` must refuse the same inputs with the same
message at the same line, and accept the same inputs - payload families of
ill-typed literals, escaped control characters, byte-order marks, IRIs that
grow too long after resolution, amplification, and triples that would rewrite
the ontology (dropped with a warning, by every path).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from ptce_graph.cli import main
from ptce_graph.errors import DataWarning, InputError
from ptce_graph.io import load
from ptce_graph.io.rules import VOCABULARY_NAMESPACES
from ptce_graph.model import Pole
from ptce_graph.registry import Registry

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fictional-pole" / "fictional-pole.ttl"
XSD = "http://www.w3.org/2001/XMLSchema#"
S = "<https://example.org/s> <https://example.org/p>"
LONG = "https://example.org/" + "x" * 4000 + "/"

#: (id, file suffix, content): each must be refused alike by every path.
REFUSED = [
    ("bad-date", ".nt", f'{S} "2014-13-45"^^<{XSD}date> .\n'),
    ("foreign-digits-year", ".nt", f'{S} "٢٠١٤"^^<{XSD}gYear> .\n'),
    ("signed-year", ".ttl", f'{S} "-2014"^^<{XSD}gYear> .\n'),
    ("bad-boolean", ".ttl", f'{S} "oui"^^<{XSD}boolean> .\n'),
    ("bad-integer", ".nt", f'{S} "douze"^^<{XSD}integer> .\n'),
    ("huge-integer", ".ttl", f"{S} {'9' * 5000} .\n"),
    ("escaped-nul", ".nt", f'{S} "a\\u0000b" .\n'),
    ("escaped-escape", ".ttl", f'{S} "a\\u001b[2Jb" .\n'),
    ("escaped-backspace", ".ttl", f'{S} "a\\bb" .\n'),
    ("raw-control", ".nt", f'{S} "a\x01b" .\n'),
    ("not-utf8", ".nt", f'{S} "caf\xe9" .\n'),
    ("long-after-prefix", ".ttl", f"@prefix p: <{LONG}> .\np:{'y' * 200} <https://example.org/q> 1 .\n"),
    ("long-after-base", ".ttl", f"@base <{LONG}> .\n<{'y' * 200}> <https://example.org/q> 1 .\n"),
    ("amplification", ".ttl", f"@prefix p: <{LONG}> .\n" + "".join(f"p:s{i} p:q p:o .\n" for i in range(2000))),
    ("bidi-iri", ".nt", '<https://example.org/a\u202eb> <https://example.org/p> "x" .\n'),
    ("long-datatype", ".ttl", f"@prefix p: <{LONG}> .\n{S} \"v\"^^p:{'d' * 200} .\n"),
]


def _write(tmp_path: Path, name: str, suffix: str, content: str) -> Path:
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(content.encode("latin-1") if name == "not-utf8" else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("name, suffix, content", REFUSED, ids=[r[0] for r in REFUSED])
def test_every_path_refuses_alike(name: str, suffix: str, content: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path, name, suffix, content)
    with pytest.raises(InputError) as by_default:
        load(path)
    with Registry(None) as registry, pytest.raises(InputError) as by_store:
        registry.load(path)
    assert (by_store.value.problem, by_store.value.line) == (by_default.value.problem, by_default.value.line)
    assert by_default.value.problem
    codes = []
    for extra in ([], ["--store", ":memory:"]):
        codes.append(main(["validate", str(path), "--lang", "en", *extra]))
        err = capsys.readouterr().err
        assert by_default.value.problem.split(":")[0][:40] in err, err
    assert codes == [2, 2]


ACCEPTED = [
    ("bom-turtle", ".ttl", "\ufeff" + EXAMPLE.read_text(encoding="utf-8")),
    ("bom-ntriples", ".nt", f'\ufeff{S} "x" .\n'),
    ("crlf", ".nt", f'{S} "a\\r\\nb" .\r\n{S} "c" .\r\n'),
    ("tab-and-newline", ".ttl", f'{S} "a\\tb\\nc" .\n'),
    ("c1-and-bidi-in-literal", ".nt", f'{S} "a\u009b\u202eb" .\n'),
]


@pytest.mark.parametrize("name, suffix, content", ACCEPTED, ids=[r[0] for r in ACCEPTED])
def test_every_path_accepts_alike(name: str, suffix: str, content: str, tmp_path: Path) -> None:
    path = _write(tmp_path, name, suffix, content)
    graph = load(path)
    with Registry(None) as registry:
        assert registry.load(path) == len(graph)


#: Triples whose subject is a term of ptce_graph's vocabularies: dropped by every path, with a warning.
REWRITES = [
    ("legal-form-family", "<https://w3id.org/ptce/legal-form/scop> <https://w3id.org/ptce/ns#family> "
                          "<https://w3id.org/ptce/ns#NonESSForm> ."),
    ("class-axiom", "<https://w3id.org/ptce/ns#ESSEnterprise> <http://www.w3.org/2002/07/owl#equivalentClass> "
                    "<https://w3id.org/ptce/ns#Pole> ."),
    ("property-range", "<https://w3id.org/ptce/ns#member> <http://www.w3.org/2000/01/rdf-schema#range> "
                       "<https://example.org/Nothing> ."),
    ("rdf-type-domain", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                        "<http://www.w3.org/2000/01/rdf-schema#domain> <https://example.org/Nothing> ."),
    ("owl-thing", "<http://www.w3.org/2002/07/owl#Thing> <http://www.w3.org/2000/01/rdf-schema#subClassOf> "
                  "<http://www.w3.org/2002/07/owl#Nothing> ."),
    ("skos-concept", "<https://w3id.org/ptce/typology/production> <http://www.w3.org/2004/02/skos/core#prefLabel> "
                     '"autre chose"@fr .'),
    ("new-term-in-our-namespace", "<https://w3id.org/ptce/ns#Invented> <http://www.w3.org/2000/01/rdf-schema#"
                                  "subClassOf> <https://w3id.org/ptce/ns#ESSEnterprise> ."),
    ("definition-clause", "<https://w3id.org/ptce/definition/law-2014> <http://purl.org/dc/terms/title> "
                          '"loi réécrite" .'),
    ("shape-constraint", "<http://www.w3.org/ns/shacl#minCount> <http://www.w3.org/2000/01/rdf-schema#label> "
                         '"x" .'),
]


@pytest.mark.parametrize("triple", [t for _, t in REWRITES], ids=[i for i, _ in REWRITES])
def test_data_cannot_rewrite_the_ontology(triple: str, tmp_path: Path) -> None:
    path = tmp_path / "pole.ttl"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n" + triple + "\n", encoding="utf-8")
    clean = load(EXAMPLE)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        graph = load(path)
        with Registry(None) as registry:
            registry.load(path)
            stored = len(registry)
    assert set(graph) == set(clean) and stored == len(clean)
    messages = [str(w.message) for w in caught if issubclass(w.category, DataWarning)]
    assert sum("describe terms of ptce_graph's vocabularies" in m for m in messages) == 2, messages


def test_a_rewrite_does_not_change_any_verdict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # SCOP made a non-ESS form, and the pole's actors declared non-ESS: the verdict must not move.
    hostile = tmp_path / "hostile.ttl"
    hostile.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n" + "\n".join(t for _, t in REWRITES) + "\n",
                       encoding="utf-8")
    outputs = []
    for path in (EXAMPLE, hostile):
        for extra in ([], ["--store", ":memory:"]):
            main(["validate", str(path), "-f", "json", "--as-of", "2026-01-01", *extra])
            outputs.append(capsys.readouterr().out)
    assert len(set(outputs)) == 1


@pytest.mark.parametrize("namespace", VOCABULARY_NAMESPACES)
def test_data_is_never_minted_in_a_vocabulary_namespace(namespace: str, tmp_path: Path) -> None:
    """A bundle, a workbook or a model pole minted under ``--base ptce:`` (or ``owl:``...) would describe
    vocabulary terms: every loader would drop it when read back.  Refused before reading, located at --base."""
    workbook = tmp_path / "pole.xlsx"
    workbook.write_bytes(b"PK")  # never opened: the base is refused first
    for source in (EXAMPLE.parent / "bundle", workbook, Pole(id="p", name="P")):
        with pytest.raises(InputError) as refused:
            load(source, base=namespace + "data/")
        assert refused.value.source == "--base" and namespace in refused.value.problem
