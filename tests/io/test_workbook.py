"""The coordinator's path: ``ptce init``, a workbook filled as a user would, validated, equal to the CSV bundle.

Also: a second reader (openpyxl, odfpy) reads the workbooks we write and gets the cells calamine gets,
and hostile workbooks (merged cells, formulas, hidden sheets, dates stored as numbers, text in number
cells, a renamed zip bomb: see also tests/data/bad/workbooks) give located errors.
All organisations here are fictional.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from rdflib.compare import isomorphic

from ptce_graph.cli import main
from ptce_graph.errors import BundleError
from ptce_graph.io import load
from ptce_graph.io.bundle import read_bundle

# The same fictional pole, as a coordinator types it in French and as the CSV contract writes it.
FRENCH = {
    "pôle": [["identifiant", "nom", "territoire", "codes_territoire", "stratégie", "début_stratégie", "fictif"],
             ["demo", "Pôle Démo (fictif)", "Val d'Exemple", "31555", "Charte", dt.date(2015, 3, 1), "oui"]],
    "acteurs": [["identifiant", "nom", "relation", "type", "forme_juridique", "mention_ess", "siret", "commune"],
                ["a1", "Assoc A", "membre", "Entreprise", "association", None, None, "31555"],
                ["a2", "SARL B", "Membre", "entreprise", "5710 — SAS, société par actions simplifiée", "non",
                 "73282932000074", "31555"],
                ["a3", "Mairie", "partenaire", "collectivité territoriale", "7210", None, None, "31555"]],
    "liens": [["source", "cible", "logique", "type", "début", "fin"],
              ["a1", "a2", "mutualisation", "groupement d'employeurs", 2016, None],
              ["a1", "a3", "Partenariat", None, dt.date(2017, 5, 2), None]],
    "projets": [["identifiant", "nom", "innovation", "développement_local_durable", "participants"],
                ["p1", "Projet", "sociale", "oui", "a1;a2"]],
    "financements": [["financeur", "nature", "programme", "année", "montant"],
                     ["État", "public", "appel à projets PTCE 2015", 2015, 15000.5]],
}
CSV = {
    "pole.csv": "id,name,territory,territory_codes,legal_form,strategy,strategy_start,strategy_end,fictional\n"
                "demo,Pôle Démo (fictif),Val d'Exemple,31555,,Charte,2015-03-01,,yes\n",
    "actors.csv": "id,name,relation,kind,legal_form,ess_mention,siret,commune\n"
                  "a1,Assoc A,member,enterprise,association,,,31555\n"
                  "a2,SARL B,member,enterprise,5710,no,73282932000074,31555\n"
                  "a3,Mairie,partner,local-authority,7210,,,31555\n",
    "links.csv": "source,target,logic,kind,start,end\na1,a2,mutualisation,employer-group,2016,\n"
                 "a1,a3,partnership,,2017-05-02,\n",
    "projects.csv": "id,name,innovation,sustainable_local_development,participants\np1,Projet,social,yes,a1;a2\n",
    "funding.csv": "funder,kind,program,year,amount\nÉtat,public,state-ptce-call-2015,2015,\"15000,50\"\n",
}


def _csv_bundle(tmp_path: Path) -> Path:
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, text in CSV.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _init(tmp_path: Path, fmt: str) -> Path:
    assert main(["init", str(tmp_path / fmt), "--format", fmt]) == 0
    return tmp_path / fmt / f"pole.{fmt}"


def _fill_xlsx(path: Path) -> None:
    """What a coordinator does in Excel: type over the example row, below the headers."""
    book = openpyxl.load_workbook(path)
    for sheet, rows in FRENCH.items():
        ws = book[sheet]
        where = {c.value: c.column for c in ws[1]}  # the template's headers, found by name
        ws.delete_rows(2)  # the example row
        for r, row in enumerate(rows[1:], start=2):
            for header, value in zip(rows[0], row, strict=True):
                ws.cell(row=r, column=where[header], value=value)
    book.save(path)


def _fill_ods(path: Path) -> None:
    """The same in LibreOffice, through odfpy: the example row replaced by the pole's rows."""
    from odf import table as tb
    from odf import text as tx
    from odf.opendocument import load as load_ods

    doc = load_ods(str(path))
    for t in doc.spreadsheet.getElementsByType(tb.Table):
        rows = FRENCH.get(t.getAttribute("name"))
        if rows is None:
            continue
        existing = t.getElementsByType(tb.TableRow)
        headers = [str(c) for c in existing[0].getElementsByType(tb.TableCell)]
        for row in existing[1:]:
            t.removeChild(row)
        for row in rows[1:]:
            element = tb.TableRow()
            by_header = dict(zip(rows[0], row, strict=True))
            for value in (by_header.get(h) for h in headers):
                if value is None:
                    cell = tb.TableCell()
                elif isinstance(value, dt.date):
                    cell = tb.TableCell(valuetype="date", datevalue=value.isoformat())
                    cell.addElement(tx.P(text=value.isoformat()))
                elif isinstance(value, (int, float)):
                    cell = tb.TableCell(valuetype="float", value=str(value))
                    cell.addElement(tx.P(text=str(value)))
                else:
                    cell = tb.TableCell(valuetype="string")
                    cell.addElement(tx.P(text=value))
                element.addElement(cell)
            t.addElement(element)
    doc.save(str(path))


