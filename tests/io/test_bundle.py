"""The spreadsheet bundle (contract 3): lossless round trips and located errors."""

from __future__ import annotations

import warnings
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from rdflib.compare import isomorphic

from ptce_graph.errors import BundleError, DataWarning
from ptce_graph.io import load, save
from ptce_graph.io.bundle import read_bundle, write_bundle
from ptce_graph.model import Pole

from ..strategies import examples, poles, without_iris

POLE = "id,name,territory,territory_codes,legal_form,strategy,strategy_start,strategy_end\n" \
       "demo,Pôle Démo,Val d'Exemple,31555;R76,association,Charte,2015-03-01,\n"
ACTORS = "id,name,relation,kind,legal_form,ess_mention,siret,commune\n" \
         "a1,Assoc A,member,enterprise,association,,,31555\n" \
         "a2,SARL B,member,enterprise,commercial-company,no,73282932000074,31555\n" \
         "a3,Mairie,partner,local-authority,7210,,,31555\n"
LINKS = "source,target,logic,kind,start,end\na1,a2,mutualisation,employer-group,2016,\n"
PROJECTS = "id,name,innovation,sustainable_local_development,participants\np1,Projet,social,yes,a1;a2\n"


def make(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "bundle"
    folder.mkdir(exist_ok=True)
    contents = {"pole.csv": POLE, "actors.csv": ACTORS, "links.csv": LINKS, "projects.csv": PROJECTS}
    contents.update({k.replace("_csv", ".csv"): v for k, v in files.items()})
    for name, text in contents.items():
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_minimal_bundle(tmp_path: Path) -> None:
    pole = read_bundle(make(tmp_path))
    assert pole.id == "demo" and pole.name == "Pôle Démo"
    assert pole.territory is not None and pole.territory.codes == ["31555", "R76"]
    assert [a.id for a in pole.members()] == ["a1", "a2"]
    assert pole.links[0].kind == "employer-group"
    assert pole.projects[0].participants == ["a1", "a2"]


@pytest.mark.parametrize("budget", examples(40))
def test_bundle_round_trip_is_lossless(tmp_path: Path, budget: int) -> None:
    @settings(max_examples=budget, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(poles())
    def round_trip(pole: Pole) -> None:
        folder = tmp_path / "rt"
        write_bundle(pole, folder)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DataWarning)
            back = read_bundle(folder)
        assert without_iris(back.canonical()) == without_iris(pole.canonical())

    round_trip()


def test_bundle_to_turtle_and_back_is_isomorphic(tmp_path: Path) -> None:
    folder = make(tmp_path, extra_csv=None)
    graph = load(folder)
    save(graph, tmp_path / "pole.ttl")
    assert isomorphic(graph, load(tmp_path / "pole.ttl"))
    # ...and back to a bundle that gives the same graph again.
    save(load(tmp_path / "pole.ttl"), tmp_path / "again")
    assert isomorphic(graph, load(tmp_path / "again"))
    for name in ("pole.csv", "actors.csv", "links.csv", "projects.csv"):
        assert (tmp_path / "again" / name).read_text() == (tmp_path / "again" / name).read_text()


def test_extra_columns_are_kept(tmp_path: Path) -> None:
    actors = ACTORS.replace("commune\n", "commune,note\n", 1).replace("31555\n", "31555,fondateur\n", 1)
    folder = make(tmp_path, actors_csv=actors)
    pole = read_bundle(folder)
    assert pole.actor("a1").extra == {"note": "fondateur"}
    write_bundle(pole, tmp_path / "out")
    assert "note" in (tmp_path / "out" / "actors.csv").read_text().splitlines()[0]


def located(tmp_path: Path, **files: str) -> BundleError:
    with pytest.raises(BundleError) as info:
        read_bundle(make(tmp_path, **files))
    return info.value


def test_missing_file(tmp_path: Path) -> None:
    folder = make(tmp_path)
    (folder / "links.csv").unlink()
    with pytest.raises(BundleError, match="no links.csv"):
        read_bundle(folder)


def test_missing_or_renamed_column(tmp_path: Path) -> None:
    error = located(tmp_path, actors_csv=ACTORS.replace("kind", "sort", 1))
    assert error.source.endswith("actors.csv") and error.line == 1
    assert "'kind'" in str(error) and "sort" in str(error)
    assert "« kind » (type)" in error.message("fr")  # the French header is named in French


def test_unknown_kind(tmp_path: Path) -> None:
    error = located(tmp_path, actors_csv=ACTORS.replace("local-authority", "mairie"))
    assert error.line == 4 and error.location.field == "kind"
    assert "local-authority" in str(error)  # the expected values are listed


def test_unknown_logic_and_innovation(tmp_path: Path) -> None:
    assert located(tmp_path, links_csv=LINKS.replace("mutualisation", "friendship")).location.field == "logic"
    assert located(tmp_path, projects_csv=PROJECTS.replace("social", "green")).location.field == "innovation"


def test_unknown_legal_form(tmp_path: Path) -> None:
    error = located(tmp_path, actors_csv=ACTORS.replace(",association,", ",asso,"))
    assert error.location.field == "legal_form" and error.line == 2


def test_invalid_date(tmp_path: Path) -> None:
    error = located(tmp_path, links_csv=LINKS.replace("2016", "2016-13-01"))
    assert (error.line, error.location.field) == (2, "start")
    french = located(tmp_path, pole_csv=POLE.replace("2015-03-01", "01/03/2015"))
    assert "YYYY-MM-DD" in str(french)


def test_duplicate_id(tmp_path: Path) -> None:
    error = located(tmp_path, actors_csv=ACTORS + "a1,Encore,member,enterprise,,,,\n")
    assert error.line == 5 and "row 2" in str(error)


def test_link_to_unknown_actor(tmp_path: Path) -> None:
    error = located(tmp_path, links_csv=LINKS + "a1,zz,interaction,,,\n")
    assert (error.line, error.location.field) == (3, "target")


def test_unknown_participant(tmp_path: Path) -> None:
    error = located(tmp_path, projects_csv=PROJECTS.replace("a1;a2", "a1;a9"))
    assert error.location.field == "participants"


def test_invalid_siret_is_a_warning_not_an_error(tmp_path: Path) -> None:
    with pytest.warns(DataWarning, match="Luhn"):
        pole = read_bundle(make(tmp_path, actors_csv=ACTORS.replace("73282932000074", "73282932000075")))
    assert pole.actor("a2").siret == "73282932000075"


def test_siret_in_scientific_notation(tmp_path: Path) -> None:
    error = located(tmp_path, actors_csv=ACTORS.replace("73282932000074", "7.3282932E+13"))
    assert "text" in str(error)


def test_commune_code_with_dropped_leading_zero(tmp_path: Path) -> None:
    error = located(tmp_path, actors_csv=ACTORS.replace("31555\na3", "1001\na3"))
    assert error.location.field == "commune" and "01001" in str(error)


def test_bad_territory_code(tmp_path: Path) -> None:
    error = located(tmp_path, pole_csv=POLE.replace("31555;R76", "31555;Occitanie"))
    assert error.location.field == "territory_codes"


def test_pole_csv_needs_one_row(tmp_path: Path) -> None:
    error = located(tmp_path, pole_csv=POLE + "other,Autre,,,,,,\n")
    assert error.line == 3


def test_semicolon_separator_bom_and_windows_1252(tmp_path: Path) -> None:
    folder = make(tmp_path)
    (folder / "pole.csv").write_bytes(("\ufeff" + POLE.replace(",", ";").replace("31555;R76", '"31555;R76"'))
                                      .encode("utf-8"))
    (folder / "actors.csv").write_bytes(ACTORS.replace("Assoc A", "Café é").encode("cp1252"))
    with pytest.warns(DataWarning, match="Windows-1252"):
        pole = read_bundle(folder)
    assert pole.name == "Pôle Démo" and pole.territory.codes == ["31555", "R76"]
    assert pole.actor("a1").name == "Café é"


def test_decimal_commas_and_spaces_in_amounts(tmp_path: Path) -> None:
    funding = (
        "funder;kind;program;year;amount\n"
        "a3;public;state-ptce-call-2014;2014;1 500,50\n"
        "Région;public;;2015;2\u202f000\n"
    )
    pole = read_bundle(make(tmp_path, funding_csv=funding))
    assert sorted(f.amount for f in pole.funding) == [Decimal("1500.50"), Decimal("2000")]
    assert {f.funder for f in pole.funding} == {"a3", "Région"}


def test_bad_amount_is_located(tmp_path: Path) -> None:
    error = located(tmp_path, funding_csv="funder,kind,program,year,amount\na3,public,,2014,beaucoup\n")
    assert (error.line, error.location.field) == (2, "amount")


def test_formula_injection_is_neutralised_and_restored(tmp_path: Path) -> None:
    pole = read_bundle(make(tmp_path))
    pole.actor("a1").name = "=HYPERLINK(\"http://evil\")"
    pole.actor("a2").name = "-minus"
    write_bundle(pole, tmp_path / "out")
    text = (tmp_path / "out" / "actors.csv").read_text()
    assert "'=HYPERLINK" in text and "'-minus" in text
    back = read_bundle(tmp_path / "out")
    assert back.actor("a1").name == pole.actor("a1").name and back.actor("a2").name == "-minus"


def test_french_booleans_and_relations(tmp_path: Path) -> None:
    actors = ACTORS.replace("member,enterprise,commercial-company,no", "membre,enterprise,commercial-company,non")
    pole = read_bundle(make(tmp_path, actors_csv=actors))
    assert pole.actor("a2").ess_mention is False and pole.relation_of("a2").value == "member"


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ptce_graph.errors import OutputError
    from ptce_graph.io import bundle

    pole = read_bundle(make(tmp_path))
    target = tmp_path / "out"
    write_bundle(pole, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    pole.actor("a1").name = "Changed"

    real = bundle.csv_bytes
    calls = []

    def crash_on_third_file(*args: object) -> bytes:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(bundle, "csv_bytes", crash_on_third_file)
    with pytest.raises(OutputError, match="cannot write \\(disk full\\)"):  # said, exit 2: never a traceback
        write_bundle(pole, target)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if ".part" in p.name or ".old" in p.name]
    monkeypatch.undo()
    pole.links[0].source = "nobody"
    with pytest.raises(OutputError, match="nobody"):
        write_bundle(pole, target)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(poles())
def test_french_excel_bundle_round_trip_is_lossless(tmp_path: Path, pole: Pole) -> None:
    from ptce_graph.io.csv_writer import EXCEL_FR

    folder = tmp_path / "rt-fr"
    write_bundle(pole, folder, dialect=EXCEL_FR, lang="fr")
    assert (folder / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbfidentifiant;nom;relation;type;")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        back = read_bundle(folder)
    assert without_iris(back.canonical()) == without_iris(pole.canonical())
