"""The bundle carries collective tools (tools.csv, links.tool) and the strategy's kind.

Both extend contract 3 with optional columns and files: a bundle without them
reads as before, and one with them round-trips through RDF without loss.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib import URIRef
from rdflib.namespace import RDF, RDFS

from ptce_graph.errors import BundleError
from ptce_graph.io.bundle import read_bundle, write_bundle
from ptce_graph.model import Actor, Link, Logic, Pole, Strategy, Tool
from ptce_graph.namespaces import PTCE

from ..strategies import poles, without_iris


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


BASE = {
    "pole.csv": "id,name,territory,territory_codes,legal_form,strategy,strategy_start,strategy_end,"
                "strategy_kind\np,P,,,,Charte,2015-03,,charter\n",
    "actors.csv": "id,name,relation,kind,legal_form,ess_mention,siret,commune\n"
                  "a,A,member,enterprise,scop,,,\nb,B,member,enterprise,association,,,\n",
    "links.csv": "source,target,logic,kind,start,end,tool\na,b,interaction,collective-tool,2016,,box\n",
    "projects.csv": "id,name,innovation,sustainable_local_development,participants\n",
    "tools.csv": "id,name,description,citation\nbox,Boîte à idées,Un outil,https://example.org/box\n",
}


def test_tools_and_strategy_kind_are_read(tmp_path: Path) -> None:
    pole = read_bundle(_write(tmp_path / "b", BASE))
    assert pole.strategy is not None and pole.strategy.kind == "charter"
    assert pole.tools == [Tool(id="box", name="Boîte à idées", description="Un outil",
                               sources=["https://example.org/box"])]
    assert pole.links[0].tool == "box"
    graph = pole.to_graph()
    iri = URIRef("https://w3id.org/ptce/id/pole/p")
    tool = URIRef("https://w3id.org/ptce/id/pole/p/tool/box")
    assert (iri, PTCE.tool, tool) in graph
    assert (tool, RDF.type, PTCE.Tool) in graph
    assert (tool, RDFS.label, None) in graph
    assert (URIRef("https://w3id.org/ptce/id/pole/p/strategy"), RDF.type, PTCE.Charter) in graph
    link = next(graph.subjects(RDF.type, PTCE.CollectiveTool))
    assert (link, PTCE.tool, tool) in graph


def test_round_trip_through_a_folder(tmp_path: Path) -> None:
    pole = read_bundle(_write(tmp_path / "b", BASE))
    write_bundle(pole, tmp_path / "again")
    assert (tmp_path / "again" / "tools.csv").read_text(encoding="utf-8") == (
        "id,name,description,citation\nbox,Boîte à idées,Un outil,https://example.org/box\n"
    )
    assert read_bundle(tmp_path / "again") == pole.canonical()


def test_a_link_to_an_unknown_tool_is_located(tmp_path: Path) -> None:
    files = dict(BASE, **{"links.csv": "source,target,logic,kind,start,end,tool\na,b,interaction,,,,nope\n"})
    with pytest.raises(BundleError) as info:
        read_bundle(_write(tmp_path / "b", files))
    assert "links.csv" in str(info.value) and "nope" in str(info.value) and "tool" in str(info.value)


def test_an_unknown_strategy_kind_is_located(tmp_path: Path) -> None:
    files = dict(BASE, **{"pole.csv": BASE["pole.csv"].replace("charter", "manifesto")})
    with pytest.raises(BundleError) as info:
        read_bundle(_write(tmp_path / "b", files))
    assert "strategy_kind" in str(info.value) and "charter" in str(info.value)


def test_links_without_a_tool_keep_their_iris() -> None:
    # The minted id of a link hashes its content; a link with no tool must
    # keep the IRI it had before tools existed.
    link = Link(source="a", target="b", logic=Logic.MUTUALISATION, kind="employer-group", start="2016")
    assert link.minted_id() == "l-" + hashlib.sha1(
        "\x1f".join(["a", "b", "mutualisation", "employer-group", "2016", "", ""]).encode()
    ).hexdigest()[:12]
    assert Link(source="a", target="b", logic=Logic.MUTUALISATION, tool="t").minted_id() != Link(
        source="a", target="b", logic=Logic.MUTUALISATION).minted_id()


def test_a_model_link_to_an_unknown_tool_is_refused() -> None:
    pole = Pole(id="p", strategy=Strategy(kind="agreement"))
    pole.add_actor(Actor(id="a"))
    pole.add_actor(Actor(id="b"))
    pole.links.append(Link(source="a", target="b", logic="interaction", tool="missing"))
    with pytest.raises(ValueError, match="tool 'missing'"):
        pole.to_graph()


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(poles(max_actors=4))
def test_bundle_round_trip_with_tools(tmp_path_factory: pytest.TempPathFactory, pole: Pole) -> None:
    folder = tmp_path_factory.mktemp("bundle") / "b"
    write_bundle(pole, folder)
    back = read_bundle(folder)
    assert without_iris(back).tools == without_iris(pole.canonical()).tools
    assert [link.tool for link in back.links] == [link.tool for link in pole.canonical().links]
    assert (back.strategy.kind if back.strategy else None) == (pole.strategy.kind if pole.strategy else None)