@pytest.mark.parametrize("fmt", ["xlsx", pytest.param("ods", marks=pytest.mark.slow)])
def test_init_fill_validate_and_compare_with_csv(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _init(tmp_path, fmt)
    assert "ptce validate" in capsys.readouterr().err
    (_fill_xlsx if fmt == "xlsx" else _fill_ods)(path)
    code = main(["validate", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1), err  # read and judged (the pole is illustrative)
    assert "Pôle Démo" in out
    assert isomorphic(load(path), load(_csv_bundle(tmp_path)))


@pytest.mark.parametrize("fmt", ["xlsx", "ods", pytest.param("csv", marks=pytest.mark.slow)])
def test_an_untouched_template_says_what_is_missing(tmp_path: Path, fmt: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = _init(tmp_path, fmt) if fmt != "csv" else tmp_path / "csv"
    if fmt == "csv":
        assert main(["init", str(path), "--format", "csv", "--lang", "en"]) == 0
    capsys.readouterr()
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "0 lignes de données décrivent le pôle" in err and "ptce : 1 erreur" in err
    assert "Traceback" not in err


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "mine.txt").write_text("keep me")
    assert main(["init", str(tmp_path / "x")]) == 2
    assert "n'est pas un dossier vide" in capsys.readouterr().err
    assert (tmp_path / "x" / "mine.txt").read_text() == "keep me"


def test_template_has_lists_formats_and_instructions(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_init(tmp_path, "xlsx"))
    assert book.sheetnames[0] == "mode d'emploi"
    assert {"pôle", "acteurs", "liens", "projets", "financements", "lieux", "réunions", "auto-évaluation",
            "listes"} <= set(book.sheetnames)
    actors = book["acteurs"]
    validated = {str(v.sqref).split(":")[0][0]: v.formula1 for v in actors.data_validations.dataValidation}
    assert set(validated) >= {"C", "D", "E", "F"}  # relation, type, forme juridique, mention ESS
    lists = book["listes"]
    relation = [c.value for c in lists[validated["C"].split("$")[1]]][1:]
    assert [v for v in relation if v] == ["membre", "partenaire"]
    assert actors.column_dimensions["G"].number_format == "@"  # SIRET kept as text
    guide = [[c.value for c in row] for row in book["mode d'emploi"].iter_rows()]
    assert any(row[1] == "type" and "collectivités territoriales" in (row[4] or "") for row in guide)


def test_a_second_reader_gets_the_same_cells(tmp_path: Path) -> None:
    """openpyxl and odfpy read the workbooks we write as calamine does."""
    import python_calamine
    from odf import table as tb
    from odf.opendocument import load as load_ods

    for fmt in ("xlsx", "ods"):
        path = _init(tmp_path, fmt)
        ours = {}
        book = python_calamine.CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            ours[name] = [[v for v in row] for row in book.get_sheet_by_name(name).to_python()]
        if fmt == "xlsx":
            other = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)]
                     for ws in openpyxl.load_workbook(path, data_only=True).worksheets}
        else:
            other = {}
            for t in load_ods(str(path)).spreadsheet.getElementsByType(tb.Table):
                rows = []
                for row in t.getElementsByType(tb.TableRow):
                    rows.append([str(c) for c in row.getElementsByType(tb.TableCell)])
                other[t.getAttribute("name")] = rows
        for name, rows in ours.items():
            theirs = [[v for v in row if v not in (None, "")] for row in other[name]]
            mine = [[v for v in row if v not in (None, "")] for row in rows]
            theirs = [r for r in theirs if r]
            mine = [r for r in mine if r]
            assert [[_same(v) for v in r] for r in mine] == [[_same(v) for v in r] for r in theirs], (fmt, name)


