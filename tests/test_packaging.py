"""What ships inside the package equals the repository's source files.

In an editable install the package reads ``ontology/`` and ``shapes/`` from the
repository itself; in a wheel they are copies.  ``.ci/run`` builds the wheel,
installs it in a fresh virtual environment and runs this file there, so the
copies are compared with the sources byte for byte.
"""

from __future__ import annotations

import importlib
from importlib import metadata
from pathlib import Path

import pytest

import ptce_graph
from ptce_graph.resources import ONTOLOGY_FILES, read_bytes, shape_files, shapes_dir

REPO = Path(__file__).resolve().parent.parent


def _source_files() -> dict[str, Path]:
    files = {}
    for folder in ("ontology", "shapes"):
        for path in sorted((REPO / folder).iterdir()):
            if path.is_file() and not path.name.startswith("."):
                files[f"{folder}/{path.name}"] = path
    return files


def test_installed_copies_equal_the_repository_files() -> None:
    try:
        installed = metadata.files("ptce-graph") or []
    except metadata.PackageNotFoundError:
        pytest.skip("ptce-graph is not installed")
    copies = {
        "/".join(f.parts[1:]): f for f in installed if len(f.parts) == 3 and f.parts[0] == "ptce_graph"
        and f.parts[1] in ("ontology", "shapes") and not f.parts[2].startswith(".")
    }
    imported_from = Path(ptce_graph.__file__).resolve().parent
    if not copies or Path(next(iter(copies.values())).locate()).resolve().parent.parent != imported_from:
        # Editable install: ptce_graph is imported from the repository and reads
        # ontology/ and shapes/ there (hatch leaves unused copies in site-packages).
        pytest.skip("editable install: the package reads the repository files themselves")
    sources = _source_files()
    assert sorted(copies) == sorted(sources)
    for name, path in sources.items():
        assert Path(copies[name].locate()).read_bytes() == path.read_bytes(), name


def test_resources_serve_the_repository_files() -> None:
    for name in ONTOLOGY_FILES + ("context.jsonld",):
        assert read_bytes("ontology", name) == (REPO / "ontology" / name).read_bytes(), name
    for name in ("cog.json.xz", "anciennes-regions.csv"):
        assert read_bytes("data", name) == (REPO / "ptce_graph" / "data" / name).read_bytes(), name
    source = sorted(p.name for p in (REPO / "shapes").glob("*.ttl"))
    assert shape_files() == source
    for name in source:
        assert shapes_dir().joinpath(name).read_bytes() == (REPO / "shapes" / name).read_bytes(), name


def test_typed_package_and_one_version_source() -> None:
    assert (Path(ptce_graph.__file__).parent / "py.typed").exists()
    pyproject = (REPO / "pyproject.toml").read_text()
    assert f'version = "{ptce_graph.__version__}"' in pyproject


def test_import_has_no_side_effects() -> None:
    import logging

    root_handlers = list(logging.getLogger().handlers)
    importlib.reload(ptce_graph)
    assert logging.getLogger().handlers == root_handlers
