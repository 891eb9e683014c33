"""The one CSV writer: formulas neutralised everywhere, the French-Excel dialect reads back identically."""

from __future__ import annotations

import ast
import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from ptce_graph.errors import BundleError
from ptce_graph.io.bundle import read_bundle, write_bundle
from ptce_graph.io.csv_writer import EXCEL_FR, PLAIN, cell_text, csv_bytes, csv_text, neutralise
from ptce_graph.model import Actor, Funding, FundingKind, Membership, Pole, Relation

PACKAGE = Path(__file__).resolve().parents[2] / "ptce_graph"
PAYLOADS = ["=1+1", "+33 1 23", "-2+3", "@SUM(A1)", "\tx", "\rx", "'quoted", "=HYPERLINK(\"http://x\")"]


def test_no_other_module_builds_a_csv_writer() -> None:
    """Every CSV we write goes through ptce_graph.io.csv_writer (issue 16 item 4)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "csv_writer.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter") and \
                    isinstance(node.value, ast.Name) and node.value.id == "csv":
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders


def test_no_other_module_keeps_its_own_list_of_formula_triggers() -> None:
    """The characters that start a formula are one fact (csv_writer.FORMULA_TRIGGERS): the SPARQL results of
    ptce serve and every other CSV take them from there."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "csv_writer.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple) and {"=", "+", "-", "@"} <= {
                    e.value for e in node.elts if isinstance(e, ast.Constant)}:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert not offenders


@pytest.mark.parametrize("payload", PAYLOADS, ids=repr)
def test_text_that_starts_a_formula_is_neutralised(payload: str) -> None:
    assert neutralise(payload) == "'" + payload
    row = next(csv.reader(io.StringIO(csv_text([payload], [[payload]]))))
    assert row == ["'" + payload]


def test_numbers_are_not_protected_and_take_the_dialect_decimal() -> None:
    assert cell_text(-1.5) == "-1.5"
    assert cell_text(-1.5, EXCEL_FR) == "-1,5"
    assert cell_text(Decimal("15000.50"), EXCEL_FR) == "15000,5"
    assert cell_text(Decimal("12.00")) == "12"
    with pytest.raises(TypeError):
        cell_text(True)


def test_excel_dialect_bytes() -> None:
    data = csv_bytes(["nom", "montant"], [["Café", Decimal("1.5")]], EXCEL_FR)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == "nom;montant\r\nCafé;1,5\r\n"
    assert csv_bytes(["a"], [["b"]], PLAIN) == b"a\nb\n"


def _hostile_pole() -> Pole:
    pole = Pole(id="p", name="=cmd|' /C calc'!A0", fictional=True, extra={"note": "@SUM(1)"})
    pole.actors.append(Actor(id="a1", name="+33 6 00", extra={"=x": "-y"}))
    pole.memberships.append(Membership(actor="a1", relation=Relation.MEMBER))
    pole.funding.append(Funding(funder="-Ville", kind=FundingKind.PUBLIC, year=2015, amount=Decimal("-1200.5")))
    return pole


@pytest.mark.parametrize("dialect", [PLAIN, EXCEL_FR], ids=["plain", "excel-fr"])
def test_bundle_cells_are_neutralised_and_read_back_identically(tmp_path: Path, dialect: object) -> None:
    pole = _hostile_pole()
    write_bundle(pole, tmp_path / "b", dialect=dialect)  # type: ignore[arg-type]
    for name in ("pole.csv", "actors.csv", "funding.csv"):
        data = (tmp_path / "b" / name).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == (dialect is EXCEL_FR)
        text = data.decode("utf-8-sig")
        for row in csv.reader(io.StringIO(text), delimiter=dialect.delimiter):  # type: ignore[attr-defined]
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r")), (name, cell)
                if cell.startswith("-"):
                    assert cell == "-1200,5" if dialect is EXCEL_FR else cell == "-1200.5"
    assert read_bundle(tmp_path / "b").canonical() == pole.canonical()


def test_typology_referentiel_and_metrics_csv_are_neutralised(tmp_path: Path) -> None:
    from ptce_graph.metrics import metrics, to_csv
    from ptce_graph.metrics.render import actors_to_csv
    from ptce_graph.referentiel import referentiel_gap
    from ptce_graph.typology import typology

    pole = _hostile_pole()
    pole.actors.append(Actor(id="a2", name="=2"))
    pole.memberships.append(Membership(actor="a2", relation=Relation.MEMBER))
    graph = pole.to_graph()
    results = metrics(graph)
    texts = [typology(graph).to_csv(), referentiel_gap(graph).to_csv(), to_csv(results), actors_to_csv(results),
             to_csv(results, excel=True)]
    for text in texts:
        delimiter = ";" if text.splitlines()[0].count(";") > text.splitlines()[0].count(",") else ","
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in row), row


def test_a_bundle_file_linking_out_of_the_folder_is_refused_unread(tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text("id,name,relation,kind,legal_form,ess_mention,siret,commune\nTOP-SECRET,x,y,z,,,,\n")
    write_bundle(_hostile_pole(), tmp_path / "b")
    (tmp_path / "b" / "actors.csv").unlink()
    (tmp_path / "b" / "actors.csv").symlink_to(outside)
    with pytest.raises(BundleError) as info:
        read_bundle(tmp_path / "b")
    assert "symbolic link" in str(info.value) and "TOP-SECRET" not in str(info.value)
    assert info.value.source.endswith("actors.csv")


def test_a_link_inside_the_folder_is_read(tmp_path: Path) -> None:
    write_bundle(_hostile_pole(), tmp_path / "b")
    (tmp_path / "b" / "real.csv").write_bytes((tmp_path / "b" / "actors.csv").read_bytes())
    (tmp_path / "b" / "actors.csv").unlink()
    (tmp_path / "b" / "actors.csv").symlink_to("real.csv")
    assert read_bundle(tmp_path / "b").actors[0].id == "a1"


def test_a_folder_whose_one_workbook_links_out_of_it_is_refused_unread(tmp_path: Path) -> None:
    from ptce_graph.errors import InputError
    from ptce_graph.io import load

    outside = tmp_path / "ailleurs.xlsx"
    outside.write_bytes(b"TOP-SECRET")
    folder = tmp_path / "pole"
    folder.mkdir()
    (folder / "pole.xlsx").symlink_to(outside)
    with pytest.raises(InputError) as info:
        load(folder)
    assert "symbolic link" in str(info.value) and "TOP-SECRET" not in str(info.value)


def test_metrics_and_export_for_french_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ptce_graph.cli import main
    from ptce_graph.io import load

    bundle = Path(__file__).resolve().parents[2] / "examples" / "fictional-pole" / "bundle"
    assert main(["metrics", str(bundle), "-f", "csv", "--excel", "-o", str(tmp_path / "m.csv")]) == 0
    data = (tmp_path / "m.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpole;label;")
    density = next(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))["density"]
    assert "," in density and "." not in density  # decimal comma
    assert main(["export", str(bundle), "-o", str(tmp_path / "fr"), "--lang", "fr"]) == 0
    assert (tmp_path / "fr" / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbfidentifiant;nom;")
    from rdflib.compare import isomorphic

    assert isomorphic(load(tmp_path / "fr"), load(bundle))