def _same(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------------------
#  Hostile workbooks: each problem located by sheet, row and column letter
# ---------------------------------------------------------------------------


def _errors(path: Path) -> list[BundleError]:
    with pytest.raises(BundleError) as info:
        read_bundle(path)
    return getattr(info.value, "errors", [info.value])


# Merged cells, formulas without a value, hidden sheets, dates stored as numbers, text in number cells and
# a renamed zip bomb are cases of the bad-input corpus (tests/data/bad/workbooks, run by
# tests/test_hostile_input.py through the API and the command line).


def _patch_sizes(path: Path, size: int) -> None:
    """Set the uncompressed size an archive's only entry declares (local header and directory)."""
    data = bytearray(path.read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = size.to_bytes(4, "little")
    local = data.find(b"PK\x03\x04")
    data[local + 22:local + 26] = size.to_bytes(4, "little")
    path.write_bytes(bytes(data))


def test_a_renamed_zip_bomb_is_refused_before_it_unpacks(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (4 * 1024 * 1024))
    _patch_sizes(bomb, 4_000_000_000)  # what a 42.zip-like layer declares: refused on the directory alone
    assert bomb.stat().st_size < 64 * 1024
    [error] = _errors(bomb)
    assert "4000000000 octets" in error.message("fr") and error.source == str(bomb)


def test_a_lying_zip_directory_fails_its_checksum(tmp_path: Path) -> None:
    liar = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(liar, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a/>" * 100_000)
    _patch_sizes(liar, 10)  # declares 10 bytes, unpacks to 400,000
    [error] = _errors(liar)
    assert "abîmé" in error.message("fr")


def test_random_bytes_named_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip at all" * 10)
    assert main(["info", str(path)]) == 2
    err = capsys.readouterr().err
    assert "n'est pas un classeur" in err and "Traceback" not in err


def test_the_folder_ptce_init_wrote_is_read_as_its_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``ptce init DIR`` then ``ptce validate DIR``: the folder's one workbook is the bundle."""
    path = _init(tmp_path, "xlsx")
    _fill_xlsx(path)
    capsys.readouterr()
    assert isomorphic(load(path.parent), load(path))
    assert main(["validate", str(path.parent)]) in (0, 1)
    assert "Pôle Démo" in capsys.readouterr().out


def test_a_folder_with_no_bundle_or_several_workbooks_says_what_to_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "vide"
    empty.mkdir()
    assert main(["validate", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "ni pole.csv ni classeur" in err and "ptce init" in err and "Traceback" not in err
    two = tmp_path / "deux"
    two.mkdir()
    for name in ("a.xlsx", "b.ods"):
        (two / name).write_bytes(b"")
    assert main(["validate", str(two), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "several workbooks (a.xlsx, b.ods)" in err and "name the workbook" in err
