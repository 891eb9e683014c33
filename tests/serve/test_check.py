"""The check page: a coordinator uploads a pole and reads the checklist; hostile uploads are refused.

Against the session's server.  Nothing is stored: the registry is the same
after every upload; no answer names the server's folders or shows a stack trace.
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from rdflib import Graph

from ptce_graph.io import load, save
from ptce_graph.io.bundle import read_bundle
from ptce_graph.io.serialize import to_jsonld
from ptce_graph.serve.uploads import MAX_ENTRY_BYTES
from tests.conftest import DATA, EXAMPLES
from tests.serve.conftest import ACTOR, FICTIONAL, Server
from tests.serve.test_uploads import BUNDLE, cli_messages, zipped

POLES = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def check(server: Server, name: str, data: bytes, **fields: str):  # noqa: ANN201 - requests.Response
    return server.post("/check", files={"file": (name, data)}, data=fields)


def data_uri(page: str, anchor: str) -> bytes:
    found = re.search(rf'id="{anchor}" href="data:[^;]+;base64,([^"]+)"', page)
    assert found is not None, anchor
    return base64.b64decode(found.group(1))


def triples(server: Server) -> int:
    return int(server.get("/sparql", params={"query": POLES}).json()["results"]["bindings"][0]["n"]["value"])


def test_the_form(server: Server) -> None:
    page = server.get("/check")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and 'type="file"' in page.text
    assert "form-action 'self'" in page.headers["Content-Security-Policy"]
    assert 'name="store"' not in page.text  # the registry is not writable


def test_a_zipped_bundle_gives_the_checklist(server: Server) -> None:
    before = triples(server)
    answer = check(server, "mon-pole.zip", zipped(BUNDLE), lang="fr", as_of="2026-01-01")
    assert answer.status_code == 200
    page = answer.text
    assert "mon-pole.zip" in page and "Ce qu&#39;il reste à renseigner" in page
    for definition in ("labo-2010", "senate-2013", "law-2014", "decree-2015"):
        assert f'<details class="definition" id="legal-{definition}"' in page  # the report's folded layout
    assert re.search(r'<img src="data:image/svg\+xml;base64,', page)  # the network, inside the page
    assert "img-src 'self' data:" in answer.headers["Content-Security-Policy"]
    assert answer.headers["Cache-Control"] == "no-store"
    turtle = Graph().parse(data=data_uri(page, "download-turtle").decode("utf-8"), format="turtle")
    assert len(turtle) == len(load(BUNDLE))
    report = json.loads(data_uri(page, "download-json"))
    assert report["as_of"] == "2026-01-01" and len(report["definitions"]) == 4
    assert f'href="/page/{ACTOR.split("/id/")[1]}"' in page  # an actor the registry also serves
    assert triples(server) == before  # nothing stored


@pytest.mark.slow
def test_a_workbook_gives_the_same_checklist(server: Server, tmp_path: Path) -> None:
    workbook = tmp_path / "classeur.xlsx"
    save(read_bundle(BUNDLE), workbook)
    answer = check(server, workbook.name, workbook.read_bytes(), as_of="2026-01-01")
    assert answer.status_code == 200 and "classeur" in answer.text
    from_bundle = check(server, "pole.zip", zipped(BUNDLE), as_of="2026-01-01")
    verdicts = re.compile(r'<span class="badge [a-z]+" title="[^"]*">[^<]+</span>')
    assert verdicts.findall(answer.text) == verdicts.findall(from_bundle.text)


@pytest.mark.slow
def test_the_same_check_in_english(server: Server) -> None:
    page = check(server, "pole.zip", zipped(BUNDLE), lang="fr").text
    data = re.search(r'<input type="hidden" name="data" value="([^"]*)">', page, re.S)
    assert data is not None
    again = server.post("/check", files={"data": (None, html.unescape(data.group(1)))},
                        data={"lang": "en", "pole": FICTIONAL})
    assert again.status_code == 200
    assert '<html lang="en">' in again.text and "What is left to fill in" in again.text


@pytest.mark.slow
def test_turtle_and_json_ld_uploads(server: Server) -> None:
    ttl = EXAMPLES / "fictional-pole" / "fictional-pole.ttl"
    assert check(server, "pole.ttl", ttl.read_bytes()).status_code == 200
    graph = load(ttl)
    assert check(server, "pole.jsonld", to_jsonld(graph), lang="en").status_code == 200


HOSTILE_RDF = ["jsonld-remote-context.jsonld", "jsonld-file-context.jsonld", "xml-xxe-file.rdf",
               "xml-billion-laughs.rdf", "prefix-amplification.ttl", "control-char.ttl", "rdf-star.ttl"]


@pytest.mark.parametrize("name", HOSTILE_RDF)
def test_hostile_files_are_refused_with_a_located_message(server: Server, name: str) -> None:
    answer = check(server, name, (DATA / "bad" / name).read_bytes())
    assert answer.status_code == 422
    errors = re.findall(r"<li>(.*?)</li>", answer.text.split('class="errors"')[1].split("</ul>")[0], re.S)
    assert errors and all(name in e for e in errors)
    assert "/tmp" not in answer.text and "ptce-upload" not in answer.text and "Traceback" not in answer.text


BAD_WORKBOOKS = [c for c in json.loads((DATA / "bad" / "bundle-manifest.json").read_text(encoding="utf-8"))
                 if c["path"].endswith((".xlsx", ".ods")) and c["outcome"] == "error"]


@pytest.mark.parametrize("case", BAD_WORKBOOKS, ids=lambda c: c["path"])
def test_hostile_workbooks_are_refused_as_the_command_refuses_them(server: Server, case: dict) -> None:
    """Workbooks go through the one loader: the messages of ptce validate, by sheet and cell, in French."""
    path = DATA / "bad" / case["path"]
    answer = check(server, path.name, path.read_bytes(), lang="fr")
    assert answer.status_code == 422
    errors = [html.unescape(e).strip() for e in
              re.findall(r"<li>(.*?)</li>", answer.text.split('class="errors"')[1].split("</ul>")[0], re.S)]
    assert errors == cli_messages(path, "fr")
    if "sheet" in case:
        assert any(f"{path.name}, feuille « {case['sheet']} »" in e for e in errors), errors
    if "cell" in case:
        assert any(f"cellule {case['cell']}" in e for e in errors), errors
    assert "/tmp" not in answer.text and "ptce-upload" not in answer.text and "Traceback" not in answer.text


def test_names_holding_control_and_bidi_characters_reach_the_page_escaped(server: Server) -> None:
    unsafe = "".join(chr(c) for c in (*range(0x80, 0xA0), 0x2028, 0x2029, 0x061C, 0x200E, 0x200F,
                                     *range(0x202A, 0x202F), *range(0x2066, 0x206A))) + "\r"
    text = (EXAMPLES / "fictional-pole" / "fictional-pole.ttl").read_text(encoding="utf-8")
    name = "PTCE fictif du Val d'Exemple"
    assert f'"{name}"' in text
    hostile = text.replace(f'"{name}"', '"' + name + " " + unsafe.replace("\r", "\\r") + '"')
    answer = check(server, "pole.ttl", hostile.encode("utf-8"))
    assert answer.status_code == 200, answer.text[:2000]
    page = html.unescape(answer.text)  # an entity (&#x202e;) would be as bad as the character
    assert name in page and "\\u202e" in page
    raw = [hex(ord(c)) for c in page if c in unsafe]
    assert not raw, raw[:5]


@pytest.mark.parametrize("as_of", ["20260101", "2026-W01-1", "٢٠٢٦-٠١-٠١", "+2026-01-01", "2026-13-01", "0000-01-01"])
def test_the_evaluation_date_is_strict(server: Server, as_of: str) -> None:
    """The check page reads --as-of's way (ptce_graph.dates): YYYY-MM-DD, ASCII digits, years 0001-9999."""
    answer = check(server, "pole.ttl", (EXAMPLES / "fictional-pole" / "fictional-pole.ttl").read_bytes(), as_of=as_of)
    assert answer.status_code == 422 and "AAAA-MM-JJ" in answer.text  # the form is in French by default


def test_hostile_archives(server: Server) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pole.csv", b"0" * (MAX_ENTRY_BYTES + 1))
    answer = check(server, "bombe.zip", bomb.getvalue())
    assert answer.status_code == 422 and "décompressé" in answer.text  # in French, the page's language


@pytest.mark.slow
def test_a_path_in_the_archive_reaches_no_file(server: Server) -> None:
    traversal = io.BytesIO()
    with zipfile.ZipFile(traversal, "w") as archive:
        archive.writestr("../../../../tmp/ptce-pwned.csv", b"x")
        for path in BUNDLE.iterdir():
            archive.writestr(path.name, path.read_bytes())
    assert check(server, "traversal.zip", traversal.getvalue()).status_code == 200
    assert not list(Path("/tmp").glob("ptce-pwned*"))


def test_too_large_is_refused_before_reading(server: Server) -> None:
    big = b"#" * (10 * 1024 * 1024 + 1)
    answer = check(server, "gros.ttl", big)
    assert answer.status_code == 413
    assert "Fichier trop volumineux" in answer.text or "File too large" in answer.text


def test_not_a_form(server: Server) -> None:
    assert server.post("/check", data=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    assert server.post("/check", files={"other": ("a", b"")}).status_code == 422
    malformed = server.post("/check", data=b"--x\r\nbroken", headers={"Content-Type": "multipart/form-data"})
    assert malformed.status_code in (400, 422)


def test_a_form_sent_wrong_is_explained_in_the_chosen_language(server: Server) -> None:
    nothing = server.post("/check", files={"other": ("a", b"")}, data={"lang": "en"})
    assert nothing.status_code == 422 and '<html lang="en">' in nothing.text
    assert "No file received: choose the pole&#39;s workbook" in nothing.text
    empty = check(server, "classeur.xlsx", b"", lang="fr")
    assert empty.status_code == 422 and "classeur.xlsx : le fichier est vide." in empty.text
    date = check(server, "pole.ttl", b"@prefix : <a:> .", lang="fr", as_of="31/12/2025")
    assert date.status_code == 422 and '<html lang="fr">' in date.text
    assert "Date d&#39;évaluation « 31/12/2025 » : ce n&#39;est pas une date ; écrivez-la AAAA-MM-JJ" in date.text


def test_the_server_is_well_after_the_hostile_uploads(server: Server) -> None:
    assert server.get("/health").json()["status"] == "ok"
    assert "unexpected error" not in server.log_text()
